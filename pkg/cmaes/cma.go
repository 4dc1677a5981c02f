package cmaes

// This file is the whole algorithm: the default parameters of Table 1 and one
// generation of the (μ/μ_w, λ)-CMA-ES as summarised in Appendix A of
// N. Hansen, "The CMA Evolution Strategy: A Tutorial", arXiv:1604.00772.
// Equation numbers in the comments refer to that tutorial. Everything else
// (ask/tell bookkeeping, bounds, termination, restarts, the separable variant)
// lives in the other files of the package.

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/lapack64"
	"gonum.org/v1/gonum/mat"
)

// params are the strategy parameters; newParams sets them to the defaults of
// the tutorial's Table 1 (c_σ as in pycma).
type params struct {
	n, lambda, mu int
	w             []float64 // positive recombination weights w_1 ≥ … ≥ w_μ > 0, Σ w_i = 1
	wC            []float64 // weights of the rank-μ update: w, or all λ weights for active CMA
	mueff         float64   // variance effective selection mass μ_eff = 1/Σ w_i²
	cs, ds        float64   // step-size cumulation and damping
	cc, c1, cmu   float64   // covariance cumulation, rank-one and rank-μ learning rates
	chiN          float64   // E‖N(0,I)‖
	eigenGap      float64   // generations between two eigendecompositions of C
}

func newParams(n, lambda int, separable, active bool) params {
	p := params{n: n, lambda: lambda}
	N := float64(n)
	if p.lambda == 0 {
		p.lambda = 4 + int(math.Floor(3*math.Log(N))) // (48) λ = 4 + ⌊3 ln n⌋
	}
	p.mu = p.lambda / 2 // (48) μ = ⌊λ/2⌋

	// (49) w'_i = ln((λ+1)/2) − ln i; the μ positive ones, normalised to
	// Σ w_i = 1, move the mean. With active CMA the λ−μ negative ones are
	// kept too, for the covariance update only (see active.go).
	raw := make([]float64, p.lambda)
	for i := range raw {
		raw[i] = math.Log(float64(p.lambda+1)/2) - math.Log(float64(i+1))
	}
	p.w = make([]float64, p.mu)
	sum, sum2 := 0.0, 0.0
	for i := range p.w {
		sum += raw[i]
	}
	for i := range p.w {
		p.w[i] = raw[i] / sum
		sum2 += p.w[i] * p.w[i]
	}
	p.mueff = 1 / sum2 // (8) μ_eff = (Σ w_i²)⁻¹

	// (55) step-size control. c_σ is pycma's (CMAAdaptSigmaCSA.initialize
	// in cma/sigma_adaptation.py): (μ_eff+2)/(n+μ_eff+3), where Table 1 has
	// n+μ_eff+5. For n = 10 that is 0.32 instead of 0.28, a shorter
	// memory; it is measurably better on the toy network (see doc.go).
	p.cs = (p.mueff + 2) / (N + p.mueff + 3)
	p.ds = 1 + 2*math.Max(0, math.Sqrt((p.mueff-1)/(N+1))-1) + p.cs

	// (56)–(58) covariance matrix adaptation, α_cov = 2.
	const alphaCov = 2.0
	p.cc = (4 + p.mueff/N) / (N + 4 + 2*p.mueff/N)
	p.c1 = alphaCov / ((N+1.3)*(N+1.3) + p.mueff)
	p.cmu = math.Min(1-p.c1,
		alphaCov*(0.25+p.mueff+1/p.mueff-2)/((N+2)*(N+2)+alphaCov*p.mueff/2))
	if separable {
		p.c1, p.cmu = sepRates(n, p.c1, p.cmu)
	}
	p.wC = p.w
	if active {
		p.wC = activeWeights(raw, p) // (50)–(53)
	}

	// E‖N(0,I)‖ ≈ √n (1 − 1/(4n) + 1/(21n²)), the expected length of a
	// standard normal vector (Section 4 of the tutorial).
	p.chiN = math.Sqrt(N) * (1 - 1/(4*N) + 1/(21*N*N))

	// Appendix B.2: decompose C only after λ/((c1+cμ) n 10) evaluations,
	// that is 1/((c1+cμ) n 10) generations, so that the O(n³)
	// eigendecomposition costs O(n²) per evaluation (every generation for
	// n ≲ 100).
	p.eigenGap = 1 / ((p.c1 + p.cmu) * N * 10)
	if separable {
		p.eigenGap = 0 // a diagonal C needs no decomposition
	}
	return p
}

