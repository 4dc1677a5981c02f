package lbfgsb_test

import (
	"context"
	"math"
	"slices"
	"testing"
	"time"

	"gonum.org/v1/gonum/floats"

	"github.com/optlab/optlab/pkg/lbfgsb"
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
)

func minimize(t *testing.T, p optim.Problem, x0 []float64, s *optim.Settings, m *lbfgsb.Method) *optim.Result {
	t.Helper()
	if m == nil {
		m = &lbfgsb.Method{}
	}
	r, err := optim.Minimize(context.Background(), p, x0, s, m)
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, p, r)
	return r
}

// checkResult checks the invariants every result has.
func checkResult(t *testing.T, p optim.Problem, r *optim.Result) {
	t.Helper()
	if len(r.Trace) != r.NFev {
		t.Errorf("len(Trace) = %d, NFev = %d", len(r.Trace), r.NFev)
	}
	if r.X != nil {
		if err := optim.CheckInBounds("X", r.X, p.Lower, p.Upper); err != nil {
			t.Error(err)
		}
		if f := p.Func(r.X); f != r.F {
			t.Errorf("F = %g but f(X) = %g", r.F, f)
		}
	}
}

func rosenbrockStart(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = 1
		if i%2 == 0 {
			x[i] = -1.2
		}
	}
	return x
}

// Rosenbrock from the classic start, unbounded: plain L-BFGS converges to
// (1, …, 1) with a gradient below 1e-6, with the analytic gradient and
// with forward differences.
func TestRosenbrock(t *testing.T) {
	for _, n := range []int{2, 10} {
		for _, analytic := range []bool{true, false} {
			p, err := problems.Rosenbrock(n)
			if err != nil {
				t.Fatal(err)
			}
			grad := p.Grad
			if !analytic {
				p.Grad = nil
			}
			// Forward differences are good to about √ε·|f''| ≈ 1e-5 here:
			// they get the default tolerances.
			s := &optim.Settings{}
			tol, want, xtol := lbfgsb.DefaultGTol, 1e-3, 1e-3
			if analytic {
				tol, want, xtol = 1e-7, 1e-6, 1e-6
				s = &optim.Settings{GTol: tol, FTol: 1e-300}
			}
			r := minimize(t, p, rosenbrockStart(n), s, nil)
			g := make([]float64, n)
			grad(g, r.X)
			gn := floats.Norm(g, math.Inf(1))
			t.Logf("n=%d analytic=%v: f=%.3g ‖g‖∞=%.2g nit=%d nfev=%d ngev=%d: %s", n, analytic, r.F, gn, r.NIt, r.NFev, r.NGev, r.Message)
			if r.Status != optim.Converged {
				t.Errorf("n=%d analytic=%v: %v", n, analytic, r)
			}
			if gn > want {
				t.Errorf("n=%d analytic=%v: ‖g‖∞ = %g > %g", n, analytic, gn, want)
			}
			for i, v := range r.X {
				if math.Abs(v-1) > xtol {
					t.Errorf("n=%d analytic=%v: x[%d] = %v, want 1", n, analytic, i, v)
				}
			}
			if analytic != (r.NGev > 0) {
				t.Errorf("NGev = %d with analytic %v", r.NGev, analytic)
			}
			d, ok := optim.DetailOf[*lbfgsb.Detail](r)
			if !ok || d.ProjGrad > want || len(d.Grad) != n {
				t.Errorf("detail %+v", d)
			}
		}
	}
}

// Infinite bounds are no bounds: the same run, bit for bit.
func TestInfiniteBoundsArePlainLBFGS(t *testing.T) {
	p, _ := problems.Rosenbrock(4)
	a := minimize(t, p, rosenbrockStart(4), nil, nil)
	p.Lower, p.Upper = make([]float64, 4), make([]float64, 4)
	for i := range p.Lower {
		p.Lower[i], p.Upper[i] = math.Inf(-1), math.Inf(1)
	}
	b := minimize(t, p, rosenbrockStart(4), nil, nil)
	if !slices.Equal(a.X, b.X) || !slices.Equal(a.Trace, b.Trace) || a.NIt != b.NIt {
		t.Errorf("unbounded %v\n±Inf bounds %v", a, b)
	}
}

