package exercises

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// relClose reports |a − b| ≤ tol·max(1, |b|).
func relClose(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*math.Max(1, math.Abs(b))
}

// BacktrackFunc is Armijo backtracking (Nocedal & Wright Alg. 3.1): try
// α = alpha0, ρ·alpha0, ρ²·alpha0, … and return the first α with
//
//	φ(α) ≤ φ(0) + c1·α·φ′(0)
//
// together with n, the number of φ evaluations made. phi0 = φ(0) and dphi0 =
// φ′(0) are given (they cost nothing). If dphi0 ≥ 0 the direction is not a
// descent direction: return α = 0 and n = 0 without evaluating φ.
type BacktrackFunc func(phi func(alpha float64) float64, phi0, dphi0, alpha0, c1, rho float64) (alpha float64, n int)

type backtrackCase struct {
	what                   string
	phi                    func(float64) float64
	dphi0, alpha0, c1, rho float64
	wantAlpha              float64
	wantN                  int
}

// refBacktrack is the reference: at most 60 trials.
func refBacktrack(phi func(float64) float64, phi0, dphi0, alpha0, c1, rho float64) (float64, int) {
	if !(dphi0 < 0) {
		return 0, 0
	}
	a := alpha0
	for n := 1; n <= 60; n++ {
		if phi(a) <= phi0+c1*a*dphi0 {
			return a, n
		}
		a *= rho
	}
	return 0, 60
}

func backtrackCases() []backtrackCase {
	rosen := func(a float64) float64 { // Rosenbrock along −∇f from (−1.2, 1), α scaled by 1/‖∇f‖
		x, y := -1.2+a*215.6/232.9, 1+a*88/232.9
		return 100*(y-x*x)*(y-x*x) + (1-x)*(1-x)
	}
	cs := []backtrackCase{
		{what: "φ(α) = (α − 0.3)², α₀ = 1, ρ = 0.5", phi: func(a float64) float64 { return (a - 0.3) * (a - 0.3) }, dphi0: -0.6, alpha0: 1, c1: 1e-4, rho: 0.5},
		{what: "φ(α) = (α − 0.3)², α₀ = 0.4: the first trial is accepted", phi: func(a float64) float64 { return (a - 0.3) * (a - 0.3) }, dphi0: -0.6, alpha0: 0.4, c1: 1e-4, rho: 0.5},
		{what: "φ(α) = (α − 0.3)², c₁ = 0.9 (a demanding constant)", phi: func(a float64) float64 { return (a - 0.3) * (a - 0.3) }, dphi0: -0.6, alpha0: 1, c1: 0.9, rho: 0.5},
		{what: "Rosenbrock along −∇f from (−1.2, 1), α₀ = 1, ρ = 0.3", phi: rosen, dphi0: -232.9, alpha0: 1, c1: 1e-4, rho: 0.3},
		{what: "φ = NaN for α > 0.05 (a non-finite value means: too long)", phi: func(a float64) float64 {
			if a > 0.05 {
				return math.NaN()
			}
			return 1 - a + 2*a*a
		}, dphi0: -1, alpha0: 1, c1: 1e-4, rho: 0.5},
		{what: "φ′(0) = +2: not a descent direction", phi: func(a float64) float64 { return 1 + 2*a }, dphi0: 2, alpha0: 1, c1: 1e-4, rho: 0.5},
	}
	for i := range cs {
		cs[i].wantAlpha, cs[i].wantN = refBacktrack(cs[i].phi, cs[i].phi(0), cs[i].dphi0, cs[i].alpha0, cs[i].c1, cs[i].rho)
	}
	return cs
}

// CheckBacktracking runs bt on hidden φ (quadratics, Rosenbrock along the
// steepest-descent direction, a φ that is NaN for long steps, an ascent
// direction) and checks the accepted α (sufficient decrease, and the first
// such trial of α₀ρᵏ) and the number of φ evaluations, counted by the
// checker. It prints PASS/FAIL lines with hints and reports whether all
// cases passed.
func CheckBacktracking(bt BacktrackFunc) bool {
	c := &checker{name: "CheckBacktracking"}
	if bt == nil {
		c.cases = 1
		c.failf("pass your function, e.g. CheckBacktracking(backtrack)", "the function is nil")
		return c.summary()
	}
	for _, tc := range backtrackCases() {
		c.cases++
		phi, calls := counted(tc.phi, 1000, "more than %d evaluations of φ (an endless loop?)")
		var alpha float64
		var n int
		if msg := safely(func() { alpha, n = bt(phi, tc.phi(0), tc.dphi0, tc.alpha0, tc.c1, tc.rho) }); msg != "" {
			c.failf("stop after a bounded number of trials; φ may return NaN", "%s: %s", tc.what, msg)
			continue
		}
		switch {
		case tc.wantN == 0 && (alpha != 0 || n != 0 || *calls != 0):
			c.failf("if φ′(0) ≥ 0, return 0, 0 at once: backtracking cannot succeed along an ascent direction",
				"%s: got α = %g, n = %d after %d evaluations, want α = 0, n = 0 and no evaluation", tc.what, alpha, n, *calls)
		case n != *calls:
			c.failf("n must count every evaluation of φ, the accepted trial included (φ(0) is given: it does not count)",
				"%s: you reported n = %d but called φ %d times", tc.what, n, *calls)
		case tc.wantN > 0 && !(tc.phi(alpha) <= tc.phi(0)+tc.c1*alpha*tc.dphi0):
			c.failf("accept α only when φ(α) ≤ φ(0) + c1·α·φ′(0) (φ′(0) < 0, so the right side lies below φ(0))",
				"%s: α = %g does not decrease φ enough (φ(α) = %g, bound %g)", tc.what, alpha, tc.phi(alpha), tc.phi(0)+tc.c1*alpha*tc.dphi0)
		case !relClose(alpha, tc.wantAlpha, 1e-12) || n != tc.wantN:
			c.failf("start with α = alpha0 itself, multiply by ρ after each rejected trial, and stop at the FIRST acceptable one",
				"%s: got α = %g with n = %d, want α = %g with n = %d", tc.what, alpha, n, tc.wantAlpha, tc.wantN)
		}
	}
	return c.summary()
}

