package anneal_test

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/optlab/optlab/pkg/problems"

	"github.com/optlab/optlab/pkg/anneal"
	"github.com/optlab/optlab/pkg/optim"
)

// run minimizes with optim.Minimize and checks the invariants of every
// result: X inside the box, F = f(X), the trace.
func run(t testing.TB, p optim.Problem, x0 []float64, s *optim.Settings, m *anneal.Method) *optim.Result {
	t.Helper()
	if m == nil {
		m = &anneal.Method{}
	}
	r, err := optim.Minimize(context.Background(), p, x0, s, m)
	if err != nil {
		t.Fatal(err)
	}
	if r.X != nil {
		if err := optim.CheckInBounds("X", r.X, p.Lower, p.Upper); err != nil {
			t.Fatal(err)
		}
		if f := p.Func(r.X); f != r.F {
			t.Fatalf("F = %g but f(X) = %g", r.F, f)
		}
	}
	return r
}

// The test functions of package problems, by their short names.
var (
	sphere     = problems.SphereFunc
	rosenbrock = problems.RosenbrockFunc
	rastrigin  = problems.RastriginFunc
)

func rosenbrockGrad(g, x []float64) {
	for i := range g {
		g[i] = 0
	}
	for i := 0; i+1 < len(x); i++ {
		b := x[i+1] - x[i]*x[i]
		g[i] += -2*(1-x[i]) - 400*x[i]*b
		g[i+1] += 200 * b
	}
}

func box(n int, lo, hi float64) ([]float64, []float64) {
	l, u := make([]float64, n), make([]float64, n)
	for i := range l {
		l[i], u[i] = lo, hi
	}
	return l, u
}

func TestKnownOptima(t *testing.T) {
	for _, tc := range []struct {
		name   string
		f      func([]float64) float64
		grad   func(g, x []float64)
		n      int
		lo, hi float64
		xstar  float64 // every coordinate of the minimizer
		iters  int
		tolX   float64
	}{
		{"sphere2", sphere, nil, 2, -5.12, 5.12, 0, 100, 1e-4},
		{"sphere10", sphere, nil, 10, -5.12, 5.12, 0, 100, 1e-4},
		{"rosenbrock2", rosenbrock, nil, 2, -5, 10, 1, 200, 1e-3},
		{"rosenbrock10", rosenbrock, rosenbrockGrad, 10, -5, 10, 1, 300, 1e-3},
		{"rosenbrock10-fd", rosenbrock, nil, 10, -5, 10, 1, 300, 1e-3},
		{"rastrigin2", rastrigin, nil, 2, -5.12, 5.12, 0, 200, 1e-4},
		{"rastrigin10", rastrigin, nil, 10, -5.12, 5.12, 0, 1000, 1e-4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, u := box(tc.n, tc.lo, tc.hi)
			p := optim.Problem{Func: tc.f, Grad: tc.grad, Lower: l, Upper: u}
			r := run(t, p, nil, &optim.Settings{MaxIter: tc.iters, Seed: 7}, nil)
			t.Logf("%s: f=%.3g nfev=%d ngev=%d nit=%d %s", tc.name, r.F, r.NFev, r.NGev, r.NIt, r.Message)
			if r.Status != optim.IterationLimit || r.NIt != tc.iters {
				t.Errorf("status %v after %d iterations, want iteration limit after %d", r.Status, r.NIt, tc.iters)
			}
			for i, v := range r.X {
				if math.Abs(v-tc.xstar) > tc.tolX {
					t.Errorf("x[%d] = %g, want %g", i, v, tc.xstar)
				}
			}
			if r.F > 1e-6 {
				t.Errorf("f = %g, want ≈ 0", r.F)
			}
			if r.F != tc.f(r.X) {
				t.Errorf("F = %g but f(X) = %g", r.F, tc.f(r.X))
			}
			checkTrace(t, r)
			if (tc.grad != nil) != (r.NGev > 0) {
				t.Errorf("NGev = %d with analytic gradient %v", r.NGev, tc.grad != nil)
			}
		})
	}
}

