package gd

import (
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/optim"
)

// Default finite-difference steps, used when Config.DiffStep is 0. They are
// the classical choices ε^(1/3) for central and ε^(1/2) for forward
// differences, with ε the float64 machine epsilon.
const (
	DefaultCentralStep = 6.055454452393343e-06  // cbrt(2.22e-16)
	DefaultForwardStep = 1.4901161193847656e-08 // sqrt(2.22e-16), SciPy's default
)

// Config is what [Loop] needs besides the update rule: the common settings
// and how to get the gradient.
type Config struct {
	optim.Settings

	// ForwardDiff selects forward instead of central differences when the
	// problem has no analytic gradient (Problem.Grad == nil).
	ForwardDiff bool
	// DiffStep is the finite-difference step h; 0 means DefaultCentralStep
	// or DefaultForwardStep.
	DiffStep float64
	// Record keeps a copy of every iterate in Path.X.
	Record bool
}

// Path is the history of a first-order run, one entry per measured iterate.
type Path struct {
	// X[k] is the k-th iterate x_k, with X[0] = x0 (only with Config.Record).
	X [][]float64
	// F[k] = f(x_k), the loss measured before step k+1 — what a PyTorch
	// training loop prints.
	F []float64
	// GNorm[k] = ‖∇f(x_k)‖₂.
	GNorm []float64
	// Last is the final iterate. After an iteration limit it is the point
	// produced by the last step, which was never evaluated; after any other
	// stop it is the last evaluated point.
	Last []float64
}

// Loop is the driver shared by optlab's first-order methods (this package,
// momentum and adam). Starting from x0 it repeats, at most MaxIter times:
//
//  1. evaluate f(x_k) and the gradient g_k = ∇f(x_k) (Problem.Grad, or
//     finite differences when it is nil);
//  2. stop if either is not finite (Status NonFinite) or if GTol > 0 and
//     ‖g_k‖₂ ≤ GTol (Status Converged);
//  3. call step(k, x, g), which moves x to x_{k+1} in place;
//  4. project x onto the box if the problem has bounds, and call the
//     Callback.
//
// So MaxIter is the number of steps, each step costs one evaluation of f and
// one of the gradient, and the final iterate x_MaxIter is not evaluated,
// exactly like a PyTorch loop that computes the loss before each
// optimizer.step(). Finite-difference evaluations go through the same
// counter (NFev, Trace) and cost 2n (central) or n extra evaluations
// (forward, which reuses f(x_k)); NGev counts analytic gradient calls only.
// With MaxEval > 0 the loop stops before a step whose evaluations would
// exceed it.
//
// The Result holds the best evaluated point (the minimum of the trace), not
// the last iterate: that one is in Path.Last. Path.X is filled only when
// Config.Record is set.
//
// Loop returns an error, before any evaluation, for input that cannot work:
// invalid settings, x0 missing or of the wrong length (Problem.Dim vs
// len(x0)), bad bounds or x0 outside them, a negative DiffStep, a MaxEval
// too small for a single step, or a nil step.
func Loop(p optim.Problem, x0 []float64, c Config, step func(k int, x, g []float64)) (*optim.Result, *Path, error) {
	return loop(p, x0, c, step, nil)
}

// search is a line search: it moves x from x_k (value f, gradient g) to
// x_{k+1} in place, projected onto the box, and returns f(x_{k+1}). A status
// other than NotTerminated stops the run (x is then unchanged).
type search func(k int, x []float64, f float64, g []float64, o *oracle) (fNew float64, status optim.Status, msg string)

