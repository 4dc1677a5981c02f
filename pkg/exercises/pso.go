package exercises

import (
	"math"
	"math/rand/v2"
	"slices"
)

// MoveFunc is one particle's move in PSO (chapter 12): it overwrites the
// velocity v and the position x of a particle with personal best p, given
// the swarm's best g, the random factors rp and rg (one per coordinate),
// the box [lb, ub] and the weights ω, φp, φg.
type MoveFunc func(x, v, p, g, rp, rg, lb, ub []float64, omega, phiP, phiG float64)

// refMove is pyswarm's update, as pkg/pso's (*swarm).move does it.
func refMove(x, v, p, g, rp, rg, lb, ub []float64, omega, phiP, phiG float64) {
	for d := range x {
		v[d] = omega*v[d] + phiP*rp[d]*(p[d]-x[d]) + phiG*rg[d]*(g[d]-x[d])
		x[d] = min(max(x[d]+v[d], lb[d]), ub[d])
	}
}

// CheckMove runs move on hidden cases (several dimensions, particles
// inside the box and particles whose step leaves it) and compares the new
// velocity and position with pyswarm's update
//
//	v ← ω v + φp r_p ⊙ (p − x) + φg r_g ⊙ (g − x),   x ← clip(x + v, lb, ub).
//
// It prints PASS or a FAIL line with a hint, and reports whether it passed.
func CheckMove(move MoveFunc) bool {
	r := &checker{name: "PSO move"}
	if move == nil {
		r.reject("the function is nil")
		return r.verdict("")
	}
	rng := rand.New(rand.NewPCG(12, 1))
	for c := 0; c < 40 && r.failed == 0; c++ {
		n := 1 + c%5
		lb, ub := make([]float64, n), make([]float64, n)
		x, v, p, g, rp, rg := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
		for d := range n {
			lb[d], ub[d] = -1-4*rng.Float64(), 1+4*rng.Float64()
			w := ub[d] - lb[d]
			x[d], p[d], g[d] = lb[d]+w*rng.Float64(), lb[d]+w*rng.Float64(), lb[d]+w*rng.Float64()
			v[d] = (2*rng.Float64() - 1) * w
			if c%4 == 3 {
				v[d] *= 3 // steps far outside the box
			}
			rp[d], rg[d] = rng.Float64(), rng.Float64()
		}
		omega, phiP, phiG := 0.2+0.7*rng.Float64(), 2*rng.Float64(), 2*rng.Float64()
		wantX, wantV := slices.Clone(x), slices.Clone(v)
		refMove(wantX, wantV, p, g, rp, rg, lb, ub, omega, phiP, phiG)
		gotX, gotV := slices.Clone(x), slices.Clone(v)
		pp, gg, rrp, rrg := slices.Clone(p), slices.Clone(g), slices.Clone(rp), slices.Clone(rg)
		if !r.guard(func() { move(gotX, gotV, pp, gg, rrp, rrg, lb, ub, omega, phiP, phiG) }) {
			break
		}
		switch {
		case !slices.Equal(pp, p) || !slices.Equal(gg, g) || !slices.Equal(rrp, rp) || !slices.Equal(rrg, rg):
			r.reject("the move must change only x and v, not p, g, rp or rg")
		case closeAll(gotV, v) && closeAll(gotX, x):
			r.reject("x and v are unchanged: overwrite v[d] and x[d] for every coordinate d")
		case !closeAll(gotV, wantV):
			clipped := make([]float64, n) // the velocity if it were clipped with the position
			for d := range n {
				clipped[d] = wantX[d] - x[d]
			}
			if closeAll(gotV, clipped) {
				r.reject("the velocity is wrong where the particle hits the box: pyswarm clips the position, never the velocity")
			} else {
				r.reject("the velocity is wrong (n = %d, case %d): v[d] = ω·v[d] + φp·rp[d]·(p[d] − x[d]) + φg·rg[d]·(g[d] − x[d]), with the OLD x[d] and one random factor per coordinate", n, c)
			}
		case !closeAll(gotX, wantX):
			inside := true
			for d := range wantX {
				inside = inside && wantX[d] > lb[d] && wantX[d] < ub[d]
			}
			if inside {
				r.reject("the velocity is right but the position is not: x[d] ← x[d] + v[d] with the NEW v[d]")
			} else {
				r.reject("the position must stay in the box: x[d] ← min(max(x[d] + v[d], lb[d]), ub[d])")
			}
		}
	}
	return r.verdict("velocity and position agree with pyswarm's update on 40 hidden cases, inside and at the box")
}

