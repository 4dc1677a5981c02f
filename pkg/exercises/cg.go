package exercises

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"

	"github.com/optlab/optlab/pkg/cg"
)

// CGStepFunc is one step of linear CG (Nocedal & Wright Alg. 5.2) for
// Ax = b, from the iterate x, its residual r = Ax − b and the direction p:
//
//	α = rᵀr / pᵀAp,  x₊ = x + αp,  r₊ = r + αAp,  β = r₊ᵀr₊ / rᵀr,  p₊ = −r₊ + βp.
type CGStepFunc func(A *mat.SymDense, x, r, p []float64) (xNew, rNew, pNew []float64)

// refCGStep is the reference step on copies.
func refCGStep(A *mat.SymDense, x, r, p []float64) ([]float64, []float64, []float64) {
	n := len(x)
	ap := make([]float64, n)
	mat.NewVecDense(n, ap).MulVec(A, mat.NewVecDense(n, p))
	var rr, pAp float64
	for i := range n {
		rr += r[i] * r[i]
		pAp += p[i] * ap[i]
	}
	alpha := rr / pAp
	xn, rn, pn := make([]float64, n), make([]float64, n), make([]float64, n)
	var rr1 float64
	for i := range n {
		xn[i] = x[i] + alpha*p[i]
		rn[i] = r[i] + alpha*ap[i]
		rr1 += rn[i] * rn[i]
	}
	beta := rr1 / rr
	for i := range n {
		pn[i] = -rn[i] + beta*p[i]
	}
	return xn, rn, pn
}

func maxDiff(a, b []float64) float64 {
	if len(a) != len(b) {
		return math.Inf(1)
	}
	d := 0.0
	for i := range a {
		d = math.Max(d, math.Abs(a[i]-b[i]))
	}
	return d
}

// CheckCGStep runs step on hidden SPD systems: it compares one step from x
// = 0 and from a nonzero x with the reference, then runs n steps of the
// student's step on an n = 6 system with distinct eigenvalues and checks
// that the residual has fallen below 10⁻⁸‖b‖ (CG ends in at most n steps in
// exact arithmetic).
func CheckCGStep(step CGStepFunc) bool {
	c := &checker{name: "CheckCGStep"}
	if step == nil {
		c.cases = 1
		c.failf("pass your function, e.g. CheckCGStep(cgStep)", "the function is nil")
		return c.summary()
	}
	type sys struct {
		what string
		A    []float64
		b    []float64
		x0   []float64
	}
	systems := []sys{
		{"A = diag(1, 10), x₀ = 0", []float64{1, 0, 0, 10}, []float64{1, 1}, []float64{0, 0}},
		{"a full 3×3 A, x₀ ≠ 0", []float64{4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2}, []float64{1, -2, 0.5}, []float64{0.3, -0.1, 1}},
	}
	call := func(what string, A *mat.SymDense, x, r, p []float64) (xn, rn, pn []float64, ok bool) {
		xc, rc, pc := slices.Clone(x), slices.Clone(r), slices.Clone(p)
		if msg := safely(func() { xn, rn, pn = step(A, xc, rc, pc) }); msg != "" {
			c.failf("", "%s: %s", what, msg)
			return nil, nil, nil, false
		}
		return xn, rn, pn, true
	}
	start := func(A *mat.SymDense, b, x0 []float64) (r, p []float64) {
		n := len(b)
		r = make([]float64, n)
		mat.NewVecDense(n, r).MulVec(A, mat.NewVecDense(n, x0))
		p = make([]float64, n)
		for i := range r {
			r[i] -= b[i]
			p[i] = -r[i]
		}
		return r, p
	}
	for _, s := range systems {
		c.cases++
		n := len(s.b)
		A := mat.NewSymDense(n, slices.Clone(s.A))
		r, p := start(A, s.b, s.x0)
		wx, wr, wp := refCGStep(A, s.x0, r, p)
		xn, rn, pn, ok := call(s.what, A, s.x0, r, p)
		if !ok {
			continue
		}
		switch {
		case maxDiff(xn, wx) > 1e-12*(1+maxAbs(wx)):
			c.failf("α = rᵀr / pᵀAp and x₊ = x + αp (use the OLD r in α)", "%s: x₊ = %s, want %s", s.what, fmtVec(xn), fmtVec(wx))
		case maxDiff(rn, wr) > 1e-12*(1+maxAbs(wr)):
			c.failf("update the residual as r₊ = r + αAp (r = Ax − b, so it grows with A x)", "%s: r₊ = %s, want %s", s.what, fmtVec(rn), fmtVec(wr))
		case maxDiff(pn, wp) > 1e-12*(1+maxAbs(wp)):
			c.failf("β = r₊ᵀr₊ / rᵀr, then p₊ = −r₊ + βp", "%s: p₊ = %s, want %s", s.what, fmtVec(pn), fmtVec(wp))
		}
	}
	// n steps on a 6×6 system with distinct eigenvalues 1 … 6.
	c.cases++
	const n = 6
	A := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			v := 0.3 / float64(1+j-i)
			if i == j {
				v = float64(i + 1)
			}
			A.SetSym(i, j, v)
		}
	}
	b := []float64{1, -1, 2, 0.5, -0.5, 1}
	x := make([]float64, n)
	r, p := start(A, b, x)
	bn := math.Sqrt(dot(b, b))
	for k := 0; k < n && math.Sqrt(dot(r, r)) > 1e-14*bn; k++ {
		var ok bool
		if x, r, p, ok = call("6×6 system", A, x, r, p); !ok {
			break
		}
		if len(x) != n || len(r) != n || len(p) != n {
			c.failf("return three slices of length n", "6×6 system, step %d: lengths %d, %d, %d", k+1, len(x), len(r), len(p))
			break
		}
	}
	if len(r) == n {
		if res := math.Sqrt(dot(r, r)); !(res <= 1e-8*bn) {
			c.failf("after n steps of exact CG the residual is (nearly) zero: check β and the direction update", "6×6 system: ‖r‖ = %.3g after %d steps, want ≤ 1e-8‖b‖", res, n)
		}
	}
	return c.summary()
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func maxAbs(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = math.Max(m, math.Abs(x))
	}
	return m
}

