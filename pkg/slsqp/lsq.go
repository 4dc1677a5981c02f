package slsqp

// The quadratic subproblem of SLSQP, solved as a least-squares problem with
// linear constraints, after Lawson & Hanson, "Solving Least Squares
// Problems" (1974), chapters 20–23, and Kraft (1988), section 2.
//
// The chain of reductions, each a short function below:
//
//	lsq   ½‖E d − f‖²  s.t. Aeq d = beq, Ain d ≥ bin, lo ≤ d ≤ hi
//	  │   (bounds become rows of the inequality system)
//	lsei  ½‖E x − f‖²  s.t. C x = d, G x ≥ h
//	  │   (x = Q₁y₁ + Q₂y₂ with Cᵀ = Q R: the equalities fix y₁)
//	lsi   ½‖R y − f₁‖² s.t. G y ≥ h       (R upper triangular)
//	  │   (z = R y − f₁)
//	ldp   ½‖z‖²        s.t. G z ≥ h
//	  │   (its dual)
//	nnls  ‖A u − b‖    s.t. u ≥ 0
//
// Every step returns a mode: 0 on success, otherwise one of scipy's exit
// codes (ModeIncompatible, ModeSingularE, ...).
//
// Cost. SLSQP's E is the triangular factor U of B = UᵀU, so without
// equality constraints no QR factorization of E is needed: the
// unconstrained subproblem is two triangular solves, O(n²). Every
// inequality row (bounds included) costs a triangular solve, O(n²), and
// the LDP's NNLS works on a dense (n+1)×m_g matrix, so with bounds or
// equalities a subproblem is O(n³) or worse. The long loops (Householder
// columns, NNLS iterations, rows of G R⁻¹) call check, which is Task.Check
// in a run, so that a cancelled context stops even a large subproblem.

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

const epsMach = 2.220446049250313e-16

// lsqSolver runs the subproblem chain; check is called in every long loop
// (Task.Check in a run: it does not return once the context is done).
type lsqSolver struct {
	check func()
}

// householder is the QR factorization A = Q [R; 0] of an m×k matrix
// (m ≥ k) by Householder reflections H_j = I + vⱼvⱼᵀ/bⱼ, Lawson and
// Hanson's H12: R is in the upper triangle of a, vⱼ below the diagonal of
// column j, with its pivot element in up[j] and bⱼ = up[j]·R_jj.
type householder struct {
	a  *mat.Dense
	up []float64
}

// factorQR overwrites a by its Householder QR factorization.
func (l lsqSolver) factorQR(a *mat.Dense) *householder {
	m, k := a.Dims()
	q := &householder{a: a, up: make([]float64, k)}
	w := make([]float64, k)
	for j := range k {
		l.check()
		// The reflection that maps a[j:, j] to (s, 0, …, 0).
		cl := 0.0
		for i := j; i < m; i++ {
			cl = max(cl, math.Abs(a.At(i, j)))
		}
		if cl == 0 {
			continue // up[j] = 0: H_j = I
		}
		sm := 0.0
		for i := j; i < m; i++ {
			sm += (a.At(i, j) / cl) * (a.At(i, j) / cl)
		}
		s := cl * math.Sqrt(sm)
		if a.At(j, j) > 0 {
			s = -s
		}
		q.up[j] = a.At(j, j) - s
		a.Set(j, j, s)
		// Apply it to the columns right of j, row by row: w = vᵀA/b, A += v w.
		if j+1 == k {
			continue
		}
		ww := w[j+1 : k]
		floats.ScaleTo(ww, q.up[j], a.RawRowView(j)[j+1:])
		for i := j + 1; i < m; i++ {
			if v := a.At(i, j); v != 0 {
				floats.AddScaled(ww, v, a.RawRowView(i)[j+1:])
			}
		}
		floats.Scale(1/(q.up[j]*s), ww)
		floats.AddScaled(a.RawRowView(j)[j+1:], q.up[j], ww)
		for i := j + 1; i < m; i++ {
			if v := a.At(i, j); v != 0 {
				floats.AddScaled(a.RawRowView(i)[j+1:], v, ww)
			}
		}
	}
	return q
}

// reflect applies H_j to x in place.
func (q *householder) reflect(j int, x []float64) {
	m, _ := q.a.Dims()
	b := q.up[j] * q.a.At(j, j)
	if b == 0 {
		return
	}
	sm := q.up[j] * x[j]
	for i := j + 1; i < m; i++ {
		sm += q.a.At(i, j) * x[i]
	}
	if sm == 0 {
		return
	}
	sm /= b
	x[j] += sm * q.up[j]
	for i := j + 1; i < m; i++ {
		x[i] += sm * q.a.At(i, j)
	}
}

