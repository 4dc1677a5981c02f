package cmaes

import (
	"context"
	"flag"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/reference"
	"github.com/optlab/optlab/pkg/toynet"
	"gonum.org/v1/gonum/mat"
)

// run is optim.Minimize with CMA-ES; it fails the test on an error.
func run(t testing.TB, p optim.Problem, x0 []float64, s *optim.Settings, m *Method) *optim.Result {
	t.Helper()
	r, err := optim.Minimize(context.Background(), p, x0, s, m)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func detail(t testing.TB, r *optim.Result) *Detail {
	t.Helper()
	d, ok := optim.DetailOf[*Detail](r)
	if !ok || d.Final == nil {
		t.Fatalf("Detail = %#v", r.Detail)
	}
	return d
}

func TestTableOneDefaults(t *testing.T) {
	p := newParams(10, 0, false, false)
	if p.lambda != 10 || p.mu != 5 {
		t.Fatalf("λ, μ = %d, %d, want 10, 5", p.lambda, p.mu)
	}
	sum := 0.0
	for i, w := range p.w {
		sum += w
		if i > 0 && w >= p.w[i-1] {
			t.Errorf("weights not decreasing: %v", p.w)
		}
	}
	if math.Abs(sum-1) > 1e-15 {
		t.Errorf("Σ w = %v, want 1", sum)
	}
	// μ_eff for λ = 10 is about 3.17 (tutorial, Table 1 discussion: μ_eff ≈ λ/4).
	if math.Abs(p.mueff-3.1672) > 1e-3 {
		t.Errorf("μ_eff = %v, want ≈ 3.1672", p.mueff)
	}
	// c_σ as in pycma 4.4.0 (CMAAdaptSigmaCSA): (μ_eff+2)/(n+μ_eff+3) ≈ 0.3196
	// for n = 10; the tutorial's Table 1 would give ≈ 0.2845.
	if math.Abs(p.cs-0.3196) > 1e-3 || math.Abs(p.ds-(1+p.cs)) > 1e-15 {
		t.Errorf("cσ = %v, dσ = %v, want ≈ 0.3196 and 1 + cσ", p.cs, p.ds)
	}
	if !(p.c1+p.cmu <= 1) || p.cs >= 1 || p.cc >= 1 || p.ds < 1 {
		t.Errorf("bad rates c1=%v cμ=%v cσ=%v cc=%v dσ=%v", p.c1, p.cmu, p.cs, p.cc, p.ds)
	}
	if got := newParams(1, 0, false, false).lambda; got != 4 {
		t.Errorf("λ(n=1) = %d, want 4", got)
	}
	if got := newParams(100, 0, false, false).lambda; got != 17 {
		t.Errorf("λ(n=100) = %d, want 17", got)
	}
	// Active weights: positive part as w, negative part sums to -min(α...),
	// and (52) keeps 1 - c1 - cμ Σw ≥ 1 - c1 - cμ - ... positive.
	a := newParams(10, 0, false, true)
	pos, neg := 0.0, 0.0
	for _, w := range a.wC {
		if w > 0 {
			pos += w
		} else {
			neg += w
		}
	}
	if math.Abs(pos-1) > 1e-12 || neg >= 0 {
		t.Errorf("active weights: Σ⁺ = %v, Σ⁻ = %v", pos, neg)
	}
	if keep := 1 - a.c1 - a.cmu*(pos+neg); keep <= 0 {
		t.Errorf("1 - c1 - cμ Σw = %v, want > 0", keep)
	}
}

func TestSphereAndRosenbrock(t *testing.T) {
	for _, tc := range []struct {
		name    string
		f       func([]float64) float64
		n       int
		x0      float64
		maxGens int
	}{
		{"sphere1", sphere, 1, 3, 300},
		{"sphere2", sphere, 2, 3, 300},
		{"sphere10", sphere, 10, 3, 600},
		{"rosenbrock2", rosenbrock, 2, 0, 600},
		{"rosenbrock10", rosenbrock, 10, 0, 3000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, optim.Problem{Func: tc.f}, constVec(tc.n, tc.x0), &optim.Settings{Seed: 1}, &Method{Sigma0: 0.5})
			t.Logf("f=%.3g nfev=%d gens=%d %s: %s", r.F, r.NFev, r.NIt, r.Status, r.Message)
			if r.F > 1e-8 || r.Status != optim.Converged || r.NIt > tc.maxGens {
				t.Errorf("f=%g status=%v gens=%d (max %d)", r.F, r.Status, r.NIt, tc.maxGens)
			}
			want := 0.0
			if tc.f != nil && strings.HasPrefix(tc.name, "rosen") {
				want = 1
			}
			for i, v := range r.X {
				if math.Abs(v-want) > 1e-3 {
					t.Errorf("x[%d] = %v, want %v", i, v, want)
				}
			}
			if r.NFev != len(r.Trace) || r.Trace[len(r.Trace)-1] != r.F {
				t.Errorf("trace length %d, nfev %d, last %v, F %v", len(r.Trace), r.NFev, r.Trace[len(r.Trace)-1], r.F)
			}
		})
	}
}

