package slsqp

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// quiet runs the subproblem chain without a Task.
var quiet = lsqSolver{check: func() {}}

func eye(n int) *mat.Dense {
	m := mat.NewDense(n, n, nil)
	for i := range n {
		m.Set(i, i, 1)
	}
	return m
}

func randDense(rng *rand.Rand, r, c int) *mat.Dense {
	a := mat.NewDense(r, c, nil)
	for i := range r {
		for j := range c {
			a.Set(i, j, rng.NormFloat64())
		}
	}
	return a
}

func randVec(rng *rand.Rand, n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = rng.NormFloat64()
	}
	return v
}

// normalEq solves min ‖A x − b‖ through the normal equations AᵀA x = Aᵀb.
func normalEq(t *testing.T, a *mat.Dense, b []float64) []float64 {
	t.Helper()
	var ata mat.Dense
	ata.Mul(a.T(), a)
	var atb, x mat.VecDense
	atb.MulVec(a.T(), mat.NewVecDense(len(b), b))
	if err := x.SolveVec(&ata, &atb); err != nil {
		t.Fatal(err)
	}
	return x.RawVector().Data
}

func maxDiff(a, b []float64) float64 {
	d := 0.0
	for i := range a {
		d = math.Max(d, math.Abs(a[i]-b[i]))
	}
	return d
}

func TestNNLSSmall(t *testing.T) {
	// A = I: the answer is b with its negative entries set to zero.
	x, rnorm, mode := quiet.nnls(eye(3), []float64{1, -2, 3})
	if mode != 0 || maxDiff(x, []float64{1, 0, 3}) > 1e-15 || math.Abs(rnorm-2) > 1e-15 {
		t.Errorf("quiet.nnls(I, b) = %v, %v, mode %d; want [1 0 3], 2", x, rnorm, mode)
	}
	// b = 0: x = 0.
	x, rnorm, mode = quiet.nnls(mat.NewDense(2, 2, []float64{1, 2, 3, 4}), []float64{0, 0})
	if mode != 0 || maxDiff(x, []float64{0, 0}) != 0 || rnorm != 0 {
		t.Errorf("quiet.nnls(A, 0) = %v, %v, %d", x, rnorm, mode)
	}
}

// When the unconstrained least-squares solution is positive, NNLS must
// return it.
func TestNNLSMatchesNormalEquations(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 50 {
		m, n := 4+rng.IntN(8), 1+rng.IntN(4)
		a := randDense(rng, m, n)
		xt := make([]float64, n)
		for i := range xt {
			xt[i] = 1 + rng.Float64()
		}
		b := mulVec(a, xt)
		for i := range b {
			b[i] += 0.01 * rng.NormFloat64()
		}
		want := normalEq(t, a, b)
		x, _, mode := quiet.nnls(a, b)
		if mode != 0 || maxDiff(x, want) > 1e-10 {
			t.Errorf("trial %d: nnls = %v (mode %d), normal equations %v", trial, x, mode, want)
		}
	}
}

// On random problems, NNLS's answer must satisfy its KKT conditions and be
// the best of all the active sets (enumerated by brute force).
func TestNNLSKKTAndBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 200 {
		m, n := 2+rng.IntN(6), 1+rng.IntN(5)
		a := randDense(rng, m, n)
		b := randVec(rng, m)
		x, rnorm, mode := quiet.nnls(a, b)
		if mode != 0 {
			t.Fatalf("trial %d: mode %d", trial, mode)
		}
		r := mulVec(a, x)
		for i := range r {
			r[i] = b[i] - r[i]
		}
		if math.Abs(floats.Norm(r, 2)-rnorm) > 1e-12 {
			t.Errorf("trial %d: rnorm %v, ‖b−Ax‖ = %v", trial, rnorm, floats.Norm(r, 2))
		}
		w := mulTVec(a, r, n)
		for j := range n {
			switch {
			case x[j] < 0:
				t.Errorf("trial %d: x[%d] = %v < 0", trial, j, x[j])
			case x[j] > 0 && math.Abs(w[j]) > 1e-10:
				t.Errorf("trial %d: x[%d] > 0 but w = %v", trial, j, w[j])
			case x[j] == 0 && w[j] > 1e-10:
				t.Errorf("trial %d: x[%d] = 0 but w = %v > 0", trial, j, w[j])
			}
		}
		// Brute force: every subset of free variables.
		best := floats.Norm(b, 2)
		for mask := 1; mask < 1<<n; mask++ {
			var cols []int
			for j := range n {
				if mask&(1<<j) != 0 {
					cols = append(cols, j)
				}
			}
			z, ok := quiet.lsOnColumns(a, cols, b)
			if !ok {
				continue
			}
			feasible := true
			xs := make([]float64, n)
			for k, j := range cols {
				feasible = feasible && z[k] >= 0
				xs[j] = z[k]
			}
			if feasible {
				rr := mulVec(a, xs)
				for i := range rr {
					rr[i] -= b[i]
				}
				best = math.Min(best, floats.Norm(rr, 2))
			}
		}
		if rnorm > best+1e-10 {
			t.Errorf("trial %d: nnls residual %v > brute force %v", trial, rnorm, best)
		}
	}
}

