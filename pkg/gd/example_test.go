package gd_test

import (
	"context"
	"fmt"

	"github.com/optlab/optlab/pkg/gd"
	"github.com/optlab/optlab/pkg/optim"
)

// Gradient descent on f(x, y) = (x−1)² + 10 (y+2)², whose minimum is at
// (1, −2). The step must stay below 2/L = 0.1, L = 20 being the largest
// curvature. The x error shrinks by 1 − 0.05·2 = 0.9 per step, so the
// gradient 2·0.9ᵏ falls below 1e-8 after k = 182 steps (the y error vanishes
// in one step, since 1 − 0.05·20 = 0).
func ExampleMethod() {
	p := optim.Problem{
		Func: func(x []float64) float64 {
			return (x[0]-1)*(x[0]-1) + 10*(x[1]+2)*(x[1]+2)
		},
		Grad: func(g, x []float64) {
			g[0] = 2 * (x[0] - 1)
			g[1] = 20 * (x[1] + 2)
		},
	}
	r, err := optim.Minimize(context.Background(), p, []float64{0, 0},
		&optim.Settings{GTol: 1e-8}, &gd.Method{LR: 0.05})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x = (%.6f, %.6f) after %d steps: %v\n", r.X[0], r.X[1], r.NIt, r.Status)
	// Output:
	// x = (1.000000, -2.000000) after 182 steps: converged
}

// With Settings.Record the Result's Path holds one Iteration per step: the
// iterate x_k and the loss f(x_k) measured before the step. The final
// iterate, never evaluated, is in the Result's Detail.
func ExampleMethod_record() {
	p := optim.Problem{
		Func: func(x []float64) float64 { return x[0] * x[0] },
		Grad: func(g, x []float64) { g[0] = 2 * x[0] },
	}
	r, err := optim.Minimize(context.Background(), p, []float64{8},
		&optim.Settings{MaxIter: 4, Record: true}, &gd.Method{LR: 0.25})
	if err != nil {
		fmt.Println(err)
		return
	}
	for k, it := range r.Path {
		fmt.Printf("x_%d = %g, f = %g, |g| = %g\n", k, it.X[0], it.F, gd.GNorm(it))
	}
	d, _ := optim.DetailOf[*gd.Detail](r)
	fmt.Println("last iterate:", d.Last[0], "-", r.Status)
	// Output:
	// x_0 = 8, f = 64, |g| = 16
	// x_1 = 4, f = 16, |g| = 8
	// x_2 = 2, f = 4, |g| = 4
	// x_3 = 1, f = 1, |g| = 2
	// last iterate: 0.5 - iteration limit
}
