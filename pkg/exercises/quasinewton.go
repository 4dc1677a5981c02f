package exercises

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/optlab/optlab/pkg/bfgs"
	"github.com/optlab/optlab/pkg/optim"
)

// qnCase is a hidden (H, s, y) of the quasi-Newton checkers.
type qnCase struct {
	H    *mat.SymDense
	s, y []float64
}

// qnCases are random SPD H and pairs y = A s with A SPD (so yᵀs > 0).
func qnCases(seed uint64, dims ...int) []qnCase {
	r := optim.NewRand(seed)
	spd := func(n int) *mat.SymDense {
		b := mat.NewDense(n, n, nil)
		for i := range n {
			for j := range n {
				b.Set(i, j, r.NormFloat64())
			}
		}
		a := mat.NewSymDense(n, nil)
		a.SymOuterK(1, b)
		for i := range n {
			a.SetSym(i, i, a.At(i, i)+0.5)
		}
		return a
	}
	var cs []qnCase
	for _, n := range dims {
		s := make([]float64, n)
		for i := range s {
			s[i] = r.NormFloat64()
		}
		y := make([]float64, n)
		mat.NewVecDense(n, y).MulVec(spd(n), mat.NewVecDense(n, s))
		cs = append(cs, qnCase{H: spd(n), s: s, y: y})
	}
	return cs
}

func qnRows(h mat.Matrix) [][]float64 {
	n, _ := h.Dims()
	rows := make([][]float64, n)
	for i := range rows {
		rows[i] = make([]float64, n)
		for j := range rows[i] {
			rows[i][j] = h.At(i, j)
		}
	}
	return rows
}

// qnShape checks that m is an n×n matrix of finite numbers.
func qnShape(m [][]float64, n int) error {
	if m == nil {
		return fmt.Errorf("it returned nil (the starter's stub?)")
	}
	if len(m) != n {
		return fmt.Errorf("it returned %d rows for n = %d", len(m), n)
	}
	for i, row := range m {
		if len(row) != n {
			return fmt.Errorf("row %d has %d entries for n = %d", i, len(row), n)
		}
		for _, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("row %d holds %v", i, v)
			}
		}
	}
	return nil
}

func qnMulVec(m [][]float64, v []float64) []float64 {
	out := make([]float64, len(m))
	for i, row := range m {
		for j, a := range row {
			out[i] += a * v[j]
		}
	}
	return out
}

func qnNorm(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}

func qnDist(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += (a[i] - b[i]) * (a[i] - b[i])
	}
	return math.Sqrt(s)
}

// CheckBFGSUpdate checks a BFGS update of the inverse-Hessian approximation
// (chapter 07): update(H, s, y) must return
//
//	H₊ = (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ,   ρ = 1/(yᵀs),
//
// as an n×n matrix of rows, for a symmetric positive definite H and a pair
// with yᵀs > 0. On hidden cases (n = 2, 3, 5, 8) it checks the secant
// condition H₊ y = s, symmetry, positive definiteness and agreement with
// bfgs.UpdateBFGS, printing a PASS or FAIL line (with a hint) for each. It
// returns whether all passed.
func CheckBFGSUpdate(update func(H [][]float64, s, y []float64) [][]float64) bool {
	cases := qnCases(7, 2, 3, 5, 8)
	const hint = "hint: ρ = 1/(yᵀs), H₊ = (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ; " +
		"expanded, H₊ = H − ρ (Hy sᵀ + s (Hy)ᵀ) + (ρ² yᵀHy + ρ) s sᵀ"
	var outs [][][]float64
	for _, c := range cases {
		n := len(c.s)
		var out [][]float64
		if err := call(func() { out = update(qnRows(c.H), append([]float64(nil), c.s...), append([]float64(nil), c.y...)) }); err != nil {
			return claim(false, "BFGS update", err.Error()+"; "+hint)
		}
		if err := qnShape(out, n); err != nil {
			return claim(false, "BFGS update returns an n×n matrix", err.Error()+"; "+hint)
		}
		outs = append(outs, out)
	}
	ok := true
	worst := 0.0
	for i, c := range cases {
		worst = max(worst, qnDist(qnMulVec(outs[i], c.y), c.s)/qnNorm(c.s))
	}
	ok = claim(worst <= 1e-8, fmt.Sprintf("secant condition H₊y = s on %d hidden (s, y) pairs", len(cases)),
		fmt.Sprintf("‖H₊y − s‖/‖s‖ = %.3g; %s", worst, hint)) && ok
	sym := 0.0
	for _, m := range outs {
		for i := range m {
			for j := range m {
				sym = max(sym, math.Abs(m[i][j]-m[j][i])/(1+math.Abs(m[i][j])))
			}
		}
	}
	ok = claim(sym <= 1e-10, "H₊ is symmetric", fmt.Sprintf("|H₊[i][j] − H₊[j][i]| up to %.3g; the two rank-one terms ρ Hy sᵀ and ρ s (Hy)ᵀ must both be there", sym)) && ok
	pd := true
	for _, m := range outs {
		n := len(m)
		a := mat.NewSymDense(n, nil)
		for i := range n {
			for j := i; j < n; j++ {
				a.SetSym(i, j, (m[i][j]+m[j][i])/2)
			}
		}
		var ch mat.Cholesky
		pd = pd && ch.Factorize(a)
	}
	ok = claim(pd, "H₊ is positive definite (yᵀs > 0 in every case)", "a Cholesky factorization failed; "+hint) && ok
	diff := 0.0
	for i, c := range cases {
		ref := mat.NewSymDense(len(c.s), nil)
		ref.CopySym(c.H)
		bfgs.UpdateBFGS(ref, c.s, c.y)
		scale := mat.Norm(ref, math.Inf(1))
		for r := range outs[i] {
			for k := range outs[i][r] {
				diff = max(diff, math.Abs(outs[i][r][k]-ref.At(r, k))/scale)
			}
		}
	}
	secantOK := worst <= 1e-8
	msg := fmt.Sprintf("largest relative difference %.3g; %s", diff, hint)
	if secantOK {
		msg = fmt.Sprintf("largest relative difference %.3g: your update satisfies the secant condition but is another one (DFP, H₊ = H − Hy yᵀH/(yᵀHy) + s sᵀ/(yᵀs), does too); %s", diff, hint)
	}
	ok = claim(diff <= 1e-9, "agrees with bfgs.UpdateBFGS", msg) && ok
	return ok
}

