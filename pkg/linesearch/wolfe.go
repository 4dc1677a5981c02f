package linesearch

import (
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/optim"
)

// StrongWolfe is Nocedal & Wright's line search for the strong Wolfe
// conditions: bracketing (Alg. 3.5) then zoom (Alg. 3.6) with safeguarded
// cubic interpolation. The zero value of each field is its default.
type StrongWolfe struct {
	C1 float64 // sufficient decrease c₁; default 1e-4
	// C2 is the curvature constant, c₁ < c₂ < 1; default 0.9 (quasi-Newton
	// and Newton). Nonlinear CG uses 0.1.
	C2      float64
	MaxIter int // trial steps (bracketing and zoom together); default 30
}

// Validate checks 0 < c₁ < c₂ < 1 (with the defaults filled in).
func (w StrongWolfe) Validate() error {
	c1, c2 := optim.Or(w.C1, 1e-4), optim.Or(w.C2, 0.9)
	if !(c1 > 0 && c1 < c2 && c2 < 1) {
		return fmt.Errorf("linesearch: strong Wolfe needs 0 < C1 < C2 < 1, got C1 = %v, C2 = %v", c1, c2)
	}
	if w.MaxIter < 0 {
		return fmt.Errorf("linesearch: strong Wolfe MaxIter must be >= 0, got %d", w.MaxIter)
	}
	return nil
}

// point is one trial step: α, φ(α) and φ′(α) (NaN if not evaluated).
type point struct{ a, f, d float64 }

// Search finds α satisfying the strong Wolfe conditions
//
//	φ(α) ≤ φ(0) + c₁ α φ′(0)   and   |φ′(α)| ≤ c₂ |φ′(0)|,
//
// starting from alpha0 and extrapolating by 4× until the minimizer along
// p is bracketed. The accepted point's gradient is in Result.G. φ′ is
// evaluated only at trials that pass the sufficient-decrease test; a
// non-finite φ(α) is treated as "too long".
func (w StrongWolfe) Search(l *Line, alpha0 float64) Result {
	if r, ok := l.start(); !ok {
		return r
	}
	c1, c2, maxIt := optim.Or(w.C1, 1e-4), optim.Or(w.C2, 0.9), optim.Or(w.MaxIter, 30)
	prev := point{0, l.F0, l.D0}
	a := min(alpha0, l.MaxStep)
	for i := 0; i < maxIt; i++ {
		f := l.Value(a)
		if !optim.IsFinite(f) || f > l.F0+c1*a*l.D0 || (i > 0 && f >= prev.f) {
			return w.zoom(l, prev, point{a, f, math.NaN()}, c1, c2, maxIt-i-1)
		}
		d := l.Deriv()
		switch {
		case !optim.IsFinite(d):
			return l.fail(NonFinite, "φ′(%g) = %v", a, d)
		case math.Abs(d) <= -c2*l.D0:
			return l.result(a, OK, "")
		case d >= 0:
			return w.zoom(l, point{a, f, d}, prev, c1, c2, maxIt-i-1)
		case a == l.MaxStep:
			return l.result(a, AtBound, "the box caps the step at α = %g, φ′ = %g", a, d)
		}
		prev, a = point{a, f, d}, min(4*a, l.MaxStep)
	}
	return l.fail(NoAcceptableStep, "no bracket in %d trials, last α = %g", maxIt, a)
}

// zoom is N&W Alg. 3.6: lo satisfies sufficient decrease and has the lowest
// φ so far, φ′(lo)(hi − lo) < 0, and the interval holds a strong Wolfe step.
func (w StrongWolfe) zoom(l *Line, lo, hi point, c1, c2 float64, left int) Result {
	for ; left > 0; left-- {
		if l.tooSmall(hi.a - lo.a) {
			return l.fail(StepTooSmall, "the bracket [%g, %g] no longer moves x", min(lo.a, hi.a), max(lo.a, hi.a))
		}
		a := interpolate(lo, hi)
		f := l.Value(a)
		if !optim.IsFinite(f) || f > l.F0+c1*a*l.D0 || f >= lo.f {
			hi = point{a, f, math.NaN()}
			continue
		}
		d := l.Deriv()
		if !optim.IsFinite(d) {
			return l.fail(NonFinite, "φ′(%g) = %v", a, d)
		}
		if math.Abs(d) <= -c2*l.D0 {
			return l.result(a, OK, "")
		}
		if d*(hi.a-lo.a) >= 0 {
			hi = lo
		}
		lo = point{a, f, d}
	}
	return l.fail(NoAcceptableStep, "zoom did not meet the strong Wolfe conditions in the allowed trials (bracket [%g, %g])", min(lo.a, hi.a), max(lo.a, hi.a))
}

// interpolate returns a trial step between lo and hi: the minimizer of the
// cubic through φ, φ′ at both ends (N&W (3.59)), or of the quadratic
// through φ(lo), φ′(lo), φ(hi) when φ′(hi) is unknown, kept at least 10% of
// the interval away from either end (bisection if the model fails).
func interpolate(lo, hi point) float64 {
	w := hi.a - lo.a
	var a float64
	if !math.IsNaN(hi.d) {
		d1 := lo.d + hi.d - 3*(lo.f-hi.f)/(lo.a-hi.a)
		d2 := math.Copysign(math.Sqrt(d1*d1-lo.d*hi.d), w)
		a = hi.a - w*(hi.d+d2-d1)/(hi.d-lo.d+2*d2)
	} else {
		a = lo.a - lo.d*w*w/(2*(hi.f-lo.f-lo.d*w))
	}
	left, right := min(lo.a, hi.a), max(lo.a, hi.a)
	margin := 0.1 * (right - left)
	if math.IsNaN(a) {
		return (left + right) / 2
	}
	return min(max(a, left+margin), right-margin)
}
