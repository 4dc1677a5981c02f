package slsqp

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// SLSQP keeps B = UᵀU as its upper-triangular factor U (Kraft keeps LDLᵀ,
// the same with U = D^{1/2}Lᵀ) and changes it by rank-one updates. These
// are LINPACK's dchud and dchdd, O(n²), row by row, calling check; gonum's
// Cholesky.SymRankOne does the same but then estimates the condition
// number, which at n = 5000 costs ten times the update and cannot be
// interrupted.

// setIdentity makes U = I.
func setIdentity(u *mat.TriDense) {
	u.Zero()
	n, _ := u.Triangle()
	for i := range n {
		u.SetTri(i, i, 1)
	}
}

// cholUpdate overwrites U by the factor of UᵀU + x xᵀ: Givens rotations
// that zero x against the rows of U (dchud).
func cholUpdate(u *mat.TriDense, x []float64, check func()) {
	n := len(x)
	w := slices.Clone(x)
	raw := u.RawTriangular()
	for k := range n {
		if k%64 == 0 {
			check()
		}
		row := raw.Data[k*raw.Stride+k : k*raw.Stride+n]
		r := math.Hypot(row[0], w[k])
		c, s := row[0]/r, w[k]/r
		row[0] = r
		for j := 1; j < len(row); j++ {
			ukj, wj := row[j], w[k+j]
			row[j] = c*ukj + s*wj
			w[k+j] = c*wj - s*ukj
		}
	}
}

// cholDowndate overwrites U by the factor of UᵀU − x xᵀ (dchdd): with
// Uᵀa = x, that matrix is positive definite iff ‖a‖ < 1, and rotations
// determined by a turn U into the new factor. It returns false if the
// result is not (numerically) positive definite; U is then unchanged if
// ‖a‖ ≥ 1, and no longer valid otherwise.
func cholDowndate(u *mat.TriDense, x []float64, check func()) bool {
	n := len(x)
	a := solveTri(u, x, true)
	norm := floats.Norm(a, 2)
	if !(norm < 1) {
		return false
	}
	alpha := math.Sqrt((1 - norm) * (1 + norm))
	c, s := make([]float64, n), make([]float64, n)
	for i := n - 1; i >= 0; i-- {
		scale := alpha + math.Abs(a[i])
		p, q := alpha/scale, a[i]/scale
		h := math.Hypot(p, q)
		c[i], s[i] = p/h, q/h
		alpha = scale * h
	}
	// dchdd applies the rotations column by column, i = j, j−1, …, 0; the
	// same recurrence row by row keeps U's rows contiguous.
	xx := make([]float64, n)
	raw := u.RawTriangular()
	for i := n - 1; i >= 0; i-- {
		if i%64 == 0 {
			check()
		}
		row := raw.Data[i*raw.Stride+i : i*raw.Stride+n]
		for k, uij := range row {
			j := i + k
			row[k] = c[i]*uij - s[i]*xx[j]
			xx[j] = c[i]*xx[j] + s[i]*uij
		}
		if !(row[0] > 0) {
			return false
		}
	}
	return true
}