// checkTrace checks the invariants of Result.Trace.
func checkTrace(t *testing.T, r *optim.Result) {
	t.Helper()
	if len(r.Trace) != r.NFev {
		t.Fatalf("len(Trace) = %d, NFev = %d", len(r.Trace), r.NFev)
	}
	for i := 1; i < len(r.Trace); i++ {
		if r.Trace[i] > r.Trace[i-1] {
			t.Fatalf("trace increases at %d", i)
		}
	}
	if r.Trace[len(r.Trace)-1] != r.F {
		t.Errorf("last trace value %g != F %g", r.Trace[len(r.Trace)-1], r.F)
	}
}

func TestDeterminism(t *testing.T) {
	l, u := box(4, -5.12, 5.12)
	p := optim.Problem{Func: rastrigin, Lower: l, Upper: u}
	do := func(seed uint64, workers int) *optim.Result {
		return run(t, p, nil, &optim.Settings{MaxIter: 50, Seed: seed, Workers: workers}, nil)
	}
	a, b, c := do(3, 1), do(3, 4), do(4, 1)
	if !slices.Equal(a.X, b.X) || a.F != b.F || a.NFev != b.NFev || a.NIt != b.NIt || !slices.Equal(a.Trace, b.Trace) || a.Message != b.Message {
		t.Errorf("same seed, workers 1 and 4, different results:\n%v\n%v", a, b)
	}
	if slices.Equal(a.Trace, c.Trace) {
		t.Errorf("seeds 3 and 4 gave the same trace")
	}
}

func TestNoLocalSearchImproves(t *testing.T) {
	l, u := box(2, -5.12, 5.12)
	x0 := []float64{4.5, -3.7}
	p := optim.Problem{Func: rastrigin, Lower: l, Upper: u}
	const maxIter = 1000
	r := run(t, p, x0, &optim.Settings{MaxIter: maxIter, Seed: 1, Record: true}, &anneal.Method{NoLocalSearch: true})
	locals := 0
	for _, it := range r.Path {
		locals += len(it.Detail.(anneal.Chain).Local)
	}
	t.Logf("classic GSA on Rastrigin 2-D: f(x0)=%.3g → f=%.3g at %v, nfev=%d", rastrigin(x0), r.F, r.X, r.NFev)
	if locals != 0 {
		t.Errorf("%d local searches with NoLocalSearch", locals)
	}
	// 2n visits per iteration, plus the start point, no gradient.
	if r.NFev != 1+4*maxIter || r.NGev != 0 {
		t.Errorf("NFev = %d, NGev = %d, want %d, 0", r.NFev, r.NGev, 1+4*maxIter)
	}
	if r.Trace[0] != rastrigin(x0) {
		t.Errorf("first evaluation %g is not f(x0) = %g", r.Trace[0], rastrigin(x0))
	}
	// The global minimum's basin (|x_i| < 0.5) has f < 0.5·... well below
	// the nearest local minima (f ≥ 0.99).
	if r.F > 0.5 || rastrigin(x0)-r.F < 30 {
		t.Errorf("no real improvement: f = %g", r.F)
	}
}

func TestTemperature(t *testing.T) {
	for _, qv := range []float64{1.5, 2, 2.62, 2.9} {
		if got := anneal.Temperature(1, 5230, qv); math.Abs(got-5230) > 1e-9*5230 {
			t.Errorf("qv=%v: T(1) = %v, want T0", qv, got)
		}
		prev := math.Inf(1)
		for tt := 1; tt < 10000; tt++ {
			v := anneal.Temperature(tt, 5230, qv)
			if !(v < prev) || v <= 0 {
				t.Fatalf("qv=%v: T(%d) = %v not below T(%d) = %v", qv, tt, v, tt-1, prev)
			}
			prev = v
		}
	}
	// qv = 2 is fast annealing: T(t) = T0/t.
	for _, tt := range []int{1, 2, 7, 1000} {
		if got, want := anneal.Temperature(tt, 3, 2), 3/float64(tt); math.Abs(got-want) > 1e-12*want {
			t.Errorf("qv=2: T(%d) = %v, want %v", tt, got, want)
		}
	}
}

