package momentum

import (
	"context"
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

func minimize(t *testing.T, p optim.Problem, x0 []float64, s *optim.Settings, m optim.Method) *optim.Result {
	t.Helper()
	r, err := optim.Minimize(context.Background(), p, x0, s, m)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func last(t *testing.T, r *optim.Result) []float64 {
	t.Helper()
	d, ok := optim.DetailOf[*gd.Detail](r)
	if !ok {
		t.Fatalf("Detail is %T, want *gd.Detail", r.Detail)
	}
	return d.Last
}

// With Polyak's tuning η = 4/(√L+√m)², μ = ((√κ−1)/(√κ+1))², the heavy ball
// converges on a quadratic of condition number κ at rate about
// (√κ−1)/(√κ+1) per step, far faster than gradient descent's (κ−1)/(κ+1).
func TestQuadraticPolyakRate(t *testing.T) {
	a, c := []float64{1, 10, 100}, []float64{1, -2, 0.5}
	x0 := []float64{0, 0, 0}
	L, m := 100.0, 1.0
	sk := math.Sqrt(L / m)
	hb := &Method{
		LR: 4 / ((math.Sqrt(L) + math.Sqrt(m)) * (math.Sqrt(L) + math.Sqrt(m))),
		Mu: ((sk - 1) / (sk + 1)) * ((sk - 1) / (sk + 1)),
	}
	r := minimize(t, quadratic(a, c), x0, &optim.Settings{MaxIter: 200, GTol: 1e-300}, hb)
	// Rate 9/11 per step: after 200 steps the error is ~1e-17 times a
	// polynomial factor; GD with its best step 2/(L+m) would still be at
	// (99/101)^200 ≈ 2e-2.
	if d := dist(r.X, c); d > 1e-10 {
		t.Errorf("heavy ball: %v, distance %g", r, d)
	}
	rg := minimize(t, quadratic(a, c), x0, &optim.Settings{MaxIter: 200}, &gd.Method{LR: 2 / (L + m)})
	if d := dist(rg.X, c); d < 1e-3 {
		t.Errorf("gradient descent converged too fast (%g): the comparison is void", d)
	}
	nag := &Method{LR: 1 / L, Mu: (sk - 1) / (sk + 1), Nesterov: true}
	r = minimize(t, quadratic(a, c), x0, &optim.Settings{MaxIter: 1000, GTol: 1e-10}, nag)
	if r.Status != optim.Converged || dist(r.X, c) > 1e-9 || r.NIt > 400 {
		t.Errorf("Nesterov: %v", r)
	}
}

func TestRosenbrock(t *testing.T) {
	for _, nesterov := range []bool{false, true} {
		r := minimize(t, rosenbrock(), []float64{-1.2, 1}, &optim.Settings{MaxIter: 5000, GTol: 1e-300}, &Method{LR: 1e-3, Mu: 0.9, Nesterov: nesterov})
		if d := dist(r.X, []float64{1, 1}); d > 1e-4 || r.Status != optim.IterationLimit || r.NFev != 5000 || r.NGev != 5000 {
			t.Errorf("nesterov=%v: %v, %g from (1, 1)", nesterov, r, d)
		}
	}
}

// The zero Method is the documented defaults: η = 1e-3, μ = 0.9, heavy
// ball, 1000 steps.
func TestDefaults(t *testing.T) {
	r0 := minimize(t, rosenbrock(), []float64{-1.2, 1}, nil, &Method{})
	r1 := minimize(t, rosenbrock(), []float64{-1.2, 1}, &optim.Settings{MaxIter: 1000}, &Method{LR: 1e-3, Mu: 0.9})
	if r0.NIt != 1000 || !floats.Equal(r0.X, r1.X) || r0.F != r1.F {
		t.Errorf("defaults %v, explicit %v", r0, r1)
	}
}

// gdWith runs gd.Loop with a momentum step function directly (μ = 0 is not
// a Method value: zero means the default there).
type gdWith struct{ lr, mu float64 }

func (m gdWith) Info() optim.Info {
	return optim.Info{Name: "test", Iteration: gd.IterationDoc, DefaultMaxIter: gd.DefaultMaxIter, Gradient: true}
}
func (m gdWith) Run(t *optim.Task) error {
	v := make([]float64, t.N)
	return gd.Loop(t, func(_ int, x, g []float64) { HeavyBall(x, v, g, m.lr, m.mu) })
}

// μ = 0 is gradient descent, bit for bit.
func TestZeroMomentumIsGD(t *testing.T) {
	s := &optim.Settings{MaxIter: 300, Record: true}
	p1 := minimize(t, rosenbrock(), []float64{-1.2, 1}, s, gdWith{1e-3, 0}).Path
	p2 := minimize(t, rosenbrock(), []float64{-1.2, 1}, s, &gd.Method{LR: 1e-3}).Path
	if len(p1) != 300 || len(p2) != 300 {
		t.Fatalf("path lengths %d %d", len(p1), len(p2))
	}
	for k := range p1 {
		if p1[k].X[0] != p2[k].X[0] || p1[k].X[1] != p2[k].X[1] {
			t.Fatalf("step %d: %v vs gradient descent %v", k, p1[k].X, p2[k].X)
		}
	}
}

// Our Nesterov form is PyTorch's SGD(momentum=μ, nesterov=True):
// b ← μ b + g, x ← x − η (g + μ b).
func TestNesterovIsPyTorchForm(t *testing.T) {
	p := rosenbrock()
	m := &Method{LR: 1e-3, Mu: 0.9, Nesterov: true}
	r := minimize(t, p, []float64{-1.2, 1}, &optim.Settings{MaxIter: 200, Record: true}, m)
	x := []float64{-1.2, 1}
	b := make([]float64, 2)
	g := make([]float64, 2)
	for k := range 200 {
		if dist(x, r.Path[k].X) > 1e-12 {
			t.Fatalf("step %d: %v, PyTorch form %v", k, r.Path[k].X, x)
		}
		p.Grad(g, x)
		for i := range x {
			b[i] = m.Mu*b[i] + g[i]
			x[i] -= m.LR * (g[i] + m.Mu*b[i])
		}
	}
	if dist(x, last(t, r)) > 1e-12 {
		t.Errorf("last: %v, PyTorch form %v", last(t, r), x)
	}
}

// The heavy ball's defining recurrence: x_{k+1} = x_k − η g_k + μ (x_k − x_{k−1}).
func TestHeavyBallRecurrence(t *testing.T) {
	p := rosenbrock()
	m := &Method{LR: 1e-3, Mu: 0.8}
	path := minimize(t, p, []float64{-1.2, 1}, &optim.Settings{MaxIter: 100, Record: true}, m).Path
	if len(path) != 100 {
		t.Fatalf("path length %d", len(path))
	}
	g := make([]float64, 2)
	for k := 1; k+1 < len(path); k++ {
		p.Grad(g, path[k].X)
		for i := range g {
			want := path[k].X[i] - m.LR*g[i] + m.Mu*(path[k].X[i]-path[k-1].X[i])
			if math.Abs(path[k+1].X[i]-want) > 1e-12 {
				t.Fatalf("x_%d[%d] = %.15g, recurrence %.15g", k+1, i, path[k+1].X[i], want)
			}
		}
	}
}

func TestNonFinite(t *testing.T) {
	// Too large a step diverges; the overflow must end as NonFinite.
	r := minimize(t, quadratic([]float64{1, 10}, []float64{0, 0}), []float64{1, 1}, &optim.Settings{MaxIter: 10000}, &Method{LR: 0.5})
	if r.Status != optim.NonFinite || !optim.IsFinite(r.F) {
		t.Errorf("divergence: %v", r)
	}
	p := optim.Problem{Func: func(x []float64) float64 { return x[0] * x[0] },
		Grad: func(g, x []float64) { g[0] = math.NaN() }}
	r = minimize(t, p, []float64{1}, nil, &Method{})
	if r.Status != optim.NonFinite || r.NIt != 0 {
		t.Errorf("NaN gradient: %v", r)
	}
}

func TestBadInput(t *testing.T) {
	p := quadratic([]float64{1, 2}, []float64{0, 0})
	x0 := []float64{1, 1}
	cases := []struct {
		name string
		x0   []float64
		m    *Method
	}{
		{"lr < 0", x0, &Method{LR: -1}},
		{"lr Inf", x0, &Method{LR: math.Inf(1)}},
		{"momentum 1", x0, &Method{Mu: 1}},
		{"momentum < 0", x0, &Method{Mu: -0.1}},
		{"momentum NaN", x0, &Method{Mu: math.NaN()}},
		{"x0 wrong length", []float64{1}, &Method{}},
		{"x0 nil", nil, &Method{}},
	}
	for _, c := range cases {
		if r, err := optim.Minimize(context.Background(), p, c.x0, nil, c.m); err == nil {
			t.Errorf("%s: no error (%v)", c.name, r)
		}
	}
}
