package exercises

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func TestCheckGridMin(t *testing.T) {
	var b bytes.Buffer
	old := Out
	Out = &b
	defer func() { Out = old }()
	good := func(f func(float64) float64, a, b float64, n int) float64 {
		best, bx := math.Inf(1), a
		for i := range n {
			x := a + (b-a)*float64(i)/float64(n-1)
			if v := f(x); v < best {
				best, bx = v, x
			}
		}
		return bx
	}
	if !CheckGridMin(good) || !strings.Contains(b.String(), "PASS") {
		t.Errorf("a right solution fails: %s", b.String())
	}
	noEnd := func(f func(float64) float64, a, b float64, n int) float64 {
		return good(f, a, b-(b-a)/float64(n-1), n-1) // misses the right end
	}
	for name, wrong := range map[string]func(func(float64) float64, float64, float64, int) float64{
		"stub":   func(func(float64) float64, float64, float64, int) float64 { return 0 },
		"no end": noEnd,
		"panic":  func(func(float64) float64, float64, float64, int) float64 { panic("x") },
	} {
		b.Reset()
		if CheckGridMin(wrong) || !strings.Contains(b.String(), "FAIL") {
			t.Errorf("%s passes: %s", name, b.String())
		}
	}
	b.Reset()
	if CheckGridMin(nil) {
		t.Error("nil passes")
	}
}
