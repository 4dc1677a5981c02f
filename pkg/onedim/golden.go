package onedim

import (
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/optim"
)

// Rho is the golden-section ratio ρ = (3 − √5)/2 ≈ 0.381966: the interior
// points sit at a + ρ(b−a) and b − ρ(b−a), and every iteration keeps the
// fraction 1 − ρ = (√5 − 1)/2 ≈ 0.618 of the bracket.
const Rho = 0.38196601125010515179541316563436188227969082019424

// Golden minimizes a unimodal f on [a, b] by golden-section search.
//
// Iterations: iteration 1 evaluates f at the two interior points
// c = a + ρ(b−a) and d = b − ρ(b−a) and drops [d, b] if f(c) < f(d), [a, c]
// otherwise. Every later iteration evaluates f at ONE new point, placed
// in the new bracket at the golden position symmetric to the interior point
// it kept, and shrinks the bracket again. So n iterations cost exactly n+1
// evaluations of f and leave a bracket of width (1−ρ)ⁿ·(b−a).
//
// It stops when the bracket is at most XTol wide (status Converged), after
// MaxIter iterations or MaxEval evaluations, or when the callback asks.
// X is the best point evaluated, which is the interior point of the final
// bracket.
//
// An XTol below about √ε·|x*| (1e-8 for |x*| ≈ 1) is not meaningful: there
// the values of f differ by less than their rounding error, the comparisons
// become noise, and the bracket may shrink around a point next to x* (see
// DefaultOptions). Methods using f′ (Bisection, Newton) go further.
//
// Step.X is the best point after each iteration and Step.Points the point(s)
// the iteration evaluated.
func Golden(f func(float64) float64, a, b float64, o *Options) (*Result, error) {
	opt, err := prepare("Golden", "f", f, a, b, o)
	if err != nil {
		return nil, err
	}
	if err := checkEvalBudget(&opt); err != nil {
		return nil, err
	}
	ev := newCounter(f)
	r := &Result{}
	golden(ev, a, b, &opt, r)
	ev.fill(r)
	return r, nil
}

func golden(ev *counter, a, b float64, o *Options, r *Result) {
	// Iteration 1 evaluates both interior points.
	c, d := a+Rho*(b-a), b-Rho*(b-a)
	fc, ok := ev.eval(c)
	if !ok {
		nonFinite(r, "f", c, fc)
		return
	}
	fd, ok := ev.eval(d)
	if !ok {
		nonFinite(r, "f", d, fd)
		return
	}
	points := []float64{c, d}
	for it := 1; ; it++ {
		// Keep the side of the lower interior point: if f(c) < f(d) a
		// unimodal f has its minimizer left of d, so [a, d] remains and c is
		// its right interior point; otherwise [c, b] remains with d inside.
		var x, fx, next float64
		if fc < fd {
			b, d, fd = d, c, fc
			c = a + Rho*(b-a)
			x, fx, next = d, fd, c
		} else {
			a, c, fc = c, d, fd
			d = b - Rho*(b-a)
			x, fx, next = c, fc, d
		}
		r.NIt = it
		r.Steps = append(r.Steps, Step{A: a, B: b, X: x, F: fx, G: math.NaN(), Points: points})

		switch {
		case b-a <= o.XTol:
			r.Status = optim.Converged
			r.Message = fmt.Sprintf("bracket [%v, %v] is %.3g wide ≤ XTol = %g", a, b, b-a, o.XTol)
			return
		case callback(o, it, ev.n, x, fx):
			r.Status, r.Message = optim.Stopped, "stopped by the callback"
			return
		case it >= o.MaxIter:
			r.Status = optim.IterationLimit
			r.Message = fmt.Sprintf("%d iterations; bracket still %.3g wide > XTol = %g", it, b-a, o.XTol)
			return
		case o.MaxEval > 0 && ev.n >= o.MaxEval:
			r.Status = optim.EvaluationLimit
			r.Message = fmt.Sprintf("%d evaluations; bracket still %.3g wide > XTol = %g", ev.n, b-a, o.XTol)
			return
		case !(a < c && c < d && d < b):
			// The bracket is a few ulps wide: the new point would not be
			// strictly inside. Nothing smaller can be represented.
			r.Status = optim.Converged
			r.Message = fmt.Sprintf("bracket [%v, %v] cannot shrink further in float64 (XTol = %g is below machine precision here)", a, b, o.XTol)
			return
		}

		// Iterations ≥ 2: one new evaluation.
		v, ok := ev.eval(next)
		if !ok {
			nonFinite(r, "f", next, v)
			return
		}
		if next == c {
			fc = v
		} else {
			fd = v
		}
		points = []float64{next}
	}
}