// state is the search distribution N(m, σ² C) and the evolution paths.
type state struct {
	p     params
	m     []float64 // mean
	sigma float64   // step size σ
	sep   bool      // C is diagonal (sep-CMA-ES, see separable.go)
	ma    bool      // MA-ES: M replaces C, B and p_c (see maes.go)
	chol  bool      // Cholesky-CMA-ES: a triangular factor A replaces C and B (see cholesky.go)

	// C = B D² Bᵀ. Full: C is the n×n row-major data of cm, whose upper
	// triangle is C (the lower one is not kept up to date); B is the n×n
	// row-major data of bm, the eigenvectors in columns, nil while C has
	// not been decomposed yet (B = I); bd is B·diag(D). sep, MA-ES and
	// Cholesky: C holds the diagonal (B stays nil).
	C, B []float64
	D    []float64 // square roots of the eigenvalues of C (standard deviations)
	cm   *mat.SymDense
	bm   *mat.Dense
	bd   *mat.Dense

	ps, pc []float64 // evolution paths p_σ and p_c
	gen    int       // generations done
	eigGen int       // generation of the last eigendecomposition
	failed string    // non-empty when the decomposition failed

	// check is called between long steps (the Task's context check; a
	// no-op for ask/tell); interrupt runs the eigendecomposition
	// (Task.Interruptible for large n; nil: a plain call).
	check     func()
	interrupt func(func())

	yw, zw, tmp []float64  // scratch
	wo          []float64  // w° of (46)
	ypos, yneg  *mat.Dense // √|w°_i| y_{i:λ} for the positive and the negative weights
	vals, work  []float64  // eigenvalues and LAPACK workspace
	eigA        []float64  // n×n scratch of the decomposition

	mt, dw, zs *mat.Dense // MA-ES: Mᵀ (n×n); the rows of the M update ((μ+1)×n, see adaptM)

	rt      *mat.Dense // Cholesky: R = Aᵀ (n×n, upper triangular), C = A Aᵀ
	u       []float64  // Cholesky: A⁻¹v of a downdate
	skipped int        // Cholesky: downdates skipped (see maxDowndate)
}

func newState(m []float64, sigma float64, p params, sep bool) *state {
	n := len(m)
	s := &state{p: p, m: append([]float64(nil), m...), sigma: sigma, sep: sep,
		D: make([]float64, n), ps: make([]float64, n), pc: make([]float64, n),
		yw: make([]float64, n), zw: make([]float64, n), tmp: make([]float64, n),
		wo:    make([]float64, len(p.wC)),
		check: func() {}}
	for i := range s.D {
		s.D[i] = 1
	}
	if sep {
		s.C = append([]float64(nil), s.D...)
		return s
	}
	s.C = make([]float64, n*n)
	for i := range n { // C = I
		s.C[i*n+i] = 1
	}
	s.cm = mat.NewSymDense(n, s.C)
	npos := 0
	for _, w := range p.wC {
		if w > 0 {
			npos++
		}
	}
	s.ypos = mat.NewDense(npos, n, nil)
	if npos < len(p.wC) {
		s.yneg = mat.NewDense(len(p.wC)-npos, n, nil)
	}
	return s
}

// sample draws the candidates x_k ~ N(m, σ² C), one per row of Z, Y and X
// (λ×n), taking the standard normal numbers from rng row by row.
func (s *state) sample(rng *rand.Rand, Z, Y *mat.Dense, x [][]float64) {
	z := Z.RawMatrix().Data
	for i := range z {
		z[i] = rng.NormFloat64() // (38) z_k ~ N(0, I)
	}
	s.check()
	s.mulBD(Y, Z) // (39) y_k = B D z_k ~ N(0, C)
	s.check()
	y := Y.RawMatrix().Data
	n := len(s.m)
	for k, xk := range x {
		copy(xk, s.m)
		floats.AddScaled(xk, s.sigma, y[k*n:(k+1)*n]) // (40) x_k = m + σ y_k ~ N(m, σ² C)
	}
}

// mulBD sets the rows of Y to y_k = B D z_k for the rows z_k of Z: one
// matrix product Y = Z (BD)ᵀ.
func (s *state) mulBD(Y, Z *mat.Dense) {
	switch {
	case s.chol: // y_k = A z_k: Y = Z Aᵀ
		s.mulA(Y, Z)
	case s.ma: // d_k = M z_k: D = Z Mᵀ (blas64 directly: Dense.Mul's checks cost as much at n = 10)
		blas64.Gemm(blas.NoTrans, blas.NoTrans, 1, Z.RawMatrix(), s.mt.RawMatrix(), 0, Y.RawMatrix())
	case s.sep || s.B == nil: // B = I
		y, z, n := Y.RawMatrix().Data, Z.RawMatrix().Data, len(s.D)
		for k := 0; k+n <= len(y); k += n {
			floats.MulTo(y[k:k+n], s.D, z[k:k+n])
		}
	default: // what Y.Mul(Z, s.bd.T()) does, without its checks
		blas64.Gemm(blas.NoTrans, blas.Trans, 1, Z.RawMatrix(), s.bd.RawMatrix(), 0, Y.RawMatrix())
	}
}

