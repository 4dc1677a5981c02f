package cmaes

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/toynet"
)

// BenchmarkToyNet is the reference run: 100 generations of λ = 10 on the
// toy network (a loss evaluation costs about 120 ns, so this measures the
// algorithm's own overhead).
func BenchmarkToyNet(b *testing.B) {
	net := toynet.Reference()
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("Workers%d", w), func(b *testing.B) {
			nfev := 0
			for i := 0; b.Loop(); i++ {
				o := DefaultOptions()
				o.Sigma0, o.MaxIter, o.Seed, o.Workers = 0.5, 100, uint64(i), w
				r, _ := Minimize(net.Problem(), toynet.X0(), o)
				nfev += r.NFev
			}
			b.ReportMetric(float64(nfev)/b.Elapsed().Seconds(), "evals/s")
		})
	}
}

// slow is a 10-D sphere that takes about 1 ms per evaluation.
func slow(x []float64) float64 {
	t := time.Now()
	s := 0.0
	for time.Since(t) < time.Millisecond {
		s = sphere(x) + 0*math.Sqrt(s)
	}
	return s
}

// BenchmarkGenerationSlowObjective is one generation (λ = 10) of a ≈1 ms
// objective: Workers 2 should halve the time on two idle cores.
func BenchmarkGenerationSlowObjective(b *testing.B) {
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("Workers%d", w), func(b *testing.B) {
			o := DefaultOptions()
			o.Workers = w
			c, _ := New(constVec(10, 1), 1, o)
			ev := optim.NewEvaluator(slow, 0)
			fs := make([]float64, c.PopSize())
			for b.Loop() {
				ev.EvalBatch(c.Ask(), fs, w)
				c.Tell(fs)
			}
			b.ReportMetric(float64(ev.NFev)/b.Elapsed().Seconds(), "evals/s")
		})
	}
}

// BenchmarkGeneration100D compares the cost of one generation (ask + tell,
// λ = 17, objective ≈ free) of full CMA-ES and sep-CMA-ES in 100-D.
func BenchmarkGeneration100D(b *testing.B) {
	for _, sep := range []bool{false, true} {
		name := "Full"
		if sep {
			name = "Separable"
		}
		b.Run(name, func(b *testing.B) {
			o := DefaultOptions()
			o.Separable = sep
			c, _ := New(constVec(100, 1), 1, o)
			fs := make([]float64, c.PopSize())
			for b.Loop() {
				for i, x := range c.Ask() {
					fs[i] = sphere(x)
				}
				c.Tell(fs)
			}
		})
	}
}