func TestLDP(t *testing.T) {
	// min ½‖z‖² s.t. z1 + z2 ≥ 2: z = (1, 1), λ = 1.
	z, lam, mode := quiet.ldp(mat.NewDense(1, 2, []float64{1, 1}), []float64{2}, 2)
	if mode != 0 || maxDiff(z, []float64{1, 1}) > 1e-14 || math.Abs(lam[0]-1) > 1e-14 {
		t.Errorf("ldp = %v, %v, %d", z, lam, mode)
	}
	// z ≥ 1 and −z ≥ 0 are incompatible.
	_, _, mode = quiet.ldp(mat.NewDense(2, 1, []float64{1, -1}), []float64{1, 0}, 1)
	if mode != ModeIncompatible {
		t.Errorf("incompatible ldp: mode %d, want %d", mode, ModeIncompatible)
	}
	// Inactive constraint: z ≥ −1 gives z = 0, λ = 0.
	z, lam, mode = quiet.ldp(mat.NewDense(1, 1, []float64{1}), []float64{-1}, 1)
	if mode != 0 || z[0] != 0 || lam[0] != 0 {
		t.Errorf("inactive ldp = %v, %v, %d", z, lam, mode)
	}
}

// Equality-constrained least squares against the KKT system
// [EᵀE −Cᵀ; C 0] [x; μ] = [Eᵀf; d].
func TestLSEIEqualityMatchesKKTSystem(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 50 {
		n := 2 + rng.IntN(5)
		mc := 1 + rng.IntN(n-1)
		e, f := randDense(rng, n, n), randVec(rng, n)
		c, d := randDense(rng, mc, n), randVec(rng, mc)
		x, mult, mode := quiet.lsei(e, f, c, d, nil, nil)
		if mode != 0 {
			t.Fatalf("trial %d: mode %d", trial, mode)
		}
		k := mat.NewDense(n+mc, n+mc, nil)
		var ete mat.Dense
		ete.Mul(e.T(), e)
		k.Slice(0, n, 0, n).(*mat.Dense).Copy(&ete)
		for i := range mc {
			for j := range n {
				k.Set(n+i, j, c.At(i, j))
				k.Set(j, n+i, -c.At(i, j))
			}
		}
		rhs := append(mulTVec(e, f, n), d...)
		var sol mat.VecDense
		if err := sol.SolveVec(k, mat.NewVecDense(n+mc, rhs)); err != nil {
			t.Fatal(err)
		}
		want := sol.RawVector().Data
		if dx := maxDiff(x, want[:n]); dx > 1e-8 {
			t.Errorf("trial %d: x = %v, KKT system %v", trial, x, want[:n])
		}
		if dm := maxDiff(mult, want[n:]); dm > 1e-8 {
			t.Errorf("trial %d: μ = %v, KKT system %v", trial, mult, want[n:])
		}
	}
}

// Unconstrained: plain least squares.
func TestLSEIUnconstrained(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	e, f := randDense(rng, 6, 4), randVec(rng, 6)
	x, _, mode := quiet.lsei(e, f, nil, nil, nil, nil)
	if want := normalEq(t, e, f); mode != 0 || maxDiff(x, want) > 1e-10 {
		t.Errorf("lsei = %v (mode %d), normal equations %v", x, mode, want)
	}
}

