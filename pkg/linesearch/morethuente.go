package linesearch

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"

	"github.com/optlab/optlab/pkg/optim"
)

// MoreThuente is the line search of Moré & Thuente (1994), "Line search
// algorithms with guaranteed sufficient decrease": it evaluates φ and φ′
// at every trial and keeps an interval [α_l, α_u] that, once bracketed,
// contains a step satisfying the strong Wolfe conditions; each new trial is
// a safeguarded cubic, quadratic or secant step from both ends' values and
// slopes. The zero value of each field is its default.
type MoreThuente struct {
	C1 float64 // sufficient decrease μ; default 1e-4
	// C2 is the curvature constant η, c₁ < c₂ < 1; default 0.9 (Newton and
	// quasi-Newton). Nonlinear CG uses 0.1.
	C2      float64
	MaxIter int // trial steps; default 30
}

// Validate checks 0 < c₁ < c₂ < 1 (with the defaults filled in).
func (m MoreThuente) Validate() error {
	c1, c2 := optim.Or(m.C1, 1e-4), optim.Or(m.C2, 0.9)
	if !(c1 > 0 && c1 < c2 && c2 < 1) {
		return fmt.Errorf("linesearch: Moré–Thuente needs 0 < C1 < C2 < 1, got C1 = %v, C2 = %v", c1, c2)
	}
	if m.MaxIter < 0 {
		return fmt.Errorf("linesearch: Moré–Thuente MaxIter must be >= 0, got %d", m.MaxIter)
	}
	return nil
}

// Search finds α satisfying the strong Wolfe conditions
//
//	φ(α) ≤ φ(0) + c₁ α φ′(0)   and   |φ′(α)| ≤ c₂ |φ′(0)|,
//
// from alpha0, with one φ and one φ′ per trial (the accepted point's
// gradient is Result.G). Until a trial has ψ(α) ≤ 0 and φ′(α) ≥ 0 the
// steps are chosen on ψ(α) = φ(α) − φ(0) − c₁αφ′(0) (the paper's stage 1),
// then on φ. A non-finite φ(α) is treated as "too long".
func (m MoreThuente) Search(l *Line, alpha0 float64) Result {
	if r, ok := l.start(); !ok {
		return r
	}
	c1, c2, maxIt := optim.Or(m.C1, 1e-4), optim.Or(m.C2, 0.9), optim.Or(m.MaxIter, 30)
	b := &mtBracket{lo: point{0, l.F0, l.D0}, hi: point{0, l.F0, l.D0}, w1: math.Inf(1), w2: math.Inf(1)}
	stage1 := true
	a := min(alpha0, l.MaxStep)
	for range maxIt {
		t := point{a, l.Value(a), math.NaN()}
		if optim.IsFinite(t.f) {
			if t.d = l.Deriv(); !optim.IsFinite(t.d) {
				return l.fail(NonFinite, "φ′(%g) = %v", a, t.d)
			}
		}
		decrease := t.f <= l.F0+c1*a*l.D0
		switch {
		case decrease && math.Abs(t.d) <= -c2*l.D0:
			return l.result(a, OK, "")
		case decrease && t.d < 0 && a == l.MaxStep:
			return l.result(a, AtBound, "the box caps the step at α = %g, φ′ = %g", a, t.d)
		}
		stage1 = stage1 && !(decrease && t.d >= 0)
		shift := 0.0
		if stage1 {
			shift = c1 * l.D0
		}
		a = min(b.next(t, shift), l.MaxStep)
		if b.bracketed && !l.moves(b.lo.a, b.hi.a) {
			return l.fail(StepTooSmall, "the interval [%g, %g] no longer moves x", min(b.lo.a, b.hi.a), max(b.lo.a, b.hi.a))
		}
	}
	return l.fail(NoAcceptableStep, "no strong Wolfe step in %d trials (interval [%g, %g])", maxIt, min(b.lo.a, b.hi.a), max(b.lo.a, b.hi.a))
}

// mtBracket is the interval of uncertainty: lo is the trial with the
// lowest ψ so far, and φ′(lo)(hi − lo) < 0 once bracketed; w1 and w2 are
// its widths one and two trials ago (for the bisection safeguard).
type mtBracket struct {
	lo, hi    point
	bracketed bool
	w1, w2    float64
}

