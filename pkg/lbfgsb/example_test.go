package lbfgsb_test

import (
	"context"
	"fmt"

	"github.com/optlab/optlab/pkg/lbfgsb"
	"github.com/optlab/optlab/pkg/optim"
)

// The minimum of (x−2)² + (y+0.5)² in the box [0, 1] × [−1, 1] lies on the
// bound x = 1; without a gradient, the Task's forward differences stay in
// the box.
func Example() {
	p := optim.Problem{
		Func: func(x []float64) float64 {
			return (x[0]-2)*(x[0]-2) + (x[1]+0.5)*(x[1]+0.5)
		},
		Lower: []float64{0, -1},
		Upper: []float64{1, 1},
	}
	r, err := optim.Minimize(context.Background(), p, []float64{0.5, 0.5}, nil, &lbfgsb.Method{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x = (%.4f, %.4f), f = %.4f, %v\n", r.X[0], r.X[1], r.F, r.Status)
	// Output:
	// x = (1.0000, -0.5000), f = 1.0000, converged
}
