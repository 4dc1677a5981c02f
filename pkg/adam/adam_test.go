package adam

import (
	"context"
	"math"
	"testing"

	"github.com/optlab/optlab/pkg/gd"
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/reference"
	"github.com/optlab/optlab/pkg/toynet"
)

func relErr(got, want float64) float64 {
	return math.Abs(got-want) / math.Max(math.Abs(want), 1e-300)
}

func minimize(t testing.TB, p optim.Problem, x0 []float64, s *optim.Settings, m *Method) *optim.Result {
	t.Helper()
	r, err := optim.Minimize(context.Background(), p, x0, s, m)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The reference run: torch.optim.Adam(lr=1) for 100 steps from x0 on the toy
// network, recording the loss before each step. Its last recorded loss (the
// loss at the parameters before the 100th update) is the reference value:
// Result.Path[len−1].F, which is also the F of the last Iteration a
// Callback sees.
func TestToyNetReference(t *testing.T) {
	ref := reference.MustGet()
	net := toynet.Reference()
	lr, steps := ref.Settings.Adam.LR, ref.Settings.Adam.Steps
	if lr != 1 || steps != 100 {
		t.Fatalf("reference settings lr %g steps %d, expected 1 and 100", lr, steps)
	}
	var seen optim.Iteration
	r := minimize(t, net.Problem(), toynet.X0(), &optim.Settings{MaxIter: steps, Record: true,
		Callback: func(it optim.Iteration) bool { seen = it; return false }}, &Method{LR: lr})
	want := ref.ReferenceResults.AdamFinalLoss
	last := r.Path[len(r.Path)-1].F
	if len(r.Path) != 100 || relErr(last, want) > 1e-9 {
		t.Errorf("last measured loss %.15g (of %d), PyTorch %.15g, relative error %.2g", last, len(r.Path), want, relErr(last, want))
	}
	t.Logf("last measured loss %.15g, PyTorch %.15g, relative error %.2g", last, want, relErr(last, want))
	if seen.Iter != 100 || seen.F != last {
		t.Errorf("callback's last iteration %d F %.15g, Path's %.15g", seen.Iter, seen.F, last)
	}
	if relErr(r.Path[0].F, ref.LossAtX0) > 1e-12 {
		t.Errorf("first loss %.15g, loss at x0 %.15g", r.Path[0].F, ref.LossAtX0)
	}
	if r.NFev != 100 || r.NGev != 100 || r.NIt != 100 || r.Status != optim.IterationLimit {
		t.Errorf("counts: %v ngev %d", r, r.NGev)
	}
	if r.F > last || net.Loss(r.X) != r.F {
		t.Errorf("best F %g, last %g, f(X) %g", r.F, last, net.Loss(r.X))
	}
}

// Step is the textbook formula x ← x − lr·m̂/(√v̂ + ε) up to rounding.
func TestStepMatchesTextbook(t *testing.T) {
	rng := optim.NewRand(3)
	const n = 7
	x, m, v := make([]float64, n), make([]float64, n), make([]float64, n)
	xt, mt, vt := make([]float64, n), make([]float64, n), make([]float64, n)
	g := make([]float64, n)
	lr, b1, b2, eps := 0.1, 0.8, 0.99, 1e-3
	for i := range x {
		x[i] = rng.NormFloat64()
		xt[i] = x[i]
	}
	for t1 := 1; t1 <= 50; t1++ {
		for i := range g {
			g[i] = rng.NormFloat64() * math.Pow(10, float64(i-3))
		}
		Step(x, g, m, v, t1, lr, b1, b2, eps)
		for i := range xt {
			mt[i] = b1*mt[i] + (1-b1)*g[i]
			vt[i] = b2*vt[i] + (1-b2)*g[i]*g[i]
			mhat := mt[i] / (1 - math.Pow(b1, float64(t1)))
			vhat := vt[i] / (1 - math.Pow(b2, float64(t1)))
			xt[i] -= lr * mhat / (math.Sqrt(vhat) + eps)
		}
		for i := range x {
			if math.Abs(x[i]-xt[i]) > 1e-13*math.Max(1, math.Abs(xt[i])) {
				t.Fatalf("t=%d x[%d] = %.17g, textbook %.17g", t1, i, x[i], xt[i])
			}
		}
	}
}

// Adam's first step moves every coordinate by lr·sign(g) (less ε's share):
// m̂₁ = g and √v̂₁ = |g|, whatever the gradient's scale — the per-coordinate
// normalization that the toy network's badly scaled gradient needs.
func TestFirstStepIsSignStep(t *testing.T) {
	net := toynet.Reference()
	x0 := toynet.X0()
	const lr = 0.01
	r := minimize(t, net.Problem(), x0, &optim.Settings{MaxIter: 1}, &Method{LR: lr})
	d, ok := optim.DetailOf[*gd.Detail](r)
	if !ok || r.NIt != 1 || r.NFev != 1 {
		t.Fatalf("%v, Detail %T", r, r.Detail)
	}
	g := make([]float64, len(x0))
	net.Grad(g, x0)
	for i := range x0 {
		want := x0[i] - lr*math.Copysign(1, g[i])*math.Abs(g[i])/(math.Abs(g[i])+DefaultEps)
		if relErr(d.Last[i], want) > 1e-12 {
			t.Errorf("x1[%d] = %.15g, want %.15g (g = %g)", i, d.Last[i], want, g[i])
		}
	}
}

// The finite-difference path agrees with the analytic one on a smooth
// problem (a rotated, shifted quadratic plus a cosine ripple).
func TestFiniteDifferencesAgree(t *testing.T) {
	f := func(x []float64) float64 {
		u, w := x[0]+0.5*x[1]-1, x[1]-2*x[2]+0.3
		return u*u + 3*w*w + 0.5*x[2]*x[2] + 0.1*math.Cos(x[0])
	}
	grad := func(g, x []float64) {
		u, w := x[0]+0.5*x[1]-1, x[1]-2*x[2]+0.3
		g[0] = 2*u - 0.1*math.Sin(x[0])
		g[1] = u + 6*w
		g[2] = -12*w + x[2]
	}
	exact := optim.Problem{Func: f, Grad: grad}
	noGrad := optim.Problem{Func: f}
	x0 := []float64{2, -1, 0.5}
	s := &optim.Settings{MaxIter: 300, Record: true}
	m := &Method{LR: 0.05}
	re := minimize(t, exact, x0, s, m)
	rd := minimize(t, noGrad, x0, s, m)
	const tol = 1e-4 // forward differences
	if len(re.Path) != 300 || len(rd.Path) != 300 {
		t.Fatalf("path lengths %d %d", len(re.Path), len(rd.Path))
	}
	for k := range re.Path {
		for i := range x0 {
			if math.Abs(re.Path[k].X[i]-rd.Path[k].X[i]) > tol {
				t.Fatalf("step %d: analytic %v, differences %v", k, re.Path[k].X, rd.Path[k].X)
			}
		}
	}
	if per := 3 + 1; rd.NFev != 300*per || rd.NGev != 0 {
		t.Errorf("nfev %d ngev %d, want %d and 0", rd.NFev, rd.NGev, 300*per)
	}
	// And the analytic gradient really does lead to the minimum.
	if gn := gd.GNorm(re.Path[len(re.Path)-1]); gn > 1e-2 {
		t.Errorf("final gradient norm %g", gn)
	}
}

func TestConvexQuadratic(t *testing.T) {
	p := optim.Problem{
		Func: func(x []float64) float64 { return (x[0]-1)*(x[0]-1) + 1e4*(x[1]+2)*(x[1]+2) },
		Grad: func(g, x []float64) { g[0], g[1] = 2*(x[0]-1), 2e4*(x[1]+2) },
	}
	r := minimize(t, p, []float64{0, 0}, &optim.Settings{MaxIter: 20000, GTol: 1e-6}, &Method{LR: 0.05})
	if r.Status != optim.Converged || math.Abs(r.X[0]-1) > 1e-6 || math.Abs(r.X[1]+2) > 1e-6 {
		t.Errorf("%v", r)
	}
}

func TestNonFinite(t *testing.T) {
	p := optim.Problem{
		Func: func(x []float64) float64 {
			if x[0] < 0 {
				return math.Inf(1)
			}
			return (x[0] + 1) * (x[0] + 1)
		},
		Grad: func(g, x []float64) { g[0] = 2 * (x[0] + 1) },
	}
	r := minimize(t, p, []float64{1}, &optim.Settings{MaxIter: 100}, &Method{LR: 0.3})
	if r.Status != optim.NonFinite || r.X[0] < 0 || !optim.IsFinite(r.F) {
		t.Errorf("%v", r)
	}
}

func TestBadInput(t *testing.T) {
	p := toynet.Reference().Problem()
	x0 := toynet.X0()
	cases := []struct {
		name string
		x0   []float64
		m    *Method
	}{
		{"lr < 0", x0, &Method{LR: -1e-3}},
		{"lr NaN", x0, &Method{LR: math.NaN()}},
		{"beta1 1", x0, &Method{Beta1: 1}},
		{"beta1 < 0", x0, &Method{Beta1: -0.1}},
		{"beta2 1", x0, &Method{Beta2: 1}},
		{"beta2 NaN", x0, &Method{Beta2: math.NaN()}},
		{"eps < 0", x0, &Method{Eps: -1}},
		{"eps Inf", x0, &Method{Eps: math.Inf(1)}},
		{"9 parameters for Dim 10", x0[:9], &Method{}},
		{"x0 nil", nil, &Method{}},
	}
	for _, c := range cases {
		if r, err := optim.Minimize(context.Background(), p, c.x0, nil, c.m); err == nil {
			t.Errorf("%s: no error (%v)", c.name, r)
		}
	}
}

func BenchmarkToyNet(b *testing.B) {
	p := toynet.Reference().Problem()
	x0 := toynet.X0()
	s := &optim.Settings{MaxIter: 100}
	b.ReportAllocs()
	for b.Loop() {
		minimize(b, p, x0, s, &Method{LR: 1})
	}
}