func TestRastriginIPOP(t *testing.T) {
	x0 := []float64{3.2, -2.7}
	// A single run with the default population usually ends in a local
	// minimum; IPOP restarts with growing populations find the global one.
	r := run(t, optim.Problem{Func: rastrigin}, x0, &optim.Settings{Seed: 3}, &Method{Sigma0: 2, Restarts: 4})
	d := detail(t, r)
	t.Logf("IPOP: f=%.3g nfev=%d runs=%d: %s", r.F, r.NFev, len(d.Runs), r.Message)
	if r.F > 1e-8 {
		t.Errorf("IPOP did not find the global minimum: f=%g", r.F)
	}
	if d.Restarts != len(d.Runs)-1 || d.Final.PopSize != d.Runs[len(d.Runs)-1].PopSize {
		t.Errorf("detail: %d restarts, %d runs, final λ %d", d.Restarts, len(d.Runs), d.Final.PopSize)
	}
	for i := 1; i < len(d.Runs); i++ {
		if d.Runs[i].PopSize != 2*d.Runs[i-1].PopSize {
			t.Errorf("population sizes %d then %d, want doubling", d.Runs[i-1].PopSize, d.Runs[i].PopSize)
		}
	}
	nfev, gens := 0, 0
	for _, run := range d.Runs {
		nfev += run.NFev
		gens += run.Gens
	}
	if nfev != r.NFev || gens != r.NIt {
		t.Errorf("runs add up to %d evaluations and %d generations, result says %d and %d", nfev, gens, r.NFev, r.NIt)
	}
}

func TestAskTellMatchesMinimize(t *testing.T) {
	// SkipFinalMean: the loop below does not evaluate the final mean.
	r := run(t, optim.Problem{Func: rosenbrock}, []float64{-1, 2, 0.5, 0}, &optim.Settings{Seed: 42, MaxIter: 150}, &Method{Sigma0: 0.7, SkipFinalMean: true})
	c, err := New([]float64{-1, 2, 0.5, 0}, 0.7, &Options{Seed: 42})
	if err != nil {
		t.Fatal(err)
	}
	fs := make([]float64, c.PopSize())
	nfev := 0
	for c.Gen() < 150 {
		for i, x := range c.Ask() {
			fs[i] = rosenbrock(x)
		}
		nfev += len(fs)
		if err := c.Tell(fs); err != nil {
			t.Fatal(err)
		}
		if _, _, stop := c.Stop(); stop {
			break
		}
	}
	x, f := c.Best()
	st, msg, stop := c.Stop()
	if !stop {
		st, msg = optim.IterationLimit, r.Message
	}
	if f != r.F || !slices.Equal(x, r.X) || nfev != r.NFev || st != r.Status || msg != r.Message {
		t.Errorf("ask/tell: f=%v x=%v nfev=%d %v %q\nMinimize: f=%v x=%v nfev=%d %v %q",
			f, x, nfev, st, msg, r.F, r.X, r.NFev, r.Status, r.Message)
	}
}