func TestAcceptProbability(t *testing.T) {
	if p := anneal.AcceptProbability(-1, 1, -5); p != 1 {
		t.Errorf("downhill p = %v", p)
	}
	// qa close to 1 approaches Metropolis.
	if p, want := anneal.AcceptProbability(0.7, 2, 1-1e-9), math.Exp(-0.35); math.Abs(p-want) > 1e-6 {
		t.Errorf("qa→1: p = %v, want %v", p, want)
	}
	// Cut-off at dE = T/(1−qa).
	if p := anneal.AcceptProbability(1.0/6+1e-12, 1, -5); p != 0 {
		t.Errorf("beyond cut-off p = %v", p)
	}
	prev := 1.0
	for dE := 0.001; dE < 0.2; dE += 0.001 {
		p := anneal.AcceptProbability(dE, 1, -5)
		if p > prev || p < 0 {
			t.Fatalf("p(%v) = %v not in [0, p(prev) = %v]", dE, p, prev)
		}
		prev = p
	}
	// Direct formula.
	if p, want := anneal.AcceptProbability(0.1, 1, -5), math.Pow(1-6*0.1, 1.0/6); math.Abs(p-want) > 1e-15 {
		t.Errorf("p = %v, want %v", p, want)
	}
}

func TestReannealing(t *testing.T) {
	l, u := box(2, -5.12, 5.12)
	p := optim.Problem{Func: rastrigin, Lower: l, Upper: u}
	for _, tc := range []struct {
		ratio float64
		iters int
	}{{0.01, 200}, {2e-5, 3000}} {
		m := &anneal.Method{NoLocalSearch: true, RestartTempRatio: tc.ratio}
		r := run(t, p, nil, &optim.Settings{MaxIter: tc.iters, Record: true}, m)
		restarts := -1 // the first chain starts the first cycle
		for _, it := range r.Path {
			if c := it.Detail.(anneal.Chain); c.Restart {
				restarts++
				if c.Time != 1 || c.Temp != anneal.DefaultInitialTemp || c.Cycle != restarts {
					t.Errorf("restart chain %+v", c)
				}
			}
		}
		if d, _ := optim.DetailOf[*anneal.Detail](r); d == nil || d.Restarts != restarts {
			t.Errorf("Detail %+v, %d restarts", d, restarts)
		}
		// A cycle runs the iterations i = 0..k−1 with T(i+1) ≥ T0·ratio.
		k := 0
		for anneal.Temperature(k+1, anneal.DefaultInitialTemp, anneal.DefaultVisit) >= anneal.DefaultInitialTemp*tc.ratio {
			k++
		}
		want := (tc.iters - 1) / k
		t.Logf("ratio %g: cycle of %d iterations, %d restarts in %d iterations; %s", tc.ratio, k, restarts, tc.iters, r.Message)
		if restarts != want || want == 0 {
			t.Errorf("ratio %g: %d restarts, want %d", tc.ratio, restarts, want)
		}
		if !strings.Contains(r.Message, "re-annealing") {
			t.Errorf("message %q does not mention re-annealing", r.Message)
		}
		if r.NFev != 1+restarts+4*tc.iters {
			t.Errorf("NFev = %d, want %d", r.NFev, 1+restarts+4*tc.iters)
		}
	}
}

