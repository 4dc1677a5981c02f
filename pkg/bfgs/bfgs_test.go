package bfgs

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
)

func alternating(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = 1
		if i%2 == 0 {
			x[i] = -1.2
		}
	}
	return x
}

// The secant condition H_{k+1} y_k = s_k after every update, along the
// method's own run: replaying the recorded iterates, with the method's
// scaling of H₀, reproduces its H sequence. The curvature condition
// y_kᵀs_k > 0 holds at every strong Wolfe step.
func TestSecantAndCurvature(t *testing.T) {
	p, _ := problems.Rosenbrock(10)
	for name, m := range map[string]optim.Method{"bfgs": BFGS{}, "dfp": DFP{}} {
		update := UpdateBFGS
		if name == "dfp" {
			update = UpdateDFP
		}
		x0 := alternating(10)
		r, err := optim.Minimize(context.Background(), p, x0, &optim.Settings{Record: true, MaxIter: 60}, m)
		if err != nil {
			t.Fatal(err)
		}
		st := &state{H: identity(10, 1)}
		xs := append([][]float64{x0}, nil)[:1]
		for _, it := range r.Path {
			xs = append(xs, it.X)
		}
		g0, g1 := make([]float64, 10), make([]float64, 10)
		s, y, hy := make([]float64, 10), make([]float64, 10), mat.NewVecDense(10, nil)
		for k := 0; k+1 < len(xs); k++ {
			p.Grad(g0, xs[k])
			p.Grad(g1, xs[k+1])
			floats.SubTo(s, xs[k+1], xs[k])
			floats.SubTo(y, g1, g0)
			if sy := floats.Dot(s, y); !(sy > 0) {
				t.Errorf("%s step %d: yᵀs = %g ≤ 0 after a strong Wolfe step", name, k, sy)
				continue
			}
			if st.learn(update, s, y) {
				t.Fatalf("%s step %d: update skipped", name, k)
			}
			hy.MulVec(st.H, mat.NewVecDense(10, y))
			if e := floats.Distance(hy.RawVector().Data, s, 2) / floats.Norm(s, 2); e > 1e-10 {
				t.Errorf("%s step %d: ‖H₊y − s‖/‖s‖ = %g", name, k, e)
			}
			var ch mat.Cholesky
			if !ch.Factorize(st.H) {
				t.Errorf("%s step %d: H not positive definite", name, k)
			}
		}
		if d := r.Detail.(*Detail); d.Skipped != 0 {
			t.Errorf("%s: %d skipped updates", name, d.Skipped)
		}
	}
}

// BFGS on the chained 10-D Rosenbrock (problems.Rosenbrock) from
// (−1.2, 1, −1.2, 1, …) reaches the global minimum (1, …, 1), not the
// local minimum near (−0.99, 1, …, 1) with f ≈ 3.99.
func TestRosenbrock10(t *testing.T) {
	p, _ := problems.Rosenbrock(10)
	r, err := optim.Minimize(context.Background(), p, alternating(10), nil, BFGS{})
	if err != nil {
		t.Fatal(err)
	}
	d := r.Detail.(*Detail)
	ones := slices.Repeat([]float64{1}, 10)
	if r.Status != optim.Converged || d.GNorm > 1e-6 || floats.Distance(r.X, ones, math.Inf(1)) > 1e-5 {
		t.Errorf("%v, ‖g‖∞ = %g", r, d.GNorm)
	}
	t.Logf("chained Rosenbrock 10-D: f = %.3g at ‖x−1‖∞ = %.2g, nit %d, nfev %d, ngev %d", r.F, floats.Distance(r.X, ones, math.Inf(1)), r.NIt, r.NFev, r.NGev)
}

// mghSet is problems.MGHDescentSet and the chained Rosenbrock function in
// 10-D and 100-D from (−1.2, 1, …).
func mghSet() []problems.MGH {
	r10, _ := problems.ExtendedRosenbrock(10)
	r100, _ := problems.ExtendedRosenbrock(100)
	return append(problems.MGHDescentSet(), r10, r100)
}

// BFGS and DFP (with its default nearly exact line search) reach
// ‖∇f‖∞ ≤ 1e-6 on every MGH problem within the default 2000 iterations,
// at the global minimum 0 (Freudenstein–Roth: at the local minimum 48.98).
func TestMGH(t *testing.T) {
	for _, m := range []optim.Method{BFGS{}, DFP{}} {
		for _, c := range mghSet() {
			r, gn := problems.SolveMGH(t, m, c, nil)
			ok := r.Status == optim.Converged && gn <= 1e-6
			if c.Name == "freudenstein" {
				ok = ok && math.Abs(r.F-c.LocalFMin) < 1e-8
			} else {
				ok = ok && r.F < 1e-8
			}
			if !ok {
				t.Errorf("%s %s: %v (‖g‖ = %g)", m.Info().Name, c.Name, r, gn)
			}
		}
	}
}

