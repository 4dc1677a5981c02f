package methods_test

// The conformance test runs every registered method over one table of
// problems, in the manner of gonum/optimize's unconstrained_test.go. A new
// method is in it as soon as it is registered and imported by package
// methods; it must also get a line in the solves table below (the test fails
// otherwise), which says which problems it is expected to solve, and how
// well.

import (
	"context"
	"go/parser"
	"go/token"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
)

// testProblem is one row of the problem table.
type testProblem struct {
	name string
	p    optim.Problem
	x0   []float64
	xmin []float64 // a minimizer, for the accuracy check
	fmin float64
	oneD bool // a 1-D problem on an interval, for the 1-D methods
}

func must(p optim.Problem, err error) optim.Problem {
	if err != nil {
		panic(err)
	}
	return p
}

func fill(n int, v float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = v
	}
	return x
}

func alternate(n int, a, b float64) []float64 {
	x := fill(n, a)
	for i := 1; i < n; i += 2 {
		x[i] = b
	}
	return x
}

// boxed returns p restricted to [lo, hi]^n.
func boxed(p optim.Problem, n int, lo, hi float64) optim.Problem {
	p.Lower, p.Upper = fill(n, lo), fill(n, hi)
	return p
}

// table is the problem table. Each problem exists twice for the methods
// that need bounds: methods with Info.NeedsBounds get the boxed version.
func table() []testProblem {
	poly := problems.Poly()
	// (x−2)² + (y−2)² on [−1, 1]²: the minimum (1, 1) sits on a corner.
	corner := optim.Problem{
		Func:  func(x []float64) float64 { return (x[0]-2)*(x[0]-2) + (x[1]-2)*(x[1]-2) },
		Grad:  func(g, x []float64) { g[0], g[1] = 2*(x[0]-2), 2*(x[1]-2) },
		Lower: []float64{-1, -1}, Upper: []float64{1, 1},
	}
	return []testProblem{
		{name: "sphere-2", p: must(problems.Sphere(2)), x0: []float64{3, -2}, xmin: fill(2, 0)},
		{name: "rosenbrock-2", p: must(problems.Rosenbrock(2)), x0: []float64{-1.2, 1}, xmin: fill(2, 1)},
		{name: "rosenbrock-10", p: must(problems.Rosenbrock(10)), x0: alternate(10, -1.2, 1), xmin: fill(10, 1)},
		{name: "corner", p: corner, x0: []float64{0, 0}, xmin: []float64{1, 1}, fmin: 2},
		{name: "rastrigin-2", p: must(problems.Rastrigin(2)), x0: []float64{2.5, -3.5}, xmin: fill(2, 0)},
		{name: "poly", p: poly.Interval(), x0: []float64{poly.X0}, xmin: []float64{poly.XMin}, fmin: poly.FMin, oneD: true},
	}
}

// domain is the box that methods needing bounds search for each problem.
var domain = map[string][2]float64{
	"sphere-2": {-5.12, 5.12}, "rosenbrock-2": {-2.048, 2.048}, "rosenbrock-10": {-2.048, 2.048},
	"rastrigin-2": {-5.12, 5.12},
}

// expectation says what a method should reach on a problem: |f − fmin| ≤
// ftol and ‖x − xmin‖∞ ≤ xtol (0: not checked), with these settings, and
// status Converged unless budget is set (methods without a convergence
// test, such as dual annealing, end at their budget by design). local, if
// not 0, is the documented local minimum the method reaches instead (f is
// checked against it, x is not).
type expectation struct {
	ftol, xtol float64
	s          optim.Settings
	budget     bool
	local      float64
}

