package onedim

import (
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/optim"
)

// Newton minimizes f from x0 by Newton's method on f′ = 0, with df = f′ and
// d2f = f″:
//
//	x ← x − f′(x)/f″(x)
//
// which jumps to the minimizer of the quadratic model
// f(x) + f′(x)·s + f″(x)·s²/2, when f″(x) > 0.
//
// One iteration is one step: it calls f′ and f″ at the current point and
// moves. Before stepping, Newton checks:
//   - f′ or f″ NaN or ±Inf: status NonFinite;
//   - f″(x) ≤ 0: the model has no minimum, and the step would head for a
//     maximum (f″ < 0) or is undefined (f″ = 0). Newton stops with status
//     optim.NotMinimum at that x and a message saying f″ ≤ 0 there; it never
//     walks on to a maximum and reports it as a minimum;
//   - |f′(x)| ≤ GTol (with f″(x) > 0): status Converged at x.
//
// After the step it stops with Converged if |step| < XTol, with
// IterationLimit after MaxIter steps, or EvaluationLimit after MaxEval calls
// of f′. On the quadratic f(x) = x²/2 it takes exactly one step from any x0
// (and then confirms f′ = 0: NGev = NHev = 2).
//
// NGev counts calls of f′ and NHev calls of f″. Newton never calls f unless
// Options.F is set (once, at X, to fill Result.F); otherwise Result.F is
// NaN. Step.X is the iterate after each step, Step.G the f′ it stepped with;
// Step.A and Step.B are NaN (Newton keeps no bracket).
func Newton(df, d2f func(float64) float64, x0 float64, o *Options) (*Result, error) {
	if df == nil || d2f == nil {
		return nil, fmt.Errorf("onedim: Newton needs f′ and f″; got nil for %s", nilNames(df == nil, d2f == nil))
	}
	if !optim.IsFinite(x0) {
		return nil, fmt.Errorf("onedim: Newton: x0 = %v is not finite", x0)
	}
	opt, err := resolve(o)
	if err != nil {
		return nil, err
	}
	r := &Result{}
	x := newton(df, d2f, x0, &opt, r)
	finishDerivative(x, &opt, r)
	return r, nil
}

func nilNames(df, d2f bool) string {
	switch {
	case df && d2f:
		return "f′ and f″"
	case df:
		return "f′"
	}
	return "f″"
}

func newton(df, d2f func(float64) float64, x float64, o *Options, r *Result) float64 {
	nan := math.NaN()
	for it := 0; ; it++ {
		g := df(x)
		r.NGev++
		if !optim.IsFinite(g) {
			nonFinite(r, "f′", x, g)
			return x
		}
		h := d2f(x)
		r.NHev++
		if !optim.IsFinite(h) {
			nonFinite(r, "f″", x, h)
			return x
		}
		if h <= 0 {
			r.Status = optim.NotMinimum
			what := "the Newton step would head for a maximum"
			if h == 0 {
				what = "the Newton step is undefined"
			}
			r.Message = fmt.Sprintf("f″(x) = %g ≤ 0 at x = %v (f′ = %g): %s; x is not a minimum", h, x, g, what)
			return x
		}
		if math.Abs(g) <= o.GTol {
			r.Status = optim.Converged
			r.Message = fmt.Sprintf("|f′(x)| = %.3g ≤ GTol = %g with f″(x) = %g > 0 at x = %v", math.Abs(g), o.GTol, h, x)
			return x
		}
		if it >= o.MaxIter {
			r.Status = optim.IterationLimit
			r.Message = fmt.Sprintf("%d steps; f′(x) = %g at x = %v", it, g, x)
			return x
		}
		if o.MaxEval > 0 && r.NGev >= o.MaxEval {
			r.Status = optim.EvaluationLimit
			r.Message = fmt.Sprintf("%d evaluations of f′; f′(x) = %g at x = %v", r.NGev, g, x)
			return x
		}

		step := g / h
		xn := x - step
		if !optim.IsFinite(xn) {
			r.Status = optim.NonFinite
			r.Message = fmt.Sprintf("the step f′/f″ = %g/%g from x = %v overflows", g, h, x)
			return x
		}
		r.NIt = it + 1
		r.Steps = append(r.Steps, Step{A: nan, B: nan, X: xn, F: nan, G: g, Points: []float64{x}})
		x = xn
		if math.Abs(step) < o.XTol {
			r.Status = optim.Converged
			r.Message = fmt.Sprintf("step |f′/f″| = %.3g < XTol = %g", math.Abs(step), o.XTol)
			return x
		}
		if callback(o, r.NIt, r.NGev, x, nan) {
			r.Status, r.Message = optim.Stopped, "stopped by the callback"
			return x
		}
	}
}
