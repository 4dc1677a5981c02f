package problems

import (
	"context"
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/optlab/optlab/pkg/optim"
)

// MGH is a test problem of Moré, Garbow and Hillstrom ("Testing
// unconstrained optimization software", ACM TOMS 7 (1981) 17–41) with its
// standard start X0 and its known minimum FMin at XMin. Problems with a
// second, local minimum also give it (LocalXMin, LocalFMin; nil and 0 for
// the others). Every Problem has an analytic gradient and Hessian.
type MGH struct {
	Name      string // "beale", "rosenbrock-10", ...
	Problem   optim.Problem
	X0, XMin  []float64
	FMin      float64
	LocalXMin []float64
	LocalFMin float64
}

// MGHProblems returns the Moré–Garbow–Hillstrom problems optlab compares
// methods on: Rosenbrock in n = 2, 10 and 100, Beale, Powell singular,
// Wood, Brown badly scaled and Freudenstein–Roth. Fresh values every call.
func MGHProblems() []MGH {
	var ps []MGH
	for _, n := range []int{2, 10, 100} {
		m, _ := ExtendedRosenbrock(n)
		ps = append(ps, m)
	}
	return append(ps, Beale(), PowellSingular(), Wood(), BrownBadlyScaled(), FreudensteinRoth())
}

// ExtendedRosenbrock returns [Rosenbrock](n) (n even, at least 2) with its
// Hessian, started at (−1.2, 1, −1.2, 1, ...), minimum 0 at (1, ..., 1).
//
// It is the chained form Σ_{i<n} 100(x_{i+1} − x_i²)² + (1 − x_i)², as in
// gonum's functions.ExtendedRosenbrock. MGH's problem 21 of the same name
// sums over the disjoint pairs (x_{2i−1}, x_{2i}) instead; both are the
// classic Rosenbrock function for n = 2 and have the same start and
// minimum, but for n > 2 the chained form couples all variables.
func ExtendedRosenbrock(n int) (MGH, error) {
	if n < 2 || n%2 != 0 {
		return MGH{}, fmt.Errorf("problems: extended Rosenbrock needs an even dimension >= 2, got %d", n)
	}
	p, err := Rosenbrock(n)
	if err != nil {
		return MGH{}, err
	}
	p.Hess = RosenbrockHess
	return MGH{Name: fmt.Sprintf("rosenbrock-%d", n), Problem: p, X0: alternate(n, -1.2, 1), XMin: fill(n, 1)}, nil
}

// ExtendedRosenbrockPairs returns MGH's problem 21 as MGH wrote it (n
// even, at least 2): the sum over the disjoint pairs (x_{2i−1}, x_{2i}),
//
//	f(x) = Σ_{i=1}^{n/2} 100(x_{2i} − x_{2i−1}²)² + (1 − x_{2i−1})²,
//
// with its gradient and (block-diagonal) Hessian, started at
// (−1.2, 1, −1.2, 1, ...), minimum 0 at (1, ..., 1). Unlike the chained
// [ExtendedRosenbrock] it is n/2 independent 2-D Rosenbrock functions.
// Named "rosenbrock-pairs-n".
func ExtendedRosenbrockPairs(n int) (MGH, error) {
	if n < 2 || n%2 != 0 {
		return MGH{}, fmt.Errorf("problems: extended Rosenbrock needs an even dimension >= 2, got %d", n)
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
				h.SetSym(i, i, 1200*x[i]*x[i]-400*x[i+1]+2)
				h.SetSym(i, i+1, -400*x[i])
				h.SetSym(i+1, i+1, 200)
			}
		},
	}
	return MGH{Name: fmt.Sprintf("rosenbrock-pairs-%d", n), Problem: p, X0: alternate(n, -1.2, 1), XMin: fill(n, 1)}, nil
}

// MGHDescentSet returns the seven problems the tests of the descent
// packages (steepest, newton, cg, bfgs) run on: Rosenbrock 2-D, MGH's
// pairwise extended Rosenbrock in 10-D ([ExtendedRosenbrockPairs]),
// Beale, Powell singular, Wood, Brown badly scaled and Freudenstein–Roth.
// Fresh values every call.
func MGHDescentSet() []MGH {
	r2, _ := ExtendedRosenbrock(2)
	r10, _ := ExtendedRosenbrockPairs(10)
	return []MGH{r2, r10, Beale(), PowellSingular(), Wood(), BrownBadlyScaled(), FreudensteinRoth()}
}