// update performs selection and recombination, step-size control and
// covariance matrix adaptation, given the steps y_{1:λ}, …, y_{λ:λ} of the
// candidates sorted best first and their z_{i:λ} (y = B D z).
func (s *state) update(ysel, zsel [][]float64) {
	if s.ma {
		s.tellMA(ysel, zsel)
		return
	}
	s.gen++
	s.recombine(ysel, zsel)
	psNorm := s.pathSigma()
	hs := s.pathC(psNorm)
	s.adaptC(ysel, zsel, hs)
	s.adaptSigma(psNorm)
	if float64(s.gen-s.eigGen) > s.p.eigenGap {
		s.decompose()
	}
}

// recombine moves the mean to the weighted average of the μ best.
func (s *state) recombine(ysel, zsel [][]float64) {
	// (41) ⟨y⟩_w = Σ_{i=1}^{μ} w_i y_{i:λ}, and ⟨z⟩_w likewise
	clear(s.yw)
	clear(s.zw)
	for i, w := range s.p.w {
		floats.AddScaled(s.yw, w, ysel[i])
		floats.AddScaled(s.zw, w, zsel[i])
	}
	// (42) m ← m + c_m σ ⟨y⟩_w, with c_m = 1 (54).
	floats.AddScaled(s.m, s.sigma, s.yw)
}

// pathSigma updates the conjugate evolution path and returns ‖p_σ‖.
func (s *state) pathSigma() float64 {
	p := &s.p
	// (43) p_σ ← (1 − c_σ) p_σ + √(c_σ (2 − c_σ) μ_eff) C^{-1/2} ⟨y⟩_w,
	// where C^{-1/2} ⟨y⟩_w = B D⁻¹ Bᵀ B D ⟨z⟩_w = B ⟨z⟩_w. (Cholesky: A⁻¹
	// in place of C^{-1/2}, A⁻¹⟨y⟩_w = ⟨z⟩_w; B is nil, mulB copies.)
	s.mulB(s.tmp, s.zw)
	floats.Scale(1-p.cs, s.ps)
	floats.AddScaled(s.ps, math.Sqrt(p.cs*(2-p.cs)*p.mueff), s.tmp)
	return floats.Norm(s.ps, 2)
}

// pathC updates the evolution path p_c and returns h_σ.
func (s *state) pathC(psNorm float64) float64 {
	p := &s.p
	// h_σ stalls the update of p_c while ‖p_σ‖ is large, that is while σ
	// grows quickly, so that C does not grow too fast along the path.
	hs := 0.0
	if psNorm/math.Sqrt(1-math.Pow(1-p.cs, 2*float64(s.gen))) < (1.4+2/float64(p.n+1))*p.chiN {
		hs = 1
	}
	// (45) p_c ← (1 − c_c) p_c + h_σ √(c_c (2 − c_c) μ_eff) ⟨y⟩_w
	floats.Scale(1-p.cc, s.pc)
	floats.AddScaled(s.pc, hs*math.Sqrt(p.cc*(2-p.cc)*p.mueff), s.yw)
	return hs
}

// adaptC is the rank-one and rank-μ update of C.
func (s *state) adaptC(ysel, zsel [][]float64, hs float64) {
	p, n := &s.p, s.p.n
	// (46) w°_i = w_i if w_i ≥ 0, else w_i · n / ‖C^{-1/2} y_{i:λ}‖², where
	// C^{-1/2} y_{i:λ} = B z_{i:λ} has the length of z_{i:λ} (only active
	// CMA has negative weights).
	sumW := 0.0
	for i, w := range p.wC {
		s.wo[i] = w
		if w < 0 {
			s.wo[i] = w * float64(n) / floats.Dot(zsel[i], zsel[i])
		}
		sumW += w
	}
	// (47) C ← (1 + c1 δ(h_σ) − c1 − cμ Σ w_j) C + c1 p_c p_cᵀ + cμ Σ w°_i y_{i:λ} y_{i:λ}ᵀ
	// with δ(h_σ) = (1 − h_σ) c_c (2 − c_c).
	keep := 1 + p.c1*(1-hs)*p.cc*(2-p.cc) - p.c1 - p.cmu*sumW
	switch {
	case s.sep:
		s.updateDiagC(keep, ysel)
		return
	case s.chol:
		s.adaptA(keep, ysel)
		return
	}
	s.cm.ScaleSym(keep, s.cm)
	// What s.cm.SymRankOne(s.cm, p.c1, p_c) does, without its allocations.
	blas64.Syr(p.c1, blas64.Vector{N: n, Data: s.pc, Inc: 1}, s.cm.RawSymmetric())
	s.check()
	s.rankMu(ysel)
}

