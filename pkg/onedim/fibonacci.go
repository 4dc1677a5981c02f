package onedim

import (
	"flag"
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/optim"
)

func init() {
	optim.Register(func() optim.Method { return &Fibonacci{} })
}

// Fibonacci is Fibonacci search on [Lower[0], Upper[0]] (registered as
// "fibonacci"): for a fixed number n of evaluations of f, the bracketing
// scheme that leaves the smallest final bracket (Kiefer 1953).
//
// With Fibonacci numbers F₁ = F₂ = 1, Fₖ = Fₖ₋₁ + Fₖ₋₂ and m evaluations
// still to make, the interior points sit at the fractions Fₘ₋₁/Fₘ₊₁ and
// Fₘ/Fₘ₊₁ of the bracket; each comparison keeps the fraction Fₘ/Fₘ₊₁ and
// one interior point, which sits at the right place for m−1. When m = 2
// both fractions are 1/2; as in Kochenderfer & Wheeler the last point is
// placed Eps·(bracket) beside the midpoint. The final bracket is at most
// (1 + 2·Eps)·(b−a)/Fₙ₊₁ wide.
//
// n is planned before the first evaluation: the smallest n that brings that
// bound down to Settings.XTol (default DefaultXTol), but at most
// MaxIter+1 and at most MaxEval (if set). To run exactly n evaluations, set
// MaxEval = n and a tiny XTol. If a limit cut n short, the status is
// IterationLimit or EvaluationLimit (not a success), otherwise Converged.
//
// Iterations are counted as for Golden: iteration 1 evaluates two points,
// each later one one point, so n evaluations are n−1 iterations. Iteration
// and Result fields are as for Golden.
type Fibonacci struct {
	// Eps is the shift of the last point as a fraction of the bracket, in
	// (0, 0.5); 0 means DefaultEps = 0.01.
	Eps float64
}

// Info describes Fibonacci search.
func (*Fibonacci) Info() optim.Info {
	return optim.Info{
		Name:           "fibonacci",
		Summary:        "Fibonacci search on [a, b]: the optimal bracket for a fixed number of evaluations",
		Iteration:      "one comparison: one evaluation of f (two in the first)",
		DefaultMaxIter: DefaultMaxIter,
		MaxDim:         1,
		OneD:           true,
		NeedsBounds:    true,
		NoX0:           true,
	}
}

// Flags defines -fibeps.
func (m *Fibonacci) Flags(fs *flag.FlagSet) {
	fs.Float64Var(&m.Eps, "fibeps", m.Eps, "Fibonacci search: shift of the last point, fraction of the bracket in (0, 0.5) (default 0.01)")
}

// fibonacci is the state of Fibonacci search: the bracket [a, b], the
// interior points c < d with their values, the kept point x, and m, the
// evaluations still to place counting c and d.
type fibonacci struct {
	a, b, c, d, fc, fd float64
	x, fx              float64
	m                  int
	fib                []float64 // fib[k] = Fₖ
	eps                float64
}

// fibonacciStep compares f(c) and f(d), keeps [a, d] or [c, b] and the
// lower point x, and returns x, f(x) and the next point: the Fibonacci
// position for m−1 evaluations to go that is not x; for m−1 = 2 both
// positions are the midpoint (where x is), so the new point goes Eps·(b−a)
// beside it, into the larger part. next is NaN when all points are placed.
func fibonacciStep(s *fibonacci) (x, fx, next float64) {
	if s.fc < s.fd {
		s.b, s.x, s.fx = s.d, s.c, s.fc
	} else {
		s.a, s.x, s.fx = s.c, s.d, s.fd
	}
	s.m--
	a, b, m, right := s.a, s.b, s.m, s.x-s.a >= s.b-s.x // right: x is the right point
	switch {
	case m < 2:
		next = math.NaN()
	case m == 2 && right:
		next = s.x - s.eps*(b-a)
	case m == 2:
		next = s.x + s.eps*(b-a)
	case right:
		next = a + s.fib[m-1]/s.fib[m+1]*(b-a)
	default:
		next = a + s.fib[m]/s.fib[m+1]*(b-a)
	}
	return s.x, s.fx, next
}

// tell stores f(next) and orders the interior points.
func (s *fibonacci) tell(next, f float64) {
	if next < s.x {
		s.c, s.fc, s.d, s.fd = next, f, s.x, s.fx
	} else {
		s.c, s.fc, s.d, s.fd = s.x, s.fx, next, f
	}
}

// fibPlan returns n, the evaluations for the bound (1+2ε)·L/Fₙ₊₁ ≤ xtol, cut
// to the iterations and evaluations left, the Fibonacci numbers up to
// Fₙ₊₁, and the status if a limit cut it. n stops growing where Fₙ₊₁ would
// overflow (about n = 1475): such an XTol is far below float64's resolution.
func fibPlan(t *optim.Task, width, xtol, eps float64) (int, []float64, optim.Status) {
	need := (1 + 2*eps) * width / xtol
	fib := []float64{0, 1, 1, 2} // fib[k] = Fₖ
	n := 2
	status := optim.Converged
	for fib[n+1] < need {
		if next := fib[n+1] + fib[n]; math.IsInf(next, 0) {
			break
		}
		if n > t.IterationsLeft() { // n+1 evaluations are n iterations
			status = optim.IterationLimit
			break
		}
		if n >= t.Remaining() {
			status = optim.EvaluationLimit
			break
		}
		n++
		if len(fib) < n+2 {
			fib = append(fib, fib[n]+fib[n-1])
		}
	}
	return n, fib, status
}

// Run minimizes t's 1-D problem by Fibonacci search.
func (m *Fibonacci) Run(t *optim.Task) error {
	e := optim.Or(m.Eps, DefaultEps)
	if !(e > 0 && e < 0.5) {
		return fmt.Errorf("onedim: Fibonacci.Eps must lie in (0, 0.5), got %v", m.Eps)
	}
	a, b, ok := interval(t)
	if !ok {
		return nil
	}
	xtol := optim.Or(t.Settings.XTol, DefaultXTol)
	n, fib, status := fibPlan(t, b-a, xtol, e)
	s := fibonacci{a: a, b: b, m: n, fib: fib, eps: e}
	if n == 2 {
		s.c = a + (b-a)/2
		s.d = s.c + e*(b-a)
	} else {
		s.c, s.d = a+fib[n-1]/fib[n+1]*(b-a), a+fib[n]/fib[n+1]*(b-a)
	}
	s.fc, s.fd = evalF(t, s.c), evalF(t, s.d)
	pop, popF := [][]float64{{s.c}, {s.d}}, []float64{s.fc, s.fd}
	for {
		x, fx, next := fibonacciStep(&s)
		t.Detail = &Bracket{s.a, s.b}
		t.Iterate(optim.Iteration{X: []float64{x}, F: fx, Pop: pop, PopF: popF, Detail: Bracket{s.a, s.b}})
		if s.m < 2 {
			if status == optim.Converged {
				t.Finish(status, "%d evaluations: bracket [%v, %v] is %.3g wide ≤ XTol = %g", n, s.a, s.b, s.b-s.a, xtol)
			} else {
				t.Finish(status, "limited to %d evaluations: bracket is %.3g wide > XTol = %g", n, s.b-s.a, xtol)
			}
			return nil
		}
		if !(s.a < next && next < s.b && next != x) {
			t.Finish(optim.Converged, "%s", shrinkMsg(s.a, s.b, xtol))
			return nil
		}
		fn := evalF(t, next)
		s.tell(next, fn)
		pop, popF = [][]float64{{next}}, []float64{fn}
	}
}
