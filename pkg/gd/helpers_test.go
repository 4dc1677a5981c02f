package gd

import (
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
)

// rosenbrock is problems.Rosenbrock(2): f(x, y) = 100 (y − x²)² + (1 − x)²,
// minimum 0 at (1, 1).
func rosenbrock() optim.Problem {
	p, err := problems.Rosenbrock(2)
	if err != nil {
		panic(err)
	}
	return p
}

// quadratic is problems.Quadratic(a, c): f(x) = ½ Σ a_i (x_i − c_i)²,
// minimum 0 at c; gradient descent converges for 0 < η < 2/max(a).
func quadratic(a, c []float64) optim.Problem {
	p, err := problems.Quadratic(a, c)
	if err != nil {
		panic(err)
	}
	return p
}
