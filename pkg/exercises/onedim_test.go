package exercises

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/optlab/optlab/pkg/onedim"
)

// goodGolden is golden section with one evaluation per iteration.
func goodGolden(f func(float64) float64, a, b, tol float64) (float64, int) {
	if a > b {
		a, b = b, a
	}
	x, n := onedim.GoldenSection(f, a, b, tol)
	return x, n
}

// twiceGolden evaluates both interior points every iteration.
func twiceGolden(f func(float64) float64, a, b, tol float64) (float64, int) {
	if a > b {
		a, b = b, a
	}
	n := 0
	for b-a > tol {
		c, d := a+onedim.Rho*(b-a), b-onedim.Rho*(b-a)
		n += 2
		if f(c) < f(d) {
			b = d
		} else {
			a = c
		}
	}
	return (a + b) / 2, n
}

// matlabGolden has the original wrong branch a = d.
func matlabGolden(f func(float64) float64, a, b, tol float64) (float64, int) {
	n := 0
	for b-a > tol {
		c, d := a+onedim.Rho*(b-a), b-onedim.Rho*(b-a)
		n += 2
		if f(c) < f(d) {
			b = d
		} else {
			a = d
		}
	}
	return (a + b) / 2, n
}

func TestCheckGolden(t *testing.T) {
	expectOneDim(t, "good", true, func() bool { return CheckGolden(goodGolden) })
	out := expectOneDim(t, "twice", false, func() bool { return CheckGolden(twiceGolden) })
	if !strings.Contains(out, "reuse it") {
		t.Errorf("no reuse hint:\n%s", out)
	}
	expectOneDim(t, "matlab", false, func() bool { return CheckGolden(matlabGolden) })
	expectOneDim(t, "stub", false, func() bool {
		return CheckGolden(func(f func(float64) float64, a, b, tol float64) (float64, int) { return 0, 0 })
	})
	// No swap: a > b not handled.
	noSwap := func(f func(float64) float64, a, b, tol float64) (float64, int) {
		return onedim.GoldenSection(f, a, b, tol)
	}
	out = expectOneDim(t, "no swap", false, func() bool { return CheckGolden(noSwap) })
	if !strings.Contains(out, "a > b") {
		t.Errorf("no a > b line:\n%s", out)
	}
	expectOneDim(t, "refuse", true, func() bool {
		return CheckGolden(func(f func(float64) float64, a, b, tol float64) (float64, int) {
			if a > b {
				return math.NaN(), 0
			}
			return onedim.GoldenSection(f, a, b, tol)
		})
	})
	expectOneDim(t, "panics and loops", false, func() bool {
		return CheckGolden(func(f func(float64) float64, a, b, tol float64) (float64, int) {
			if a > b {
				panic("boom")
			}
			for {
				f(a)
			}
		})
	})
	expectOneDim(t, "nil", false, func() bool { return CheckGolden(nil) })
	old := Timeout
	Timeout = 50 * time.Millisecond
	defer func() { Timeout = old }()
	out = expectOneDim(t, "hangs", false, func() bool {
		return CheckGolden(func(f func(float64) float64, a, b, tol float64) (float64, int) {
			end := time.Now().Add(100 * time.Millisecond) // longer than Timeout, without evaluating f
			for time.Now().Before(end) {
			}
			return 0, 0
		})
	})
	if !strings.Contains(out, "no answer within") {
		t.Errorf("no timeout line:\n%s", out)
	}
}

func TestCheckGoldenIterations(t *testing.T) {
	expectOneDim(t, "good", true, func() bool {
		return CheckGoldenIterations(func(a, b, tol float64) int {
			return int(math.Ceil(math.Log(tol/(b-a)) / math.Log(1-onedim.Rho)))
		})
	})
	expectOneDim(t, "floor", false, func() bool {
		return CheckGoldenIterations(func(a, b, tol float64) int {
			return int(math.Log(tol/(b-a)) / math.Log(1-onedim.Rho))
		})
	})
	expectOneDim(t, "stub", false, func() bool { return CheckGoldenIterations(func(a, b, tol float64) int { return 0 }) })
}

func goodClassify(ga, gb float64) string {
	switch {
	case ga <= 0 && gb >= 0:
		return "minimum"
	case ga > 0 && gb < 0:
		return "maximum"
	}
	return "none"
}