func TestWorkersBitIdentical(t *testing.T) {
	net := toynet.Reference()
	for _, v := range []Variant{Full, Sep, MAES, Cholesky} {
		var first *optim.Result
		for _, w := range []int{1, 4} {
			r := run(t, net.Problem(), toynet.X0(), &optim.Settings{Seed: 7, MaxIter: 100, Workers: w, Record: true},
				&Method{Sigma0: 0.5, Variant: v, Restarts: 2})
			if first == nil {
				first = r
				continue
			}
			same := len(r.Path) == len(first.Path)
			for i := 0; same && i < len(r.Path); i++ {
				a, b := r.Path[i], first.Path[i]
				da, db := a.Detail.(*Distribution), b.Detail.(*Distribution)
				same = slices.Equal(a.X, b.X) && slices.Equal(a.PopF, b.PopF) && (a.F == b.F || math.IsNaN(a.F) && math.IsNaN(b.F)) &&
					da.Sigma == db.Sigma && (da.M == nil) == (db.M == nil) && (da.M == nil || mat.Equal(da.M, db.M))
			}
			if !same || !slices.Equal(r.Trace, first.Trace) || !slices.Equal(r.X, first.X) || r.Status != first.Status || r.Message != first.Message {
				t.Errorf("%v: Workers 4 differs from Workers 1: f %v vs %v", v, r.F, first.F)
			}
		}
	}
}

// TestFactorVariantsConverge: MA-ES (C = M Mᵀ) and Cholesky-CMA-ES (C = A
// Aᵀ) solve sphere, ellipsoid and Rosenbrock within their evaluation
// bounds, keep a factor (not C) in Detail, and learn the inverse Hessian of
// a rotated ellipsoid (cf. TestCovarianceLearnsHessianInverse).
func TestFactorVariantsConverge(t *testing.T) {
	for _, v := range []struct {
		variant Variant
		sigma0  float64
		maxEval [4]int // sphere1, sphere10, ellipsoid10, rosenbrock10
	}{
		{MAES, 1, [4]int{2000, 3000, 10000, 20000}},
		{Cholesky, 2, [4]int{2000, 2500, 6000, 10000}},
	} {
		for k, tc := range []struct {
			name string
			f    func([]float64) float64
			n    int
			x0   float64
			want float64
		}{
			{"sphere1", sphere, 1, 3, 0},
			{"sphere10", sphere, 10, 3, 0},
			{"ellipsoid10", ellipsoid(1e6), 10, 3, 0},
			{"rosenbrock10", rosenbrock, 10, 0, 1},
		} {
			t.Run(v.variant.String()+"/"+tc.name, func(t *testing.T) {
				r := run(t, optim.Problem{Func: tc.f}, constVec(tc.n, tc.x0), &optim.Settings{Seed: 1}, &Method{Sigma0: v.sigma0, Variant: v.variant})
				t.Logf("f=%.3g nfev=%d %v: %s", r.F, r.NFev, r.Status, r.Message)
				if r.F > 1e-8 || r.Status != optim.Converged || r.NFev > v.maxEval[k] {
					t.Errorf("f=%g %v nfev=%d", r.F, r.Status, r.NFev)
				}
				for i, x := range r.X {
					if math.Abs(x-tc.want) > 1e-3 {
						t.Errorf("x[%d] = %v", i, x)
					}
				}
				d := detail(t, r)
				if d.Final.M == nil || d.Final.Cov != nil || len(d.Final.Diag) != tc.n || d.SkippedDowndates != 0 {
					t.Errorf("detail: %+v, %d skips", d.Final, d.SkippedDowndates)
				}
			})
		}
		ratio, cosine, _ := learnRotatedEllipsoid(t, &Options{Variant: v.variant, Seed: 5, FTol: 1e-30, XTol: 1e-12})
		t.Logf("%v rotated ellipsoid: eigenvalue ratio %.3g, |cos| %.6f", v.variant, ratio, cosine)
		if ratio < 2e5 || ratio > 5e6 || cosine < 0.999 {
			t.Errorf("%v: ratio %g, |cos| %v", v.variant, ratio, cosine)
		}
	}
}

