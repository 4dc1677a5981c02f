package exercises

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// NewtonDirFunc is the Newton direction with a Cholesky solve: factor
// H = LLᵀ and solve H p = −g. If H is not positive definite (the
// factorization fails), return ok = false.
type NewtonDirFunc func(H *mat.SymDense, g []float64) (p []float64, ok bool)

// ModifiedNewtonFunc is Newton's direction with the Hessian modification of
// Nocedal & Wright Alg. 3.3: the smallest τ in 0 (or −min_i H_ii + β if a
// diagonal entry is ≤ 0), then max(2τ, β), … (β = 10⁻³) for which H + τI
// has a Cholesky factorization, and p solving (H + τI) p = −g.
type ModifiedNewtonFunc func(H *mat.SymDense, g []float64) (p []float64, tau float64)

type hessCase struct {
	what string
	H    []float64 // row-major, symmetric
	g    []float64
}

// inputs returns the case's size n, fresh copies of H and g for the
// student's function, and λ_min of H.
func (tc hessCase) inputs() (n int, H *mat.SymDense, g []float64, lmin float64) {
	n = len(tc.g)
	lmin, _ = eigRange(mat.NewSymDense(n, slices.Clone(tc.H)))
	return n, mat.NewSymDense(n, slices.Clone(tc.H)), slices.Clone(tc.g), lmin
}

// changed reports whether the student's function changed H or g.
func (tc hessCase) changed(H *mat.SymDense, g []float64) bool {
	return !equalFloats(g, tc.g) || !equalFloats(H.RawSymmetric().Data, mat.NewSymDense(len(tc.g), slices.Clone(tc.H)).RawSymmetric().Data)
}

func newtonCases() []hessCase {
	return []hessCase{
		{"H = diag(2, 8)", []float64{2, 0, 0, 8}, []float64{1, -1}},
		{"Rosenbrock's Hessian at (1, 1)", []float64{802, -400, -400, 200}, []float64{0.5, -0.2}},
		{"a full 4×4 positive definite H", []float64{
			4, 1, 0, 0.5,
			1, 5, 1, 0,
			0, 1, 3, 0.2,
			0.5, 0, 0.2, 2}, []float64{1, 2, -1, 0.5}},
		{"the saddle x² − y²: H = diag(2, −2)", []float64{2, 0, 0, -2}, []float64{1, 1}},
		{"Rosenbrock's Hessian at (0, 1): a negative diagonal entry", []float64{-398, 0, 0, 200}, []float64{-2, 200}},
		{"H = [[1, 2], [2, 1]]: positive diagonal, eigenvalues 3 and −1", []float64{1, 2, 2, 1}, []float64{1, 0}},
	}
}

// eigRange returns the smallest and largest eigenvalue of a symmetric H.
func eigRange(H *mat.SymDense) (float64, float64) {
	var e mat.EigenSym
	if !e.Factorize(H, false) {
		return math.NaN(), math.NaN()
	}
	v := e.Values(nil)
	return slices.Min(v), slices.Max(v)
}

// residual returns ‖(H + τI)p + g‖∞ / (1 + ‖g‖∞).
func residual(H *mat.SymDense, tau float64, p, g []float64) float64 {
	n := len(g)
	var r, gn float64
	for i := range n {
		s := g[i] + tau*p[i]
		for j := range n {
			s += H.At(i, j) * p[j]
		}
		r = math.Max(r, math.Abs(s))
		gn = math.Max(gn, math.Abs(g[i]))
	}
	return r / (1 + gn)
}

