package gd_test

import (
	"fmt"

	"github.com/optlab/optlab/pkg/problems"

	"github.com/optlab/optlab/pkg/gd"
	"github.com/optlab/optlab/pkg/optim"
)

// Gradient descent on f(x, y) = (x−1)² + 10 (y+2)², whose minimum is at
// (1, −2). The step must stay below 2/L = 0.1, L = 20 being the largest
// curvature. The x error shrinks by 1 − 0.05·2 = 0.9 per step, so the
// gradient 2·0.9ᵏ falls below 1e-8 after k = 182 steps (the y error vanishes
// in one step, since 1 − 0.05·20 = 0).
func ExampleMinimize() {
	p := optim.Problem{
		Func: func(x []float64) float64 {
			return (x[0]-1)*(x[0]-1) + 10*(x[1]+2)*(x[1]+2)
		},
		Grad: func(g, x []float64) {
			g[0] = 2 * (x[0] - 1)
			g[1] = 20 * (x[1] + 2)
		},
	}
	o := gd.DefaultOptions()
	o.LR = 0.05
	o.GTol = 1e-8
	r, err := gd.Minimize(p, []float64{0, 0}, o)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x = (%.6f, %.6f) after %d steps: %v\n", r.X[0], r.X[1], r.NIt, r.Status)
	// Output:
	// x = (1.000000, -2.000000) after 182 steps: converged
}

// With a backtracking line search the learning rate is only the first trial
// step: on Rosenbrock's function a fixed step of 1 would diverge at once.
func ExampleMinimize_lineSearch() {
	rosen, _ := problems.Rosenbrock(2)
	o := gd.DefaultOptions()
	o.LR, o.LineSearch = 1, true
	o.MaxIter, o.GTol = 100000, 1e-6
	r, _ := gd.Minimize(rosen, []float64{-1.2, 1}, o)
	fmt.Printf("x = (%.4f, %.4f), status %v\n", r.X[0], r.X[1], r.Status)
	// Output:
	// x = (1.0000, 1.0000), status converged
}

// MinimizePath also returns the iterates and the loss measured at each.
func ExampleMinimizePath() {
	p := optim.Problem{
		Func: func(x []float64) float64 { return x[0] * x[0] },
		Grad: func(g, x []float64) { g[0] = 2 * x[0] },
	}
	o := gd.DefaultOptions()
	o.LR, o.MaxIter = 0.25, 4
	_, path, _ := gd.MinimizePath(p, []float64{8}, o)
	for k := range path.F {
		fmt.Printf("x_%d = %g, f = %g\n", k, path.X[k][0], path.F[k])
	}
	fmt.Println("last iterate:", path.Last[0])
	// Output:
	// x_0 = 8, f = 64
	// x_1 = 4, f = 16
	// x_2 = 2, f = 4
	// x_3 = 1, f = 1
	// last iterate: 0.5
}
