package steepest

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

// quad is ½ Σ a_i x_i² with its Hessian diag(a).
func quad(a []float64) optim.Problem {
	return optim.Problem{
		Func: func(x []float64) float64 {
			var s float64
			for i := range x {
				s += a[i] * x[i] * x[i]
			}
			return s / 2
		},
		Grad: func(g, x []float64) {
			for i := range x {
				g[i] = a[i] * x[i]
			}
		},
		Hess: func(h *mat.SymDense, x []float64) {
			for i := range x {
				for j := i; j < len(x); j++ {
					h.SetSym(i, j, 0)
				}
				h.SetSym(i, i, a[i])
			}
		},
	}
}

func TestExactRateAndZigZag(t *testing.T) {
	for _, kappa := range []float64{10, 100} {
		bound := math.Pow((kappa-1)/(kappa+1), 2)
		a := []float64{1, 3, kappa}
		starts := [][]float64{{kappa, 0, 1}, {1, 1, 1}, {-3, 2, 0.5}, {10, -7, 0.01}}
		for k, x0 := range starts {
			r, err := optim.Minimize(context.Background(), quad(a), x0, &optim.Settings{Record: true, GTol: 1e-10}, &Method{LineSearch: "exact"})
			if err != nil || r.Status != optim.Converged {
				t.Fatalf("κ=%g: %v %v", kappa, r, err)
			}
			fs := []float64{quad(a).Func(x0)}
			xs := [][]float64{x0}
			for _, it := range r.Path {
				fs, xs = append(fs, it.F), append(xs, it.X)
			}
			worst := 0.0
			for i := 1; i < len(fs); i++ {
				ratio := fs[i] / fs[i-1] // f* = 0
				if ratio > bound*(1+1e-9) {
					t.Errorf("κ=%g start %d step %d: ratio %.12g > bound %.12g", kappa, k, i, ratio, bound)
				}
				worst = max(worst, ratio)
			}
			// Zig-zag: d_k = x_{k+1} − x_k are consecutive gradients, orthogonal.
			for i := 0; i+2 < len(xs); i++ {
				d1 := floats.SubTo(make([]float64, 3), xs[i+1], xs[i])
				d2 := floats.SubTo(make([]float64, 3), xs[i+2], xs[i+1])
				if c := floats.Dot(d1, d2) / (floats.Norm(d1, 2) * floats.Norm(d2, 2)); math.Abs(c) > 1e-8 {
					t.Errorf("κ=%g start %d: steps %d, %d not orthogonal: cos = %g", kappa, k, i, i+1, c)
				}
			}
			if k == 0 && math.Abs(worst-bound) > 1e-9*bound {
				t.Errorf("κ=%g worst-case start: measured rate %.12g, bound %.12g", kappa, worst, bound)
			}
			t.Logf("κ=%g start %d: %d steps, worst ratio %.6f, bound %.6f", kappa, k, r.NIt, worst, bound)
		}
	}
}

// What steepest descent does on the MGH problems with 20000 steps: it
// reaches ‖∇f‖∞ ≤ 1e-6 on Rosenbrock (2-D and 10-D, ~9000–11000 steps),
// Beale and Wood; on Powell singular (singular Hessian at the minimum) it
// crawls, f ≈ 2e-7 at the limit; on Brown badly scaled (κ ~ 1e12) it gets
// nowhere; on Freudenstein–Roth it ends at the local minimum 48.98 when
// the line search can no longer decrease f in floating point (‖∇f‖∞ ≈ 3e-6).
func TestMGH(t *testing.T) {
	for _, c := range problems.MGHDescentSet() {
		for _, ls := range []string{"wolfe", "armijo"} {
			t.Logf("line search %s:", ls)
			r, gn := problems.SolveMGH(t, &Method{LineSearch: ls}, c, &optim.Settings{MaxIter: 20000})
			switch c.Name {
			case "powell":
				if r.Status != optim.IterationLimit || r.F > 1e-6 {
					t.Errorf("%s %s: %v", c.Name, ls, r)
				}
			case "brown":
				if r.Status != optim.IterationLimit || r.F < 1e11 {
					t.Errorf("%s %s: expected to get nowhere: %v", c.Name, ls, r)
				}
			case "freudenstein":
				if math.Abs(r.F-c.LocalFMin) > 1e-9 || (r.Status != optim.Converged && r.Status != optim.LineSearchFailure) {
					t.Errorf("%s %s: %v", c.Name, ls, r)
				}
			default:
				if r.Status != optim.Converged || gn > 1e-6 || r.F > 1e-10 {
					t.Errorf("%s %s: %v (‖g‖ = %g)", c.Name, ls, r, gn)
				}
			}
		}
	}
}

