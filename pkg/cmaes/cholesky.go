package cmaes

// The Cholesky-CMA-ES of O. Krause, D. R. Arbonès and C. Igel, "CMA-ES with
// Optimal Covariance Update and Storage Complexity", NIPS 2016. It keeps a
// lower-triangular factor A of C = A Aᵀ instead of C and its
// eigendecomposition:
//
//	z_i ~ N(0, I),  y_i = A z_i,  x_i = m + σ y_i
//	m ← m + σ ⟨y⟩_w
//	p_σ ← (1 − c_σ) p_σ + √(c_σ (2 − c_σ) μ_eff) ⟨z⟩_w      (⟨z⟩_w = A⁻¹⟨y⟩_w, no solve)
//	p_c ← (1 − c_c) p_c + h_σ √(c_c (2 − c_c) μ_eff) ⟨y⟩_w
//	C ← keep·C + c₁ p_c p_cᵀ + c_μ Σ_i w°_i y_{i:λ} y_{i:λ}ᵀ      (47)
//	σ ← σ exp((c_σ/d_σ)(‖p_σ‖/E‖N(0,I)‖ − 1))
//
// with this package's constants, h_σ, keep and the active weights w° of
// full CMA-ES (cma.go, active.go). The update (47) is done on A: a scaling
// A ← √keep A, then one rank-one update A Aᵀ + β v vᵀ per term, O(n²) each,
// the negative (active) terms last as downdates. The paper shows that
// using the triangular A⁻¹ in p_σ instead of the symmetric C^{-1/2} leaves
// the algorithm's behaviour unchanged. A generation costs O(λn²) (sampling)
// plus O((λ+1)n²) (the update): there is no O(n³) step at all.
//
// A is stored transposed, R = Aᵀ upper triangular and row-major, so that
// column j of A below the diagonal is the contiguous row segment R[j, j+1:]
// and the loops of rankOne are gonum's axpy and scal kernels; sampling all
// λ steps is one triangular product Y = Z R.

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// maxDowndate bounds a downdate C − β v vᵀ = A (I − β u uᵀ) Aᵀ, u = A⁻¹v:
// it is positive definite iff β‖u‖² < 1, and it multiplies the variance
// along v by 1 − β‖u‖². A downdate with β‖u‖² ≥ maxDowndate is skipped (and
// counted). With the weights of active.go the terms satisfy
// Σ β_i‖A⁻¹y_i‖² ≤ 1 − c₁ − c_μ in exact arithmetic, and a single one is
// typically below 0.2 (at n = 10) or 0.01 (at n = 1000): the bound only
// catches rounding and forced cases. (A variable for the tests.)
var maxDowndate = 0.5

// newCholState is N(m, σ² A Aᵀ) with A = I; C and D hold diag(A Aᵀ) and
// diag(A) (see diagChol).
func newCholState(m []float64, sigma float64, p params) *state {
	n := len(m)
	p.eigenGap = 0 // "decompose" (diagChol) after every generation: it is O(n²)
	s := &state{p: p, m: slices.Clone(m), sigma: sigma, chol: true,
		C: make([]float64, n), D: make([]float64, n), ps: make([]float64, n), pc: make([]float64, n),
		yw: make([]float64, n), zw: make([]float64, n), tmp: make([]float64, n), u: make([]float64, n),
		wo:    make([]float64, len(p.wC)),
		check: func() {},
		rt:    mat.NewDense(n, n, nil)}
	for i := range n {
		s.rt.Set(i, i, 1)
		s.C[i], s.D[i] = 1, 1
	}
	return s
}

// triR is R = Aᵀ as a blas64 upper triangle.
func (s *state) triR() blas64.Triangular {
	r := s.rt.RawMatrix()
	return blas64.Triangular{Uplo: blas.Upper, Diag: blas.NonUnit, N: r.Rows, Stride: r.Stride, Data: r.Data}
}

// mulA sets the rows of Y to y_k = A z_k for the rows z_k of Z: Y = Z Aᵀ =
// Z R, one triangular matrix product.
func (s *state) mulA(Y, Z *mat.Dense) {
	y := Y.RawMatrix()
	copy(y.Data, Z.RawMatrix().Data)
	blas64.Trmm(blas.Right, blas.NoTrans, 1, s.triR(), y)
}

// adaptA is (47) on the factor: C ← keep·C + c₁ p_c p_cᵀ + c_μ Σ w°_i y_i y_iᵀ
// as A ← √keep A, one rank-one update per positive term, then one checked
// downdate per negative term.
func (s *state) adaptA(keep float64, ysel [][]float64) {
	p, r := &s.p, s.rt.RawMatrix()
	floats.Scale(math.Sqrt(keep), r.Data) // A ← √keep A (the zero lower triangle of R stays zero)
	ok := s.rankOneCopy(p.c1, s.pc)       // + c₁ p_c p_cᵀ
	for i, w := range s.wo {
		if w > 0 {
			ok = ok && s.rankOneCopy(p.cmu*w, ysel[i]) // + c_μ w°_i y_i y_iᵀ
		}
	}
	s.check()
	for i, w := range s.wo {
		if w < 0 && ok {
			ok = s.downdate(-p.cmu*w, ysel[i]) // − c_μ |w°_i| y_i y_iᵀ
		}
	}
	if !ok {
		s.failed = "Cholesky factor of C is no longer positive definite"
	}
}

