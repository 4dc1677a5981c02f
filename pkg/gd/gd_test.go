package gd

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats"

	"github.com/optlab/optlab/pkg/optim"
)

// dist is the Euclidean distance between x and y.
func dist(x, y []float64) float64 { return floats.Distance(x, y, 2) }

// minimize runs gd with learning rate lr and settings s.
func minimize(t *testing.T, p optim.Problem, x0 []float64, lr float64, s *optim.Settings) *optim.Result {
	t.Helper()
	r, err := optim.Minimize(context.Background(), p, x0, s, &Method{LR: lr})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// last returns the final iterate from the Result's Detail.
func last(t *testing.T, r *optim.Result) []float64 {
	t.Helper()
	d, ok := optim.DetailOf[*Detail](r)
	if !ok {
		t.Fatalf("Detail is %T, want *gd.Detail", r.Detail)
	}
	return d.Last
}

// On f = ½ Σ a_i (x_i − c_i)² every coordinate's error is multiplied by
// (1 − η a_i) per step, so after k steps the iterate is known in closed form.
func TestQuadraticClosedForm(t *testing.T) {
	a, c := []float64{1, 10}, []float64{1, -2}
	x0 := []float64{4, 3}
	const lr, steps = 0.05, 40
	p := quadratic(a, c)
	closed := func(k int) []float64 {
		x := make([]float64, len(x0))
		for i := range x {
			x[i] = c[i] + (x0[i]-c[i])*math.Pow(1-lr*a[i], float64(k))
		}
		return x
	}
	r := minimize(t, p, x0, lr, &optim.Settings{MaxIter: steps, Record: true})
	for k, it := range r.Path {
		want := closed(k)
		for i := range want {
			if math.Abs(it.X[i]-want[i]) > 1e-12*math.Max(1, math.Abs(want[i])) {
				t.Fatalf("x_%d[%d] = %.15g, closed form %.15g", k, i, it.X[i], want[i])
			}
		}
		if it.Iter != k+1 || it.F != p.Func(it.X) {
			t.Fatalf("iteration %d: Iter %d, F %g, f(X) %g", k, it.Iter, it.F, p.Func(it.X))
		}
		g := make([]float64, 2)
		p.Grad(g, it.X)
		if GNorm(it) != floats.Norm(g, 2) {
			t.Fatalf("iteration %d: GNorm %g, ‖∇f‖ %g", k, GNorm(it), floats.Norm(g, 2))
		}
	}
	if r.Status != optim.IterationLimit || r.NIt != steps || r.NFev != steps || r.NGev != steps || len(r.Trace) != steps {
		t.Errorf("status %v nit %d nfev %d ngev %d trace %d; want iteration limit and 40 of each", r.Status, r.NIt, r.NFev, r.NGev, len(r.Trace))
	}
	if len(r.Path) != steps {
		t.Errorf("path length %d, want 40", len(r.Path))
	}
	// The last iterate is one step beyond the last evaluated point.
	if d := dist(last(t, r), closed(steps)); d > 1e-12 {
		t.Errorf("Last = %v, want %v", last(t, r), closed(steps))
	}
	// The result is the best evaluated point, which is the trace's minimum.
	fs := make([]float64, len(r.Path))
	for k, it := range r.Path {
		fs[k] = it.F
	}
	if r.F != slices.Min(fs) || r.F != r.Trace[len(r.Trace)-1] {
		t.Errorf("F = %g, min of path %g, end of trace %g", r.F, slices.Min(fs), r.Trace[len(r.Trace)-1])
	}
}

// "The loss measured before the last step" is Result.Path[len−1].F, and the
// F of the last Iteration a Callback sees: f(x_{K−1}) for K steps.
func TestLossBeforeLastStep(t *testing.T) {
	a, c := []float64{1, 10}, []float64{1, -2}
	x0 := []float64{4, 3}
	p := quadratic(a, c)
	var seen optim.Iteration
	calls := 0
	r := minimize(t, p, x0, 0.05, &optim.Settings{MaxIter: 25, Record: true, Callback: func(it optim.Iteration) bool {
		seen, calls = it, calls+1
		return false
	}})
	xk := make([]float64, 2) // x_24 in closed form
	for i := range xk {
		xk[i] = c[i] + (x0[i]-c[i])*math.Pow(1-0.05*a[i], 24)
	}
	want := p.Func(xk)
	got := r.Path[len(r.Path)-1].F
	if len(r.Path) != 25 || calls != 25 || math.Abs(got-want) > 1e-13*want || seen.F != got || seen.Iter != 25 {
		t.Errorf("path %d, callbacks %d: last F %.17g, callback %.17g, f(x_24) %.17g", len(r.Path), calls, got, seen.F, want)
	}
}

func TestQuadraticConverges(t *testing.T) {
	a, c := []float64{1, 3, 10}, []float64{1, -2, 0.5}
	r := minimize(t, quadratic(a, c), []float64{0, 0, 0}, 0.1, &optim.Settings{MaxIter: 2000, GTol: 1e-10})
	if r.Status != optim.Converged || dist(r.X, c) > 1e-9 || !r.Status.Success() {
		t.Errorf("got %v, want convergence to %v", r, c)
	}
}

// η above 2/L makes gradient descent diverge; the overflow ends as NonFinite.
func TestDivergenceIsNonFinite(t *testing.T) {
	r := minimize(t, quadratic([]float64{1, 10}, []float64{0, 0}), []float64{1, 1}, 0.3, &optim.Settings{MaxIter: 5000})
	if r.Status != optim.NonFinite || r.Status.Success() || r.NIt >= 5000 {
		t.Errorf("got %v, want NonFinite before the iteration limit", r)
	}
	if !optim.IsFinite(r.F) || r.F > 10 {
		t.Errorf("best F = %v, want the finite start-region value", r.F)
	}
}

func TestRosenbrock(t *testing.T) {
	r := minimize(t, rosenbrock(), []float64{-1.2, 1}, 1e-3, &optim.Settings{MaxIter: 20000})
	if d := dist(r.X, []float64{1, 1}); d > 1e-3 || r.F > 1e-7 {
		t.Errorf("fixed step: %v, %g from (1,1)", r, d)
	}
}

// A used-up budget is not a success.
func TestRosenbrockBudget(t *testing.T) {
	r := minimize(t, rosenbrock(), []float64{-1.2, 1}, 1e-3, &optim.Settings{MaxIter: 10})
	if r.Status != optim.IterationLimit || r.Status.Success() || r.Err() == nil || r.NIt != 10 || r.NFev != 10 || r.NGev != 10 {
		t.Errorf("MaxIter 10: %v", r)
	}
}

func TestFiniteDifferences(t *testing.T) {
	a, c := []float64{1, 4}, []float64{1, -2}
	exact := quadratic(a, c)
	noGrad := exact
	noGrad.Grad = nil
	x0 := []float64{3, 3}
	s := &optim.Settings{MaxIter: 30}
	want := minimize(t, exact, x0, 0.1, s)
	r := minimize(t, noGrad, x0, 0.1, s)
	perStep := 2 + 1 // f(x_k) and n forward probes
	if r.NFev != 30*perStep || r.NGev != 0 || len(r.Trace) != r.NFev || r.NIt != 30 {
		t.Errorf("nfev %d ngev %d trace %d nit %d, want %d, 0", r.NFev, r.NGev, len(r.Trace), r.NIt, 30*perStep)
	}
	if d := dist(r.X, want.X); d > 1e-5 {
		t.Errorf("x %v, analytic %v", r.X, want.X)
	}
}

func TestNonFinite(t *testing.T) {
	nanAfter := func(x []float64) float64 {
		if x[0] < 0.5 {
			return math.NaN()
		}
		return x[0] * x[0]
	}
	s := &optim.Settings{MaxIter: 100}
	p := optim.Problem{Func: nanAfter, Grad: func(g, x []float64) { g[0] = 2 * x[0] }}
	r := minimize(t, p, []float64{1}, 0.1, s)
	if r.Status != optim.NonFinite || r.Err() == nil || r.X[0] < 0.5 || !optim.IsFinite(r.F) {
		t.Errorf("NaN objective: %v", r)
	}
	// A non-finite gradient with a finite objective.
	p = optim.Problem{Func: func(x []float64) float64 { return x[0] * x[0] },
		Grad: func(g, x []float64) { g[0] = math.Inf(1) }}
	r = minimize(t, p, []float64{1}, 0.1, s)
	if r.Status != optim.NonFinite || r.NIt != 0 || !strings.Contains(r.Message, "gradient") {
		t.Errorf("Inf gradient: %v", r)
	}
	// Without a gradient, NaN reaches the finite differences.
	p = optim.Problem{Func: nanAfter}
	r = minimize(t, p, []float64{1}, 0.1, s)
	if r.Status != optim.NonFinite {
		t.Errorf("NaN objective with finite differences: %v", r)
	}
}

func TestLimitsAndCallback(t *testing.T) {
	p := quadratic([]float64{1, 2}, []float64{0, 0})
	r := minimize(t, p, []float64{1, 1}, 0, &optim.Settings{MaxEval: 37})
	if r.Status != optim.EvaluationLimit || r.NFev != 37 || r.NIt != 37 {
		t.Errorf("MaxEval: %v", r)
	}
	p.Grad = nil // forward differences: 3 evaluations per step
	r = minimize(t, p, []float64{1, 1}, 0, &optim.Settings{MaxEval: 37})
	if r.Status != optim.EvaluationLimit || r.NFev != 37 || r.NIt != 12 {
		t.Errorf("MaxEval with differences: %v", r)
	}
	calls := 0
	r = minimize(t, p, []float64{1, 1}, 0, &optim.Settings{Callback: func(it optim.Iteration) bool {
		calls++
		return it.Iter == 5
	}})
	if r.Status != optim.Stopped || r.NIt != 5 || calls != 5 {
		t.Errorf("callback: %v after %d calls", r, calls)
	}
	// The default budget is 1000 steps.
	r = minimize(t, p, []float64{1, 1}, 0, nil)
	if r.Status != optim.IterationLimit || r.NIt != DefaultMaxIter {
		t.Errorf("defaults: %v", r)
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r, err := optim.Minimize(ctx, rosenbrock(), []float64{-1.2, 1}, nil, &Method{})
	if err != nil || r.Status != optim.Cancelled || r.NFev != 0 {
		t.Errorf("cancelled context: %v, %v", r, err)
	}
	// Cancelled during the run: the callback cancels after 3 steps.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	r, err = optim.Minimize(ctx, rosenbrock(), []float64{-1.2, 1}, &optim.Settings{Callback: func(it optim.Iteration) bool {
		if it.Iter == 3 {
			cancel()
		}
		return false
	}}, &Method{})
	if err != nil || r.Status != optim.Cancelled || r.NIt != 3 {
		t.Errorf("cancelled during the run: %v, %v", r, err)
	}
}

