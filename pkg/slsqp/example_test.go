package slsqp_test

import (
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/slsqp"
)

// The example of scipy's documentation: a quadratic with three linear
// inequalities and x ≥ 0. The answer lies on the first constraint, whose
// multiplier is the only non-zero one.
func Example() {
	p := optim.Problem{
		Func:  func(x []float64) float64 { return (x[0]-1)*(x[0]-1) + (x[1]-2.5)*(x[1]-2.5) },
		Grad:  func(g, x []float64) { g[0], g[1] = 2*(x[0]-1), 2*(x[1]-2.5) },
		Lower: []float64{0, 0},
		Upper: []float64{math.Inf(1), math.Inf(1)},
	}
	o := slsqp.DefaultOptions()
	o.Ineq = []slsqp.Constraint{
		{Func: func(x []float64) float64 { return x[0] - 2*x[1] + 2 }},
		{Func: func(x []float64) float64 { return -x[0] - 2*x[1] + 6 }},
		{Func: func(x []float64) float64 { return -x[0] + 2*x[1] + 2 }},
	}
	r, err := slsqp.Minimize(p, []float64{2, 0}, o)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x = (%.4f, %.4f), f = %.4f\n", r.X[0], r.X[1], r.F)
	fmt.Printf("mode %d: %s\n", r.Mode, r.Message)
	fmt.Printf("multipliers: %.3f %.3f %.3f\n", r.MultIneq[0], math.Abs(r.MultIneq[1]), math.Abs(r.MultIneq[2]))
	// Output:
	// x = (1.4000, 1.7000), f = 0.8000
	// mode 0: Optimization terminated successfully
	// multipliers: 0.800 0.000 0.000
}

// An equality constraint: the point of the circle x·x = 1 closest to
// (2, 1), where ∇f = λ∇c.
func ExampleMinimize_equality() {
	p := optim.Problem{Func: func(x []float64) float64 { return (x[0]-2)*(x[0]-2) + (x[1]-1)*(x[1]-1) }}
	o := slsqp.DefaultOptions()
	o.FTol = 1e-10
	o.Eq = []slsqp.Constraint{{
		Func: func(x []float64) float64 { return x[0]*x[0] + x[1]*x[1] - 1 },
		Grad: func(g, x []float64) { g[0], g[1] = 2*x[0], 2*x[1] },
	}}
	r, err := slsqp.Minimize(p, []float64{1, 1}, o)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x = (%.6f, %.6f), expected (2, 1)/√5 = (%.6f, %.6f)\n", r.X[0], r.X[1], 2/math.Sqrt(5), 1/math.Sqrt(5))
	fmt.Printf("λ = %.6f, expected 1 − √5 = %.6f\n", r.MultEq[0], 1-math.Sqrt(5))
	fmt.Println(r.Status)
	// Output:
	// x = (0.894427, 0.447214), expected (2, 1)/√5 = (0.894427, 0.447214)
	// λ = -1.236068, expected 1 − √5 = -1.236068
	// converged
}

// Contradictory constraints end with scipy's mode 4, never with a success.
func ExampleMinimize_infeasible() {
	p := optim.Problem{Func: func(x []float64) float64 { return x[0] * x[0] }}
	o := slsqp.DefaultOptions()
	o.Ineq = []slsqp.Constraint{
		{Func: func(x []float64) float64 { return x[0] - 1 }}, // x ≥ 1
		{Func: func(x []float64) float64 { return -x[0] }},    // x ≤ 0
	}
	r, _ := slsqp.Minimize(p, []float64{0.5}, o)
	fmt.Println(r.Status, r.Mode, r.Message)
	fmt.Println(r.Err() != nil)
	// Output:
	// infeasible 4 Inequality constraints incompatible
	// true
}