// CheckNewtonDirection runs dir on hidden Hessians (positive definite ones
// of sizes 2 and 4, Rosenbrock's at its minimum, and indefinite ones) and
// checks that H p = −g, that ok is false exactly when H is not positive
// definite, and that H and g are left unchanged.
func CheckNewtonDirection(dir NewtonDirFunc) bool {
	c := &checker{name: "CheckNewtonDirection"}
	if dir == nil {
		c.cases = 1
		c.failf("pass your function, e.g. CheckNewtonDirection(newtonDirection)", "the function is nil")
		return c.summary()
	}
	for _, tc := range newtonCases() {
		c.cases++
		n, H, g, lmin := tc.inputs()
		var p []float64
		var ok bool
		if msg := safely(func() { p, ok = dir(H, g) }); msg != "" {
			c.failf("", "%s: %s", tc.what, msg)
			continue
		}
		pd := lmin > 0
		switch {
		case tc.changed(H, g):
			c.failf("factor and solve into new values: the caller still needs H and g", "%s: your function changed H or g", tc.what)
		case !pd && ok:
			c.failf("use the result of chol.Factorize(H): false means H is not positive definite", "%s: λ_min = %g < 0, want ok = false", tc.what, lmin)
		case pd && !ok:
			c.failf("ok = false only when the Cholesky factorization fails", "%s: H is positive definite (λ_min = %g), want ok = true", tc.what, lmin)
		case pd && len(p) != n:
			c.failf("return a new slice of length n", "%s: len(p) = %d, want %d", tc.what, len(p), n)
		case pd && !(residual(H, 0, p, g) <= 1e-9):
			c.failf("solve H p = −g (mind the sign: chol.SolveVecTo solves H p = g)", "%s: got p = %s, ‖Hp + g‖∞ relative residual %.3g", tc.what, fmtVec(p), residual(H, 0, p, g))
		}
	}
	return c.summary()
}

// CheckModifiedNewton runs mod on the same hidden Hessians and checks: τ = 0
// for a positive definite H, otherwise H + τI positive definite with τ not
// much larger than Alg. 3.3's doubling can give (τ ≤ 2·max(0, −λ_min) +
// 2β), (H + τI) p = −g, and p a descent direction (gᵀp < 0).
func CheckModifiedNewton(mod ModifiedNewtonFunc) bool {
	const beta = 1e-3
	c := &checker{name: "CheckModifiedNewton"}
	if mod == nil {
		c.cases = 1
		c.failf("pass your function, e.g. CheckModifiedNewton(modifiedNewton)", "the function is nil")
		return c.summary()
	}
	for _, tc := range newtonCases() {
		c.cases++
		n, H, g, lmin := tc.inputs()
		var p []float64
		var tau float64
		if msg := safely(func() { p, tau = mod(H, g) }); msg != "" {
			c.failf("", "%s: %s", tc.what, msg)
			continue
		}
		var gp float64
		for i := range min(len(p), n) {
			gp += g[i] * p[i]
		}
		switch {
		case tc.changed(H, g):
			c.failf("copy H into a new matrix before adding τ to its diagonal", "%s: your function changed H or g", tc.what)
		case lmin > 0 && tau != 0:
			c.failf("try τ = 0 first when every diagonal entry is positive", "%s: H is positive definite, want τ = 0, got τ = %g", tc.what, tau)
		case !(tau > -lmin):
			c.failf("increase τ until the Cholesky factorization of H + τI succeeds", "%s: λ_min = %g, τ = %g: H + τI is not positive definite", tc.what, lmin, tau)
		case tau > 2*math.Max(0, -lmin)+2*beta+1e-12:
			c.failf("start at −min H_ii + β only if a diagonal entry is ≤ 0 (else at 0), then double: τ ← max(2τ, β)", "%s: λ_min = %g, τ = %g is larger than the doubling needs", tc.what, lmin, tau)
		case len(p) != n:
			c.failf("return a new slice of length n", "%s: len(p) = %d, want %d", tc.what, len(p), n)
		case !(residual(H, tau, p, g) <= 1e-9):
			c.failf("solve (H + τI) p = −g with the factorization that succeeded", "%s: τ = %g, p = %s: relative residual %.3g", tc.what, tau, fmtVec(p), residual(H, tau, p, g))
		case !(gp < 0):
			c.failf("with H + τI positive definite, p = −(H + τI)⁻¹g has gᵀp < 0", "%s: gᵀp = %g is not negative", tc.what, gp)
		}
	}
	return c.summary()
}
