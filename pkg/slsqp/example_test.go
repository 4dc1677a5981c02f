package slsqp_test

import (
	"context"
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/slsqp"
)

// The example of scipy's documentation: a quadratic with three linear
// inequalities c(x) ≥ 0 and x ≥ 0. The answer lies on the first
// constraint, whose multiplier is the only non-zero one.
func Example() {
	ineq := func(f func(x []float64) float64) optim.Constraint {
		return optim.Constraint{Kind: optim.Inequality, Func: f}
	}
	p := optim.Problem{
		Func:  func(x []float64) float64 { return (x[0]-1)*(x[0]-1) + (x[1]-2.5)*(x[1]-2.5) },
		Grad:  func(g, x []float64) { g[0], g[1] = 2*(x[0]-1), 2*(x[1]-2.5) },
		Lower: []float64{0, 0},
		Upper: []float64{math.Inf(1), math.Inf(1)},
		Constraints: []optim.Constraint{
			ineq(func(x []float64) float64 { return x[0] - 2*x[1] + 2 }),
			ineq(func(x []float64) float64 { return -x[0] - 2*x[1] + 6 }),
			ineq(func(x []float64) float64 { return -x[0] + 2*x[1] + 2 }),
		},
	}
	res, err := optim.Minimize(context.Background(), p, []float64{2, 0}, nil, slsqp.Method{})
	if err != nil {
		fmt.Println(err)
		return
	}
	d := res.Detail.(*slsqp.Detail)
	fmt.Printf("x = (%.4f, %.4f), f = %.4f\n", res.X[0], res.X[1], res.F)
	fmt.Printf("%v, mode %d: %s\n", res.Status, d.Mode, res.Message)
	fmt.Printf("multipliers: %.3f %.3f %.3f\n", d.Multipliers[0], math.Abs(d.Multipliers[1]), math.Abs(d.Multipliers[2]))
	// Output:
	// x = (1.4000, 1.7000), f = 0.8000
	// converged, mode 0: Optimization terminated successfully
	// multipliers: 0.800 0.000 0.000
}

// An equality constraint: the point of the circle x·x = 1 closest to
// (2, 1), where ∇f = λ∇c. The objective's gradient is by forward
// differences (Settings.FDStep, default √ε).
func ExampleMinimize_equality() {
	p := optim.Problem{
		Func: func(x []float64) float64 { return (x[0]-2)*(x[0]-2) + (x[1]-1)*(x[1]-1) },
		Constraints: []optim.Constraint{{
			Kind: optim.Equality,
			Func: func(x []float64) float64 { return x[0]*x[0] + x[1]*x[1] - 1 },
			Grad: func(g, x []float64) { g[0], g[1] = 2*x[0], 2*x[1] },
		}},
	}
	res, err := slsqp.Minimize(p, []float64{1, 1}, &optim.Settings{FTol: 1e-10})
	if err != nil {
		fmt.Println(err)
		return
	}
	d, _ := optim.DetailOf[*slsqp.Detail](res)
	fmt.Printf("x = (%.6f, %.6f), expected (2, 1)/√5 = (%.6f, %.6f)\n", res.X[0], res.X[1], 2/math.Sqrt(5), 1/math.Sqrt(5))
	fmt.Printf("λ = %.6f, expected 1 − √5 = %.6f\n", d.Multipliers[0], 1-math.Sqrt(5))
	fmt.Println(res.Status)
	// Output:
	// x = (0.894427, 0.447214), expected (2, 1)/√5 = (0.894427, 0.447214)
	// λ = -1.236068, expected 1 − √5 = -1.236068
	// converged
}

// Contradictory constraints end with scipy's mode 4, never with a success.
func ExampleMinimize_infeasible() {
	p := optim.Problem{
		Func: func(x []float64) float64 { return x[0] * x[0] },
		Constraints: []optim.Constraint{
			{Kind: optim.Inequality, Func: func(x []float64) float64 { return x[0] - 1 }}, // x ≥ 1
			{Kind: optim.Inequality, Func: func(x []float64) float64 { return -x[0] }},    // x ≤ 0
		},
	}
	res, _ := slsqp.Minimize(p, []float64{0.5}, nil)
	fmt.Println(res.Status, res.Detail.(*slsqp.Detail).Mode, res.Message)
	fmt.Println(res.Err() != nil)
	// Output:
	// infeasible 4 Inequality constraints incompatible
	// true
}
