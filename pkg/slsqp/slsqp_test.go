package slsqp

import (
	"math"
	"strings"
	"testing"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/reference"
	"github.com/optlab/optlab/pkg/toynet"
)

// The reference experiment: scipy's SLSQP on the toy network from x0, with
// forward differences of step 0.001 and maxiter 100, ends at 3.0970422.
// Kraft's algorithm must get there too (or lower).
func TestToyNetReference(t *testing.T) {
	ref := reference.MustGet()
	net := toynet.Reference()
	o := DefaultOptions()
	o.Eps = ref.Settings.SLSQP.Eps
	o.MaxIter = ref.Settings.SLSQP.MaxIter
	r, err := Minimize(optim.Problem{Func: net.Loss}, toynet.X0(), o)
	if err != nil {
		t.Fatal(err)
	}
	want := ref.ReferenceResults.SLSQP
	t.Logf("optlab SLSQP: f = %.10g, nfev = %d, nit = %d, mode %d (%s)", r.F, r.NFev, r.NIt, r.Mode, r.Message)
	t.Logf("scipy  SLSQP: f = %.10g, nfev = %d", want.Fun, want.NFev)
	if !(r.F <= want.Fun) {
		t.Errorf("final loss %.10g > scipy's %.10g", r.F, want.Fun)
	}
	if r.F != net.Loss(r.X) {
		t.Errorf("F = %v but Loss(X) = %v", r.F, net.Loss(r.X))
	}
	// No analytic gradient: every gradient costs 10 evaluations, and there
	// are at most 11 line-search trials per iteration.
	if r.NGev != 0 || r.NFev < 1+10*r.NIt || r.NFev > 1+21*r.NIt {
		t.Errorf("NFev = %d, NGev = %d for %d iterations", r.NFev, r.NGev, r.NIt)
	}
	if len(r.Trace) != r.NFev || r.Trace[len(r.Trace)-1] > r.F {
		t.Errorf("trace of length %d ending at %v (NFev %d, F %v)", len(r.Trace), r.Trace[len(r.Trace)-1], r.NFev, r.F)
	}
	if r.Status != optim.IterationLimit && r.Status != optim.Converged {
		t.Errorf("status %v: %s", r.Status, r.Message)
	}
}

// hsProblem is a test problem with analytic derivatives and its solution.
type hsProblem struct {
	name         string
	f            func(x []float64) float64
	grad         func(g, x []float64)
	lower, upper []float64
	eq, ineq     []Constraint
	x0, xstar    []float64
	fstar        float64
	ftol         float64 // 0: 1e-9
}

