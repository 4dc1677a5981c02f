package remote

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// benchBatches evaluates b.N batches of 32 points and reports the
// throughput and the wall time per evaluation.
func benchBatches(b *testing.B, workersN int, f func([]float64) float64) {
	url := startServer(b)
	problem := fmt.Sprintf("bench%d", workersN)
	workers(b, url, workersN, problem, f, Options{Concurrency: 1})
	be := newBackend(b, url, problem, Options{})
	rng := rand.New(rand.NewPCG(1, 2))
	xs := make([][]float64, 32)
	for i := range xs {
		xs[i] = []float64{rng.Float64(), rng.Float64(), rng.Float64(), rng.Float64()}
	}
	fs := make([]float64, len(xs))
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		if err := be.EvalBatch(context.Background(), xs, fs); err != nil {
			b.Fatal(err)
		}
	}
	el := time.Since(start)
	n := float64(b.N * len(xs))
	b.ReportMetric(n/el.Seconds(), "evals/s")
	b.ReportMetric(el.Seconds()*1e6/n, "µs/eval")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkSleep10ms: an objective that sleeps 10 ms, 1, 2, 4, 8 workers
// of concurrency 1, batches of 32 (go test -run '^$' -bench Sleep -benchtime 3x).
func BenchmarkSleep10ms(b *testing.B) {
	f := func(x []float64) float64 { time.Sleep(10 * time.Millisecond); return x[0] }
	for _, n := range []int{1, 2, 4, 8} {
		b.Run(fmt.Sprintf("workers=%d", n), func(b *testing.B) { benchBatches(b, n, f) })
	}
}

// BenchmarkOverhead: a zero-cost objective, so µs/eval is the protocol's
// cost per evaluation on loopback.
func BenchmarkOverhead(b *testing.B) {
	f := func(x []float64) float64 { return x[0] }
	for _, n := range []int{1, 4} {
		b.Run(fmt.Sprintf("workers=%d", n), func(b *testing.B) { benchBatches(b, n, f) })
	}
}