func TestStepSizeAdaptation(t *testing.T) {
	// On a linear function CSA must increase σ (steadily, geometrically).
	c, err := New(make([]float64, 5), 1, &Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	fs := make([]float64, c.PopSize())
	for range 40 {
		for i, x := range c.Ask() {
			fs[i] = x[0]
		}
		c.Tell(fs)
	}
	if c.Sigma() < 20 {
		t.Errorf("linear function: σ = %g after 40 generations, want it to grow (> 20)", c.Sigma())
	}
	// On the sphere, σ must shrink as the mean approaches the optimum.
	c, _ = New(constVec(5, 1), 1, &Options{Seed: 1})
	for range 200 {
		for i, x := range c.Ask() {
			fs[i] = sphere(x)
		}
		c.Tell(fs)
	}
	if c.Sigma() > 1e-4 {
		t.Errorf("sphere: σ = %g after 200 generations, want it to shrink (< 1e-4)", c.Sigma())
	}
	// On the sphere C stays close to a multiple of I.
	if cond := c.ConditionNumber(); cond > 10 {
		t.Errorf("sphere: condition number of C = %g, want about 1", cond)
	}
}

// learnRotatedEllipsoid runs ask/tell with options o on f(x) = ½ xᵀHx,
// H = R diag(1, 1e6) Rᵀ with R a rotation by 30°, and returns the learned
// C's eigenvalue ratio and |cos| between its longest axis and R e1 (H's
// flattest direction); near the optimum C should be proportional to H⁻¹.
func learnRotatedEllipsoid(t *testing.T, o *Options) (ratio, cosine float64, gens int) {
	t.Helper()
	th := math.Pi / 6
	u := []float64{math.Cos(th), math.Sin(th)}  // eigenvalue 1
	v := []float64{-math.Sin(th), math.Cos(th)} // eigenvalue 1e6
	f := func(x []float64) float64 {
		a, b := x[0]*u[0]+x[1]*u[1], x[0]*v[0]+x[1]*v[1]
		return a*a + 1e6*b*b
	}
	c, err := New([]float64{1, 1}, 1, o)
	if err != nil {
		t.Fatal(err)
	}
	fs := make([]float64, c.PopSize())
	for range 400 {
		for i, x := range c.Ask() {
			fs[i] = f(x)
		}
		c.Tell(fs)
		if _, _, stop := c.Stop(); stop {
			break
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(c.Cov(), true) {
		t.Fatal("eigen failed")
	}
	vals := eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	return vals[1] / vals[0], math.Abs(vecs.At(0, 1)*u[0] + vecs.At(1, 1)*u[1]), c.Gen()
}

func TestCovarianceLearnsHessianInverse(t *testing.T) {
	ratio, cosine, gens := learnRotatedEllipsoid(t, &Options{Seed: 5, FTol: 1e-30, XTol: 1e-12})
	t.Logf("after %d generations: eigenvalue ratio %.3g (want 1e6), |cos(long axis, u)| = %.6f", gens, ratio, cosine)
	if ratio < 2e5 || ratio > 5e6 {
		t.Errorf("eigenvalue ratio of C = %g, want ≈ 1e6", ratio)
	}
	if cosine < 0.999 {
		t.Errorf("long axis of C not along H's flat direction: |cos| = %v", cosine)
	}
}

func TestSeparable(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func([]float64) float64
	}{{"sphere", sphere}, {"ellipsoid1e4", ellipsoid(1e4)}} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, optim.Problem{Func: tc.f}, constVec(100, 1), &optim.Settings{Seed: 2, MaxIter: 20000}, &Method{Sigma0: 1, Separable: true})
			if d := detail(t, r); d.Final.Cov != nil || len(d.Final.Diag) != 100 {
				t.Errorf("sep-CMA detail: Cov %v, len(Diag) %d", d.Final.Cov, len(d.Final.Diag))
			}
			t.Logf("sep-CMA 100-D: f=%.3g nfev=%d gens=%d %s", r.F, r.NFev, r.NIt, r.Message)
			if r.F > 1e-8 || r.Status != optim.Converged {
				t.Errorf("f=%g status %v", r.F, r.Status)
			}
		})
	}
	c, _ := New(constVec(4, 1), 1, &Options{Separable: true})
	fs := make([]float64, c.PopSize())
	for range 10 {
		for i, x := range c.Ask() {
			fs[i] = rosenbrock(x)
		}
		c.Tell(fs)
	}
	C := c.Cov()
	for i := range 4 {
		for j := range 4 {
			if i != j && C.At(i, j) != 0 {
				t.Fatalf("sep-CMA C[%d][%d] = %v, want diagonal", i, j, C.At(i, j))
			}
		}
	}
}