func loop(p optim.Problem, x0 []float64, c Config, step func(k int, x, g []float64), ls search) (*optim.Result, *Path, error) {
	if step == nil && ls == nil {
		return nil, nil, fmt.Errorf("gd: Loop needs a step function")
	}
	if err := c.Settings.Validate(); err != nil {
		return nil, nil, err
	}
	if x0 == nil {
		return nil, nil, fmt.Errorf("gd: a start point x0 is required")
	}
	n, err := p.Dimension(x0)
	if err != nil {
		return nil, nil, err
	}
	if p.Lower != nil {
		if err := optim.CheckBounds(p.Lower, p.Upper, false); err != nil {
			return nil, nil, err
		}
	}
	if err := optim.CheckInBounds(x0, p.Lower, p.Upper); err != nil {
		return nil, nil, err
	}
	if c.DiffStep < 0 || math.IsNaN(c.DiffStep) || math.IsInf(c.DiffStep, 0) {
		return nil, nil, fmt.Errorf("gd: DiffStep must be a finite non-negative number (0 = default), got %v", c.DiffStep)
	}
	o := newOracle(p, n, c)
	if c.MaxEval > 0 && c.MaxEval < o.cost(false) {
		return nil, nil, fmt.Errorf("gd: MaxEval = %d is less than the %d evaluations of one step", c.MaxEval, o.cost(false))
	}

	x := append([]float64(nil), x0...)
	g := make([]float64, n)
	path := &Path{}
	r := &optim.Result{}
	var f float64
	known := false // f(x) already known (from the line search)
	for k := 0; ; k++ {
		if k == c.MaxIter {
			r.Status = optim.IterationLimit
			r.Message = fmt.Sprintf("did %d steps (MaxIter)", k)
			break
		}
		if o.e.Remaining() < o.cost(known) {
			r.Status = optim.EvaluationLimit
			r.Message = fmt.Sprintf("the next step would exceed MaxEval = %d evaluations", c.MaxEval)
			break
		}
		if known {
			o.grad(g, x, f)
		} else {
			f = o.funcGrad(g, x)
		}
		gn := norm(g)
		if c.Record {
			path.X = append(path.X, append([]float64(nil), x...))
		}
		path.F = append(path.F, f)
		path.GNorm = append(path.GNorm, gn)
		if !optim.IsFinite(f) {
			r.Status = optim.NonFinite
			r.Message = fmt.Sprintf("f(x) = %v at iteration %d", f, k)
			break
		}
		if !optim.IsFinite(gn) {
			r.Status = optim.NonFinite
			r.Message = fmt.Sprintf("the gradient is not finite at iteration %d", k)
			break
		}
		if c.GTol > 0 && gn <= c.GTol {
			r.Status = optim.Converged
			r.Message = fmt.Sprintf("‖∇f‖ = %g ≤ GTol = %g", gn, c.GTol)
			break
		}
		if ls != nil {
			fNew, st, msg := ls(k, x, f, g, o)
			if st != optim.NotTerminated {
				r.Status, r.Message = st, msg
				break
			}
			f, known = fNew, true
		} else {
			step(k, x, g)
			project(x, p.Lower, p.Upper)
			known = false
		}
		r.NIt = k + 1
		if c.Callback != nil && c.Callback(optim.Iteration{Iter: r.NIt, NFev: o.e.NFev, X: o.e.BestX, F: o.e.BestF}) {
			r.Status = optim.Stopped
			r.Message = fmt.Sprintf("the callback stopped the run after %d steps", r.NIt)
			break
		}
	}
	o.e.Fill(r)
	r.NGev = o.ngev
	path.Last = x
	return r, path, nil
}

// oracle evaluates f and its gradient, analytic or by finite differences,
// counting everything in one Evaluator.
type oracle struct {
	e       *optim.Evaluator
	p       optim.Problem
	forward bool
	h       float64
	n       int
	ngev    int
}

func newOracle(p optim.Problem, n int, c Config) *oracle {
	o := &oracle{e: optim.NewEvaluator(p.Func, c.MaxEval), p: p, forward: c.ForwardDiff, h: c.DiffStep, n: n}
	if o.h == 0 {
		o.h = DefaultCentralStep
		if o.forward {
			o.h = DefaultForwardStep
		}
	}
	return o
}

// cost is the number of evaluations of f that one gradient (and f(x), unless
// known) takes.
func (o *oracle) cost(known bool) int {
	c := 0
	switch {
	case o.p.Grad != nil:
	case o.forward:
		c = o.n
	default:
		c = 2 * o.n
	}
	if !known {
		c++
	}
	return c
}

// funcGrad returns f(x) and writes ∇f(x) into g.
func (o *oracle) funcGrad(g, x []float64) float64 {
	f := o.e.Eval(x)
	o.grad(g, x, f)
	return f
}

// grad writes ∇f(x) into g, given f = f(x).
func (o *oracle) grad(g, x []float64, f float64) {
	if o.p.Grad != nil {
		o.p.Grad(g, x)
		o.ngev++
		return
	}
	if !optim.IsFinite(f) {
		for i := range g {
			g[i] = math.NaN()
		}
		return
	}
	if o.forward {
		for i := range x {
			xi := x[i]
			x[i] = xi + o.h
			g[i] = (o.e.Eval(x) - f) / o.h
			x[i] = xi
		}
		return
	}
	optim.CentralDiff(o.e.Eval, x, o.h, g)
}

// norm is the Euclidean norm, scaled so that large finite components do not
// overflow; it is NaN or +Inf if a component is.
func norm(v []float64) float64 {
	scale := 0.0
	for _, vi := range v {
		if !optim.IsFinite(vi) {
			return math.Abs(vi) // NaN or +Inf
		}
		scale = max(scale, math.Abs(vi))
	}
	if scale == 0 {
		return 0
	}
	var s float64
	for _, vi := range v {
		s += (vi / scale) * (vi / scale)
	}
	return scale * math.Sqrt(s)
}

// project clips x onto [lower, upper] (nil bounds: no-op).
func project(x, lower, upper []float64) {
	if lower == nil {
		return
	}
	for i := range x {
		x[i] = min(max(x[i], lower[i]), upper[i])
	}
}