// TestRecordWalk replays the recorded chains from Iteration.Pop, PopF and
// the Chain detail, and checks that the replay ends where each iteration
// says the walk is.
func TestRecordWalk(t *testing.T) {
	l, u := box(3, -2, 2)
	p := optim.Problem{Func: rosenbrock, Lower: l, Upper: u}
	const maxIter = 30
	r := run(t, p, nil, &optim.Settings{MaxIter: maxIter, Seed: 5, Record: true}, nil)
	if len(r.Path) != maxIter || r.NIt != maxIter || r.Status != optim.IterationLimit {
		t.Fatalf("%d iterations recorded: %v", len(r.Path), r)
	}
	visits, locals := 0, 0
	for k, it := range r.Path {
		c := it.Detail.(anneal.Chain)
		if len(it.Pop) != 6 || len(it.PopF) != 6 || len(c.Accepted) != 6 {
			t.Fatalf("iteration %d: %d visits", k, len(it.Pop))
		}
		cur, fcur := c.Start, c.StartF
		for j, x := range it.Pop {
			visits++
			for i, v := range x {
				if v < l[i] || v > u[i] {
					t.Fatalf("visit outside the box: %v", x)
				}
			}
			changed := 0
			for i := range x {
				if x[i] != cur[i] {
					changed++
				}
			}
			if j >= 3 && changed > 1 {
				t.Errorf("iteration %d visit %d moves %d coordinates", k, j, changed)
			}
			if it.PopF[j] < fcur && !c.Accepted[j] {
				t.Errorf("iteration %d visit %d: a downhill move was rejected", k, j)
			}
			if c.Accepted[j] {
				cur, fcur = x, it.PopF[j]
			}
		}
		for _, ls := range c.Local {
			locals++
			if ls.Improved {
				cur, fcur = ls.To, ls.F
			}
			if ls.F != rosenbrock(ls.To) || ls.FromF != rosenbrock(ls.From) {
				t.Errorf("iteration %d: local search values %+v", k, ls)
			}
		}
		if !slices.Equal(cur, it.X) || fcur != it.F || it.F != rosenbrock(it.X) {
			t.Errorf("iteration %d: replayed walk at %v (%g), recorded %v (%g)", k, cur, fcur, it.X, it.F)
		}
		if it.BestF != rosenbrock(it.BestX) || it.BestF > it.F {
			t.Errorf("iteration %d: BestF %g, f(BestX) %g, F %g", k, it.BestF, rosenbrock(it.BestX), it.F)
		}
		if k > 0 && (it.Detail.(anneal.Chain).Start == nil || !slices.Equal(c.Start, r.Path[k-1].X) && !c.Restart) {
			t.Errorf("iteration %d starts at %v, the last one ended at %v", k, c.Start, r.Path[k-1].X)
		}
	}
	if visits != 2*3*maxIter || locals == 0 {
		t.Errorf("%d visits, %d local searches", visits, locals)
	}
	if d, _ := optim.DetailOf[*anneal.Detail](r); d.LocalSearches != locals {
		t.Errorf("Detail %+v, %d local searches recorded", d, locals)
	}
}

func TestNonFinite(t *testing.T) {
	l, u := box(2, -5, 5)
	// NaN on half of the box, +Inf on a strip, -Inf in a corner.
	f := func(x []float64) float64 {
		switch {
		case x[0] > 2:
			return math.NaN()
		case x[1] > 4:
			return math.Inf(1)
		case x[0] < -4 && x[1] < -4:
			return math.Inf(-1)
		}
		return sphere(x)
	}
	r := run(t, optim.Problem{Func: f, Lower: l, Upper: u}, []float64{3, 3}, &optim.Settings{MaxIter: 100}, nil)
	if r.Status != optim.IterationLimit || r.F > 1e-8 || !strings.Contains(r.Message, "non-finite") {
		t.Errorf("partly NaN objective: %v", r)
	}
	nan := func([]float64) float64 { return math.NaN() }
	r = run(t, optim.Problem{Func: nan, Lower: l, Upper: u}, nil, &optim.Settings{MaxIter: 100}, nil)
	if r.Status != optim.NonFinite || r.X != nil || !math.IsNaN(r.F) || r.NFev != 1001 {
		t.Errorf("all-NaN objective: %v", r)
	}
	t.Log(r.Message)
}