func TestTermination(t *testing.T) {
	p := optim.Problem{Func: sphere}
	x0 := constVec(3, 1)
	m := &Method{Sigma0: 1}

	r := run(t, p, x0, &optim.Settings{Seed: 1, FTol: 1e-6}, m)
	if r.Status != optim.Converged || !strings.HasPrefix(r.Message, "tolfun") || r.F > 1e-5 {
		t.Errorf("tolfun: %v %q f=%g", r.Status, r.Message, r.F)
	}

	r = run(t, p, x0, &optim.Settings{Seed: 1, FTol: 1e-300, XTol: 1e-6}, m)
	if r.Status != optim.Converged || !strings.HasPrefix(r.Message, "tolx") || r.F > 1e-9 {
		t.Errorf("tolx: %v %q f=%g", r.Status, r.Message, r.F)
	}

	r = run(t, optim.Problem{Func: ellipsoid(1e6)}, x0, &optim.Settings{Seed: 1}, &Method{Sigma0: 1, TolConditionCov: 100})
	if r.Status != optim.NumericalFailure || !strings.HasPrefix(r.Message, "conditioncov") {
		t.Errorf("conditioncov: %v %q", r.Status, r.Message)
	}
	if d := detail(t, r); d.Cond < 100 {
		t.Errorf("conditioncov: Detail.Cond = %g", d.Cond)
	}

	// Budgets are not successes. The final mean is evaluated within the
	// last allowed generation.
	r = run(t, p, x0, &optim.Settings{Seed: 1, MaxIter: 7}, m)
	if r.Status != optim.IterationLimit || r.Err() == nil || r.NIt != 7 || r.NFev != 7*7+1 || !strings.Contains(r.Message, "MaxIter") {
		t.Errorf("maxiter: %v %q nit=%d nfev=%d", r.Status, r.Message, r.NIt, r.NFev)
	}
	if d := detail(t, r); d.Final.Gen != 7 || d.Runs[0].Gens != 7 || d.Runs[0].NFev != 50 {
		t.Errorf("maxiter detail: %+v %+v", d.Final, d.Runs)
	}

	// λ = 7: six whole generations and 3 more evaluations.
	r = run(t, p, x0, &optim.Settings{Seed: 1, MaxEval: 45}, m)
	if r.Status != optim.EvaluationLimit || r.Err() == nil || r.NFev != 45 || r.NIt != 6 || len(r.Trace) != 45 {
		t.Errorf("maxfevals: %v %q nfev=%d nit=%d", r.Status, r.Message, r.NFev, r.NIt)
	}

	calls := 0
	r = run(t, p, x0, &optim.Settings{Seed: 1, Callback: func(it optim.Iteration) bool {
		calls++
		return it.Iter == 5
	}}, m)
	if r.Status != optim.Stopped || r.NIt != 5 || calls != 5 {
		t.Errorf("callback: %v nit=%d calls=%d", r.Status, r.NIt, calls)
	}

	// A function unbounded below along x1: σ grows without limit.
	r = run(t, optim.Problem{Func: func(x []float64) float64 { return x[0] }}, x0, &optim.Settings{Seed: 1}, m)
	if r.Status != optim.NumericalFailure || !strings.HasPrefix(r.Message, "tolupsigma") {
		t.Errorf("linear: %v %q", r.Status, r.Message)
	}

	// The precision of the mean is exhausted: noeffectaxis/noeffectcoord
	// (a mean of 1e6 and an optimum that is flat below 1e-10 relative).
	r = run(t, optim.Problem{Func: func(x []float64) float64 { return sphere([]float64{x[0] - 1e6, x[1] - 1e6}) }},
		[]float64{1e6 + 1, 1e6 - 1}, &optim.Settings{Seed: 1, FTol: 1e-300, XTol: 1e-300}, m)
	if r.Status != optim.Converged || !strings.HasPrefix(r.Message, "noeffect") {
		t.Errorf("noeffect: %v %q", r.Status, r.Message)
	}
}

