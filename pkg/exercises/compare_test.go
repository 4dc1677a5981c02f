package exercises

import (
	"math"
	"testing"

	"github.com/optlab/optlab/pkg/optim"
)

func TestCheckCheapest(t *testing.T) {
	good := func(rows []MethodRow) string {
		best, name := math.MaxInt, ""
		for _, r := range rows {
			if r.Status == optim.Converged && r.Evals() < best {
				best, name = r.Evals(), r.Method
			}
		}
		return name
	}
	qnRun(t, func() bool { return CheckCheapest(good) }, true, "PASS a run that did not converge")
	onlyF := func(rows []MethodRow) string {
		best, name := math.MaxInt, ""
		for _, r := range rows {
			if r.Status == optim.Converged && r.NFev < best {
				best, name = r.NFev, r.Method
			}
		}
		return name
	}
	qnRun(t, func() bool { return CheckCheapest(onlyF) }, false, "counted only function evaluations")
	anyStatus := func(rows []MethodRow) string {
		best, name := math.MaxInt, ""
		for _, r := range rows {
			if r.Evals() < best {
				best, name = r.Evals(), r.Method
			}
		}
		return name
	}
	qnRun(t, func() bool { return CheckCheapest(anyStatus) }, false, "did not converge (its Status")
	qnRun(t, func() bool { return CheckCheapest(func([]MethodRow) string { return "" }) }, false, "FAIL the cheapest")
}

func TestCheckTraceRate(t *testing.T) {
	good := func(e []float64) float64 {
		k0, k1 := -1, -1
		for k, v := range e {
			if v > 0 {
				if k0 < 0 {
					k0 = k
				}
				k1 = k
			}
		}
		if k1 <= k0 {
			return 0
		}
		return math.Pow(e[k1]/e[k0], 1/float64(k1-k0))
	}
	qnRun(t, func() bool { return CheckTraceRate(good) }, true, "PASS a noisy trace")
	naive := func(e []float64) float64 { return math.Pow(e[len(e)-1]/e[0], 1/float64(len(e)-1)) }
	qnRun(t, func() bool { return CheckTraceRate(naive) }, false, "PASS a slow one", "FAIL a trace ending in exact zeros")
	inverse := func(e []float64) float64 { return 1 / good(e) }
	qnRun(t, func() bool { return CheckTraceRate(inverse) }, false, "that is 1/c")
	qnRun(t, func() bool { return CheckTraceRate(func([]float64) float64 { return 0 }) }, false, "the stub?")
}