// CheckTwoLoop checks the L-BFGS two-loop recursion (chapter 07):
// twoLoop(q, s, y) must return r = H·q, where H is the L-BFGS
// inverse-Hessian approximation built from the pairs (s[i], y[i]), oldest
// first: H₀ = γI with γ = sᵀy/yᵀy of the newest pair (H₀ = I without
// pairs), then one BFGS update per pair. It compares with the dense
// matrix on hidden cases (no pairs, 1, 3 and 6 pairs, n = 4 and 7),
// prints PASS or FAIL lines with hints and returns whether all passed.
func CheckTwoLoop(twoLoop func(q []float64, s, y [][]float64) []float64) bool {
	type tc struct {
		q    []float64
		s, y [][]float64
	}
	r := optim.NewRand(11)
	var cases []tc
	for _, k := range []struct{ n, pairs int }{{4, 0}, {4, 1}, {4, 3}, {7, 6}} {
		c := tc{q: make([]float64, k.n)}
		for i := range c.q {
			c.q[i] = r.NormFloat64()
		}
		for _, p := range qnCases(uint64(100+k.pairs), qnRepeat(k.n, k.pairs)...) {
			c.s, c.y = append(c.s, p.s), append(c.y, p.y)
		}
		cases = append(cases, c)
	}
	const hint = "hint: first loop newest to oldest, α_i = ρ_i s_iᵀr, r −= α_i y_i; scale r by γ = s_kᵀy_k/y_kᵀy_k of the newest pair; " +
		"second loop oldest to newest, β = ρ_i y_iᵀr, r += (α_i − β) s_i"
	ok := true
	for _, c := range cases {
		// the dense reference: γI, then BFGS updates oldest first
		n, k := len(c.q), len(c.s)
		g := 1.0
		if k > 0 {
			g = qnDot(c.s[k-1], c.y[k-1]) / qnDot(c.y[k-1], c.y[k-1])
		}
		H := mat.NewSymDense(n, nil)
		for i := range n {
			H.SetSym(i, i, g)
		}
		for i := range k {
			bfgs.UpdateBFGS(H, c.s[i], c.y[i])
		}
		want := make([]float64, n)
		mat.NewVecDense(n, want).MulVec(H, mat.NewVecDense(n, c.q))
		var got []float64
		cs, cy := qnClone2(c.s), qnClone2(c.y)
		what := fmt.Sprintf("r = H·q with %d pairs, n = %d", k, n)
		if err := call(func() { got = twoLoop(append([]float64(nil), c.q...), cs, cy) }); err != nil {
			ok = claim(false, what, err.Error()+"; "+hint) && ok
			continue
		}
		if len(got) != n {
			ok = claim(false, what, fmt.Sprintf("returned %d numbers, want %d (the stub returns nil); %s", len(got), n, hint)) && ok
			continue
		}
		e := qnDist(got, want) / qnNorm(want)
		msg := fmt.Sprintf("‖r − Hq‖/‖Hq‖ = %.3g; %s", e, hint)
		if k == 0 {
			msg = fmt.Sprintf("‖r − q‖/‖q‖ = %.3g: without pairs H = I, so r = q; %s", e, hint)
		}
		ok = claim(e <= 1e-9, what, msg) && ok
	}
	return ok
}

func qnRepeat(n, k int) []int {
	out := make([]int, k)
	for i := range out {
		out[i] = n
	}
	return out
}

func qnDot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func qnClone2(a [][]float64) [][]float64 {
	out := make([][]float64, len(a))
	for i, v := range a {
		out[i] = append([]float64(nil), v...)
	}
	return out
}
