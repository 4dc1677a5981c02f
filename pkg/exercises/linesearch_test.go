package exercises

import (
	"testing"

	"gonum.org/v1/gonum/mat"
)

func goodBacktrack(phi func(float64) float64, phi0, dphi0, alpha0, c1, rho float64) (float64, int) {
	if dphi0 >= 0 {
		return 0, 0
	}
	a := alpha0
	for n := 1; n <= 100; n++ {
		if phi(a) <= phi0+c1*a*dphi0 {
			return a, n
		}
		a *= rho
	}
	return 0, 100
}

func TestCheckBacktracking(t *testing.T) {
	want(t, "correct", true, "", func() bool { return CheckBacktracking(goodBacktrack) })
	want(t, "stub", false, "hint:", func() bool {
		return CheckBacktracking(func(func(float64) float64, float64, float64, float64, float64, float64) (float64, int) { return 0, 0 })
	})
	want(t, "nil", false, "nil", func() bool { return CheckBacktracking(nil) })
	// Counts the accepted trial twice (evaluates φ again to return it).
	want(t, "miscounted", false, "n must count", func() bool {
		return CheckBacktracking(func(phi func(float64) float64, phi0, dphi0, alpha0, c1, rho float64) (float64, int) {
			a, n := goodBacktrack(phi, phi0, dphi0, alpha0, c1, rho)
			return a, n + 1
		})
	})
	// Forgets the ascent-direction check: loops on φ = 1 + 2α down to tiny α.
	want(t, "no descent check", false, "φ′(0) ≥ 0", func() bool {
		return CheckBacktracking(func(phi func(float64) float64, phi0, dphi0, alpha0, c1, rho float64) (float64, int) {
			a := alpha0
			for n := 1; ; n++ {
				if phi(a) <= phi0+c1*a*dphi0 || n == 60 {
					return a, n
				}
				a *= rho
			}
		})
	})
	// Plain decrease instead of sufficient decrease, starts at ρ·α₀.
	want(t, "wrong condition", false, "FIRST", func() bool {
		return CheckBacktracking(func(phi func(float64) float64, phi0, dphi0, alpha0, c1, rho float64) (float64, int) {
			if dphi0 >= 0 {
				return 0, 0
			}
			a := alpha0 * rho
			for n := 1; n <= 60; n++ {
				if phi(a) < phi0 {
					return a, n
				}
				a *= rho
			}
			return 0, 60
		})
	})
	// An endless loop is stopped.
	want(t, "endless", false, "endless", func() bool {
		return CheckBacktracking(func(phi func(float64) float64, _, _, alpha0, _, _ float64) (float64, int) {
			for {
				phi(alpha0)
			}
		})
	})
}

func TestCheckExactStep(t *testing.T) {
	good := func(A *mat.SymDense, g, p []float64) (float64, bool) {
		v := mat.NewVecDense(len(p), p)
		pAp := mat.Inner(v, A, v)
		if pAp <= 0 {
			return 0, false
		}
		return -mat.Dot(mat.NewVecDense(len(g), g), v) / pAp, true
	}
	want(t, "correct", true, "", func() bool { return CheckExactStep(good) })
	want(t, "stub", false, "hint:", func() bool {
		return CheckExactStep(func(*mat.SymDense, []float64, []float64) (float64, bool) { return 0, false })
	})
	// ‖g‖²/gᵀAg is right only for p = −g.
	want(t, "steepest only", false, "−gᵀp / pᵀAp", func() bool {
		return CheckExactStep(func(A *mat.SymDense, g, p []float64) (float64, bool) {
			v := mat.NewVecDense(len(g), g)
			gAg := mat.Inner(v, A, v)
			if gAg <= 0 {
				return 0, false
			}
			return mat.Dot(v, v) / gAg, true
		})
	})
	want(t, "no curvature check", false, "pᵀAp > 0", func() bool {
		return CheckExactStep(func(A *mat.SymDense, g, p []float64) (float64, bool) {
			a, _ := good(A, g, p)
			return a, true
		})
	})
}
