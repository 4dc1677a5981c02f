package exercises

import (
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/optlab/optlab/pkg/cg"
)

func TestCheckCGStep(t *testing.T) {
	want(t, "correct", true, "", func() bool { return CheckCGStep(refCGStep) })
	want(t, "stub", false, "hint:", func() bool {
		return CheckCGStep(func(A *mat.SymDense, x, r, p []float64) ([]float64, []float64, []float64) { return x, r, p })
	})
	// Steepest descent with exact steps (β = 0): the first step agrees, n
	// steps do not solve the system.
	want(t, "beta zero", false, "β = r₊ᵀr₊ / rᵀr", func() bool {
		return CheckCGStep(func(A *mat.SymDense, x, r, p []float64) ([]float64, []float64, []float64) {
			xn, rn, _ := refCGStep(A, x, r, p)
			pn := make([]float64, len(rn))
			for i := range rn {
				pn[i] = -rn[i]
			}
			return xn, rn, pn
		})
	})
}

func TestCheckBeta(t *testing.T) {
	want(t, "correct", true, "", func() bool { return CheckBeta(cg.Beta) })
	want(t, "stub", false, "hint:", func() bool {
		return CheckBeta(func(string, []float64, []float64, []float64) float64 { return 0 })
	})
	// Plain Polak–Ribière without the max(0, ·).
	want(t, "pr without plus", false, "max(0", func() bool {
		return CheckBeta(func(v string, g, gPrev, p []float64) float64 {
			if v == "pr+" {
				var num, den float64
				for i := range g {
					num += g[i] * (g[i] - gPrev[i])
					den += gPrev[i] * gPrev[i]
				}
				return num / den
			}
			return cg.Beta(v, g, gPrev, p)
		})
	})
}