// Hock & Schittkowski, "Test Examples for Nonlinear Programming Codes"
// (1981), and Rosenbrock's function.
var hsProblems = []hsProblem{
	{
		// HS21: bounds and a linear inequality; the solution is on the
		// bound x1 = 2 (the book's x0 = (−1, −1) is outside the box;
		// scipy would clip it to (2, −1)).
		name:  "HS21",
		f:     func(x []float64) float64 { return 0.01*x[0]*x[0] + x[1]*x[1] - 100 },
		grad:  func(g, x []float64) { g[0], g[1] = 0.02*x[0], 2*x[1] },
		lower: []float64{2, -50}, upper: []float64{50, 50},
		ineq: []Constraint{{
			Func: func(x []float64) float64 { return 10*x[0] - x[1] - 10 },
			Grad: func(g, x []float64) { g[0], g[1] = 10, -1 },
		}},
		x0: []float64{2, -1}, xstar: []float64{2, 0}, fstar: -99.96,
	},
	{
		// HS35: bounds x ≥ 0 and an active linear inequality.
		name: "HS35",
		f: func(x []float64) float64 {
			return 9 - 8*x[0] - 6*x[1] - 4*x[2] + 2*x[0]*x[0] + 2*x[1]*x[1] + x[2]*x[2] + 2*x[0]*x[1] + 2*x[0]*x[2]
		},
		grad: func(g, x []float64) {
			g[0] = -8 + 4*x[0] + 2*x[1] + 2*x[2]
			g[1] = -6 + 4*x[1] + 2*x[0]
			g[2] = -4 + 2*x[2] + 2*x[0]
		},
		lower: []float64{0, 0, 0}, upper: []float64{math.Inf(1), math.Inf(1), math.Inf(1)},
		ineq: []Constraint{{
			Func: func(x []float64) float64 { return 3 - x[0] - x[1] - 2*x[2] },
			Grad: func(g, x []float64) { g[0], g[1], g[2] = -1, -1, -2 },
		}},
		x0: []float64{0.5, 0.5, 0.5}, xstar: []float64{4.0 / 3, 7.0 / 9, 4.0 / 9}, fstar: 1.0 / 9,
	},
	{
		// HS71: bounds, a nonlinear inequality and the active nonlinear
		// equality x·x = 40; x1 sits on its lower bound. The solution
		// digits solve the KKT system (with x1 = 1) by Newton's method;
		// the book gives x* ≈ (1, 4.743, 3.8211, 1.3794), f* = 17.0140173.
		name: "HS71",
		f:    func(x []float64) float64 { return x[0]*x[3]*(x[0]+x[1]+x[2]) + x[2] },
		grad: func(g, x []float64) {
			g[0] = x[3]*(x[0]+x[1]+x[2]) + x[0]*x[3]
			g[1] = x[0] * x[3]
			g[2] = x[0]*x[3] + 1
			g[3] = x[0] * (x[0] + x[1] + x[2])
		},
		lower: []float64{1, 1, 1, 1}, upper: []float64{5, 5, 5, 5},
		ineq: []Constraint{{
			Func: func(x []float64) float64 { return x[0]*x[1]*x[2]*x[3] - 25 },
			Grad: func(g, x []float64) {
				g[0], g[1], g[2], g[3] = x[1]*x[2]*x[3], x[0]*x[2]*x[3], x[0]*x[1]*x[3], x[0]*x[1]*x[2]
			},
		}},
		eq: []Constraint{{
			Func: func(x []float64) float64 { return x[0]*x[0] + x[1]*x[1] + x[2]*x[2] + x[3]*x[3] - 40 },
			Grad: func(g, x []float64) {
				for i := range g {
					g[i] = 2 * x[i]
				}
			},
		}},
		x0:    []float64{1, 5, 5, 1},
		xstar: []float64{1, 4.742999637264417, 3.8211499841848737, 1.3794082931726723},
		fstar: 17.0140172891563,
	},
	{
		// HS7: an active nonlinear equality, no bounds.
		name: "HS7",
		f:    func(x []float64) float64 { return math.Log(1+x[0]*x[0]) - x[1] },
		grad: func(g, x []float64) { g[0], g[1] = 2*x[0]/(1+x[0]*x[0]), -1 },
		eq: []Constraint{{
			Func: func(x []float64) float64 { a := 1 + x[0]*x[0]; return a*a + x[1]*x[1] - 4 },
			Grad: func(g, x []float64) { g[0], g[1] = 4*x[0]*(1+x[0]*x[0]), 2*x[1] },
		}},
		x0: []float64{2, 2}, xstar: []float64{0, math.Sqrt(3)}, fstar: -math.Sqrt(3),
	},
	{
		// HS6: a nonlinear equality (inactive multiplier at the solution).
		name: "HS6",
		f:    func(x []float64) float64 { return (1 - x[0]) * (1 - x[0]) },
		grad: func(g, x []float64) { g[0], g[1] = -2*(1-x[0]), 0 },
		eq: []Constraint{{
			Func: func(x []float64) float64 { return 10 * (x[1] - x[0]*x[0]) },
			Grad: func(g, x []float64) { g[0], g[1] = -20*x[0], 10 },
		}},
		x0: []float64{-1.2, 1}, xstar: []float64{1, 1}, fstar: 0,
	},
	{
		name: "Rosenbrock",
		f: func(x []float64) float64 {
			return 100*(x[1]-x[0]*x[0])*(x[1]-x[0]*x[0]) + (1-x[0])*(1-x[0])
		},
		grad: func(g, x []float64) {
			g[0] = -400*x[0]*(x[1]-x[0]*x[0]) - 2*(1-x[0])
			g[1] = 200 * (x[1] - x[0]*x[0])
		},
		x0: []float64{-1.2, 1}, xstar: []float64{1, 1}, fstar: 0,
		// Kraft stops on |Δf| < FTol; near the minimum f ≈ 100‖Δx‖², so
		// 1e-6 on x needs an FTol well below 1e-12.
		ftol: 1e-13,
	},
}

