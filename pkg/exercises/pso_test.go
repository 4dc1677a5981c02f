package exercises

import "testing"

func TestCheckMove(t *testing.T) {
	good := func(x, v, p, g, rp, rg, lb, ub []float64, omega, phiP, phiG float64) {
		for d := range x {
			v[d] = omega*v[d] + phiP*rp[d]*(p[d]-x[d]) + phiG*rg[d]*(g[d]-x[d])
			x[d] = min(max(x[d]+v[d], lb[d]), ub[d])
		}
	}
	expect(t, "correct", func() bool { return CheckMove(good) }, "")
	expect(t, "stub", func() bool {
		return CheckMove(func(x, v, p, g, rp, rg, lb, ub []float64, omega, phiP, phiG float64) {})
	}, "unchanged")
	expect(t, "nil", func() bool { return CheckMove(nil) }, "nil")
	noClip := func(x, v, p, g, rp, rg, lb, ub []float64, omega, phiP, phiG float64) {
		for d := range x {
			v[d] = omega*v[d] + phiP*rp[d]*(p[d]-x[d]) + phiG*rg[d]*(g[d]-x[d])
			x[d] += v[d]
		}
	}
	expect(t, "no clip", func() bool { return CheckMove(noClip) }, "stay in the box")
	clipV := func(x, v, p, g, rp, rg, lb, ub []float64, omega, phiP, phiG float64) {
		for d := range x {
			v[d] = omega*v[d] + phiP*rp[d]*(p[d]-x[d]) + phiG*rg[d]*(g[d]-x[d])
			nx := min(max(x[d]+v[d], lb[d]), ub[d])
			v[d] = nx - x[d]
			x[d] = nx
		}
	}
	expect(t, "clipped velocity", func() bool { return CheckMove(clipV) }, "never the velocity")
	swapped := func(x, v, p, g, rp, rg, lb, ub []float64, omega, phiP, phiG float64) {
		for d := range x {
			v[d] = omega*v[d] + phiP*rg[d]*(p[d]-x[d]) + phiG*rp[d]*(g[d]-x[d])
			x[d] = min(max(x[d]+v[d], lb[d]), ub[d])
		}
	}
	expect(t, "swapped factors", func() bool { return CheckMove(swapped) }, "velocity is wrong")
	panics := func(x, v, p, g, rp, rg, lb, ub []float64, omega, phiP, phiG float64) { _ = x[len(x)] }
	expect(t, "panic", func() bool { return CheckMove(panics) }, "panicked")
}

func TestCheckBests(t *testing.T) {
	good := func(x, p [][]float64, f, fp []float64, feasible []bool) int {
		best := 0
		for i := range x {
			if feasible[i] && f[i] < fp[i] {
				copy(p[i], x[i])
				fp[i] = f[i]
			}
			if fp[i] < fp[best] {
				best = i
			}
		}
		return best
	}
	expect(t, "correct", func() bool { return CheckBests(good) }, "")
	expect(t, "stub", func() bool {
		return CheckBests(func(x, p [][]float64, f, fp []float64, feasible []bool) int { return 0 })
	}, "FAIL")
	noFeas := func(x, p [][]float64, f, fp []float64, feasible []bool) int {
		all := make([]bool, len(feasible))
		for i := range all {
			all[i] = true
		}
		return good(x, p, f, fp, all)
	}
	expect(t, "ignores feasibility", func() bool { return CheckBests(noFeas) }, "infeasible")
	alias := func(x, p [][]float64, f, fp []float64, feasible []bool) int {
		best := 0
		for i := range x {
			if feasible[i] && f[i] < fp[i] {
				p[i] = x[i]
				fp[i] = f[i]
			}
			if fp[i] < fp[best] {
				best = i
			}
		}
		return best
	}
	expect(t, "aliasing", func() bool { return CheckBests(alias) }, "shares memory")
	last := func(x, p [][]float64, f, fp []float64, feasible []bool) int {
		good(x, p, f, fp, feasible)
		best := 0
		for i := range fp {
			if fp[i] <= fp[best] {
				best = i
			}
		}
		return best
	}
	expect(t, "last on ties", func() bool { return CheckBests(last) }, "tie")
}