func TestCheckBracket(t *testing.T) {
	expectOneDim(t, "good", true, func() bool { return CheckBracket(goodClassify) })
	expectOneDim(t, "product", false, func() bool {
		return CheckBracket(func(ga, gb float64) string {
			if ga*gb > 0 {
				return "none"
			}
			if ga < gb {
				return "minimum"
			}
			return "maximum"
		})
	})
	expectOneDim(t, "stub", false, func() bool { return CheckBracket(func(ga, gb float64) string { return "" }) })
}

func goodBisect(df func(float64) float64, a, b, tol float64) (float64, bool) {
	if goodClassify(df(a), df(b)) != "minimum" {
		return math.NaN(), false
	}
	for b-a > tol {
		m := a + (b-a)/2
		g := df(m)
		switch {
		case g < 0:
			a = m
		case g > 0:
			b = m
		default:
			return m, true
		}
	}
	return a + (b-a)/2, true
}

func TestCheckBisection(t *testing.T) {
	expectOneDim(t, "good", true, func() bool { return CheckBisection(goodBisect) })
	// No sign-change check: bisects anything.
	expectOneDim(t, "no check", false, func() bool {
		return CheckBisection(func(df func(float64) float64, a, b, tol float64) (float64, bool) {
			for b-a > tol {
				m := a + (b-a)/2
				if df(m) < 0 {
					a = m
				} else {
					b = m
				}
			}
			return a + (b-a)/2, true
		})
	})
	// Wrong branch: keeps the wrong half.
	expectOneDim(t, "wrong half", false, func() bool {
		return CheckBisection(func(df func(float64) float64, a, b, tol float64) (float64, bool) {
			if goodClassify(df(a), df(b)) != "minimum" {
				return 0, false
			}
			for b-a > tol {
				m := a + (b-a)/2
				if df(m) > 0 {
					a = m
				} else {
					b = m
				}
			}
			return a + (b-a)/2, true
		})
	})
	expectOneDim(t, "stub", false, func() bool {
		return CheckBisection(func(df func(float64) float64, a, b, tol float64) (float64, bool) { return 0, false })
	})
}

func TestCheckNewtonStep(t *testing.T) {
	expectOneDim(t, "good", true, func() bool {
		return CheckNewtonStep(func(g, h float64) (float64, bool) {
			if !(h > 0) {
				return 0, false
			}
			return -g / h, true
		})
	})
	expectOneDim(t, "no check", false, func() bool {
		return CheckNewtonStep(func(g, h float64) (float64, bool) { return -g / h, true })
	})
	expectOneDim(t, "h < 0 only", false, func() bool {
		return CheckNewtonStep(func(g, h float64) (float64, bool) { return -g / h, h >= 0 })
	})
	expectOneDim(t, "stub", false, func() bool { return CheckNewtonStep(func(g, h float64) (float64, bool) { return 0, false }) })
}

func goodSecant(df func(float64) float64, x0, x1, tol float64) (float64, int) {
	g0, g1 := df(x0), df(x1)
	n := 2
	for range 100 {
		if g1 == 0 {
			return x1, n
		}
		s := (g1 - g0) / (x1 - x0)
		x2 := x1 - g1/s
		x0, g0 = x1, g1
		x1, g1 = x2, df(x2)
		n++
		if math.Abs(x1-x0) < tol {
			break
		}
	}
	return x1, n
}

func TestCheckSecant(t *testing.T) {
	expectOneDim(t, "good", true, func() bool { return CheckSecant(goodSecant) })
	// Re-evaluates both points every step, and counts only one.
	expectOneDim(t, "wasteful", false, func() bool {
		return CheckSecant(func(df func(float64) float64, x0, x1, tol float64) (float64, int) {
			n := 0
			for range 100 {
				g0, g1 := df(x0), df(x1)
				n++
				if g1 == 0 {
					break
				}
				x0, x1 = x1, x1-g1*(x1-x0)/(g1-g0)
				if math.Abs(x1-x0) < tol {
					break
				}
			}
			return x1, n
		})
	})
	// Forgets to shift x0: a fixed-slope (chord) method, only linear.
	expectOneDim(t, "chord", false, func() bool {
		return CheckSecant(func(df func(float64) float64, x0, x1, tol float64) (float64, int) {
			g0 := df(x0)
			g1 := df(x1)
			n := 2
			for range 500 {
				if g1 == 0 {
					break
				}
				x2 := x1 - g1*(x1-x0)/(g1-g0)
				done := math.Abs(x2-x1) < tol
				x1, g1 = x2, df(x2)
				n++
				if done {
					break
				}
			}
			return x1, n
		})
	})
	expectOneDim(t, "stub", false, func() bool {
		return CheckSecant(func(df func(float64) float64, x0, x1, tol float64) (float64, int) { return 0, 0 })
	})
}