// A quadratic whose unconstrained minimum c = (2, −3, 0.5, 1) lies outside
// the box [−1, 1]^4: the solution is c clipped to the box, with two
// coordinates exactly on a bound.
func TestBoundedQuadratic(t *testing.T) {
	c := []float64{2, -3, 0.5, 1}
	d := []float64{1, 10, 100, 0.1} // ill-conditioned diagonal
	f := func(x []float64) float64 {
		s := 0.0
		for i := range x {
			s += d[i] * (x[i] - c[i]) * (x[i] - c[i])
		}
		return s + 0.5*(x[2]-c[2])*(x[3]-c[3]) // not separable
	}
	grad := func(g, x []float64) {
		for i := range x {
			g[i] = 2 * d[i] * (x[i] - c[i])
		}
		g[2] += 0.5 * (x[3] - c[3])
		g[3] += 0.5 * (x[2] - c[2])
	}
	want := []float64{1, -1, 0.5, 1}
	for _, withGrad := range []bool{true, false} {
		p := optim.Problem{Func: f, Lower: []float64{-1, -1, -1, -1}, Upper: []float64{1, 1, 1, 1}}
		if withGrad {
			p.Grad = grad
		}
		r := minimize(t, p, []float64{-0.9, 0.9, -0.2, 0}, &optim.Settings{Record: true}, nil)
		t.Logf("grad %v: %v", withGrad, r)
		if r.Status != optim.Converged {
			t.Errorf("status %v", r.Status)
		}
		for i := range want {
			if math.Abs(r.X[i]-want[i]) > 1e-5 {
				t.Errorf("grad %v: x[%d] = %v, want %v", withGrad, i, r.X[i], want[i])
			}
		}
		if r.X[0] != 1 || r.X[1] != -1 {
			t.Errorf("grad %v: the active bounds are not met exactly: %v", withGrad, r.X)
		}
		if len(r.Path) != r.NIt || r.NIt == 0 {
			t.Fatalf("%d iterations recorded, NIt %d", len(r.Path), r.NIt)
		}
		for k := 1; k < len(r.Path); k++ {
			if r.Path[k].F > r.Path[k-1].F {
				t.Errorf("iteration %d: f rises %g → %g", k, r.Path[k-1].F, r.Path[k].F)
			}
		}
		last := r.Path[len(r.Path)-1]
		if st, ok := last.Detail.(lbfgsb.Step); !ok || st.ProjGrad > 1e-5 || !slices.Equal(last.X, r.X) {
			t.Errorf("last iteration %+v", last)
		}
	}
}

