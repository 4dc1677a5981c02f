package pso

import (
	"math"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/optlab/optlab/pkg/problems"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/reference"
	"github.com/optlab/optlab/pkg/toynet"
)

// The test functions of package problems, by their short names.
var (
	sphere     = problems.SphereFunc
	rosenbrock = problems.RosenbrockFunc
	rastrigin  = problems.RastriginFunc
)

func box(n int, a, b float64) (lower, upper []float64) {
	lower, upper = make([]float64, n), make([]float64, n)
	for i := range lower {
		lower[i], upper[i] = a, b
	}
	return lower, upper
}

func maxDist(x []float64, v float64) float64 {
	var m float64
	for _, xi := range x {
		m = max(m, math.Abs(xi-v))
	}
	return m
}

// toyProblem is the toy network on the reference experiment's box.
func toyProblem() optim.Problem {
	s := reference.MustGet().Settings.PSO
	p := toynet.Reference().Problem()
	p.Lower, p.Upper = box(toynet.NumParams, s.LB, s.UB)
	return p
}

// constriction returns Clerc and Kennedy's constriction parameters (ω =
// 0.7298, φp = φg = 1.49618) without the early stops, for the harder tests.
func constriction(seed uint64, maxIter int) *Options {
	o := DefaultOptions()
	o.Seed, o.MaxIter = seed, maxIter
	o.Omega, o.PhiP, o.PhiG = 0.7298, 1.49618, 1.49618
	o.MinStep, o.MinFunc = 0, 0
	return o
}

// checkResult checks the invariants every run must satisfy.
func checkResult(t *testing.T, p optim.Problem, o *Options, r *optim.Result) {
	t.Helper()
	if r.NFev != o.SwarmSize*(1+r.NIt) {
		t.Errorf("NFev = %d, want SwarmSize·(1+NIt) = %d·(1+%d)", r.NFev, o.SwarmSize, r.NIt)
	}
	if len(r.Trace) != r.NFev {
		t.Errorf("len(Trace) = %d, NFev = %d", len(r.Trace), r.NFev)
	}
	for i := 1; i < len(r.Trace); i++ {
		if r.Trace[i] > r.Trace[i-1] {
			t.Fatalf("trace increases at %d: %g > %g", i, r.Trace[i], r.Trace[i-1])
		}
	}
	if r.Status.Success() {
		if got := p.Func(r.X); got != r.F {
			t.Errorf("f(X) = %g but F = %g", got, r.F)
		}
		if last := r.Trace[len(r.Trace)-1]; last != r.F {
			t.Errorf("last trace value %g != F %g", last, r.F)
		}
		if err := optim.CheckInBounds(r.X, p.Lower, p.Upper); err != nil {
			t.Errorf("X outside the box: %v", err)
		}
	}
}

// With pyswarm's defaults PSO finds the minimum of the easy landscapes, and
// of 2-D Rastrigin's many local minima, within 100 iterations (it stops
// earlier by the minfunc rule).
func TestDefaultsFindOptimum(t *testing.T) {
	for _, c := range []struct {
		name   string
		f      func([]float64) float64
		n      int
		lo, hi float64
		at     float64 // the minimizer is (at, ..., at)
	}{
		{"sphere-2", sphere, 2, -5, 5, 0},
		{"rastrigin-2", rastrigin, 2, -5.12, 5.12, 0},
	} {
		for seed := range uint64(5) {
			lo, hi := box(c.n, c.lo, c.hi)
			p := optim.Problem{Func: c.f, Lower: lo, Upper: hi}
			o := DefaultOptions()
			o.Seed = seed
			r, err := Minimize(p, nil, o)
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, p, o, r)
			if r.F > 1e-6 || maxDist(r.X, c.at) > 1e-3 {
				t.Errorf("%s seed %d: f = %g at %v, want the minimum 0 at %g", c.name, seed, r.F, r.X, c.at)
			}
		}
	}
}