// ExactStepFunc is the exact line search for a quadratic f(x) = ½xᵀAx − bᵀx:
// given A, the gradient g = ∇f(x) and a direction p, return the minimizer
// of φ(α) = f(x + αp),
//
//	α* = −gᵀp / pᵀAp,
//
// with ok = true, or ok = false when pᵀAp ≤ 0 (φ is not bounded below).
type ExactStepFunc func(A *mat.SymDense, g, p []float64) (alpha float64, ok bool)

// CheckExactStep runs step on hidden quadratics (p = −g and other descent
// directions, and a direction of negative curvature) and compares α with
// −gᵀp/pᵀAp. It also checks that A, g and p are left unchanged.
func CheckExactStep(step ExactStepFunc) bool {
	c := &checker{name: "CheckExactStep"}
	if step == nil {
		c.cases = 1
		c.failf("pass your function, e.g. CheckExactStep(exactStep)", "the function is nil")
		return c.summary()
	}
	type tcase struct {
		what string
		A    []float64
		g, p []float64
	}
	cases := []tcase{
		{"A = diag(1, 10), p = −g", []float64{1, 0, 0, 10}, []float64{1, 1}, []float64{-1, -1}},
		{"A = diag(1, 100), p = −g from the worst start", []float64{1, 0, 0, 100}, []float64{1, 0.01 * 100}, []float64{-1, -1}},
		{"a full 3×3 A, p ≠ −g", []float64{4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2}, []float64{1, -2, 0.5}, []float64{-0.5, 1, 0}},
		{"indefinite A = diag(1, −1), p along the negative curvature", []float64{1, 0, 0, -1}, []float64{0, 1}, []float64{0, -1}},
	}
	for _, tc := range cases {
		c.cases++
		n := len(tc.g)
		A := mat.NewSymDense(n, append([]float64(nil), tc.A...))
		g, p := append([]float64(nil), tc.g...), append([]float64(nil), tc.p...)
		var gp, pAp float64
		for i := range n {
			gp += tc.g[i] * tc.p[i]
			for j := range n {
				pAp += tc.p[i] * tc.A[i*n+j] * tc.p[j]
			}
		}
		var alpha float64
		var ok bool
		if msg := safely(func() { alpha, ok = step(A, g, p) }); msg != "" {
			c.failf("", "%s: %s", tc.what, msg)
			continue
		}
		changed := !equalFloats(g, tc.g) || !equalFloats(p, tc.p) || !equalFloats(A.RawSymmetric().Data, mat.NewSymDense(n, append([]float64(nil), tc.A...)).RawSymmetric().Data)
		switch {
		case changed:
			c.failf("work on copies: the caller still needs A, g and p", "%s: your function changed its input", tc.what)
		case pAp <= 0 && ok:
			c.failf("check pᵀAp > 0 before dividing: with pᵀAp ≤ 0, φ(α) has no minimum", "%s: pᵀAp = %g, want ok = false, got ok = true (α = %g)", tc.what, pAp, alpha)
		case pAp > 0 && !ok:
			c.failf("ok = false only when pᵀAp ≤ 0", "%s: pᵀAp = %g > 0, want ok = true", tc.what, pAp)
		case pAp > 0 && !relClose(alpha, -gp/pAp, 1e-10):
			c.failf("α = −gᵀp / pᵀAp: set φ′(α) = gᵀp + α pᵀAp to zero", "%s: got α = %.10g, want %.10g", tc.what, alpha, -gp/pAp)
		}
	}
	return c.summary()
}

func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

// fmtVec formats a short vector for a FAIL line.
func fmtVec(v []float64) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = fmt.Sprintf("%.6g", x)
	}
	return "(" + strings.Join(s, ", ") + ")"
}
