package momentum_test

import (
	"context"
	"fmt"

	"github.com/optlab/optlab/pkg/gd"
	"github.com/optlab/optlab/pkg/momentum"
	"github.com/optlab/optlab/pkg/optim"
)

// On the ill-conditioned f(x, y) = ½ (x² + 100 y²) (condition number 100)
// momentum needs far fewer steps than gradient descent to reach ‖∇f‖ ≤ 1e-8.
// With η = 0.01 the slow direction x shrinks by 1 − η = 0.99 per step under
// gradient descent (1833 steps ≈ ln(1e-8)/ln 0.99), but by the larger root
// of λ² − (1 + μ − η)λ + μ, about 0.927, under the heavy ball with μ = 0.8.
func ExampleMethod() {
	p := optim.Problem{
		Func: func(x []float64) float64 { return (x[0]*x[0] + 100*x[1]*x[1]) / 2 },
		Grad: func(g, x []float64) { g[0], g[1] = x[0], 100*x[1] },
	}
	x0 := []float64{1, 1}
	s := &optim.Settings{MaxIter: 10000, GTol: 1e-8}

	r, _ := optim.Minimize(context.Background(), p, x0, s, &gd.Method{LR: 0.01})
	fmt.Printf("gradient descent: %4d steps, %v\n", r.NIt, r.Status)

	for _, nesterov := range []bool{false, true} {
		m := &momentum.Method{LR: 0.01, Mu: 0.8, Nesterov: nesterov}
		r, _ := optim.Minimize(context.Background(), p, x0, s, m)
		fmt.Printf("nesterov=%-5v:   %4d steps, %v\n", nesterov, r.NIt, r.Status)
	}
	// Output:
	// gradient descent: 1833 steps, converged
	// nesterov=false:    253 steps, converged
	// nesterov=true :    278 steps, converged
}
