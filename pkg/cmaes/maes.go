package cmaes

// The Matrix Adaptation Evolution Strategy, MA-ES, of H.-G. Beyer and B.
// Sendhoff, "Simplify Your Covariance Matrix Adaptation Evolution
// Strategy", IEEE Trans. Evol. Comput. 21(5), 2017 (their Fig. 3). It
// drops the covariance matrix and the path p_c of CMA-ES and adapts a
// square root M of C = M Mᵀ directly:
//
//	z_i ~ N(0, I),  d_i = M z_i,  x_i = m + σ d_i
//	m ← m + σ ⟨d⟩_w,  ⟨d⟩_w = Σ_{i=1}^{μ} w_i d_{i:λ}
//	s ← (1 − c_σ) s + √(μ_eff c_σ (2 − c_σ)) ⟨z⟩_w
//	M ← M (I + (c₁/2)(s sᵀ − I) + (c_w/2)(Σ w_i z_{i:λ} z_{i:λ}ᵀ − I))
//	σ ← σ exp((c_σ/d_σ)(‖s‖/E‖N(0,I)‖ − 1))
//
// Since M z_{i:λ} = d_{i:λ} is already known, the M update is a scaling
// plus a rank-(μ+1) update, O(μ n²) per generation:
//
//	M ← (1 − (c₁ + c_w)/2) M + (c₁/2)(M s) sᵀ + (c_w/2) Σ w_i d_{i:λ} z_{i:λ}ᵀ
//
// (Σ w_i = 1), and sampling the population is one product D = Z Mᵀ. No
// eigendecomposition is ever needed. The constants are this package's
// CMA-ES defaults (newParams, as the paper uses CMA-ES's): the μ positive
// weights, μ_eff, c_σ (pycma's), d_σ, c₁ and c_w = c_μ; there is no active
// update and no h_σ.

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// newMAState is the MA-ES state N(m, σ² M Mᵀ) with M = I and s = 0. The
// field ps is the path s, C and D hold diag(M Mᵀ) and its square roots. M
// is stored transposed, mt = Mᵀ, so that both products below run on
// gonum's axpy kernels (about twice as fast as its dot kernels).
func newMAState(m []float64, sigma float64, p params) *state {
	n := len(m)
	s := &state{p: p, m: slices.Clone(m), sigma: sigma, ma: true,
		C: make([]float64, n), D: make([]float64, n), ps: make([]float64, n), pc: make([]float64, n),
		yw: make([]float64, n), zw: make([]float64, n), tmp: make([]float64, n),
		check: func() {},
		mt:    mat.NewDense(n, n, nil), dw: mat.NewDense(p.mu+1, n, nil), zs: mat.NewDense(p.mu+1, n, nil)}
	for i := range n {
		s.mt.Set(i, i, 1)
		s.C[i], s.D[i] = 1, 1
	}
	return s
}

// tellMA is one MA-ES update, given the steps d_{i:λ} = M z_{i:λ} of the
// candidates sorted best first and their z_{i:λ}.
func (s *state) tellMA(dsel, zsel [][]float64) {
	p := &s.p
	s.gen++
	s.gatherMA(dsel, zsel)
	floats.AddScaled(s.m, s.sigma, s.yw) // m ← m + σ ⟨d⟩_w
	floats.Scale(1-p.cs, s.ps)           // s ← (1 − c_σ) s + √(μ_eff c_σ(2 − c_σ)) ⟨z⟩_w
	floats.AddScaled(s.ps, math.Sqrt(p.mueff*p.cs*(2-p.cs)), s.zw)
	s.check()
	s.adaptM()
	s.adaptSigma(floats.Norm(s.ps, 2)) // σ ← σ exp((c_σ/d_σ)(‖s‖/E‖N(0,I)‖ − 1))
	s.diagMMT()
}

// adaptM is
//
//	M ← (1 − (c₁+c_w)/2) M + (c₁/2)(M s) sᵀ + (c_w/2) Σ w_i d_{i:λ} z_{i:λ}ᵀ,
//
// one product Mᵀ ← (1 − (c₁+c_w)/2) Mᵀ + Zᵀ D on the (μ+1)×n matrices whose
// rows are z_{i:λ} and s (Z), (c_w/2) w_i d_{i:λ} and (c₁/2) M s (D).
func (s *state) adaptM() {
	p, n, mu := &s.p, s.p.n, s.p.mu
	zs, dw := s.zs.RawMatrix(), s.dw.RawMatrix()
	copy(zs.Data[mu*n:], s.ps)
	ms := dw.Data[mu*n:]
	s.mulM(ms, s.ps) // M s, with the old M
	floats.Scale(p.c1/2, ms)
	floats.Scale(p.cmu/2, dw.Data[:mu*n])
	blas64.Gemm(blas.Trans, blas.NoTrans, 1, zs, dw, 1-(p.c1+p.cmu)/2, s.mt.RawMatrix())
}

// gatherMA copies w_i d_{i:λ} and z_{i:λ} (i ≤ μ) into the first μ rows of
// dw and zs, and sets yw = ⟨d⟩_w and zw = ⟨z⟩_w.
func (s *state) gatherMA(dsel, zsel [][]float64) {
	n := s.p.n
	dw, zs := s.dw.RawMatrix().Data, s.zs.RawMatrix().Data
	clear(s.yw)
	clear(s.zw)
	for i, w := range s.p.w {
		row := dw[i*n : (i+1)*n]
		floats.ScaleTo(row, w, dsel[i])
		floats.Add(s.yw, row)
		copy(zs[i*n:(i+1)*n], zsel[i])
		floats.AddScaled(s.zw, w, zsel[i])
	}
}

// mulM sets dst = M v (= (Mᵀ)ᵀ v).
func (s *state) mulM(dst, v []float64) {
	n := s.p.n
	blas64.Gemv(blas.Trans, 1, s.mt.RawMatrix(), blas64.Vector{N: n, Data: v, Inc: 1}, 0, blas64.Vector{N: n, Data: dst, Inc: 1})
}

// diagMMT sets C to the diagonal of M Mᵀ, c_ii = Σ_j M_ij² (the column
// norms of mt; for the bound penalty and the termination criteria), and D
// to its square roots.
func (s *state) diagMMT() {
	n := s.p.n
	mt := s.mt.RawMatrix().Data
	clear(s.C)
	for j := range n {
		for i, v := range mt[j*n : (j+1)*n] {
			s.C[i] += v * v
		}
	}
	for i, c := range s.C {
		s.D[i] = math.Sqrt(c)
	}
}

// matM returns a copy of M (mt transposed).
func (s *state) matM() *mat.Dense {
	var m mat.Dense
	m.CloneFrom(s.mt.T())
	return &m
}

// covMA returns C = M Mᵀ.
func covMA(M *mat.Dense) *mat.SymDense {
	n, _ := M.Dims()
	c := mat.NewSymDense(n, nil)
	c.SymOuterK(1, M)
	return c
}
