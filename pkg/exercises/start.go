package exercises

import (
	"fmt"
	"math"
)

// CheckGridMin checks the warm-up exercise of chapter 00: gridMin(f, a, b,
// n) returns the point of the grid a, a+h, …, b (n ≥ 2 points, h =
// (b−a)/(n−1)) where f is smallest, the first one on ties. It prints one
// PASS or FAIL line with a hint and returns whether it passed.
func CheckGridMin(gridMin func(f func(float64) float64, a, b float64, n int) float64) bool {
	fail := func(hint string, args ...any) bool {
		fmt.Fprintf(Out, "FAIL grid minimum: "+hint+"\n", args...)
		return false
	}
	if gridMin == nil {
		return fail("gridMin is nil: define it in the cell above")
	}
	cases := []struct {
		f    func(float64) float64
		a, b float64
		n    int
		want float64
	}{
		{func(x float64) float64 { return (x - 1) * (x - 1) }, -2, 2, 5, 1},
		{func(x float64) float64 { return (x - 1) * (x - 1) }, -2, 2, 9, 1},
		{math.Cos, 0, 2 * math.Pi, 3, math.Pi},
		{func(x float64) float64 { return x }, 3, 7, 2, 3},   // the minimum at the left end
		{func(x float64) float64 { return -x }, 3, 7, 11, 7}, // at the right end
		{func(float64) float64 { return 1 }, 0, 1, 4, 0},     // ties: the first point
		{func(x float64) float64 { return math.Abs(x - 0.3) }, 0, 1, 11, 0.3},
	}
	for _, c := range cases {
		var got float64
		var bad any
		func() {
			defer func() { bad = recover() }()
			got = gridMin(c.f, c.a, c.b, c.n)
		}()
		switch {
		case bad != nil:
			return fail("your function panicked on [%g, %g] with n = %d: %v", c.a, c.b, c.n, bad)
		case !(math.Abs(got-c.want) <= 1e-12*math.Max(1, math.Abs(c.want))):
			return fail("on [%g, %g] with n = %d you return %v, want %v (the grid includes both ends; h = (b−a)/(n−1); keep the first point on ties)", c.a, c.b, c.n, got, c.want)
		}
	}
	fmt.Fprintf(Out, "PASS grid minimum: all %d cases\n", len(cases))
	return true
}
