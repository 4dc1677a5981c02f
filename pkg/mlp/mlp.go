package mlp

import (
	"fmt"
	"math"
	"sync"

	"github.com/optlab/optlab/pkg/optim"
)

// Activation is the activation function of the hidden layers; the output
// layer is always the identity (a regression network).
type Activation int

const (
	// ReLU is max(z, 0), with derivative 0 at z = 0 (as PyTorch and
	// toynet take it). The zero Activation.
	ReLU Activation = iota
	// Tanh is tanh(z), derivative 1 − tanh²(z).
	Tanh
	// Identity is z: the network is then linear in its input.
	Identity
)

func (a Activation) String() string {
	switch a {
	case ReLU:
		return "relu"
	case Tanh:
		return "tanh"
	case Identity:
		return "identity"
	}
	return fmt.Sprintf("Activation(%d)", int(a))
}

// MaxParams bounds the number of parameters New accepts (2²⁶, half a
// gigabyte of float64 per parameter vector).
const MaxParams = 1 << 26

// layer is one affine map a_out = act(W·a_in + b), with W stored row-major
// (row j = unit j) at p[w : w+out·in] and b at p[b : b+out] (b < 0: no
// bias). unit is the offset of the layer's activations in the scratch.
type layer struct {
	in, out int
	w, b    int
	unit    int
}

// Net is a multilayer perceptron bound to a data set. It is never
// modified after New, so one Net may be used by many goroutines at once.
type Net struct {
	sizes   []int
	act     Activation
	bias    bool
	layers  []layer
	nParams int
	nUnits  int       // activations per sample, over all layers but the input
	n       int       // samples
	u, y    []float64 // inputs (n × sizes[0]) and targets (n × out), row-major
	pool    sync.Pool // *[]float64 scratch of 2·nUnits for large networks
}

// New returns the network with layer sizes sizes (input, hidden..., output;
// at least two), activation act on every hidden layer and the identity on
// the output layer, trained on inputs (each of length sizes[0]) and
// targets (each of length sizes[len−1]) with the mean squared error
//
//	L(θ) = 1/(N·m) · Σ_k Σ_j (y_kj(θ) − t_kj)²     (N samples, m outputs)
//
// The output layer always has a bias; bias says whether the hidden layers
// have one too. The parameters θ are ordered layer by layer, from the
// input: for layer l its weights W_l (row-major, W_l[j][i] from unit i of
// layer l−1 to unit j of layer l), then its bias b_l if it has one. So the
// 2-2-2 ReLU network without hidden bias is exactly package toynet's
// network with toynet's order W1 (4), W2 (4), b (2): New([]int{2, 2, 2},
// ReLU, false, u, u) on toynet's inputs u.
//
// New returns an error for fewer than two layers, a layer without units,
// an unknown activation, no samples, inputs and targets of different
// counts or of the wrong lengths, non-finite data, or more than MaxParams
// parameters. The data are copied.
func New(sizes []int, act Activation, bias bool, inputs, targets [][]float64) (*Net, error) {
	if len(sizes) < 2 {
		return nil, fmt.Errorf("mlp: need at least 2 layer sizes (input and output), got %v", sizes)
	}
	for i, s := range sizes {
		if s < 1 {
			return nil, fmt.Errorf("mlp: layer %d has %d units; every layer needs at least 1", i, s)
		}
	}
	if act != ReLU && act != Tanh && act != Identity {
		return nil, fmt.Errorf("mlp: unknown activation %v", act)
	}
	if len(inputs) == 0 {
		return nil, fmt.Errorf("mlp: no samples")
	}
	if len(inputs) != len(targets) {
		return nil, fmt.Errorf("mlp: %d inputs but %d targets", len(inputs), len(targets))
	}
	nt := &Net{sizes: append([]int(nil), sizes...), act: act, bias: bias, n: len(inputs)}
	p, units := 0, 0
	for l := 1; l < len(sizes); l++ {
		in, out := sizes[l-1], sizes[l]
		if in > MaxParams/out || p > MaxParams-in*out-out {
			return nil, fmt.Errorf("mlp: layer sizes %v have more than %d parameters", sizes, MaxParams)
		}
		ly := layer{in: in, out: out, w: p, b: -1, unit: units}
		p += in * out
		if bias || l == len(sizes)-1 {
			ly.b = p
			p += out
		}
		units += out
		nt.layers = append(nt.layers, ly)
	}
	nt.nParams, nt.nUnits = p, units
	nin, nout := sizes[0], sizes[len(sizes)-1]
	nt.u = make([]float64, 0, len(inputs)*nin)
	nt.y = make([]float64, 0, len(inputs)*nout)
	for k := range inputs {
		if len(inputs[k]) != nin {
			return nil, fmt.Errorf("mlp: input %d has length %d, want %d", k, len(inputs[k]), nin)
		}
		if len(targets[k]) != nout {
			return nil, fmt.Errorf("mlp: target %d has length %d, want %d", k, len(targets[k]), nout)
		}
		if !optim.AllFinite(inputs[k]) || !optim.AllFinite(targets[k]) {
			return nil, fmt.Errorf("mlp: sample %d is not finite: input %v, target %v", k, inputs[k], targets[k])
		}
		nt.u = append(nt.u, inputs[k]...)
		nt.y = append(nt.y, targets[k]...)
	}
	size := 2 * units
	nt.pool.New = func() any { s := make([]float64, size); return &s }
	return nt, nil
}