func TestBounds(t *testing.T) {
	// Sphere centred at -1, box [0, 2]³: the optimum is the corner 0, f = 3.
	center := constVec(3, -1)
	f := func(x []float64) float64 {
		s := 0.0
		for i, v := range x {
			s += (v - center[i]) * (v - center[i])
		}
		return s
	}
	lower, upper := constVec(3, 0), constVec(3, 2)
	r := run(t, optim.Problem{Func: f, Lower: lower, Upper: upper}, constVec(3, 1.5), &optim.Settings{Seed: 4, Record: true}, &Method{})
	t.Logf("bounded: x=%v f=%v nfev=%d %s", r.X, r.F, r.NFev, r.Message)
	if math.Abs(r.F-3) > 1e-8 {
		t.Errorf("f = %v, want 3 (the corner)", r.F)
	}
	if d := r.Path[0].Detail.(*Distribution); d.Sigma != 0.3*2 {
		t.Errorf("default σ0 = %v, want 0.6 (0.3 × box width)", d.Sigma)
	}
	for _, it := range r.Path {
		for _, x := range append(slices.Clone(it.Pop), it.X) {
			if err := optim.CheckInBounds("x", x, lower, upper); err != nil {
				t.Fatalf("recorded point outside the bounds: %v", err)
			}
		}
	}
	// Interior optimum in a box: Rosenbrock on [-2, 2]² converges normally.
	r = run(t, optim.Problem{Func: rosenbrock, Lower: constVec(2, -2), Upper: constVec(2, 2)}, []float64{-1, 1}, &optim.Settings{Seed: 1}, &Method{})
	if r.F > 1e-8 {
		t.Errorf("bounded Rosenbrock: f = %g", r.F)
	}
	// Half-bounded coordinates.
	r = run(t, optim.Problem{Func: f, Lower: []float64{0, math.Inf(-1), 0}, Upper: []float64{math.Inf(1), math.Inf(1), 5}},
		[]float64{1, 1, 1}, &optim.Settings{Seed: 1}, &Method{})
	if math.Abs(r.F-2) > 1e-8 || r.X[0] != 0 || math.Abs(r.X[1]+1) > 1e-4 {
		t.Errorf("half-bounded: x=%v f=%v", r.X, r.F)
	}
}

func TestNonFinite(t *testing.T) {
	// NaN outside the unit ball, sphere shifted to the ball's edge: the NaN
	// values are ranked worst and counted.
	f := func(x []float64) float64 {
		if sphere(x) > 1 {
			return math.NaN()
		}
		return sphere([]float64{x[0] - 0.5, x[1]})
	}
	r := run(t, optim.Problem{Func: f}, []float64{0, 0}, &optim.Settings{Seed: 1}, &Method{Sigma0: 0.5})
	if r.F > 1e-8 || !strings.Contains(r.Message, "NaN/Inf") || r.Status != optim.Converged {
		t.Errorf("f=%g %v %q", r.F, r.Status, r.Message)
	}
	r = run(t, optim.Problem{Func: func([]float64) float64 { return math.Inf(1) }}, []float64{0, 0}, &optim.Settings{Seed: 1}, &Method{Sigma0: 0.5})
	if r.Status != optim.NonFinite || r.NFev != 6+1 || !math.IsNaN(r.F) || r.X != nil {
		t.Errorf("all Inf: %v nfev=%d f=%v x=%v %q", r.Status, r.NFev, r.F, r.X, r.Message)
	}
}

