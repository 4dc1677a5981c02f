package exercises

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/optlab/optlab/pkg/shootout"
)

// FailFracFunc computes the failure fraction of a list of final losses
// (chapter 15): the fraction of runs whose loss is above failAbove or not
// a number at all (NaN, +Inf), as shootout.Report's FailFrac.
type FailFracFunc func(losses []float64, failAbove float64) float64

// refFailFrac is the shoot-out's definition.
func refFailFrac(losses []float64, failAbove float64) float64 {
	failed := 0
	for _, v := range losses {
		if !(v <= failAbove) {
			failed++
		}
	}
	return float64(failed) / float64(len(losses))
}

// CheckFailFrac runs failFrac on hidden lists of losses (successes and
// failures, losses exactly at the threshold, NaN and +Inf) and prints PASS
// or a FAIL line with a hint; it reports whether it passed.
func CheckFailFrac(failFrac FailFracFunc) bool {
	r := &checker{name: "failure fraction"}
	if failFrac == nil {
		r.reject("the function is nil")
		return r.verdict("")
	}
	nan, inf := math.NaN(), math.Inf(1)
	cases := []struct {
		losses    []float64
		failAbove float64
	}{
		{[]float64{0.8, 1.2, 1.44e5, 0.79}, 1e3},
		{[]float64{5, 5, 5}, 1e3},
		{[]float64{2e3, 3e3}, 1e3},
		{[]float64{1e3, 1000.0001, 999}, 1e3}, // exactly at the threshold is no failure
		{[]float64{0.8, nan, 0.9, 0.7}, 1e3},  // NaN is a failure
		{[]float64{inf, 0.8, 1, 2, 3}, 1e3},   // so is +Inf
		{[]float64{0.5, 1.5, 2.5, 3.5}, 2},
	}
	rng := rand.New(rand.NewPCG(15, 1))
	for range 10 {
		l := make([]float64, 50)
		for i := range l {
			l[i] = math.Exp(14 * rng.Float64())
		}
		cases = append(cases, struct {
			losses    []float64
			failAbove float64
		}{l, 1e3})
	}
	for k, c := range cases {
		want := refFailFrac(c.losses, c.failAbove)
		var got float64
		in := slices.Clone(c.losses)
		if !r.guard(func() { got = failFrac(in, c.failAbove) }) {
			break
		}
		if !near(got, want) {
			switch {
			case got == want*float64(len(c.losses)):
				r.reject("return a fraction of the runs (between 0 and 1), not a count: divide by len(losses)")
			case k == 3:
				r.reject("a loss exactly equal to failAbove is not a failure: fail when loss > failAbove")
			case k == 4 || k == 5:
				r.reject("a NaN or +Inf loss is a failed run: test !(loss <= failAbove), which is true for NaN, instead of loss > failAbove")
			case math.Abs(got-(1-want)) < 1e-12:
				r.reject("you computed the fraction of successes: a failure is a loss ABOVE failAbove")
			default:
				r.reject("losses %v with failAbove %g: got %g, want %g", c.losses[:min(6, len(c.losses))], c.failAbove, got, want)
			}
			break
		}
	}
	return r.verdict("the failure fraction agrees with the shoot-out's FailFrac on 17 hidden lists (threshold ties, NaN, +Inf)")
}

// QuantileFunc returns the q-quantile (0 ≤ q ≤ 1) of losses sorted in
// increasing order, interpolating linearly between order statistics
// (numpy's default, as shootout.Quantile).
type QuantileFunc func(sorted []float64, q float64) float64

// CheckQuantile runs quantile on hidden sorted lists (odd and even
// lengths, one value, q = 0, 0.25, 0.5, 0.75, 0.9, 1) and compares it with
// shootout.Quantile; it prints PASS or a FAIL line with a hint and reports
// whether it passed.
func CheckQuantile(quantile QuantileFunc) bool {
	r := &checker{name: "quantile"}
	if quantile == nil {
		r.reject("the function is nil")
		return r.verdict("")
	}
	lists := [][]float64{{7}, {1, 2}, {1, 2, 3}, {0.78, 0.8, 1.1, 1.9, 6.5, 1.44e5}}
	rng := rand.New(rand.NewPCG(15, 2))
	for n := 4; n <= 50; n += 23 {
		l := make([]float64, n)
		for i := range l {
			l[i] = math.Exp(10 * rng.Float64())
		}
		slices.Sort(l)
		lists = append(lists, l)
	}
	for _, l := range lists {
		for _, q := range []float64{0, 0.25, 0.5, 0.75, 0.9, 1} {
			want := shootout.Quantile(l, q)
			var got float64
			in := slices.Clone(l)
			if !r.guard(func() { got = quantile(in, q) }) {
				return r.verdict("")
			}
			if near(got, want) {
				continue
			}
			pos := q * float64(len(l)-1)
			nearest := l[int(math.Round(pos))]
			switch {
			case q == 1 && len(l) > 1:
				r.reject("q = 1 must give the largest value, %g (got %g): careful with the index len−1", want, got)
			case near(got, nearest) || near(got, l[int(math.Floor(pos))]) || near(got, l[min(len(l)-1, int(math.Ceil(pos)))]):
				r.reject("q = %g of %d values: got the order statistic %g, want %g: interpolate linearly between sorted[⌊q(n−1)⌋] and the next value", q, len(l), got, want)
			default:
				r.reject("q = %g of %v: got %g, want %g; the position is q·(n − 1) (0-based), the value sorted[i] + (pos − i)·(sorted[i+1] − sorted[i])", q, l[:min(6, len(l))], got, want)
			}
			return r.verdict("")
		}
	}
	return r.verdict("quantiles agree with numpy's linear interpolation (shootout.Quantile) on 36 hidden cases")
}
