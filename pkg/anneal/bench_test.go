package anneal_test

import (
	"testing"

	"github.com/optlab/optlab/pkg/anneal"
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
			p, o := toySetup(tc.grad)
			nfev := 0
			seed := uint64(0)
			for b.Loop() {
				o.Seed = seed % 21
				seed++
				r, err := anneal.Minimize(p, nil, o)
				if err != nil {
					b.Fatal(err)
				}
				nfev += r.NFev
			}
			b.ReportMetric(float64(nfev)/b.Elapsed().Seconds(), "evals/s")
			b.ReportMetric(float64(nfev)/float64(b.N), "evals/run")
		})
	}
}