// next takes the trial t, updates the interval (Moré & Thuente's rules
// U1–U3, applied to φ − shift·α) and returns the next trial step.
func (b *mtBracket) next(t point, shift float64) float64 {
	lo, hi, ts := b.lo.minus(shift), b.hi.minus(shift), t.minus(shift)
	a, brackets := trialStep(lo, ts, hi, b.bracketed)
	switch {
	case !(ts.f <= lo.f): // U1: φ rose (or is not finite): t is the new upper end
		b.hi = t
	case ts.d*(lo.a-ts.a) > 0: // U2: still going down towards hi
		b.lo = t
	default: // U3: the slope changed sign: lo becomes the upper end
		b.hi, b.lo = b.lo, t
	}
	b.bracketed = b.bracketed || brackets
	if !b.bracketed {
		return a
	}
	left, right := min(b.lo.a, b.hi.a), max(b.lo.a, b.hi.a)
	w := right - left
	if w >= 0.66*b.w2 || !(a > left && a < right) { // too slow, or outside: bisect
		a = left + w/2
	}
	b.w2, b.w1 = b.w1, w
	return a
}

// moves reports whether the steps a and b differ enough to move x: in
// some coordinate by more than rounding, |(b − a)p_i| > ε|x_i| (ε|x|∞ where
// x_i = 0) — per coordinate, so that a badly scaled x (Brown: x₁ ≈ 10⁶,
// x₂ ≈ 10⁻⁶) still counts steps that move only its small coordinates.
func (l *Line) moves(a, b float64) bool {
	scale := 1 + floats.Norm(l.x, math.Inf(1))
	for i, xi := range l.x {
		if xi == 0 {
			xi = scale
		}
		if math.Abs((b-a)*l.p[i]) > 1e-16*math.Abs(xi) {
			return true
		}
	}
	return false
}

func (p point) minus(shift float64) point { return point{p.a, p.f - shift*p.a, p.d - shift} }

// trialStep is Moré & Thuente's choice of the next trial from the best
// point lo, the trial t and the other end hi (cases 1–4); brackets reports
// whether [lo, t] now holds a minimizer. Without a bracket a step goes
// between 1.1 and 4 times as far beyond t as t is from lo.
func trialStep(lo, t, hi point, bracketed bool) (a float64, brackets bool) {
	far := t.a + 4*(t.a-lo.a)
	switch {
	case !(t.f <= lo.f): // 1: higher φ — the minimizer is between lo and t
		if math.IsNaN(t.d) {
			return lo.a + (t.a-lo.a)/2, true
		}
		c, q := cubicMin(lo, t), quadMin(lo, t)
		if math.Abs(c-lo.a) < math.Abs(q-lo.a) {
			return c, true
		}
		return c + (q-c)/2, true
	case t.d*lo.d < 0: // 2: the slope changed sign between lo and t
		c, s := cubicMin(lo, t), secant(lo, t)
		if math.Abs(c-t.a) >= math.Abs(s-t.a) {
			return c, true
		}
		return s, true
	case math.Abs(t.d) <= math.Abs(lo.d): // 3: same sign, flattening
		c, s := cubicMin(lo, t), secant(lo, t)
		if !((c-t.a)*(t.a-lo.a) > 0) { // no minimizer beyond t
			c = far
		}
		if bracketed {
			a = nearer(t.a, c, s)
			lim := t.a + 0.66*(hi.a-t.a)
			return min(max(a, min(t.a, lim)), max(t.a, lim)), false
		}
		a = c
		if math.Abs(s-t.a) > math.Abs(c-t.a) {
			a = s
		}
		return min(max(a, t.a+1.1*(t.a-lo.a)), far), false
	default: // 4: same sign, steeper
		if bracketed {
			return cubicMin(t, hi), false
		}
		return far, false
	}
}

func nearer(t, c, s float64) float64 {
	if math.Abs(c-t) < math.Abs(s-t) {
		return c
	}
	return s
}

// cubicMin is the minimizer of the cubic through φ, φ′ at p and q (N&W
// (3.59)); NaN if the cubic has no local minimizer.
func cubicMin(p, q point) float64 {
	d1 := p.d + q.d - 3*(p.f-q.f)/(p.a-q.a)
	d2 := math.Copysign(math.Sqrt(d1*d1-p.d*q.d), q.a-p.a)
	return q.a - (q.a-p.a)*(q.d+d2-d1)/(q.d-p.d+2*d2)
}

// quadMin is the minimizer of the quadratic through φ(p), φ′(p), φ(q).
func quadMin(p, q point) float64 {
	w := q.a - p.a
	return p.a - p.d*w*w/(2*(q.f-p.f-p.d*w))
}

// secant is the zero of the line through φ′(p) and φ′(q).
func secant(p, q point) float64 { return q.a + q.d/(q.d-p.d)*(p.a-q.a) }