// rankOneCopy is rankOne on a copy of v (in s.tmp).
func (s *state) rankOneCopy(beta float64, v []float64) bool {
	copy(s.tmp, v)
	return rankOne(s.rt.RawMatrix(), beta, s.tmp)
}

// downdate subtracts β v vᵀ from C (β > 0) unless that leaves too little of
// C (β‖A⁻¹v‖² ≥ maxDowndate, one triangular solve): then it counts a skip
// and leaves A as it is. It returns false only if rankOne failed.
func (s *state) downdate(beta float64, v []float64) bool {
	copy(s.u, v)
	blas64.Trsv(blas.Trans, s.triR(), blas64.Vector{N: len(s.u), Data: s.u, Inc: 1}) // u = A⁻¹ v (Rᵀ u = v)
	if q := beta * floats.Dot(s.u, s.u); !(q < maxDowndate) {
		s.skipped++
		return true
	}
	return s.rankOneCopy(-beta, v)
}

// rankOne sets R to the factor of C' = RᵀR + β v vᵀ = A Aᵀ + β v vᵀ,
// overwriting v. Column by column, with l₁₁ = A_jj, l₂₁ = A_{j+1:,j} (the
// row R[j, j+1:]), v₁ = v_j and v₂ = v_{j+1:}:
//
//	l'₁₁ = √(l₁₁² + β v₁²)
//	v₂  ← v₂ − (v₁/l₁₁) l₂₁
//	l'₂₁ = (l'₁₁/l₁₁) l₂₁ + (β v₁/l'₁₁) v₂
//	β   ← β l₁₁²/l'₁₁²
//
// (the trailing Schur complement of C' is again a rank-one change of that
// of C, with the new v₂ and β). It returns false, with R partly updated, if
// some l₁₁² + β v₁² is not positive (C' not positive definite).
func rankOne(r blas64.General, beta float64, v []float64) bool {
	n := r.Cols
	for j := range n {
		row := r.Data[j*r.Stride+j : j*r.Stride+n]
		l11, v1 := row[0], v[j]
		if v1 == 0 {
			continue
		}
		d := l11*l11 + beta*v1*v1
		if !(d > 0) || math.IsInf(d, 1) {
			return false
		}
		l := math.Sqrt(d)
		row[0] = l
		if j+1 < n {
			rankOneColumn(row[1:], v[j+1:n], -v1/l11, l/l11, beta*v1/l)
		}
		beta *= l11 * l11 / d
	}
	return true
}

// rankOneColumn is, in one pass over the short vectors of a column,
//
//	v₂ ← v₂ + a l₂₁           (a = −v₁/l₁₁)
//	l₂₁ ← b l₂₁ + c v₂        (b = l'₁₁/l₁₁, c = β v₁/l'₁₁)
//
// element by element with the same operations in the same order as
// floats.AddScaled(v2, a, l21), floats.Scale(b, l21) and
// floats.AddScaled(l21, c, v2) one after the other (the same bits), but
// without three kernel calls per column. The conversions float64(·) round
// each product, as the assembly kernels do: they keep the compiler from
// fusing a multiply and an add (it does with GOAMD64=v3).
func rankOneColumn(l21, v2 []float64, a, b, c float64) {
	v2 = v2[:len(l21)]
	for i, l := range l21 {
		t := v2[i] + float64(a*l)
		v2[i] = t
		l21[i] = float64(l*b) + float64(c*t)
	}
}

// diagChol sets C to diag(A Aᵀ), c_ii = Σ_j A_ij² (the column norms of R;
// for the bound penalty and the termination criteria), and D to diag(A):
// A_ii² is the variance of coordinate i given the coordinates before it,
// and (max A_ii / min A_ii)² is a lower bound of the condition number of C
// (the eigenvalues of the triangular A are its diagonal).
func (s *state) diagChol() {
	n := s.p.n
	rt := s.rt.RawMatrix().Data
	clear(s.C)
	for j := range n {
		row := rt[j*n : (j+1)*n]
		s.D[j] = math.Abs(row[j])
		for i := j; i < n; i++ {
			s.C[i] += row[i] * row[i]
		}
	}
}

// matA returns a copy of A (R transposed).
func (s *state) matA() *mat.Dense {
	var a mat.Dense
	a.CloneFrom(s.rt.T())
	return &a
}
