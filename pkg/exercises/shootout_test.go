package exercises

import (
	"math"
	"testing"

	"github.com/optlab/optlab/pkg/shootout"
)

func TestCheckFailFrac(t *testing.T) {
	good := func(l []float64, a float64) float64 {
		n := 0
		for _, v := range l {
			if !(v <= a) {
				n++
			}
		}
		return float64(n) / float64(len(l))
	}
	expect(t, "correct", func() bool { return CheckFailFrac(good) }, "")
	expect(t, "stub", func() bool { return CheckFailFrac(func([]float64, float64) float64 { return 0 }) }, "FAIL")
	expect(t, "nil", func() bool { return CheckFailFrac(nil) }, "nil")
	count := func(l []float64, a float64) float64 { return good(l, a) * float64(len(l)) }
	expect(t, "count", func() bool { return CheckFailFrac(count) }, "not a count")
	gt := func(l []float64, a float64) float64 {
		n := 0
		for _, v := range l {
			if v > a {
				n++
			}
		}
		return float64(n) / float64(len(l))
	}
	expect(t, "NaN is no failure", func() bool { return CheckFailFrac(gt) }, "NaN")
	ge := func(l []float64, a float64) float64 {
		n := 0
		for _, v := range l {
			if !(v < a) {
				n++
			}
		}
		return float64(n) / float64(len(l))
	}
	expect(t, "ties", func() bool { return CheckFailFrac(ge) }, "exactly equal")
	success := func(l []float64, a float64) float64 { return 1 - good(l, a) }
	expect(t, "successes", func() bool { return CheckFailFrac(success) }, "successes")
}

func TestCheckQuantile(t *testing.T) {
	expect(t, "correct", func() bool { return CheckQuantile(shootout.Quantile) }, "")
	expect(t, "stub", func() bool { return CheckQuantile(func([]float64, float64) float64 { return 0 }) }, "FAIL")
	expect(t, "nil", func() bool { return CheckQuantile(nil) }, "nil")
	nearest := func(s []float64, q float64) float64 { return s[int(math.Round(q*float64(len(s)-1)))] }
	expect(t, "nearest rank", func() bool { return CheckQuantile(nearest) }, "interpolate")
	overrun := func(s []float64, q float64) float64 { return s[int(q*float64(len(s)))] }
	expect(t, "index n", func() bool { return CheckQuantile(overrun) }, "FAIL")
}
