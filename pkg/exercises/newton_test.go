package exercises

import (
	"testing"

	"gonum.org/v1/gonum/mat"
)

func goodNewtonDir(H *mat.SymDense, g []float64) ([]float64, bool) {
	var chol mat.Cholesky
	if !chol.Factorize(H) {
		return nil, false
	}
	p := mat.NewVecDense(len(g), nil)
	if err := chol.SolveVecTo(p, mat.NewVecDense(len(g), g)); err != nil {
		return nil, false
	}
	p.ScaleVec(-1, p)
	return p.RawVector().Data, true
}

func goodModified(H *mat.SymDense, g []float64) ([]float64, float64) {
	const beta = 1e-3
	n := len(g)
	tau, minDiag := 0.0, H.At(0, 0)
	for i := range n {
		minDiag = min(minDiag, H.At(i, i))
	}
	if minDiag <= 0 {
		tau = -minDiag + beta
	}
	for {
		A := mat.NewSymDense(n, nil)
		A.CopySym(H)
		for i := range n {
			A.SetSym(i, i, H.At(i, i)+tau)
		}
		if p, ok := goodNewtonDir(A, g); ok {
			return p, tau
		}
		tau = max(2*tau, beta)
	}
}

func TestCheckNewtonDirection(t *testing.T) {
	want(t, "correct", true, "", func() bool { return CheckNewtonDirection(goodNewtonDir) })
	want(t, "stub", false, "hint:", func() bool {
		return CheckNewtonDirection(func(*mat.SymDense, []float64) ([]float64, bool) { return nil, false })
	})
	// Solves H p = g: the wrong sign.
	want(t, "sign", false, "mind the sign", func() bool {
		return CheckNewtonDirection(func(H *mat.SymDense, g []float64) ([]float64, bool) {
			p, ok := goodNewtonDir(H, g)
			for i := range p {
				p[i] = -p[i]
			}
			return p, ok
		})
	})
	// A general solve that never reports an indefinite H.
	want(t, "no PD check", false, "not positive definite", func() bool {
		return CheckNewtonDirection(func(H *mat.SymDense, g []float64) ([]float64, bool) {
			p := mat.NewVecDense(len(g), nil)
			if err := p.SolveVec(H, mat.NewVecDense(len(g), g)); err != nil {
				return nil, false
			}
			p.ScaleVec(-1, p)
			return p.RawVector().Data, true
		})
	})
}

func TestCheckModifiedNewton(t *testing.T) {
	want(t, "correct", true, "", func() bool { return CheckModifiedNewton(goodModified) })
	want(t, "stub", false, "hint:", func() bool {
		return CheckModifiedNewton(func(*mat.SymDense, []float64) ([]float64, float64) { return nil, 0 })
	})
	// Always shifts by a large τ: a descent direction, but not Alg. 3.3.
	want(t, "large tau", false, "double", func() bool {
		return CheckModifiedNewton(func(H *mat.SymDense, g []float64) ([]float64, float64) {
			n := len(g)
			A := mat.NewSymDense(n, nil)
			A.CopySym(H)
			for i := range n {
				A.SetSym(i, i, H.At(i, i)+1000)
			}
			p, _ := goodNewtonDir(A, g)
			return p, 1000
		})
	})
	// Changes H in place.
	want(t, "in place", false, "changed H", func() bool {
		return CheckModifiedNewton(func(H *mat.SymDense, g []float64) ([]float64, float64) {
			p, tau := goodModified(H, g)
			for i := range len(g) {
				H.SetSym(i, i, H.At(i, i)+tau)
			}
			return p, tau
		})
	})
}