// checkKKT asserts feasibility and the KKT conditions at r.X with r's
// multipliers: ∇f = Σλ∇c + λ_lower − λ_upper, λ ≥ 0 for inequalities and
// bounds, and complementarity.
func checkKKT(t *testing.T, hp hsProblem, r *Result, tol float64) {
	t.Helper()
	n := len(r.X)
	x := r.X
	for i := range x {
		if hp.lower != nil && (x[i] < hp.lower[i] || x[i] > hp.upper[i]) {
			t.Errorf("x[%d] = %v outside [%v, %v]", i, x[i], hp.lower[i], hp.upper[i])
		}
	}
	lag := make([]float64, n)
	hp.grad(lag, x)
	g := make([]float64, n)
	for j, c := range hp.eq {
		if v := c.Func(x); math.Abs(v) > tol {
			t.Errorf("equality %d: c(x) = %v", j, v)
		}
		c.Grad(g, x)
		for i := range lag {
			lag[i] -= r.MultEq[j] * g[i]
		}
	}
	for j, c := range hp.ineq {
		v := c.Func(x)
		lam := r.MultIneq[j]
		if v < -tol || lam < -tol || math.Abs(lam*v) > tol {
			t.Errorf("inequality %d: c(x) = %v, λ = %v", j, v, lam)
		}
		c.Grad(g, x)
		for i := range lag {
			lag[i] -= lam * g[i]
		}
	}
	if hp.lower != nil {
		for i := range lag {
			lo, hi := r.MultLower[i], r.MultUpper[i]
			if lo < -tol || hi < -tol || math.Abs(lo*(x[i]-hp.lower[i])) > tol || math.Abs(hi*(hp.upper[i]-x[i])) > tol {
				t.Errorf("bound %d: x = %v, λ_lower = %v, λ_upper = %v", i, x[i], lo, hi)
			}
			lag[i] -= lo - hi
		}
	}
	if norm(lag) > tol {
		t.Errorf("‖∇f − Σλ∇c − λ_lower + λ_upper‖ = %v at x = %v", norm(lag), x)
	}
}

func TestHockSchittkowski(t *testing.T) {
	for _, hp := range hsProblems {
		t.Run(hp.name, func(t *testing.T) {
			o := DefaultOptions()
			// Tight, so that x is good to 1e-6. Much tighter is not
			// reachable: near the solution the L1 merit function's
			// predicted decrease is at rounding level and the line search
			// stalls (scipy's SLSQP behaves the same).
			o.FTol = 1e-9
			if hp.ftol != 0 {
				o.FTol = hp.ftol
			}
			o.Eq, o.Ineq = hp.eq, hp.ineq
			p := optim.Problem{Func: hp.f, Grad: hp.grad, Lower: hp.lower, Upper: hp.upper}
			r, err := Minimize(p, hp.x0, o)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: f = %.12g, nit = %d, nfev = %d, ngev = %d, %s", hp.name, r.F, r.NIt, r.NFev, r.NGev, r.Message)
			if r.Status != optim.Converged || r.Mode != ModeSuccess {
				t.Fatalf("status %v, mode %d: %s", r.Status, r.Mode, r.Message)
			}
			if d := maxDiff(r.X, hp.xstar); d > 1e-6 {
				t.Errorf("x = %v, want %v (|Δ| = %.2g)", r.X, hp.xstar, d)
			}
			if math.Abs(r.F-hp.fstar) > 1e-6 {
				t.Errorf("f = %.12g, want %.12g", r.F, hp.fstar)
			}
			if r.F != hp.f(r.X) {
				t.Errorf("F = %v but f(X) = %v", r.F, hp.f(r.X))
			}
			checkKKT(t, hp, r, 1e-6)
			if r.NGev == 0 || len(r.Iterates) < 2 || maxDiff(r.Iterates[0], hp.x0) != 0 || maxDiff(r.Iterates[len(r.Iterates)-1], r.X) != 0 {
				t.Errorf("NGev = %d, %d iterates", r.NGev, len(r.Iterates))
			}
		})
	}
}

// The same problems with every derivative by forward differences, at
// scipy's default settings: the answers are then good to about √ε.
func TestHockSchittkowskiFiniteDifferences(t *testing.T) {
	for _, hp := range hsProblems {
		t.Run(hp.name, func(t *testing.T) {
			o := DefaultOptions()
			strip := func(cs []Constraint) []Constraint {
				var out []Constraint
				for _, c := range cs {
					out = append(out, Constraint{Func: c.Func})
				}
				return out
			}
			o.Eq, o.Ineq = strip(hp.eq), strip(hp.ineq)
			p := optim.Problem{Func: hp.f, Lower: hp.lower, Upper: hp.upper}
			r, err := Minimize(p, hp.x0, o)
			if err != nil {
				t.Fatal(err)
			}
			if r.Status != optim.Converged {
				t.Fatalf("status %v: %s", r.Status, r.Message)
			}
			if d := maxDiff(r.X, hp.xstar); d > 1e-3 {
				t.Errorf("x = %v, want %v", r.X, hp.xstar)
			}
			if math.Abs(r.F-hp.fstar) > 1e-5 || r.Violation > 1e-5 {
				t.Errorf("f = %.10g (want %.10g), violation %v", r.F, hp.fstar, r.Violation)
			}
			if r.NGev != 0 {
				t.Errorf("NGev = %d without a gradient", r.NGev)
			}
		})
	}
}