// With bounds every iterate is projected onto the box, so on a quadratic
// whose minimum lies outside the box the method stops at the clipped point,
// with or without an analytic gradient (the finite differences stay inside
// the box, so the best point evaluated does too).
func TestBoundsProjection(t *testing.T) {
	for _, grad := range []bool{true, false} {
		p := quadratic([]float64{1, 1}, []float64{3, -3})
		p.Lower, p.Upper = []float64{-1, -1}, []float64{1, 1}
		if !grad {
			p.Grad = nil
		}
		f := p.Func
		p.Func = func(x []float64) float64 {
			if x[0] < -1 || x[0] > 1 || x[1] < -1 || x[1] > 1 {
				t.Fatalf("grad %v: evaluated %v outside the box", grad, x)
			}
			return f(x)
		}
		r := minimize(t, p, []float64{0, 0}, 0.5, &optim.Settings{MaxIter: 200, Record: true})
		for _, it := range r.Path {
			if err := optim.CheckInBounds("iterate", it.X, p.Lower, p.Upper); err != nil {
				t.Fatalf("grad %v: %v", grad, err)
			}
		}
		// The projected gradient vanishes on the corner: converged.
		if err := optim.CheckInBounds("X", r.X, p.Lower, p.Upper); err != nil || r.Status != optim.Converged {
			t.Errorf("grad %v: %v (%v)", grad, err, r)
		}
		if r.X[0] != 1 || r.X[1] != -1 {
			t.Errorf("grad %v: %v, want X = (1, -1) on the bounds", grad, r)
		}
	}
}

