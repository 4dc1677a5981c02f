package problems

import (
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/optlab/optlab/pkg/optim"
)

// Scalar is a test function of one variable with its first two
// derivatives, the interval [A, B] to search, a start point X0 for
// Newton-like methods and the known minimizer XMin in [A, B] with value
// FMin = F(XMin).
type Scalar struct {
	Name           string
	F, DF, D2F     func(float64) float64
	A, B           float64
	X0, XMin, FMin float64
}

// Problem returns s as a 1-D optim.Problem (Dim 1, with gradient DF,
// Hessian D2F and no bounds), for methods that work in any dimension.
func (s Scalar) Problem() optim.Problem {
	f, df := s.F, s.DF
	p := optim.Problem{
		Func: func(x []float64) float64 { return f(x[0]) },
		Dim:  1,
	}
	if df != nil {
		p.Grad = func(g, x []float64) { g[0] = df(x[0]) }
	}
	if d2f := s.D2F; d2f != nil {
		p.Hess = func(h *mat.SymDense, x []float64) { h.SetSym(0, 0, d2f(x[0])) }
	}
	return p
}

// Interval returns s as the 1-D problem of the 1-D methods: Problem()
// with the bounds [A, B] as the interval to search.
func (s Scalar) Interval() optim.Problem {
	p := s.Problem()
	p.Lower, p.Upper = []float64{s.A}, []float64{s.B}
	return p
}

// Poly returns f(x) = x⁴ − 14x³ + 60x² − 70x on [0, 2], the classic example
// for line searches: unimodal on [0, 2] with its minimum at x ≈ 0.7809,
// f ≈ −24.3696. Newton starts at 1.
func Poly() Scalar {
	return Scalar{
		Name: "poly",
		F:    func(x float64) float64 { return ((x-14)*x+60)*x*x - 70*x },
		DF:   func(x float64) float64 { return ((4*x-42)*x+120)*x - 70 },
		D2F:  func(x float64) float64 { return (12*x-84)*x + 120 },
		A:    0,
		B:    2,
		X0:   1,
		XMin: 0.78088405308807574,
		FMin: -24.369601567355033,
	}
}

// Cos returns f(x) = cos x on [0, 2π], minimum −1 at π. Newton starts at
// 2.5; it would head for a maximum from a point where cos x < 0 fails,
// i.e. where f” = −cos x <= 0.
func Cos() Scalar {
	return Scalar{
		Name: "cos",
		F:    math.Cos,
		DF:   func(x float64) float64 { return -math.Sin(x) },
		D2F:  func(x float64) float64 { return -math.Cos(x) },
		A:    0,
		B:    2 * math.Pi,
		X0:   2.5,
		XMin: math.Pi,
		FMin: -1,
	}
}

// HalfSquare returns f(x) = x²/2 on [−1, 2] (f' = x, f” = 1), minimum 0 at
// 0: a quadratic, so Newton's method from X0 = 1.5 lands on the minimum in
// one step.
func HalfSquare() Scalar {
	return Scalar{
		Name: "halfsquare",
		F:    func(x float64) float64 { return x * x / 2 },
		DF:   func(x float64) float64 { return x },
		D2F:  func(float64) float64 { return 1 },
		A:    -1,
		B:    2,
		X0:   1.5,
		XMin: 0,
		FMin: 0,
	}
}
