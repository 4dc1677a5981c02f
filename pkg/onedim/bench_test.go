package onedim

import (
	"context"
	"math"
	"testing"

	"github.com/optlab/optlab/pkg/optim"
)

func bench(b *testing.B, m optim.Method, p optim.Problem, x0 []float64) {
	for b.Loop() {
		optim.Minimize(context.Background(), p, x0, nil, m)
	}
}

func BenchmarkGolden(b *testing.B) { bench(b, &Golden{}, Problem(quartic, nil, nil, 0, 2), nil) }
func BenchmarkBrent(b *testing.B)  { bench(b, &Brent{}, Problem(quartic, nil, nil, 0, 2), nil) }
func BenchmarkNewton(b *testing.B) {
	bench(b, &Newton{}, Problem(quartic, dquartic, d2quartic, 0, 2), []float64{0.2})
}
func BenchmarkSecant(b *testing.B) {
	bench(b, &Secant{}, Problem(quartic, dquartic, nil, 0, 2), []float64{0.2})
}
func BenchmarkBisection(b *testing.B) {
	bench(b, &Bisection{}, Problem(math.Cos, func(x float64) float64 { return -math.Sin(x) }, nil, 0, 2*math.Pi), nil)
}