func TestRecord(t *testing.T) {
	r := run(t, optim.Problem{Func: rosenbrock}, []float64{0, 0}, &optim.Settings{Seed: 1, MaxIter: 20, Record: true}, &Method{Sigma0: 0.5})
	if len(r.Path) != r.NIt || r.NIt != 20 {
		t.Fatalf("%d recorded generations, %d done", len(r.Path), r.NIt)
	}
	g0 := r.Path[0].Detail.(*Distribution)
	if g0.Sigma != 0.5 || !slices.Equal(g0.Mean, []float64{0, 0}) || g0.Gen != 0 || len(r.Path[0].Pop) != 6 || len(r.Path[0].PopF) != 6 {
		t.Errorf("first generation: %+v", g0)
	}
	for i, it := range r.Path {
		g := it.Detail.(*Distribution)
		for k, x := range it.Pop {
			if it.PopF[k] != rosenbrock(x) {
				t.Fatalf("recorded fitness %v != f(sample) %v", it.PopF[k], rosenbrock(x))
			}
		}
		if g.Cov.At(0, 1) != g.Cov.At(1, 0) || g.Gen != i {
			t.Fatal("C not symmetric, or wrong generation")
		}
		if i > 0 && (&g.Mean[0] == &r.Path[i-1].Detail.(*Distribution).Mean[0] || !slices.Equal(g.Mean, r.Path[i-1].X)) {
			t.Fatalf("generation %d: mean %v is not the previous iteration's X %v (or shared)", i, g.Mean, r.Path[i-1].X)
		}
		if math.IsNaN(it.F) != (i < len(r.Path)-1) {
			t.Errorf("generation %d: F = %v; the mean is evaluated in the last one only", i, it.F)
		}
	}
}

func TestBadInput(t *testing.T) {
	p := optim.Problem{Func: sphere}
	bp := optim.Problem{Func: sphere, Lower: []float64{0, 0}, Upper: []float64{1, 1}}
	for _, tc := range []struct {
		name string
		p    optim.Problem
		x0   []float64
		m    *Method
	}{
		{"sigma<0", p, []float64{1, 1}, &Method{Sigma0: -1}},
		{"sigma NaN", p, []float64{1, 1}, &Method{Sigma0: math.NaN()}},
		{"sigma Inf", p, []float64{1, 1}, &Method{Sigma0: math.Inf(1)}},
		{"popsize 1", p, []float64{1, 1}, &Method{PopSize: 1}},
		{"popsize < 0", p, []float64{1, 1}, &Method{PopSize: -3}},
		{"restarts < 0", p, []float64{1, 1}, &Method{Restarts: -1}},
		{"tolconditioncov 1", p, []float64{1, 1}, &Method{TolConditionCov: 1}},
		{"x0 nil unbounded", p, nil, &Method{}},
		{"x0 nil in a box", bp, nil, &Method{}},
		{"x0 wrong length", bp, []float64{0.5}, &Method{}},
		{"x0 outside", bp, []float64{0.5, 2}, &Method{}},
		{"x0 NaN", p, []float64{math.NaN(), 0}, &Method{}},
		{"lb > ub", optim.Problem{Func: sphere, Lower: []float64{0, 2}, Upper: []float64{1, 1}}, []float64{0.5, 1}, &Method{}},
		{"nil func", optim.Problem{}, []float64{1}, &Method{}},
	} {
		r, err := optim.Minimize(context.Background(), tc.p, tc.x0, &optim.Settings{MaxEval: 100}, tc.m)
		if err == nil {
			t.Errorf("%s: no error", tc.name)
		} else if r != nil || !strings.HasPrefix(err.Error(), "cmaes: ") {
			t.Errorf("%s: %v %v", tc.name, r, err)
		}
	}
	if _, err := New([]float64{1}, 0, nil); err == nil {
		t.Error("New with sigma0 = 0: no error")
	}
	if _, err := New([]float64{2}, 1, &Options{Lower: []float64{0, 0}, Upper: []float64{1, 1}}); err == nil {
		t.Error("New with wrong-length bounds: no error")
	}
	if _, err := New([]float64{2}, 1, &Options{PopSize: 1}); err == nil {
		t.Error("New with λ = 1: no error")
	}
	c, _ := New([]float64{1, 2}, 1, nil)
	if err := c.Tell(make([]float64, c.PopSize())); err == nil {
		t.Error("Tell before Ask: no error")
	}
	c.Ask()
	if err := c.Tell(make([]float64, 3)); err == nil {
		t.Error("Tell with the wrong number of values: no error")
	}
	// A panicking objective is a status, not a panic.
	r := run(t, optim.Problem{Func: func(x []float64) float64 {
		if x[0] > 1.5 {
			panic("boom")
		}
		return sphere(x)
	}}, []float64{1, 1}, &optim.Settings{Seed: 1, Workers: 4}, &Method{})
	if r.Status != optim.EvaluationError || !strings.Contains(r.Message, "boom") {
		t.Errorf("panic: %v %q", r.Status, r.Message)
	}
}

