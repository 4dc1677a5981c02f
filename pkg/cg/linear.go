package cg

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// LinearResult is the outcome of [Linear].
type LinearResult struct {
	X         []float64 // the solution estimate
	Iter      int       // CG steps taken
	Converged bool      // ‖Ax − b‖ ≤ tol ‖b‖
	// Residuals[k] = ‖Ax_k − b‖₂, k = 0 … Iter.
	Residuals []float64
}

// Linear solves Ax = b for a symmetric positive definite A by the linear
// conjugate gradient method (N&W Alg. 5.2) from x0 (nil: 0), until
// ‖Ax − b‖₂ ≤ tol·‖b‖₂ or 10n steps. In exact arithmetic it needs at most
// n steps (as many as A has distinct eigenvalues); in floating point an
// ill-conditioned A needs more (see the Hilbert example). It returns an
// error for mismatched sizes, a non-positive or non-finite tol, or pᵀAp ≤ 0
// (A not positive definite), with the result so far.
func Linear(A mat.Symmetric, b, x0 []float64, tol float64) (*LinearResult, error) {
	n := A.SymmetricDim()
	if len(b) != n || (x0 != nil && len(x0) != n) {
		return nil, fmt.Errorf("cg: Linear: A is %d×%d but len(b) = %d, len(x0) = %d", n, n, len(b), len(x0))
	}
	if !(tol > 0) || math.IsInf(tol, 0) {
		return nil, fmt.Errorf("cg: Linear: tol must be positive and finite, got %v", tol)
	}
	s := &linState{A: A, x: make([]float64, n), r: make([]float64, n), p: make([]float64, n), ap: make([]float64, n)}
	if x0 != nil {
		copy(s.x, x0)
	}
	mulVec(s.r, A, s.x) // r = Ax − b
	floats.Sub(s.r, b)
	floats.ScaleTo(s.p, -1, s.r)
	s.rr = floats.Dot(s.r, s.r)
	res := &LinearResult{X: s.x, Residuals: []float64{math.Sqrt(s.rr)}}
	stop := tol * floats.Norm(b, 2)
	for res.Iter < 10*n && math.Sqrt(s.rr) > stop {
		if err := s.step(); err != nil {
			return res, err
		}
		res.Iter++
		res.Residuals = append(res.Residuals, math.Sqrt(s.rr))
	}
	res.Converged = math.Sqrt(s.rr) <= stop
	return res, nil
}

type linState struct {
	A           mat.Symmetric
	x, r, p, ap []float64
	rr          float64 // rᵀr
}

// step is one linear CG step, N&W Alg. 5.2:
//
//	α = rᵀr / pᵀAp,  x ← x + αp,  r ← r + αAp,  β = r₊ᵀr₊ / rᵀr,  p ← −r + βp.
func (s *linState) step() error {
	mulVec(s.ap, s.A, s.p)
	pAp := floats.Dot(s.p, s.ap)
	if !(pAp > 0) {
		return fmt.Errorf("cg: Linear: pᵀAp = %g ≤ 0: A is not positive definite", pAp)
	}
	alpha := s.rr / pAp
	floats.AddScaled(s.x, alpha, s.p)
	floats.AddScaled(s.r, alpha, s.ap)
	rr := floats.Dot(s.r, s.r)
	beta := rr / s.rr
	s.rr = rr
	floats.AddScaledTo(s.p, floats.ScaleTo(make([]float64, len(s.r)), -1, s.r), beta, s.p)
	return nil
}

func mulVec(dst []float64, A mat.Symmetric, v []float64) {
	mat.NewVecDense(len(dst), dst).MulVec(A, mat.NewVecDense(len(v), v))
}
