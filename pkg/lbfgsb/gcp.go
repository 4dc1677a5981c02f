package lbfgsb

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"
)

// In a box, the step is L-BFGS-B's (Byrd, Lu, Nocedal & Zhu 1995): the
// quadratic model m(x + d) = f + gᵀd + ½ dᵀB d, with B the L-BFGS
// approximation of the Hessian in compact form (Byrd, Nocedal & Schnabel
// 1994),
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

// compact is the compact form of B for the current pairs. M is applied by
// solving with its inverse K = [[−D, Lᵀ], [L, θSᵀS]] in blocks: with
// T = θSᵀS + L D⁻¹ Lᵀ (positive definite, Cholesky factor in chol),
// K [a; b] = [v₁; v₂] gives b = T⁻¹(v₂ + L D⁻¹ v₁), a = D⁻¹(Lᵀb − v₁).
type compact struct {
	k     int
	theta float64
	dg    []float64 // D, k
	l     []float64 // L, k×k row-major (zero on and above the diagonal)
	chol  []float64 // lower Cholesky factor of T, k×k row-major
	sts   []float64 // SᵀS, k×k row-major
	tmp   []float64 // k
}

// gcpScratch holds the work space of boxDirection, reused across steps.
type gcpScratch struct {
	cp                compact
	xc, xbar, d, bp   []float64 // n
	r, du             []float64 // n
	atBound           []bool    // n
	order             []int     // n
	c, p, w, mv, v, u []float64 // 2k
	a, na             []float64 // 2k×2k
}

func (s *search) scratch() *gcpScratch {
	if s.gs == nil {
		n, m2 := len(s.x), 2*s.p.m
		s.gs = &gcpScratch{
			xc: make([]float64, n), xbar: make([]float64, n), d: make([]float64, n), bp: make([]float64, n),
			r: make([]float64, n), du: make([]float64, n), atBound: make([]bool, n), order: make([]int, 0, n),
			c: make([]float64, m2), p: make([]float64, m2), w: make([]float64, m2), mv: make([]float64, m2),
			v: make([]float64, m2), u: make([]float64, m2), a: make([]float64, m2*m2), na: make([]float64, m2*m2),
		}
		s.gs.cp = compact{dg: make([]float64, s.p.m), l: make([]float64, s.p.m*s.p.m),
			chol: make([]float64, s.p.m*s.p.m), sts: make([]float64, s.p.m*s.p.m), tmp: make([]float64, s.p.m)}
	}
	return s.gs
}

// wRow writes row i of W = [Y θS] into w (length 2k).
func (s *search) wRow(w []float64, c *compact, i int) {
	for j := range c.k {
		w[j] = s.yk[j][i]
		w[c.k+j] = c.theta * s.sk[j][i]
	}
}

// setCompact builds θ, D, L and the Cholesky factor of T from the pairs;
// false if T is not positive definite (then the caller drops the memory).
func (s *search) setCompact(c *compact) bool {
	k := len(s.sk)
	c.k, c.theta = k, 1
	if k == 0 {
		return true
	}
	c.theta = floats.Dot(s.yk[k-1], s.yk[k-1]) / floats.Dot(s.sk[k-1], s.yk[k-1])
	c.dg, c.l, c.chol, c.sts, c.tmp = c.dg[:k], c.l[:k*k], c.chol[:k*k], c.sts[:k*k], c.tmp[:k]
	for i := range k {
		c.dg[i] = floats.Dot(s.sk[i], s.yk[i])
		for j := range k {
			c.l[i*k+j] = 0
			if i > j {
				c.l[i*k+j] = floats.Dot(s.sk[i], s.yk[j])
			}
		}
	}
	// T = θ SᵀS + L D⁻¹ Lᵀ, then its Cholesky factor in place.
	for i := range k {
		for j := 0; j <= i; j++ {
			ss := floats.Dot(s.sk[i], s.sk[j])
			c.sts[i*k+j], c.sts[j*k+i] = ss, ss
			t := c.theta * ss
			for q := range min(i, j) { // L_iq = 0 for q ≥ i
				t += c.l[i*k+q] * c.l[j*k+q] / c.dg[q]
			}
			c.chol[i*k+j] = t
		}
	}
	for j := range k {
		sum := c.chol[j*k+j]
		for q := range j {
			sum -= c.chol[j*k+q] * c.chol[j*k+q]
		}
		if !(sum > 0) {
			return false
		}
		c.chol[j*k+j] = math.Sqrt(sum)
		for i := j + 1; i < k; i++ {
			t := c.chol[i*k+j]
			for q := range j {
				t -= c.chol[i*k+q] * c.chol[j*k+q]
			}
			c.chol[i*k+j] = t / c.chol[j*k+j]
		}
	}
	return true
}

