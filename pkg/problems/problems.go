package problems

import (
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/optim"
)

func checkDim(name string, n, minDim int) error {
	if n < minDim {
		return fmt.Errorf("problems: %s needs dimension >= %d, got %d", name, minDim, n)
	}
	return nil
}

// SphereFunc is Σ x_i² for x of any length (the objective of Sphere).
func SphereFunc(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v * v
	}
	return s
}

// RosenbrockFunc is Σ 100 (x_{i+1} − x_i²)² + (1 − x_i)² for x of any
// length (the objective of Rosenbrock).
func RosenbrockFunc(x []float64) float64 {
	s := 0.0
	for i := 0; i+1 < len(x); i++ {
		a := x[i+1] - x[i]*x[i]
		b := 1 - x[i]
		s += 100*a*a + b*b
	}
	return s
}

// RastriginFunc is 10n + Σ (x_i² − 10 cos 2πx_i) for x of any length n (the
// objective of Rastrigin).
func RastriginFunc(x []float64) float64 {
	s := 10 * float64(len(x))
	for _, v := range x {
		s += v*v - 10*math.Cos(2*math.Pi*v)
	}
	return s
}

// Sphere returns f(x) = Σ x_i², the simplest convex test function: its
// level sets are spheres and its minimum is f(0) = 0. Usual domain
// [−5.12, 5.12]^n.
func Sphere(n int) (optim.Problem, error) {
	if err := checkDim("sphere", n, 1); err != nil {
		return optim.Problem{}, err
	}
	return optim.Problem{
		Func: SphereFunc,
		Grad: func(g, x []float64) {
			for i, v := range x {
				g[i] = 2 * v
			}
		},
		Dim: n,
	}, nil
}

// Rosenbrock returns the (generalized) Rosenbrock function
//
//	f(x) = Σ_{i=1}^{n−1} 100 (x_{i+1} − x_i²)² + (1 − x_i)²,
//
// whose minimum f(1, ..., 1) = 0 lies at the end of a long, curved, flat
// valley: easy to find, hard to follow. It needs n >= 2. Usual domain
// [−2.048, 2.048]^n; classic start (−1.2, 1, −1.2, 1, ...).
func Rosenbrock(n int) (optim.Problem, error) {
	if err := checkDim("rosenbrock", n, 2); err != nil {
		return optim.Problem{}, err
	}
	return optim.Problem{
		Func: RosenbrockFunc,
		Grad: func(g, x []float64) {
			for i := range g {
				g[i] = 0
			}
			for i := 0; i+1 < len(x); i++ {
				a := x[i+1] - x[i]*x[i]
				g[i] += -400*x[i]*a - 2*(1-x[i])
				g[i+1] += 200 * a
			}
		},
		Dim: n,
	}, nil
}

// Rastrigin returns f(x) = 10n + Σ (x_i² − 10 cos 2πx_i): a sphere with a
// ripple that creates about 11^n local minima in the usual domain
// [−5.12, 5.12]^n. The global minimum is f(0) = 0.
func Rastrigin(n int) (optim.Problem, error) {
	if err := checkDim("rastrigin", n, 1); err != nil {
		return optim.Problem{}, err
	}
	return optim.Problem{
		Func: RastriginFunc,
		Grad: func(g, x []float64) {
			for i, v := range x {
				g[i] = 2*v + 20*math.Pi*math.Sin(2*math.Pi*v)
			}
		},
		Dim: n,
	}, nil
}

// Quadratic returns f(x) = ½ Σ a_i (x_i − c_i)², the simplest model of an
// ill-conditioned problem: its minimum is f(c) = 0, its Hessian is diag(a),
// and its condition number max(a)/min(a) sets how slowly gradient descent
// converges (it converges at all only for step sizes 0 < η < 2/max(a)).
// The curvatures a_i must be positive and finite, and len(c) = len(a).
func Quadratic(a, c []float64) (optim.Problem, error) {
	if len(a) == 0 || len(a) != len(c) {
		return optim.Problem{}, fmt.Errorf("problems: quadratic needs len(a) = len(c) >= 1, got %d and %d", len(a), len(c))
	}
	for i := range a {
		if !(a[i] > 0) || math.IsInf(a[i], 0) || !optim.IsFinite(c[i]) {
			return optim.Problem{}, fmt.Errorf("problems: quadratic: a[%d] = %v must be positive and finite, c[%d] = %v finite", i, a[i], i, c[i])
		}
	}
	a, c = append([]float64(nil), a...), append([]float64(nil), c...)
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
	}, nil
}

// Ackley returns Ackley's function
//
//	f(x) = −20 exp(−0.2 √(Σ x_i²/n)) − exp(Σ cos(2πx_i)/n) + 20 + e,
//
// nearly flat far out, with many local minima and one deep funnel to the
// global minimum f(0) = 0. Usual domain [−32.768, 32.768]^n. At x = 0,
// where the gradient does not exist, Grad returns 0.
func Ackley(n int) (optim.Problem, error) {
	if err := checkDim("ackley", n, 1); err != nil {
		return optim.Problem{}, err
	}
	return optim.Problem{
		Func: func(x []float64) float64 {
			nf := float64(len(x))
			var sq, cs float64
			for _, v := range x {
				sq += v * v
				cs += math.Cos(2 * math.Pi * v)
			}
			return -20*math.Exp(-0.2*math.Sqrt(sq/nf)) - math.Exp(cs/nf) + 20 + math.E
		},
		Grad: func(g, x []float64) {
			nf := float64(len(x))
			var sq, cs float64
			for _, v := range x {
				sq += v * v
				cs += math.Cos(2 * math.Pi * v)
			}
			r := math.Sqrt(sq / nf)
			e1 := math.Exp(-0.2 * r)
			e2 := math.Exp(cs / nf)
			for i, v := range x {
				g[i] = 2 * math.Pi * e2 * math.Sin(2*math.Pi*v) / nf
				if r > 0 {
					g[i] += 4 * e1 * v / (nf * r)
				}
			}
		},
		Dim: n,
	}, nil
}

// Himmelblau returns Himmelblau's function of two variables,
//
//	f(x, y) = (x² + y − 11)² + (x + y² − 7)²,
//
// with four global minima of value 0 (see HimmelblauMinima), a local
// maximum near (−0.27, −0.92) and saddle points between: a method's result
// depends on where it starts. Usual domain [−5, 5]².
func Himmelblau() optim.Problem {
	return optim.Problem{
		Func: func(x []float64) float64 {
			a := x[0]*x[0] + x[1] - 11
			b := x[0] + x[1]*x[1] - 7
			return a*a + b*b
		},
		Grad: func(g, x []float64) {
			a := x[0]*x[0] + x[1] - 11
			b := x[0] + x[1]*x[1] - 7
			g[0] = 4*x[0]*a + 2*b
			g[1] = 2*a + 4*x[1]*b
		},
		Dim: 2,
	}
}

// HimmelblauMinima returns the four minimizers of Himmelblau's function,
// (3, 2) first; f is 0 at all of them.
func HimmelblauMinima() [][]float64 {
	return [][]float64{
		{3, 2},
		{-2.8051180869527448, 3.131312518250573},
		{-3.779310253377747, -3.2831859912861692},
		{3.5844283403304917, -1.8481265269644034},
	}
}