// qt overwrites x (length m) by Qᵀx = H_{k−1}⋯H_0 x.
func (q *householder) qt(x []float64) {
	for j := range q.up {
		q.reflect(j, x)
	}
}

// q overwrites x (length m) by Q x = H_0⋯H_{k−1} x.
func (q *householder) q(x []float64) {
	for j := len(q.up) - 1; j >= 0; j-- {
		q.reflect(j, x)
	}
}

// r returns a copy of R.
func (q *householder) r() *mat.TriDense {
	k := len(q.up)
	r := mat.NewTriDense(k, mat.Upper, nil)
	r.Copy(q.a.Slice(0, k, 0, k))
	return r
}

// solveTri solves R x = b, or Rᵀ x = b if trans, for upper-triangular R,
// with gonum's BLAS (mat's solvers add an O(n²) condition estimate that
// costs more than the solve; the callers test R's rank themselves).
func solveTri(r mat.Triangular, b []float64, trans bool) []float64 {
	x := slices.Clone(b)
	if len(b) == 0 {
		return x
	}
	tr := blas.NoTrans
	if trans {
		tr = blas.Trans
	}
	raw, ok := r.(mat.RawTriangular)
	if !ok {
		raw = mat.NewTriDense(len(b), mat.Upper, nil)
		raw.(*mat.TriDense).Copy(r)
	}
	blas64.Trsv(tr, raw.RawTriangular(), blas64.Vector{N: len(x), Inc: 1, Data: x})
	return x
}

// rankDeficient reports whether some |R_ii| ≤ tol·max_j |R_jj|.
func rankDeficient(r mat.Triangular, tol float64) bool {
	k, _ := r.Triangle()
	scale := 0.0
	for i := range k {
		scale = max(scale, math.Abs(r.At(i, i)))
	}
	for i := range k {
		if !(math.Abs(r.At(i, i)) > tol*scale) {
			return true
		}
	}
	return false
}

// none reports whether a is nil (also a nil *mat.Dense) or empty.
func none(a mat.Matrix) bool {
	if d, ok := a.(*mat.Dense); a == nil || ok && (d == nil || d.IsEmpty()) {
		return true
	}
	return false
}

// mulVec returns a·x (nil for a nil a).
func mulVec(a mat.Matrix, x []float64) []float64 {
	if none(a) {
		return nil
	}
	r, _ := a.Dims()
	var y mat.VecDense
	y.MulVec(a, mat.NewVecDense(len(x), x))
	return y.RawVector().Data[:r:r]
}

// mulTVec returns aᵀ·y, n zeros for a nil a.
func mulTVec(a mat.Matrix, y []float64, n int) []float64 {
	if none(a) || len(y) == 0 {
		return make([]float64, n)
	}
	var x mat.VecDense
	x.MulVec(a.T(), mat.NewVecDense(len(y), y))
	return x.RawVector().Data
}

// nnls solves the non-negative least-squares problem
//
//	minimize ‖A x − b‖  subject to  x ≥ 0
//
// with the active-set algorithm of Lawson & Hanson (1974, ch. 23). The
// variables are split into a passive set P (free, positive) and an active
// set Z (held at zero). The dual vector w = Aᵀ(b − A x) is the negative
// gradient of ½‖A x − b‖²; x is optimal when w_j ≤ 0 for every j in Z (and
// w_j = 0 on P, which the least-squares solve on P ensures). Otherwise the
// variable with the largest w_j joins P, the least-squares problem on the
// columns of P is solved, and if its solution z leaves the positive orthant
// we move from x towards z as far as feasibility allows and return the
// variables that hit zero to Z.
//
// It returns x, the residual norm ‖A x − b‖ and a mode: 0, or ModeLSQIter
// after more than 3n inner iterations, as in Kraft's code.
func (l lsqSolver) nnls(a *mat.Dense, b []float64) (x []float64, rnorm float64, mode int) {
	_, n := a.Dims()
	x = make([]float64, n)
	inP := make([]bool, n)
	rejected := make([]bool, n)
	iter, maxIter := 0, 3*n
	for {
		l.check()
		r := mulVec(a, x) // dual vector w = Aᵀ(b − A x)
		floats.SubTo(r, b, r)
		w := mulTVec(a, r, n)

		// The entering variable: the largest positive w_j in Z whose
		// column is independent of P's and gets a positive coefficient.
		var z []float64
		var cols []int
		clear(rejected)
		for {
			t := -1
			for j := range n {
				if !inP[j] && !rejected[j] && w[j] > 0 && (t < 0 || w[j] > w[t]) {
					t = j
				}
			}
			if t < 0 { // Kuhn–Tucker conditions hold: x is optimal.
				return x, floats.Norm(r, 2), 0
			}
			cols = append(passive(inP), t)
			var ok bool
			z, ok = l.lsOnColumns(a, cols, b)
			if ok && z[len(z)-1] > 0 {
				inP[t] = true
				break
			}
			rejected[t] = true
		}

		// Inner loop: make the least-squares solution on P feasible.
		for {
			iter++
			if iter > maxIter {
				return x, math.NaN(), ModeLSQIter
			}
			alpha, q := 2.0, -1
			for k, j := range cols {
				if z[k] <= 0 {
					if s := x[j] / (x[j] - z[k]); s < alpha {
						alpha, q = s, j
					}
				}
			}
			if q < 0 { // z > 0 on P: accept it.
				for k, j := range cols {
					x[j] = z[k]
				}
				break
			}
			// Move towards z until the first variable hits zero; every
			// variable at (or below) zero leaves P.
			for k, j := range cols {
				x[j] += alpha * (z[k] - x[j])
			}
			x[q] = 0
			for _, j := range cols {
				if x[j] <= 0 {
					x[j], inP[j] = 0, false
				}
			}
			cols = passive(inP)
			if len(cols) == 0 {
				break
			}
			z, _ = l.lsOnColumns(a, cols, b)
		}
	}
}

