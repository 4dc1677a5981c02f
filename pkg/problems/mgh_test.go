package problems

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/functions"

	"github.com/optlab/optlab/pkg/optim"
)

func TestMGHNames(t *testing.T) {
	var got []string
	for _, m := range MGHProblems() {
		got = append(got, m.Name)
		n := len(m.X0)
		if len(m.XMin) != n || m.Problem.Func == nil || m.Problem.Grad == nil || m.Problem.Hess == nil {
			t.Errorf("%s: incomplete", m.Name)
		}
		if d, err := m.Problem.Dimension(m.X0); err != nil || d != n {
			t.Errorf("%s: dimension %d, %v", m.Name, d, err)
		}
	}
	want := []string{"rosenbrock-2", "rosenbrock-10", "rosenbrock-100", "beale", "powell", "wood", "brown", "freudenstein"}
	if !slices.Equal(got, want) {
		t.Errorf("MGHProblems: %v, want %v", got, want)
	}
	for _, n := range []int{0, 1, 3, -2} {
		if _, err := ExtendedRosenbrock(n); err == nil {
			t.Errorf("ExtendedRosenbrock(%d) accepted", n)
		}
	}
	// Fresh values: changing one does not change the next.
	MGHProblems()[3].X0[0] = 99
	if MGHProblems()[3].X0[0] != 1 {
		t.Error("MGHProblems shares state")
	}
}

// f(XMin) = FMin with a zero gradient and a positive semidefinite Hessian;
// the start is worse; the Freudenstein–Roth local minimum is a stationary
// point with a positive definite Hessian and value LocalFMin.
func TestMGHMinima(t *testing.T) {
	for _, m := range mghAll() {
		p, n := m.Problem, len(m.X0)
		type point struct {
			x []float64
			f float64
		}
		pts := []point{{m.XMin, m.FMin}}
		if m.LocalXMin != nil {
			pts = append(pts, point{m.LocalXMin, m.LocalFMin})
		}
		for _, pt := range pts {
			if f := p.Func(pt.x); math.Abs(f-pt.f) > 1e-12*math.Max(1, pt.f) {
				t.Errorf("%s: f(%v) = %.17g, want %.17g", m.Name, pt.x, f, pt.f)
			}
			g := make([]float64, n)
			p.Grad(g, pt.x)
			for i, v := range g {
				if math.Abs(v) > 1e-10 {
					t.Errorf("%s: gradient[%d] = %g at %v", m.Name, i, v, pt.x)
				}
			}
			h := mat.NewSymDense(n, nil)
			p.Hess(h, pt.x)
			var eig mat.EigenSym
			if !eig.Factorize(h, false) {
				t.Fatalf("%s: eigen", m.Name)
			}
			if lmin := slices.Min(eig.Values(nil)); lmin < -1e-9 || (m.Name == "freudenstein" && !(lmin > 0)) {
				t.Errorf("%s: Hessian eigenvalue %g at %v", m.Name, lmin, pt.x)
			}
		}
		if !(p.Func(m.X0) > m.FMin) {
			t.Errorf("%s: f(X0) = %g", m.Name, p.Func(m.X0))
		}
	}
	// The published values.
	fr := FreudensteinRoth()
	if math.Abs(fr.LocalFMin-48.9842536792400) > 1e-10 || fr.Problem.Func(fr.X0) != 400.5 {
		t.Errorf("freudenstein: local min %.15g, f(X0) = %g", fr.LocalFMin, fr.Problem.Func(fr.X0))
	}
	for _, c := range []struct {
		m  MGH
		f0 float64
	}{{Beale(), 14.203125}, {PowellSingular(), 215}, {Wood(), 19192}, {BrownBadlyScaled(), 999998000003}} {
		if f := c.m.Problem.Func(c.m.X0); f != c.f0 {
			t.Errorf("%s: f(X0) = %.17g, published %g", c.m.Name, f, c.f0)
		}
	}
}

// samples returns points around X0 and XMin, scaled per coordinate (so
// that Brown's x_2 ≈ 1e-6 is sampled at its own scale too).
func samples(m MGH, rng func() float64) [][]float64 {
	var xs [][]float64
	for k := range 12 {
		x := make([]float64, len(m.X0))
		for i := range x {
			c := m.X0[i]
			if k%2 == 1 {
				c = m.XMin[i]
			}
			scale := math.Max(1, math.Abs(c))
			if k%4 == 3 {
				scale = math.Max(1e-6, math.Abs(c))
			}
			x[i] = c + scale*(2*rng()-1)
		}
		xs = append(xs, x)
	}
	return xs
}