// solves lists, for every registered method, the problems of the table it
// must solve and how well (its documented accuracy); the other problems of
// the table are run for the invariants only. Every registered method must
// have an entry, even an empty one.
var solves = map[string]map[string]expectation{
	"golden":     {"poly": {xtol: 1e-6}},
	"fibonacci":  {"poly": {xtol: 1e-6}},
	"brent":      {"poly": {xtol: 1e-6}},
	"bisection":  {"poly": {xtol: 1e-6}},
	"newton1d":   {"poly": {xtol: 1e-8}},
	"secant":     {"poly": {xtol: 1e-8}},
	"gd":         {"sphere-2": {ftol: 1e-8, s: optim.Settings{MaxIter: 20000}}, "corner": {xtol: 1e-6}},
	"momentum":   {"sphere-2": {ftol: 1e-8, s: optim.Settings{MaxIter: 20000}}, "corner": {xtol: 1e-6}},
	"adam":       {"sphere-2": {xtol: 1e-2, s: optim.Settings{MaxIter: 20000}}},
	"steepest":   {"sphere-2": {ftol: 1e-10}, "rosenbrock-2": {xtol: 1e-3, s: optim.Settings{MaxIter: 50000}}},
	"newton":     {"sphere-2": {ftol: 1e-10}, "rosenbrock-2": {xtol: 1e-5}, "rosenbrock-10": {ftol: 1e-8, local: 3.986579112}},
	"cg":         {"sphere-2": {ftol: 1e-10}, "rosenbrock-2": {xtol: 1e-5}, "rosenbrock-10": {xtol: 1e-5}},
	"bfgs":       {"sphere-2": {ftol: 1e-10}, "rosenbrock-2": {xtol: 1e-5}, "rosenbrock-10": {xtol: 1e-5}},
	"dfp":        {"sphere-2": {ftol: 1e-10}, "rosenbrock-2": {xtol: 1e-5}, "rosenbrock-10": {xtol: 1e-5}},
	"neldermead": {"sphere-2": {ftol: 1e-8}, "rosenbrock-2": {xtol: 1e-3}, "corner": {xtol: 1e-4}},
	"lbfgsb":     {"sphere-2": {ftol: 1e-10}, "rosenbrock-2": {xtol: 1e-5}, "rosenbrock-10": {xtol: 1e-5}, "corner": {xtol: 1e-8}},
	"slsqp":      {"sphere-2": {ftol: 1e-8}, "rosenbrock-2": {xtol: 1e-3}, "corner": {xtol: 1e-6}},
	"cmaes":      {"sphere-2": {ftol: 1e-8}, "rosenbrock-2": {xtol: 1e-4}, "rosenbrock-10": {xtol: 1e-3}},
	"pso":        {"sphere-2": {ftol: 1e-6}, "corner": {xtol: 1e-3, budget: true}},
	"anneal":     {"sphere-2": {ftol: 1e-8, budget: true}, "rastrigin-2": {ftol: 1e-8, budget: true}, "corner": {xtol: 1e-6, budget: true}},
}

// applicable returns the problem as method info should get it, or false if
// the method cannot take it (a 1-D method on an N-D problem, or the reverse;
// a bounded problem for a method without bounds).
func applicable(info optim.Info, tp testProblem) (optim.Problem, []float64, bool) {
	if info.OneD != tp.oneD {
		return optim.Problem{}, nil, false
	}
	p, x0 := tp.p, slices.Clone(tp.x0)
	if info.NeedsBounds && p.Lower == nil {
		d := domain[tp.name]
		p = boxed(p, len(tp.x0), d[0], d[1])
	}
	if info.NoBounds && p.Lower != nil {
		return optim.Problem{}, nil, false
	}
	if info.NoX0 {
		x0 = nil
	}
	return p, x0, true
}

func methodsUnderTest(t *testing.T) []optim.Method {
	var ms []optim.Method
	for _, name := range optim.Names() {
		m, err := optim.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, m)
	}
	if len(ms) == 0 {
		t.Fatal("no method registered")
	}
	return ms
}

