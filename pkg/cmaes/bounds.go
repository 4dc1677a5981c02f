package cmaes

import (
	"math"
	"slices"

	"github.com/optlab/optlab/pkg/optim"
)

// Box bounds are handled in the spirit of pycma's BoundPenalty:
//
//   - the distribution is left free: candidates x_k are sampled as usual;
//   - the objective is evaluated at the repaired point x̃_k = clip(x_k), the
//     projection onto the box, so f is only ever called inside the bounds;
//   - for ranking, a quadratic penalty on the distance to the box is added,
//     f(x̃_k) + γ ‖x_k − x̃_k‖², with γ = IQR(f)/(σ² · mean(diag C)): a
//     candidate one standard deviation outside is penalised by about the
//     interquartile range of this generation's values. Candidates outside
//     therefore rank behind equally good ones inside, which keeps the mean
//     near the feasible box and lets it settle on a bound when the
//     optimum lies there.
//
// The update uses the unrepaired steps y_k, so the distribution stays
// exactly the one that produced the samples.

// project sets dst to src clipped into [lower, upper].
func project(dst, src, lower, upper []float64) {
	copy(dst, src)
	optim.Clip(dst, lower, upper)
}

// addBoundPenalty adds γ‖x_k − x̃_k‖² to the ranking values c.fit.
func (c *CMA) addBoundPenalty() {
	var d2 []float64
	outside := false
	for k := range c.x {
		dist := 0.0
		for i, v := range c.x[k] {
			e := v - c.xf[k][i]
			dist += e * e
		}
		if dist > 0 {
			outside = true
		}
		d2 = append(d2, dist)
	}
	if !outside {
		return
	}
	// Interquartile range of the finite values.
	var fs []float64
	for _, f := range c.fit {
		if !math.IsInf(f, 1) {
			fs = append(fs, f)
		}
	}
	slices.Sort(fs)
	iqr := fs[(3*len(fs))/4] - fs[len(fs)/4]
	if !(iqr > 0) {
		iqr = math.Max(math.Abs(fs[0]), 1) * 1e-3
	}
	meanC := 0.0
	for i := range c.s.m {
		meanC += c.s.diagC(i)
	}
	meanC /= float64(len(c.s.m))
	gamma := iqr / (c.s.sigma * c.s.sigma * meanC)
	for k := range c.fit {
		c.fit[k] += gamma * d2[k]
	}
}