// pyswarm's defaults (ω = φp = φg = 0.5) make a swarm that collapses fast:
// good for the toy network's budget, too fast for 10-D problems, where the
// swarm stagnates (10-D Rosenbrock: f ≈ 4–26 after 100 iterations and no
// better after 3000). Clerc's constriction parameters keep the swarm
// exploring; with them PSO converges on these problems given more
// iterations.
func TestConstrictionConverges(t *testing.T) {
	for _, c := range []struct {
		name    string
		f       func([]float64) float64
		n       int
		lo, hi  float64
		at      float64
		iters   int
		fTol    float64
		xTol    float64
		minGood int // of 5 seeds
	}{
		{"sphere-10", sphere, 10, -5, 5, 0, 300, 1e-12, 1e-5, 5},
		{"rosenbrock-2", rosenbrock, 2, -2, 2, 1, 300, 1e-10, 1e-4, 5},
		// One seed in five ends in the local minimum near (−1, 1, ..., 1)
		// of 10-D Rosenbrock (f ≈ 3.99): PSO is a heuristic.
		{"rosenbrock-10", rosenbrock, 10, -2, 2, 1, 3000, 0.05, 0.25, 4},
	} {
		good := 0
		for seed := range uint64(5) {
			lo, hi := box(c.n, c.lo, c.hi)
			p := optim.Problem{Func: c.f, Lower: lo, Upper: hi}
			o := constriction(seed, c.iters)
			r, err := Minimize(p, nil, o)
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, p, o, r)
			if r.NIt != c.iters || r.Status != optim.IterationLimit {
				t.Errorf("%s: NIt = %d status %v, want %d iterations", c.name, r.NIt, r.Status, c.iters)
			}
			if r.F <= c.fTol && maxDist(r.X, c.at) <= c.xTol {
				good++
			} else {
				t.Logf("%s seed %d: f = %g, max|x−x*| = %g", c.name, seed, r.F, maxDist(r.X, c.at))
			}
		}
		if good < c.minGood {
			t.Errorf("%s: %d of 5 seeds reached f ≤ %g, want at least %d", c.name, good, c.fTol, c.minGood)
		}
	}
}

func TestDeterministicAcrossWorkers(t *testing.T) {
	for _, p := range []optim.Problem{toyProblem(), {Func: rosenbrock, Lower: []float64{-2, -2, -2}, Upper: []float64{2, 2, 2}}} {
		var results []*optim.Result
		for _, w := range []int{1, 4} {
			o := DefaultOptions()
			o.Seed, o.Workers = 7, w
			r, err := Minimize(p, nil, o)
			if err != nil {
				t.Fatal(err)
			}
			results = append(results, r)
		}
		a, b := results[0], results[1]
		if !slices.Equal(a.X, b.X) || a.F != b.F || !slices.Equal(a.Trace, b.Trace) ||
			a.NFev != b.NFev || a.NIt != b.NIt || a.Status != b.Status || a.Message != b.Message {
			t.Errorf("Workers 1 and 4 differ:\n%v\n%v", a, b)
		}
		// The same seed again: the same result.
		o := DefaultOptions()
		o.Seed = 7
		c, _ := Minimize(p, nil, o)
		if !slices.Equal(a.X, c.X) || !slices.Equal(a.Trace, c.Trace) {
			t.Error("two runs with the same seed differ")
		}
	}
}

func TestSeedsDiffer(t *testing.T) {
	p := toyProblem()
	seen := map[float64]bool{}
	for seed := range uint64(4) {
		o := DefaultOptions()
		o.Seed = seed
		r, _ := Minimize(p, nil, o)
		if seen[r.F] {
			t.Errorf("seed %d repeats a final value %g", seed, r.F)
		}
		seen[r.F] = true
	}
}