// Hock & Schittkowski's bound-constrained problems 2, 4 and 5.
func TestHockSchittkowski(t *testing.T) {
	inf := math.Inf(1)
	rosen := func(x []float64) float64 { return 100*math.Pow(x[1]-x[0]*x[0], 2) + math.Pow(1-x[0], 2) }
	for _, tc := range []struct {
		name   string
		f      func([]float64) float64
		lo, up []float64
		x0     []float64
		xstar  []float64
		fstar  float64
	}{
		// HS2: Rosenbrock with x₂ ≥ 1.5, active at the solution. It has a
		// second KKT point on the bound, a local minimum at x₁ ≈ −1.2210,
		// which the search reaches from (−2, 2); from (0, 2) it finds the
		// solution.
		{"HS2", rosen, []float64{-inf, 1.5}, []float64{inf, inf}, []float64{0, 2}, []float64{1.2243707487, 1.5}, 0.0504261879},
		{"HS2-local", rosen, []float64{-inf, 1.5}, []float64{inf, inf}, []float64{-2, 2}, []float64{-1.2210262, 1.5}, 4.9412293},
		// HS4: both lower bounds active.
		{"HS4", func(x []float64) float64 { return math.Pow(x[0]+1, 3)/3 + x[1] }, []float64{1, 0}, []float64{inf, inf}, []float64{1.125, 0.125}, []float64{1, 0}, 8.0 / 3},
		// HS5: a finite box, interior solution.
		{"HS5", func(x []float64) float64 {
			return math.Sin(x[0]+x[1]) + math.Pow(x[0]-x[1], 2) - 1.5*x[0] + 2.5*x[1] + 1
		}, []float64{-1.5, -3}, []float64{4, 3}, []float64{0, 0}, []float64{0.5 - math.Pi/3, -0.5 - math.Pi/3}, -math.Sqrt(3)/2 - math.Pi/3},
	} {
		p := optim.Problem{Func: tc.f, Lower: tc.lo, Upper: tc.up}
		r := minimize(t, p, tc.x0, nil, nil) // forward differences, default tolerances
		t.Logf("%s: %v", tc.name, r)
		if r.Status != optim.Converged || math.Abs(r.F-tc.fstar) > 1e-7 {
			t.Errorf("%s: f = %.10g, want %.10g (%v)", tc.name, r.F, tc.fstar, r.Status)
		}
		for i := range tc.xstar {
			if math.Abs(r.X[i]-tc.xstar[i]) > 1e-5 {
				t.Errorf("%s: x = %v, want %v", tc.name, r.X, tc.xstar)
			}
		}
	}
}

func TestBudgets(t *testing.T) {
	p, _ := problems.Rosenbrock(10)
	p.Grad = nil
	x0 := rosenbrockStart(10)
	r := minimize(t, p, x0, &optim.Settings{MaxEval: 100}, nil)
	if r.Status != optim.EvaluationLimit || r.NFev > 100 || r.Status.Success() || r.Err() == nil {
		t.Errorf("MaxEval 100: %v", r)
	}
	r = minimize(t, p, x0, &optim.Settings{MaxIter: 3}, nil)
	if r.Status != optim.IterationLimit || r.NIt != 3 || r.Err() == nil {
		t.Errorf("MaxIter 3: %v", r)
	}
}

func TestCancellation(t *testing.T) {
	p, _ := problems.Rosenbrock(10)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r, err := optim.Minimize(ctx, p, rosenbrockStart(10), nil, &lbfgsb.Method{})
	if err != nil || r.Status != optim.Cancelled {
		t.Errorf("cancelled before: %v %v", r, err)
	}
	// Cancelled while running: an objective that cancels after 50 calls.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	f := p.Func
	p.Func = func(x []float64) float64 {
		if calls++; calls == 50 {
			cancel()
		}
		return f(x)
	}
	p.Grad = nil
	start := time.Now()
	r, err = optim.Minimize(ctx, p, rosenbrockStart(10), nil, &lbfgsb.Method{})
	if err != nil || r.Status != optim.Cancelled || r.NFev > 51 || time.Since(start) > time.Second {
		t.Errorf("cancelled during: %v %v", r, err)
	}
}