func passive(inP []bool) []int {
	var p []int
	for j, in := range inP {
		if in {
			p = append(p, j)
		}
	}
	return p
}

// lsOnColumns solves the unconstrained least-squares problem on the listed
// columns of a. ok is false if there are more columns than rows or if the
// last column is (numerically) a combination of the others — Lawson and
// Hanson's test before a variable may enter the passive set.
func (l lsqSolver) lsOnColumns(a *mat.Dense, cols []int, b []float64) (z []float64, ok bool) {
	m, _ := a.Dims()
	k := len(cols)
	if k > m {
		return nil, false
	}
	sub := mat.NewDense(m, k, nil)
	for c, j := range cols {
		sub.SetCol(c, mat.Col(nil, j, a))
	}
	colNorm := mat.Norm(sub.ColView(k-1), 2)
	q := l.factorQR(sub)
	if !(math.Abs(sub.At(k-1, k-1)) > 1e-13*colNorm) {
		return nil, false
	}
	qtb := slices.Clone(b)
	q.qt(qtb)
	return solveTri(q.r(), qtb[:k], false), true
}

// ldp solves the least-distance problem
//
//	minimize ½‖z‖²  subject to  G z ≥ h
//
// through its dual (Lawson & Hanson, ch. 23): with u ≥ 0 minimizing
// ‖[Gᵀ; hᵀ] u − e_{n+1}‖ and residual r, the solution is z = −r_{1:n}/r_{n+1}
// and the multipliers are λ = u/(−r_{n+1}), so that z = Gᵀλ. A zero residual
// means the constraints are inconsistent (ModeIncompatible).
func (l lsqSolver) ldp(g *mat.Dense, h []float64, n int) (z, lambda []float64, mode int) {
	mg := len(h)
	z = make([]float64, n)
	if mg == 0 {
		return z, nil, 0
	}
	a := mat.NewDense(n+1, mg, nil)
	a.Slice(0, n, 0, mg).(*mat.Dense).Copy(g.T())
	a.SetRow(n, h)
	b := make([]float64, n+1)
	b[n] = 1
	u, rnorm, mode := l.nnls(a, b)
	if mode != 0 {
		return nil, nil, mode
	}
	// fac = −r_{n+1} = 1 − hᵀu, which equals ‖r‖² at the NNLS solution, and
	// ‖z‖² ≈ 1/fac: fac at rounding level means no feasible z exists (or
	// only absurdly far away).
	hu, habs := 0.0, 0.0
	for j := range mg {
		hu += h[j] * u[j]
		habs += math.Abs(h[j] * u[j])
	}
	fac := 1 - hu
	if !(rnorm > 0) || !(fac > 10*epsMach*(1+habs)) {
		return nil, nil, ModeIncompatible
	}
	lambda = make([]float64, mg)
	floats.ScaleTo(lambda, 1/fac, u)
	return mulTVec(g, lambda, n), lambda, 0
}