func TestBadInput(t *testing.T) {
	p := quadratic([]float64{1, 2}, []float64{0, 0})
	x0 := []float64{1, 1}
	cases := []struct {
		name string
		p    optim.Problem
		x0   []float64
		lr   float64
		s    optim.Settings
	}{
		{"lr < 0", p, x0, -1, optim.Settings{}},
		{"lr NaN", p, x0, math.NaN(), optim.Settings{}},
		{"lr Inf", p, x0, math.Inf(1), optim.Settings{}},
		{"MaxIter < 0", p, x0, 0, optim.Settings{MaxIter: -3}},
		{"x0 nil", p, nil, 0, optim.Settings{}},
		{"x0 too long", p, []float64{1, 2, 3}, 0, optim.Settings{}},
		{"x0 NaN", p, []float64{1, math.NaN()}, 0, optim.Settings{}},
		{"no Func", optim.Problem{Dim: 2}, x0, 0, optim.Settings{}},
		{"lower > upper", optim.Problem{Func: p.Func, Lower: []float64{0, 2}, Upper: []float64{1, 1}}, x0, 0, optim.Settings{}},
		{"x0 outside box", optim.Problem{Func: p.Func, Lower: []float64{2, 2}, Upper: []float64{3, 3}}, x0, 0, optim.Settings{}},
		{"FDStep < 0", p, x0, 0, optim.Settings{FDStep: -1}},
		{"GTol NaN", p, x0, 0, optim.Settings{GTol: math.NaN()}},
		{"MaxEval < one step", optim.Problem{Func: p.Func}, x0, 0, optim.Settings{MaxEval: 2}},
	}
	for _, c := range cases {
		evals := 0
		if c.p.Func != nil {
			f := c.p.Func
			c.p.Func = func(x []float64) float64 { evals++; return f(x) }
		}
		r, err := optim.Minimize(context.Background(), c.p, c.x0, &c.s, &Method{LR: c.lr})
		if err == nil || r != nil {
			t.Errorf("%s: no error (result %v)", c.name, r)
		}
		if evals != 0 {
			t.Errorf("%s: %d evaluations before the error", c.name, evals)
		}
	}
}