// The analytic gradients and Hessians agree with gonum's central
// differences at random points.
func TestMGHDerivatives(t *testing.T) {
	r := optim.NewRand(11)
	for _, m := range mghAll() {
		p, n := m.Problem, len(m.X0)
		if n > 10 {
			continue // rosenbrock-100: the same code as rosenbrock-10
		}
		for _, x := range samples(m, r.Float64) {
			g, num := make([]float64, n), make([]float64, n)
			p.Grad(g, x)
			// Central differences err by about h²f‴ + ε|f|/h; Brown's f
			// reaches 1e12 where its gradient is 10, so the tolerance
			// carries the rounding term (gonum's Brown checks it exactly).
			step := func(i int) float64 { return 1e-4 * math.Max(1, math.Abs(x[i])) }
			round := func(i int) float64 { return 100 * 0x1p-52 * math.Abs(p.Func(x)) / step(i) }
			// fd.Settings has one step; differentiate coordinate-wise
			// where the scales differ (Brown).
			for i := range n {
				fi := func(y []float64) float64 {
					z := slices.Clone(x)
					z[i] = y[0]
					return p.Func(z)
				}
				d := []float64{0}
				fd.Gradient(d, fi, []float64{x[i]}, &fd.Settings{Formula: fd.Central, Step: step(i)})
				num[i] = d[0]
			}
			gscale := math.Max(1, floatsMaxAbs(num))
			for i := range g {
				if math.Abs(g[i]-num[i]) > 1e-6*gscale+round(i) {
					t.Errorf("%s at %v: grad[%d] = %.10g, central difference %.10g", m.Name, x, i, g[i], num[i])
				}
			}
			h := mat.NewSymDense(n, nil)
			p.Hess(h, x)
			for j := range n {
				for i := range n {
					gi := func(y []float64) float64 {
						z := slices.Clone(x)
						z[i] = y[0]
						gz := make([]float64, n)
						p.Grad(gz, z)
						return gz[j]
					}
					d := []float64{0}
					hs := 1e-6 * math.Max(1, math.Abs(x[i]))
					fd.Gradient(d, gi, []float64{x[i]}, &fd.Settings{Formula: fd.Central, Step: hs})
					hscale := math.Max(1, math.Abs(h.At(i, i))+math.Abs(h.At(j, j)))
					if math.Abs(h.At(i, j)-d[0]) > 1e-6*hscale+100*0x1p-52*floatsMaxAbs(g)/hs {
						t.Errorf("%s at %v: H[%d][%d] = %.10g, central difference of the gradient %.10g", m.Name, x, i, j, h.At(i, j), d[0])
					}
				}
			}
		}
	}
}

func floatsMaxAbs(x []float64) float64 {
	m := 0.0
	for _, v := range x {
		m = max(m, math.Abs(v))
	}
	return m
}

// The same functions as gonum's optimize/functions (an independent
// implementation), value, gradient and Hessian.
func TestMGHAgainstGonum(t *testing.T) {
	type ref struct {
		f    func([]float64) float64
		g    func(g, x []float64)
		h    func(*mat.SymDense, []float64)
		name string
	}
	refs := map[string]ref{
		// gonum v0.17.0's Beale.Hess is wrong (it computes the residuals
		// with x[1] where x[0] belongs: f1 := 1.5 − x[1]·t1); ours agrees
		// with central differences (TestMGHDerivatives), so only f and ∇f
		// are compared.
		"beale":  {functions.Beale{}.Func, functions.Beale{}.Grad, nil, "Beale"},
		"brown":  {functions.BrownBadlyScaled{}.Func, functions.BrownBadlyScaled{}.Grad, functions.BrownBadlyScaled{}.Hess, "BrownBadlyScaled"},
		"wood":   {functions.Wood{}.Func, functions.Wood{}.Grad, functions.Wood{}.Hess, "Wood"},
		"powell": {functions.ExtendedPowellSingular{}.Func, functions.ExtendedPowellSingular{}.Grad, nil, "ExtendedPowellSingular"},
	}
	for _, n := range []int{2, 10} {
		m, _ := ExtendedRosenbrock(n)
		refs[m.Name] = ref{functions.ExtendedRosenbrock{}.Func, functions.ExtendedRosenbrock{}.Grad, nil, "ExtendedRosenbrock"}
	}
	r := optim.NewRand(5)
	seen := 0
	for _, m := range MGHProblems() {
		rf, ok := refs[m.Name]
		if !ok {
			continue
		}
		seen++
		n := len(m.X0)
		for _, x := range samples(m, r.Float64) {
			f, fr := m.Problem.Func(x), rf.f(x)
			if math.Abs(f-fr) > 1e-12*math.Max(1, math.Abs(fr)) {
				t.Errorf("%s at %v: f = %.17g, gonum %s %.17g", m.Name, x, f, rf.name, fr)
			}
			g, gr := make([]float64, n), make([]float64, n)
			m.Problem.Grad(g, x)
			rf.g(gr, x)
			for i := range g {
				if math.Abs(g[i]-gr[i]) > 1e-12*math.Max(1, floatsMaxAbs(gr)) {
					t.Errorf("%s at %v: grad[%d] = %.17g, gonum %.17g", m.Name, x, i, g[i], gr[i])
				}
			}
			if rf.h == nil {
				continue
			}
			h, hr := mat.NewSymDense(n, nil), mat.NewSymDense(n, nil)
			m.Problem.Hess(h, x)
			rf.h(hr, x)
			if !mat.EqualApprox(h, hr, 1e-12*math.Max(1, mat.Norm(hr, math.Inf(1)))) {
				t.Errorf("%s at %v: Hessian %v, gonum %v", m.Name, x, mat.Formatted(h), mat.Formatted(hr))
			}
		}
	}
	if seen != 6 {
		t.Errorf("compared %d problems with gonum, want 6", seen)
	}
}

