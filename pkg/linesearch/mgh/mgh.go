// Package mgh holds Moré–Garbow–Hillstrom test problems ("Testing
// unconstrained optimization software", ACM TOMS 7, 1981) with analytic
// gradients, shared by the tests of the descent packages (steepest,
// newton, cg, bfgs). It is a stop-gap until pkg/problems carries them.
package mgh

import (
	"context"
	"math"
	"testing"

	"gonum.org/v1/gonum/floats"

	"gonum.org/v1/gonum/mat"

	"github.com/optlab/optlab/pkg/optim"
)

// Case is a test problem with its standard start point and a known
// minimum value (FMin; the local minimum where one is documented).
type Case struct {
	Name string
	P    optim.Problem
	X0   []float64
	FMin float64
	XMin []float64 // nil if not given
}

func ones(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = 1
	}
	return x
}

// ExtendedRosenbrock is MGH (21): Σ_{i<n/2} 100 (x_{2i+1} − x_{2i}²)² +
// (1 − x_{2i})², n even, x0 = (−1.2, 1, …), minimum 0 at (1, …, 1). It has
// an analytic Hessian.
func ExtendedRosenbrock(n int) Case {
	x0 := make([]float64, n)
	for i := range x0 {
		x0[i] = 1
		if i%2 == 0 {
			x0[i] = -1.2
		}
	}
	p := optim.Problem{
		Dim: n,
		Func: func(x []float64) float64 {
			var s float64
			for i := 0; i+1 < len(x); i += 2 {
				a, b := 10*(x[i+1]-x[i]*x[i]), 1-x[i]
				s += a*a + b*b
			}
			return s
		},
		Grad: func(g, x []float64) {
			for i := 0; i+1 < len(x); i += 2 {
				a, b := 10*(x[i+1]-x[i]*x[i]), 1-x[i]
				g[i] = -40*x[i]*a - 2*b
				g[i+1] = 20 * a
			}
		},
		Hess: func(h *mat.SymDense, x []float64) {
			for i := range len(x) {
				for j := i; j < len(x); j++ {
					h.SetSym(i, j, 0)
				}
			}
			for i := 0; i+1 < len(x); i += 2 {
				a := 10 * (x[i+1] - x[i]*x[i])
				h.SetSym(i, i, -40*a+800*x[i]*x[i]+2)
				h.SetSym(i, i+1, -400*x[i])
				h.SetSym(i+1, i+1, 200)
			}
		},
	}
	return Case{Name: "ExtendedRosenbrock" + itoa(n), P: p, X0: x0, FMin: 0, XMin: ones(n)}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// Beale is MGH (5): Σ_{i=1}^{3} (y_i − x₁(1 − x₂^i))², y = (1.5, 2.25,
// 2.625), x0 = (1, 1), minimum 0 at (3, 0.5).
func Beale() Case {
	y := [3]float64{1.5, 2.25, 2.625}
	p := optim.Problem{
		Dim: 2,
		Func: func(x []float64) float64 {
			var s float64
			for i := range 3 {
				r := y[i] - x[0]*(1-math.Pow(x[1], float64(i+1)))
				s += r * r
			}
			return s
		},
		Grad: func(g, x []float64) {
			g[0], g[1] = 0, 0
			for i := range 3 {
				k := float64(i + 1)
				r := y[i] - x[0]*(1-math.Pow(x[1], k))
				g[0] += -2 * r * (1 - math.Pow(x[1], k))
				g[1] += 2 * r * x[0] * k * math.Pow(x[1], k-1)
			}
		},
	}
	return Case{Name: "Beale", P: p, X0: []float64{1, 1}, FMin: 0, XMin: []float64{3, 0.5}}
}

// PowellSingular is MGH (13): (x₁+10x₂)² + 5(x₃−x₄)² + (x₂−2x₃)⁴ +
// 10(x₁−x₄)⁴, x0 = (3, −1, 0, 1), minimum 0 at 0, where the Hessian is
// singular (Newton then converges only linearly).
func PowellSingular() Case {
	p := optim.Problem{
		Dim: 4,
		Func: func(x []float64) float64 {
			a, b, c, d := x[0]+10*x[1], x[2]-x[3], x[1]-2*x[2], x[0]-x[3]
			return a*a + 5*b*b + c*c*c*c + 10*d*d*d*d
		},
		Grad: func(g, x []float64) {
			a, b, c, d := x[0]+10*x[1], x[2]-x[3], x[1]-2*x[2], x[0]-x[3]
			g[0] = 2*a + 40*d*d*d
			g[1] = 20*a + 4*c*c*c
			g[2] = 10*b - 8*c*c*c
			g[3] = -10*b - 40*d*d*d
		},
	}
	return Case{Name: "PowellSingular", P: p, X0: []float64{3, -1, 0, 1}, FMin: 0, XMin: make([]float64, 4)}
}

// Wood is MGH (14), x0 = (−3, −1, −3, −1), minimum 0 at (1, 1, 1, 1).
func Wood() Case {
	p := optim.Problem{
		Dim: 4,
		Func: func(x []float64) float64 {
			a, b, c, d := x[0]*x[0]-x[1], x[0]-1, x[2]-1, x[2]*x[2]-x[3]
			return 100*a*a + b*b + c*c + 90*d*d + 10.1*((x[1]-1)*(x[1]-1)+(x[3]-1)*(x[3]-1)) + 19.8*(x[1]-1)*(x[3]-1)
		},
		Grad: func(g, x []float64) {
			a, d := x[0]*x[0]-x[1], x[2]*x[2]-x[3]
			g[0] = 400*x[0]*a + 2*(x[0]-1)
			g[1] = -200*a + 20.2*(x[1]-1) + 19.8*(x[3]-1)
			g[2] = 2*(x[2]-1) + 360*x[2]*d
			g[3] = -180*d + 20.2*(x[3]-1) + 19.8*(x[1]-1)
		},
	}
	return Case{Name: "Wood", P: p, X0: []float64{-3, -1, -3, -1}, FMin: 0, XMin: ones(4)}
}

// BrownBadlyScaled is MGH (4): (x₁ − 10⁶)² + (x₂ − 2·10⁻⁶)² + (x₁x₂ − 2)²,
// x0 = (1, 1), minimum 0 at (10⁶, 2·10⁻⁶).
func BrownBadlyScaled() Case {
	p := optim.Problem{
		Dim: 2,
		Func: func(x []float64) float64 {
			a, b, c := x[0]-1e6, x[1]-2e-6, x[0]*x[1]-2
			return a*a + b*b + c*c
		},
		Grad: func(g, x []float64) {
			a, b, c := x[0]-1e6, x[1]-2e-6, x[0]*x[1]-2
			g[0] = 2*a + 2*c*x[1]
			g[1] = 2*b + 2*c*x[0]
		},
	}
	return Case{Name: "BrownBadlyScaled", P: p, X0: []float64{1, 1}, FMin: 0, XMin: []float64{1e6, 2e-6}}
}

// FreudensteinRoth is MGH (2), x0 = (0.5, −2): global minimum 0 at (5, 4)
// and a local minimum 48.9842536792… at (11.41…, −0.8968…), where descent
// methods from x0 usually end.
func FreudensteinRoth() Case {
	p := optim.Problem{
		Dim: 2,
		Func: func(x []float64) float64 {
			r1 := -13 + x[0] + ((5-x[1])*x[1]-2)*x[1]
			r2 := -29 + x[0] + ((x[1]+1)*x[1]-14)*x[1]
			return r1*r1 + r2*r2
		},
		Grad: func(g, x []float64) {
			r1 := -13 + x[0] + ((5-x[1])*x[1]-2)*x[1]
			r2 := -29 + x[0] + ((x[1]+1)*x[1]-14)*x[1]
			g[0] = 2 * (r1 + r2)
			g[1] = 2 * (r1*(10*x[1]-3*x[1]*x[1]-2) + r2*(3*x[1]*x[1]+2*x[1]-14))
		},
	}
	return Case{Name: "FreudensteinRoth", P: p, X0: []float64{0.5, -2}, FMin: 0, XMin: []float64{5, 4}}
}

// FreudensteinRothLocal is the value of Freudenstein–Roth's local minimum.
const FreudensteinRothLocal = 48.98425367924

// All returns the problems in the order of the tests' tables.
func All() []Case {
	return []Case{ExtendedRosenbrock(2), ExtendedRosenbrock(10), Beale(), PowellSingular(), Wood(), BrownBadlyScaled(), FreudensteinRoth()}
}

// Solve runs m on c from its start point with settings s, logs the result
// and the evaluation counts on tb, and returns it with ‖∇f(X)‖∞.
func Solve(tb testing.TB, m optim.Method, c Case, s *optim.Settings) (*optim.Result, float64) {
	tb.Helper()
	r, err := optim.Minimize(context.Background(), c.P, c.X0, s, m)
	if err != nil {
		tb.Fatalf("%s: %v", c.Name, err)
	}
	gn := math.NaN()
	if r.X != nil {
		g := make([]float64, len(r.X))
		c.P.Grad(g, r.X)
		gn = floats.Norm(g, math.Inf(1))
	}
	tb.Logf("%-20s %-9s f=%-12.6g ‖g‖∞=%-9.2g nit=%-5d nfev=%-5d ngev=%-5d nhev=%-3d %s: %s", c.Name, m.Info().Name, r.F, gn, r.NIt, r.NFev, r.NGev, r.NHev, r.Status, r.Message)
	return r, gn
}
