package cg

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
)

// spd returns Q diag(eig) Qᵀ with a random orthogonal Q.
func spd(eig []float64, rng *rand.Rand) *mat.SymDense {
	n := len(eig)
	m := mat.NewDense(n, n, nil)
	for i := range n {
		for j := range n {
			m.Set(i, j, rng.NormFloat64())
		}
	}
	var qr mat.QR
	qr.Factorize(m)
	var q mat.Dense
	qr.QTo(&q)
	var a mat.Dense
	a.Mul(&q, mat.NewDiagDense(n, eig))
	a.Mul(&a, q.T())
	s := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			s.SetSym(i, j, (a.At(i, j)+a.At(j, i))/2)
		}
	}
	return s
}

func TestLinearAtMostN(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 20
	eig := make([]float64, n)
	for i := range eig {
		eig[i] = 1 + 9*float64(i)/(n-1) // κ = 10
	}
	A := spd(eig, rng)
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = rng.NormFloat64()
	}
	b := make([]float64, n)
	mulVec(b, A, xs)
	r, err := Linear(A, b, nil, 1e-10)
	if err != nil || !r.Converged || r.Iter > n {
		t.Fatalf("n = 20, κ = 10: %+v %v", r, err)
	}
	if d := floats.Distance(r.X, xs, math.Inf(1)); d > 1e-8 {
		t.Errorf("x error %g", d)
	}
	t.Logf("n = 20, κ = 10: %d steps, residual %.3g", r.Iter, r.Residuals[r.Iter])
	// Three distinct eigenvalues: three steps (N&W Thm. 5.4).
	for i := range eig {
		eig[i] = []float64{1, 4, 9}[i%3]
	}
	A = spd(eig, rng)
	mulVec(b, A, xs)
	r, _ = Linear(A, b, nil, 1e-10)
	if !r.Converged || r.Iter != 3 {
		t.Errorf("3 distinct eigenvalues: %d steps, converged %v", r.Iter, r.Converged)
	}
	// Not positive definite, bad sizes.
	eig[0] = -1
	if _, err := Linear(spd(eig, rng), b, nil, 1e-10); err == nil || !strings.Contains(err.Error(), "positive definite") {
		t.Errorf("indefinite: %v", err)
	}
	if _, err := Linear(A, b[:3], nil, 1e-10); err == nil {
		t.Error("size mismatch: no error")
	}
}

func TestLinearHilbert(t *testing.T) {
	for _, n := range []int{6, 8, 10} {
		A := mat.NewSymDense(n, nil)
		b := make([]float64, n)
		for i := range n {
			for j := i; j < n; j++ {
				A.SetSym(i, j, 1/float64(i+j+1))
			}
		}
		for i := range b {
			b[i] = 1
		}
		r, _ := Linear(A, b, nil, 1e-10)
		t.Logf("Hilbert n = %d: %d steps, converged %v, residual %.3g", n, r.Iter, r.Converged, r.Residuals[r.Iter])
		if r.Iter <= n {
			t.Errorf("Hilbert n = %d: %d steps; rounding should need more than n", n, r.Iter)
		}
	}
	// A diagonal A with n = 20 distinct eigenvalues 10^(−10 i/19): n steps
	// in exact arithmetic, about 100 in floating point.
	const n = 20
	A := mat.NewSymDense(n, nil)
	b := make([]float64, n)
	for i := range n {
		A.SetSym(i, i, math.Pow(10, -10*float64(i)/(n-1)))
		b[i] = 1
	}
	r, _ := Linear(A, b, nil, 1e-10)
	t.Logf("diagonal κ = 1e10, n = 20: %d steps, converged %v", r.Iter, r.Converged)
	if !r.Converged || r.Iter <= 2*n {
		t.Errorf("diagonal κ = 1e10: %d steps, converged %v", r.Iter, r.Converged)
	}
}

// On a quadratic, nonlinear CG with all four β formulas takes (nearly) the
// linear CG steps: converged within a few more than n iterations.
func TestNonlinearOnQuadratic(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const n = 10
	eig := make([]float64, n)
	for i := range eig {
		eig[i] = 1 + 9*float64(i)/(n-1)
	}
	A := spd(eig, rng)
	p := optim.Problem{
		Func: func(x []float64) float64 { v := mat.NewVecDense(n, x); return 0.5 * mat.Inner(v, A, v) },
		Grad: func(g, x []float64) { mulVec(g, A, x) },
	}
	x0 := make([]float64, n)
	for i := range x0 {
		x0[i] = 1
	}
	for _, v := range []string{"pr+", "fr", "hs", "hz"} {
		r, err := optim.Minimize(context.Background(), p, x0, &optim.Settings{GTol: 1e-8}, &Method{Variant: v, Restart: 100})
		if err != nil || r.Status != optim.Converged || r.NIt > 2*n {
			t.Errorf("%s: %v %v", v, r, err)
		}
		t.Logf("%s: %d iterations, nfev %d", v, r.NIt, r.NFev)
	}
}

