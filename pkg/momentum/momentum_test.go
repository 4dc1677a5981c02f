package momentum

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats"

	"github.com/optlab/optlab/pkg/gd"
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
)

// rosenbrock is problems.Rosenbrock(2): f(x, y) = 100 (y − x²)² + (1 − x)²,
// minimum 0 at (1, 1).
func rosenbrock() optim.Problem {
	p, err := problems.Rosenbrock(2)
	if err != nil {
		panic(err)
	}
	return p
}

// quadratic is problems.Quadratic(a, c): f(x) = ½ Σ a_i (x_i − c_i)²,
// minimum 0 at c; gradient descent converges for 0 < η < 2/max(a).
func quadratic(a, c []float64) optim.Problem {
	p, err := problems.Quadratic(a, c)
	if err != nil {
		panic(err)
	}
	return p
}

// dist is the Euclidean distance between x and y.
func dist(x, y []float64) float64 { return floats.Distance(x, y, 2) }

// With Polyak's tuning η = 4/(√L+√m)², μ = ((√κ−1)/(√κ+1))², the heavy ball
// converges on a quadratic of condition number κ at rate about
// (√κ−1)/(√κ+1) per step, far faster than gradient descent's (κ−1)/(κ+1).
func TestQuadraticPolyakRate(t *testing.T) {
	a, c := []float64{1, 10, 100}, []float64{1, -2, 0.5}
	x0 := []float64{0, 0, 0}
	L, m := 100.0, 1.0
	sk := math.Sqrt(L / m)
	o := DefaultOptions()
	o.LR = 4 / ((math.Sqrt(L) + math.Sqrt(m)) * (math.Sqrt(L) + math.Sqrt(m)))
	o.Momentum = ((sk - 1) / (sk + 1)) * ((sk - 1) / (sk + 1))
	o.MaxIter = 200
	r, err := Minimize(quadratic(a, c), x0, o)
	if err != nil {
		t.Fatal(err)
	}
	// Rate 9/11 per step: after 200 steps the error is ~1e-17 times a
	// polynomial factor; GD with its best step 2/(L+m) would still be at
	// (99/101)^200 ≈ 2e-2.
	if d := dist(r.X, c); d > 1e-10 {
		t.Errorf("heavy ball: %v, distance %g", r, d)
	}
	gdo := gd.DefaultOptions()
	gdo.LR, gdo.MaxIter = 2/(L+m), 200
	rg, err := gd.Minimize(quadratic(a, c), x0, gdo)
	if err != nil {
		t.Fatal(err)
	}
	if d := dist(rg.X, c); d < 1e-3 {
		t.Errorf("gradient descent converged too fast (%g): the comparison is void", d)
	}
	o.Nesterov = true
	o.LR, o.Momentum, o.GTol, o.MaxIter = 1/L, (sk-1)/(sk+1), 1e-10, 1000
	r, err = Minimize(quadratic(a, c), x0, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != optim.Converged || dist(r.X, c) > 1e-9 || r.NIt > 400 {
		t.Errorf("Nesterov: %v", r)
	}
}

func TestRosenbrock(t *testing.T) {
	for _, nesterov := range []bool{false, true} {
		o := DefaultOptions()
		o.LR, o.Momentum, o.Nesterov, o.MaxIter = 1e-3, 0.9, nesterov, 5000
		r, err := Minimize(rosenbrock(), []float64{-1.2, 1}, o)
		if err != nil {
			t.Fatal(err)
		}
		if d := dist(r.X, []float64{1, 1}); d > 1e-4 || r.Status != optim.IterationLimit || r.NFev != 5000 || r.NGev != 5000 {
			t.Errorf("nesterov=%v: %v, %g from (1, 1)", nesterov, r, d)
		}
	}
}

// μ = 0 is gradient descent, bit for bit.
func TestZeroMomentumIsGD(t *testing.T) {
	o := DefaultOptions()
	o.LR, o.Momentum, o.MaxIter = 1e-3, 0, 300
	_, p1, err := MinimizePath(rosenbrock(), []float64{-1.2, 1}, o)
	if err != nil {
		t.Fatal(err)
	}
	gdo := gd.DefaultOptions()
	gdo.LR, gdo.MaxIter = 1e-3, 300
	_, p2, err := gd.MinimizePath(rosenbrock(), []float64{-1.2, 1}, gdo)
	if err != nil {
		t.Fatal(err)
	}
	for k := range p1.X {
		if p1.X[k][0] != p2.X[k][0] || p1.X[k][1] != p2.X[k][1] {
			t.Fatalf("step %d: %v vs gradient descent %v", k, p1.X[k], p2.X[k])
		}
	}
}

// Our Nesterov form is PyTorch's SGD(momentum=μ, nesterov=True):
// b ← μ b + g, x ← x − η (g + μ b).
func TestNesterovIsPyTorchForm(t *testing.T) {
	p := rosenbrock()
	o := DefaultOptions()
	o.LR, o.Momentum, o.Nesterov, o.MaxIter = 1e-3, 0.9, true, 200
	_, path, err := MinimizePath(p, []float64{-1.2, 1}, o)
	if err != nil {
		t.Fatal(err)
	}
	x := []float64{-1.2, 1}
	b := make([]float64, 2)
	g := make([]float64, 2)
	for k := range 200 {
		if dist(x, path.X[k]) > 1e-12 {
			t.Fatalf("step %d: %v, PyTorch form %v", k, path.X[k], x)
		}
		p.Grad(g, x)
		for i := range x {
			b[i] = o.Momentum*b[i] + g[i]
			x[i] -= o.LR * (g[i] + o.Momentum*b[i])
		}
	}
	if dist(x, path.Last) > 1e-12 {
		t.Errorf("last: %v, PyTorch form %v", path.Last, x)
	}
}

// The heavy ball's defining recurrence: x_{k+1} = x_k − η g_k + μ (x_k − x_{k−1}).
func TestHeavyBallRecurrence(t *testing.T) {
	p := rosenbrock()
	o := DefaultOptions()
	o.LR, o.Momentum, o.MaxIter = 1e-3, 0.8, 100
	_, path, err := MinimizePath(p, []float64{-1.2, 1}, o)
	if err != nil {
		t.Fatal(err)
	}
	g := make([]float64, 2)
	for k := 1; k+1 < len(path.X); k++ {
		p.Grad(g, path.X[k])
		for i := range g {
			want := path.X[k][i] - o.LR*g[i] + o.Momentum*(path.X[k][i]-path.X[k-1][i])
			if math.Abs(path.X[k+1][i]-want) > 1e-12 {
				t.Fatalf("x_%d[%d] = %.15g, recurrence %.15g", k+1, i, path.X[k+1][i], want)
			}
		}
	}
}

func TestNonFinite(t *testing.T) {
	// Too large a step diverges; the overflow must end as NonFinite.
	o := DefaultOptions()
	o.LR, o.MaxIter = 0.5, 10000
	r, err := Minimize(quadratic([]float64{1, 10}, []float64{0, 0}), []float64{1, 1}, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != optim.NonFinite || !optim.IsFinite(r.F) {
		t.Errorf("divergence: %v", r)
	}
	p := optim.Problem{Func: func(x []float64) float64 { return x[0] * x[0] },
		Grad: func(g, x []float64) { g[0] = math.NaN() }}
	r, err = Minimize(p, []float64{1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != optim.NonFinite || r.NIt != 0 {
		t.Errorf("NaN gradient: %v", r)
	}
}

func TestBadInput(t *testing.T) {
	p := quadratic([]float64{1, 2}, []float64{0, 0})
	x0 := []float64{1, 1}
	mod := func(f func(o *Options)) *Options { o := DefaultOptions(); f(o); return o }
	cases := []struct {
		name string
		x0   []float64
		o    *Options
	}{
		{"lr 0", x0, mod(func(o *Options) { o.LR = 0 })},
		{"lr Inf", x0, mod(func(o *Options) { o.LR = math.Inf(1) })},
		{"momentum 1", x0, mod(func(o *Options) { o.Momentum = 1 })},
		{"momentum < 0", x0, mod(func(o *Options) { o.Momentum = -0.1 })},
		{"momentum NaN", x0, mod(func(o *Options) { o.Momentum = math.NaN() })},
		{"MaxIter 0", x0, mod(func(o *Options) { o.MaxIter = 0 })},
		{"x0 wrong length", []float64{1}, nil},
		{"x0 nil", nil, nil},
	}
	for _, c := range cases {
		if r, err := Minimize(p, c.x0, c.o); err == nil {
			t.Errorf("%s: no error (%v)", c.name, r)
		}
	}
}