// lsi solves the inequality-constrained least-squares problem
//
//	minimize ½‖R y − f₁‖²  subject to  G y ≥ h
//
// for an upper-triangular R of full rank (Lawson & Hanson, ch. 23): with
// z = R y − f₁ the constraints become (G R⁻¹) z ≥ h − G R⁻¹ f₁, a
// least-distance problem, whose multipliers are those of the LSI.
func (l lsqSolver) lsi(r mat.Triangular, f1 []float64, g *mat.Dense, h []float64) (y, lambda []float64, mode int) {
	if rankDeficient(r, epsMach) {
		return nil, nil, ModeSingularE
	}
	k := len(f1)
	mg := len(h)
	gt := mat.NewDense(mg, k, nil) // G R⁻¹, row by row: Rᵀ gtᵢ = gᵢ
	ht := make([]float64, mg)
	for i := range mg {
		l.check()
		row := solveTri(r, g.RawRowView(i), true)
		gt.SetRow(i, row)
		ht[i] = h[i] - floats.Dot(row, f1)
	}
	z, lambda, mode := l.ldp(gt, ht, k)
	if mode != 0 {
		return nil, nil, mode
	}
	floats.Add(z, f1)
	return solveTri(r, z, false), lambda, 0
}

// triangularize returns R and f₁ = (Qᵀf)_{1:k} for E = Q [R; 0]: E itself
// if it is upper triangular (SLSQP's E = U), otherwise its Householder QR.
func (l lsqSolver) triangularize(e mat.Matrix, f []float64) (mat.Triangular, []float64) {
	if t, ok := e.(mat.Triangular); ok {
		if _, kind := t.Triangle(); kind == mat.Upper {
			return t, f
		}
	}
	_, k := e.Dims()
	q := l.factorQR(mat.DenseCopyOf(e))
	qtf := slices.Clone(f)
	q.qt(qtf)
	return q.r(), qtf[:k]
}

// lsei solves the least-squares problem with equality and inequality
// constraints
//
//	minimize ½‖E x − f‖²  subject to  C x = d,  G x ≥ h
//
// (Lawson & Hanson, ch. 20 and 23; Kraft's LSEI). Factor Cᵀ = Q [R; 0] and
// write x = Q₁y₁ + Q₂y₂: the equalities read Rᵀy₁ = d, which fixes y₁, and
// what is left is an LSI problem in y₂ with E Q₂ and G Q₂. The multipliers
// of the equalities follow from the stationarity of the Lagrangian,
// Eᵀ(E x − f) = Cᵀμ + Gᵀλ, i.e. R μ = Q₁ᵀ(Eᵀ(E x − f) − Gᵀλ).
//
// It returns x, the multipliers (μ then λ) and a mode.
func (l lsqSolver) lsei(e mat.Matrix, f []float64, c *mat.Dense, d []float64, g *mat.Dense, h []float64) (x, mult []float64, mode int) {
	_, n := e.Dims()
	mc, mg := len(d), len(h)
	if mc > n {
		return nil, nil, ModeTooManyEq
	}
	if mc == 0 {
		r, f1 := l.triangularize(e, f)
		x, lambda, mode := l.leastSquares(r, f1, g, h)
		return x, lambda, mode
	}
	qc := l.factorQR(mat.DenseCopyOf(c.T()))
	rc := qc.r()
	if rankDeficient(rc, 10*epsMach*float64(n)) {
		return nil, nil, ModeSingularC
	}
	y := append(solveTri(rc, d, true), make([]float64, n-mc)...) // y = (y₁, y₂)
	// E Q and G Q, row by row: (E Q)ᵢ = (Qᵀ eᵢ)ᵀ; then f − E Q₁y₁, h − G Q₁y₁.
	eq, gq := l.timesQ(qc, e), l.timesQ(qc, g)
	ft := floats.SubTo(make([]float64, len(f)), f, mulVec(eq, y))
	var ht []float64
	if mg > 0 {
		ht = floats.SubTo(make([]float64, mg), h, mulVec(gq, y))
	}
	lambda := make([]float64, mg)
	if mc == n {
		// No freedom left: the inequalities either hold or are incompatible.
		for i := range ht {
			if ht[i] > 1e-10*(1+math.Abs(h[i])) {
				return nil, nil, ModeIncompatible
			}
		}
	} else {
		var g2 *mat.Dense
		if mg > 0 {
			g2 = mat.DenseCopyOf(gq.Slice(0, mg, mc, n))
		}
		r2, f1 := l.triangularize(eq.Slice(0, len(f), mc, n), ft)
		y2, lam, mode := l.leastSquares(r2, f1, g2, ht)
		if mode != 0 {
			return nil, nil, mode
		}
		copy(y[mc:], y2)
		lambda = lam
	}
	x = slices.Clone(y)
	qc.q(x)
	// The equality multipliers: R μ = Q₁ᵀ(Eᵀ(E x − f) − Gᵀλ).
	res := floats.SubTo(make([]float64, len(f)), mulVec(e, x), f)
	w := floats.SubTo(make([]float64, n), mulTVec(e, res, n), mulTVec(g, lambda, n))
	qc.qt(w)
	return x, append(solveTri(rc, w[:mc], false), lambda...), 0
}

