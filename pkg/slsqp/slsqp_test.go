package slsqp

import (
	"context"
	"math"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/gonum/floats"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
	"github.com/optlab/optlab/pkg/reference"
	"github.com/optlab/optlab/pkg/toynet"
)

func run(t testing.TB, p optim.Problem, x0 []float64, s *optim.Settings) (*optim.Result, *Detail) {
	t.Helper()
	r, err := optim.Minimize(context.Background(), p, x0, s, Method{})
	if err != nil {
		t.Fatal(err)
	}
	d, ok := optim.DetailOf[*Detail](r)
	if !ok {
		t.Fatalf("Detail is %T", r.Detail)
	}
	return r, d
}

// The reference experiment: scipy's SLSQP on the toy network from x0, with
// forward differences of step 0.001 and maxiter 100, ends at 3.0970422
// after 1855 evaluations. Kraft's algorithm must get there too (or lower).
// The port before optim ended at 3.096947744 after exactly 1866; this one
// ends at 3.09694765 after 1866 too, the last digits moved by rounding
// alone: gonum's dot products and triangular solves sum in another order
// than the old private loops, B·d is Uᵀ(U d) rather than a formed B
// times d, and the rank-one updates of U are LINPACK's rather than
// gonum's. (With the old dot, solves and B·d it gave 3.096947744 to all
// ten digits.) The run is 100 unconverged iterations, so rounding shows
// in the eighth digit; the number of evaluations does not move.
func TestToyNetReference(t *testing.T) {
	ref := reference.MustGet()
	net := toynet.Reference()
	s := &optim.Settings{FDStep: ref.Settings.SLSQP.Eps, MaxIter: ref.Settings.SLSQP.MaxIter}
	r, d := run(t, optim.Problem{Func: net.Loss}, toynet.X0(), s)
	want := ref.ReferenceResults.SLSQP
	t.Logf("optlab SLSQP: f = %.10g, nfev = %d, nit = %d, mode %d (%s)", r.F, r.NFev, r.NIt, d.Mode, r.Message)
	t.Logf("scipy  SLSQP: f = %.10g, nfev = %d", want.Fun, want.NFev)
	if !(r.F <= want.Fun) {
		t.Errorf("final loss %.10g > scipy's %.10g", r.F, want.Fun)
	}
	if math.Abs(r.F-3.096947744) > 1e-6 || r.NFev != 1866 || r.NIt != 100 {
		t.Errorf("f = %.10g, nfev = %d, nit = %d; want 3.096947744, 1866, 100", r.F, r.NFev, r.NIt)
	}
	if r.F != net.Loss(r.X) {
		t.Errorf("F = %v but Loss(X) = %v", r.F, net.Loss(r.X))
	}
	if r.NGev != 0 {
		t.Errorf("NGev = %d without a gradient", r.NGev)
	}
	if len(r.Trace) != r.NFev || r.Trace[len(r.Trace)-1] > r.F {
		t.Errorf("trace of length %d ending at %v (NFev %d, F %v)", len(r.Trace), r.Trace[len(r.Trace)-1], r.NFev, r.F)
	}
	// Mode 9 is scipy's "Iteration limit reached": not a success.
	if r.Status != optim.IterationLimit || d.Mode != ModeIterLimit || r.Message != ModeMessage(ModeIterLimit) || r.Err() == nil {
		t.Errorf("status %v, mode %d: %s", r.Status, d.Mode, r.Message)
	}
}

// Finite-difference probes are one batch per gradient: any number of
// workers gives the same run, bit for bit.
func TestWorkersIdentical(t *testing.T) {
	net := toynet.Reference()
	var res []*optim.Result
	for _, w := range []int{1, 4} {
		r, _ := run(t, optim.Problem{Func: net.Loss}, toynet.X0(), &optim.Settings{FDStep: 0.001, MaxIter: 30, Workers: w})
		res = append(res, r)
	}
	a, b := res[0], res[1]
	if !slices.Equal(a.X, b.X) || a.F != b.F || a.NFev != b.NFev || a.NIt != b.NIt || a.Status != b.Status || !slices.Equal(a.Trace, b.Trace) {
		t.Errorf("Workers 1: %v\nWorkers 4: %v", a, b)
	}
}

