package exercises

import (
	"math"
	"testing"
)

func TestCheckAccept(t *testing.T) {
	good := func(dE, tqa, qa float64) float64 {
		if dE <= 0 {
			return 1
		}
		b := 1 - (1-qa)*dE/tqa
		if b <= 0 {
			return 0
		}
		return math.Pow(b, 1/(1-qa))
	}
	expect(t, "correct", func() bool { return CheckAccept(good) }, "")
	expect(t, "stub", func() bool { return CheckAccept(func(dE, tqa, qa float64) float64 { return 0 }) }, "always accepted")
	expect(t, "nil", func() bool { return CheckAccept(nil) }, "nil")
	metropolis := func(dE, tqa, qa float64) float64 { return math.Min(1, math.Exp(-dE/tqa)) }
	expect(t, "Metropolis", func() bool { return CheckAccept(metropolis) }, "classical Metropolis")
	noCut := func(dE, tqa, qa float64) float64 {
		if dE <= 0 {
			return 1
		}
		return math.Pow(1-(1-qa)*dE/tqa, 1/(1-qa))
	}
	expect(t, "no cut-off", func() bool { return CheckAccept(noCut) }, "NaN")
	sign := func(dE, tqa, qa float64) float64 {
		if dE <= 0 {
			return 1
		}
		b := 1 - (1-qa)*dE/tqa
		if b <= 0 {
			return 0
		}
		return math.Pow(b, 1/(1+qa))
	}
	expect(t, "wrong exponent", func() bool { return CheckAccept(sign) }, "exponent")
	panics := func(dE, tqa, qa float64) float64 { var s []float64; return s[1] }
	expect(t, "panic", func() bool { return CheckAccept(panics) }, "panicked")
}

func TestCheckTemperature(t *testing.T) {
	good := func(t int, t0, qv float64) float64 {
		return t0 * (math.Pow(2, qv-1) - 1) / (math.Pow(1+float64(t), qv-1) - 1)
	}
	expect(t, "correct", func() bool { return CheckTemperature(good) }, "")
	expect(t, "stub", func() bool { return CheckTemperature(func(int, float64, float64) float64 { return 0 }) }, "T(1) must be T0")
	expect(t, "nil", func() bool { return CheckTemperature(nil) }, "nil")
	fast := func(t int, t0, qv float64) float64 { return t0 / float64(t) }
	expect(t, "fast annealing", func() bool { return CheckTemperature(fast) }, "fast annealing")
	noOne := func(t int, t0, qv float64) float64 {
		return t0 * (math.Pow(2, qv-1) - 1) / (math.Pow(float64(t), qv-1) - 1)
	}
	expect(t, "t instead of 1+t", func() bool { return CheckTemperature(noOne) }, "not t^(qv−1) − 1")
	panics := func(t int, t0, qv float64) float64 { var s []float64; return s[t] }
	expect(t, "panic", func() bool { return CheckTemperature(panics) }, "panicked")
}
