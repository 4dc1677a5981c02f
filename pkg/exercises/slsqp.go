package exercises

import (
	"context"
	"math"
	"slices"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/slsqp"
)

// Checkers of chapter 11 (SLSQP and the KKT conditions).

// SetupFunc builds a constrained problem and a start point.
type SetupFunc func() (optim.Problem, []float64)

// CheckConstrainedSetup checks the problem of chapter 11's first exercise,
//
//	minimize (x₁ − 2)² + (x₂ − 1)²  subject to  x₁ + x₂ ≤ 2,  x₁² ≤ x₂,
//
// written as an optim.Problem with two optim.Constraints of Kind
// optim.Inequality, c(x) ≥ 0. It checks f and the sign convention of the
// constraints at hidden points, runs SLSQP from the student's start point,
// and checks the answer (1, 1), that both constraints are active there with
// positive multipliers, and the stationarity ∇f = Σ λ_j ∇c_j with the
// student's own constraint functions. It prints PASS/FAIL lines with hints
// and returns true if all passed.
func CheckConstrainedSetup(build SetupFunc) bool {
	r := &checker{name: "constrained problem set-up"}
	if build == nil {
		r.fail("pass your function, e.g. exercises.CheckConstrainedSetup(setup)", "no function given")
		return r.done()
	}
	var p optim.Problem
	var x0 []float64
	if msg := safely(func() { p, x0 = build() }); msg != "" {
		r.fail("", "building the problem: %s", msg)
		return r.done()
	}
	if p.Func == nil {
		r.fail("set Problem.Func to the objective (x₁ − 2)² + (x₂ − 1)²", "Problem.Func is nil")
		return r.done()
	}
	f := func(x []float64) float64 { return (x[0]-2)*(x[0]-2) + (x[1]-1)*(x[1]-1) }
	fok := true
	for _, x := range [][]float64{{0, 0}, {1, 1}, {-1, 3}, {2.5, 0.5}} {
		var got float64
		if msg := safely(func() { got = p.Func(slices.Clone(x)) }); msg != "" || math.Abs(got-f(x)) > 1e-12*(1+f(x)) {
			r.fail("the objective is (x₁ − 2)² + (x₂ − 1)²", "f(%v) = %v, want %v %s", x, got, f(x), msg)
			fok = false
			break
		}
	}
	if fok {
		r.ok("the objective is right")
	}
	if len(p.Constraints) != 2 {
		r.fail("two constraints: 2 − x₁ − x₂ ≥ 0 and x₂ − x₁² ≥ 0, in Problem.Constraints",
			"%d constraints, want 2", len(p.Constraints))
		return r.done()
	}
	kinds := true
	for j, c := range p.Constraints {
		if c.Kind != optim.Inequality {
			r.fail("both are inequalities: Kind: optim.Inequality (the answer may lie on them, but they need not hold with equality)",
				"constraint %d has Kind %v", j, c.Kind)
			kinds = false
		}
		if c.Func == nil {
			r.fail("set the constraint's Func", "constraint %d has no Func", j)
			return r.done()
		}
	}
	if kinds {
		r.ok("both constraints are inequalities")
	}
	// The sign convention: c(x) ≥ 0 where x is feasible.
	signs := true
	for _, h := range []struct {
		x        []float64
		violated int
	}{{[]float64{0, 1}, 0}, {[]float64{0.5, 0.5}, 0}, {[]float64{1.5, 2.5}, 1}, {[]float64{-1, 0.5}, 1}, {[]float64{2, 2}, 2}} {
		bad := 0
		var vals []float64
		for _, c := range p.Constraints {
			var v float64
			if msg := safely(func() { v = c.Func(slices.Clone(h.x)) }); msg != "" {
				r.fail("", "a constraint at %v: %s", h.x, msg)
				return r.done()
			}
			vals = append(vals, v)
			if v < 0 {
				bad++
			}
		}
		if bad != h.violated {
			r.fail("optim's inequalities are c(x) ≥ 0 (scipy's convention): write x₁ + x₂ ≤ 2 as 2 − x₁ − x₂ ≥ 0 and x₁² ≤ x₂ as x₂ − x₁² ≥ 0",
				"at x = %v your constraints are %v: %d negative, want %d", h.x, vals, bad, h.violated)
			signs = false
			break
		}
	}
	if signs {
		r.ok("the constraints are ≥ 0 exactly where they hold")
	}
	if !kinds || !signs {
		return r.done()
	}
	if len(x0) != 2 || !optim.AllFinite(x0) {
		r.fail("return a finite 2-D start point such as (0, 0)", "start point %v", x0)
		return r.done()
	}
	var res *optim.Result
	var err error
	if msg := safely(func() {
		res, err = optim.Minimize(context.Background(), p, x0, nil, slsqp.Method{}) // scipy's defaults
	}); msg != "" || err != nil {
		r.fail("", "SLSQP on your problem: %s %v", msg, err)
		return r.done()
	}
	if res.Status != optim.Converged || math.Hypot(res.X[0]-1, res.X[1]-1) > 1e-4 {
		r.fail("the minimum is (1, 1), where both constraints are active", "SLSQP from %v ended at %v (%v)", x0, res.X, res.Status)
		return r.done()
	}
	r.ok("SLSQP from %v converges to (%.6f, %.6f)", x0, res.X[0], res.X[1])
	d, _ := optim.DetailOf[*slsqp.Detail](res)
	if d == nil || len(d.Multipliers) != 2 {
		r.fail("", "no multipliers in the result's Detail")
		return r.done()
	}
	if d.Multipliers[0] <= 1e-6 || d.Multipliers[1] <= 1e-6 {
		r.fail("both constraints are active at (1, 1) and hold ∇f back, so both multipliers must be > 0",
			"multipliers %v", d.Multipliers)
	} else {
		r.ok("both multipliers are positive: %.4f, %.4f", d.Multipliers[0], d.Multipliers[1])
	}
	// Stationarity with the student's constraints (forward differences if no Grad).
	g := []float64{2 * (res.X[0] - 2), 2 * (res.X[1] - 1)}
	for j, c := range p.Constraints {
		cg := gradOf(c, res.X)
		for i := range g {
			g[i] -= d.Multipliers[j] * cg[i]
		}
	}
	if e := math.Hypot(g[0], g[1]); e > 1e-4 {
		r.fail("", "‖∇f − Σ λ_j ∇c_j‖ = %.2g at the answer (check your constraint gradients)", e)
	} else {
		r.ok("∇f = Σ λ_j ∇c_j at the answer (residual %.1e)", e)
	}
	return r.done()
}

