package lbfgsb

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/floats"
)

// testSearch returns a search on n variables in the box [−1, 1]^n at a
// random point, with k random curvature pairs (sᵀy > 0).
func testSearch(rng *rand.Rand, n, k int) *search {
	s := &search{lo: make([]float64, n), up: make([]float64, n), x: make([]float64, n), g: make([]float64, n), p: params{m: 10}}
	for i := range n {
		s.lo[i], s.up[i] = -1, 1
		s.x[i] = 2*rng.Float64() - 1
		s.g[i] = 3 * rng.NormFloat64()
	}
	for len(s.sk) < k {
		sv, yv := make([]float64, n), make([]float64, n)
		for i := range n {
			sv[i] = rng.NormFloat64()
			yv[i] = (1+rng.Float64())*sv[i] + 0.3*rng.NormFloat64()
		}
		if sy := floats.Dot(sv, yv); sy > 0 {
			s.sk, s.yk, s.rho = append(s.sk, sv), append(s.yk, yv), append(s.rho, 1/sy)
		}
	}
	return s
}

// bTimes returns B·v from the compact form.
func bTimes(s *search, c *compact, v []float64) []float64 {
	n, k2 := len(v), 2*c.k
	out := make([]float64, n)
	if k2 == 0 {
		copy(out, v)
		return out
	}
	w := make([]float64, k2)
	wv := make([]float64, k2)
	for i := range n {
		s.wRow(w, c, i)
		floats.AddScaled(wv, v[i], w)
	}
	mwv := make([]float64, k2)
	c.applyM(mwv, wv)
	for i := range n {
		s.wRow(w, c, i)
		out[i] = c.theta*v[i] - floats.Dot(w, mwv)
	}
	return out
}

// The compact B is the inverse of the two-loop recursion's H (both with
// the newest pair's scaling): H·(B·v) = v.
func TestCompactInvertsTwoLoop(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 20 {
		n, k := 3+trial%5, 1+trial%4
		s := testSearch(rng, n, k)
		g := s.scratch()
		if !s.setCompact(&g.cp) {
			t.Fatal("T is not positive definite")
		}
		c := g.cp
		v := make([]float64, n)
		for i := range v {
			v[i] = rng.NormFloat64()
		}
		hv := make([]float64, n)
		twoLoop(hv, bTimes(s, &c, v), s.sk, s.yk, s.rho, make([]float64, k))
		if d := floats.Distance(hv, v, math.Inf(1)); d > 1e-9*floats.Norm(v, math.Inf(1)) {
			t.Errorf("n %d, k %d: |H B v − v| = %g", n, k, d)
		}
	}
}

// The generalized Cauchy point is the first local minimizer of the model
// m(t) = gᵀ(x(t) − x) + ½ (x(t) − x)ᵀB(x(t) − x) along x(t) = P(x − t g):
// compared with a fine scan of the path.
func TestCauchyPoint(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 30 {
		n, k := 2+trial%6, trial%4
		s := testSearch(rng, n, k)
		g := s.scratch()
		s.setCompact(&g.cp)
		c := g.cp
		s.cauchy(g)
		xc := slices.Clone(g.xc)
		atBound := slices.Clone(g.atBound)
		s.subspace(g)
		xbar := g.xbar
		model := func(x []float64) float64 {
			d := make([]float64, n)
			floats.SubTo(d, x, s.x)
			if c.k == 0 {
				return floats.Dot(s.g, d) + 0.5*floats.Dot(d, d)
			}
			return floats.Dot(s.g, d) + 0.5*floats.Dot(d, bTimes(s, &c, d))
		}
		at := func(tt float64) []float64 {
			x := make([]float64, n)
			for i := range x {
				x[i] = min(max(s.x[i]-tt*s.g[i], s.lo[i]), s.up[i])
			}
			return x
		}
		// Scan t until the model rises: the first local minimizer.
		best, prev := model(s.x), model(s.x)
		for step := 1; step < 200000; step++ {
			v := model(at(float64(step) * 1e-5))
			if v > prev {
				break
			}
			best, prev = v, v
		}
		if mc := model(xc); mc > best+1e-6*(1+math.Abs(best)) {
			t.Errorf("trial %d (n %d, k %d): model at the Cauchy point %g, the path's first minimum %g", trial, n, k, mc, best)
		}
		// The subspace step from x_c, cut at the box, lowers the model
		// further (or keeps it) and moves only the free variables.
		if mb, mc := model(xbar), model(xc); mb > mc+1e-9*(1+math.Abs(mc)) {
			t.Errorf("trial %d: model %g at x̄ above %g at the Cauchy point", trial, mb, mc)
		}
		for i := range xc {
			if xc[i] < s.lo[i] || xc[i] > s.up[i] || xbar[i] < s.lo[i] || xbar[i] > s.up[i] {
				t.Errorf("trial %d: x_c[%d] = %g or x̄ = %g outside the box", trial, i, xc[i], xbar[i])
			}
			if atBound[i] && xbar[i] != xc[i] {
				t.Errorf("trial %d: variable %d is at a bound at x_c but moves in the subspace step", trial, i)
			}
		}
	}
}
