package adam

import (
	"math"
	"testing"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/reference"
	"github.com/optlab/optlab/pkg/toynet"
)

func relErr(got, want float64) float64 {
	return math.Abs(got-want) / math.Max(math.Abs(want), 1e-300)
}

// The reference run: torch.optim.Adam(lr=1) for 100 steps from x0 on the toy
// network, recording the loss before each step. Its last recorded loss (the
// loss at the parameters before the 100th update) is the reference value.
func TestToyNetReference(t *testing.T) {
	ref := reference.MustGet()
	net := toynet.Reference()
	o := DefaultOptions()
	o.LR, o.MaxIter = ref.Settings.Adam.LR, ref.Settings.Adam.Steps
	if o.LR != 1 || o.MaxIter != 100 {
		t.Fatalf("reference settings lr %g steps %d, expected 1 and 100", o.LR, o.MaxIter)
	}
	r, path, err := MinimizePath(net.Problem(), toynet.X0(), o)
	if err != nil {
		t.Fatal(err)
	}
	want := ref.ReferenceResults.AdamFinalLoss
	last := path.F[len(path.F)-1]
	if len(path.F) != 100 || relErr(last, want) > 1e-9 {
		t.Errorf("last measured loss %.15g (of %d), PyTorch %.15g, relative error %.2g", last, len(path.F), want, relErr(last, want))
	}
	if relErr(path.F[0], ref.LossAtX0) > 1e-12 {
		t.Errorf("first loss %.15g, loss at x0 %.15g", path.F[0], ref.LossAtX0)
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
	o := DefaultOptions()
	o.LR, o.MaxIter = 0.01, 1
	_, path, err := MinimizePath(net.Problem(), x0, o)
	if err != nil {
		t.Fatal(err)
	}
	g := make([]float64, len(x0))
	net.Grad(g, x0)
	for i := range x0 {
		want := x0[i] - o.LR*math.Copysign(1, g[i])*math.Abs(g[i])/(math.Abs(g[i])+o.Eps)
		if relErr(path.Last[i], want) > 1e-12 {
			t.Errorf("x1[%d] = %.15g, want %.15g (g = %g)", i, path.Last[i], want, g[i])
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
	o := DefaultOptions()
	o.LR, o.MaxIter = 0.05, 300
	_, pe, err := MinimizePath(exact, x0, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, fwd := range []bool{false, true} {
		o.ForwardDiff = fwd
		r, pd, err := MinimizePath(noGrad, x0, o)
		if err != nil {
			t.Fatal(err)
		}
		tol := 1e-6
		if fwd {
			tol = 1e-4
		}
		for k := range pe.X {
			for i := range x0 {
				if math.Abs(pe.X[k][i]-pd.X[k][i]) > tol {
					t.Fatalf("forward=%v step %d: analytic %v, differences %v", fwd, k, pe.X[k], pd.X[k])
				}
			}
		}
		per := 2*3 + 1
		if fwd {
			per = 3 + 1
		}
		if r.NFev != 300*per || r.NGev != 0 {
			t.Errorf("forward=%v: nfev %d ngev %d, want %d and 0", fwd, r.NFev, r.NGev, 300*per)
		}
	}
	// And the analytic gradient really does lead to the minimum.
	if pe.GNorm[len(pe.GNorm)-1] > 1e-2 {
		t.Errorf("final gradient norm %g", pe.GNorm[len(pe.GNorm)-1])
	}
}

func TestConvexQuadratic(t *testing.T) {
	p := optim.Problem{
		Func: func(x []float64) float64 { return (x[0]-1)*(x[0]-1) + 1e4*(x[1]+2)*(x[1]+2) },
		Grad: func(g, x []float64) { g[0], g[1] = 2*(x[0]-1), 2e4*(x[1]+2) },
	}
	o := DefaultOptions()
	o.LR, o.MaxIter, o.GTol = 0.05, 20000, 1e-6
	r, err := Minimize(p, []float64{0, 0}, o)
	if err != nil {
		t.Fatal(err)
	}
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
	o := DefaultOptions()
	o.LR, o.MaxIter = 0.3, 100
	r, err := Minimize(p, []float64{1}, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != optim.NonFinite || r.X[0] < 0 || !optim.IsFinite(r.F) {
		t.Errorf("%v", r)
	}
}

func TestBadInput(t *testing.T) {
	p := toynet.Reference().Problem()
	x0 := toynet.X0()
	mod := func(f func(o *Options)) *Options { o := DefaultOptions(); f(o); return o }
	cases := []struct {
		name string
		x0   []float64
		o    *Options
	}{
		{"lr 0", x0, mod(func(o *Options) { o.LR = 0 })},
		{"lr < 0", x0, mod(func(o *Options) { o.LR = -1e-3 })},
		{"beta1 1", x0, mod(func(o *Options) { o.Beta1 = 1 })},
		{"beta1 < 0", x0, mod(func(o *Options) { o.Beta1 = -0.1 })},
		{"beta2 1", x0, mod(func(o *Options) { o.Beta2 = 1 })},
		{"beta2 NaN", x0, mod(func(o *Options) { o.Beta2 = math.NaN() })},
		{"eps < 0", x0, mod(func(o *Options) { o.Eps = -1 })},
		{"MaxIter 0", x0, mod(func(o *Options) { o.MaxIter = 0 })},
		{"9 parameters for Dim 10", x0[:9], nil},
		{"x0 nil", nil, nil},
	}
	for _, c := range cases {
		if r, err := Minimize(p, c.x0, c.o); err == nil {
			t.Errorf("%s: no error (%v)", c.name, r)
		}
	}
}

func BenchmarkToyNet(b *testing.B) {
	p := toynet.Reference().Problem()
	x0 := toynet.X0()
	o := DefaultOptions()
	o.LR, o.MaxIter = 1, 100
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Minimize(p, x0, o); err != nil {
			b.Fatal(err)
		}
	}
}