// NumParams returns the number of parameters.
func (nt *Net) NumParams() int { return nt.nParams }

// Sizes returns a copy of the layer sizes.
func (nt *Net) Sizes() []int { return append([]int(nil), nt.sizes...) }

// Activation returns the hidden layers' activation.
func (nt *Net) Activation() Activation { return nt.act }

// HiddenBias reports whether the hidden layers have biases.
func (nt *Net) HiddenBias() bool { return nt.bias }

// NumSamples returns the number of samples.
func (nt *Net) NumSamples() int { return nt.n }

// Problem returns the loss as an unbounded optim.Problem with its analytic
// gradient (Func and Grad are safe for concurrent use).
func (nt *Net) Problem() optim.Problem {
	return optim.Problem{
		Func: nt.Loss,
		Grad: func(grad, x []float64) { nt.Grad(grad, x) },
		Dim:  nt.nParams,
	}
}

// stackUnits is the scratch size (2·units) below which Loss and Grad use
// a buffer on the stack instead of the pool.
const stackUnits = 256

// Loss returns the mean squared error at parameters p. len(p) must be
// NumParams; otherwise Loss returns NaN (a non-finite objective for every
// optlab method). It allocates nothing.
func (nt *Net) Loss(p []float64) float64 {
	if len(p) != nt.nParams {
		return math.NaN()
	}
	var buf [stackUnits]float64
	var a []float64
	if 2*nt.nUnits <= stackUnits {
		a = buf[:nt.nUnits]
	} else {
		s := nt.pool.Get().(*[]float64)
		defer nt.pool.Put(s)
		a = (*s)[:nt.nUnits]
	}
	return nt.loss(p, a)
}

func (nt *Net) loss(p, a []float64) float64 {
	nin, nout := nt.sizes[0], nt.sizes[len(nt.sizes)-1]
	last := nt.layers[len(nt.layers)-1]
	var s float64
	for k := range nt.n {
		nt.forward(p, nt.u[k*nin:(k+1)*nin], a)
		y, t := a[last.unit:last.unit+nout], nt.y[k*nout:(k+1)*nout]
		for j := range y {
			e := y[j] - t[j]
			s += e * e
		}
	}
	return s / float64(nt.n*nout)
}

// forward computes the activations of every layer for input u into a.
func (nt *Net) forward(p, u, a []float64) {
	in := u
	for l, ly := range nt.layers {
		out := a[ly.unit : ly.unit+ly.out]
		hidden := l < len(nt.layers)-1
		for j := range out {
			w := p[ly.w+j*ly.in : ly.w+(j+1)*ly.in]
			var z float64
			for i, v := range in {
				z += w[i] * v
			}
			if ly.b >= 0 {
				z += p[ly.b+j]
			}
			if hidden {
				z = nt.act.f(z)
			}
			out[j] = z
		}
		in = out
	}
}