// BetaFunc returns β_{k+1} of nonlinear CG for the variant "fr"
// (Fletcher–Reeves), "pr+" (Polak–Ribière+) or "hs" (Hestenes–Stiefel), from
// g = ∇f(x_{k+1}), gPrev = ∇f(x_k) and the direction p = p_k.
type BetaFunc func(variant string, g, gPrev, p []float64) float64

// CheckBeta compares beta with cg.Beta for the variants fr, pr+ and hs on
// hidden gradients, including one where Polak–Ribière is negative (PR+
// must give 0).
func CheckBeta(beta BetaFunc) bool {
	c := &checker{name: "CheckBeta"}
	if beta == nil {
		c.cases = 1
		c.failf("pass your function, e.g. CheckBeta(beta)", "the function is nil")
		return c.summary()
	}
	type bcase struct {
		what        string
		g, gPrev, p []float64
	}
	cases := []bcase{
		{"2-D, gradients nearly orthogonal", []float64{0.3, -0.4}, []float64{1, 0.5}, []float64{-1, -0.6}},
		{"3-D, Polak–Ribière negative (g₊ᵀ(g₊ − g) < 0)", []float64{0.2, 0.1, 0}, []float64{1, 0.8, 0.1}, []float64{-1, -0.8, -0.2}},
		{"4-D", []float64{0.5, -0.1, 0.2, 0.05}, []float64{-0.3, 0.6, 0.4, -0.2}, []float64{0.2, -0.7, -0.5, 0.1}},
	}
	hints := map[string]string{
		"fr":  "Fletcher–Reeves: β = g₊ᵀg₊ / gᵀg (new gradient over old)",
		"pr+": "Polak–Ribière+: β = max(0, g₊ᵀ(g₊ − g) / gᵀg)",
		"hs":  "Hestenes–Stiefel: β = g₊ᵀy / pᵀy with y = g₊ − g",
	}
	for _, v := range []string{"fr", "pr+", "hs"} {
		for _, tc := range cases {
			c.cases++
			g, gp, p := slices.Clone(tc.g), slices.Clone(tc.gPrev), slices.Clone(tc.p)
			var got float64
			if msg := safely(func() { got = beta(v, g, gp, p) }); msg != "" {
				c.failf("", "%s, %s: %s", v, tc.what, msg)
				continue
			}
			want := cg.Beta(v, tc.g, tc.gPrev, tc.p)
			if !relClose(got, want, 1e-12) {
				c.failf(hints[v], "%s, %s: got β = %.10g, want %.10g", v, tc.what, got, want)
			}
		}
	}
	return c.summary()
}