// With inequalities, the answer of a convex problem is characterized by its
// KKT conditions: feasibility, λ ≥ 0, complementarity and stationarity
// Eᵀ(E x − f) = Cᵀμ + Gᵀλ.
func TestLSEIKKT(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for trial := range 200 {
		n := 2 + rng.IntN(5)
		mc := rng.IntN(n)
		mg := 1 + rng.IntN(6)
		e, f := randDense(rng, n, n), randVec(rng, n)
		var c *mat.Dense
		var d []float64
		if mc > 0 {
			c, d = randDense(rng, mc, n), randVec(rng, mc)
		}
		// Make the inequalities feasible: they hold with slack at x̂.
		xh := randVec(rng, n)
		g := randDense(rng, mg, n)
		h := mulVec(g, xh)
		for i := range h {
			h[i] -= rng.Float64()
		}
		if mc > 0 {
			d = mulVec(c, xh)
		}
		x, mult, mode := quiet.lsei(e, f, c, d, g, h)
		if mode != 0 {
			t.Fatalf("trial %d: mode %d", trial, mode)
		}
		if cx := mulVec(c, x); mc > 0 && maxDiff(cx, d) > 1e-9 {
			t.Errorf("trial %d: C x − d = %v", trial, maxDiff(cx, d))
		}
		gx := mulVec(g, x)
		lam := mult[mc:]
		for i := range mg {
			if gx[i]-h[i] < -1e-9 || lam[i] < -1e-9 || math.Abs(lam[i]*(gx[i]-h[i])) > 1e-8 {
				t.Errorf("trial %d: row %d: slack %v, λ %v", trial, i, gx[i]-h[i], lam[i])
			}
		}
		res := mulVec(e, x)
		for i := range res {
			res[i] -= f[i]
		}
		grad := mulTVec(e, res, n)
		cm := mulTVec(c, mult[:mc], n)
		gl := mulTVec(g, lam, n)
		for i := range grad {
			grad[i] -= cm[i] + gl[i]
		}
		if floats.Norm(grad, 2) > 1e-8 {
			t.Errorf("trial %d: stationarity residual %v", trial, floats.Norm(grad, 2))
		}
	}
}

func TestLSEIFailures(t *testing.T) {
	e := eye(2)
	f := []float64{0, 0}
	// More equalities than variables.
	if _, _, mode := quiet.lsei(e, f, eye(3).Slice(0, 3, 0, 2).(*mat.Dense), []float64{1, 2, 3}, nil, nil); mode != ModeTooManyEq {
		t.Errorf("mode %d, want %d", mode, ModeTooManyEq)
	}
	// Two identical equality rows: C is singular.
	c := mat.NewDense(2, 2, []float64{1, 1, 1, 1})
	if _, _, mode := quiet.lsei(e, f, c, []float64{1, 1}, nil, nil); mode != ModeSingularC {
		t.Errorf("mode %d, want %d", mode, ModeSingularC)
	}
	// x1 ≥ 1 and −x1 ≥ 0.
	g := mat.NewDense(2, 2, []float64{1, 0, -1, 0})
	if _, _, mode := quiet.lsei(e, f, nil, nil, g, []float64{1, 0}); mode != ModeIncompatible {
		t.Errorf("mode %d, want %d", mode, ModeIncompatible)
	}
	// Singular E with inequalities.
	es := mat.NewDense(2, 2, []float64{1, 0, 0, 0})
	if _, _, mode := quiet.lsei(es, f, nil, nil, g.Slice(0, 1, 0, 2).(*mat.Dense), []float64{1}); mode != ModeSingularE {
		t.Errorf("mode %d, want %d", mode, ModeSingularE)
	}
	// Singular E without inequalities: HFTI's rank test.
	if _, _, mode := quiet.lsei(es, f, nil, nil, nil, nil); mode != ModeHFTI {
		t.Errorf("mode %d, want %d", mode, ModeHFTI)
	}
}

// lsq with bounds: min ½‖d − f‖² on a box is the projection of f.
func TestLSQBoxProjection(t *testing.T) {
	p := lsqProblem{
		E: eye(3), F: []float64{-2, 0.5, 3},
		Lo: []float64{-1, math.Inf(-1), 0}, Hi: []float64{1, 1, 2},
	}
	s := quiet.solve(p)
	if s.Mode != 0 || maxDiff(s.D, []float64{-1, 0.5, 2}) > 1e-14 {
		t.Fatalf("lsq = %v, mode %d", s.D, s.Mode)
	}
	// Multipliers: E(d − f) = Lo − Hi, so Lo[0] = 1, Hi[2] = 1.
	if maxDiff(s.Lo, []float64{1, 0, 0}) > 1e-14 || maxDiff(s.Hi, []float64{0, 0, 1}) > 1e-14 {
		t.Errorf("bound multipliers %v %v", s.Lo, s.Hi)
	}
}

// The Householder factorization: Q [R; 0] = A, and Q is orthogonal.
func TestHouseholderQR(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for trial := range 30 {
		m := 1 + rng.IntN(8)
		k := 1 + rng.IntN(m)
		a := randDense(rng, m, k)
		if trial%5 == 0 {
			a.SetCol(0, make([]float64, m)) // a zero column: H_0 = I
		}
		q := quiet.factorQR(mat.DenseCopyOf(a))
		r := q.r()
		for j := range k {
			col := make([]float64, m)
			for i := 0; i <= j; i++ {
				col[i] = r.At(i, j)
			}
			q.q(col)
			if d := maxDiff(col, mat.Col(nil, j, a)); d > 1e-13 {
				t.Errorf("trial %d: column %d of Q R differs from A by %v", trial, j, d)
			}
		}
		x := randVec(rng, m)
		y := slices.Clone(x)
		q.qt(y)
		if math.Abs(floats.Norm(y, 2)-floats.Norm(x, 2)) > 1e-13 {
			t.Errorf("trial %d: ‖Qᵀx‖ = %v, ‖x‖ = %v", trial, floats.Norm(y, 2), floats.Norm(x, 2))
		}
		q.q(y)
		if d := maxDiff(x, y); d > 1e-13 {
			t.Errorf("trial %d: Q Qᵀ x − x = %v", trial, d)
		}
	}
}