// rankMu adds cμ Σ w°_i y_{i:λ} y_{i:λ}ᵀ to C as two products
// cμ (Y⁺ᵀY⁺ − Y⁻ᵀY⁻), the rows of Y^± being √|w°_i| y_{i:λ}.
func (s *state) rankMu(ysel [][]float64) {
	n := s.p.n
	pos, neg := s.ypos.RawMatrix().Data, []float64(nil)
	if s.yneg != nil {
		neg = s.yneg.RawMatrix().Data
	}
	for i, w := range s.wo {
		if w > 0 {
			row := pos[i*n : (i+1)*n]
			floats.ScaleTo(row, math.Sqrt(w), ysel[i])
		} else {
			j := i - s.ypos.RawMatrix().Rows
			floats.ScaleTo(neg[j*n:(j+1)*n], math.Sqrt(-w), ysel[i])
		}
	}
	// What s.cm.SymRankK(s.cm, ±cμ, Y^±ᵀ) does, without its allocations.
	blas64.Syrk(blas.Trans, s.p.cmu, s.ypos.RawMatrix(), 1, s.cm.RawSymmetric())
	s.check()
	if s.yneg != nil {
		blas64.Syrk(blas.Trans, -s.p.cmu, s.yneg.RawMatrix(), 1, s.cm.RawSymmetric())
	}
}

// adaptSigma is cumulative step-size adaptation.
func (s *state) adaptSigma(psNorm float64) {
	// (44) σ ← σ exp((c_σ/d_σ)(‖p_σ‖/E‖N(0,I)‖ − 1))
	s.sigma *= math.Exp((s.p.cs / s.p.ds) * (psNorm/s.p.chiN - 1))
}

// decompose computes C = B D² Bᵀ (for sep-CMA: D = √diag C; for
// Cholesky-CMA: diag C and D = diag A, see diagChol).
func (s *state) decompose() {
	s.eigGen = s.gen
	if s.chol {
		s.diagChol()
		return
	}
	if s.sep {
		for i, c := range s.C {
			s.D[i] = math.Sqrt(c)
		}
		return
	}
	n := len(s.m)
	if s.bm == nil {
		s.bm, s.bd = mat.NewDense(n, n, nil), mat.NewDense(n, n, nil)
		s.B = s.bm.RawMatrix().Data
		s.vals = make([]float64, n)
	}
	// LAPACK's Dsyev on a copy of C's upper triangle, as in mat.EigenSym
	// (the same routine and workspace, so the same bits), without its
	// allocations and copies. The copy is scratch: a cancelled
	// decomposition finishes in the background without touching B.
	if s.work == nil {
		s.eigA = make([]float64, n*n)
		work := []float64{0}
		lapack64.Syev(lapack.EVCompute, blas64.Symmetric{N: n, Stride: n, Data: s.eigA, Uplo: blas.Upper}, s.vals, work, -1)
		s.work = make([]float64, int(work[0]))
	}
	a := blas64.Symmetric{N: n, Stride: n, Data: s.eigA, Uplo: blas.Upper}
	for i := range n {
		copy(a.Data[i*n+i:(i+1)*n], s.C[i*n+i:(i+1)*n])
	}
	var ok bool
	if s.interrupt == nil {
		ok = lapack64.Syev(lapack.EVCompute, a, s.vals, s.work, len(s.work))
	} else {
		ok = s.syevInterruptible(a)
	}
	s.check()
	if !ok {
		s.failed = "eigendecomposition of C failed"
		return
	}
	copy(s.B, a.Data) // column j of B is the j-th eigenvector
	if lo, _ := minMax(s.vals); !(lo > 0) {
		s.failed = "C is no longer positive definite"
		return
	}
	bd := s.bd.RawMatrix().Data
	for j, v := range s.vals {
		s.D[j] = math.Sqrt(v)
	}
	for i := range n { // BD = B·diag(D)
		floats.MulTo(bd[i*n:(i+1)*n], s.B[i*n:(i+1)*n], s.D)
	}
}

// syevInterruptible is the Dsyev of decompose through s.interrupt (its
// own function, so that the closure's captured variables are allocated
// only on this path).
func (s *state) syevInterruptible(a blas64.Symmetric) bool {
	ok := false
	s.interrupt(func() { ok = lapack64.Syev(lapack.EVCompute, a, s.vals, s.work, len(s.work)) })
	return ok
}

// mulB sets dst = B v.
func (s *state) mulB(dst, v []float64) {
	if s.sep || s.B == nil {
		copy(dst, v)
		return
	}
	n := len(dst) // what VecDense.MulVec does, without its allocations
	blas64.Gemv(blas.NoTrans, 1, s.bm.RawMatrix(), blas64.Vector{N: n, Data: v, Inc: 1}, 0, blas64.Vector{N: n, Data: dst, Inc: 1})
}
