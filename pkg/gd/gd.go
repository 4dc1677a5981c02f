package gd

import (
	"flag"

	"github.com/optlab/optlab/pkg/optim"
)

func init() { optim.Register(func() optim.Method { return &Method{} }) }

// Defaults of gradient descent (and of the loop's budget for momentum and
// adam).
const (
	DefaultLR      = 1e-3 // the learning rate η
	DefaultMaxIter = 1000 // steps, when Settings.MaxIter is 0
)

// MaxDim is the practical dimension of the first-order methods: a step
// costs O(n) besides the gradient (which costs n evaluations of f without
// Problem.Grad).
const MaxDim = 1_000_000

// Method is gradient descent with a fixed step, registered as "gd":
//
//	x_{k+1} = clip(x_k − η ∇f(x_k))
//
// run by [Loop] (one iteration = one step; Settings.MaxIter steps, default
// 1000; Settings.GTol (default 1e-6) stops when ‖P(∇f)‖₂ ≤ GTol). Steepest descent with
// a line search is another method (package linesearch).
type Method struct {
	// LR is the learning rate η > 0; 0 means DefaultLR = 1e-3. On a
	// quadratic with largest curvature L the iteration converges iff
	// η < 2/L.
	LR float64
}

// Info describes gd.
func (m *Method) Info() optim.Info {
	return optim.Info{
		Name:           "gd",
		Summary:        "gradient descent with a fixed step (learning rate)",
		Iteration:      IterationDoc,
		DefaultMaxIter: DefaultMaxIter,
		MaxDim:         MaxDim,
		Gradient:       true,
	}
}

// Flags defines -lr.
func (m *Method) Flags(fs *flag.FlagSet) {
	fs.Float64Var(&m.LR, "lr", m.LR, "learning rate η (default 0.001)")
}

// Run minimizes t's problem; it rejects a negative or non-finite LR.
func (m *Method) Run(t *optim.Task) error {
	lr, err := CheckLR("gd", m.LR, DefaultLR)
	if err != nil {
		return err
	}
	return Loop(t, func(_ int, x, g []float64) { Step(x, g, lr) })
}

// Step is one step of gradient descent with learning rate η:
//
//	x ← x − η ∇f(x)
func Step(x, g []float64, lr float64) {
	for i := range x {
		x[i] -= lr * g[i]
	}
}
