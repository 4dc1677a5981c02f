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
//	lsi   ½‖E y − f‖²  s.t. G y ≥ h
//	  │   (E = Q R, z = R y − Qᵀf)
//	ldp   ½‖z‖²        s.t. G z ≥ h
//	  │   (its dual)
//	nnls  ‖A u − b‖    s.t. u ≥ 0
//
// Every function returns a mode: 0 on success, otherwise one of scipy's exit
// codes (ModeIncompatible, ModeSingularE, ...). The matrices are tiny (a few
// dozen rows), so clarity wins over speed: each step builds its own copies.

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

const epsMach = 2.220446049250313e-16

// householderQR factors the m×k matrix a (m ≥ k) as a = Q·[R; 0] with gonum
// and returns the full m×m orthogonal Q and the k×k upper-triangular R.
func householderQR(a *mat.Dense) (q, r *mat.Dense) {
	_, k := a.Dims()
	var qr mat.QR
	qr.Factorize(a)
	q = &mat.Dense{}
	qr.QTo(q)
	var rr mat.Dense
	qr.RTo(&rr)
	r = mat.DenseCopyOf(rr.Slice(0, k, 0, k))
	return q, r
}

// solveUpper solves R x = b for upper-triangular R (back substitution).
func solveUpper(r *mat.Dense, b []float64) []float64 {
	k := len(b)
	x := make([]float64, k)
	for i := k - 1; i >= 0; i-- {
		s := b[i]
		for j := i + 1; j < k; j++ {
			s -= r.At(i, j) * x[j]
		}
		x[i] = s / r.At(i, i)
	}
	return x
}

// solveUpperT solves Rᵀ x = b for upper-triangular R (forward substitution).
func solveUpperT(r *mat.Dense, b []float64) []float64 {
	k := len(b)
	x := make([]float64, k)
	for i := range k {
		s := b[i]
		for j := range i {
			s -= r.At(j, i) * x[j]
		}
		x[i] = s / r.At(i, i)
	}
	return x
}

// maxAbsDiag returns max |R_ii|.
func maxAbsDiag(r *mat.Dense) float64 {
	k, _ := r.Dims()
	m := 0.0
	for i := range k {
		m = max(m, math.Abs(r.At(i, i)))
	}
	return m
}

// rankDeficient reports whether some |R_ii| ≤ tol·max_j |R_jj|.
func rankDeficient(r *mat.Dense, tol float64) bool {
	k, _ := r.Dims()
	scale := maxAbsDiag(r)
	for i := range k {
		if !(math.Abs(r.At(i, i)) > tol*scale) {
			return true
		}
	}
	return false
}

func mulVec(a *mat.Dense, x []float64) []float64 {
	if a == nil {
		return nil
	}
	m, _ := a.Dims()
	y := make([]float64, m)
	for i := range m {
		y[i] = dot(a.RawRowView(i), x)
	}
	return y
}

