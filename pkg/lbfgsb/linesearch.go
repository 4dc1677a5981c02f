package lbfgsb

import (
	"math"

	"gonum.org/v1/gonum/floats"

	"github.com/optlab/optlab/pkg/optim"
)

type lsResult int

const (
	lsOK     lsResult = iota // the accepted point is in xt, ft, gt
	lsFailed                 // no acceptable step
	lsBudget                 // the budget does not allow another trial
)

// tryF evaluates f at the trial point xt = P(x + α·d); false if the budget
// cannot pay for it and its gradient.
func (s *search) tryF(a float64) bool {
	if s.t.Remaining() < 1+s.t.GradCost() {
		return false
	}
	floats.AddScaledTo(s.xt, s.x, a, s.d)
	optim.Clip(s.xt, s.lo, s.up)
	s.ft = s.t.Eval(s.xt)
	return true
}

// tryG computes the gradient at the trial point and returns its slope
// gtᵀd along the direction.
func (s *search) tryG() float64 {
	s.t.Grad(s.gt, s.xt, s.ft)
	return floats.Dot(s.gt, s.d)
}

// wolfe finds a step α ∈ (0, amax] along d (x + α·d stays in the box) that
// satisfies the strong Wolfe conditions for φ(α) = f(x + α·d),
//
//	φ(α) ≤ φ(0) + c₁·α·φ′(0),   |φ′(α)| ≤ c₂·|φ′(0)|,
//
// by Nocedal & Wright's Algorithms 3.5 (bracketing, hi = +Inf) and 3.6
// (zoom) in one loop: lo is the best step so far with sufficient decrease,
// hi a step beyond which a minimizer lies. At amax, the edge of the box, a
// step with sufficient decrease is taken as it is. If the trials run out,
// the best step with sufficient decrease is taken.
func (s *search) wolfe(gd, a, amax float64) lsResult {
	c1, c2 := s.p.c1, s.p.c2
	lo, flo, dlo := 0.0, s.f, gd
	hi, fhi := math.Inf(1), math.NaN()
	for range s.p.maxLS {
		if !s.tryF(a) {
			return lsBudget
		}
		if !(s.ft <= s.f+c1*a*gd) || s.ft >= flo {
			hi, fhi = a, s.ft
		} else {
			dt := s.tryG()
			if math.Abs(dt) <= -c2*gd || (math.IsInf(hi, 1) && a >= amax) {
				return lsOK
			}
			if dt*(hi-lo) >= 0 {
				hi, fhi = lo, flo
			}
			lo, flo, dlo = a, s.ft, dt
			s.keep()
		}
		switch {
		case math.IsInf(hi, 1):
			a = min(4*a, amax)
		case math.Abs(hi-lo) <= minStepRatio*math.Abs(lo):
			return s.fallback(lo)
		default:
			a = interpolate(lo, flo, dlo, hi, fhi)
		}
	}
	return s.fallback(lo)
}

// interpolate returns the minimizer of the quadratic through φ(lo), φ′(lo)
// and φ(hi), kept within the middle 80 % of the bracket (its midpoint if
// the quadratic has no minimum or φ(hi) is not finite).
func interpolate(lo, flo, dlo, hi, fhi float64) float64 {
	h := hi - lo
	a := lo + h/2
	if den := 2 * (fhi - flo - dlo*h); den > 0 && optim.IsFinite(den) {
		a = lo - dlo*h*h/den
	}
	return min(max(a, min(lo+0.1*h, lo+0.9*h)), max(lo+0.1*h, lo+0.9*h))
}

// keep saves the trial point as the best with sufficient decrease.
func (s *search) keep() {
	copy(s.xl, s.xt)
	copy(s.gl, s.gt)
	s.fl = s.ft
}

// fallback accepts the kept point if there is one (lo > 0).
func (s *search) fallback(lo float64) lsResult {
	if lo == 0 {
		return lsFailed
	}
	copy(s.xt, s.xl)
	copy(s.gt, s.gl)
	s.ft = s.fl
	return lsOK
}

// backtrack searches the projected path x(α) = P(x + α·d), for a step that
// leaves the box, from α = a down, for the first point with sufficient
// decrease f(x(α)) ≤ f(x) + c₁·gᵀ(x(α) − x); each new α minimizes the
// quadratic through f(x), the slope and f(x(α)), within [α/10, α/2].
func (s *search) backtrack(a float64) lsResult {
	for range s.p.maxLS {
		if !s.tryF(a) {
			return lsBudget
		}
		dec := 0.0
		for i := range s.x {
			dec += s.g[i] * (s.xt[i] - s.x[i])
		}
		if !(dec < 0) {
			return lsFailed // the path no longer moves downhill (x(α) = x)
		}
		if s.ft <= s.f+s.p.c1*dec {
			s.tryG()
			return lsOK
		}
		next := a / 4
		if optim.IsFinite(s.ft) && s.ft-s.f-dec > 0 {
			next = -dec * a / (2 * (s.ft - s.f - dec))
		}
		a = min(max(next, a/10), a/2)
	}
	return lsFailed
}