// pyswarm evaluates the swarm once at the start and once per iteration.
func TestEvaluationCount(t *testing.T) {
	p := toyProblem()
	o := DefaultOptions()
	o.MinStep, o.MinFunc = 0, 0 // no early stop: the full budget
	calls := 0
	p.Func = func(x []float64) float64 { calls++; return toynet.Reference().Loss(x) }
	r, err := Minimize(p, nil, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.NFev != 10100 || calls != 10100 || r.NIt != 100 || len(r.Trace) != 10100 {
		t.Errorf("NFev = %d, calls = %d, NIt = %d, len(Trace) = %d; want 100 + 100·100 = 10100 and 100 iterations",
			r.NFev, calls, r.NIt, len(r.Trace))
	}
	if r.Status != optim.IterationLimit || r.Message != "Stopping search: maximum iterations reached --> 100" {
		t.Errorf("status %v %q", r.Status, r.Message)
	}
	// With the default early stops, whatever happens, NFev = S·(1+NIt).
	for seed := range uint64(21) {
		o := DefaultOptions()
		o.Seed = seed
		r, _ := Minimize(toyProblem(), nil, o)
		checkResult(t, toyProblem(), o, r)
	}
}

func TestEarlyStops(t *testing.T) {
	lo, hi := box(2, -5, 5)
	p := optim.Problem{Func: sphere, Lower: lo, Upper: hi}
	r, _ := Minimize(p, nil, nil)
	if r.Status != optim.Converged || r.Message != "Stopping search: Swarm best objective change less than 1e-08" {
		t.Errorf("sphere: %v", r)
	}
	if r.NIt >= 100 {
		t.Errorf("no early stop on the sphere: NIt = %d", r.NIt)
	}
	// Make the position test fire at the first improvement of the swarm's
	// best: a huge MinStep.
	o := DefaultOptions()
	o.MinStep = 100
	first := 0
	best := math.Inf(1)
	o.Observe = func(s *State) {
		if s.Iter > 0 && s.FG < best && first == 0 {
			first = s.Iter
		}
		best = s.FG
	}
	r, _ = Minimize(p, nil, o)
	if r.Status != optim.Converged || r.NIt != first || !strings.Contains(r.Message, "Swarm best position change less than 100") {
		t.Errorf("MinStep = 100: %v", r)
	}
}

func TestToyNetworkQuality(t *testing.T) {
	ref := reference.MustGet()
	s := ref.Settings.PSO
	var fs []float64
	for seed := range uint64(21) {
		o := DefaultOptions()
		o.Seed = seed
		// The reference settings are the defaults; say so explicitly.
		o.MaxIter, o.SwarmSize, o.Omega, o.PhiP, o.PhiG, o.MinStep, o.MinFunc =
			s.MaxIter, s.SwarmSize, s.Omega, s.PhiP, s.PhiG, s.MinStep, s.MinFunc
		r, err := Minimize(toyProblem(), nil, o)
		if err != nil {
			t.Fatal(err)
		}
		fs = append(fs, r.F)
	}
	sort.Float64s(fs)
	q := ref.ReferenceResults.Stochastic.PSO
	t.Logf("toy network, 21 seeds: q25 %.4f median %.4f q75 %.4f best %.4f (pyswarm: %.4f %.4f %.4f %.4f)",
		fs[5], fs[10], fs[15], fs[0], q.Q25, q.Median, q.Q75, q.Best)
	if fs[10] > q.Median {
		t.Errorf("median final loss %g > pyswarm's %g", fs[10], q.Median)
	}
	if fs[0] < ref.BestKnownLoss*(1-1e-9) {
		t.Errorf("best loss %g below the best known %g: suspicious", fs[0], ref.BestKnownLoss)
	}
}

// The constrained problem: min x² + y² subject to x + y ≥ 1. The
// unconstrained minimum (0, 0) is infeasible; the answer is (1/2, 1/2).
func TestConstraints(t *testing.T) {
	lo, hi := box(2, -2, 2)
	p := optim.Problem{Func: sphere, Lower: lo, Upper: hi}
	cons := func(x []float64) float64 { return x[0] + x[1] - 1 }
	for seed := range uint64(3) {
		o := DefaultOptions()
		o.Seed = seed
		o.Ieqcons = []func([]float64) float64{cons}
		o.Observe = func(s *State) {
			for i := range s.P {
				if !math.IsInf(s.FP[i], 1) && cons(s.P[i]) < 0 {
					t.Fatalf("iteration %d: personal best %d is infeasible: %v", s.Iter, i, s.P[i])
				}
			}
			if !math.IsInf(s.FG, 1) && cons(s.G) < 0 {
				t.Fatalf("iteration %d: swarm best is infeasible: %v", s.Iter, s.G)
			}
		}
		r, err := Minimize(p, nil, o)
		if err != nil {
			t.Fatal(err)
		}
		checkResult(t, p, o, r)
		if cons(r.X) < 0 || math.Abs(r.F-0.5) > 1e-4 || maxDist(r.X, 0.5) > 1e-2 {
			t.Errorf("seed %d: %v, want f = 0.5 at (0.5, 0.5), feasible", seed, r)
		}
		// The trace only counts feasible points: it never goes below 0.5.
		if r.Trace[len(r.Trace)-1] < 0.5 {
			t.Errorf("trace reached %g < 0.5: it counted infeasible points", r.Trace[len(r.Trace)-1])
		}
	}
	// Never feasible.
	o := DefaultOptions()
	o.Ieqcons = []func([]float64) float64{func([]float64) float64 { return -1 }}
	r, err := Minimize(p, nil, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != optim.Infeasible || !math.IsInf(r.F, 1) || r.Status.Success() {
		t.Errorf("never feasible: %v", r)
	}
}

func TestNonFinite(t *testing.T) {
	lo, hi := box(2, -5, 5)
	// NaN on half of the box, −Inf on a quarter: neither may become best.
	f := func(x []float64) float64 {
		switch {
		case x[0] < 0:
			return math.NaN()
		case x[1] < 0:
			return math.Inf(-1)
		}
		return sphere(x)
	}
	p := optim.Problem{Func: f, Lower: lo, Upper: hi}
	r, err := Minimize(p, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Status.Success() || !optim.IsFinite(r.F) || r.X[0] < 0 || r.X[1] < 0 {
		t.Errorf("got %v", r)
	}
	if !strings.Contains(r.Message, "NaN or ±Inf") {
		t.Errorf("message does not mention the non-finite values: %q", r.Message)
	}
	if r.F > 1e-6 {
		t.Errorf("F = %g, want ≈ 0 at the corner of the finite quarter", r.F)
	}

	p.Func = func([]float64) float64 { return math.NaN() }
	r, err = Minimize(p, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != optim.NonFinite || r.Status.Success() || r.NFev != 10100 {
		t.Errorf("all NaN: %v", r)
	}
}

func TestLimitsAndCallback(t *testing.T) {
	p := toyProblem()
	o := DefaultOptions()
	o.MaxEval = 550
	r, _ := Minimize(p, nil, o)
	if r.Status != optim.EvaluationLimit || r.NFev != 500 || r.NIt != 4 {
		t.Errorf("MaxEval 550: %v", r)
	}

	o = DefaultOptions()
	var seen []int
	o.Callback = func(it optim.Iteration) bool {
		seen = append(seen, it.Iter)
		if it.NFev != 100*(1+it.Iter) || p.Func(it.X) != it.F {
			t.Errorf("callback sees %+v", it)
		}
		return it.Iter == 3
	}
	r, _ = Minimize(p, nil, o)
	if r.Status != optim.Stopped || r.NIt != 3 || r.NFev != 400 || !slices.Equal(seen, []int{1, 2, 3}) {
		t.Errorf("callback stop: %v, seen %v", r, seen)
	}
}

// The Observe hook sees pyswarm's initialization and the clipping.
func TestObserveAndRecorder(t *testing.T) {
	lo, hi := []float64{-1, 0}, []float64{3, 0.5}
	p := optim.Problem{Func: rastrigin, Lower: lo, Upper: hi}
	rec := &Recorder{}
	o := DefaultOptions()
	o.SwarmSize, o.MaxIter = 30, 20
	o.MinStep, o.MinFunc = 0, 0
	o.Observe = func(s *State) {
		if s.Iter == 0 {
			for _, v := range s.V {
				for d := range v {
					if span := hi[d] - lo[d]; math.Abs(v[d]) > span {
						t.Errorf("initial velocity %g outside ±%g", v[d], span)
					}
				}
			}
		}
		for _, x := range s.X {
			if err := optim.CheckInBounds(x, lo, hi); err != nil {
				t.Errorf("iteration %d: %v", s.Iter, err)
			}
		}
		rec.Observe(s)
	}
	r, err := Minimize(p, nil, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Frames) != r.NIt+1 || rec.Frames[0].Iter != 0 || len(rec.Frames[5].X) != 30 {
		t.Fatalf("%d frames for %d iterations", len(rec.Frames), r.NIt)
	}
	for k := 1; k < len(rec.Frames); k++ {
		if rec.Frames[k].FG > rec.Frames[k-1].FG {
			t.Errorf("swarm best got worse at frame %d", k)
		}
		if slices.Equal(rec.Frames[k].X[0], rec.Frames[0].X[0]) {
			t.Errorf("frame %d shares or repeats frame 0's positions", k)
		}
	}
	if last := rec.Frames[len(rec.Frames)-1]; last.FG != r.F || !slices.Equal(last.G, r.X) {
		t.Errorf("last frame %v %g, result %v %g", last.G, last.FG, r.X, r.F)
	}
}

func TestBadInput(t *testing.T) {
	lo, hi := box(2, -1, 1)
	good := optim.Problem{Func: sphere, Lower: lo, Upper: hi}
	calls := 0
	counting := func(x []float64) float64 { calls++; return sphere(x) }
	for _, c := range []struct {
		name string
		p    optim.Problem
		x0   []float64
		edit func(o *Options)
		want string
	}{
		{"no bounds", optim.Problem{Func: sphere, Dim: 2}, nil, nil, "bounds are required"},
		{"nil func", optim.Problem{Lower: lo, Upper: hi}, nil, nil, "Func is nil"},
		{"infinite bound", optim.Problem{Func: sphere, Lower: []float64{-1, math.Inf(-1)}, Upper: hi}, nil, nil, "finite"},
		{"lower > upper", optim.Problem{Func: sphere, Lower: []float64{2, -1}, Upper: hi}, nil, nil, "lower bound"},
		{"zero width", optim.Problem{Func: sphere, Lower: []float64{1, -1}, Upper: hi}, nil, nil, "zero-width"},
		{"NaN bound", optim.Problem{Func: sphere, Lower: []float64{math.NaN(), -1}, Upper: hi}, nil, nil, "NaN"},
		{"x0 length", good, []float64{0}, nil, "dimension"},
		{"x0 outside", good, []float64{0, 3}, nil, "outside"},
		{"swarm of 1", good, nil, func(o *Options) { o.SwarmSize = 1 }, "SwarmSize"},
		{"maxiter 0", good, nil, func(o *Options) { o.MaxIter = 0 }, "MaxIter"},
		{"negative omega", good, nil, func(o *Options) { o.Omega = -0.1 }, "Omega"},
		{"negative phip", good, nil, func(o *Options) { o.PhiP = -1 }, "PhiP"},
		{"NaN phig", good, nil, func(o *Options) { o.PhiG = math.NaN() }, "PhiG"},
		{"negative minstep", good, nil, func(o *Options) { o.MinStep = -1 }, "MinStep"},
		{"tiny MaxEval", good, nil, func(o *Options) { o.MaxEval = 50 }, "MaxEval"},
		{"nil constraint", good, nil, func(o *Options) { o.Ieqcons = []func([]float64) float64{nil} }, "Ieqcons[0]"},
	} {
		o := DefaultOptions()
		if c.edit != nil {
			c.edit(o)
		}
		if c.p.Func != nil {
			c.p.Func = counting
		}
		r, err := Minimize(c.p, c.x0, o)
		if err == nil || r != nil {
			t.Errorf("%s: no error (result %v)", c.name, r)
			continue
		}
		if !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "pso: ") {
			t.Errorf("%s: error %q does not mention %q", c.name, err, c.want)
		}
	}
	if calls != 0 {
		t.Errorf("the objective was called %d times for bad input", calls)
	}
}