// TestEveryMethodIsInTheTable fails when a registered method has no line in
// solves, or when a package under pkg/ registers a method but is not
// imported by package methods (so neither the CLI nor this test sees it).
func TestEveryMethodIsInTheTable(t *testing.T) {
	for _, name := range optim.Names() {
		if _, ok := solves[name]; !ok {
			t.Errorf("method %q is registered but has no line in the conformance table (solves)", name)
		}
	}
	for name := range solves {
		if _, err := optim.Lookup(name); err != nil {
			t.Errorf("the conformance table lists %q, which is not registered", name)
		}
	}
	f, err := parser.ParseFile(token.NewFileSet(), "methods.go", nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	imported := map[string]bool{}
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		imported[filepath.Base(p)] = true
	}
	dirs, _ := filepath.Glob("../*")
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(src), "optim.Register(") && !imported[filepath.Base(dir)] {
				t.Errorf("package %s registers a method but pkg/methods does not import it", dir)
			}
		}
	}
}

func checkInvariants(t *testing.T, r *optim.Result, p optim.Problem) {
	t.Helper()
	if r.NFev != len(r.Trace) {
		t.Errorf("NFev = %d but len(Trace) = %d", r.NFev, len(r.Trace))
	}
	for i := 1; i < len(r.Trace); i++ {
		if r.Trace[i] > r.Trace[i-1] {
			t.Errorf("Trace increases at %d: %g > %g", i, r.Trace[i], r.Trace[i-1])
			break
		}
	}
	if r.X != nil && p.Lower != nil {
		for i, v := range r.X {
			if v < p.Lower[i] || v > p.Upper[i] {
				t.Errorf("X[%d] = %g outside [%g, %g]", i, v, p.Lower[i], p.Upper[i])
			}
		}
	}
	if r.Status == optim.NotTerminated {
		t.Errorf("status NotTerminated")
	}
	if r.Status.Success() && !optim.IsFinite(r.F) {
		t.Errorf("success with F = %v", r.F)
	}
	if r.X != nil && optim.IsFinite(r.F) && p.Func != nil && p.Func(r.X) != r.F {
		t.Errorf("F = %v but f(X) = %v", r.F, p.Func(r.X))
	}
}

func TestConformance(t *testing.T) {
	for _, m := range methodsUnderTest(t) {
		info := m.Info()
		t.Run(info.Name, func(t *testing.T) {
			for _, tp := range table() {
				p, x0, ok := applicable(info, tp)
				if !ok {
					continue
				}
				t.Run(tp.name, func(t *testing.T) {
					exp, want := solves[info.Name][tp.name]
					s := exp.s
					s.Seed = 7
					m, _ := optim.Lookup(info.Name)
					r, err := optim.Minimize(context.Background(), p, x0, &s, m)
					if err != nil {
						t.Fatalf("error: %v", err)
					}
					checkInvariants(t, r, p)
					if !want {
						return
					}
					if !exp.budget && !r.Status.Success() {
						t.Errorf("did not converge: %v", r)
					}
					if exp.budget && r.Status != optim.IterationLimit && r.Status != optim.EvaluationLimit && !r.Status.Success() {
						t.Errorf("neither converged nor at its budget: %v", r)
					}
					fmin := tp.fmin
					if exp.local != 0 {
						fmin = exp.local
					}
					if exp.ftol > 0 && !(math.Abs(r.F-fmin) <= exp.ftol) {
						t.Errorf("F = %g, want %g ± %g (%v)", r.F, fmin, exp.ftol, r)
					}
					if exp.xtol > 0 && exp.local == 0 {
						for i := range tp.xmin {
							if r.X == nil || !(math.Abs(r.X[i]-tp.xmin[i]) <= exp.xtol) {
								t.Errorf("X = %v, want %v ± %g (%v)", r.X, tp.xmin, exp.xtol, r)
								break
							}
						}
					}
				})
			}
		})
	}
}