func TestBadInput(t *testing.T) {
	p, _ := problems.Sphere(2)
	for name, m := range map[string]*lbfgsb.Method{
		"negative M":  {M: -1},
		"C1 ≥ 1":      {C1: 1},
		"C2 ≤ C1":     {C1: 0.5, C2: 0.4},
		"C2 NaN":      {C2: math.NaN()},
		"negative LS": {MaxLineSearch: -2},
	} {
		if _, err := optim.Minimize(context.Background(), p, []float64{1, 1}, nil, m); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := optim.Minimize(context.Background(), p, nil, nil, &lbfgsb.Method{}); err == nil {
		t.Error("no x0: no error")
	}
	b := p
	b.Lower, b.Upper = []float64{0, 0}, []float64{1, 1}
	if _, err := optim.Minimize(context.Background(), b, []float64{2, 0}, nil, &lbfgsb.Method{}); err == nil {
		t.Error("x0 outside: no error")
	}
	nan := optim.Problem{Func: func([]float64) float64 { return math.NaN() }}
	if r := minimize(t, nan, []float64{0, 0}, nil, nil); r.Status != optim.NonFinite {
		t.Errorf("NaN objective: %v", r)
	}
	half := optim.Problem{Func: func(x []float64) float64 {
		if x[0] > 0.5 {
			return math.NaN()
		}
		return -x[0]
	}}
	if r := minimize(t, half, []float64{0, 0}, nil, nil); r.Status.Success() || r.X[0] > 0.5 {
		t.Errorf("NaN beyond 0.5: %v", r)
	}
}

// Forward differences in batches give the same run with 1 and 4 workers.
func TestWorkers(t *testing.T) {
	p, _ := problems.Rosenbrock(6)
	p.Grad = nil
	p.Lower, p.Upper = make([]float64, 6), make([]float64, 6)
	for i := range p.Lower {
		p.Lower[i], p.Upper[i] = -1, 0.8
	}
	a := minimize(t, p, make([]float64, 6), &optim.Settings{Workers: 1}, nil)
	b := minimize(t, p, make([]float64, 6), &optim.Settings{Workers: 4}, nil)
	if !slices.Equal(a.X, b.X) || !slices.Equal(a.Trace, b.Trace) || a.Status != b.Status {
		t.Errorf("workers 1: %v\nworkers 4: %v", a, b)
	}
}

// outer is a method that runs Local twice inside its own Task, as dual
// annealing does.
type outer struct {
	maxIter int
	status  []optim.Status
}

func (o *outer) Info() optim.Info {
	return optim.Info{Name: "outer", Iteration: "one local search", DefaultMaxIter: 10}
}

func (o *outer) Run(t *optim.Task) error {
	x := slices.Clone(t.X0)
	for range 2 {
		f := t.Eval(x)
		xb, fb, st := lbfgsb.Local(t, x, f, o.maxIter, 0)
		o.status = append(o.status, st)
		t.Iterate(optim.Iteration{X: xb, F: fb})
		x = xb
	}
	t.Finish(optim.Converged, "done")
	return nil
}

func TestLocal(t *testing.T) {
	p, _ := problems.Rosenbrock(4)
	p.Grad = nil
	x0 := rosenbrockStart(4)
	o := &outer{maxIter: 1000}
	r, err := optim.Minimize(context.Background(), p, x0, nil, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.NIt != 2 || o.status[0] != optim.Converged || r.F > 1e-8 || r.Status != optim.Converged {
		t.Errorf("%v, local statuses %v", r, o.status)
	}
	// The same search as lbfgsb alone, evaluation for evaluation.
	alone := minimize(t, p, x0, nil, nil)
	if !slices.Equal(alone.Trace, r.Trace[:alone.NFev]) {
		t.Error("Local and Run differ")
	}
	// The caller's budget: Local stops before it and returns its iterate.
	o = &outer{maxIter: 1000}
	r, _ = optim.Minimize(context.Background(), p, x0, &optim.Settings{MaxEval: 60}, o)
	if r.Status != optim.EvaluationLimit || r.NFev > 60 || len(o.status) != 1 || o.status[0] != optim.EvaluationLimit {
		t.Errorf("budget: %v, local statuses %v", r, o.status)
	}
	// Its own iteration limit.
	o = &outer{maxIter: 2}
	r, _ = optim.Minimize(context.Background(), p, x0, nil, o)
	if o.status[0] != optim.IterationLimit || r.NIt != 2 {
		t.Errorf("maxIter: %v, local statuses %v", r, o.status)
	}
}

func TestRegistered(t *testing.T) {
	m, err := optim.Lookup("lbfgsb")
	if err != nil {
		t.Fatal(err)
	}
	if info := m.Info(); !info.Gradient || info.DefaultMaxIter != 15000 || !info.AnswerIsIterate {
		t.Errorf("info %+v", info)
	}
	if _, ok := m.(optim.Flagger); !ok {
		t.Error("not a Flagger")
	}
}
