package linesearch

import (
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/optlab/optlab/pkg/optim"
)

// Exact is the exact line search for a quadratic f(x) = ½ xᵀAx − bᵀx + c,
// whose φ(α) is a parabola with minimizer
//
//	α* = −∇f(x)ᵀp / pᵀAp.
//
// It evaluates f and ∇f once, at x + α*p (Result.G is set). pᵀAp ≤ 0 gives
// NegativeCurvature; f(x + α*p) > f(x) (f is not the quadratic A describes)
// gives NoAcceptableStep. For a non-quadratic f with A its Hessian at x the
// step is one Newton step on φ, not an exact search.
func Exact(l *Line, A mat.Symmetric) Result {
	return exact(l, mat.Inner(mat.NewVecDense(len(l.p), l.p), A, mat.NewVecDense(len(l.p), l.p)))
}

// ExactHv is Exact with A given by its products: hv(dst, v) writes A v into
// dst.
func ExactHv(l *Line, hv func(dst, v []float64)) Result {
	ap := make([]float64, len(l.p))
	hv(ap, l.p)
	return exact(l, floats.Dot(l.p, ap))
}

func exact(l *Line, pAp float64) Result {
	if r, ok := l.start(); !ok {
		return r
	}
	if !optim.IsFinite(pAp) {
		return l.fail(NonFinite, "pᵀAp = %v", pAp)
	}
	if !(pAp > 0) {
		return l.fail(NegativeCurvature, "pᵀAp = %g ≤ 0: the quadratic has no minimum along p", pAp)
	}
	alpha := -l.D0 / pAp
	why := OK
	if alpha > l.MaxStep {
		alpha, why = l.MaxStep, AtBound
	}
	f := l.Value(alpha)
	if !optim.IsFinite(f) {
		return l.fail(NonFinite, "φ(%g) = %v", alpha, f)
	}
	if f > l.F0 {
		return l.fail(NoAcceptableStep, "the exact step α = %g increased f from %g to %g (is f the quadratic of A?)", alpha, l.F0, f)
	}
	if d := l.Deriv(); !optim.IsFinite(d) {
		return l.fail(NonFinite, "φ′(%g) = %v", alpha, d)
	}
	if why == AtBound {
		return l.result(alpha, why, "the box caps the exact step at α = %g", alpha)
	}
	return l.result(alpha, OK, "")
}
