package newton

import (
	"context"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
)

func TestQuadraticConvergence(t *testing.T) {
	c, _ := problems.ExtendedRosenbrock(2)
	for _, ls := range []string{"armijo", "wolfe"} {
		r, err := optim.Minimize(context.Background(), c.Problem, c.X0, &optim.Settings{Record: true, GTol: 1e-13}, &Method{LineSearch: ls})
		if err != nil || r.Status != optim.Converged {
			t.Fatalf("%s: %v %v", ls, r, err)
		}
		var gs []float64
		for _, it := range r.Path {
			gs = append(gs, it.Detail.(Step).GNorm)
		}
		// Theory: ‖g_{k+1}‖ ≲ ½ ‖∇³f‖ ‖∇²f(x*)⁻¹‖² ‖∇²f(x*)‖ ‖g_k‖², a
		// constant of order 10³–10⁴ for Rosenbrock (‖∇²f(x*)⁻¹‖ ≈ 2.5,
		// ∂³f/∂x₁³ = 2400); the measured ratios are 0.03–110.
		const C = 1000.0
		pairs := 0
		for k := 0; k+1 < len(gs); k++ {
			if gs[k] < 1e-1 && gs[k+1] > 1e-14 {
				pairs++
				if gs[k+1] > C*gs[k]*gs[k] {
					t.Errorf("%s: ‖g_%d‖ = %g > %g ‖g_%d‖² = %g", ls, k+1, gs[k+1], C, k, C*gs[k]*gs[k])
				}
				t.Logf("%s: ‖g_%d‖ = %.3g, ‖g_%d‖/‖g_%d‖² = %.3g", ls, k+1, gs[k+1], k+1, k, gs[k+1]/(gs[k]*gs[k]))
			}
		}
		if pairs < 2 {
			t.Errorf("%s: only %d steps in the quadratic phase: %v", ls, pairs, gs)
		}
	}
}

func TestMGH(t *testing.T) {
	for _, c := range problems.MGHDescentSet() {
		for _, ls := range []string{"armijo", "wolfe"} {
			for _, hess := range []bool{true, false} {
				p := c.Problem
				if !hess {
					p.Hess = nil
				} else if p.Hess == nil {
					continue
				}
				c2 := c
				c2.Problem = p
				t.Logf("%s, analytic Hessian %v:", ls, hess)
				r, gn := problems.SolveMGH(t, &Method{LineSearch: ls}, c2, nil)
				switch {
				case c.Name == "freudenstein" && math.Abs(r.F-c.LocalFMin) < 1e-8:
					// the local minimum; fine if converged there
					if r.Status != optim.Converged {
						t.Errorf("%s: %v", c.Name, r)
					}
				case r.Status != optim.Converged || gn > 1e-6 || r.F > 1e-9:
					t.Errorf("%s %s: %v (‖g‖ = %g)", c.Name, ls, r, gn)
				}
			}
		}
	}
}

func saddleProblem() optim.Problem {
	return optim.Problem{
		Func: func(x []float64) float64 { return x[0]*x[0] - x[1]*x[1] + x[1]*x[1]*x[1]*x[1] },
		Grad: func(g, x []float64) { g[0], g[1] = 2*x[0], -2*x[1]+4*x[1]*x[1]*x[1] },
		Hess: func(h *mat.SymDense, x []float64) {
			h.SetSym(0, 0, 2)
			h.SetSym(0, 1, 0)
			h.SetSym(1, 1, -2+12*x[1]*x[1])
		},
	}
}

func TestSaddleAndIndefinite(t *testing.T) {
	// Exactly at the saddle (0, 0): ∇f = 0, Hessian diag(2, −2).
	r, _ := optim.Minimize(context.Background(), saddleProblem(), []float64{0, 0}, nil, &Method{})
	if r.Status != optim.NotMinimum || !strings.Contains(r.Message, "saddle") || r.NFev != 1 {
		t.Errorf("saddle: %v", r)
	}
	// Near it the Hessian is indefinite, the modification takes over and
	// Newton goes to a minimum (0, ±1/√2), f = −¼, instead of the saddle.
	r, _ = optim.Minimize(context.Background(), saddleProblem(), []float64{0.3, 0.01}, nil, &Method{})
	d := r.Detail.(*Detail)
	if r.Status != optim.Converged || math.Abs(r.F+0.25) > 1e-12 || d.Modified == 0 {
		t.Errorf("near the saddle: %v %+v", r, d)
	}
	// At a minimum: converged at once, one evaluation.
	r, _ = optim.Minimize(context.Background(), saddleProblem(), []float64{0, 1 / math.Sqrt2}, nil, &Method{})
	if r.Status != optim.Converged || r.NFev != 1 || r.NIt != 0 {
		t.Errorf("at the minimum: %v", r)
	}
	// A NaN in the Hessian.
	p := saddleProblem()
	p.Hess = func(h *mat.SymDense, x []float64) { h.SetSym(0, 0, math.NaN()); h.SetSym(0, 1, 0); h.SetSym(1, 1, 1) }
	r, _ = optim.Minimize(context.Background(), p, []float64{1, 1}, nil, &Method{})
	if r.Status != optim.NonFinite || !strings.Contains(r.Message, "Hessian") {
		t.Errorf("NaN Hessian: %v", r)
	}
}

func TestStatuses(t *testing.T) {
	c, _ := problems.ExtendedRosenbrock(2)
	r, _ := optim.Minimize(context.Background(), c.Problem, c.X0, &optim.Settings{MaxIter: 3}, &Method{})
	if r.Status != optim.IterationLimit || r.NIt != 3 {
		t.Errorf("MaxIter: %v", r)
	}
	r, _ = optim.Minimize(context.Background(), optim.Problem{Func: c.Problem.Func}, c.X0, &optim.Settings{MaxEval: 10}, &Method{})
	if r.Status != optim.EvaluationLimit || r.NFev != 10 {
		t.Errorf("MaxEval: %v", r)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if r, _ = optim.Minimize(ctx, c.Problem, c.X0, nil, &Method{}); r.Status != optim.Cancelled {
		t.Errorf("cancelled: %v", r)
	}
	if _, err := optim.Minimize(context.Background(), c.Problem, c.X0, nil, &Method{LineSearch: "exact"}); err == nil {
		t.Error("bad LineSearch: no error")
	}
	nan := c.Problem
	nan.Func = func(x []float64) float64 { return math.NaN() }
	if r, _ = optim.Minimize(context.Background(), nan, c.X0, nil, &Method{}); r.Status != optim.NonFinite {
		t.Errorf("NaN f: %v", r)
	}
	// Bounds: the box caps the step and the run ends, named, inside the box.
	b := c.Problem
	b.Lower, b.Upper = []float64{-2, -2}, []float64{0.5, 2}
	r, _ = optim.Minimize(context.Background(), b, c.X0, nil, &Method{})
	if r.Status != optim.LineSearchFailure || !strings.Contains(r.Message, "bound") || r.X[0] > 0.5 {
		t.Errorf("bounds: %v", r)
	}
	// Finite differences only: Workers 1 and 4 give the same run.
	fd := optim.Problem{Func: c.Problem.Func}
	r1, _ := optim.Minimize(context.Background(), fd, c.X0, nil, &Method{})
	r4, _ := optim.Minimize(context.Background(), fd, c.X0, &optim.Settings{Workers: 4}, &Method{})
	if r1.Status != optim.Converged || r1.F != r4.F || r1.NFev != r4.NFev {
		t.Errorf("FD workers: %v vs %v", r1, r4)
	}
}