// loopMethod runs Loop with any step function.
type loopMethod struct{ step StepFunc }

func (m loopMethod) Info() optim.Info {
	return optim.Info{Name: "loop", Iteration: IterationDoc, DefaultMaxIter: DefaultMaxIter, Gradient: true}
}
func (m loopMethod) Run(t *optim.Task) error { return Loop(t, m.step) }

func TestLoopNilStep(t *testing.T) {
	r, err := optim.Minimize(context.Background(), quadratic([]float64{1}, []float64{0}), []float64{1}, &optim.Settings{MaxIter: 5}, loopMethod{})
	if err == nil || r != nil {
		t.Errorf("Loop accepted a nil step: %v", r)
	}
}

// Loop runs any update rule: here a sign-gradient step, the simplest
// per-coordinate normalized method.
func TestLoopCustomStep(t *testing.T) {
	p := quadratic([]float64{1, 1000}, []float64{0.5, -0.25})
	steps := 0
	r, err := optim.Minimize(context.Background(), p, []float64{0, 0}, &optim.Settings{MaxIter: 60, Record: true},
		loopMethod{func(k int, x, g []float64) {
			if k != steps {
				t.Errorf("step called with k = %d, want %d", k, steps)
			}
			steps++
			for i := range x {
				x[i] -= 0.5 * math.Pow(0.9, float64(k)) * math.Copysign(1, g[i])
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	if steps != 60 || r.NIt != 60 || len(r.Path) != 60 {
		t.Errorf("steps %d, nit %d, path %d", steps, r.NIt, len(r.Path))
	}
	if r.F > 1e-3 {
		t.Errorf("sign steps did not approach the minimum: %v", r)
	}
}