// Logger is the part of testing.TB that [SolveMGH] uses.
type Logger interface {
	Helper()
	Logf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// SolveMGH runs m on c from c.X0 with settings s (nil: defaults), logs the
// result and its evaluation counts on tb (a *testing.T), stops the test if
// Minimize returns an error, and returns the result and ‖∇f(X)‖∞ (NaN
// without an X). It is the tests' helper.
func SolveMGH(tb Logger, m optim.Method, c MGH, s *optim.Settings) (*optim.Result, float64) {
	tb.Helper()
	r, err := optim.Minimize(context.Background(), c.Problem, c.X0, s, m)
	if err != nil {
		tb.Fatalf("%s: %v", c.Name, err)
		return nil, math.NaN()
	}
	gn := math.NaN()
	if r.X != nil {
		g := make([]float64, len(r.X))
		c.Problem.Grad(g, r.X)
		gn = floats.Norm(g, math.Inf(1))
	}
	tb.Logf("%-20s %-9s f=%-12.6g ‖g‖∞=%-9.2g nit=%-5d nfev=%-5d ngev=%-5d nhev=%-3d %s: %s", c.Name, m.Info().Name, r.F, gn, r.NIt, r.NFev, r.NGev, r.NHev, r.Status, r.Message)
	return r, gn
}

// RosenbrockHess writes the Hessian of [RosenbrockFunc] at x into h, a
// tridiagonal matrix.
func RosenbrockHess(h *mat.SymDense, x []float64) {
	n := len(x)
	for i := range n {
		for j := i; j < n; j++ {
			h.SetSym(i, j, 0)
		}
	}
	for i := 0; i+1 < n; i++ {
		h.SetSym(i, i, h.At(i, i)+1200*x[i]*x[i]-400*x[i+1]+2)
		h.SetSym(i, i+1, -400*x[i])
		h.SetSym(i+1, i+1, h.At(i+1, i+1)+200)
	}
}

// ipow returns x^k for k ≥ 0 by multiplication, and 0 for k < 0 (where it
// is only used multiplied by 0).
func ipow(x float64, k int) float64 {
	if k < 0 {
		return 0
	}
	p := 1.0
	for range k {
		p *= x
	}
	return p
}

// setSym fills the symmetric h from its upper triangle, given row by row.
func setSym(h *mat.SymDense, upper ...float64) {
	n, k := h.SymmetricDim(), 0
	for i := range n {
		for j := i; j < n; j++ {
			h.SetSym(i, j, upper[k])
			k++
		}
	}
}

var bealeY = [3]float64{1.5, 2.25, 2.625}

// Beale returns Beale's function (MGH 5)
//
//	f(x) = Σ_{i=1}^{3} (y_i − x_1(1 − x_2^i))²,  y = (1.5, 2.25, 2.625),
//
// start (1, 1), minimum 0 at (3, 0.5): a narrow curved valley, with
// f growing like x_2⁶ away from it.
func Beale() MGH {
	// r_k = y_k − x1(1 − x2^k), ∇r_k = (x2^k − 1, k x1 x2^{k−1}),
	// ∂²r_k/∂x1∂x2 = k x2^{k−1}, ∂²r_k/∂x2² = k(k−1) x1 x2^{k−2}.
	res := func(x []float64, i int) (r, d1, d2, d12, d22 float64) {
		k := i + 1
		kf := float64(k)
		r = bealeY[i] - x[0]*(1-ipow(x[1], k))
		d1, d2 = ipow(x[1], k)-1, kf*x[0]*ipow(x[1], k-1)
		d12, d22 = kf*ipow(x[1], k-1), kf*(kf-1)*x[0]*ipow(x[1], k-2)
		return
	}
	return MGH{
		Name: "beale",
		Problem: optim.Problem{
			Dim: 2,
			Func: func(x []float64) float64 {
				var s float64
				for i := range 3 {
					r, _, _, _, _ := res(x, i)
					s += r * r
				}
				return s
			},
			Grad: func(g, x []float64) {
				g[0], g[1] = 0, 0
				for i := range 3 {
					r, d1, d2, _, _ := res(x, i)
					g[0] += 2 * r * d1
					g[1] += 2 * r * d2
				}
			},
			Hess: func(h *mat.SymDense, x []float64) {
				var h11, h12, h22 float64
				for i := range 3 {
					r, d1, d2, d12, d22 := res(x, i)
					h11 += 2 * d1 * d1
					h12 += 2 * (d1*d2 + r*d12)
					h22 += 2 * (d2*d2 + r*d22)
				}
				setSym(h, h11, h12, h22)
			},
		},
		X0: []float64{1, 1}, XMin: []float64{3, 0.5},
	}
}

// PowellSingular returns Powell's singular function (MGH 13)
//
//	f(x) = (x_1 + 10x_2)² + 5(x_3 − x_4)² + (x_2 − 2x_3)⁴ + 10(x_1 − x_4)⁴,
//
// start (3, −1, 0, 1), minimum 0 at 0, where the Hessian is singular: Newton-type
// methods converge only linearly there.
func PowellSingular() MGH {
	return MGH{
		Name: "powell",
		Problem: optim.Problem{
			Dim: 4,
			Func: func(x []float64) float64 {
				a, b, c, d := x[0]+10*x[1], x[2]-x[3], x[1]-2*x[2], x[0]-x[3]
				return a*a + 5*b*b + c*c*c*c + 10*d*d*d*d
			},
			Grad: func(g, x []float64) {
				a, b, c, d := x[0]+10*x[1], x[2]-x[3], x[1]-2*x[2], x[0]-x[3]
				c3, d3 := 4*c*c*c, 40*d*d*d
				g[0] = 2*a + d3
				g[1] = 20*a + c3
				g[2] = 10*b - 2*c3
				g[3] = -10*b - d3
			},
			Hess: func(h *mat.SymDense, x []float64) {
				c, d := x[1]-2*x[2], x[0]-x[3]
				cc, dd := 12*c*c, 120*d*d
				setSym(h,
					2+dd, 20, 0, -dd,
					200+cc, -2*cc, 0,
					10+4*cc, -10,
					10+dd)
			},
		},
		X0: []float64{3, -1, 0, 1}, XMin: []float64{0, 0, 0, 0},
	}
}

// Wood returns Wood's function (MGH 14)
//
//	f(x) = 100(x_2 − x_1²)² + (1 − x_1)² + 90(x_4 − x_3²)² + (1 − x_3)²
//	       + 10.1((x_2 − 1)² + (x_4 − 1)²) + 19.8(x_2 − 1)(x_4 − 1),
//
// two coupled Rosenbrock valleys, start (−3, −1, −3, −1), minimum 0 at
// (1, 1, 1, 1).
func Wood() MGH {
	return MGH{
		Name: "wood",
		Problem: optim.Problem{
			Dim: 4,
			Func: func(x []float64) float64 {
				a, b := x[1]-x[0]*x[0], x[3]-x[2]*x[2]
				p, q := x[1]-1, x[3]-1
				return 100*a*a + (1-x[0])*(1-x[0]) + 90*b*b + (1-x[2])*(1-x[2]) + 10.1*(p*p+q*q) + 19.8*p*q
			},
			Grad: func(g, x []float64) {
				a, b := x[1]-x[0]*x[0], x[3]-x[2]*x[2]
				p, q := x[1]-1, x[3]-1
				g[0] = -400*x[0]*a - 2*(1-x[0])
				g[1] = 200*a + 20.2*p + 19.8*q
				g[2] = -360*x[2]*b - 2*(1-x[2])
				g[3] = 180*b + 20.2*q + 19.8*p
			},
			Hess: func(h *mat.SymDense, x []float64) {
				setSym(h,
					1200*x[0]*x[0]-400*x[1]+2, -400*x[0], 0, 0,
					220.2, 0, 19.8,
					1080*x[2]*x[2]-360*x[3]+2, -360*x[2],
					200.2)
			},
		},
		X0: []float64{-3, -1, -3, -1}, XMin: []float64{1, 1, 1, 1},
	}
}

// BrownBadlyScaled returns Brown's badly scaled function (MGH 4)
//
//	f(x) = (x_1 − 10⁶)² + (x_2 − 2·10⁻⁶)² + (x_1 x_2 − 2)²,
//
// start (1, 1), minimum 0 at (10⁶, 2·10⁻⁶): the two coordinates of the
// answer differ by twelve orders of magnitude.
func BrownBadlyScaled() MGH {
	return MGH{
		Name: "brown",
		Problem: optim.Problem{
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
			Hess: func(h *mat.SymDense, x []float64) {
				setSym(h, 2+2*x[1]*x[1], 4*x[0]*x[1]-4, 2+2*x[0]*x[0])
			},
		},
		X0: []float64{1, 1}, XMin: []float64{1e6, 2e-6},
	}
}

// FreudensteinRoth returns the Freudenstein–Roth function (MGH 2)
//
//	f(x) = (−13 + x_1 + ((5 − x_2)x_2 − 2)x_2)² + (−29 + x_1 + ((x_2 + 1)x_2 − 14)x_2)²,
//
// start (0.5, −2), global minimum 0 at (5, 4) and a local minimum
// 48.9842… at (11.4128…, −0.896805…), where many local methods stop.
func FreudensteinRoth() MGH {
	// The residuals r1, r2, their x2-derivatives and second derivatives;
	// both have ∂/∂x1 = 1.
	res := func(x []float64) (r1, r2, d1, d2, dd1, dd2 float64) {
		y := x[1]
		r1 = -13 + x[0] + ((5-y)*y-2)*y
		r2 = -29 + x[0] + ((y+1)*y-14)*y
		d1 = (10-3*y)*y - 2
		d2 = (3*y+2)*y - 14
		return r1, r2, d1, d2, 10 - 6*y, 6*y + 2
	}
	return MGH{
		Name: "freudenstein",
		Problem: optim.Problem{
			Dim: 2,
			Func: func(x []float64) float64 {
				r1, r2, _, _, _, _ := res(x)
				return r1*r1 + r2*r2
			},
			Grad: func(g, x []float64) {
				r1, r2, d1, d2, _, _ := res(x)
				g[0] = 2 * (r1 + r2)
				g[1] = 2 * (r1*d1 + r2*d2)
			},
			Hess: func(h *mat.SymDense, x []float64) {
				r1, r2, d1, d2, dd1, dd2 := res(x)
				setSym(h, 4, 2*(d1+d2), 2*(d1*d1+r1*dd1+d2*d2+r2*dd2))
			},
		},
		X0: []float64{0.5, -2}, XMin: []float64{5, 4},
		LocalXMin: []float64{freudensteinLocalX1, freudensteinLocalX2},
		LocalFMin: freudensteinLocalF,
	}
}

// The local minimum of the Freudenstein–Roth function, found by Newton's
// method on the gradient (mgh_test.go checks it: ∇f = 0 to 1e-12, the
// Hessian positive definite).
const (
	freudensteinLocalX1 = 11.412778986902094
	freudensteinLocalX2 = -0.89680525327447658
	freudensteinLocalF  = 48.984253679240027
)

// mghSpec is the Spec of a fixed-dimension MGH problem with the usual
// domain [lower, upper]^n.
func mghSpec(m MGH, summary string, lower, upper float64) Spec {
	n := len(m.X0)
	return Spec{
		Name: m.Name, Summary: summary,
		Dim: n, MinDim: n, DefaultDim: n,
		Problem: func(d int) (optim.Problem, error) {
			if d != n {
				return optim.Problem{}, fmt.Errorf("problems: %s is %d-dimensional, got dimension %d", m.Name, n, d)
			}
			return m.Problem, nil
		},
		Lower: lower, Upper: upper,
		XMin: func(int) []float64 { return append([]float64(nil), m.XMin...) },
		FMin: m.FMin,
		X0:   func(int) []float64 { return append([]float64(nil), m.X0...) },
	}
}