func TestStatuses(t *testing.T) {
	// Zero gradient at x0: converged after one evaluation.
	r, _ := optim.Minimize(context.Background(), quad([]float64{1, 2}), []float64{0, 0}, nil, &Method{})
	if r.Status != optim.Converged || r.NFev != 1 || r.NIt != 0 {
		t.Errorf("zero gradient: %v", r)
	}
	// Budget: MaxIter and MaxEval are not convergence.
	c, _ := problems.ExtendedRosenbrock(2)
	r, _ = optim.Minimize(context.Background(), c.Problem, c.X0, &optim.Settings{MaxIter: 5}, &Method{})
	if r.Status != optim.IterationLimit || r.NIt != 5 {
		t.Errorf("MaxIter: %v", r)
	}
	r, _ = optim.Minimize(context.Background(), c.Problem, c.X0, &optim.Settings{MaxEval: 7}, &Method{})
	if r.Status != optim.EvaluationLimit || r.NFev != 7 {
		t.Errorf("MaxEval: %v", r)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r, _ = optim.Minimize(ctx, c.Problem, c.X0, nil, &Method{})
	if r.Status != optim.Cancelled {
		t.Errorf("cancelled: %v", r)
	}
	// NaN gradient.
	nan := quad([]float64{1, 2})
	nan.Grad = func(g, x []float64) { g[0], g[1] = math.NaN(), 1 }
	r, _ = optim.Minimize(context.Background(), nan, []float64{1, 1}, nil, &Method{})
	if r.Status != optim.NonFinite || !strings.Contains(r.Message, "NaN") {
		t.Errorf("NaN: %v", r)
	}
	// A wrong gradient: the line search fails, named.
	liar := quad([]float64{1, 2})
	liar.Grad = func(g, x []float64) { g[0], g[1] = -x[0], -2*x[1] }
	r, _ = optim.Minimize(context.Background(), liar, []float64{1, 1}, nil, &Method{})
	if r.Status != optim.LineSearchFailure || !strings.Contains(r.Message, "line search") {
		t.Errorf("liar: %v", r)
	}
	// "exact" on a non-quadratic: α from the local Hessian, until gᵀHg ≤ 0
	// (Rosenbrock's Hessian is indefinite off the valley): NotMinimum, named.
	r, _ = optim.Minimize(context.Background(), c.Problem, c.X0, nil, &Method{LineSearch: "exact"})
	if r.Status != optim.NotMinimum || !strings.Contains(r.Message, "negative curvature") {
		t.Errorf("exact on Rosenbrock: %v", r)
	}
	// Exact without Hess, and an unknown search, are errors.
	noHess := problems.Beale().Problem
	noHess.Hess = nil
	if _, err := optim.Minimize(context.Background(), noHess, c.X0, nil, &Method{LineSearch: "exact"}); err == nil {
		t.Error("exact without Hess: no error")
	}
	if _, err := optim.Minimize(context.Background(), c.Problem, c.X0, nil, &Method{LineSearch: "wolf"}); err == nil {
		t.Error("unknown line search: no error")
	}
	// Bounds: the iterates stay inside, and the bound ends the run, named.
	b := quad([]float64{1, 2})
	b.Lower, b.Upper = []float64{0.5, -1}, []float64{2, 1}
	r, _ = optim.Minimize(context.Background(), b, []float64{1.5, 0.7}, nil, &Method{})
	if r.Status != optim.LineSearchFailure || !strings.Contains(r.Message, "bound") || r.X[0] < 0.5 {
		t.Errorf("bounds: %v", r)
	}
	// FD gradient, Workers 1 and 4: identical.
	fd := optim.Problem{Func: c.Problem.Func}
	r1, _ := optim.Minimize(context.Background(), fd, c.X0, &optim.Settings{MaxIter: 50}, &Method{})
	r4, _ := optim.Minimize(context.Background(), fd, c.X0, &optim.Settings{MaxIter: 50, Workers: 4}, &Method{})
	if !slices.Equal(r1.X, r4.X) || r1.NFev != r4.NFev || r1.F != r4.F {
		t.Errorf("workers: %v vs %v", r1, r4)
	}
}

// The default line search (Armijo from the quadratic-interpolation step)
// reaches ‖∇f‖∞ ≤ 1e-6 on every MGH problem but Brown badly scaled with
// far fewer steps than Wolfe from the (3.60) step (gonumcmp's table: about
// 70 steps on Rosenbrock 2-D, 1400 on 10-D, 60 on Beale).
func TestMGHDefault(t *testing.T) {
	limit := map[string]int{"rosenbrock-2": 200, "rosenbrock-pairs-10": 3000, "beale": 200, "powell": 12000, "wood": 3000, "freudenstein": 200}
	for _, c := range problems.MGHDescentSet() {
		r, gn := problems.SolveMGH(t, &Method{}, c, &optim.Settings{MaxIter: 20000})
		if c.Name == "brown" {
			if r.Status.Success() && gn > 1e-6 {
				t.Errorf("%s: converged with ‖g‖ = %g", c.Name, gn)
			}
			continue
		}
		if r.Status != optim.Converged || gn > 1e-6 {
			t.Errorf("%s: %v (‖g‖ = %g)", c.Name, r, gn)
		}
		if l, ok := limit[c.Name]; ok && r.NIt > l {
			t.Errorf("%s: %d steps, want ≤ %d", c.Name, r.NIt, l)
		}
	}
	if a := QuadraticStep(1, -2, 1, 0); a != 1 { // parabola 1 − 2α + α²: minimum at 1
		t.Errorf("QuadraticStep = %g, want 1", a)
	}
	if a := QuadraticStep(1, -2, 0.5, -1); a != 1 { // no minimum (f fell faster than linearly): 2α
		t.Errorf("QuadraticStep without a minimum = %g, want 1", a)
	}
}
