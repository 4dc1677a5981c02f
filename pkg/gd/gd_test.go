package gd

import (
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats"

	"github.com/optlab/optlab/pkg/optim"
)

// dist is the Euclidean distance between x and y.
func dist(x, y []float64) float64 { return floats.Distance(x, y, 2) }

// On f = ½ Σ a_i (x_i − c_i)² every coordinate's error is multiplied by
// (1 − η a_i) per step, so after k steps the iterate is known in closed form.
func TestQuadraticClosedForm(t *testing.T) {
	a, c := []float64{1, 10}, []float64{1, -2}
	x0 := []float64{4, 3}
	o := DefaultOptions()
	o.LR, o.MaxIter = 0.05, 40
	r, path, err := MinimizePath(quadratic(a, c), x0, o)
	if err != nil {
		t.Fatal(err)
	}
	for k, xk := range path.X {
		for i := range xk {
			want := c[i] + (x0[i]-c[i])*math.Pow(1-o.LR*a[i], float64(k))
			if math.Abs(xk[i]-want) > 1e-12*math.Max(1, math.Abs(want)) {
				t.Fatalf("x_%d[%d] = %.15g, closed form %.15g", k, i, xk[i], want)
			}
		}
	}
	if r.Status != optim.IterationLimit || r.NIt != 40 || r.NFev != 40 || r.NGev != 40 || len(r.Trace) != 40 {
		t.Errorf("status %v nit %d nfev %d ngev %d trace %d; want iteration limit and 40 of each", r.Status, r.NIt, r.NFev, r.NGev, len(r.Trace))
	}
	if len(path.X) != 40 || len(path.F) != 40 || len(path.GNorm) != 40 {
		t.Errorf("path lengths %d %d %d, want 40", len(path.X), len(path.F), len(path.GNorm))
	}
	// The last iterate is one step beyond the last evaluated point.
	for i := range x0 {
		want := c[i] + (x0[i]-c[i])*math.Pow(1-o.LR*a[i], 40)
		if math.Abs(path.Last[i]-want) > 1e-12 {
			t.Errorf("Last[%d] = %g, want %g", i, path.Last[i], want)
		}
	}
	// The result is the best evaluated point, which is the trace's minimum.
	if r.F != slices.Min(path.F) || r.F != r.Trace[len(r.Trace)-1] {
		t.Errorf("F = %g, min of path %g, end of trace %g", r.F, slices.Min(path.F), r.Trace[len(r.Trace)-1])
	}
}

