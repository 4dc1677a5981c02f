package steepest_test

import (
	"context"
	"fmt"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
	"github.com/optlab/optlab/pkg/steepest"
)

// Steepest descent with a Wolfe line search on the quadratic
// ½ (x₁−1)² + 5 (x₂+2)² (condition number 10).
func Example() {
	p, _ := problems.Quadratic([]float64{1, 10}, []float64{1, -2})
	r, err := optim.Minimize(context.Background(), p, []float64{0, 0}, nil, &steepest.Method{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x = (%.5f, %.5f), %v\n", r.X[0], r.X[1], r.Status)
	// Output:
	// x = (1.00000, -2.00000), converged
}