func TestRegistry(t *testing.T) {
	m, err := optim.Lookup("cmaes")
	if err != nil {
		t.Fatal(err)
	}
	fl, ok := m.(optim.Flagger)
	if !ok {
		t.Fatal("not a Flagger")
	}
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fl.Flags(fs)
	if err := fs.Parse([]string{"-sigma0", "0.25", "-popsize", "12", "-sep", "-restarts", "3", "-positive-weights", "-tolconditioncov", "1e10", "-skip-final-mean"}); err != nil {
		t.Fatal(err)
	}
	want := Method{Sigma0: 0.25, PopSize: 12, Separable: true, Restarts: 3, PositiveWeights: true, TolConditionCov: 1e10, SkipFinalMean: true}
	if got := *m.(*Method); got != want {
		t.Errorf("flags: %+v", got)
	}
	if info := m.Info(); !info.Stochastic || info.NoX0 || info.Gradient || info.MaxDim == 0 || info.Iteration == "" {
		t.Errorf("info: %+v", info)
	}
}

func TestCancel(t *testing.T) {
	if testing.Short() {
		t.Skip("n = 5000")
	}
	// n = 5000: a generation of full CMA-ES takes long, and an
	// eigendecomposition of C minutes; a cancellation must still be prompt.
	ctx, cancel := context.WithCancel(context.Background())
	var cancelled time.Time
	go func() {
		time.Sleep(300 * time.Millisecond)
		cancelled = time.Now()
		cancel()
	}()
	r, err := optim.Minimize(ctx, optim.Problem{Func: sphere}, constVec(5000, 1), &optim.Settings{Seed: 1}, &Method{})
	late := time.Since(cancelled)
	if err != nil || r.Status != optim.Cancelled {
		t.Fatalf("%v %v", r, err)
	}
	t.Logf("returned %v after the cancellation, %d evaluations, %d generations", late, r.NFev, r.NIt)
	if late > 5*time.Second {
		t.Errorf("returned %v after the cancellation, want < 5 s", late)
	}
	if r.Err() == nil || r.X == nil && r.NFev > 0 {
		t.Errorf("cancelled: %v", r)
	}
	// Already cancelled: no evaluation at all.
	r, _ = optim.Minimize(ctx, optim.Problem{Func: sphere}, []float64{1, 2}, nil, &Method{})
	if r.Status != optim.Cancelled || r.NFev != 0 {
		t.Errorf("pre-cancelled: %v", r)
	}
}

// TestToyNetQuality runs the reference experiment's CMA-ES setting (x0,
// sigma0 0.5, 100 generations, default λ = 10) over seeds 0..20 and
// compares the quartiles of the final losses with those of pycma 4.4.0.
func TestToyNetQuality(t *testing.T) {
	ref := reference.MustGet()
	want := ref.ReferenceResults.Stochastic.CMA
	net := toynet.Reference()
	var fs []float64
	for seed := uint64(0); seed <= 20; seed++ {
		r := run(t, net.Problem(), toynet.X0(), &optim.Settings{Seed: seed, MaxIter: ref.Settings.CMAES.MaxIter}, &Method{Sigma0: ref.Settings.CMAES.Sigma0})
		if r.NFev != 1001 { // 100 generations of 10, and the final mean
			t.Fatalf("seed %d: %d evaluations, want 1001", seed, r.NFev)
		}
		fs = append(fs, r.F)
	}
	sort.Float64s(fs)
	q25, med, q75 := fs[5], fs[10], fs[15]
	t.Logf("toy network, 21 seeds: best %.4g q25 %.4g median %.4g q75 %.4g (pycma: best %.4g q25 %.4g median %.4g q75 %.4g)",
		fs[0], q25, med, q75, want.Best, want.Q25, want.Median, want.Q75)
	// About a fifth of the runs stay on the ReLU plateau near 1.4e5 (pycma's
	// too, judging from its q75), so only the lower half is compared.
	if med > want.Median {
		t.Errorf("median final loss %.4g > pycma's %.4g", med, want.Median)
	}
}
