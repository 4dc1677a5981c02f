package exercises

import (
	"testing"

	"github.com/optlab/optlab/pkg/neldermead"
)

func decideOK(t NMTrial) neldermead.Op {
	switch {
	case t.FR < t.F0:
		if t.FE < t.FR {
			return neldermead.Expand
		}
		return neldermead.Reflect
	case t.FR < t.FSecond:
		return neldermead.Reflect
	case t.FR < t.FWorst:
		if t.FOC <= t.FR {
			return neldermead.ContractOutside
		}
	default:
		if t.FIC < t.FWorst {
			return neldermead.ContractInside
		}
	}
	return neldermead.Shrink
}

func TestCheckNelderMeadStep(t *testing.T) {
	qnRun(t, func() bool { return CheckNelderMeadStep(decideOK) }, true, "PASS expand")
	// ≤ instead of < in the expansion test
	sloppy := func(tr NMTrial) neldermead.Op {
		if tr.FR <= tr.F0 && tr.FE < tr.FR {
			return neldermead.Expand
		}
		return decideOK(tr)
	}
	qnRun(t, func() bool { return CheckNelderMeadStep(sloppy) }, false, "FAIL reflect when f_r = f_0")
	alwaysReflect := func(NMTrial) neldermead.Op { return neldermead.Reflect }
	qnRun(t, func() bool { return CheckNelderMeadStep(alwaysReflect) }, false, "FAIL expand", "PASS reflect when x_r is neither")
	qnRun(t, func() bool {
		return CheckNelderMeadStep(func(NMTrial) neldermead.Op { panic("todo") })
	}, false, "panicked")
}

func TestCheckReflection(t *testing.T) {
	good := func(s [][]float64, a float64) []float64 {
		n := len(s) - 1
		x := make([]float64, n)
		for _, v := range s[:n] {
			for j := range x {
				x[j] += v[j] / float64(n)
			}
		}
		for j := range x {
			x[j] += a * (x[j] - s[n][j])
		}
		return x
	}
	qnRun(t, func() bool { return CheckReflection(good) }, true, "PASS x̄ + α(x̄ − v_n) for n = 3, α = -0.5")
	allBar := func(s [][]float64, a float64) []float64 {
		n := len(s) - 1
		x := make([]float64, n)
		for _, v := range s {
			for j := range x {
				x[j] += v[j] / float64(n+1)
			}
		}
		for j := range x {
			x[j] += a * (x[j] - s[n][j])
		}
		return x
	}
	qnRun(t, func() bool { return CheckReflection(allBar) }, false, "includes the worst vertex")
	inPlace := func(s [][]float64, a float64) []float64 {
		x := good(s, a)
		copy(s[len(s)-1], x)
		return s[len(s)-1]
	}
	qnRun(t, func() bool { return CheckReflection(inPlace) }, false, "changed the simplex")
	qnRun(t, func() bool {
		return CheckReflection(func([][]float64, float64) []float64 { return nil })
	}, false, "stub returns nil")
}
