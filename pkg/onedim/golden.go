package onedim

import (
	"github.com/optlab/optlab/pkg/optim"
)

func init() {
	optim.Register(func() optim.Method { return &Golden{} })
}

// Golden is golden-section search on the interval [Lower[0], Upper[0]]
// (registered as "golden"). It has no parameters.
//
// Iteration 1 evaluates f at the two interior points c = a + ρ(b−a) and
// d = b − ρ(b−a) and drops [d, b] if f(c) < f(d), [a, c] otherwise. Every
// later iteration evaluates f at ONE new point, placed in the new bracket at
// the golden position symmetric to the interior point it kept (goldenStep).
// So n iterations cost exactly n+1 evaluations of f and leave a bracket of
// width (1−ρ)ⁿ·(b−a).
//
// It converges when the bracket is at most Settings.XTol wide (default
// DefaultXTol = 1e-8), or when it is so narrow that float64 has no point
// strictly inside. An XTol below about √ε·|x*| is not meaningful: the
// values of f then differ by less than their rounding error, and the
// comparisons become noise. Result.X is the best point evaluated, the kept
// interior point of the final bracket.
//
// Each Iteration has X = the kept (best) point, F = f(X), Pop/PopF = the
// points evaluated in the iteration, Detail = the Bracket after it;
// Result.Detail is the final *Bracket.
type Golden struct{}

// Info describes golden-section search.
func (*Golden) Info() optim.Info {
	return optim.Info{
		Name:           "golden",
		Summary:        "golden-section search on [a, b]: one evaluation per iteration, bracket × 0.618",
		Iteration:      "one comparison: one evaluation of f (two in the first)",
		DefaultMaxIter: DefaultMaxIter,
		MaxDim:         1,
		OneD:           true,
		NeedsBounds:    true,
		NoX0:           true,
	}
}

// golden is the state of golden-section search: the bracket [a, b] and its
// interior points c < d at the golden positions, with their values.
type golden struct{ a, b, c, d, fc, fd float64 }

func newGolden(a, b float64) golden {
	return golden{a: a, b: b, c: a + Rho*(b-a), d: b - Rho*(b-a)}
}

// goldenStep compares f(c) and f(d) and keeps the side of the lower one: a
// unimodal f has its minimizer in [a, d] if f(c) < f(d), in [c, b]
// otherwise. The kept interior point already sits at a golden position of
// the new bracket (ρ² − 3ρ + 1 = 0), so only the other one is new. It
// returns the kept point x, f(x), and the new point to evaluate.
func goldenStep(s *golden) (x, fx, next float64) {
	if s.fc < s.fd { // x* ∈ [a, d]: c becomes the right interior point
		s.b, s.d, s.fd = s.d, s.c, s.fc
		s.c = s.a + Rho*(s.b-s.a)
		return s.d, s.fd, s.c
	}
	// x* ∈ [c, b]: d becomes the left interior point
	s.a, s.c, s.fc = s.c, s.d, s.fd
	s.d = s.b - Rho*(s.b-s.a)
	return s.c, s.fc, s.d
}

// tell stores f(next) for the point goldenStep returned.
func (s *golden) tell(next, f float64) {
	if next == s.c {
		s.fc = f
	} else {
		s.fd = f
	}
}

// inside reports whether a < c < d < b still holds in float64.
func (s *golden) inside() bool { return s.a < s.c && s.c < s.d && s.d < s.b }

// Run minimizes t's 1-D problem by golden-section search.
func (*Golden) Run(t *optim.Task) error {
	a, b, ok := interval(t)
	if !ok {
		return nil
	}
	xtol := optim.Or(t.Settings.XTol, DefaultXTol)
	s := newGolden(a, b)
	s.fc, s.fd = evalF(t, s.c), evalF(t, s.d)
	pop, popF := [][]float64{{s.c}, {s.d}}, []float64{s.fc, s.fd}
	for {
		x, fx, next := goldenStep(&s)
		t.Detail = &Bracket{s.a, s.b}
		t.Iterate(optim.Iteration{X: []float64{x}, F: fx, Pop: pop, PopF: popF, Detail: Bracket{s.a, s.b}})
		switch {
		case s.b-s.a <= xtol:
			t.Finish(optim.Converged, "bracket [%v, %v] is %.3g wide ≤ XTol = %g", s.a, s.b, s.b-s.a, xtol)
			return nil
		case !s.inside():
			t.Finish(optim.Converged, "%s", shrinkMsg(s.a, s.b, xtol))
			return nil
		}
		fn := evalF(t, next)
		s.tell(next, fn)
		pop, popF = [][]float64{{next}}, []float64{fn}
	}
}

// GoldenSection is golden-section search on plain float64 functions, for
// teaching: it shrinks [a, b] with goldenStep until it is at most tol wide
// and returns the best point and the number of evaluations of f (n+1 for n
// iterations). It does no checks; use Golden with optim.Minimize for
// counting, budgets, NaN handling and recording.
func GoldenSection(f func(float64) float64, a, b, tol float64) (x float64, nfev int) {
	s := newGolden(a, b)
	s.fc, s.fd = f(s.c), f(s.d)
	nfev = 2
	for {
		x, _, next := goldenStep(&s)
		if s.b-s.a <= tol || !s.inside() {
			return x, nfev
		}
		s.tell(next, f(next))
		nfev++
	}
}
