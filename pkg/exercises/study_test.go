package exercises

import (
	"testing"
)

func goodCount(sizes []int, hiddenBias bool) int {
	n := 0
	for l := 1; l < len(sizes); l++ {
		n += sizes[l-1] * sizes[l]
		if hiddenBias || l == len(sizes)-1 {
			n += sizes[l]
		}
	}
	return n
}

func TestCheckCountParams(t *testing.T) {
	expect(t, "correct", func() bool { return CheckCountParams(goodCount) }, "")
	expect(t, "stub", func() bool { return CheckCountParams(func([]int, bool) int { return 0 }) }, "FAIL")
	expect(t, "nil", func() bool { return CheckCountParams(nil) }, "nil")
	weights := func(s []int, b bool) int {
		n := 0
		for l := 1; l < len(s); l++ {
			n += s[l-1] * s[l]
		}
		return n
	}
	expect(t, "weights only", func() bool { return CheckCountParams(weights) }, "weights only")
	allBias := func(s []int, b bool) int { return goodCount(s, true) }
	expect(t, "always hidden biases", func() bool { return CheckCountParams(allBias) }, "only the output layer")
	noHidden := func(s []int, b bool) int { return goodCount(s, false) }
	expect(t, "never hidden biases", func() bool { return CheckCountParams(noHidden) }, "every hidden layer")
	perLayer := func(s []int, b bool) int {
		n := weights(s, b)
		if b {
			return n + len(s) - 1
		}
		return n + 1
	}
	expect(t, "one bias per layer", func() bool { return CheckCountParams(perLayer) }, "one bias per unit")
	panics := func(s []int, b bool) int { return s[10] }
	expect(t, "panics", func() bool { return CheckCountParams(panics) }, "panicked")
}

func goodStopsAt(ns []int, loss, ref []float64, factor float64) int {
	for i, n := range ns {
		if !(loss[i] <= factor*ref[i]) {
			return n
		}
	}
	return 0
}

func TestCheckStopsAt(t *testing.T) {
	expect(t, "correct", func() bool { return CheckStopsAt(goodStopsAt) }, "")
	expect(t, "stub", func() bool { return CheckStopsAt(func([]int, []float64, []float64, float64) int { return 0 }) }, "FAIL")
	expect(t, "nil", func() bool { return CheckStopsAt(nil) }, "nil")
	gt := func(ns []int, loss, ref []float64, factor float64) int {
		for i, n := range ns {
			if loss[i] > factor*ref[i] {
				return n
			}
		}
		return 0
	}
	expect(t, "NaN competitive", func() bool { return CheckStopsAt(gt) }, "NaN")
	ge := func(ns []int, loss, ref []float64, factor float64) int {
		for i, n := range ns {
			if !(loss[i] < factor*ref[i]) {
				return n
			}
		}
		return 0
	}
	expect(t, "ties", func() bool { return CheckStopsAt(ge) }, "exactly factor")
	last := func(ns []int, loss, ref []float64, factor float64) int {
		s := 0
		for i, n := range ns {
			if !(loss[i] <= factor*ref[i]) {
				s = n
			}
		}
		return s
	}
	expect(t, "last instead of first", func() bool { return CheckStopsAt(last) }, "FIRST")
	index := func(ns []int, loss, ref []float64, factor float64) int {
		for i := range ns {
			if !(loss[i] <= factor*ref[i]) {
				return i
			}
		}
		return 0
	}
	expect(t, "index", func() bool { return CheckStopsAt(index) }, "index")
	ten := func(ns []int, loss, ref []float64, factor float64) int { return goodStopsAt(ns, loss, ref, 10) }
	expect(t, "fixed factor", func() bool { return CheckStopsAt(ten) }, "factor you are given")
}