func TestInfeasible(t *testing.T) {
	sq := optim.Problem{Func: func(x []float64) float64 { return x[0] * x[0] }}
	geq1 := Constraint{Func: func(x []float64) float64 { return x[0] - 1 }} // x ≥ 1
	leq0 := Constraint{Func: func(x []float64) float64 { return -x[0] }}    // x ≤ 0
	cases := []struct {
		name string
		p    optim.Problem
		x0   float64
		ineq []Constraint
	}{
		{"x≥1 and x≤0 from 0.5", sq, 0.5, []Constraint{geq1, leq0}},
		{"x≥1 and x≤0 from 3", sq, 3, []Constraint{geq1, leq0}},
		{"x≥1 and x≤0 from −2", sq, -2, []Constraint{geq1, leq0}},
		{"x≥1 in the box [0, 0.5]", optim.Problem{Func: sq.Func, Lower: []float64{0}, Upper: []float64{0.5}}, 0.25, []Constraint{geq1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := DefaultOptions()
			o.Ineq = c.ineq
			r, err := Minimize(c.p, []float64{c.x0}, o)
			if err != nil {
				t.Fatal(err)
			}
			if r.Status != optim.Infeasible || r.Mode != ModeIncompatible || r.Status.Success() {
				t.Errorf("status %v, mode %d (%s) at x = %v; want infeasible, mode 4", r.Status, r.Mode, r.Message, r.X)
			}
			if r.Message != "Inequality constraints incompatible" {
				t.Errorf("message %q", r.Message)
			}
		})
	}
	// Two inconsistent equalities: x1 + x2 = 1 and x1 + x2 = 2.
	o := DefaultOptions()
	o.Eq = []Constraint{
		{Func: func(x []float64) float64 { return x[0] + x[1] - 1 }},
		{Func: func(x []float64) float64 { return x[0] + x[1] - 2 }},
	}
	r, err := Minimize(optim.Problem{Func: func(x []float64) float64 { return x[0]*x[0] + x[1]*x[1] }}, []float64{0, 0}, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status.Success() {
		t.Errorf("inconsistent equalities: status %v (%s)", r.Status, r.Message)
	}
}

func TestNonFinite(t *testing.T) {
	nan := optim.Problem{Func: func(x []float64) float64 { return math.NaN() }}
	r, err := Minimize(nan, []float64{1, 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != optim.NonFinite || r.NFev != 1 || !strings.Contains(r.Message, "non-finite") {
		t.Errorf("NaN objective: %v", r)
	}
	// NaN once the iterates get near the minimum at x = 3: the last finite
	// point is returned.
	late := optim.Problem{Func: func(x []float64) float64 {
		if x[0] > 2 {
			return math.NaN()
		}
		return (x[0] - 3) * (x[0] - 3)
	}}
	r, err = Minimize(late, []float64{0}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != optim.NonFinite || !optim.IsFinite(r.F) || r.F != late.Func(r.X) {
		t.Errorf("late NaN: %v", r)
	}
	// A NaN constraint.
	o := DefaultOptions()
	o.Ineq = []Constraint{{Func: func(x []float64) float64 { return math.NaN() }}}
	r, err = Minimize(optim.Problem{Func: func(x []float64) float64 { return x[0] * x[0] }}, []float64{1}, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != optim.NonFinite {
		t.Errorf("NaN constraint: %v", r)
	}
}

func TestBadInput(t *testing.T) {
	f := func(x []float64) float64 { return x[0]*x[0] + x[1]*x[1] }
	calls := 0
	counted := func(x []float64) float64 { calls++; return f(x) }
	ok := optim.Problem{Func: counted}
	withOpts := func(mod func(*Options)) *Options {
		o := DefaultOptions()
		mod(o)
		return o
	}
	cases := []struct {
		name string
		p    optim.Problem
		x0   []float64
		o    *Options
	}{
		{"nil x0", ok, nil, nil},
		{"nil Func", optim.Problem{}, []float64{1, 1}, nil},
		{"x0 below the bounds", optim.Problem{Func: counted, Lower: []float64{0, 0}, Upper: []float64{1, 1}}, []float64{-1, 0.5}, nil},
		{"x0 above the bounds", optim.Problem{Func: counted, Lower: []float64{0, 0}, Upper: []float64{1, 1}}, []float64{0.5, 2}, nil},
		{"lower > upper", optim.Problem{Func: counted, Lower: []float64{0, 2}, Upper: []float64{1, 1}}, []float64{0.5, 1}, nil},
		{"NaN bound", optim.Problem{Func: counted, Lower: []float64{0, math.NaN()}, Upper: []float64{1, 1}}, []float64{0.5, 1}, nil},
		{"only Lower", optim.Problem{Func: counted, Lower: []float64{0, 0}}, []float64{0.5, 1}, nil},
		{"wrong-length x0", optim.Problem{Func: counted, Dim: 3}, []float64{1, 1}, nil},
		{"bounds of the wrong length", optim.Problem{Func: counted, Lower: []float64{0}, Upper: []float64{1}}, []float64{0.5, 1}, nil},
		{"NaN in x0", ok, []float64{math.NaN(), 1}, nil},
		{"MaxIter 0", ok, []float64{1, 1}, withOpts(func(o *Options) { o.MaxIter = 0 })},
		{"MaxIter < 0", ok, []float64{1, 1}, withOpts(func(o *Options) { o.MaxIter = -5 })},
		{"Eps 0", ok, []float64{1, 1}, withOpts(func(o *Options) { o.Eps = 0 })},
		{"Eps < 0", ok, []float64{1, 1}, withOpts(func(o *Options) { o.Eps = -1e-8 })},
		{"Eps NaN", ok, []float64{1, 1}, withOpts(func(o *Options) { o.Eps = math.NaN() })},
		{"FTol < 0", ok, []float64{1, 1}, withOpts(func(o *Options) { o.FTol = -1 })},
		{"nil constraint", ok, []float64{1, 1}, withOpts(func(o *Options) { o.Ineq = []Constraint{{}} })},
		{"3 equalities in 2-D", ok, []float64{1, 1}, withOpts(func(o *Options) {
			c := Constraint{Func: func(x []float64) float64 { return x[0] }}
			o.Eq = []Constraint{c, c, c}
		})},
	}
	for _, c := range cases {
		r, err := Minimize(c.p, c.x0, c.o)
		if err == nil {
			t.Errorf("%s: no error, result %v", c.name, r)
			continue
		}
		if !strings.HasPrefix(err.Error(), "slsqp: ") {
			t.Errorf("%s: error %q lacks the package prefix", c.name, err)
		}
	}
	if calls != 0 {
		t.Errorf("the objective was evaluated %d times on bad input", calls)
	}
}

func TestLimitsAndCallback(t *testing.T) {
	hp := hsProblems[len(hsProblems)-1] // Rosenbrock
	p := optim.Problem{Func: hp.f, Grad: hp.grad}

	o := DefaultOptions()
	o.MaxIter = 3
	r, _ := Minimize(p, hp.x0, o)
	if r.Status != optim.IterationLimit || r.Mode != ModeIterLimit || r.NIt != 3 || len(r.Iterates) != 4 {
		t.Errorf("MaxIter 3: %v, mode %d, %d iterates", r, r.Mode, len(r.Iterates))
	}

	o = DefaultOptions()
	o.MaxEval = 5
	r, _ = Minimize(p, hp.x0, o)
	if r.Status != optim.EvaluationLimit || r.NFev != 5 {
		t.Errorf("MaxEval 5: %v", r)
	}

	o = DefaultOptions()
	var seen []int
	o.Callback = func(it optim.Iteration) bool {
		seen = append(seen, it.Iter)
		return it.Iter == 2
	}
	r, _ = Minimize(p, hp.x0, o)
	if r.Status != optim.Stopped || len(seen) != 2 || r.NIt != 2 {
		t.Errorf("callback: %v, calls %v", r, seen)
	}
}

// An iteration limit reached at an infeasible point must not look like a
// success.
func TestIterationLimitInfeasible(t *testing.T) {
	o := DefaultOptions()
	o.MaxIter = 1
	o.Eq = []Constraint{{Func: func(x []float64) float64 { return x[0]*x[0]*x[0] + x[1] - 10 }}}
	r, err := Minimize(optim.Problem{Func: func(x []float64) float64 { return x[0]*x[0] + x[1]*x[1] }}, []float64{0, 0}, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Violation > 10*o.FTol && r.Status.Success() {
		t.Errorf("status %v with violation %v", r.Status, r.Violation)
	}
	if r.Violation > 10*o.FTol && r.Mode != ModeIterLimit {
		t.Errorf("mode %d", r.Mode)
	}
}

// Bounds are honoured by every evaluation, finite-difference probes too.
func TestEvaluationsStayInBounds(t *testing.T) {
	lo, hi := []float64{-1, 0.5}, []float64{0.8, 2}
	f := func(x []float64) float64 {
		for i := range x {
			if x[i] < lo[i] || x[i] > hi[i] {
				t.Fatalf("evaluation at %v outside the box", x)
			}
		}
		return 100*(x[1]-x[0]*x[0])*(x[1]-x[0]*x[0]) + (1-x[0])*(1-x[0])
	}
	r, err := Minimize(optim.Problem{Func: f, Lower: lo, Upper: hi}, []float64{0.8, 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The minimum on the box is at x1 = 0.8, x2 = 0.64.
	if r.Status != optim.Converged || maxDiff(r.X, []float64{0.8, 0.64}) > 1e-4 || r.MultUpper[0] <= 0 {
		t.Errorf("%v, multipliers %v %v", r, r.MultLower, r.MultUpper)
	}
}

// From (0.5, 0.5) the linearization of x·x ≥ 16 cannot be met inside the
// box [0, 3]²: the first step comes from Kraft's augmented subproblem, and
// the run must still end at the solution (3, √7) of min x1 + 2 x2.
func TestAugmentedSubproblem(t *testing.T) {
	o := DefaultOptions()
	o.FTol = 1e-9
	o.Ineq = []Constraint{{Func: func(x []float64) float64 { return x[0]*x[0] + x[1]*x[1] - 16 }}}
	p := optim.Problem{
		Func:  func(x []float64) float64 { return x[0] + 2*x[1] },
		Lower: []float64{0, 0}, Upper: []float64{3, 3},
	}
	r, err := Minimize(p, []float64{0.5, 0.5}, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != optim.Converged || maxDiff(r.X, []float64{3, math.Sqrt(7)}) > 1e-6 || r.Violation > 1e-8 {
		t.Errorf("%v (violation %v)", r, r.Violation)
	}
	// ∇f = λ ∇c − λ_upper e1: λ = 1/√7, λ_upper = 6λ − 1.
	lam := 1 / math.Sqrt(7)
	if math.Abs(r.MultIneq[0]-lam) > 1e-5 || math.Abs(r.MultUpper[0]-(6*lam-1)) > 1e-5 {
		t.Errorf("multipliers %v, upper %v; want %v, %v", r.MultIneq, r.MultUpper, lam, 6*lam-1)
	}
}

// As many independent equalities as variables: the point is fixed by them.
func TestSquareEqualitySystem(t *testing.T) {
	o := DefaultOptions()
	o.Eq = []Constraint{
		{Func: func(x []float64) float64 { return x[0] + x[1] - 1 }},
		{Func: func(x []float64) float64 { return x[0] - x[1]*x[1] }},
	}
	r, err := Minimize(optim.Problem{Func: func(x []float64) float64 { return x[0] * x[1] }}, []float64{3, 3}, o)
	if err != nil {
		t.Fatal(err)
	}
	// x1 = x2², x1 + x2 = 1 from (3, 3): x2 = (√5 − 1)/2.
	x2 := (math.Sqrt(5) - 1) / 2
	if r.Status != optim.Converged || maxDiff(r.X, []float64{x2 * x2, x2}) > 1e-6 {
		t.Errorf("%v", r)
	}
}

func BenchmarkToyNet(b *testing.B) {
	net := toynet.Reference()
	o := DefaultOptions()
	o.Eps = 0.001
	x0 := toynet.X0()
	for b.Loop() {
		if _, err := Minimize(optim.Problem{Func: net.Loss}, x0, o); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHS71(b *testing.B) {
	hp := hsProblems[2]
	o := DefaultOptions()
	o.Eq, o.Ineq = hp.eq, hp.ineq
	p := optim.Problem{Func: hp.f, Grad: hp.grad, Lower: hp.lower, Upper: hp.upper}
	for b.Loop() {
		if _, err := Minimize(p, hp.x0, o); err != nil {
			b.Fatal(err)
		}
	}
}
