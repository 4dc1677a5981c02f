package bfgs_test

import (
	"context"
	"fmt"

	"github.com/optlab/optlab/pkg/bfgs"
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
)

// BFGS on the 2-D Rosenbrock function from (−1.2, 1).
func Example() {
	p, _ := problems.Rosenbrock(2)
	r, err := optim.Minimize(context.Background(), p, []float64{-1.2, 1}, nil, bfgs.BFGS{})
	if err != nil {
		fmt.Println(err)
		return
	}
	d, _ := optim.DetailOf[*bfgs.Detail](r)
	fmt.Printf("x = (%.6f, %.6f), %v, ‖∇f‖∞ ≤ 1e-6: %v\n", r.X[0], r.X[1], r.Status, d.GNorm <= 1e-6)
	// Output:
	// x = (1.000000, 1.000000), converged, ‖∇f‖∞ ≤ 1e-6: true
}