func TestLimits(t *testing.T) {
	l, u := box(5, -5.12, 5.12)
	p := optim.Problem{Func: rastrigin, Lower: l, Upper: u}
	for _, maxEval := range []int{1, 7, 50, 333} {
		r := run(t, p, nil, &optim.Settings{MaxEval: maxEval}, nil)
		if r.Status != optim.EvaluationLimit || r.NFev > maxEval || r.Err() == nil {
			t.Errorf("MaxEval %d: status %v, nfev %d", maxEval, r.Status, r.NFev)
		}
	}
	calls := 0
	cb := func(it optim.Iteration) bool {
		calls++
		if it.Iter != calls || it.F != rastrigin(it.X) {
			t.Errorf("callback %d: %+v", calls, it)
		}
		return it.Iter == 4
	}
	r := run(t, p, nil, &optim.Settings{Callback: cb}, nil)
	if r.Status != optim.Stopped || r.NIt != 4 || calls != 4 {
		t.Errorf("callback stop: %v after %d calls", r, calls)
	}
}

func TestCancellation(t *testing.T) {
	l, u := box(5, -5.12, 5.12)
	p := optim.Problem{Func: rastrigin, Lower: l, Upper: u}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r, err := optim.Minimize(ctx, p, nil, nil, &anneal.Method{})
	if err != nil || r.Status != optim.Cancelled || r.NFev != 0 {
		t.Errorf("cancelled before: %v %v", r, err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	r, err = optim.Minimize(ctx, p, nil, &optim.Settings{MaxIter: 1 << 30}, &anneal.Method{})
	if err != nil || r.Status != optim.Cancelled || time.Since(start) > time.Second {
		t.Errorf("cancelled during: %v %v after %v", r, err, time.Since(start))
	}
}

// A box narrower than scipy's 1e-10 nudge: every visit and the answer stay
// inside it (the Task reports a bug status for any point outside).
func TestNarrowBox(t *testing.T) {
	for _, width := range []float64{1e-12, 1e-15} {
		l := []float64{1, -2, 0}
		u := []float64{1 + width, -2 + width, 1}
		p := optim.Problem{Func: sphere, Lower: l, Upper: u}
		r := run(t, p, nil, &optim.Settings{MaxIter: 50, Seed: 2, Record: true}, nil)
		if r.Status != optim.IterationLimit {
			t.Errorf("width %g: %v", width, r)
		}
		for _, it := range r.Path {
			for _, x := range it.Pop {
				if err := optim.CheckInBounds("visit", x, l, u); err != nil {
					t.Fatalf("width %g: %v", width, err)
				}
			}
		}
		if math.Abs(r.X[2]) > 1e-6 {
			t.Errorf("width %g: X = %v", width, r.X)
		}
	}
}

func TestBadInput(t *testing.T) {
	l, u := box(2, -1, 1)
	good := optim.Problem{Func: sphere, Lower: l, Upper: u}
	for _, tc := range []struct {
		name string
		x0   []float64
		mod  func(p *optim.Problem, s *optim.Settings, m *anneal.Method)
	}{
		{"no bounds", nil, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) { p.Lower, p.Upper = nil, nil; p.Dim = 2 }},
		{"infinite bound", nil, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) { p.Upper[1] = math.Inf(1) }},
		{"±1e308", nil, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) { p.Lower[0], p.Upper[0] = -1e308, 1e308 }},
		{"NaN bound", nil, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) { p.Lower[0] = math.NaN() }},
		{"lb > ub", nil, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) { p.Lower[0] = 2 }},
		{"zero width", nil, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) { p.Lower[0], p.Upper[0] = 0.5, 0.5 }},
		{"x0 outside", []float64{0, 1.5}, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) {}},
		{"x0 length", []float64{0, 0, 0}, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) {}},
		{"x0 NaN", []float64{0, math.NaN()}, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) {}},
		{"nil Func", nil, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) { p.Func = nil }},
		{"visit 1", nil, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) { m.Visit = 1 }},
		{"visit 3", nil, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) { m.Visit = 3 }},
		{"visit NaN", nil, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) { m.Visit = math.NaN() }},
		{"accept -4", nil, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) { m.Accept = -4 }},
		{"accept 0.5", nil, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) { m.Accept = 0.5 }},
		{"accept -1e4", nil, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) { m.Accept = -1e4 }},
		{"temp 0.01", nil, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) { m.InitialTemp = 0.01 }},
		{"temp 6e4", nil, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) { m.InitialTemp = 6e4 }},
		{"ratio 1", nil, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) { m.RestartTempRatio = 1 }},
		{"ratio -1", nil, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) { m.RestartTempRatio = -1 }},
		{"maxiter -3", nil, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) { s.MaxIter = -3 }},
		{"maxeval -1", nil, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) { s.MaxEval = -1 }},
		{"local memory", nil, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) { m.LocalMemory = -1 }},
		{"local maxiter", nil, func(p *optim.Problem, s *optim.Settings, m *anneal.Method) { m.LocalMaxIter = -1 }},
	} {
		p := good
		p.Lower, p.Upper = slices.Clone(l), slices.Clone(u)
		var s optim.Settings
		m := &anneal.Method{}
		tc.mod(&p, &s, m)
		evals := 0
		if p.Func != nil {
			f := p.Func
			p.Func = func(x []float64) float64 { evals++; return f(x) }
		}
		r, err := optim.Minimize(context.Background(), p, tc.x0, &s, m)
		if err == nil {
			t.Errorf("%s: no error (result %v)", tc.name, r)
			continue
		}
		if evals != 0 {
			t.Errorf("%s: %d evaluations before the error", tc.name, evals)
		}
		t.Logf("%s: %v", tc.name, err)
	}
	// The boundaries of the documented ranges are valid.
	for _, m := range []*anneal.Method{{Accept: -5}, {Accept: -9999}, {InitialTemp: 5e4}, {Visit: 2.99}, {Visit: 1.01}} {
		if _, err := optim.Minimize(context.Background(), good, nil, &optim.Settings{MaxIter: 3}, m); err != nil {
			t.Errorf("valid parameters rejected: %v", err)
		}
	}
}

