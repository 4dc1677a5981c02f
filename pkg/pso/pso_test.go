package pso

import (
	"context"
	"flag"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
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

// run is optim.Minimize without a start point (PSO takes none).
func run(p optim.Problem, s *optim.Settings, m *Method) (*optim.Result, error) {
	if m == nil {
		m = &Method{}
	}
	return optim.Minimize(context.Background(), p, nil, s, m)
}

// mustRun is run for input that must be accepted.
func mustRun(t testing.TB, p optim.Problem, s *optim.Settings, m *Method) *optim.Result {
	t.Helper()
	r, err := run(p, s, m)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// toyProblem is the toy network on the reference experiment's box.
func toyProblem() optim.Problem {
	s := reference.MustGet().Settings.PSO
	p := toynet.Reference().Problem()
	p.Lower, p.Upper = box(toynet.NumParams, s.LB, s.UB)
	return p
}

// constriction is Clerc and Kennedy's constriction parameters (ω = 0.7298,
// φp = φg = 1.49618) without the early stops, for the harder tests.
func constriction() *Method {
	return &Method{Omega: 0.7298, PhiP: 1.49618, PhiG: 1.49618, NoEarlyStop: true}
}

// checkResult checks the invariants every run must satisfy.
func checkResult(t *testing.T, p optim.Problem, S int, r *optim.Result) {
	t.Helper()
	if r.Status != optim.EvaluationLimit && r.NFev != S*(1+r.NIt) {
		t.Errorf("NFev = %d, want SwarmSize·(1+NIt) = %d·(1+%d)", r.NFev, S, r.NIt)
	}
	if len(r.Trace) != r.NFev {
		t.Errorf("len(Trace) = %d, NFev = %d", len(r.Trace), r.NFev)
	}
	for i := 1; i < len(r.Trace); i++ {
		if r.Trace[i] > r.Trace[i-1] {
			t.Fatalf("trace increases at %d: %g > %g", i, r.Trace[i], r.Trace[i-1])
		}
	}
	if r.X != nil {
		if err := optim.CheckInBounds("X", r.X, p.Lower, p.Upper); err != nil {
			t.Errorf("X outside the box: %v", err)
		}
	}
	if r.Status.Success() {
		if got := p.Func(r.X); got != r.F {
			t.Errorf("f(X) = %g but F = %g", got, r.F)
		}
		if last := r.Trace[len(r.Trace)-1]; len(p.Constraints) == 0 && last != r.F {
			t.Errorf("last trace value %g != F %g", last, r.F)
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
			r := mustRun(t, p, &optim.Settings{Seed: seed}, nil)
			checkResult(t, p, DefaultSwarmSize, r)
			if r.Status != optim.Converged || r.F > 1e-6 || maxDist(r.X, c.at) > 1e-3 {
				t.Errorf("%s seed %d: %v, want the minimum 0 at %g", c.name, seed, r, c.at)
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
			r := mustRun(t, p, &optim.Settings{Seed: seed, MaxIter: c.iters}, constriction())
			checkResult(t, p, DefaultSwarmSize, r)
			if r.NIt != c.iters || r.Status != optim.IterationLimit || r.Status.Success() {
				t.Errorf("%s: NIt = %d status %v, want %d iterations and IterationLimit", c.name, r.NIt, r.Status, c.iters)
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

// The port onto optim's vocabulary draws the same random numbers in the
// same order and does the same arithmetic as the implementation before it:
// these are its results, to the last bit.
func TestSameAsBeforePort(t *testing.T) {
	toy := []struct {
		f          float64
		nfev, nit  int
		stopsEarly bool
	}{
		{1.2802677194849719, 10100, 100, false},
		{1.089184886074021, 10100, 100, false},
		{1.7357997637612703, 10100, 100, false},
		{1.2349181565232152, 10100, 100, false},
		{1.2399514302634556, 9800, 97, true},
	}
	ros := []float64{1.2220840843418585e-14, 6.0763849113033034e-17, 9.0058698515028082e-17, 9.2019459215737131e-19, 1.7164894129505178e-16}
	con := []struct {
		f   float64
		nit int
	}{{0.50000343769854849, 66}, {0.50000004402680509, 76}, {0.50000106228691288, 61}, {0.50000050161738951, 53}, {0.50000575818132509, 90}}
	lo, hi := box(2, -2, 2)
	for seed := range uint64(5) {
		r := mustRun(t, toyProblem(), &optim.Settings{Seed: seed}, nil)
		w := toy[seed]
		if r.F != w.f || r.NFev != w.nfev || r.NIt != w.nit || (r.Status == optim.Converged) != w.stopsEarly {
			t.Errorf("toy seed %d: %v, want f = %.17g, nfev %d, nit %d", seed, r, w.f, w.nfev, w.nit)
		}
		p := optim.Problem{Func: rosenbrock, Lower: lo, Upper: hi}
		r = mustRun(t, p, &optim.Settings{Seed: seed, MaxIter: 300}, constriction())
		if r.F != ros[seed] || r.NFev != 30100 {
			t.Errorf("rosenbrock seed %d: %v, want f = %.17g", seed, r, ros[seed])
		}
		p = optim.Problem{Func: sphere, Lower: lo, Upper: hi, Constraints: []optim.Constraint{{Func: func(x []float64) float64 { return x[0] + x[1] - 1 }}}}
		r = mustRun(t, p, &optim.Settings{Seed: seed}, nil)
		if r.F != con[seed].f || r.NIt != con[seed].nit || r.Status != optim.Converged {
			t.Errorf("constrained seed %d: %v, want f = %.17g after %d iterations", seed, r, con[seed].f, con[seed].nit)
		}
	}
}

func TestDeterministicAcrossWorkers(t *testing.T) {
	for _, p := range []optim.Problem{toyProblem(), {Func: rosenbrock, Lower: []float64{-2, -2, -2}, Upper: []float64{2, 2, 2}}} {
		var results []*optim.Result
		for _, w := range []int{1, 4} {
			results = append(results, mustRun(t, p, &optim.Settings{Seed: 7, Workers: w, Record: true}, nil))
		}
		a, b := results[0], results[1]
		if !reflect.DeepEqual(a, b) {
			t.Errorf("Workers 1 and 4 differ:\n%v\n%v", a, b)
		}
		if len(a.Path) != a.NIt || a.NIt == 0 {
			t.Errorf("%d iterations recorded, NIt = %d", len(a.Path), a.NIt)
		}
		// The same seed again: the same result.
		c := mustRun(t, p, &optim.Settings{Seed: 7}, nil)
		if !slices.Equal(a.X, c.X) || !slices.Equal(a.Trace, c.Trace) {
			t.Error("two runs with the same seed differ")
		}
	}
}

func TestSeedsDiffer(t *testing.T) {
	seen := map[float64]bool{}
	for seed := range uint64(4) {
		r := mustRun(t, toyProblem(), &optim.Settings{Seed: seed}, nil)
		if seen[r.F] {
			t.Errorf("seed %d repeats a final value %g", seed, r.F)
		}
		seen[r.F] = true
	}
}

// pyswarm evaluates the swarm once at the start and once per iteration.
func TestEvaluationCount(t *testing.T) {
	p := toyProblem()
	calls := 0
	p.Func = func(x []float64) float64 { calls++; return toynet.Reference().Loss(x) }
	r := mustRun(t, p, nil, &Method{NoEarlyStop: true}) // the full budget
	if r.NFev != 10100 || calls != 10100 || r.NIt != 100 || len(r.Trace) != 10100 {
		t.Errorf("NFev = %d, calls = %d, NIt = %d, len(Trace) = %d; want 100 + 100·100 = 10100 and 100 iterations",
			r.NFev, calls, r.NIt, len(r.Trace))
	}
	if r.Status != optim.IterationLimit || r.Status.Success() || r.Err() == nil || r.Message != "Stopping search: maximum iterations reached --> 100" {
		t.Errorf("status %v %q", r.Status, r.Message)
	}
	// With the default early stops, whatever happens, NFev = S·(1+NIt).
	for seed := range uint64(21) {
		r := mustRun(t, toyProblem(), &optim.Settings{Seed: seed}, nil)
		checkResult(t, toyProblem(), DefaultSwarmSize, r)
	}
}

func TestEarlyStops(t *testing.T) {
	lo, hi := box(2, -5, 5)
	p := optim.Problem{Func: sphere, Lower: lo, Upper: hi}
	r := mustRun(t, p, nil, nil)
	if r.Status != optim.Converged || r.Message != "Stopping search: Swarm best objective change less than 1e-08" {
		t.Errorf("sphere: %v", r)
	}
	if r.NIt >= 100 {
		t.Errorf("no early stop on the sphere: NIt = %d", r.NIt)
	}
	// Make the position test fire at the first improvement of the swarm's
	// best: a huge XTol (minstep).
	d, _ := optim.DetailOf[*Detail](r)
	first, best := 0, math.Inf(1)
	s := &optim.Settings{XTol: 100, Callback: func(it optim.Iteration) bool {
		if it.Iter == 1 {
			best = d.Start.F
		}
		if it.F < best && first == 0 {
			first = it.Iter
		}
		best = it.F
		return false
	}}
	r = mustRun(t, p, s, nil)
	if r.Status != optim.Converged || r.NIt != first || r.Message != "Stopping search: Swarm best position change less than 100" {
		t.Errorf("XTol = 100: %v (first improvement at %d)", r, first)
	}
	// FTol is minfunc.
	r = mustRun(t, p, &optim.Settings{FTol: 1e3}, nil)
	if r.Status != optim.Converged || !strings.Contains(r.Message, "objective change less than 1000") {
		t.Errorf("FTol = 1e3: %v", r)
	}
}

func TestToyNetworkQuality(t *testing.T) {
	ref := reference.MustGet()
	s := ref.Settings.PSO
	// The reference settings are pyswarm's defaults; say so explicitly.
	m := &Method{SwarmSize: s.SwarmSize, Omega: s.Omega, PhiP: s.PhiP, PhiG: s.PhiG}
	var fs []float64
	for seed := range uint64(21) {
		r := mustRun(t, toyProblem(), &optim.Settings{Seed: seed, MaxIter: s.MaxIter, FTol: s.MinFunc, XTol: s.MinStep}, m)
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
	cons := func(x []float64) float64 { return x[0] + x[1] - 1 }
	p := optim.Problem{Func: sphere, Lower: lo, Upper: hi, Constraints: []optim.Constraint{{Kind: optim.Inequality, Func: cons}}}
	for seed := range uint64(3) {
		check := func(it optim.Iteration) bool {
			sw := it.Detail.(*Swarm)
			for i := range sw.P {
				if !math.IsInf(sw.FP[i], 1) && cons(sw.P[i]) < 0 {
					t.Fatalf("iteration %d: personal best %d is infeasible: %v", it.Iter, i, sw.P[i])
				}
				if sw.Feasible[i] != (cons(it.Pop[i]) >= 0) {
					t.Fatalf("iteration %d: Feasible[%d] is wrong", it.Iter, i)
				}
			}
			if !math.IsInf(it.F, 1) && cons(it.X) < 0 {
				t.Fatalf("iteration %d: swarm best is infeasible: %v", it.Iter, it.X)
			}
			// The swarm's best only counts feasible points: never below 0.5.
			if it.F < 0.5 {
				t.Fatalf("iteration %d: swarm best %g < 0.5: it counted infeasible points", it.Iter, it.F)
			}
			return false
		}
		r := mustRun(t, p, &optim.Settings{Seed: seed, Callback: check}, nil)
		checkResult(t, p, DefaultSwarmSize, r)
		if r.Status != optim.Converged || cons(r.X) < 0 || math.Abs(r.F-0.5) > 1e-4 || maxDist(r.X, 0.5) > 1e-2 {
			t.Errorf("seed %d: %v, want f = 0.5 at (0.5, 0.5), feasible", seed, r)
		}
		// The trace counts every point evaluated, infeasible ones too: it
		// goes below the constrained minimum, Result.F does not.
		if last := r.Trace[len(r.Trace)-1]; last >= 0.5 {
			t.Errorf("trace ends at %g: the infeasible points near the origin were not counted", last)
		}
		if d, _ := optim.DetailOf[*Detail](r); check(d.Start) {
			t.Error("unreachable")
		}
	}
	// Never feasible.
	p.Constraints = []optim.Constraint{{Func: func([]float64) float64 { return -1 }}}
	r := mustRun(t, p, nil, nil)
	if r.Status != optim.Infeasible || !math.IsInf(r.F, 1) || r.Status.Success() || r.NIt != 100 ||
		!strings.Contains(r.Message, "couldn't find a feasible design") {
		t.Errorf("never feasible: %v", r)
	}
	// A NaN constraint value is a violation.
	p.Constraints = []optim.Constraint{{Func: func([]float64) float64 { return math.NaN() }}}
	if r := mustRun(t, p, nil, nil); r.Status != optim.Infeasible {
		t.Errorf("NaN constraint: %v", r)
	}
	// A panicking constraint.
	p.Constraints = []optim.Constraint{{Func: func([]float64) float64 { panic("cons boom") }}}
	if r := mustRun(t, p, nil, nil); r.Status != optim.EvaluationError || !strings.Contains(r.Message, "cons boom") {
		t.Errorf("panicking constraint: %v", r)
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
	r := mustRun(t, p, nil, nil)
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
	r = mustRun(t, p, nil, nil)
	if r.Status != optim.NonFinite || r.Status.Success() || r.NFev != 10100 || r.X != nil {
		t.Errorf("all NaN: %v", r)
	}
}

func TestLimitsAndCallback(t *testing.T) {
	p := toyProblem()
	// The budget ends the run in the middle of the fifth move.
	r := mustRun(t, p, &optim.Settings{MaxEval: 550}, nil)
	if r.Status != optim.EvaluationLimit || r.NFev != 550 || r.NIt != 4 || r.Err() == nil {
		t.Errorf("MaxEval 550: %v", r)
	}
	checkResult(t, p, DefaultSwarmSize, r)
	// Not even the initial swarm.
	r = mustRun(t, p, &optim.Settings{MaxEval: 50}, nil)
	if r.Status != optim.EvaluationLimit || r.NFev != 50 || r.NIt != 0 || r.Detail != nil {
		t.Errorf("MaxEval 50: %v", r)
	}
	r = mustRun(t, p, &optim.Settings{MaxIter: 3}, &Method{NoEarlyStop: true})
	if r.Status != optim.IterationLimit || r.NFev != 400 || r.NIt != 3 {
		t.Errorf("MaxIter 3: %v", r)
	}

	var seen []int
	s := &optim.Settings{Callback: func(it optim.Iteration) bool {
		seen = append(seen, it.Iter)
		if it.NFev != 100*(1+it.Iter) || p.Func(it.X) != it.F || it.BestF != it.F || len(it.Pop) != 100 || len(it.PopF) != 100 {
			t.Errorf("callback sees %+v", it)
		}
		return it.Iter == 3
	}}
	r = mustRun(t, p, s, nil)
	if r.Status != optim.Stopped || r.NIt != 3 || r.NFev != 400 || !slices.Equal(seen, []int{1, 2, 3}) {
		t.Errorf("callback stop: %v, seen %v", r, seen)
	}
}

// Settings.Record and Detail.Start show pyswarm's initialization and the
// clipping.
func TestRecordAndDetail(t *testing.T) {
	lo, hi := []float64{-1, 0}, []float64{3, 0.5}
	p := optim.Problem{Func: rastrigin, Lower: lo, Upper: hi}
	r := mustRun(t, p, &optim.Settings{MaxIter: 20, Record: true}, &Method{SwarmSize: 30, NoEarlyStop: true})
	d, ok := optim.DetailOf[*Detail](r)
	if !ok {
		t.Fatalf("Detail is %T", r.Detail)
	}
	start := d.Start
	for _, v := range start.Detail.(*Swarm).V {
		for k := range v {
			if span := hi[k] - lo[k]; math.Abs(v[k]) > span {
				t.Errorf("initial velocity %g outside ±%g", v[k], span)
			}
		}
	}
	frames := append([]optim.Iteration{start}, r.Path...)
	if len(frames) != r.NIt+1 || start.Iter != 0 || start.NFev != 30 || len(frames[5].Pop) != 30 {
		t.Fatalf("%d frames for %d iterations", len(frames), r.NIt)
	}
	for k, fr := range frames {
		for i, x := range fr.Pop {
			if err := optim.CheckInBounds("x", x, lo, hi); err != nil {
				t.Errorf("iteration %d: %v", fr.Iter, err)
			}
			if fr.PopF[i] != rastrigin(x) {
				t.Errorf("iteration %d: PopF[%d] = %g, f = %g", fr.Iter, i, fr.PopF[i], rastrigin(x))
			}
		}
		if fr.Iter != k || fr.NFev != 30*(k+1) {
			t.Errorf("frame %d: Iter %d, NFev %d", k, fr.Iter, fr.NFev)
		}
		if k == 0 {
			continue
		}
		if fr.F > frames[k-1].F {
			t.Errorf("swarm best got worse at frame %d", k)
		}
		if slices.Equal(fr.Pop[0], frames[0].Pop[0]) || &fr.Pop[0][0] == &frames[k-1].Pop[0][0] ||
			&fr.Detail.(*Swarm).V[0][0] == &frames[k-1].Detail.(*Swarm).V[0][0] {
			t.Errorf("frame %d shares or repeats an earlier frame", k)
		}
	}
	if last := frames[len(frames)-1]; last.F != r.F || !slices.Equal(last.X, r.X) {
		t.Errorf("last frame %v %g, result %v %g", last.X, last.F, r.X, r.F)
	}
}

// A coordinate with lower = upper stays put (pyswarm rejects it; it works).
func TestZeroWidth(t *testing.T) {
	p := optim.Problem{Func: sphere, Lower: []float64{-1, 0.25}, Upper: []float64{1, 0.25}}
	r := mustRun(t, p, nil, nil)
	if r.Status != optim.Converged || r.X[1] != 0.25 || math.Abs(r.X[0]) > 1e-3 {
		t.Errorf("%v", r)
	}
}

// A box so wide that the velocities may overflow: the run then stops with
// NumericalFailure, and no NaN or ±Inf position is ever evaluated.
func TestHugeBox(t *testing.T) {
	lo, hi := box(3, -8e307, 8e307)
	p := optim.Problem{Func: func(x []float64) float64 {
		if !optim.AllFinite(x) {
			panic(fmt.Sprint("evaluated ", x))
		}
		return 1e-10 * floats.Norm(x, math.Inf(1))
	}, Lower: lo, Upper: hi}
	for _, c := range []struct {
		m        *Method
		overflow bool
	}{{&Method{}, false}, {&Method{Omega: 1, PhiP: 4, PhiG: 4}, true}} {
		r := mustRun(t, p, &optim.Settings{MaxIter: 1000}, c.m)
		checkResult(t, p, DefaultSwarmSize, r)
		overflowed := r.Status == optim.NumericalFailure && strings.Contains(r.Message, "velocity of particle")
		if overflowed != c.overflow || r.Status == optim.EvaluationError || !optim.IsFinite(r.F) {
			t.Errorf("%+v: %v", c.m, r)
		}
	}
}

func TestPanicsAndCancel(t *testing.T) {
	lo, hi := box(2, -5, 5)
	p := optim.Problem{Func: func(x []float64) float64 {
		if x[0] > 4 {
			panic("boom")
		}
		return sphere(x)
	}, Lower: lo, Upper: hi}
	for _, w := range []int{1, 4} {
		r := mustRun(t, p, &optim.Settings{Workers: w}, nil)
		if r.Status != optim.EvaluationError || !strings.Contains(r.Message, "boom") || !strings.Contains(r.Message, "x = [") {
			t.Errorf("workers %d: %v", w, r)
		}
	}
	p.Func = sphere
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r, err := optim.Minimize(ctx, p, nil, nil, &Method{})
	if err != nil || r.Status != optim.Cancelled || r.NFev != 0 {
		t.Errorf("cancelled: %v %v", r, err)
	}
	// Cancelled during the run (here by the callback): it stops at once.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	s := &optim.Settings{Workers: 4, Callback: func(it optim.Iteration) bool {
		if it.Iter == 3 {
			cancel()
		}
		return false
	}}
	r, err = optim.Minimize(ctx, p, nil, s, &Method{NoEarlyStop: true})
	if err != nil || r.Status != optim.Cancelled || r.NIt != 3 || r.NFev != 400 || r.X == nil {
		t.Errorf("cancelled at iteration 3: %v %v", r, err)
	}
}

func TestBadInput(t *testing.T) {
	lo, hi := box(2, -1, 1)
	good := optim.Problem{Func: sphere, Lower: lo, Upper: hi}
	eq := good
	eq.Constraints = []optim.Constraint{{Func: sphere}, {Kind: optim.Equality, Func: sphere}}
	calls := 0
	counting := func(x []float64) float64 { calls++; return sphere(x) }
	for _, c := range []struct {
		name string
		p    optim.Problem
		x0   []float64
		m    Method
		s    optim.Settings
		want string
	}{
		{"no bounds", optim.Problem{Func: sphere, Dim: 2}, nil, Method{}, optim.Settings{}, "bounds"},
		{"nil func", optim.Problem{Lower: lo, Upper: hi}, nil, Method{}, optim.Settings{}, "Func is nil"},
		{"infinite bound", optim.Problem{Func: sphere, Lower: []float64{-1, math.Inf(-1)}, Upper: hi}, nil, Method{}, optim.Settings{}, "finite"},
		{"infinite width", optim.Problem{Func: sphere, Lower: []float64{-1, -1e308}, Upper: []float64{1, 1e308}}, nil, Method{}, optim.Settings{}, "width"},
		{"lower > upper", optim.Problem{Func: sphere, Lower: []float64{2, -1}, Upper: hi}, nil, Method{}, optim.Settings{}, "lower bound"},
		{"NaN bound", optim.Problem{Func: sphere, Lower: []float64{math.NaN(), -1}, Upper: hi}, nil, Method{}, optim.Settings{}, "NaN"},
		{"x0 given", good, []float64{0, 0}, Method{}, optim.Settings{}, "start point"},
		{"negative swarm", good, nil, Method{SwarmSize: -1}, optim.Settings{}, "SwarmSize"},
		{"huge swarm", good, nil, Method{SwarmSize: 1 << 30}, optim.Settings{}, "SwarmSize"},
		{"negative maxiter", good, nil, Method{}, optim.Settings{MaxIter: -1}, "MaxIter"},
		{"negative omega", good, nil, Method{Omega: -0.1}, optim.Settings{}, "Omega"},
		{"omega > 1", good, nil, Method{Omega: 1.01}, optim.Settings{}, "Omega"},
		{"huge omega", good, nil, Method{Omega: 1e300}, optim.Settings{}, "Omega"},
		{"negative phip", good, nil, Method{PhiP: -1}, optim.Settings{}, "PhiP"},
		{"huge phip", good, nil, Method{PhiP: 1e300}, optim.Settings{}, "PhiP"},
		{"infinite phip", good, nil, Method{PhiP: math.Inf(1)}, optim.Settings{}, "PhiP"},
		{"NaN phig", good, nil, Method{PhiG: math.NaN()}, optim.Settings{}, "PhiG"},
		{"phig > 4", good, nil, Method{PhiG: 4.5}, optim.Settings{}, "PhiG"},
		{"negative xtol", good, nil, Method{}, optim.Settings{XTol: -1}, "XTol"},
		{"equality constraint", eq, nil, Method{}, optim.Settings{}, "constraint 1 is an equality constraint"},
		{"nil constraint", optim.Problem{Func: sphere, Lower: lo, Upper: hi, Constraints: []optim.Constraint{{}}}, nil, Method{}, optim.Settings{}, "constraint 0"},
	} {
		if c.p.Func != nil {
			c.p.Func = counting
		}
		r, err := optim.Minimize(context.Background(), c.p, c.x0, &c.s, &c.m)
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
	// The limits themselves are accepted; a swarm of one particle works.
	for _, m := range []*Method{{Omega: MaxOmega, PhiP: MaxPhi, PhiG: MaxPhi}, {SwarmSize: 1}} {
		if r := mustRun(t, good, &optim.Settings{MaxIter: 50}, m); r.X == nil {
			t.Errorf("%+v: %v", m, r)
		}
	}
}

func TestRegistryAndFlags(t *testing.T) {
	m, err := optim.Lookup("pso")
	if err != nil {
		t.Fatal(err)
	}
	fs := flag.NewFlagSet("pso", flag.ContinueOnError)
	m.(optim.Flagger).Flags(fs)
	if err := fs.Parse([]string{"-swarmsize", "40", "-omega", "0.7298", "-phip", "1.5", "-phig", "1.25", "-noearlystop"}); err != nil {
		t.Fatal(err)
	}
	if got, want := *m.(*Method), (Method{SwarmSize: 40, Omega: 0.7298, PhiP: 1.5, PhiG: 1.25, NoEarlyStop: true}); got != want {
		t.Errorf("flags set %+v, want %+v", got, want)
	}
	info := m.Info()
	if !info.NeedsBounds || !info.NoX0 || !info.Constraints || !info.Stochastic || info.Gradient || info.DefaultMaxIter != 100 {
		t.Errorf("info %+v", info)
	}
}
