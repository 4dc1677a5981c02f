package exercises

import (
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/neldermead"
)

// NMTrial is one Nelder–Mead decision (chapter 08): the values of the
// sorted simplex — F0 the best, FSecond the second worst f_{n−1}, FWorst
// the worst f_n — and of the trial points: FR at the reflected point x_r,
// FE at the expanded point x_e, FOC at the outside contraction x_c and FIC
// at the inside contraction x_cc. A decision uses only some of them.
type NMTrial struct {
	F0, FSecond, FWorst float64
	FR, FE, FOC, FIC    float64
}

// CheckNelderMeadStep checks decide, which must return the transformation
// one Nelder–Mead iteration applies (neldermead.Reflect, Expand,
// ContractOutside, ContractInside or Shrink), with the rules of
// pkg/neldermead:
//
//	f_r < f_0:               Expand if f_e < f_r, else Reflect
//	f_0 ≤ f_r < f_{n−1}:     Reflect
//	f_{n−1} ≤ f_r < f_n:     ContractOutside if f_c ≤ f_r, else Shrink
//	f_r ≥ f_n:               ContractInside if f_cc < f_n, else Shrink
//
// on hidden cases, ties included. It prints a PASS or FAIL line per rule
// and returns whether all passed.
func CheckNelderMeadStep(decide func(t NMTrial) neldermead.Op) bool {
	type tc struct {
		rule string
		t    NMTrial
		want neldermead.Op
		hint string
	}
	cases := []tc{
		{"expand when x_r is the new best and x_e is better still", NMTrial{1, 5, 9, 0.5, 0.2, 7, 7}, neldermead.Expand, "f_r < f_0 and f_e < f_r: take x_e"},
		{"reflect when x_r is the new best but x_e is not better", NMTrial{1, 5, 9, 0.5, 0.8, 7, 7}, neldermead.Reflect, "f_r < f_0 but f_e ≥ f_r: keep x_r (greedy minimization)"},
		{"reflect when x_r is neither best nor worst", NMTrial{1, 5, 9, 3, 0, 0, 0}, neldermead.Reflect, "f_0 ≤ f_r < f_{n−1}: accept x_r, no expansion is tried"},
		{"reflect when f_r = f_0 (a tie is not an improvement)", NMTrial{1, 5, 9, 1, 0, 0, 0}, neldermead.Reflect, "expansion needs f_r < f_0 strictly"},
		{"contract outside when f_{n−1} ≤ f_r < f_n", NMTrial{1, 5, 9, 6, 0, 5.5, 0}, neldermead.ContractOutside, "x_r beats only the worst vertex: try x_c between x̄ and x_r, accept it if f_c ≤ f_r"},
		{"contract outside when f_r = f_{n−1}", NMTrial{1, 5, 9, 5, 0, 5, 0}, neldermead.ContractOutside, "f_r = f_{n−1} is not < f_{n−1}: contract; f_c ≤ f_r accepts a tie"},
		{"shrink when the outside contraction fails", NMTrial{1, 5, 9, 6, 0, 6.5, 0}, neldermead.Shrink, "f_c > f_r: no contraction, shrink towards the best vertex"},
		{"contract inside when f_r ≥ f_n", NMTrial{1, 5, 9, 12, 0, 0, 8}, neldermead.ContractInside, "x_r is worse than the worst vertex: try x_cc between v_n and x̄, accept it if f_cc < f_n"},
		{"contract inside when f_r = f_n", NMTrial{1, 5, 9, 9, 0, 0, 8}, neldermead.ContractInside, "f_r = f_n counts as no better than the worst"},
		{"shrink when the inside contraction fails", NMTrial{1, 5, 9, 12, 0, 0, 9}, neldermead.Shrink, "f_cc must be strictly below f_n"},
	}
	ok := true
	for _, c := range cases {
		var got neldermead.Op
		err := call(func() { got = decide(c.t) })
		switch {
		case err != nil:
			ok = claim(false, c.rule, err.Error()) && ok
		default:
			ok = claim(got == c.want, c.rule, fmt.Sprintf("got %v, want %v for %+v; hint: %s", got, c.want, c.t, c.hint)) && ok
		}
	}
	return ok
}

// CheckReflection checks reflect, which must return the point
// x̄ + α(x̄ − v_n) for a simplex sorted best to worst (v_n = simplex[n] the
// worst vertex, x̄ the centroid of the n others), without changing the
// simplex. α = 1 is the reflection, α = γ the expansion, α = ρ the outside
// and α = −ρ the inside contraction. It prints PASS or FAIL lines (with a
// hint) and returns whether all passed.
func CheckReflection(reflect func(simplex [][]float64, alpha float64) []float64) bool {
	type tc struct {
		s     [][]float64
		alpha float64
	}
	cases := []tc{
		{[][]float64{{0, 0}, {1, 0}, {0, 1}}, 1},
		{[][]float64{{1, 1}, {1.05, 1}, {1, 1.05}}, 2},
		{[][]float64{{0.5, -1, 2}, {1, 0, 2}, {0, 0, 0}, {2, 1, -1}}, 1},
		{[][]float64{{0.5, -1, 2}, {1, 0, 2}, {0, 0, 0}, {2, 1, -1}}, -0.5},
	}
	ok := true
	for _, c := range cases {
		n := len(c.s) - 1
		xbar, all := make([]float64, n), make([]float64, n)
		for i, v := range c.s {
			for j, x := range v {
				all[j] += x / float64(n+1)
				if i < n {
					xbar[j] += x / float64(n)
				}
			}
		}
		want, wrongBar := make([]float64, n), make([]float64, n)
		for j := range want {
			want[j] = xbar[j] + c.alpha*(xbar[j]-c.s[n][j])
			wrongBar[j] = all[j] + c.alpha*(all[j]-c.s[n][j])
		}
		what := fmt.Sprintf("x̄ + α(x̄ − v_n) for n = %d, α = %g", n, c.alpha)
		s := qnClone2(c.s)
		var got []float64
		if err := call(func() { got = reflect(s, c.alpha) }); err != nil {
			ok = claim(false, what, err.Error()) && ok
			continue
		}
		if len(got) != n {
			ok = claim(false, what, fmt.Sprintf("returned %d coordinates, want %d (the stub returns nil)", len(got), n)) && ok
			continue
		}
		hint := "hint: x̄ is the mean of the n best vertices simplex[0..n−1]; the worst is simplex[n]"
		switch {
		case qnDist(got, wrongBar) < 1e-12:
			hint = "hint: your centroid includes the worst vertex; average simplex[0..n−1] only"
		case qnDist(got, c.s[n]) < 1e-12:
			hint = "hint: you returned the worst vertex itself"
		}
		changed := false
		for i := range s {
			changed = changed || qnDist(s[i], c.s[i]) != 0
		}
		if changed {
			ok = claim(false, what, "your function changed the simplex: compute the new point in a new slice") && ok
			continue
		}
		e := qnDist(got, want)
		ok = claim(e <= 1e-12*(1+qnNorm(want)) && !math.IsNaN(e), what, fmt.Sprintf("got %v, want %v; %s", got, want, hint)) && ok
	}
	return ok
}
