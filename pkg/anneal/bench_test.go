package anneal_test

import (
	"testing"
)

// BenchmarkToyNetwork is one full run of the reference experiment (maxiter
// 100, initial_temp 1, [−1, 1]^10); it reports objective evaluations per
// second. "fd" uses finite differences in the local search, as scipy did.
func BenchmarkToyNetwork(b *testing.B) {
	for _, tc := range []struct {
		name string
		grad bool
	}{{"grad", true}, {"fd", false}} {
		b.Run(tc.name, func(b *testing.B) {
			p, m, s := toySetup(tc.grad)
			nfev := 0
			seed := uint64(0)
			for b.Loop() {
				s.Seed = seed % 21
				seed++
				r := run(b, p, nil, &s, m)
				nfev += r.NFev
			}
			b.ReportMetric(float64(nfev)/b.Elapsed().Seconds(), "evals/s")
			b.ReportMetric(float64(nfev)/float64(b.N), "evals/run")
		})
	}
}
