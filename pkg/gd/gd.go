package gd

import (
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/optim"
)

// Options are gradient descent's settings.
type Options struct {
	optim.Settings // MaxIter = number of steps; GTol > 0 stops when ‖∇f‖₂ ≤ GTol

	// LR is the learning rate η (the initial trial step of the line search
	// when LineSearch is set). It must be positive.
	LR float64

	// LineSearch replaces the fixed step by a backtracking Armijo search.
	LineSearch bool
	// Armijo is the sufficient-decrease constant c₁ ∈ (0, 1); 0 means 1e-4.
	Armijo float64
	// Shrink is the backtracking factor ρ ∈ (0, 1); 0 means 0.5.
	Shrink float64
	// MaxBacktracks is the number of trial steps after which the search
	// gives up (Status LineSearchFailure); 0 means 50.
	MaxBacktracks int

	// ForwardDiff and DiffStep choose the finite differences used when the
	// problem has no gradient (see Config).
	ForwardDiff bool
	DiffStep    float64
}

// DefaultOptions returns 1000 steps of size 1e-3, no line search, central
// differences if there is no gradient, no gradient tolerance.
func DefaultOptions() *Options {
	return &Options{Settings: optim.Settings{MaxIter: 1000}, LR: 1e-3}
}

// Minimize minimizes p.Func by gradient descent from x0. The Result holds
// the best point evaluated (the minimum of the trace); see [Loop] for the
// exact loop, the counts and the stopping rules. A nil o means
// DefaultOptions().
func Minimize(p optim.Problem, x0 []float64, o *Options) (*optim.Result, error) {
	r, _, err := run(p, x0, o, false)
	return r, err
}

// MinimizePath is Minimize that also returns the path: every iterate, the
// loss and gradient norm measured there, and the last iterate.
func MinimizePath(p optim.Problem, x0 []float64, o *Options) (*optim.Result, *Path, error) {
	return run(p, x0, o, true)
}

func run(p optim.Problem, x0 []float64, o *Options, record bool) (*optim.Result, *Path, error) {
	if o == nil {
		o = DefaultOptions()
	}
	if !(o.LR > 0) || math.IsInf(o.LR, 0) {
		return nil, nil, fmt.Errorf("gd: the learning rate LR must be positive and finite, got %v", o.LR)
	}
	c := Config{Settings: o.Settings, ForwardDiff: o.ForwardDiff, DiffStep: o.DiffStep, Record: record}
	if !o.LineSearch {
		return Loop(p, x0, c, func(_ int, x, g []float64) { Step(x, g, o.LR) })
	}
	c1, rho, maxTries := o.Armijo, o.Shrink, o.MaxBacktracks
	if c1 == 0 {
		c1 = 1e-4
	}
	if rho == 0 {
		rho = 0.5
	}
	if maxTries == 0 {
		maxTries = 50
	}
	if !(c1 > 0 && c1 < 1) {
		return nil, nil, fmt.Errorf("gd: Armijo must be in (0, 1), got %v", o.Armijo)
	}
	if !(rho > 0 && rho < 1) {
		return nil, nil, fmt.Errorf("gd: Shrink must be in (0, 1), got %v", o.Shrink)
	}
	if maxTries < 0 {
		return nil, nil, fmt.Errorf("gd: MaxBacktracks must be positive (0 = default), got %d", o.MaxBacktracks)
	}
	ls := func(k int, x []float64, f float64, g []float64, or *oracle) (float64, optim.Status, string) {
		return armijo(x, f, g, o.LR, c1, rho, maxTries, p.Lower, p.Upper, or.e)
	}
	return loop(p, x0, c, nil, ls)
}

// Step is one step of gradient descent with learning rate η:
//
//	x ← x − η ∇f(x)
func Step(x, g []float64, lr float64) {
	for i := range x {
		x[i] -= lr * g[i]
	}
}

// armijo is the backtracking line search: starting from α = α₀ it tries
// y = x − α g (projected onto the box) and halves α (more precisely,
// multiplies it by ρ) until the sufficient-decrease condition
//
//	f(y) ≤ f(x) + c₁ ∇f(x)·(y − x)      (= f(x) − c₁ α ‖∇f(x)‖² without bounds)
//
// holds. A non-finite f(y) counts as too large. On success x becomes y.
func armijo(x []float64, f float64, g []float64, alpha0, c1, rho float64, maxTries int,
	lower, upper []float64, e *optim.Evaluator) (float64, optim.Status, string) {
	y := make([]float64, len(x))
	alpha := alpha0
	for try := 0; try < maxTries; try++ {
		var slope float64 // ∇f(x)·(y − x)
		moved := false
		for i := range x {
			y[i] = x[i] - alpha*g[i]
		}
		project(y, lower, upper)
		for i := range x {
			slope += g[i] * (y[i] - x[i])
			moved = moved || y[i] != x[i]
		}
		if !moved {
			if try == 0 {
				return f, optim.Converged, "the projected gradient step is zero: x is stationary on the box"
			}
			break // α too small to move x at all
		}
		if e.Exhausted() {
			return f, optim.EvaluationLimit, "MaxEval reached during the line search"
		}
		if fy := e.Eval(y); optim.IsFinite(fy) && fy <= f+c1*slope {
			copy(x, y)
			return fy, optim.NotTerminated, ""
		}
		alpha *= rho
	}
	return f, optim.LineSearchFailure, fmt.Sprintf("no step satisfied the Armijo condition down to α = %g", alpha)
}