// The textbook DFP, with BFGS's line search (c₂ = 0.9), corrects a bad H
// so slowly that it is still far from the minimum at the default 2000
// iterations on the pairwise 10-D Rosenbrock function, Wood and Brown
// badly scaled (chapter 07 shows it).
func TestTextbookDFPStalls(t *testing.T) {
	for _, c := range problems.MGHDescentSet() {
		switch c.Name {
		case "rosenbrock-pairs-10", "wood", "brown":
			r, gn := problems.SolveMGH(t, DFP{C2: 0.9}, c, nil)
			if r.Status != optim.IterationLimit || !(gn > 0.1) || !(r.F < c.Problem.Func(c.X0)) {
				t.Errorf("textbook DFP %s: %v (‖g‖ = %g), want an iteration limit far from the minimum", c.Name, r, gn)
			}
		}
	}
}

func TestDFPBadC2(t *testing.T) {
	p, _ := problems.Rosenbrock(2)
	for _, c2 := range []float64{-0.5, 1e-5, 1, 2, math.NaN()} {
		r, err := optim.Minimize(context.Background(), p, []float64{-1.2, 1}, nil, DFP{C2: c2})
		if err == nil || !strings.Contains(err.Error(), "C2") || (r != nil && r.NFev != 0) {
			t.Errorf("C2 = %v: err = %v, result %v", c2, err, r)
		}
	}
}

func TestStatuses(t *testing.T) {
	c, _ := problems.ExtendedRosenbrock(2)
	sq, _ := problems.Sphere(3)
	r, _ := optim.Minimize(context.Background(), sq, []float64{0, 0, 0}, nil, BFGS{})
	if r.Status != optim.Converged || r.NFev != 1 || r.NIt != 0 {
		t.Errorf("zero gradient: %v", r)
	}
	r, _ = optim.Minimize(context.Background(), c.Problem, c.X0, &optim.Settings{MaxIter: 4}, BFGS{})
	if r.Status != optim.IterationLimit || r.NIt != 4 {
		t.Errorf("MaxIter: %v", r)
	}
	r, _ = optim.Minimize(context.Background(), c.Problem, c.X0, &optim.Settings{MaxEval: 6}, DFP{})
	if r.Status != optim.EvaluationLimit || r.NFev != 6 {
		t.Errorf("MaxEval: %v", r)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if r, _ = optim.Minimize(ctx, c.Problem, c.X0, nil, BFGS{}); r.Status != optim.Cancelled {
		t.Errorf("cancelled: %v", r)
	}
	nan := c.Problem
	nan.Func = func(x []float64) float64 {
		if x[0] > -1.1 {
			return math.NaN()
		}
		return c.Problem.Func(x)
	}
	if r, _ = optim.Minimize(context.Background(), nan, c.X0, nil, BFGS{}); r.Status.Success() || r.X[0] > -1.1 {
		t.Errorf("NaN region: %v", r)
	}
	allNaN := c.Problem
	allNaN.Grad = func(g, x []float64) { g[0], g[1] = math.NaN(), 0 }
	if r, _ = optim.Minimize(context.Background(), allNaN, c.X0, nil, BFGS{}); r.Status != optim.NonFinite {
		t.Errorf("NaN gradient: %v", r)
	}
	b := c.Problem
	b.Lower, b.Upper = []float64{-2, -2}, []float64{0.5, 2}
	r, _ = optim.Minimize(context.Background(), b, c.X0, nil, BFGS{})
	if r.Status != optim.LineSearchFailure || !strings.Contains(r.Message, "bound") || r.X[0] > 0.5 {
		t.Errorf("bounds: %v", r)
	}
	fd := optim.Problem{Func: c.Problem.Func}
	r1, _ := optim.Minimize(context.Background(), fd, c.X0, nil, BFGS{})
	r4, _ := optim.Minimize(context.Background(), fd, c.X0, &optim.Settings{Workers: 4}, BFGS{})
	// With forward differences (error ≈ √ε ‖∇²f‖ ≈ 1e-5) ‖∇f‖∞ ≤ 1e-6 is out of
	// reach: the line search ends with "step too small" at f ≈ 2e-11.
	if r1.F > 1e-9 || !slices.Equal(r1.X, r4.X) || r1.NFev != r4.NFev || r1.Status != r4.Status {
		t.Errorf("FD workers: %v vs %v", r1, r4)
	}
}