func TestRegistered(t *testing.T) {
	m, err := optim.Lookup("anneal")
	if err != nil {
		t.Fatal(err)
	}
	info := m.Info()
	if !info.NeedsBounds || !info.Stochastic || info.DefaultMaxIter != 1000 || !info.Gradient {
		t.Errorf("info %+v", info)
	}
	if _, ok := m.(optim.Flagger); !ok {
		t.Error("not a Flagger")
	}
}

// TestAcceptanceStatistics checks the acceptance rule on a recorded walk:
// uphill visits are accepted with probability AcceptProbability(ΔE, T/t, qa)
// where t is the time in the cycle, so the number of accepted uphill visits
// is close to the sum of those probabilities, and none is accepted where the
// probability is zero.
func TestAcceptanceStatistics(t *testing.T) {
	l, u := box(3, -5.12, 5.12)
	p := optim.Problem{Func: rastrigin, Lower: l, Upper: u}
	r := run(t, p, nil, &optim.Settings{MaxIter: 1000, Seed: 11, Record: true}, &anneal.Method{NoLocalSearch: true, InitialTemp: 50})
	var expected, variance float64
	accepted, uphill := 0, 0
	for k, it := range r.Path {
		c := it.Detail.(anneal.Chain)
		if c.TempQA != c.Temp/float64(c.Time) {
			t.Fatalf("iteration %d: T_qa %g, T/t %g", k, c.TempQA, c.Temp/float64(c.Time))
		}
		fcur := c.StartF
		for j, f := range it.PopF {
			dE := f - fcur
			if c.Accepted[j] {
				fcur = f
			}
			if dE <= 0 {
				continue
			}
			uphill++
			pr := anneal.AcceptProbability(dE, c.TempQA, anneal.DefaultAccept)
			expected += pr
			variance += pr * (1 - pr)
			if c.Accepted[j] {
				accepted++
				if pr == 0 {
					t.Errorf("iteration %d visit %d: uphill move by %g accepted at T_qa = %g", k, j, dE, c.TempQA)
				}
			}
		}
	}
	t.Logf("%d uphill visits, %d accepted, %.1f ± %.1f expected", uphill, accepted, expected, math.Sqrt(variance))
	if math.Abs(float64(accepted)-expected) > 4*math.Sqrt(variance)+1 || accepted < 20 {
		t.Errorf("%d uphill visits accepted, expected %.1f ± %.1f", accepted, expected, math.Sqrt(variance))
	}
}
