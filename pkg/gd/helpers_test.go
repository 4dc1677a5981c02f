package gd

import "github.com/optlab/optlab/pkg/optim"

// rosenbrock is f(x, y) = (1−x)² + 100 (y − x²)², minimum 0 at (1, 1).
func rosenbrock() optim.Problem {
	return optim.Problem{
		Func: func(x []float64) float64 {
			a, b := 1-x[0], x[1]-x[0]*x[0]
			return a*a + 100*b*b
		},
		Grad: func(g, x []float64) {
			b := x[1] - x[0]*x[0]
			g[0] = -2*(1-x[0]) - 400*x[0]*b
			g[1] = 200 * b
		},
		Dim: 2,
	}
}

// quadratic is f(x) = ½ Σ a_i (x_i − c_i)², minimum 0 at c; its Hessian is
// diag(a), so gradient descent converges for 0 < η < 2/max(a).
func quadratic(a, c []float64) optim.Problem {
	return optim.Problem{
		Func: func(x []float64) float64 {
			var s float64
			for i := range x {
				d := x[i] - c[i]
				s += a[i] * d * d
			}
			return s / 2
		},
		Grad: func(g, x []float64) {
			for i := range x {
				g[i] = a[i] * (x[i] - c[i])
			}
		},
		Dim: len(a),
	}
}