// TestDeterminism: the same seed gives the same Result, bit for bit, with 1
// and 4 workers.
func TestDeterminism(t *testing.T) {
	for _, m := range methodsUnderTest(t) {
		info := m.Info()
		for _, tp := range table() {
			p, x0, ok := applicable(info, tp)
			if !ok || tp.name == "rosenbrock-10" {
				continue
			}
			var ref *optim.Result
			for _, w := range []int{1, 4} {
				m, _ := optim.Lookup(info.Name)
				r, err := optim.Minimize(context.Background(), p, x0, &optim.Settings{Seed: 11, Workers: w, MaxEval: 3000}, m)
				if err != nil {
					t.Fatalf("%s/%s: %v", info.Name, tp.name, err)
				}
				if ref == nil {
					ref = r
					continue
				}
				if !slices.Equal(r.X, ref.X) || !same(r.F, ref.F) || r.NFev != ref.NFev || r.NIt != ref.NIt || !slices.Equal(r.Trace, ref.Trace) || r.Status != ref.Status {
					t.Errorf("%s/%s: workers 4 differs from workers 1:\n%v\n%v", info.Name, tp.name, r, ref)
				}
			}
		}
	}
}

func same(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

// TestBudgetIsNotConvergence: a used-up budget is reported as such.
func TestBudgetIsNotConvergence(t *testing.T) {
	for _, m := range methodsUnderTest(t) {
		info := m.Info()
		tp := table()[1] // rosenbrock-2
		if info.OneD {
			tp = table()[5]
		}
		p, x0, ok := applicable(info, tp)
		if !ok {
			t.Fatalf("%s: no problem to test the budget on", info.Name)
		}
		for _, s := range []optim.Settings{{MaxIter: 2}, {MaxEval: 5}} {
			m, _ := optim.Lookup(info.Name)
			q := p
			if s.MaxEval > 0 {
				// Analytic derivatives do not count against MaxEval: use
				// finite differences, which do.
				q.Grad, q.Hess = nil, nil
			}
			r, err := optim.Minimize(context.Background(), q, x0, &s, m)
			if err != nil {
				t.Fatalf("%s %+v: %v", info.Name, s, err)
			}
			if r.Status.Success() || r.Err() == nil {
				t.Errorf("%s with MaxIter %d MaxEval %d: %v, want a budget status", info.Name, s.MaxIter, s.MaxEval, r)
			}
			if r.Status != optim.IterationLimit && r.Status != optim.EvaluationLimit {
				t.Errorf("%s with MaxIter %d MaxEval %d: status %v, want a limit", info.Name, s.MaxIter, s.MaxEval, r.Status)
			}
			if s.MaxEval > 0 && r.NFev > s.MaxEval {
				t.Errorf("%s: NFev %d > MaxEval %d", info.Name, r.NFev, s.MaxEval)
			}
			checkInvariants(t, r, p)
		}
	}
}

// TestCancellation: a context cancelled before the run, or during it,
// returns promptly with status Cancelled.
func TestCancellation(t *testing.T) {
	for _, m := range methodsUnderTest(t) {
		info := m.Info()
		tp := table()[1]
		if info.OneD {
			tp = table()[5]
		}
		p, x0, _ := applicable(info, tp)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		m, _ := optim.Lookup(info.Name)
		r, err := optim.Minimize(ctx, p, x0, nil, m)
		if err != nil || r.Status != optim.Cancelled {
			t.Errorf("%s, cancelled before: %v %v", info.Name, r, err)
		}
		// Cancelled from inside the run: the objective cancels at its 3rd call.
		ctx, cancel = context.WithCancel(context.Background())
		calls := 0
		q := p
		q.Grad, q.Hess = nil, nil // so that f is called often enough
		q.Func = func(x []float64) float64 {
			calls++
			if calls == 3 {
				cancel()
			}
			return p.Func(x)
		}
		start := time.Now()
		m, _ = optim.Lookup(info.Name)
		r, err = optim.Minimize(ctx, q, x0, nil, m)
		cancel()
		if err != nil || r.Status != optim.Cancelled || time.Since(start) > 5*time.Second {
			t.Errorf("%s, cancelled during the run: %v %v after %v", info.Name, r, err, time.Since(start))
		}
	}
}

// TestBadInput: every method gives an error or a failure status on the
// shared bad-input table; never a panic, never a success with NaN.
func TestBadInput(t *testing.T) {
	nan := math.NaN()
	type bad struct {
		name   string
		mutate func(p *optim.Problem, x0 *[]float64, s *optim.Settings)
	}
	cases := []bad{
		{"nil Func", func(p *optim.Problem, _ *[]float64, _ *optim.Settings) { p.Func = nil }},
		{"NaN objective", func(p *optim.Problem, _ *[]float64, _ *optim.Settings) {
			p.Func = func([]float64) float64 { return nan }
			p.Grad = func(g, _ []float64) {
				for i := range g {
					g[i] = nan
				}
			}
			p.Hess = nil
		}},
		{"Inf objective", func(p *optim.Problem, _ *[]float64, _ *optim.Settings) {
			p.Func = func([]float64) float64 { return math.Inf(1) }
			p.Grad, p.Hess = nil, nil
		}},
		{"panicking objective, 4 workers", func(p *optim.Problem, _ *[]float64, s *optim.Settings) {
			f := p.Func
			calls := 0
			p.Func = func(x []float64) float64 {
				calls++ // racy with workers, but only the first calls pass
				if calls > 2 {
					panic("the objective broke")
				}
				return f(x)
			}
			p.Grad, p.Hess = nil, nil
			s.Workers = 4
		}},
		{"lower > upper", func(p *optim.Problem, x0 *[]float64, _ *optim.Settings) {
			n := len(p.Lower)
			if n == 0 {
				n = len(*x0)
			}
			p.Lower, p.Upper = fill(n, 1), fill(n, -1)
		}},
		{"infinite width", func(p *optim.Problem, x0 *[]float64, _ *optim.Settings) {
			n := len(p.Lower)
			if n == 0 {
				n = len(*x0)
			}
			p.Lower, p.Upper = fill(n, -1e308), fill(n, 1e308)
		}},
		{"x0 outside the box", func(p *optim.Problem, x0 *[]float64, _ *optim.Settings) {
			n := len(p.Lower)
			if n == 0 {
				n = len(*x0)
			}
			p.Lower, p.Upper = fill(n, 10), fill(n, 11)
			*x0 = fill(n, 0)
		}},
		{"dimension mismatch", func(p *optim.Problem, x0 *[]float64, _ *optim.Settings) {
			p.Dim = 3
			if len(*x0) == 3 || len(p.Lower) == 3 {
				p.Dim = 4
			}
		}},
		{"MaxIter = MaxInt", func(_ *optim.Problem, _ *[]float64, s *optim.Settings) {
			s.MaxIter = math.MaxInt
			s.MaxEval = 2000
		}},
	}
	for _, m := range methodsUnderTest(t) {
		info := m.Info()
		tp := table()[1]
		if info.OneD {
			tp = table()[5]
		}
		for _, c := range cases {
			if info.NoX0 && c.name == "x0 outside the box" {
				continue
			}
			p, x0, _ := applicable(info, tp)
			if info.NoX0 {
				x0 = nil
			}
			var s optim.Settings
			c.mutate(&p, &x0, &s)
			if info.NoX0 {
				x0 = nil
			}
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("%s, %s: panic: %v", info.Name, c.name, r)
					}
				}()
				m, _ := optim.Lookup(info.Name)
				r, err := optim.Minimize(context.Background(), p, x0, &s, m)
				if err != nil {
					return
				}
				if c.name == "MaxIter = MaxInt" {
					checkInvariants(t, r, p)
					return // any status; it just must not panic or hang
				}
				if r.Status.Success() {
					t.Errorf("%s, %s: success: %v", info.Name, c.name, r)
				}
				if strings.Contains(c.name, "box") || strings.Contains(c.name, "width") || c.name == "lower > upper" || c.name == "nil Func" || c.name == "dimension mismatch" {
					t.Errorf("%s, %s: want an error, got %v", info.Name, c.name, r)
				}
			}()
		}
	}
}