// SLSQP's E is upper triangular and used as it is; a dense copy of the
// same matrix goes through the QR factorization: same answer.
func TestLSEITriangularE(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for trial := range 50 {
		n := 2 + rng.IntN(5)
		mc, mg := rng.IntN(n), rng.IntN(4)
		u := mat.NewTriDense(n, mat.Upper, nil)
		for i := range n {
			for j := i; j < n; j++ {
				u.SetTri(i, j, rng.NormFloat64())
			}
			u.SetTri(i, i, 1+rng.Float64())
		}
		f := randVec(rng, n)
		xh := randVec(rng, n)
		var c, g *mat.Dense
		var d, h []float64
		if mc > 0 {
			c = randDense(rng, mc, n)
			d = mulVec(c, xh)
		}
		if mg > 0 {
			g = randDense(rng, mg, n)
			h = mulVec(g, xh)
			for i := range h {
				h[i] -= rng.Float64()
			}
		}
		x1, m1, mode1 := quiet.lsei(u, f, c, d, g, h)
		x2, m2, mode2 := quiet.lsei(mat.DenseCopyOf(u), f, c, d, g, h)
		if mode1 != 0 || mode2 != 0 || maxDiff(x1, x2) > 1e-9 || maxDiff(m1, m2) > 1e-8 {
			t.Errorf("trial %d: triangular %v %v (mode %d), dense %v %v (mode %d)", trial, x1, m1, mode1, x2, m2, mode2)
		}
	}
}

// The subproblem calls check in its loops (Task.Check in a run).
func TestLSQChecks(t *testing.T) {
	calls := 0
	l := lsqSolver{check: func() { calls++ }}
	rng := rand.New(rand.NewPCG(15, 16))
	a, b := randDense(rng, 6, 10), randVec(rng, 6)
	l.nnls(a, b)
	if calls == 0 {
		t.Error("nnls never called check")
	}
	calls = 0
	l.factorQR(randDense(rng, 8, 5))
	if calls != 5 {
		t.Errorf("factorQR called check %d times for 5 columns", calls)
	}
}

// The rank-one changes of B = UᵀU against the explicit matrices.
func TestCholUpdateDowndate(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	gram := func(u *mat.TriDense) *mat.Dense {
		var b mat.Dense
		b.Mul(u.T(), u)
		return &b
	}
	for trial := range 50 {
		n := 1 + rng.IntN(7)
		u := mat.NewTriDense(n, mat.Upper, nil)
		for i := range n {
			for j := i; j < n; j++ {
				u.SetTri(i, j, 0.3*rng.NormFloat64())
			}
			u.SetTri(i, i, 1+rng.Float64())
		}
		b0 := gram(u)
		x := randVec(rng, n)
		cholUpdate(u, x, func() {})
		var want mat.Dense
		want.Outer(1, mat.NewVecDense(n, x), mat.NewVecDense(n, x))
		want.Add(b0, &want)
		if !mat.EqualApprox(gram(u), &want, 1e-12) {
			t.Fatalf("trial %d: update: UᵀU = %v, want %v", trial, mat.Formatted(gram(u)), mat.Formatted(&want))
		}
		// Downdating the same x gives back B₀.
		if !cholDowndate(u, x, func() {}) || !mat.EqualApprox(gram(u), b0, 1e-10) {
			t.Errorf("trial %d: downdate: UᵀU = %v, want %v", trial, mat.Formatted(gram(u)), mat.Formatted(b0))
		}
		for i := range n {
			if u.At(i, i) <= 0 {
				t.Errorf("trial %d: U_%d%d = %v", trial, i, i, u.At(i, i))
			}
		}
	}
	// I − 2 e₁e₁ᵀ is not positive definite: refused, U unchanged.
	u := mat.NewTriDense(2, mat.Upper, nil)
	setIdentity(u)
	if cholDowndate(u, []float64{math.Sqrt2, 0}, func() {}) || u.At(0, 0) != 1 || u.At(1, 1) != 1 {
		t.Errorf("downdate to an indefinite matrix: U = %v", mat.Formatted(u))
	}
}
