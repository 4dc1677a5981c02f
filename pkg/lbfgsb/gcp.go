package lbfgsb

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// In a box, the step is L-BFGS-B's (Byrd, Lu, Nocedal & Zhu 1995): the
// quadratic model m(x + d) = f + gᵀd + ½ dᵀB d, with B the L-BFGS
// approximation of the Hessian in compact form,
//
//	B = θI − W M Wᵀ,   W = [Y  θS],   M = [[−D, Lᵀ], [L, θ SᵀS]]⁻¹,
//
// (S and Y the pairs as columns, D = diag(s_iᵀy_i), L the strictly lower
// triangle of SᵀY, θ = yᵀy/sᵀy of the newest pair; B = I without pairs),
// is minimized in two stages: along the projected steepest-descent path
// x(t) = P(x − t g) to its first local minimizer, the generalized Cauchy
// point x_c (cauchy), and then over the variables still free at x_c,
// truncated to the box (subspace). The step is d = x̄ − x, feasible for
// every α ∈ [0, 1], and a descent direction unless x is stationary.

// compact is the compact form of B for the current pairs.
type compact struct {
	k     int
	theta float64
	m     *mat.Dense // 2k×2k middle matrix M
}

// wRow writes row i of W = [Y θS] into w (length 2k).
func (s *search) wRow(w []float64, c *compact, i int) {
	for j := range c.k {
		w[j] = s.yk[j][i]
		w[c.k+j] = c.theta * s.sk[j][i]
	}
}

// newCompact builds θ and M from the pairs; ok is false if the middle
// matrix is singular (then the caller drops the memory).
func (s *search) newCompact() (c compact, ok bool) {
	k := len(s.sk)
	c.k, c.theta = k, 1
	if k == 0 {
		return c, true
	}
	c.theta = floats.Dot(s.yk[k-1], s.yk[k-1]) / floats.Dot(s.sk[k-1], s.yk[k-1])
	kk := mat.NewDense(2*k, 2*k, nil)
	for i := range k {
		for j := range k {
			sy := floats.Dot(s.sk[i], s.yk[j])
			switch {
			case i == j:
				kk.Set(i, i, -sy)
			case i > j: // L_ij = s_iᵀ y_j below the diagonal, and Lᵀ above
				kk.Set(k+i, j, sy)
				kk.Set(j, k+i, sy)
			}
			kk.Set(k+i, k+j, c.theta*floats.Dot(s.sk[i], s.sk[j]))
		}
	}
	c.m = mat.NewDense(2*k, 2*k, nil)
	if err := c.m.Inverse(kk); err != nil {
		return c, false
	}
	return c, true
}

// cauchy returns the generalized Cauchy point xc of the model along
// P(x − t g), the vector c = Wᵀ(xc − x) and which variables are at a bound
// at xc (Byrd et al., Algorithm CP).
func (s *search) cauchy(cp *compact, xc, c []float64, atBound []bool) {
	n, k2 := len(s.x), 2*cp.k
	copy(xc, s.x)
	clear(c)
	d := make([]float64, n)
	bp := make([]float64, n) // breakpoint t_i of each variable
	order := make([]int, 0, n)
	for i, gi := range s.g {
		bp[i] = math.Inf(1)
		switch {
		case gi < 0 && !math.IsInf(s.up[i], 1):
			bp[i] = (s.x[i] - s.up[i]) / gi
		case gi > 0 && !math.IsInf(s.lo[i], -1):
			bp[i] = (s.x[i] - s.lo[i]) / gi
		}
		atBound[i] = bp[i] <= 0
		if !atBound[i] {
			d[i] = -gi
			if !math.IsInf(bp[i], 1) {
				order = append(order, i)
			}
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case bp[a] < bp[b]:
			return -1
		case bp[a] > bp[b]:
			return 1
		}
		return 0
	})
	p := make([]float64, k2) // Wᵀd
	w := make([]float64, k2)
	mv := make([]float64, k2)
	for i := range n {
		if d[i] != 0 && k2 > 0 {
			s.wRow(w, cp, i)
			floats.AddScaled(p, d[i], w)
		}
	}
	// f′ and f″ of the model along the current segment, at its start.
	f1 := -floats.Dot(d, d)
	f2 := -cp.theta * f1
	if k2 > 0 {
		f2 -= quadForm(cp.m, p, mv)
	}
	f2org := f2
	dtMin := -f1 / f2
	tOld := 0.0
	for _, b := range order {
		dt := bp[b] - tOld
		if dtMin < dt {
			break
		}
		// Pass the breakpoint: variable b stops at its bound.
		zb := s.up[b] - s.x[b]
		if d[b] < 0 {
			zb = s.lo[b] - s.x[b]
		}
		xc[b] = s.x[b] + zb
		atBound[b] = true
		gb := s.g[b]
		floats.AddScaled(c, dt, p)
		f1 += dt*f2 + gb*gb + cp.theta*gb*zb
		f2 -= cp.theta * gb * gb
		if k2 > 0 {
			s.wRow(w, cp, b)
			mv = mulVec(mv, cp.m, c)
			f1 -= gb * floats.Dot(w, mv)
			mv = mulVec(mv, cp.m, p)
			f2 -= 2 * gb * floats.Dot(w, mv)
			f2 -= gb * gb * quadForm(cp.m, w, mv)
			floats.AddScaled(p, gb, w)
		}
		d[b] = 0
		tOld = bp[b]
		if f1 >= 0 { // the model rises from here: the minimizer is this breakpoint
			dtMin = 0
			break
		}
		f2 = max(f2, 0x1p-52*f2org)
		dtMin = -f1 / f2
	}
	dtMin = max(dtMin, 0)
	tOld += dtMin
	for i := range n {
		if d[i] != 0 {
			xc[i] = min(max(s.x[i]+tOld*d[i], s.lo[i]), s.up[i])
		}
	}
	floats.AddScaled(c, dtMin, p)
}

