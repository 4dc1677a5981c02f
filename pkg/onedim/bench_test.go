package onedim

import (
	"math"
	"testing"
)

func BenchmarkGolden(b *testing.B) {
	for b.Loop() {
		Golden(quartic, 0, 2, nil)
	}
}

func BenchmarkBrent(b *testing.B) {
	for b.Loop() {
		Brent(quartic, 0, 2, nil)
	}
}

func BenchmarkNewton(b *testing.B) {
	for b.Loop() {
		Newton(dquartic, d2quartic, 0.2, nil)
	}
}

func BenchmarkBisection(b *testing.B) {
	for b.Loop() {
		Bisection(func(x float64) float64 { return -math.Sin(x) }, 0, 2*math.Pi, nil)
	}
}
