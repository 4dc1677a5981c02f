package anneal_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/optlab/optlab/pkg/problems"

	"github.com/optlab/optlab/pkg/anneal"
	"github.com/optlab/optlab/pkg/optim"
)

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
			o := anneal.DefaultOptions()
			o.MaxIter = tc.iters
			o.Seed = 7
			r, err := anneal.Minimize(p, nil, o)
			if err != nil {
				t.Fatal(err)
			}
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
	run := func(seed uint64) *optim.Result {
		o := anneal.DefaultOptions()
		o.MaxIter = 50
		o.Seed = seed
		r, err := anneal.Minimize(p, nil, o)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	a, b, c := run(3), run(3), run(4)
	if !slices.Equal(a.X, b.X) || a.F != b.F || a.NFev != b.NFev || !slices.Equal(a.Trace, b.Trace) {
		t.Errorf("same seed, different results:\n%v\n%v", a, b)
	}
	if slices.Equal(a.Trace, c.Trace) {
		t.Errorf("seeds 3 and 4 gave the same trace")
	}
}

func TestNoLocalSearchImproves(t *testing.T) {
	l, u := box(2, -5.12, 5.12)
	x0 := []float64{4.5, -3.7}
	p := optim.Problem{Func: rastrigin, Lower: l, Upper: u}
	o := anneal.DefaultOptions()
	o.NoLocalSearch = true
	o.MaxIter = 1000
	o.Seed = 1
	locals := 0
	o.Record = func(s anneal.Step) {
		if s.Kind == anneal.Local {
			locals++
		}
	}
	r, err := anneal.Minimize(p, x0, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("classic GSA on Rastrigin 2-D: f(x0)=%.3g → f=%.3g at %v, nfev=%d", rastrigin(x0), r.F, r.X, r.NFev)
	if locals != 0 {
		t.Errorf("%d local searches with NoLocalSearch", locals)
	}
	// 2n visits per iteration, plus the start point, no gradient.
	if r.NFev != 1+4*o.MaxIter {
		t.Errorf("NFev = %d, want %d", r.NFev, 1+4*o.MaxIter)
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
		o := anneal.DefaultOptions()
		o.NoLocalSearch = true
		o.MaxIter = tc.iters
		o.RestartTempRatio = tc.ratio
		restarts := -1 // the first Restart step is the start point
		o.Record = func(s anneal.Step) {
			if s.Kind == anneal.Restart {
				restarts++
			}
		}
		r, err := anneal.Minimize(p, nil, o)
		if err != nil {
			t.Fatal(err)
		}
		// A cycle runs the iterations i = 0..k−1 with T(i+1) ≥ T0·ratio.
		k := 0
		for anneal.Temperature(k+1, o.InitialTemp, o.Visit) >= o.InitialTemp*tc.ratio {
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

func TestRecordWalk(t *testing.T) {
	l, u := box(3, -2, 2)
	p := optim.Problem{Func: rosenbrock, Lower: l, Upper: u}
	o := anneal.DefaultOptions()
	o.MaxIter = 30
	o.Seed = 5
	var walk []anneal.Step
	o.Record = func(s anneal.Step) { walk = append(walk, s) }
	r, err := anneal.Minimize(p, nil, o)
	if err != nil {
		t.Fatal(err)
	}
	visits := 0
	cur := walk[0].X
	for k, s := range walk {
		for i, v := range s.X {
			if v < l[i] || v > u[i] {
				t.Fatalf("step %d outside the box: %v", k, s.X)
			}
		}
		if s.Kind == anneal.Visit {
			visits++
			if k > 0 && s.F < walk[k-1].BestF && !s.Accepted {
				t.Errorf("step %d: a new best point was rejected", k)
			}
			if s.Accepted != slices.Equal(s.Current, s.X) && s.Accepted {
				t.Errorf("step %d: accepted but current != X", k)
			}
			if !s.Accepted && !slices.Equal(s.Current, cur) {
				t.Errorf("step %d: rejected but the walk moved", k)
			}
		}
		cur = s.Current
		if s.BestF != rosenbrock(s.BestX) {
			t.Errorf("step %d: BestF %g != f(BestX) %g", k, s.BestF, rosenbrock(s.BestX))
		}
	}
	if visits != 2*3*o.MaxIter {
		t.Errorf("%d visits, want %d", visits, 2*3*o.MaxIter)
	}
	if last := walk[len(walk)-1]; last.BestF < r.F {
		t.Errorf("walk's best %g below the result %g", last.BestF, r.F)
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
	o := anneal.DefaultOptions()
	o.MaxIter = 100
	r, err := anneal.Minimize(optim.Problem{Func: f, Lower: l, Upper: u}, []float64{3, 3}, o)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Status.Success() || r.F > 1e-8 || !strings.Contains(r.Message, "non-finite") {
		t.Errorf("partly NaN objective: %v", r)
	}
	nan := func([]float64) float64 { return math.NaN() }
	r, err = anneal.Minimize(optim.Problem{Func: nan, Lower: l, Upper: u}, nil, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != optim.NonFinite || r.X != nil || !math.IsNaN(r.F) {
		t.Errorf("all-NaN objective: %v", r)
	}
	t.Log(r.Message)
}

func TestLimits(t *testing.T) {
	l, u := box(5, -5.12, 5.12)
	p := optim.Problem{Func: rastrigin, Lower: l, Upper: u}
	for _, maxEval := range []int{1, 7, 50, 333} {
		o := anneal.DefaultOptions()
		o.MaxEval = maxEval
		r, err := anneal.Minimize(p, nil, o)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != optim.EvaluationLimit || r.NFev > maxEval {
			t.Errorf("MaxEval %d: status %v, nfev %d", maxEval, r.Status, r.NFev)
		}
	}
	o := anneal.DefaultOptions()
	calls := 0
	o.Callback = func(it optim.Iteration) bool {
		calls++
		if it.Iter != calls || it.F != rastrigin(it.X) {
			t.Errorf("callback %d: %+v", calls, it)
		}
		return it.Iter == 4
	}
	r, err := anneal.Minimize(p, nil, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != optim.Stopped || r.NIt != 4 || calls != 4 {
		t.Errorf("callback stop: %v after %d calls", r, calls)
	}
}

func TestBadInput(t *testing.T) {
	l, u := box(2, -1, 1)
	good := optim.Problem{Func: sphere, Lower: l, Upper: u}
	with := func(mod func(p *optim.Problem, o *anneal.Options)) (optim.Problem, *anneal.Options) {
		p := good
		p.Lower, p.Upper = slices.Clone(l), slices.Clone(u)
		o := anneal.DefaultOptions()
		mod(&p, o)
		return p, o
	}
	for _, tc := range []struct {
		name string
		x0   []float64
		mod  func(p *optim.Problem, o *anneal.Options)
	}{
		{"no bounds", nil, func(p *optim.Problem, o *anneal.Options) { p.Lower, p.Upper = nil, nil; p.Dim = 2 }},
		{"infinite bound", nil, func(p *optim.Problem, o *anneal.Options) { p.Upper[1] = math.Inf(1) }},
		{"NaN bound", nil, func(p *optim.Problem, o *anneal.Options) { p.Lower[0] = math.NaN() }},
		{"lb > ub", nil, func(p *optim.Problem, o *anneal.Options) { p.Lower[0] = 2 }},
		{"zero width", nil, func(p *optim.Problem, o *anneal.Options) { p.Lower[0], p.Upper[0] = 0.5, 0.5 }},
		{"x0 outside", []float64{0, 1.5}, func(p *optim.Problem, o *anneal.Options) {}},
		{"x0 length", []float64{0, 0, 0}, func(p *optim.Problem, o *anneal.Options) {}},
		{"x0 NaN", []float64{0, math.NaN()}, func(p *optim.Problem, o *anneal.Options) {}},
		{"nil Func", nil, func(p *optim.Problem, o *anneal.Options) { p.Func = nil }},
		{"visit 1", nil, func(p *optim.Problem, o *anneal.Options) { o.Visit = 1 }},
		{"visit 3", nil, func(p *optim.Problem, o *anneal.Options) { o.Visit = 3 }},
		{"visit NaN", nil, func(p *optim.Problem, o *anneal.Options) { o.Visit = math.NaN() }},
		{"accept -4", nil, func(p *optim.Problem, o *anneal.Options) { o.Accept = -4 }},
		{"accept 0.5", nil, func(p *optim.Problem, o *anneal.Options) { o.Accept = 0.5 }},
		{"accept -1e4", nil, func(p *optim.Problem, o *anneal.Options) { o.Accept = -1e4 }},
		{"temp 0.01", nil, func(p *optim.Problem, o *anneal.Options) { o.InitialTemp = 0.01 }},
		{"temp 6e4", nil, func(p *optim.Problem, o *anneal.Options) { o.InitialTemp = 6e4 }},
		{"ratio 1", nil, func(p *optim.Problem, o *anneal.Options) { o.RestartTempRatio = 1 }},
		{"ratio -1", nil, func(p *optim.Problem, o *anneal.Options) { o.RestartTempRatio = -1 }},
		{"maxiter 0", nil, func(p *optim.Problem, o *anneal.Options) { o.MaxIter = 0 }},
		{"maxiter -3", nil, func(p *optim.Problem, o *anneal.Options) { o.MaxIter = -3 }},
		{"maxeval -1", nil, func(p *optim.Problem, o *anneal.Options) { o.MaxEval = -1 }},
		{"local memory", nil, func(p *optim.Problem, o *anneal.Options) { o.Local.Memory = -1 }},
	} {
		p, o := with(tc.mod)
		evals := 0
		if p.Func != nil {
			f := p.Func
			p.Func = func(x []float64) float64 { evals++; return f(x) }
		}
		r, err := anneal.Minimize(p, tc.x0, o)
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
	for _, mod := range []func(o *anneal.Options){
		func(o *anneal.Options) { o.Accept = -5 },
		func(o *anneal.Options) { o.Accept = -9999 },
		func(o *anneal.Options) { o.InitialTemp = 5e4 },
		func(o *anneal.Options) { o.Visit = 2.99 },
		func(o *anneal.Options) { o.Visit = 1.01 },
	} {
		o := anneal.DefaultOptions()
		o.MaxIter = 3
		mod(o)
		if _, err := anneal.Minimize(good, nil, o); err != nil {
			t.Errorf("valid options rejected: %v", err)
		}
	}
	if _, err := anneal.Minimize(good, nil, nil); err != nil {
		t.Errorf("nil options: %v", err)
	}
}

// TestAcceptanceStatistics checks the acceptance rule on a recorded walk:
// uphill visits are accepted with probability AcceptProbability(ΔE, T/t, qa)
// where t is the global iteration, so the number of accepted uphill visits
// is close to the sum of those probabilities, and none is accepted where the
// probability is zero.
func TestAcceptanceStatistics(t *testing.T) {
	l, u := box(3, -5.12, 5.12)
	p := optim.Problem{Func: rastrigin, Lower: l, Upper: u}
	o := anneal.DefaultOptions()
	o.NoLocalSearch = true
	o.MaxIter = 1000
	o.InitialTemp = 50
	o.Seed = 11
	var walk []anneal.Step
	o.Record = func(s anneal.Step) { walk = append(walk, s) }
	if _, err := anneal.Minimize(p, nil, o); err != nil {
		t.Fatal(err)
	}
	var expected, variance float64
	accepted, uphill := 0, 0
	for k := 1; k < len(walk); k++ {
		s := walk[k]
		dE := s.F - rastrigin(walk[k-1].Current)
		if s.Kind != anneal.Visit || dE <= 0 {
			continue
		}
		uphill++
		pr := anneal.AcceptProbability(dE, s.T/float64(s.Iter+1), o.Accept)
		expected += pr
		variance += pr * (1 - pr)
		if s.Accepted {
			accepted++
			if pr == 0 {
				t.Errorf("step %d: uphill move by %g accepted at T_qa = %g", k, dE, s.T/float64(s.Iter+1))
			}
		}
	}
	t.Logf("%d uphill visits, %d accepted, %.1f ± %.1f expected", uphill, accepted, expected, math.Sqrt(variance))
	if math.Abs(float64(accepted)-expected) > 4*math.Sqrt(variance)+1 || accepted < 20 {
		t.Errorf("%d uphill visits accepted, expected %.1f ± %.1f", accepted, expected, math.Sqrt(variance))
	}
}