// gradOf returns ∇c(x): c.Grad, or central differences.
func gradOf(c optim.Constraint, x []float64) []float64 {
	g := make([]float64, len(x))
	if c.Grad != nil {
		c.Grad(g, slices.Clone(x))
		return g
	}
	for i := range x {
		h := 1e-6 * math.Max(1, math.Abs(x[i]))
		xp, xm := slices.Clone(x), slices.Clone(x)
		xp[i] += h
		xm[i] -= h
		g[i] = (c.Func(xp) - c.Func(xm)) / (2 * h)
	}
	return g
}

// KKTFunc is a student's KKT test: a number that is (about) zero exactly
// when x with multipliers lambda (lambda[j] for p.Constraints[j]) satisfies
// the KKT conditions of p: stationarity ∇f = Σ λ_j ∇c_j, feasibility,
// λ_j ≥ 0 for inequalities and complementarity λ_j c_j = 0.
type KKTFunc func(p optim.Problem, x, lambda []float64) float64

// CheckKKT runs a student's KKT residual on hidden points of problems with
// analytic gradients (Problem.Grad and every Constraint.Grad set, no
// bounds): true KKT points must give a residual below 1e-6, and points that
// break one condition (an inequality multiplier of the wrong sign, a wrong
// equality multiplier, a multiplier on an inactive constraint, an
// infeasible point) a residual above 1e-3. It prints PASS/FAIL lines with
// hints and returns true if all passed.
func CheckKKT(kkt KKTFunc) bool {
	r := &checker{name: "KKT residual"}
	if kkt == nil {
		r.fail("pass your function, e.g. exercises.CheckKKT(kktResidual)", "no function given")
		return r.done()
	}
	lin := func(a, b, c float64) optim.Constraint { // a x₁ + b x₂ + c ≥ 0
		return optim.Constraint{Kind: optim.Inequality,
			Func: func(x []float64) float64 { return a*x[0] + b*x[1] + c },
			Grad: func(g, x []float64) { g[0], g[1] = a, b }}
	}
	scipyEx := optim.Problem{ // scipy's SLSQP example, without its bounds
		Func:        func(x []float64) float64 { return (x[0]-1)*(x[0]-1) + (x[1]-2.5)*(x[1]-2.5) },
		Grad:        func(g, x []float64) { g[0], g[1] = 2*(x[0]-1), 2*(x[1]-2.5) },
		Constraints: []optim.Constraint{lin(1, -2, 2), lin(-1, -2, 6), lin(-1, 2, 2)},
	}
	circle := optim.Problem{ // the point of the unit circle closest to (2, 1)
		Func: func(x []float64) float64 { return (x[0]-2)*(x[0]-2) + (x[1]-1)*(x[1]-1) },
		Grad: func(g, x []float64) { g[0], g[1] = 2*(x[0]-2), 2*(x[1]-1) },
		Constraints: []optim.Constraint{{Kind: optim.Equality,
			Func: func(x []float64) float64 { return x[0]*x[0] + x[1]*x[1] - 1 },
			Grad: func(g, x []float64) { g[0], g[1] = 2*x[0], 2*x[1] }}},
	}
	s5 := math.Sqrt(5)
	cases := []struct {
		name      string
		p         optim.Problem
		x, lambda []float64
		kkt       bool
		hint      string
	}{
		{"scipy's example at its solution (1.4, 1.7), λ = (0.8, 0, 0)", scipyEx, []float64{1.4, 1.7}, []float64{0.8, 0, 0}, true,
			"stationarity: ∇f(x) − Σ λ_j ∇c_j(x) = 0; measure it with a norm and combine the conditions with max"},
		{"the circle x·x = 1 at (2, 1)/√5, λ = 1 − √5 < 0 (an equality: any sign)", circle, []float64{2 / s5, 1 / s5}, []float64{1 - s5}, true,
			"equality multipliers may have either sign: only inequalities need λ_j ≥ 0"},
		{"scipy's example at (1.4, 1.7) with λ₁ = −0.8 (wrong sign)", scipyEx, []float64{1.4, 1.7}, []float64{-0.8, 0, 0}, false,
			"λ₁ = −0.8 breaks stationarity too; also count max(−λ_j, 0) for inequalities"},
		{"the circle at (2, 1)/√5 with λ = √5 − 1", circle, []float64{2 / s5, 1 / s5}, []float64{s5 - 1}, false,
			"∇f − λ∇c is not 0 here: compute stationarity with the constraint gradients"},
		{"scipy's example at (1.4, 1.7), λ = (0.8, 0.3, 0): λ₂ on an inactive constraint", scipyEx, []float64{1.4, 1.7}, []float64{0.8, 0.3, 0}, false,
			"complementarity: λ_j c_j(x) = 0 — an inactive constraint (c_j > 0) has λ_j = 0"},
		{"scipy's example at the unconstrained minimum (1, 2.5), λ = 0 (infeasible)", scipyEx, []float64{1, 2.5}, []float64{0, 0, 0}, false,
			"feasibility: count max(−c_j(x), 0) for inequalities and |c_j(x)| for equalities"},
	}
	for _, c := range cases {
		var res float64
		if msg := safely(func() { res = kkt(c.p, slices.Clone(c.x), slices.Clone(c.lambda)) }); msg != "" {
			r.fail("", "%s: %s", c.name, msg)
			continue
		}
		switch {
		case math.IsNaN(res) || res < 0:
			r.fail("return a non-negative number: 0 at a KKT point", "%s: residual %v", c.name, res)
		case c.kkt && res > 1e-6:
			r.fail(c.hint, "%s is a KKT point, but your residual is %.3g", c.name, res)
		case !c.kkt && res < 1e-3:
			r.fail(c.hint, "%s is not a KKT point, but your residual is %.3g", c.name, res)
		default:
			r.ok("%s: residual %.3g", c.name, res)
		}
	}
	return r.done()
}