// applyM sets dst = M v (dst, v of length 2k; dst may not alias v).
func (c *compact) applyM(dst, v []float64) {
	k := c.k
	v1, v2 := v[:k], v[k:2*k]
	a, b := dst[:k], dst[k:2*k]
	// b = T⁻¹ (v₂ + L D⁻¹ v₁)
	for i := range k {
		t := v2[i]
		for q := range i {
			t += c.l[i*k+q] * v1[q] / c.dg[q]
		}
		c.tmp[i] = t
	}
	for i := range k { // forward: J y = tmp
		t := c.tmp[i]
		for q := range i {
			t -= c.chol[i*k+q] * c.tmp[q]
		}
		c.tmp[i] = t / c.chol[i*k+i]
	}
	for i := k - 1; i >= 0; i-- { // back: Jᵀ b = y
		t := c.tmp[i]
		for q := i + 1; q < k; q++ {
			t -= c.chol[q*k+i] * b[q]
		}
		b[i] = t / c.chol[i*k+i]
	}
	// a = D⁻¹ (Lᵀ b − v₁)
	for i := range k {
		t := -v1[i]
		for q := i + 1; q < k; q++ {
			t += c.l[q*k+i] * b[q]
		}
		a[i] = t / c.dg[i]
	}
}

// cauchy sets g.xc to the generalized Cauchy point of the model along
// P(x − t g), g.c to Wᵀ(xc − x) and g.atBound to the variables at a bound
// at xc (Byrd et al., Algorithm CP).
func (s *search) cauchy(g *gcpScratch) {
	cp := &g.cp
	n, k2 := len(s.x), 2*cp.k
	xc, c, d, bp, atBound := g.xc, g.c[:k2], g.d, g.bp, g.atBound
	p, w, mv := g.p[:k2], g.w[:k2], g.mv[:k2]
	copy(xc, s.x)
	clear(c)
	clear(p)
	g.order = g.order[:0]
	for i, gi := range s.g {
		bp[i] = math.Inf(1)
		switch {
		case gi < 0 && !math.IsInf(s.up[i], 1):
			bp[i] = (s.x[i] - s.up[i]) / gi
		case gi > 0 && !math.IsInf(s.lo[i], -1):
			bp[i] = (s.x[i] - s.lo[i]) / gi
		}
		atBound[i] = bp[i] <= 0
		d[i] = 0
		if !atBound[i] {
			d[i] = -gi
			if !math.IsInf(bp[i], 1) {
				g.order = append(g.order, i)
			}
			if k2 > 0 {
				s.wRow(w, cp, i)
				floats.AddScaled(p, d[i], w)
			}
		}
	}
	slices.SortStableFunc(g.order, func(a, b int) int {
		switch {
		case bp[a] < bp[b]:
			return -1
		case bp[a] > bp[b]:
			return 1
		}
		return 0
	})
	// f′ and f″ of the model along the current segment, at its start.
	f1 := -floats.Dot(d, d)
	f2 := -cp.theta * f1
	if k2 > 0 {
		cp.applyM(mv, p)
		f2 -= floats.Dot(p, mv)
	}
	f2org := f2
	dtMin := -f1 / f2
	tOld := 0.0
	for _, b := range g.order {
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
			cp.applyM(mv, c)
			f1 -= gb * floats.Dot(w, mv)
			cp.applyM(mv, p)
			f2 -= 2 * gb * floats.Dot(w, mv)
			cp.applyM(mv, w)
			f2 -= gb * gb * floats.Dot(w, mv)
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

// subspace minimizes the model over the variables free at g.xc (with g.c
// from cauchy) and truncates the step to the box: x̄ in g.xbar (Byrd et
// al., the direct primal method).
func (s *search) subspace(g *gcpScratch) {
	cp := &g.cp
	copy(g.xbar, g.xc)
	k2 := 2 * cp.k
	if k2 == 0 {
		return
	}
	n := len(s.x)
	if !slices.Contains(g.atBound, true) {
		// Every variable is free: the model's minimizer is the L-BFGS
		// point x − H g, which the two-loop recursion gives in O(mn).
		twoLoop(g.r, s.g, s.sk, s.yk, s.rho, s.alpha2)
		for i := range n {
			g.du[i] = s.x[i] - g.r[i] - g.xc[i]
		}
		s.truncate(g)
		return
	}
	w, mc, v, a := g.w[:k2], g.mv[:k2], g.v[:k2], g.a[:k2*k2]
	cp.applyM(mc, g.c[:k2])
	clear(v)
	clear(a)
	free := 0
	// r = reduced gradient of the model at xc: g + θ(xc − x) − W M c;
	// v = Wᵀ Z r, a = Wᵀ Z Zᵀ W.
	for i := range n {
		if g.atBound[i] {
			continue
		}
		free++
		s.wRow(w, cp, i)
		g.r[i] = s.g[i] + cp.theta*(g.xc[i]-s.x[i]) - floats.Dot(w, mc)
		floats.AddScaled(v, g.r[i], w)
		for p, wp := range w {
			floats.AddScaled(a[p*k2:(p+1)*k2], wp, w)
		}
	}
	if free == 0 {
		return
	}
	// u = (I − M a/θ)⁻¹ M v = (K − a/θ)⁻¹ v, with K = M⁻¹ known
	// explicitly; then d_u = −r/θ − Zᵀ W u/θ².
	k, na, u := cp.k, g.na[:k2*k2], g.u[:k2]
	for p := range k2 {
		for q := range k2 {
			var kpq float64
			switch {
			case p < k && q < k:
				if p == q {
					kpq = -cp.dg[p]
				}
			case p < k: // Lᵀ
				kpq = cp.l[(q-k)*k+p]
			case q < k: // L
				kpq = cp.l[(p-k)*k+q]
			default:
				kpq = cp.theta * cp.sts[(p-k)*k+q-k]
			}
			na[p*k2+q] = kpq - a[p*k2+q]/cp.theta
		}
	}
	copy(u, v)
	if !solveInPlace(na, u, k2) {
		return // keep the Cauchy point
	}
	for i := range n {
		if !g.atBound[i] {
			s.wRow(w, cp, i)
			g.du[i] = -g.r[i]/cp.theta - floats.Dot(w, u)/(cp.theta*cp.theta)
		}
	}
	s.truncate(g)
}

// truncate sets x̄ = x_c + α d_u on the free variables (d_u is zeroed on
// the others), with the largest α ≤ 1 that keeps x̄ in the box.
func (s *search) truncate(g *gcpScratch) {
	for i, b := range g.atBound {
		if b {
			g.du[i] = 0
		}
	}
	alpha := min(1, maxStep(g.xc, g.du, s.lo, s.up))
	for i, du := range g.du {
		if !g.atBound[i] {
			g.xbar[i] = min(max(g.xc[i]+alpha*du, s.lo[i]), s.up[i])
		}
	}
}

// solveInPlace solves A x = b (A n×n row-major, overwritten) by Gaussian
// elimination with partial pivoting; b becomes x. False if A is singular.
func solveInPlace(a, b []float64, n int) bool {
	for j := range n {
		piv := j
		for i := j + 1; i < n; i++ {
			if math.Abs(a[i*n+j]) > math.Abs(a[piv*n+j]) {
				piv = i
			}
		}
		if a[piv*n+j] == 0 || math.IsNaN(a[piv*n+j]) {
			return false
		}
		if piv != j {
			for q := range n {
				a[j*n+q], a[piv*n+q] = a[piv*n+q], a[j*n+q]
			}
			b[j], b[piv] = b[piv], b[j]
		}
		for i := j + 1; i < n; i++ {
			f := a[i*n+j] / a[j*n+j]
			if f == 0 {
				continue
			}
			for q := j; q < n; q++ {
				a[i*n+q] -= f * a[j*n+q]
			}
			b[i] -= f * b[j]
		}
	}
	for i := n - 1; i >= 0; i-- {
		t := b[i]
		for q := i + 1; q < n; q++ {
			t -= a[i*n+q] * b[q]
		}
		b[i] = t / a[i*n+i]
	}
	return true
}

// boxDirection sets d = x̄ − x, L-BFGS-B's step, and the count of free
// variables; without pairs (or if T is not positive definite, or the step
// is not downhill, which drops the memory) x̄ is the Cauchy point of B = I,
// P(x − g).
func (s *search) boxDirection() {
	g := s.scratch()
	for range 2 {
		if s.setCompact(&g.cp) {
			s.cauchy(g)
			s.subspace(g)
			floats.SubTo(s.d, g.xbar, s.x)
			if floats.Dot(s.g, s.d) < 0 || g.cp.k == 0 {
				break
			}
		}
		s.sk, s.yk, s.rho = s.sk[:0], s.yk[:0], s.rho[:0]
	}
	s.nfree = 0
	for _, b := range g.atBound {
		if !b {
			s.nfree++
		}
	}
}
