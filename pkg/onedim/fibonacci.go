package onedim

import (
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/optim"
)

// Fibonacci minimizes a unimodal f on [a, b] by Fibonacci search: for a
// fixed number n of evaluations of f, the bracketing scheme that leaves the
// smallest final bracket (Kiefer 1953).
//
// With Fibonacci numbers F₁ = F₂ = 1, Fₖ = Fₖ₋₁ + Fₖ₋₂ and m evaluations
// still to make, the interior points sit at the fractions Fₘ₋₁/Fₘ₊₁ and
// Fₘ/Fₘ₊₁ of the bracket; each comparison keeps the fraction Fₘ/Fₘ₊₁ and
// one interior point, which sits at the right place for m−1. When m = 2 both
// fractions are 1/2 and the two points would coincide; as in Kochenderfer &
// Wheeler, the last point is placed Eps·(bracket) away from the midpoint.
// The final bracket is at most (1 + 2·Eps)·(b−a)/Fₙ₊₁ wide.
//
// n is the smallest number of evaluations that brings that bound down to
// XTol, but at most MaxIter+1 and at most MaxEval (if set): to run exactly n
// evaluations, set MaxEval = n and a tiny XTol. If a limit cut n short, the
// status is IterationLimit or EvaluationLimit, otherwise Converged.
//
// Iterations are counted as for Golden: iteration 1 evaluates two points,
// each later iteration one, every iteration shrinks the bracket once; so
// n evaluations are n−1 iterations.
func Fibonacci(f func(float64) float64, a, b float64, o *Options) (*Result, error) {
	opt, err := prepare("Fibonacci", "f", f, a, b, o)
	if err != nil {
		return nil, err
	}
	if err := checkEvalBudget(&opt); err != nil {
		return nil, err
	}

	// Choose n: the first n with (1+2ε)(b−a)/Fₙ₊₁ ≤ XTol, within the limits.
	need := (1 + 2*opt.Eps) * (b - a) / opt.XTol
	fib := []float64{0, 1, 1, 2} // fib[k] = Fₖ
	n := 2
	for fib[n+1] < need {
		n++
		fib = append(fib, fib[n]+fib[n-1]) // fib[n+1]
	}
	status := optim.Converged
	if n > opt.MaxIter+1 {
		n, status = opt.MaxIter+1, optim.IterationLimit
	}
	if opt.MaxEval > 0 && n > opt.MaxEval {
		n, status = opt.MaxEval, optim.EvaluationLimit
	}
	for len(fib) < n+2 {
		k := len(fib)
		fib = append(fib, fib[k-1]+fib[k-2])
	}

	ev := newCounter(f)
	r := &Result{}
	fibonacci(ev, a, b, n, fib, &opt, r)
	ev.fill(r)
	if r.Status == optim.NotTerminated {
		r.Status = status
		s := r.Steps[len(r.Steps)-1]
		switch status {
		case optim.Converged:
			r.Message = fmt.Sprintf("%d evaluations: bracket [%v, %v] is %.3g wide ≤ XTol = %g", n, s.A, s.B, s.B-s.A, opt.XTol)
		default:
			r.Message = fmt.Sprintf("limited to %d evaluations: bracket is %.3g wide > XTol = %g", n, s.B-s.A, opt.XTol)
		}
	}
	return r, nil
}

// fibonacci runs the search with n evaluations. It leaves r.Status at
// NotTerminated when it made all n.
func fibonacci(ev *counter, a, b float64, n int, fib []float64, o *Options, r *Result) {
	// points returns the two interior points for m evaluations to go.
	points := func(a, b float64, m int) (c, d float64) {
		if m == 2 {
			mid := a + (b-a)/2
			return mid, mid + o.Eps*(b-a)
		}
		return a + fib[m-1]/fib[m+1]*(b-a), a + fib[m]/fib[m+1]*(b-a)
	}

	m := n
	c, d := points(a, b, m)
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
	pts := []float64{c, d}
	for it := 1; ; it++ {
		var x, fx float64
		if fc < fd {
			b = d
			x, fx = c, fc
		} else {
			a = c
			x, fx = d, fd
		}
		m--
		r.NIt = it
		r.Steps = append(r.Steps, Step{A: a, B: b, X: x, F: fx, G: math.NaN(), Points: pts})
		if m < 2 {
			return // all n evaluations made
		}
		if callback(o, it, ev.n, x, fx) {
			r.Status, r.Message = optim.Stopped, "stopped by the callback"
			return
		}

		// Place the new point so that, with the kept point x, the pair sits
		// at the Fibonacci fractions for m evaluations to go. For m = 2 the
		// kept point is the midpoint and the new one goes Eps·(b−a) beside
		// it, on the side of the larger part.
		var next float64
		if m == 2 {
			if x-a >= b-x {
				next = x - o.Eps*(b-a)
			} else {
				next = x + o.Eps*(b-a)
			}
		} else {
			p, q := points(a, b, m)
			if x-a >= b-x { // the kept point is the right one
				next = p
			} else {
				next = q
			}
		}
		if !(a < next && next < b && next != x) {
			r.Status = optim.Converged
			r.Message = fmt.Sprintf("bracket [%v, %v] cannot shrink further in float64 (XTol = %g is below machine precision here)", a, b, o.XTol)
			return
		}
		v, ok := ev.eval(next)
		if !ok {
			nonFinite(r, "f", next, v)
			return
		}
		if next < x {
			c, fc, d, fd = next, v, x, fx
		} else {
			c, fc, d, fd = x, fx, next, v
		}
		pts = []float64{next}
	}
}