// mghAll is MGHProblems and the pairwise extended Rosenbrock in 4 and 10
// dimensions.
func mghAll() []MGH {
	p4, _ := ExtendedRosenbrockPairs(4)
	p10, _ := ExtendedRosenbrockPairs(10)
	return append(MGHProblems(), p4, p10)
}

// The pairwise form is n/2 copies of the 2-D Rosenbrock function; the
// descent set has the problems and names the descent tests use.
func TestExtendedRosenbrockPairs(t *testing.T) {
	for _, n := range []int{0, 1, 3, -2} {
		if _, err := ExtendedRosenbrockPairs(n); err == nil {
			t.Errorf("ExtendedRosenbrockPairs(%d) accepted", n)
		}
	}
	m, _ := ExtendedRosenbrockPairs(6)
	x := []float64{-1.2, 1, 0.3, -0.4, 2, 3.5}
	want := 0.0
	for i := 0; i < 6; i += 2 {
		want += RosenbrockFunc(x[i : i+2])
	}
	if f := m.Problem.Func(x); math.Abs(f-want) > 1e-12*want || m.Name != "rosenbrock-pairs-6" {
		t.Errorf("%s: f = %v, want %v", m.Name, f, want)
	}
	var got []string
	for _, c := range MGHDescentSet() {
		got = append(got, c.Name)
	}
	if w := []string{"rosenbrock-2", "rosenbrock-pairs-10", "beale", "powell", "wood", "brown", "freudenstein"}; !slices.Equal(got, w) {
		t.Errorf("MGHDescentSet: %v, want %v", got, w)
	}
}

type fakeTB struct {
	logs  []string
	fatal bool
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Logf(format string, args ...any) {
	f.logs = append(f.logs, fmt.Sprintf(format, args...))
}
func (f *fakeTB) Fatalf(format string, args ...any) { f.fatal = true }

type gd struct{}

func (gd) Info() optim.Info { return optim.Info{Name: "gd-test", DefaultMaxIter: 5000, Gradient: true} }
func (gd) Run(t *optim.Task) error {
	x, g := slices.Clone(t.X0), make([]float64, t.N)
	for {
		f := t.FuncGrad(g, x)
		if math.Max(math.Abs(g[0]), math.Abs(g[1])) < 1e-8 {
			t.Finish(optim.Converged, "done")
			return nil
		}
		x[0], x[1] = x[0]-0.1*g[0], x[1]-0.1*g[1]
		t.Iterate(optim.Iteration{X: x, F: f})
	}
}

// SolveMGH returns the result with ‖∇f(X)‖∞, logs one line, and stops the
// test on an error.
func TestSolveMGH(t *testing.T) {
	c := MGH{Name: "bowl", Problem: optim.Problem{Dim: 2,
		Func: func(x []float64) float64 { return x[0]*x[0] + 2*x[1]*x[1] },
		Grad: func(g, x []float64) { g[0], g[1] = 2*x[0], 4*x[1] }}, X0: []float64{1, 1}}
	tb := &fakeTB{}
	r, gn := SolveMGH(tb, gd{}, c, nil)
	if tb.fatal || r.Status != optim.Converged || !(gn < 1e-8) || len(tb.logs) != 1 || !strings.Contains(tb.logs[0], "bowl") {
		t.Errorf("%v, ‖g‖ = %g, logs %q", r, gn, tb.logs)
	}
	c.X0 = []float64{1}
	if SolveMGH(tb, gd{}, c, nil); !tb.fatal {
		t.Error("a bad x0 did not stop the test")
	}
}