// Grad writes the gradient of the loss at p into grad (by backpropagation)
// and returns the loss. Both must have length NumParams; otherwise grad is
// filled with NaN and Grad returns NaN. It allocates nothing.
func (nt *Net) Grad(grad, p []float64) float64 {
	if len(p) != nt.nParams || len(grad) != nt.nParams {
		for i := range grad {
			grad[i] = math.NaN()
		}
		return math.NaN()
	}
	var buf [stackUnits]float64
	var a []float64
	if 2*nt.nUnits <= stackUnits {
		a = buf[:2*nt.nUnits]
	} else {
		s := nt.pool.Get().(*[]float64)
		defer nt.pool.Put(s)
		a = *s
	}
	return nt.grad(grad, p, a[:nt.nUnits], a[nt.nUnits:2*nt.nUnits])
}

// grad accumulates Σ_k ∂(Σ_j e_kj²)/∂θ with a the activations and d the
// back-propagated errors δ = ∂/∂z of one sample, then scales by 2/(N·m).
func (nt *Net) grad(grad, p, a, d []float64) float64 {
	clear(grad)
	nin, nout := nt.sizes[0], nt.sizes[len(nt.sizes)-1]
	L := len(nt.layers)
	last := nt.layers[L-1]
	var s float64
	for k := range nt.n {
		u := nt.u[k*nin : (k+1)*nin]
		nt.forward(p, u, a)
		y, t := a[last.unit:last.unit+nout], nt.y[k*nout:(k+1)*nout]
		dl := d[last.unit : last.unit+nout]
		for j := range y {
			e := y[j] - t[j]
			s += e * e
			dl[j] = e // the factor 2/(N·m) is applied once at the end
		}
		for l := L - 1; l >= 0; l-- {
			ly := nt.layers[l]
			in := u
			if l > 0 {
				prev := nt.layers[l-1]
				in = a[prev.unit : prev.unit+prev.out]
			}
			dl := d[ly.unit : ly.unit+ly.out]
			for j, dj := range dl {
				gw := grad[ly.w+j*ly.in : ly.w+(j+1)*ly.in]
				for i, v := range in {
					gw[i] += dj * v
				}
				if ly.b >= 0 {
					grad[ly.b+j] += dj
				}
			}
			if l > 0 {
				nt.backward(p, ly, in, dl, d[nt.layers[l-1].unit:])
			}
		}
	}
	scale := 2 / float64(nt.n*nout)
	for i := range grad {
		grad[i] *= scale
	}
	return s / float64(nt.n*nout)
}

// backward sets δ_prev[i] = act′(z_i) · Σ_j W[j][i] δ[j] for the layer ly
// below, whose activations are a.
func (nt *Net) backward(p []float64, ly layer, a, delta, prev []float64) {
	prev = prev[:ly.in]
	for i, ai := range a {
		dv := nt.act.deriv(ai)
		if dv == 0 {
			prev[i] = 0
			continue
		}
		var s float64
		for j, dj := range delta {
			s += p[ly.w+j*ly.in+i] * dj
		}
		if nt.act != ReLU { // ReLU's derivative is exactly 1 here
			s *= dv
		}
		prev[i] = s
	}
}

// f is the activation.
func (a Activation) f(z float64) float64 {
	switch a {
	case ReLU:
		if z < 0 { // NaN passes through, as in toynet
			return 0
		}
		return z
	case Tanh:
		return math.Tanh(z)
	}
	return z
}

// deriv is the activation's derivative, written in terms of its value h.
func (a Activation) deriv(h float64) float64 {
	switch a {
	case ReLU:
		if h > 0 {
			return 1
		}
		return 0
	case Tanh:
		return 1 - h*h
	}
	return 1
}
