package toynet

import (
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/reference"
)

// NumParams is the number of parameters: W1 (4), W2 (4), b (2).
const NumParams = 10

// NumSamples is the number of inputs in the reference data set (Loss walks
// them two at a time, so it must stay even).
const NumSamples = 32

// Net is the toy network bound to a data set. Its methods never modify it,
// so one Net may be shared by many goroutines.
type Net struct {
	u [NumSamples][2]float64
}

// New returns the network on the given inputs (exactly NumSamples points).
func New(inputs [][2]float64) (*Net, error) {
	if len(inputs) != NumSamples {
		return nil, fmt.Errorf("toynet: need %d inputs, got %d", NumSamples, len(inputs))
	}
	n := &Net{}
	for i, p := range inputs {
		if !optim.IsFinite(p[0]) || !optim.IsFinite(p[1]) {
			return nil, fmt.Errorf("toynet: input %d = %v is not finite", i, p)
		}
		n.u[i] = p
	}
	return n, nil
}

// Reference returns the network on the reference data set.
func Reference() *Net {
	n, err := New(reference.MustGet().Inputs)
	if err != nil {
		panic("toynet: embedded reference data: " + err.Error())
	}
	return n
}

// X0 returns a copy of the reference start point.
func X0() []float64 { return reference.MustGet().X0 }

// BestKnownX returns a copy of the best parameters known for the reference
// data (loss ≈ 0.7830541615).
func BestKnownX() []float64 { return reference.MustGet().BestKnownX }

// Inputs returns a copy of the network's inputs.
func (n *Net) Inputs() [][2]float64 { return append([][2]float64(nil), n.u[:]...) }

// Loss returns the mean squared error of the network with parameters p.
// len(p) must be NumParams; otherwise Loss returns NaN, which every optlab
// method reports as a non-finite objective (use Check for an error).
func (n *Net) Loss(p []float64) float64 {
	if len(p) != NumParams {
		return math.NaN()
	}
	a00, a01, a10, a11 := p[0], p[1], p[2], p[3]
	c00, c01, c10, c11 := p[4], p[5], p[6], p[7]
	b0, b1 := p[8], p[9]
	// Two samples per step with separate sums keep both FP pipelines busy.
	var s0, s1 float64
	for i := 0; i < NumSamples; i += 2 {
		u0, u1 := n.u[i][0], n.u[i][1]
		v0, v1 := n.u[i+1][0], n.u[i+1][1]
		h0 := relu(a00*u0 + a01*u1)
		h1 := relu(a10*u0 + a11*u1)
		k0 := relu(a00*v0 + a01*v1)
		k1 := relu(a10*v0 + a11*v1)
		e0 := c00*h0 + c01*h1 + b0 - u0
		e1 := c10*h0 + c11*h1 + b1 - u1
		d0 := c00*k0 + c01*k1 + b0 - v0
		d1 := c10*k0 + c11*k1 + b1 - v1
		s0 += e0*e0 + e1*e1
		s1 += d0*d0 + d1*d1
	}
	s := s0 + s1
	return s / (2 * NumSamples)
}

// Grad writes the gradient of the loss at p into grad and returns the loss.
// Both slices must have length NumParams; otherwise Grad fills grad with NaN
// and returns NaN.
func (n *Net) Grad(grad, p []float64) float64 {
	if len(p) != NumParams || len(grad) != NumParams {
		for i := range grad {
			grad[i] = math.NaN()
		}
		return math.NaN()
	}
	a00, a01, a10, a11 := p[0], p[1], p[2], p[3]
	c00, c01, c10, c11 := p[4], p[5], p[6], p[7]
	b0, b1 := p[8], p[9]
	var s float64
	var g [NumParams]float64
	for i := range n.u {
		u0, u1 := n.u[i][0], n.u[i][1]
		z0 := a00*u0 + a01*u1
		z1 := a10*u0 + a11*u1
		h0, h1 := relu(z0), relu(z1)
		e0 := c00*h0 + c01*h1 + b0 - u0
		e1 := c10*h0 + c11*h1 + b1 - u1
		s += e0*e0 + e1*e1
		// dL/dy = e (the factor 2/64 is applied once at the end).
		g[4] += e0 * h0
		g[5] += e0 * h1
		g[6] += e1 * h0
		g[7] += e1 * h1
		g[8] += e0
		g[9] += e1
		// Back through W2 and the ReLU (derivative 0 at z = 0).
		if z0 > 0 {
			d := c00*e0 + c10*e1
			g[0] += d * u0
			g[1] += d * u1
		}
		if z1 > 0 {
			d := c01*e0 + c11*e1
			g[2] += d * u0
			g[3] += d * u1
		}
	}
	const scale = 2.0 / (2 * NumSamples)
	for i := range g {
		grad[i] = g[i] * scale
	}
	return s / (2 * NumSamples)
}

// Check returns an error if p cannot be the network's parameters.
func Check(p []float64) error {
	if len(p) != NumParams {
		return fmt.Errorf("toynet: need %d parameters (W1 4, W2 4, b 2), got %d", NumParams, len(p))
	}
	for i, v := range p {
		if !optim.IsFinite(v) {
			return fmt.Errorf("toynet: parameter %d = %v is not finite", i, v)
		}
	}
	return nil
}

// Evaluate is Loss with an error instead of NaN for invalid parameters.
func (n *Net) Evaluate(p []float64) (float64, error) {
	if err := Check(p); err != nil {
		return math.NaN(), err
	}
	return n.Loss(p), nil
}

// Problem returns the network's loss as an unbounded optim.Problem with its
// analytic gradient.
func (n *Net) Problem() optim.Problem {
	return optim.Problem{
		Func: n.Loss,
		Grad: func(grad, x []float64) { n.Grad(grad, x) },
		Dim:  NumParams,
	}
}

// Layers is the network's parameters in matrix form.
type Layers struct {
	W1 [2][2]float64 // hidden layer, h = ReLU(W1·u)
	W2 [2][2]float64 // output layer, y = W2·h + b
	B  [2]float64
}

// Unflatten turns a parameter vector into layers.
func Unflatten(p []float64) (Layers, error) {
	var l Layers
	if len(p) != NumParams {
		return l, fmt.Errorf("toynet: need %d parameters, got %d", NumParams, len(p))
	}
	l.W1 = [2][2]float64{{p[0], p[1]}, {p[2], p[3]}}
	l.W2 = [2][2]float64{{p[4], p[5]}, {p[6], p[7]}}
	l.B = [2]float64{p[8], p[9]}
	return l, nil
}

// Flatten turns layers into a parameter vector in the order W1, W2, b.
func (l Layers) Flatten() []float64 {
	return []float64{l.W1[0][0], l.W1[0][1], l.W1[1][0], l.W1[1][1],
		l.W2[0][0], l.W2[0][1], l.W2[1][0], l.W2[1][1], l.B[0], l.B[1]}
}

// Forward returns the network's output and hidden activations for input u.
func (l Layers) Forward(u [2]float64) (y, h [2]float64) {
	h[0] = max(l.W1[0][0]*u[0]+l.W1[0][1]*u[1], 0)
	h[1] = max(l.W1[1][0]*u[0]+l.W1[1][1]*u[1], 0)
	y[0] = l.W2[0][0]*h[0] + l.W2[0][1]*h[1] + l.B[0]
	y[1] = l.W2[1][0]*h[0] + l.W2[1][1]*h[1] + l.B[1]
	return y, h
}

// relu is max(z, 0) for finite z (NaN passes through: NaN < 0 is false).
func relu(z float64) float64 {
	if z < 0 {
		return 0
	}
	return z
}