// leastSquares is the last step of lsei: the LSI problem, or without
// inequalities the plain solve R y = f₁ (Kraft uses HFTI there and fails
// if the pseudo-rank is short).
func (l lsqSolver) leastSquares(r mat.Triangular, f1 []float64, g *mat.Dense, h []float64) (y, lambda []float64, mode int) {
	if len(h) > 0 {
		return l.lsi(r, f1, g, h)
	}
	if rankDeficient(r, math.Sqrt(epsMach)) {
		return nil, nil, ModeHFTI
	}
	return solveTri(r, f1, false), nil, 0
}

// timesQ returns a·Q for Q = H_0⋯H_{k−1} (nil for a nil a).
func (l lsqSolver) timesQ(q *householder, a mat.Matrix) *mat.Dense {
	if none(a) {
		return nil
	}
	out := mat.DenseCopyOf(a)
	r, _ := out.Dims()
	for i := range r {
		if i%64 == 0 {
			l.check()
		}
		q.qt(out.RawRowView(i))
	}
	return out
}

// lsqProblem is the quadratic subproblem in least-squares form:
//
//	minimize ½‖E d − F‖²  subject to  Aeq d = Beq,  Ain d ≥ Bin,  Lo ≤ d ≤ Hi.
//
// E is square (SLSQP's is the upper-triangular U). Infinite entries of Lo
// and Hi mean "no bound"; nil Lo/Hi mean no bounds.
type lsqProblem struct {
	E        mat.Matrix
	F        []float64
	Aeq, Ain mat.Matrix
	Beq, Bin []float64
	Lo, Hi   []float64
}

// lsqSolution is the step and the multipliers of the subproblem, with
// Eᵀ(E d − F) = Aeqᵀ Eq + Ainᵀ In + Lo − Hi at the solution.
type lsqSolution struct {
	D      []float64
	Eq, In []float64
	Lo, Hi []float64 // bound multipliers (0 where no bound)
	Mode   int
}

// solve turns the bounds into inequality rows (d_i ≥ lo_i and −d_i ≥ −hi_i)
// and calls lsei; it is Kraft's LSQ without the LDLᵀ bookkeeping.
func (l lsqSolver) solve(p lsqProblem) lsqSolution {
	_, n := p.E.Dims()
	meq, nin := len(p.Beq), len(p.Bin)
	type boundRow struct {
		i     int
		upper bool
	}
	var brows []boundRow
	for i := range p.Lo {
		if !math.IsInf(p.Lo[i], -1) {
			brows = append(brows, boundRow{i, false})
		}
	}
	for i := range p.Hi {
		if !math.IsInf(p.Hi[i], 1) {
			brows = append(brows, boundRow{i, true})
		}
	}
	mg := nin + len(brows)
	var g *mat.Dense
	h := make([]float64, mg)
	if mg > 0 {
		g = mat.NewDense(mg, n, nil)
		if nin > 0 {
			g.Slice(0, nin, 0, n).(*mat.Dense).Copy(p.Ain)
			copy(h, p.Bin)
		}
		for k, b := range brows {
			if b.upper {
				g.Set(nin+k, b.i, -1)
				h[nin+k] = -p.Hi[b.i]
			} else {
				g.Set(nin+k, b.i, 1)
				h[nin+k] = p.Lo[b.i]
			}
		}
	}
	var c *mat.Dense
	if meq > 0 {
		c = mat.DenseCopyOf(p.Aeq)
	}
	x, mult, mode := l.lsei(p.E, p.F, c, p.Beq, g, h)
	if mode != 0 {
		return lsqSolution{Mode: mode}
	}
	s := lsqSolution{D: x, Eq: mult[:meq], In: mult[meq : meq+nin]}
	if p.Lo != nil {
		s.Lo, s.Hi = make([]float64, n), make([]float64, n)
		for k, b := range brows {
			if b.upper {
				s.Hi[b.i] = mult[meq+nin+k]
			} else {
				s.Lo[b.i] = mult[meq+nin+k]
			}
		}
		// Rounding may put d a hair outside its box: put it back.
		for i := range x {
			x[i] = math.Max(p.Lo[i], math.Min(p.Hi[i], x[i]))
		}
	}
	return s
}