// mulTVec returns aᵀ·y.
func mulTVec(a *mat.Dense, y []float64, n int) []float64 {
	x := make([]float64, n)
	if a == nil {
		return x
	}
	for i, yi := range y {
		for j, aij := range a.RawRowView(i) {
			x[j] += aij * yi
		}
	}
	return x
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func rows(a *mat.Dense) int {
	if a == nil || a.IsEmpty() {
		return 0
	}
	r, _ := a.Dims()
	return r
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
func nnls(a *mat.Dense, b []float64) (x []float64, rnorm float64, mode int) {
	m, n := a.Dims()
	x = make([]float64, n)
	inP := make([]bool, n)
	rejected := make([]bool, n)
	iter, maxIter := 0, 3*n

	for {
		// Dual vector w = Aᵀ(b − A x).
		r := mulVec(a, x)
		for i := range r {
			r[i] = b[i] - r[i]
		}
		w := mulTVec(a, r, n)

		// Choose the entering variable: the largest positive w_j in Z whose
		// column is independent of P's and gets a positive coefficient.
		var z []float64
		var cols []int
		for j := range rejected {
			rejected[j] = false
		}
		for {
			t := -1
			for j := range n {
				if !inP[j] && !rejected[j] && w[j] > 0 && (t < 0 || w[j] > w[t]) {
					t = j
				}
			}
			if t < 0 { // Kuhn–Tucker conditions hold: x is optimal.
				return x, norm(r), 0
			}
			cols = append(passive(inP), t)
			var ok bool
			z, ok = lsOnColumns(a, cols, b, m)
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
			z, _ = lsOnColumns(a, cols, b, m)
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

func norm(v []float64) float64 { return math.Sqrt(dot(v, v)) }

// lsOnColumns solves the unconstrained least-squares problem on the listed
// columns of a. ok is false if there are more columns than rows or if the
// last column is (numerically) a combination of the others — Lawson and
// Hanson's test before a variable may enter the passive set.
func lsOnColumns(a *mat.Dense, cols []int, b []float64, m int) (z []float64, ok bool) {
	k := len(cols)
	if k > m {
		return nil, false
	}
	sub := mat.NewDense(m, k, nil)
	for c, j := range cols {
		for i := range m {
			sub.Set(i, c, a.At(i, j))
		}
	}
	q, r := householderQR(sub)
	colNorm := norm(mat.Col(nil, k-1, sub))
	if !(math.Abs(r.At(k-1, k-1)) > 1e-13*colNorm) {
		return nil, false
	}
	qtb := make([]float64, k)
	for i := range k {
		qtb[i] = dot(mat.Col(nil, i, q), b)
	}
	return solveUpper(r, qtb), true
}

// ldp solves the least-distance problem
//
//	minimize ½‖z‖²  subject to  G z ≥ h
//
// through its dual (Lawson & Hanson, ch. 23): with u ≥ 0 minimizing
// ‖[Gᵀ; hᵀ] u − e_{n+1}‖ and residual r, the solution is z = −r_{1:n}/r_{n+1}
// and the multipliers are λ = u/(−r_{n+1}), so that z = Gᵀλ. A zero residual
// means the constraints are inconsistent (ModeIncompatible).
func ldp(g *mat.Dense, h []float64, n int) (z, lambda []float64, mode int) {
	mg := len(h)
	z = make([]float64, n)
	if mg == 0 {
		return z, nil, 0
	}
	a := mat.NewDense(n+1, mg, nil)
	for j := range mg {
		for i := range n {
			a.Set(i, j, g.At(j, i))
		}
		a.Set(n, j, h[j])
	}
	b := make([]float64, n+1)
	b[n] = 1
	u, rnorm, mode := nnls(a, b)
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
	for j := range mg {
		lambda[j] = u[j] / fac
	}
	z = mulTVec(g, lambda, n)
	return z, lambda, 0
}

// lsi solves the inequality-constrained least-squares problem
//
//	minimize ½‖E y − f‖²  subject to  G y ≥ h
//
// for E of full column rank (Lawson & Hanson, ch. 23). With E = Q [R; 0] and
// z = R y − (Qᵀf)_{1:k} the objective is ½‖z‖² + const and the constraints
// become (G R⁻¹) z ≥ h − G R⁻¹ (Qᵀf)_{1:k}: a least-distance problem. The
// multipliers of the LDP are those of the LSI.
func lsi(e *mat.Dense, f []float64, g *mat.Dense, h []float64) (y, lambda []float64, mode int) {
	_, k := e.Dims()
	q, r := householderQR(e)
	if rankDeficient(r, epsMach) {
		return nil, nil, ModeSingularE
	}
	f1 := make([]float64, k)
	for i := range k {
		f1[i] = dot(mat.Col(nil, i, q), f)
	}
	mg := len(h)
	gt := mat.NewDense(max(mg, 1), k, nil) // G R⁻¹, row by row: Rᵀ gtᵢ = gᵢ
	ht := make([]float64, mg)
	for i := range mg {
		row := solveUpperT(r, g.RawRowView(i))
		gt.SetRow(i, row)
		ht[i] = h[i] - dot(row, f1)
	}
	z, lambda, mode := ldp(gt, ht, k)
	if mode != 0 {
		return nil, nil, mode
	}
	for i := range z {
		z[i] += f1[i]
	}
	return solveUpper(r, z), lambda, 0
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
func lsei(e *mat.Dense, f []float64, c *mat.Dense, d []float64, g *mat.Dense, h []float64) (x, mult []float64, mode int) {
	_, n := e.Dims()
	mc, mg := len(d), len(h)
	if mc > n {
		return nil, nil, ModeTooManyEq
	}
	var q1, q2, r *mat.Dense
	y1 := []float64{}
	if mc > 0 {
		var q *mat.Dense
		q, r = householderQR(mat.DenseCopyOf(c.T()))
		if rankDeficient(r, 10*epsMach*float64(n)) {
			return nil, nil, ModeSingularC
		}
		q1 = mat.DenseCopyOf(q.Slice(0, n, 0, mc))
		if mc < n {
			q2 = mat.DenseCopyOf(q.Slice(0, n, mc, n))
		}
		y1 = solveUpperT(r, d)
	} else {
		q2 = eye(n)
	}
	x = make([]float64, n)
	if q1 != nil {
		x = mulVec(q1, y1)
	}
	// What is left for y₂: ½‖(E Q₂) y₂ − (f − E x₁)‖², (G Q₂) y₂ ≥ h − G x₁.
	ft := mulVec(e, x)
	for i := range ft {
		ft[i] = f[i] - ft[i]
	}
	ht := mulVec(g, x)
	for i := range ht {
		ht[i] = h[i] - ht[i]
	}
	lambda := make([]float64, mg)
	switch {
	case mc == n:
		// No freedom left: the inequalities either hold or are incompatible.
		for i := range ht {
			if ht[i] > 1e-10*(1+math.Abs(h[i])) {
				return nil, nil, ModeIncompatible
			}
		}
	case mg == 0:
		// Plain least squares on the null space of C; Kraft uses HFTI here
		// and fails if the pseudo-rank is short.
		var e2 mat.Dense
		e2.Mul(e, q2)
		q, r2 := householderQR(&e2)
		if rankDeficient(r2, math.Sqrt(epsMach)) {
			return nil, nil, ModeHFTI
		}
		k := n - mc
		qtf := make([]float64, k)
		for i := range k {
			qtf[i] = dot(mat.Col(nil, i, q), ft)
		}
		addTo(x, mulVec(q2, solveUpper(r2, qtf)))
	default:
		var e2, g2 mat.Dense
		e2.Mul(e, q2)
		g2.Mul(g, q2)
		y2, lam, mode := lsi(&e2, ft, &g2, ht)
		if mode != 0 {
			return nil, nil, mode
		}
		lambda = lam
		addTo(x, mulVec(q2, y2))
	}
	mult = make([]float64, 0, mc+mg)
	if mc > 0 {
		res := mulVec(e, x)
		for i := range res {
			res[i] -= f[i]
		}
		w := mulTVec(e, res, n)
		gl := mulTVec(g, lambda, n)
		for i := range w {
			w[i] -= gl[i]
		}
		mult = append(mult, solveUpper(r, mulTVec(q1, w, mc))...)
	}
	return x, append(mult, lambda...), 0
}

func addTo(dst, v []float64) {
	for i := range dst {
		dst[i] += v[i]
	}
}

func eye(n int) *mat.Dense {
	m := mat.NewDense(n, n, nil)
	for i := range n {
		m.Set(i, i, 1)
	}
	return m
}

// lsqProblem is the quadratic subproblem in least-squares form:
//
//	minimize ½‖E d − F‖²  subject to  Aeq d = Beq,  Ain d ≥ Bin,  Lo ≤ d ≤ Hi.
//
// Infinite entries of Lo and Hi mean "no bound"; nil Lo/Hi mean no bounds.
type lsqProblem struct {
	E        *mat.Dense
	F        []float64
	Aeq, Ain *mat.Dense
	Beq, Bin []float64
	Lo, Hi   []float64
}

// lsqSolution is the step and the multipliers of the subproblem, with
// E ᵀ(E d − F) = Aeqᵀ Eq + Ainᵀ In + Lo − Hi at the solution.
type lsqSolution struct {
	D      []float64
	Eq, In []float64
	Lo, Hi []float64 // bound multipliers (0 where no bound)
	Mode   int
}

// lsq turns the bounds into inequality rows (d_i ≥ lo_i and −d_i ≥ −hi_i)
// and calls lsei; it is Kraft's LSQ without the LDLᵀ bookkeeping.
func lsq(p lsqProblem) lsqSolution {
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
		for i := range nin {
			g.SetRow(i, p.Ain.RawRowView(i))
			h[i] = p.Bin[i]
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
	x, mult, mode := lsei(p.E, p.F, p.Aeq, p.Beq, g, h)
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
