package lbfgsb

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"

	"github.com/optlab/optlab/pkg/optim"
)

// search is the state of one L-BFGS-B run: the iterate x with f = f(x) and
// g = ∇f(x), the memory of (s, y) pairs, and scratch for the step.
type search struct {
	t      *optim.Task
	p      params
	lo, up []float64 // nil: unbounded

	x, g  []float64
	f     float64
	pg    float64 // largest component of the projected gradient at x
	alpha float64 // last step length
	nfree int     // free variables in the last step

	sk, yk      [][]float64 // pairs, oldest first
	rho, alpha2 []float64

	boxed  bool        // some bound is finite: L-BFGS-B's step (boxDirection)
	gs     *gcpScratch // its work space
	d      []float64
	xt, gt []float64 // line-search trial point and its gradient
	ft     float64
	xl, gl []float64 // the best trial with sufficient decrease
	fl     float64
}

// newSearch starts a search at x (f = f(x) finite): it computes the
// gradient. The caller has checked that the budget allows it.
func newSearch(t *optim.Task, p params, x []float64, f float64) *search {
	n := len(x)
	s := &search{t: t, p: p, lo: t.Problem.Lower, up: t.Problem.Upper, x: x, f: f,
		g: make([]float64, n), d: make([]float64, n),
		xt: make([]float64, n), gt: make([]float64, n), xl: make([]float64, n), gl: make([]float64, n),
		alpha2: make([]float64, p.m)}
	for i := range s.lo {
		if !math.IsInf(s.lo[i], -1) || !math.IsInf(s.up[i], 1) {
			s.boxed = true
		}
	}
	t.Grad(s.g, x, f)
	s.pg = projGradNorm(x, s.g, s.lo, s.up)
	return s
}

// start checks the start point: a non-finite gradient, or one that is
// already small enough.
func (s *search) start() (optim.Status, string) {
	switch {
	case !optim.AllFinite(s.g):
		return optim.NonFinite, fmt.Sprintf(msgNonFiniteG, s.x)
	case s.pg <= s.p.gtol:
		return optim.Converged, fmt.Sprintf(msgProjGrad, s.pg, s.p.gtol)
	}
	return optim.NotTerminated, ""
}

// projGradNorm is the largest component of the projected gradient
// P(x − g) − x, written as scipy's projgr writes it (without the
// cancellation of x − g − x): zero exactly where x is stationary in the box.
func projGradNorm(x, g, lo, up []float64) float64 {
	n := 0.0
	for i, gi := range g {
		if lo != nil {
			if gi < 0 {
				gi = max(x[i]-up[i], gi)
			} else {
				gi = min(x[i]-lo[i], gi)
			}
		}
		n = max(n, math.Abs(gi))
	}
	return n
}

// maxStep is the largest α ≥ 0 with l ≤ x + α·d ≤ u (+Inf without bounds).
func maxStep(x, d, lo, up []float64) float64 {
	a := math.Inf(1)
	if lo == nil {
		return a
	}
	for i := range x {
		switch {
		case d[i] > 0:
			a = min(a, (up[i]-x[i])/d[i])
		case d[i] < 0:
			a = min(a, (lo[i]-x[i])/d[i])
		}
	}
	return max(a, 0)
}

// twoLoop sets r = H·q, where H is the L-BFGS approximation of the inverse
// Hessian built from the pairs (s[i], y[i]), oldest first, with
// ρ_i = 1/(y_iᵀs_i) and H₀ = γI, γ = sᵀy/yᵀy of the newest pair
// (Nocedal & Wright, Algorithm 7.4). alpha is scratch of len(s).
func twoLoop(r, q []float64, s, y [][]float64, rho, alpha []float64) {
	copy(r, q)
	k := len(s)
	for i := k - 1; i >= 0; i-- {
		alpha[i] = rho[i] * floats.Dot(s[i], r)
		floats.AddScaled(r, -alpha[i], y[i])
	}
	if k > 0 {
		floats.Scale(floats.Dot(s[k-1], y[k-1])/floats.Dot(y[k-1], y[k-1]), r)
	}
	for i := range k {
		beta := rho[i] * floats.Dot(y[i], r)
		floats.AddScaled(r, alpha[i]-beta, s[i])
	}
}

// direction, for a problem without finite bounds (boxDirection handles
// the others, so every variable is free here), sets d = −H·g; if that is
// not a descent direction the memory is dropped and d is −g.
func (s *search) direction() {
	s.nfree = len(s.x)
	twoLoop(s.d, s.g, s.sk, s.yk, s.rho, s.alpha2)
	floats.Scale(-1, s.d)
	if !(floats.Dot(s.g, s.d) < 0) {
		s.sk, s.yk, s.rho = s.sk[:0], s.yk[:0], s.rho[:0]
		floats.ScaleTo(s.d, -1, s.g)
	}
}

// remember adds the pair s = x₊ − x, y = g₊ − g, dropping the oldest when
// the memory is full; a pair without positive curvature is skipped.
func (s *search) remember() {
	var sv, yv []float64
	if len(s.sk) == s.p.m {
		sv, yv = s.sk[0], s.yk[0]
		s.sk, s.yk, s.rho = append(s.sk[:0], s.sk[1:]...), append(s.yk[:0], s.yk[1:]...), append(s.rho[:0], s.rho[1:]...)
	} else {
		sv, yv = make([]float64, len(s.x)), make([]float64, len(s.x))
	}
	floats.SubTo(sv, s.xt, s.x)
	floats.SubTo(yv, s.gt, s.g)
	if sy := floats.Dot(sv, yv); sy > gradTiny*floats.Dot(yv, yv) {
		s.sk, s.yk, s.rho = append(s.sk, sv), append(s.yk, yv), append(s.rho, 1/sy)
	}
}

// step is one quasi-Newton iteration: direction, line search, memory
// update. It returns NotTerminated to go on, or why to stop, and whether x
// moved.
func (s *search) step() (status optim.Status, msg string, moved bool) {
	if s.boxed {
		s.boxDirection()
	} else {
		s.direction()
	}
	gd := floats.Dot(s.g, s.d)
	a0 := 1.0
	if len(s.sk) == 0 {
		a0 = min(1, 1/floats.Norm(s.d, 2))
	}
	var res lsResult
	if amax := maxStep(s.x, s.d, s.lo, s.up); amax >= a0 {
		res = s.wolfe(gd, a0, amax)
	} else {
		res = s.backtrack(a0)
	}
	switch res {
	case lsBudget:
		return optim.EvaluationLimit, fmt.Sprintf(msgBudget, s.t.Remaining()), false
	case lsFailed:
		return optim.LineSearchFailure, fmt.Sprintf(msgLineSearch, s.pg, s.p.gtol), false
	}
	if !optim.AllFinite(s.gt) {
		return optim.NonFinite, fmt.Sprintf(msgNonFiniteG, s.xt), false
	}
	s.remember()
	fold := s.f
	copy(s.x, s.xt)
	copy(s.g, s.gt)
	s.f = s.ft
	s.pg = projGradNorm(s.x, s.g, s.lo, s.up)
	if s.pg <= s.p.gtol {
		return optim.Converged, fmt.Sprintf(msgProjGrad, s.pg, s.p.gtol), true
	}
	if red := (fold - s.f) / max(math.Abs(fold), math.Abs(s.f), 1); red <= s.p.ftol {
		return optim.Converged, fmt.Sprintf(msgFTol, red, s.p.ftol), true
	}
	return optim.NotTerminated, "", true
}