// BestsFunc is the update of PSO's memories after the swarm has been
// evaluated (chapter 12): for every particle i whose position x[i] is
// feasible and better than its personal best, f[i] < fp[i], copy x[i] into
// p[i] and f[i] into fp[i]; return the index of the best personal best
// afterwards (the smallest fp, the first one on ties).
type BestsFunc func(x, p [][]float64, f, fp []float64, feasible []bool) (best int)

// CheckBests runs bests on hidden swarms (better and worse particles,
// infeasible ones, +Inf values, ties) and prints PASS or a FAIL line with
// a hint; it reports whether it passed.
func CheckBests(bests BestsFunc) bool {
	r := &checker{name: "PSO bests"}
	if bests == nil {
		r.reject("the function is nil")
		return r.verdict("")
	}
	rng := rand.New(rand.NewPCG(12, 2))
	inf := math.Inf(1)
	for c := 0; c < 30 && r.failed == 0; c++ {
		S, n := 2+c%6, 1+c%3
		x, p := make([][]float64, S), make([][]float64, S)
		f, fp, feasible := make([]float64, S), make([]float64, S), make([]bool, S)
		for i := range S {
			x[i], p[i] = make([]float64, n), make([]float64, n)
			for d := range n {
				x[i][d], p[i][d] = rng.NormFloat64(), rng.NormFloat64()
			}
			f[i], fp[i] = float64(rng.IntN(5)), float64(rng.IntN(5))
			feasible[i] = c < 10 || rng.IntN(3) > 0
			if rng.IntN(6) == 0 {
				fp[i] = inf // no feasible point yet
			}
			if rng.IntN(8) == 0 {
				f[i] = inf
			}
		}
		if c == 0 { // an infeasible particle with the best value of all
			f[0], feasible[0] = -10, false
		}
		wp, wfp := cloneRows(p), slices.Clone(fp)
		for i := range S {
			if feasible[i] && f[i] < wfp[i] {
				copy(wp[i], x[i])
				wfp[i] = f[i]
			}
		}
		want := 0
		for i := range S {
			if wfp[i] < wfp[want] {
				want = i
			}
		}
		gp, gfp, gx, gf := cloneRows(p), slices.Clone(fp), cloneRows(x), slices.Clone(f)
		var got int
		if !r.guard(func() { got = bests(gx, gp, gf, gfp, slices.Clone(feasible)) }) {
			break
		}
		ignoredFeasible := false
		for i := range S {
			if !feasible[i] && f[i] < fp[i] && gfp[i] == f[i] {
				ignoredFeasible = true
			}
		}
		switch {
		case !equalRows(gx, x) || !slices.Equal(gf, f):
			r.reject("x and f are the swarm's new positions and values: read them, do not change them")
		case ignoredFeasible:
			r.reject("an infeasible point (feasible[i] false) became a personal best: only feasible points may")
		case !slices.Equal(gfp, wfp):
			r.reject("the personal best values fp are wrong (case %d): fp[i] ← f[i] only where feasible[i] and f[i] < fp[i]", c)
		case !equalRows(gp, wp):
			r.reject("fp is right but p is not: copy x[i] into p[i] (copy(p[i], x[i]); p[i] = x[i] would share the slice)")
		case got != want && wfp[got] == wfp[want]:
			r.reject("on a tie, return the FIRST particle with the smallest fp (got %d, want %d)", got, want)
		case got != want:
			r.reject("the best index is wrong: return the index of the smallest fp AFTER the update (got %d, want %d)", got, want)
		}
		if r.failed == 0 && S > 0 && n > 0 {
			// p[i] must not alias x[i].
			for i := range S {
				gx[i][0] += 1000
				if gp[i][0] == gx[i][0] {
					r.reject("p[%d] shares memory with x[%d]: copy the numbers (copy(p[i], x[i])) instead of the slice", i, i)
					break
				}
			}
		}
	}
	return r.verdict("personal bests and the swarm's best index agree on 30 hidden swarms (infeasible points, +Inf, ties)")
}

func cloneRows(m [][]float64) [][]float64 {
	c := make([][]float64, len(m))
	for i, r := range m {
		c[i] = slices.Clone(r)
	}
	return c
}

func equalRows(a, b [][]float64) bool {
	return slices.EqualFunc(a, b, func(x, y []float64) bool { return slices.Equal(x, y) })
}