func TestQuadraticConverges(t *testing.T) {
	a, c := []float64{1, 3, 10}, []float64{1, -2, 0.5}
	o := DefaultOptions()
	o.LR, o.MaxIter = 0.1, 2000
	o.GTol = 1e-10
	r, err := Minimize(quadratic(a, c), []float64{0, 0, 0}, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != optim.Converged || dist(r.X, c) > 1e-9 {
		t.Errorf("got %v, want convergence to %v", r, c)
	}
}

// η above 2/L makes gradient descent diverge; the overflow ends as NonFinite.
func TestDivergenceIsNonFinite(t *testing.T) {
	o := DefaultOptions()
	o.LR, o.MaxIter = 0.3, 5000
	r, err := Minimize(quadratic([]float64{1, 10}, []float64{0, 0}), []float64{1, 1}, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != optim.NonFinite || r.Status.Success() || r.NIt >= 5000 {
		t.Errorf("got %v, want NonFinite before the iteration limit", r)
	}
	if !optim.IsFinite(r.F) || r.F > 10 {
		t.Errorf("best F = %v, want the finite start-region value", r.F)
	}
}

func TestRosenbrock(t *testing.T) {
	p := rosenbrock()
	o := DefaultOptions()
	o.LR, o.MaxIter = 1e-3, 20000
	r, err := Minimize(p, []float64{-1.2, 1}, o)
	if err != nil {
		t.Fatal(err)
	}
	if d := dist(r.X, []float64{1, 1}); d > 1e-3 || r.F > 1e-7 {
		t.Errorf("fixed step: %v, %g from (1,1)", r, d)
	}
	o = DefaultOptions()
	o.LR, o.LineSearch, o.MaxIter, o.GTol = 1, true, 50000, 1e-6
	r, err = Minimize(p, []float64{-1.2, 1}, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != optim.Converged || dist(r.X, []float64{1, 1}) > 1e-5 {
		t.Errorf("line search: %v", r)
	}
	if r.NFev < r.NIt || len(r.Trace) != r.NFev {
		t.Errorf("line search counts: nfev %d nit %d trace %d", r.NFev, r.NIt, len(r.Trace))
	}
}

// Every accepted line-search step satisfies the Armijo condition.
func TestArmijoCondition(t *testing.T) {
	p := rosenbrock()
	o := DefaultOptions()
	o.LR, o.LineSearch, o.MaxIter = 1, true, 200
	_, path, err := MinimizePath(p, []float64{-1.2, 1}, o)
	if err != nil {
		t.Fatal(err)
	}
	g := make([]float64, 2)
	for k := 0; k+1 < len(path.X); k++ {
		x, y := path.X[k], path.X[k+1]
		p.Grad(g, x)
		slope := g[0]*(y[0]-x[0]) + g[1]*(y[1]-x[1])
		if path.F[k+1] > path.F[k]+1e-4*slope || slope >= 0 {
			t.Fatalf("step %d: f %g -> %g, slope %g", k, path.F[k], path.F[k+1], slope)
		}
		if path.F[k+1] != p.Func(y) {
			t.Fatalf("step %d: recorded f %g, f(x) %g", k, path.F[k+1], p.Func(y))
		}
	}
}

func TestFiniteDifferences(t *testing.T) {
	a, c := []float64{1, 4}, []float64{1, -2}
	exact := quadratic(a, c)
	noGrad := exact
	noGrad.Grad = nil
	x0 := []float64{3, 3}
	o := DefaultOptions()
	o.LR, o.MaxIter = 0.1, 30
	want, err := Minimize(exact, x0, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, fwd := range []bool{false, true} {
		o.ForwardDiff = fwd
		r, err := Minimize(noGrad, x0, o)
		if err != nil {
			t.Fatal(err)
		}
		perStep := 2*2 + 1
		if fwd {
			perStep = 2 + 1
		}
		if r.NFev != 30*perStep || r.NGev != 0 || len(r.Trace) != r.NFev {
			t.Errorf("forward=%v: nfev %d ngev %d trace %d, want %d, 0", fwd, r.NFev, r.NGev, len(r.Trace), 30*perStep)
		}
		if d := dist(r.X, want.X); d > 1e-5 {
			t.Errorf("forward=%v: x %v, analytic %v", fwd, r.X, want.X)
		}
	}
}

func TestNonFinite(t *testing.T) {
	nanAfter := func(x []float64) float64 {
		if x[0] < 0.5 {
			return math.NaN()
		}
		return x[0] * x[0]
	}
	p := optim.Problem{Func: nanAfter, Grad: func(g, x []float64) { g[0] = 2 * x[0] }}
	o := DefaultOptions()
	o.LR, o.MaxIter = 0.1, 100
	r, err := Minimize(p, []float64{1}, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != optim.NonFinite || r.Err() == nil || r.X[0] < 0.5 || !optim.IsFinite(r.F) {
		t.Errorf("NaN objective: %v", r)
	}
	// A NaN gradient with a finite objective.
	p = optim.Problem{Func: func(x []float64) float64 { return x[0] * x[0] },
		Grad: func(g, x []float64) { g[0] = math.Inf(1) }}
	r, err = Minimize(p, []float64{1}, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != optim.NonFinite || r.NIt != 0 || !strings.Contains(r.Message, "gradient") {
		t.Errorf("Inf gradient: %v", r)
	}
	// Without a gradient, NaN reaches the finite differences.
	p = optim.Problem{Func: nanAfter}
	r, err = Minimize(p, []float64{1}, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != optim.NonFinite {
		t.Errorf("NaN objective with finite differences: %v", r)
	}
}

func TestLimitsAndCallback(t *testing.T) {
	p := quadratic([]float64{1, 2}, []float64{0, 0})
	o := DefaultOptions()
	o.MaxEval = 37
	r, err := Minimize(p, []float64{1, 1}, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != optim.EvaluationLimit || r.NFev != 37 {
		t.Errorf("MaxEval: %v", r)
	}
	p.Grad = nil // central differences: 5 evaluations per step
	r, err = Minimize(p, []float64{1, 1}, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != optim.EvaluationLimit || r.NFev != 35 || r.NIt != 7 {
		t.Errorf("MaxEval with differences: %v", r)
	}
	o = DefaultOptions()
	calls := 0
	o.Callback = func(it optim.Iteration) bool {
		calls++
		return it.Iter == 5
	}
	r, err = Minimize(p, []float64{1, 1}, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != optim.Stopped || r.NIt != 5 || calls != 5 {
		t.Errorf("callback: %v after %d calls", r, calls)
	}
}

// With bounds every iterate is projected onto the box, so on a quadratic
// whose minimum lies outside the box the method stops at the clipped point.
func TestBoundsProjection(t *testing.T) {
	p := quadratic([]float64{1, 1}, []float64{3, -3})
	p.Lower, p.Upper = []float64{-1, -1}, []float64{1, 1}
	for _, ls := range []bool{false, true} {
		o := DefaultOptions()
		o.LR, o.MaxIter, o.LineSearch = 0.5, 200, ls
		r, path, err := MinimizePath(p, []float64{0, 0}, o)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range path.X {
			if x[0] < -1 || x[0] > 1 || x[1] < -1 || x[1] > 1 {
				t.Fatalf("line search %v: iterate %v outside the box", ls, x)
			}
		}
		if dist(r.X, []float64{1, -1}) > 1e-12 {
			t.Errorf("line search %v: %v, want (1, -1)", ls, r)
		}
		if ls && r.Status != optim.Converged {
			t.Errorf("line search at a box corner: %v, want Converged", r)
		}
	}
}

func TestBadInput(t *testing.T) {
	p := quadratic([]float64{1, 2}, []float64{0, 0})
	x0 := []float64{1, 1}
	mod := func(f func(o *Options)) *Options { o := DefaultOptions(); f(o); return o }
	cases := []struct {
		name string
		p    optim.Problem
		x0   []float64
		o    *Options
	}{
		{"lr 0", p, x0, mod(func(o *Options) { o.LR = 0 })},
		{"lr < 0", p, x0, mod(func(o *Options) { o.LR = -1 })},
		{"lr NaN", p, x0, mod(func(o *Options) { o.LR = math.NaN() })},
		{"MaxIter 0", p, x0, mod(func(o *Options) { o.MaxIter = 0 })},
		{"MaxIter < 0", p, x0, mod(func(o *Options) { o.MaxIter = -3 })},
		{"x0 nil", p, nil, nil},
		{"x0 too long", p, []float64{1, 2, 3}, nil},
		{"x0 NaN", p, []float64{1, math.NaN()}, nil},
		{"no Func", optim.Problem{Dim: 2}, x0, nil},
		{"lower > upper", optim.Problem{Func: p.Func, Lower: []float64{0, 2}, Upper: []float64{1, 1}}, x0, nil},
		{"x0 outside box", optim.Problem{Func: p.Func, Lower: []float64{2, 2}, Upper: []float64{3, 3}}, x0, nil},
		{"DiffStep < 0", p, x0, mod(func(o *Options) { o.DiffStep = -1 })},
		{"MaxEval < one step", optim.Problem{Func: p.Func}, x0, mod(func(o *Options) { o.MaxEval = 4 })},
		{"Armijo 1", p, x0, mod(func(o *Options) { o.LineSearch, o.Armijo = true, 1 })},
		{"Shrink 1.5", p, x0, mod(func(o *Options) { o.LineSearch, o.Shrink = true, 1.5 })},
		{"MaxBacktracks < 0", p, x0, mod(func(o *Options) { o.LineSearch, o.MaxBacktracks = true, -1 })},
	}
	for _, c := range cases {
		evals := 0
		if c.p.Func != nil {
			f := c.p.Func
			c.p.Func = func(x []float64) float64 { evals++; return f(x) }
		}
		r, err := Minimize(c.p, c.x0, c.o)
		if err == nil || r != nil {
			t.Errorf("%s: no error (result %v)", c.name, r)
		}
		if evals != 0 {
			t.Errorf("%s: %d evaluations before the error", c.name, evals)
		}
	}
}

func TestLoopNilStep(t *testing.T) {
	if _, _, err := Loop(quadratic([]float64{1}, []float64{0}), []float64{1}, Config{Settings: optim.Settings{MaxIter: 5}}, nil); err == nil {
		t.Error("Loop accepted a nil step")
	}
}

// Loop runs any update rule: here a sign-gradient step, the simplest
// per-coordinate normalized method.
func TestLoopCustomStep(t *testing.T) {
	p := quadratic([]float64{1, 1000}, []float64{0.5, -0.25})
	steps := 0
	r, path, err := Loop(p, []float64{0, 0}, Config{Settings: optim.Settings{MaxIter: 60}, Record: true},
		func(k int, x, g []float64) {
			if k != steps {
				t.Errorf("step called with k = %d, want %d", k, steps)
			}
			steps++
			for i := range x {
				x[i] -= 0.5 * math.Pow(0.9, float64(k)) * math.Copysign(1, g[i])
			}
		})
	if err != nil {
		t.Fatal(err)
	}
	if steps != 60 || r.NIt != 60 || len(path.X) != 60 {
		t.Errorf("steps %d, nit %d, path %d", steps, r.NIt, len(path.X))
	}
	if r.F > 1e-3 {
		t.Errorf("sign steps did not approach the minimum: %v", r)
	}
}
