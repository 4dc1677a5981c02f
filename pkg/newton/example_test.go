package newton_test

import (
	"context"
	"fmt"

	"github.com/optlab/optlab/pkg/newton"
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
)

// Newton's method on the 2-D Rosenbrock function from (−1.2, 1), with the
// Hessian from finite differences of the analytic gradient.
func Example() {
	p, _ := problems.Rosenbrock(2)
	r, err := optim.Minimize(context.Background(), p, []float64{-1.2, 1}, nil, &newton.Method{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x = (%.6f, %.6f), %v after %d iterations\n", r.X[0], r.X[1], r.Status, r.NIt)
	// Output:
	// x = (0.999999, 0.999999), converged after 20 iterations
}