// subspace minimizes the model over the variables free at xc (xc, c from
// cauchy) and truncates the step to the box: it returns x̄ in xbar (Byrd et
// al., the direct primal method).
func (s *search) subspace(cp *compact, xc, c []float64, atBound []bool, xbar []float64) {
	copy(xbar, xc)
	k2 := 2 * cp.k
	if k2 == 0 {
		return
	}
	n := len(s.x)
	w := make([]float64, k2)
	mc := mulVec(nil, cp.m, c)
	// r = reduced gradient of the model at xc: g + θ(xc − x) − W M c.
	r := make([]float64, n)
	v := make([]float64, k2) // Wᵀ Z r
	a := mat.NewDense(k2, k2, nil)
	free := 0
	for i := range n {
		if atBound[i] {
			continue
		}
		free++
		s.wRow(w, cp, i)
		r[i] = s.g[i] + cp.theta*(xc[i]-s.x[i]) - floats.Dot(w, mc)
		floats.AddScaled(v, r[i], w)
		for p := range k2 {
			for q := range k2 {
				a.Set(p, q, a.At(p, q)+w[p]*w[q])
			}
		}
	}
	if free == 0 {
		return
	}
	// u = (I − M A/θ)⁻¹ M v; d_u = −r/θ − Zᵀ W u/θ².
	var na mat.Dense
	na.Mul(cp.m, a)
	na.Scale(-1/cp.theta, &na)
	for p := range k2 {
		na.Set(p, p, na.At(p, p)+1)
	}
	mvv := mat.NewVecDense(k2, mulVec(nil, cp.m, v))
	var u mat.VecDense
	if err := u.SolveVec(&na, mvv); err != nil {
		return // keep the Cauchy point
	}
	du := make([]float64, n)
	alpha := 1.0
	for i := range n {
		if atBound[i] {
			continue
		}
		s.wRow(w, cp, i)
		du[i] = -r[i]/cp.theta - floats.Dot(w, u.RawVector().Data)/(cp.theta*cp.theta)
		switch {
		case du[i] > 0:
			alpha = min(alpha, (s.up[i]-xc[i])/du[i])
		case du[i] < 0:
			alpha = min(alpha, (s.lo[i]-xc[i])/du[i])
		}
	}
	alpha = max(alpha, 0)
	for i := range n {
		if !atBound[i] {
			xbar[i] = min(max(xc[i]+alpha*du[i], s.lo[i]), s.up[i])
		}
	}
}

// boxDirection sets d = x̄ − x, L-BFGS-B's step, and the count of free
// variables; without pairs (or if the compact form fails, or the step is
// not downhill, which drops the memory) x̄ is the Cauchy point of B = I,
// P(x − g).
func (s *search) boxDirection() {
	n := len(s.x)
	xc, xbar := make([]float64, n), make([]float64, n)
	atBound := make([]bool, n)
	for range 2 {
		cp, ok := s.newCompact()
		if ok {
			c := make([]float64, 2*cp.k)
			s.cauchy(&cp, xc, c, atBound)
			s.subspace(&cp, xc, c, atBound, xbar)
			floats.SubTo(s.d, xbar, s.x)
			if floats.Dot(s.g, s.d) < 0 || cp.k == 0 {
				break
			}
		}
		s.sk, s.yk, s.rho = s.sk[:0], s.yk[:0], s.rho[:0]
	}
	s.nfree = 0
	for _, b := range atBound {
		if !b {
			s.nfree++
		}
	}
}

// mulVec returns m·v in dst (allocated if nil or too short).
func mulVec(dst []float64, m *mat.Dense, v []float64) []float64 {
	r, _ := m.Dims()
	if len(dst) < r {
		dst = make([]float64, r)
	}
	dst = dst[:r]
	for i := range r {
		dst[i] = floats.Dot(m.RawRowView(i), v)
	}
	return dst
}

// quadForm returns vᵀ M v (scratch: len(v)).
func quadForm(m *mat.Dense, v, scratch []float64) float64 {
	return floats.Dot(v, mulVec(scratch, m, v))
}
