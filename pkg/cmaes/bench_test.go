package cmaes

import (
	"context"
	"fmt"
	"math"
	"syscall"
	"testing"
	"time"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/toynet"
)

// BenchmarkGeneration is ask + evaluate + tell on the sphere from x0 = 3·1
// with σ0 = 2 and the default λ. One op is one cycle of the lazy
// eigendecomposition (max(1, ⌈gap⌉) generations, see newParams), so that
// its cost is included; ns/gen is the time per generation. A run that
// stops (at n = 10 after about 150 generations) is started again.
func BenchmarkGeneration(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		for _, v := range []Variant{Full, Sep, MAES, Cholesky} {
			b.Run(fmt.Sprintf("n=%d/%v", n, v), func(b *testing.B) {
				c, _ := New(constVec(n, 3), 2, &Options{Variant: v, Seed: 1})
				fs := make([]float64, c.PopSize())
				k := max(1, int(math.Ceil(c.s.p.eigenGap)))
				gens := 0
				cpu0 := cpuTime()
				for b.Loop() {
					for range k {
						for i, x := range c.Ask() {
							fs[i] = sphere(x)
						}
						c.Tell(fs)
						gens++
						if _, _, stop := c.Stop(); stop { // start again rather than compute with denormals
							c, _ = New(constVec(n, 3), 2, &Options{Variant: v, Seed: uint64(gens)})
						}
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(gens), "ns/gen")
				b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(gens), "cpu-ns/gen")
			})
		}
	}
}

// cpuTime returns the CPU time the process used so far (user and system,
// all threads): on a loaded machine it varies less than the wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkOverhead is the optimizer's own cost per evaluation at n = 10
// through optim.Minimize, with an objective that costs a few ns (the
// sphere, until tolfun, about 1500 evaluations): compare ns/eval with
// one toy-network evaluation.
func BenchmarkOverhead(b *testing.B) {
	for _, v := range []Variant{Full, Sep, MAES, Cholesky} {
		b.Run(v.String(), func(b *testing.B) {
			s := &optim.Settings{MaxEval: 10000}
			nfev := 0
			cpu0 := cpuTime()
			for b.Loop() {
				s.Seed++
				r, _ := optim.Minimize(context.Background(), optim.Problem{Func: sphere}, constVec(10, 1), s, &Method{Sigma0: 0.5, Variant: v})
				nfev += r.NFev
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(nfev), "ns/eval")
			b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(nfev), "cpu-ns/eval")
		})
	}
}

// BenchmarkToyNet is the reference run: 100 generations of λ = 10 on the
// toy network.
func BenchmarkToyNet(b *testing.B) {
	net := toynet.Reference()
	for _, v := range []Variant{Full, MAES} {
		for _, w := range []int{1, 2} {
			b.Run(fmt.Sprintf("%v/Workers%d", v, w), func(b *testing.B) {
				nfev := 0
				cpu0 := cpuTime()
				for i := 0; b.Loop(); i++ {
					r, _ := optim.Minimize(context.Background(), net.Problem(), toynet.X0(),
						&optim.Settings{MaxIter: 100, Seed: uint64(i), Workers: w}, &Method{Sigma0: 0.5, Variant: v})
					nfev += r.NFev
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(nfev), "ns/eval")
				b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(nfev), "cpu-ns/eval")
			})
		}
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

// BenchmarkSlowObjective is 5 generations (λ = 10) of a ≈1 ms objective:
// Workers 2 should halve the time on two idle cores.
func BenchmarkSlowObjective(b *testing.B) {
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("Workers%d", w), func(b *testing.B) {
			for b.Loop() {
				optim.Minimize(context.Background(), optim.Problem{Func: slow}, constVec(10, 1),
					&optim.Settings{MaxIter: 5, Workers: w}, &Method{SkipFinalMean: true})
			}
		})
	}
}

// BenchmarkOverheadParts splits full CMA-ES's own cost at n = 10 (λ = 10)
// into what every evaluation needs: drawing one candidate (Ask: 10
// normals, also shown alone, and y = B D z), and its share of the
// eigendecomposition of C, which the lazy gap (0.26 generations at n = 10,
// as pycma's) asks for after every generation; all in ns per evaluation,
// next to one toy-network loss. BenchmarkOverhead is the whole.
func BenchmarkOverheadParts(b *testing.B) {
	c, _ := New(constVec(10, 3), 2, &Options{Seed: 1})
	fs := make([]float64, c.PopSize())
	for range 50 { // a C that is no longer the identity
		for i, x := range c.Ask() {
			fs[i] = sphere(x)
		}
		c.Tell(fs)
	}
	lambda := float64(c.PopSize())
	b.Run("ask", func(b *testing.B) {
		for b.Loop() {
			c.s.sample(c.rng, c.Z, c.Y, c.x)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/lambda, "ns/eval")
	})
	b.Run("normals", func(b *testing.B) { // the 10 N(0, 1) draws of Ask
		r, sum := optim.NewRand(1), 0.0
		for b.Loop() {
			for range 10 {
				sum += r.NormFloat64()
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/eval")
		_ = sum
	})
	b.Run("decompose", func(b *testing.B) {
		for b.Loop() {
			c.s.decompose()
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/lambda, "ns/eval")
	})
	b.Run("toynet", func(b *testing.B) {
		f, x := toynet.Reference().Problem().Func, toynet.X0()
		for b.Loop() {
			f(x)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/eval")
	})
}
