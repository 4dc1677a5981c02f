package momentum

import (
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/gd"
	"github.com/optlab/optlab/pkg/optim"
)

// Options are the momentum method's settings.
type Options struct {
	optim.Settings // MaxIter = number of steps; GTol > 0 stops when ‖∇f‖₂ ≤ GTol

	// LR is the learning rate η > 0.
	LR float64
	// Momentum is μ ∈ [0, 1); μ = 0 is plain gradient descent.
	Momentum float64
	// Nesterov selects Nesterov's accelerated gradient in PyTorch's form
	// instead of the heavy ball.
	Nesterov bool

	// ForwardDiff and DiffStep choose the finite differences used when the
	// problem has no gradient (see gd.Config).
	ForwardDiff bool
	DiffStep    float64
}

// DefaultOptions returns 1000 heavy-ball steps with η = 1e-3 and μ = 0.9.
func DefaultOptions() *Options {
	return &Options{Settings: optim.Settings{MaxIter: 1000}, LR: 1e-3, Momentum: 0.9}
}

// Minimize minimizes p.Func by gradient descent with momentum from x0. The
// Result holds the best point evaluated (the minimum of the trace); the loop,
// the counts and the stopping rules are those of gd.Loop. A nil o means
// DefaultOptions().
func Minimize(p optim.Problem, x0 []float64, o *Options) (*optim.Result, error) {
	r, _, err := run(p, x0, o, false)
	return r, err
}

// MinimizePath is Minimize that also returns the path: every iterate, the
// loss and gradient norm measured there, and the last iterate.
func MinimizePath(p optim.Problem, x0 []float64, o *Options) (*optim.Result, *gd.Path, error) {
	return run(p, x0, o, true)
}

func run(p optim.Problem, x0 []float64, o *Options, record bool) (*optim.Result, *gd.Path, error) {
	if o == nil {
		o = DefaultOptions()
	}
	if !(o.LR > 0) || math.IsInf(o.LR, 0) {
		return nil, nil, fmt.Errorf("momentum: the learning rate LR must be positive and finite, got %v", o.LR)
	}
	if !(o.Momentum >= 0 && o.Momentum < 1) {
		return nil, nil, fmt.Errorf("momentum: Momentum must be in [0, 1), got %v", o.Momentum)
	}
	v := make([]float64, len(x0)) // the velocity, v₀ = 0
	step := HeavyBall
	if o.Nesterov {
		step = Nesterov
	}
	c := gd.Config{Settings: o.Settings, ForwardDiff: o.ForwardDiff, DiffStep: o.DiffStep, Record: record}
	return gd.Loop(p, x0, c, func(_ int, x, g []float64) { step(x, v, g, o.LR, o.Momentum) })
}

// HeavyBall is one step of Polyak's heavy-ball method, with g = ∇f(x):
//
//	v ← μ v − η g
//	x ← x + v
func HeavyBall(x, v, g []float64, lr, mu float64) {
	for i := range x {
		v[i] = mu*v[i] - lr*g[i]
		x[i] += v[i]
	}
}

// Nesterov is one step of Nesterov's accelerated gradient in the form of
// PyTorch's SGD(nesterov=True), with g = ∇f(x) taken at the current iterate:
//
//	v ← μ v − η g
//	x ← x + μ v − η g
//
// (PyTorch keeps b = −v/η: b ← μ b + g, x ← x − η (g + μ b).)
func Nesterov(x, v, g []float64, lr, mu float64) {
	for i := range x {
		v[i] = mu*v[i] - lr*g[i]
		x[i] += mu*v[i] - lr*g[i]
	}
}
