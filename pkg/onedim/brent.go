package onedim

import (
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/optim"
)

// Brent minimizes f on [a, b] by Brent's method (Brent 1973, "Algorithms for
// Minimization without Derivatives", ch. 5): parabolic interpolation through
// the three best points when it behaves, a golden-section step when it does
// not.
//
// It keeps a bracket [a, b] and three points: x, the best so far; w, the
// second best; v, the previous w. Each iteration fits the parabola through
// (v, w, x) and tries its vertex u = x + p/q. The parabolic step is refused,
// and a golden-section step into the larger part of the bracket taken
// instead, when it would leave the bracket or when it is not less than half
// the step before last: that guarantees at least golden-section's progress
// every two iterations, while near a smooth minimum the parabolic steps
// converge superlinearly (order ≈ 1.32). No step is shorter than tol, the
// tolerance at x, so that f(u) differs from f(x) by more than rounding.
//
// The tolerance is XTol + RelTol·|x|: Brent stops (Converged) when the
// bracket is at most that wide, so x is within it of every point of the
// bracket. Iterations: Brent evaluates f once at x = a + ρ(b−a), then once
// per iteration, so n iterations cost n+1 evaluations of f (Steps[0].Points
// lists both). MaxIter, MaxEval
// and the callback stop it as for Golden.
func Brent(f func(float64) float64, a, b float64, o *Options) (*Result, error) {
	opt, err := prepare("Brent", "f", f, a, b, o)
	if err != nil {
		return nil, err
	}
	ev := newCounter(f)
	r := &Result{}
	brent(ev, a, b, &opt, r)
	ev.fill(r)
	return r, nil
}

func brent(ev *counter, a, b float64, o *Options, r *Result) {
	rel := max(o.RelTol, 2*eps)
	x := a + Rho*(b-a)
	fx, ok := ev.eval(x)
	if !ok {
		nonFinite(r, "f", x, fx)
		return
	}
	w, v, fw, fv := x, x, fx, fx
	pts := []float64{x} // iteration 1 lists the starting point too
	// d is the step just taken, e the one before it.
	var d, e float64
	for it := 1; ; it++ {
		m := a + (b-a)/2
		// tol is a quarter of the allowed final width: Brent's test below
		// reads max(x−a, b−x) ≤ 2·tol, i.e. b − a ≤ 4·tol.
		tol := (rel*math.Abs(x) + o.XTol) / 4
		if math.Abs(x-m) <= 2*tol-(b-a)/2 {
			r.Status = optim.Converged
			r.Message = fmt.Sprintf("bracket [%v, %v] is %.3g wide ≤ XTol + RelTol·|x| = %.3g", a, b, b-a, 4*tol)
			return
		}
		if it > o.MaxIter {
			r.Status = optim.IterationLimit
			r.Message = fmt.Sprintf("%d iterations; bracket still %.3g wide", o.MaxIter, b-a)
			return
		}
		if o.MaxEval > 0 && ev.n >= o.MaxEval {
			r.Status = optim.EvaluationLimit
			r.Message = fmt.Sprintf("%d evaluations; bracket still %.3g wide", ev.n, b-a)
			return
		}

		golden := true
		if math.Abs(e) > tol {
			// Vertex of the parabola through (v,fv), (w,fw), (x,fx),
			// written as x + p/q.
			t1 := (x - w) * (fx - fv)
			t2 := (x - v) * (fx - fw)
			p := (x-v)*t2 - (x-w)*t1
			q := 2 * (t2 - t1)
			if q > 0 {
				p = -p
			}
			q = math.Abs(q)
			eOld := e
			e = d
			// Accept if the step is less than half of the one before last
			// and lands strictly inside the bracket.
			if math.Abs(p) < math.Abs(q*eOld/2) && p > q*(a-x) && p < q*(b-x) {
				d = p / q
				u := x + d
				if u-a < 2*tol || b-u < 2*tol {
					d = math.Copysign(tol, m-x)
				}
				golden = false
			}
		}
		if golden {
			if x >= m {
				e = a - x
			} else {
				e = b - x
			}
			d = Rho * e
		}
		u := x + d
		if math.Abs(d) < tol {
			u = x + math.Copysign(tol, d)
		}
		fu, ok := ev.eval(u)
		if !ok {
			nonFinite(r, "f", u, fu)
			return
		}

		if fu <= fx {
			if u >= x {
				a = x
			} else {
				b = x
			}
			v, fv, w, fw, x, fx = w, fw, x, fx, u, fu
		} else {
			if u < x {
				a = u
			} else {
				b = u
			}
			switch {
			case fu <= fw || w == x:
				v, fv, w, fw = w, fw, u, fu
			case fu <= fv || v == x || v == w:
				v, fv = u, fu
			}
		}
		r.NIt = it
		r.Steps = append(r.Steps, Step{A: a, B: b, X: x, F: fx, G: math.NaN(), Points: append(pts, u)})
		pts = nil
		if callback(o, it, ev.n, x, fx) {
			r.Status, r.Message = optim.Stopped, "stopped by the callback"
			return
		}
	}
}
