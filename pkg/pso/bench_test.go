package pso

import (
	"fmt"
	"testing"
	"time"

	"github.com/optlab/optlab/pkg/optim"
)

// BenchmarkToyNetwork is one full run with the reference budget (pyswarm's
// defaults, 10100 evaluations when no early stop fires). The toy network's
// loss takes ~120 ns, so this measures the method's own overhead; a second
// worker cannot pay for its synchronization here.
func BenchmarkToyNetwork(b *testing.B) {
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			p := toyProblem()
			s := &optim.Settings{Workers: w}
			nfev := 0
			b.ReportAllocs()
			for b.Loop() {
				r := mustRun(b, p, s, nil)
				nfev += r.NFev
			}
			b.ReportMetric(float64(nfev)/b.Elapsed().Seconds(), "evals/s")
		})
	}
}

// BenchmarkSlowObjective has an objective that takes ~1 ms (a sleep, as a
// stand-in for a simulation or an I/O-bound model): there Workers pays off
// almost linearly. 16 particles, 3 iterations: 64 evaluations per run.
func BenchmarkSlowObjective(b *testing.B) {
	slow := func(x []float64) float64 {
		time.Sleep(time.Millisecond)
		return x[0]*x[0] + x[1]*x[1]
	}
	p := optim.Problem{Func: slow, Lower: []float64{-1, -1}, Upper: []float64{1, 1}}
	for _, w := range []int{1, 2, 4, 16} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			s := &optim.Settings{MaxIter: 3, Workers: w}
			m := &Method{SwarmSize: 16, NoEarlyStop: true}
			nfev := 0
			for b.Loop() {
				r := mustRun(b, p, s, m)
				nfev += r.NFev
			}
			b.ReportMetric(float64(nfev)/b.Elapsed().Seconds(), "evals/s")
		})
	}
}