// Every variant (HS+, the default, included) reaches ‖∇f‖∞ ≤ 1e-6 on the MGH problems except where
// noted: on Freudenstein–Roth it ends at the local minimum 48.98 (PR+ with
// the line search unable to decrease f further at ‖∇f‖∞ ≈ 2e-6), and HS
// stops on Brown badly scaled at f ≈ 3e-11.
func TestMGH(t *testing.T) {
	for _, v := range []string{"hs+", "pr+", "fr", "hs", "hz"} {
		for _, c := range problems.MGHDescentSet() {
			t.Logf("variant %s:", v)
			r, gn := problems.SolveMGH(t, &Method{Variant: v}, c, nil)
			ok := r.Status == optim.Converged && gn <= 1e-6
			if c.Name == "freudenstein" && math.Abs(r.F-c.LocalFMin) < 1e-8 {
				ok = ok || r.Status == optim.LineSearchFailure
			} else {
				ok = ok && r.F < 1e-8
			}
			if c.Name == "brown" && r.Status == optim.LineSearchFailure {
				// HS: the step becomes too small for x₁ ≈ 10⁶ at f ≈ 3e-11,
				// ‖g‖∞ ≈ 6e-4 (the gradient scale is 10⁶ times x₂'s).
				ok = r.F < 1e-10
			}
			if !ok {
				t.Errorf("%s %s: %v (‖g‖ = %g)", v, c.Name, r, gn)
			}
		}
	}
}

func TestStatuses(t *testing.T) {
	c, _ := problems.ExtendedRosenbrock(2)
	sq := optim.Problem{Func: func(x []float64) float64 { return x[0]*x[0] + x[1]*x[1] }, Grad: func(g, x []float64) { g[0], g[1] = 2*x[0], 2*x[1] }}
	r, _ := optim.Minimize(context.Background(), sq, []float64{0, 0}, nil, &Method{})
	if r.Status != optim.Converged || r.NFev != 1 || r.NIt != 0 {
		t.Errorf("zero gradient: %v", r)
	}
	r, _ = optim.Minimize(context.Background(), c.Problem, c.X0, &optim.Settings{MaxIter: 4}, &Method{})
	if r.Status != optim.IterationLimit || r.NIt != 4 {
		t.Errorf("MaxIter: %v", r)
	}
	r, _ = optim.Minimize(context.Background(), c.Problem, c.X0, &optim.Settings{MaxEval: 6}, &Method{})
	if r.Status != optim.EvaluationLimit || r.NFev != 6 {
		t.Errorf("MaxEval: %v", r)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if r, _ = optim.Minimize(ctx, c.Problem, c.X0, nil, &Method{}); r.Status != optim.Cancelled {
		t.Errorf("cancelled: %v", r)
	}
	for _, m := range []*Method{{Variant: "prp"}, {Restart: -1}} {
		if _, err := optim.Minimize(context.Background(), c.Problem, c.X0, nil, m); err == nil {
			t.Errorf("%+v: no error", m)
		}
	}
	nan := c.Problem
	nan.Grad = func(g, x []float64) { g[0], g[1] = math.NaN(), 0 }
	if r, _ = optim.Minimize(context.Background(), nan, c.X0, nil, &Method{}); r.Status != optim.NonFinite {
		t.Errorf("NaN: %v", r)
	}
	b := c.Problem
	b.Lower, b.Upper = []float64{-2, -2}, []float64{0.5, 2}
	r, _ = optim.Minimize(context.Background(), b, c.X0, nil, &Method{})
	if r.Status != optim.LineSearchFailure || !strings.Contains(r.Message, "bound") || r.X[0] > 0.5 {
		t.Errorf("bounds: %v", r)
	}
	fd := optim.Problem{Func: c.Problem.Func}
	r1, _ := optim.Minimize(context.Background(), fd, c.X0, nil, &Method{})
	r4, _ := optim.Minimize(context.Background(), fd, c.X0, &optim.Settings{Workers: 4}, &Method{})
	if !slices.Equal(r1.X, r4.X) || r1.NFev != r4.NFev {
		t.Errorf("FD workers: %v vs %v", r1, r4)
	}
}

// The Moré–Thuente search (gonum's for CG) reaches the tolerance on the
// Rosenbrock problems, f and ∇f at every trial, within fixed budgets.
func TestMoreThuente(t *testing.T) {
	for _, c := range []struct {
		n, most int
	}{{2, 140}, {10, 602}} {
		rb, _ := problems.ExtendedRosenbrockPairs(c.n)
		r, gn := problems.SolveMGH(t, &Method{LineSearch: "morethuente"}, rb, nil)
		if r.Status != optim.Converged || gn > 1e-6 || r.NFev != r.NGev || r.NFev+r.NGev > c.most {
			t.Errorf("rosenbrock-%d: %v (‖g‖ = %g)", c.n, r, gn)
		}
	}
	c, _ := problems.ExtendedRosenbrock(2)
	if _, err := optim.Minimize(context.Background(), c.Problem, c.X0, nil, &Method{LineSearch: "exact"}); err == nil {
		t.Error("unknown LineSearch: no error")
	}
}