// hsProblem is a test problem with analytic derivatives and its solution.
type hsProblem struct {
	name         string
	f            func(x []float64) float64
	grad         func(g, x []float64)
	lower, upper []float64
	eq, ineq     []optim.Constraint
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
		ineq: []optim.Constraint{{
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
		ineq: []optim.Constraint{{
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
		ineq: []optim.Constraint{{
			Func: func(x []float64) float64 { return x[0]*x[1]*x[2]*x[3] - 25 },
			Grad: func(g, x []float64) {
				g[0], g[1], g[2], g[3] = x[1]*x[2]*x[3], x[0]*x[2]*x[3], x[0]*x[1]*x[3], x[0]*x[1]*x[2]
			},
		}},
		eq: []optim.Constraint{{
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
		eq: []optim.Constraint{{
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
		eq: []optim.Constraint{{
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

// constraints returns the problem's constraints as optim wants them:
// inequalities first, then equalities (SLSQP reorders them internally).
func (hp hsProblem) constraints(strip bool) []optim.Constraint {
	var cs []optim.Constraint
	for _, l := range []struct {
		kind optim.ConstraintKind
		cs   []optim.Constraint
	}{{optim.Inequality, hp.ineq}, {optim.Equality, hp.eq}} {
		for _, c := range l.cs {
			c.Kind = l.kind
			if strip {
				c.Grad = nil
			}
			cs = append(cs, c)
		}
	}
	return cs
}

// checkKKT asserts feasibility and the KKT conditions at r.X with the
// multipliers of d: ∇f = Σλ∇c + λ_lower − λ_upper, λ ≥ 0 for inequalities
// and bounds, and complementarity.
func checkKKT(t *testing.T, hp hsProblem, r *optim.Result, d *Detail, tol float64) {
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
	for j, c := range hp.constraints(false) {
		v, lam := c.Func(x), d.Multipliers[j]
		if c.Kind == optim.Equality && math.Abs(v) > tol {
			t.Errorf("equality %d: c(x) = %v", j, v)
		}
		if c.Kind == optim.Inequality && (v < -tol || lam < -tol || math.Abs(lam*v) > tol) {
			t.Errorf("inequality %d: c(x) = %v, λ = %v", j, v, lam)
		}
		c.Grad(g, x)
		floats.AddScaled(lag, -lam, g)
	}
	if hp.lower != nil {
		for i := range lag {
			lo, hi := d.MultLower[i], d.MultUpper[i]
			if lo < -tol || hi < -tol || math.Abs(lo*(x[i]-hp.lower[i])) > tol || math.Abs(hi*(hp.upper[i]-x[i])) > tol {
				t.Errorf("bound %d: x = %v, λ_lower = %v, λ_upper = %v", i, x[i], lo, hi)
			}
			lag[i] -= lo - hi
		}
	}
	if floats.Norm(lag, 2) > tol {
		t.Errorf("‖∇f − Σλ∇c − λ_lower + λ_upper‖ = %v at x = %v", floats.Norm(lag, 2), x)
	}
}

func TestHockSchittkowski(t *testing.T) {
	for _, hp := range hsProblems {
		t.Run(hp.name, func(t *testing.T) {
			// Tight, so that x is good to 1e-6. Much tighter is not
			// reachable: near the solution the L1 merit function's
			// predicted decrease is at rounding level and the line search
			// stalls (scipy's SLSQP behaves the same).
			s := &optim.Settings{FTol: optim.Or(hp.ftol, 1e-9), Record: true}
			p := optim.Problem{Func: hp.f, Grad: hp.grad, Lower: hp.lower, Upper: hp.upper, Constraints: hp.constraints(false)}
			r, d := run(t, p, hp.x0, s)
			t.Logf("%s: f = %.12g, nit = %d, nfev = %d, ngev = %d, %s", hp.name, r.F, r.NIt, r.NFev, r.NGev, r.Message)
			if r.Status != optim.Converged || d.Mode != ModeSuccess || r.Err() != nil {
				t.Fatalf("status %v, mode %d: %s", r.Status, d.Mode, r.Message)
			}
			if dx := maxDiff(r.X, hp.xstar); dx > 1e-6 {
				t.Errorf("x = %v, want %v (|Δ| = %.2g)", r.X, hp.xstar, dx)
			}
			if math.Abs(r.F-hp.fstar) > 1e-6 {
				t.Errorf("f = %.12g, want %.12g", r.F, hp.fstar)
			}
			if r.F != hp.f(r.X) {
				t.Errorf("F = %v but f(X) = %v", r.F, hp.f(r.X))
			}
			checkKKT(t, hp, r, d, 1e-6)
			last := r.Path[len(r.Path)-1]
			if r.NGev == 0 || len(r.Path) != r.NIt || !slices.Equal(last.X, r.X) || last.F != r.F {
				t.Errorf("NGev = %d, %d iterations recorded for NIt = %d", r.NGev, len(r.Path), r.NIt)
			}
			if st, ok := last.Detail.(Step); !ok || st.Violation > 1e-6 {
				t.Errorf("last iteration's Detail %#v", last.Detail)
			}
		})
	}
}

// The same problems with every derivative by forward differences, at
// scipy's default settings: the answers are then good to about √ε.
func TestHockSchittkowskiFiniteDifferences(t *testing.T) {
	for _, hp := range hsProblems {
		t.Run(hp.name, func(t *testing.T) {
			p := optim.Problem{Func: hp.f, Lower: hp.lower, Upper: hp.upper, Constraints: hp.constraints(true)}
			r, d := run(t, p, hp.x0, nil)
			if r.Status != optim.Converged {
				t.Fatalf("status %v: %s", r.Status, r.Message)
			}
			if dx := maxDiff(r.X, hp.xstar); dx > 1e-3 {
				t.Errorf("x = %v, want %v", r.X, hp.xstar)
			}
			if math.Abs(r.F-hp.fstar) > 1e-5 || d.Violation > 1e-5 {
				t.Errorf("f = %.10g (want %.10g), violation %v", r.F, hp.fstar, d.Violation)
			}
			if r.NGev != 0 {
				t.Errorf("NGev = %d without a gradient", r.NGev)
			}
		})
	}
}

func ineq(f func(x []float64) float64) optim.Constraint {
	return optim.Constraint{Kind: optim.Inequality, Func: f}
}

func eq(f func(x []float64) float64) optim.Constraint {
	return optim.Constraint{Kind: optim.Equality, Func: f}
}

func TestInfeasible(t *testing.T) {
	sq := func(x []float64) float64 { return x[0] * x[0] }
	geq1 := ineq(func(x []float64) float64 { return x[0] - 1 }) // x ≥ 1
	leq0 := ineq(func(x []float64) float64 { return -x[0] })    // x ≤ 0
	cases := []struct {
		name string
		p    optim.Problem
		x0   float64
	}{
		{"x≥1 and x≤0 from 0.5", optim.Problem{Func: sq, Constraints: []optim.Constraint{geq1, leq0}}, 0.5},
		{"x≥1 and x≤0 from 3", optim.Problem{Func: sq, Constraints: []optim.Constraint{geq1, leq0}}, 3},
		{"x≥1 and x≤0 from −2", optim.Problem{Func: sq, Constraints: []optim.Constraint{geq1, leq0}}, -2},
		{"x≥1 in the box [0, 0.5]", optim.Problem{Func: sq, Lower: []float64{0}, Upper: []float64{0.5}, Constraints: []optim.Constraint{geq1}}, 0.25},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, d := run(t, c.p, []float64{c.x0}, nil)
			if r.Status != optim.Infeasible || d.Mode != ModeIncompatible || r.Status.Success() {
				t.Errorf("status %v, mode %d (%s) at x = %v; want infeasible, mode 4", r.Status, d.Mode, r.Message, r.X)
			}
			if r.Message != "Inequality constraints incompatible" {
				t.Errorf("message %q", r.Message)
			}
		})
	}
	// Two inconsistent equalities: x1 + x2 = 1 and x1 + x2 = 2.
	p := optim.Problem{
		Func: func(x []float64) float64 { return x[0]*x[0] + x[1]*x[1] },
		Constraints: []optim.Constraint{
			eq(func(x []float64) float64 { return x[0] + x[1] - 1 }),
			eq(func(x []float64) float64 { return x[0] + x[1] - 2 }),
		},
	}
	if r, _ := run(t, p, []float64{0, 0}, nil); r.Status.Success() {
		t.Errorf("inconsistent equalities: status %v (%s)", r.Status, r.Message)
	}
}

func TestNonFinite(t *testing.T) {
	nan := optim.Problem{Func: func(x []float64) float64 { return math.NaN() }}
	r, _ := run(t, nan, []float64{1, 2}, nil)
	if r.Status != optim.NonFinite || r.NFev != 1 || !strings.Contains(r.Message, "non-finite") || r.Err() == nil {
		t.Errorf("NaN objective: %v", r)
	}
	// NaN once the iterates get near the minimum at x = 3: the last finite
	// iterate is returned.
	late := optim.Problem{Func: func(x []float64) float64 {
		if x[0] > 2 {
			return math.NaN()
		}
		return (x[0] - 3) * (x[0] - 3)
	}}
	r, _ = run(t, late, []float64{0}, nil)
	if r.Status != optim.NonFinite || !optim.IsFinite(r.F) || r.F != late.Func(r.X) {
		t.Errorf("late NaN: %v", r)
	}
	// A NaN constraint, and a NaN gradient.
	p := optim.Problem{Func: func(x []float64) float64 { return x[0] * x[0] },
		Constraints: []optim.Constraint{ineq(func(x []float64) float64 { return math.NaN() })}}
	if r, _ = run(t, p, []float64{1}, nil); r.Status != optim.NonFinite {
		t.Errorf("NaN constraint: %v", r)
	}
	p = optim.Problem{Func: func(x []float64) float64 { return x[0] * x[0] }, Grad: func(g, x []float64) { g[0] = math.NaN() }}
	if r, _ = run(t, p, []float64{1}, nil); r.Status != optim.NonFinite {
		t.Errorf("NaN gradient: %v", r)
	}
}

func TestBadInput(t *testing.T) {
	f := func(x []float64) float64 { return x[0]*x[0] + x[1]*x[1] }
	calls := 0
	counted := func(x []float64) float64 { calls++; return f(x) }
	ok := optim.Problem{Func: counted}
	box := func(lo, hi []float64) optim.Problem { return optim.Problem{Func: counted, Lower: lo, Upper: hi} }
	c := eq(func(x []float64) float64 { return x[0] })
	cases := []struct {
		name string
		p    optim.Problem
		x0   []float64
		s    *optim.Settings
	}{
		{"nil x0", ok, nil, nil},
		{"nil Func", optim.Problem{}, []float64{1, 1}, nil},
		{"x0 below the bounds", box([]float64{0, 0}, []float64{1, 1}), []float64{-1, 0.5}, nil},
		{"x0 above the bounds", box([]float64{0, 0}, []float64{1, 1}), []float64{0.5, 2}, nil},
		{"lower > upper", box([]float64{0, 2}, []float64{1, 1}), []float64{0.5, 1}, nil},
		{"NaN bound", box([]float64{0, math.NaN()}, []float64{1, 1}), []float64{0.5, 1}, nil},
		{"infinite width", box([]float64{-1e308, 0}, []float64{1e308, 1}), []float64{0.5, 1}, nil},
		{"only Lower", optim.Problem{Func: counted, Lower: []float64{0, 0}}, []float64{0.5, 1}, nil},
		{"wrong-length x0", optim.Problem{Func: counted, Dim: 3}, []float64{1, 1}, nil},
		{"bounds of the wrong length", box([]float64{0}, []float64{1}), []float64{0.5, 1}, nil},
		{"NaN in x0", ok, []float64{math.NaN(), 1}, nil},
		{"MaxIter < 0", ok, []float64{1, 1}, &optim.Settings{MaxIter: -5}},
		{"FDStep < 0", ok, []float64{1, 1}, &optim.Settings{FDStep: -1e-8}},
		{"FDStep NaN", ok, []float64{1, 1}, &optim.Settings{FDStep: math.NaN()}},
		{"FTol < 0", ok, []float64{1, 1}, &optim.Settings{FTol: -1}},
		{"nil constraint", optim.Problem{Func: counted, Constraints: []optim.Constraint{{}}}, []float64{1, 1}, nil},
		{"unknown kind", optim.Problem{Func: counted, Constraints: []optim.Constraint{{Kind: 7, Func: c.Func}}}, []float64{1, 1}, nil},
		{"3 equalities in 2-D", optim.Problem{Func: counted, Constraints: []optim.Constraint{c, c, c}}, []float64{1, 1}, nil},
	}
	for _, c := range cases {
		r, err := optim.Minimize(context.Background(), c.p, c.x0, c.s, Method{})
		if err == nil {
			t.Errorf("%s: no error, result %v", c.name, r)
			continue
		}
		if !strings.HasPrefix(err.Error(), "slsqp: ") {
			t.Errorf("%s: error %q lacks the method's prefix", c.name, err)
		}
	}
	if calls != 0 {
		t.Errorf("the objective was evaluated %d times on bad input", calls)
	}
}

func TestLimitsAndCallback(t *testing.T) {
	hp := hsProblems[len(hsProblems)-1] // Rosenbrock
	p := optim.Problem{Func: hp.f, Grad: hp.grad}

	r, d := run(t, p, hp.x0, &optim.Settings{MaxIter: 3, Record: true})
	if r.Status != optim.IterationLimit || d.Mode != ModeIterLimit || r.NIt != 3 || len(r.Path) != 3 || r.Err() == nil {
		t.Errorf("MaxIter 3: %v, mode %d, %d iterations recorded", r, d.Mode, len(r.Path))
	}
	if !slices.Equal(r.X, r.Path[2].X) {
		t.Errorf("X = %v is not the last iterate %v", r.X, r.Path[2].X)
	}

	r, d = run(t, p, hp.x0, &optim.Settings{MaxEval: 5})
	if r.Status != optim.EvaluationLimit || r.NFev != 5 || d.Mode != ModeOther || r.Err() == nil {
		t.Errorf("MaxEval 5: %v, mode %d", r, d.Mode)
	}
	// Without a gradient, 3 gradients and a line-search trial: the
	// budget ends inside a finite-difference gradient.
	r, _ = run(t, optim.Problem{Func: hp.f}, hp.x0, &optim.Settings{MaxEval: 7})
	if r.Status != optim.EvaluationLimit || r.NFev != 7 || r.X == nil || r.F != hp.f(r.X) {
		t.Errorf("MaxEval 7 without a gradient: %v", r)
	}

	var seen []int
	cb := func(it optim.Iteration) bool {
		seen = append(seen, it.Iter)
		return it.Iter == 2
	}
	r, _ = run(t, p, hp.x0, &optim.Settings{Callback: cb})
	if r.Status != optim.Stopped || len(seen) != 2 || r.NIt != 2 {
		t.Errorf("callback: %v, calls %v", r, seen)
	}
}

// An iteration limit reached at an infeasible point must not look like a
// success.
func TestIterationLimitInfeasible(t *testing.T) {
	p := optim.Problem{
		Func:        func(x []float64) float64 { return x[0]*x[0] + x[1]*x[1] },
		Constraints: []optim.Constraint{eq(func(x []float64) float64 { return x[0]*x[0]*x[0] + x[1] - 10 })},
	}
	r, d := run(t, p, []float64{0, 0}, &optim.Settings{MaxIter: 1})
	if d.Violation <= 10*DefaultFTol {
		t.Fatalf("violation %v after one iteration: the test needs a harder problem", d.Violation)
	}
	if r.Status.Success() || d.Mode != ModeIterLimit {
		t.Errorf("status %v, mode %d with violation %v", r.Status, d.Mode, d.Violation)
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
	r, d := run(t, optim.Problem{Func: f, Lower: lo, Upper: hi}, []float64{0.8, 2}, nil)
	// The minimum on the box is at x1 = 0.8, x2 = 0.64.
	if r.Status != optim.Converged || maxDiff(r.X, []float64{0.8, 0.64}) > 1e-4 || d.MultUpper[0] <= 0 {
		t.Errorf("%v, multipliers %v %v", r, d.MultLower, d.MultUpper)
	}
}

// From (0.5, 0.5) the linearization of x·x ≥ 16 cannot be met inside the
// box [0, 3]²: the first step comes from Kraft's augmented subproblem, and
// the run must still end at the solution (3, √7) of min x1 + 2 x2.
func TestAugmentedSubproblem(t *testing.T) {
	p := optim.Problem{
		Func:        func(x []float64) float64 { return x[0] + 2*x[1] },
		Lower:       []float64{0, 0},
		Upper:       []float64{3, 3},
		Constraints: []optim.Constraint{ineq(func(x []float64) float64 { return x[0]*x[0] + x[1]*x[1] - 16 })},
	}
	r, d := run(t, p, []float64{0.5, 0.5}, &optim.Settings{FTol: 1e-9})
	if r.Status != optim.Converged || maxDiff(r.X, []float64{3, math.Sqrt(7)}) > 1e-6 || d.Violation > 1e-8 {
		t.Errorf("%v (violation %v)", r, d.Violation)
	}
	// ∇f = λ ∇c − λ_upper e1: λ = 1/√7, λ_upper = 6λ − 1.
	lam := 1 / math.Sqrt(7)
	if math.Abs(d.Multipliers[0]-lam) > 1e-5 || math.Abs(d.MultUpper[0]-(6*lam-1)) > 1e-5 {
		t.Errorf("multipliers %v, upper %v; want %v, %v", d.Multipliers, d.MultUpper, lam, 6*lam-1)
	}
}

// As many independent equalities as variables: the point is fixed by them.
func TestSquareEqualitySystem(t *testing.T) {
	p := optim.Problem{
		Func: func(x []float64) float64 { return x[0] * x[1] },
		Constraints: []optim.Constraint{
			eq(func(x []float64) float64 { return x[0] + x[1] - 1 }),
			eq(func(x []float64) float64 { return x[0] - x[1]*x[1] }),
		},
	}
	r, _ := run(t, p, []float64{3, 3}, nil)
	// x1 = x2², x1 + x2 = 1 from (3, 3): x2 = (√5 − 1)/2.
	x2 := (math.Sqrt(5) - 1) / 2
	if r.Status != optim.Converged || maxDiff(r.X, []float64{x2 * x2, x2}) > 1e-6 {
		t.Errorf("%v", r)
	}
}

func TestRegistered(t *testing.T) {
	m, err := optim.Lookup("slsqp")
	if err != nil {
		t.Fatal(err)
	}
	info := m.Info()
	if _, ok := m.(Method); !ok || !info.Gradient || !info.Constraints || !info.AnswerIsIterate || info.DefaultMaxIter != 100 {
		t.Errorf("%T %+v", m, info)
	}
}

// A cancelled context stops SLSQP promptly at n = 5000. Without bounds
// and constraints a subproblem is O(n²) (two triangular solves), so the
// run is between evaluations or BFGS updates when the context ends.
func TestCancelLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("n = 5000")
	}
	const n = 5000
	p, err := problems.Rosenbrock(n)
	if err != nil {
		t.Fatal(err)
	}
	x0 := make([]float64, n)
	for i := range x0 {
		x0[i] = -1.2
	}
	r, elapsed, alloc := cancelAfter(t, p, x0, 300*time.Millisecond)
	t.Logf("n = %d: %v after %v, %d iterations, %.0f MB allocated", n, r.Status, elapsed, r.NIt, alloc/1e6)
	if r.Status != optim.Cancelled || elapsed > 5*time.Second {
		t.Errorf("status %v after %v: %s", r.Status, elapsed, r.Message)
	}
	// B = UᵀU is one dense n×n triangle (200 MB); gonum's downdate
	// workspace, if an update happens, is one more.
	if alloc > 1e9 {
		t.Errorf("%.0f MB allocated", alloc/1e6)
	}
}

// A first subproblem that takes minutes is cut short by the context: no
// iteration is completed. With every bound active, the LDP has 2n rows
// and its NNLS brings n of them in one at a time; with an equality
// constraint, E Q₂ is a dense n×(n−1) matrix to factorize.
func TestCancelDuringFirstSubproblem(t *testing.T) {
	shifted := func(n int) optim.Problem {
		return optim.Problem{
			Func: func(x []float64) float64 {
				s := 0.0
				for _, v := range x {
					s += (v - 10) * (v - 10)
				}
				return s
			},
			Grad: func(g, x []float64) {
				for i, v := range x {
					g[i] = 2 * (v - 10)
				}
			},
		}
	}
	bounded := shifted(800)
	bounded.Lower, bounded.Upper = make([]float64, 800), make([]float64, 800)
	for i := range 800 {
		bounded.Lower[i], bounded.Upper[i] = -1, 1
	}
	equality := shifted(3000)
	equality.Constraints = []optim.Constraint{{
		Kind: optim.Equality,
		Func: func(x []float64) float64 { return floats.Sum(x) - 1 },
		Grad: func(g, x []float64) {
			for i := range g {
				g[i] = 1
			}
		},
	}}
	for _, c := range []struct {
		name string
		p    optim.Problem
		n    int
	}{{"every bound active", bounded, 800}, {"one equality", equality, 3000}} {
		t.Run(c.name, func(t *testing.T) {
			if testing.Short() && c.n > 1000 {
				t.Skip("large")
			}
			x0 := make([]float64, c.n)
			r, elapsed, alloc := cancelAfter(t, c.p, x0, 300*time.Millisecond)
			t.Logf("n = %d: %v after %v, %d iterations, %.0f MB allocated", c.n, r.Status, elapsed, r.NIt, alloc/1e6)
			if r.Status != optim.Cancelled || r.NIt != 0 || elapsed > 5*time.Second {
				t.Errorf("status %v after %v and %d iterations: %s", r.Status, elapsed, r.NIt, r.Message)
			}
			if !slices.Equal(r.X, x0) {
				t.Errorf("X is not x0")
			}
		})
	}
}

func cancelAfter(t *testing.T, p optim.Problem, x0 []float64, after time.Duration) (*optim.Result, time.Duration, float64) {
	t.Helper()
	var before, done runtime.MemStats
	runtime.ReadMemStats(&before)
	ctx, cancel := context.WithTimeout(context.Background(), after)
	defer cancel()
	start := time.Now()
	r, err := optim.Minimize(ctx, p, x0, nil, Method{})
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&done)
	return r, elapsed, float64(done.TotalAlloc - before.TotalAlloc)
}

func BenchmarkToyNet(b *testing.B) {
	net := toynet.Reference()
	x0 := toynet.X0()
	for b.Loop() {
		run(b, optim.Problem{Func: net.Loss}, x0, &optim.Settings{FDStep: 0.001})
	}
}

func BenchmarkHS71(b *testing.B) {
	hp := hsProblems[2]
	p := optim.Problem{Func: hp.f, Grad: hp.grad, Lower: hp.lower, Upper: hp.upper, Constraints: hp.constraints(false)}
	for b.Loop() {
		run(b, p, hp.x0, nil)
	}
}

// A rank-deficient equality Jacobian (the same constraint twice) is
// scipy's mode 6, a numerical failure, not a success.
func TestSingularEqualities(t *testing.T) {
	c := eq(func(x []float64) float64 { return x[0] + x[1] - 1 })
	p := optim.Problem{Func: func(x []float64) float64 { return x[0]*x[0] + x[1]*x[1] }, Constraints: []optim.Constraint{c, c}}
	r, d := run(t, p, []float64{0, 0}, nil)
	if r.Status != optim.NumericalFailure || d.Mode != ModeSingularC || r.Message != ModeMessage(ModeSingularC) {
		t.Errorf("status %v, mode %d: %s", r.Status, d.Mode, r.Message)
	}
}
