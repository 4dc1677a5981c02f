package cg_test

import (
	"context"
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/optlab/optlab/pkg/cg"
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
)

// Nonlinear CG (Hestenes–Stiefel+, Moré–Thuente) on the 2-D Rosenbrock function.
func Example() {
	p, _ := problems.Rosenbrock(2)
	r, err := optim.Minimize(context.Background(), p, []float64{-1.2, 1}, nil, &cg.Method{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x = (%.5f, %.5f), %v\n", r.X[0], r.X[1], r.Status)
	// Output:
	// x = (1.00000, 1.00000), converged
}

// Linear CG on a Hilbert matrix H_ij = 1/(i+j+1), n = 8, condition
// number ≈ 1.5·10¹⁰, b = (1, …, 1): rounding destroys the conjugacy of the
// directions, and CG needs more than the n steps of exact arithmetic to
// reach ‖Ax − b‖ ≤ 10⁻¹⁰‖b‖ (26 steps on amd64).
func ExampleLinear_hilbert() {
	const n = 8
	A := mat.NewSymDense(n, nil)
	b := make([]float64, n)
	for i := range n {
		for j := i; j < n; j++ {
			A.SetSym(i, j, 1/float64(i+j+1))
		}
	}
	for i := range b {
		b[i] = 1
	}
	r, err := cg.Linear(A, b, nil, 1e-10)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("converged:", r.Converged, "| more than n steps:", r.Iter > n, "| within 10n:", r.Iter <= 10*n)
	// Output:
	// converged: true | more than n steps: true | within 10n: true
}
