package exercises

import (
	"fmt"
	"math"
	"strings"

	"github.com/optlab/optlab/pkg/optim"
)

// MethodRow is one row of a comparison table (chapter 09): a method's run
// on one problem.
type MethodRow struct {
	Method           string
	Status           optim.Status
	NFev, NGev, NHev int
}

// Evals is the row's cost: function + gradient + Hessian evaluations.
func (r MethodRow) Evals() int { return r.NFev + r.NGev + r.NHev }

// CheckCheapest checks pick, which must return the method of the cheapest
// row (fewest Evals) among the rows whose Status is optim.Converged, or ""
// if no row converged. A run that stopped at its budget or failed is not a
// candidate, however cheap. On hidden tables it prints PASS or FAIL lines
// (with hints) and returns whether all passed.
func CheckCheapest(pick func(rows []MethodRow) string) bool {
	type tc struct {
		what string
		rows []MethodRow
		want string
	}
	cv, il, ls := optim.Converged, optim.IterationLimit, optim.LineSearchFailure
	cases := []tc{
		{"the cheapest converged run", []MethodRow{
			{"bfgs", cv, 49, 43, 0}, {"newton", cv, 29, 22, 21}, {"cg", cv, 104, 67, 0}}, "newton"},
		{"Hessian evaluations count too", []MethodRow{
			{"newton", cv, 8, 8, 30}, {"bfgs", cv, 20, 20, 0}, {"neldermead", cv, 107, 0, 0}}, "bfgs"},
		{"gradient evaluations count too", []MethodRow{
			{"lbfgsb", cv, 30, 28, 0}, {"neldermead", cv, 50, 0, 0}, {"steepest", cv, 200, 72, 0}}, "neldermead"},
		{"a run that did not converge is no candidate", []MethodRow{
			{"steepest", ls, 12, 13, 0}, {"dfp", il, 20, 20, 0}, {"bfgs", cv, 28, 26, 0}, {"newton", cv, 15, 8, 7}}, "newton"},
		{"no converged run: the empty string", []MethodRow{
			{"dfp", il, 2016, 2011, 0}, {"neldermead", il, 28560, 0, 0}}, ""},
	}
	ok := true
	for _, c := range cases {
		rows := append([]MethodRow(nil), c.rows...)
		var got string
		if err := call(func() { got = pick(rows) }); err != nil {
			ok = claim(false, c.what, err.Error()) && ok
			continue
		}
		hint := "hint: skip rows whose Status is not optim.Converged, then take the smallest NFev + NGev + NHev"
		byF, all := "", ""
		bf, ba := math.MaxInt, math.MaxInt
		for _, r := range c.rows {
			if r.Status == cv && r.NFev < bf {
				bf, byF = r.NFev, r.Method
			}
			if r.Evals() < ba {
				ba, all = r.Evals(), r.Method
			}
		}
		switch {
		case got == c.want:
		case got == byF && byF != c.want:
			hint = "hint: you counted only function evaluations; a gradient or Hessian evaluation is work too (use row.Evals())"
		case got == all && all != c.want:
			hint = "hint: that run did not converge (its Status is not optim.Converged): a budget used up is not a result"
		case c.want == "":
			hint = "hint: when no row has Status optim.Converged, return \"\""
		}
		ok = claim(got == c.want, c.what, fmt.Sprintf("got %q, want %q from %s; %s", got, c.want, cmpRows(c.rows), hint)) && ok
	}
	return ok
}

func cmpRows(rows []MethodRow) string {
	var parts []string
	for _, r := range rows {
		parts = append(parts, fmt.Sprintf("%s (%v, %d+%d+%d)", r.Method, r.Status, r.NFev, r.NGev, r.NHev))
	}
	return strings.Join(parts, ", ")
}

// CheckTraceRate checks rate, which must estimate the linear convergence
// rate c of a trace e_0, e_1, … with e_k ≈ C·c^k (errors, gradient norms,
// f − f*): for instance (e_K/e_0)^{1/K}, or the slope of log e_k fitted by
// least squares, using only the positive values (a method that converged
// exactly ends with zeros, whose logarithm is −∞). On hidden traces (c from
// 0.3 to 0.99, with and without noise, with trailing zeros) it asks for
// |ĉ − c| ≤ 0.02·(1 − c) + 0.002, prints PASS or FAIL lines and returns
// whether all passed.
func CheckTraceRate(rate func(e []float64) float64) bool {
	type tc struct {
		what string
		c    float64
		e    []float64
	}
	geo := func(c, c0 float64, k int, noise float64, zeros int, seed uint64) []float64 {
		r := optim.NewRand(seed)
		e := make([]float64, k+zeros)
		for i := range k {
			e[i] = c0 * math.Pow(c, float64(i)) * math.Exp(noise*(2*r.Float64()-1))
		}
		return e
	}
	cases := []tc{
		{"a clean geometric trace, c = 0.5", 0.5, geo(0.5, 3, 40, 0, 0, 1)},
		{"a slow one, c = 0.99", 0.99, geo(0.99, 1, 600, 0, 0, 2)},
		{"a noisy trace (±20 %), c = 0.8", 0.8, geo(0.8, 10, 120, 0.2, 0, 3)},
		{"a trace ending in exact zeros, c = 0.3", 0.3, geo(0.3, 1, 25, 0, 5, 4)},
	}
	ok := true
	for _, c := range cases {
		e := append([]float64(nil), c.e...)
		var got float64
		if err := call(func() { got = rate(e) }); err != nil {
			ok = claim(false, c.what, err.Error()) && ok
			continue
		}
		tol := 0.02*(1-c.c) + 0.002
		hint := "hint: ĉ = (e_K/e_0)^{1/K} over the positive values, or exp of the least-squares slope of log e_k against k"
		switch {
		case got == 0:
			hint = "got 0 (the stub?); " + hint
		case math.IsNaN(got) || math.IsInf(got, 0):
			hint = "got a NaN or ±Inf: did you take log(0)? use only e_k > 0; " + hint
		case math.Abs(got-1/c.c) < 0.05:
			hint = "that is 1/c: divide e_{k+1} by e_k, not e_k by e_{k+1}"
		}
		ok = claim(math.Abs(got-c.c) <= tol, c.what, fmt.Sprintf("ĉ = %.4g, want %.4g ± %.2g; %s", got, c.c, tol, hint)) && ok
	}
	return ok
}
