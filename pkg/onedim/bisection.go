package onedim

import (
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/optim"
)

// Bisection minimizes f on [a, b] by bisection on its derivative df = f′: it
// looks for the stationary point f′(x) = 0 between a point where f falls
// (f′ < 0) and one where it rises (f′ > 0).
//
// It first evaluates f′(a) and f′(b) and needs f′(a) ≤ 0 ≤ f′(b): f falls
// (or is flat) at a and rises (or is flat) at b. If f′(a) and f′(b) have the
// same strict sign, the interval brackets no stationary point and Bisection
// returns an error wrapping ErrNoSignChange; if f′(a) > 0 > f′(b) it brackets
// a maximum of f and the error wraps ErrBracketsMaximum. These are the only
// errors raised after an evaluation: the input can never work. An end where
// f′ is exactly 0 is not returned at once (cos has f′(0) = 0 at its
// maximum): the bisection goes on, and shrinks onto that end if it is the
// minimizer.
//
// Each iteration evaluates f′ once, at the midpoint, and keeps the half
// where the sign changes, so n iterations cost n+2 calls of f′ (NGev) and
// leave a bracket of width (b−a)/2ⁿ. It stops when the bracket is at most
// XTol wide or f′ is exactly 0 at a midpoint (Converged, X = that point), after MaxIter
// iterations, or MaxEval calls of f′. X is the midpoint of the final bracket
// (or the point where f′ = 0).
//
// Bisection never calls f unless Options.F is set, in which case f is called
// once at X to fill Result.F; otherwise Result.F is NaN.
func Bisection(df func(float64) float64, a, b float64, o *Options) (*Result, error) {
	opt, err := prepare("Bisection", "the derivative f′", df, a, b, o)
	if err != nil {
		return nil, err
	}
	if opt.MaxEval == 1 {
		return nil, fmt.Errorf("onedim: MaxEval = 1 is too small: Bisection needs f′ at both ends (0 means no limit)")
	}
	r := &Result{}
	x, err := bisection(df, a, b, &opt, r)
	if err != nil {
		return nil, err
	}
	finishDerivative(x, &opt, r)
	return r, nil
}

func bisection(df func(float64) float64, a, b float64, o *Options, r *Result) (float64, error) {
	eval := func(x float64) (float64, bool) {
		r.NGev++
		g := df(x)
		if !optim.IsFinite(g) {
			nonFinite(r, "f′", x, g)
			return g, false
		}
		return g, true
	}
	ga, ok := eval(a)
	if !ok {
		return a, nil
	}
	gb, ok := eval(b)
	if !ok {
		return b, nil
	}
	// An end where f′ = 0 counts as the weak end of the bracket: with
	// f′(a) = 0 ≤ f′(b), a may be the minimizer (then the bracket shrinks
	// onto it) or a maximum (cos at 0), so stopping there would be wrong.
	switch {
	case ga > 0 && gb < 0:
		return 0, fmt.Errorf("onedim: Bisection: f′(%v) = %g > 0 > f′(%v) = %g: %w of f, not a minimum", a, ga, b, gb, ErrBracketsMaximum)
	case !(ga <= 0 && gb >= 0):
		return 0, fmt.Errorf("onedim: Bisection: f′(%v) = %g and f′(%v) = %g have the same sign: %w; give an interval where f falls at a and rises at b", a, ga, b, gb, ErrNoSignChange)
	}

	// Invariant: f′(a) ≤ 0 ≤ f′(b), so a stationary point (the minimizer of
	// f if f′ is continuous and changes sign once) lies in [a, b].
	for it := 1; ; it++ {
		m := a + (b-a)/2
		if !(a < m && m < b) {
			r.Status = optim.Converged
			r.Message = fmt.Sprintf("bracket [%v, %v] cannot shrink further in float64 (XTol = %g is below machine precision here)", a, b, o.XTol)
			return m, nil
		}
		g, ok := eval(m)
		if !ok {
			return m, nil
		}
		switch {
		case g == 0:
			a, b = m, m
		case g < 0:
			a = m
		default:
			b = m
		}
		x := a + (b-a)/2
		r.NIt = it
		r.Steps = append(r.Steps, Step{A: a, B: b, X: x, F: math.NaN(), G: g, Points: []float64{m}})
		switch {
		case g == 0:
			r.Status, r.Message = optim.Converged, fmt.Sprintf("f′ = 0 exactly at the midpoint %v", m)
			return m, nil
		case b-a <= o.XTol:
			r.Status = optim.Converged
			r.Message = fmt.Sprintf("bracket [%v, %v] is %.3g wide ≤ XTol = %g", a, b, b-a, o.XTol)
			return x, nil
		case callback(o, it, r.NGev, x, math.NaN()):
			r.Status, r.Message = optim.Stopped, "stopped by the callback"
			return x, nil
		case it >= o.MaxIter:
			r.Status = optim.IterationLimit
			r.Message = fmt.Sprintf("%d iterations; bracket still %.3g wide > XTol = %g", it, b-a, o.XTol)
			return x, nil
		case o.MaxEval > 0 && r.NGev >= o.MaxEval:
			r.Status = optim.EvaluationLimit
			r.Message = fmt.Sprintf("%d evaluations of f′; bracket still %.3g wide > XTol = %g", r.NGev, b-a, o.XTol)
			return x, nil
		}
	}
}

// finishDerivative sets X, and F from Options.F if given, for the
// derivative-only methods. A non-finite F turns a successful status into
// NonFinite.
func finishDerivative(x float64, o *Options, r *Result) {
	r.X = []float64{x}
	r.F = math.NaN()
	if o.F == nil {
		return
	}
	ev := newCounter(o.F)
	v, ok := ev.eval(x)
	r.NFev, r.Trace = ev.n, ev.trace
	r.F = v
	if !ok && r.Status.Success() {
		nonFinite(r, "f", x, v)
	}
}
