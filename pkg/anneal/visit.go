package anneal

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Visiting is the distorted Cauchy–Lorentz visiting distribution of
// generalized simulated annealing (Tsallis & Stariolo 1996), in one
// dimension. Its density at temperature T is
//
//	g(Δx; T) ∝ T^(−1/(3−qv)) / [1 + (qv−1)·Δx² / T^(2/(3−qv))]^(1/(qv−1))
//
// qv → 1 gives a Gaussian, qv = 2 the Cauchy distribution, and 2 < qv < 3
// tails heavier than Cauchy. The width grows like T^(1/(3−qv)).
//
// Sample draws from it with Mantegna's construction: for two independent
// standard normals x and y,
//
//	Δx = σ(qv, T) · x / |y|^((qv−1)/(3−qv))
//
// where log σ = log(T)/(3−qv) + a constant that depends on qv only (see
// [Visiting.Sigma]).
type Visiting struct {
	qv       float64
	expY     float64 // (qv−1)/(3−qv), the power of |y|
	logSigma float64 // log σ at T = 1
}

// NewVisiting returns the visiting distribution with parameter qv ∈ (1, 3).
func NewVisiting(qv float64) (*Visiting, error) {
	if !(qv > 1 && qv < 3) {
		return nil, fmt.Errorf("anneal: visiting parameter qv must be in (1, 3), got %v", qv)
	}
	// The scale follows Tsallis & Stariolo's formula as implemented in
	// scipy.optimize.dual_annealing, written in logarithms:
	//
	//	f4 = √π (qv−1)^(4−qv) / (2^((2−qv)/(qv−1)) (3−qv)) · T^(1/(qv−1))
	//	f6 = Γ(1/(qv−1) − 1/2)
	//	σ  = (f6/f4)^(−(qv−1)/(3−qv))
	//
	// scipy computes f6 as π(1−f5)/sin(π(1−f5))/Γ(2−f5) with
	// f5 = 1/(qv−1) − 1/2; by the reflection formula that is exactly Γ(f5),
	// which has no removable singularities (scipy's form is 0/0 at
	// qv = 5/3).
	lf4 := 0.5*math.Log(math.Pi) + (4-qv)*math.Log(qv-1) -
		(2-qv)*math.Ln2/(qv-1) - math.Log(3-qv)
	lf6, _ := math.Lgamma(1/(qv-1) - 0.5)
	e := (qv - 1) / (3 - qv)
	return &Visiting{qv: qv, expY: e, logSigma: -e * (lf6 - lf4)}, nil
}

// Q returns the visiting parameter qv.
func (v *Visiting) Q() float64 { return v.qv }

// Sigma returns the scale σ(qv, T) of the Mantegna construction:
// σ(T) = σ(1) · T^(1/(3−qv)).
func (v *Visiting) Sigma(temp float64) float64 {
	return math.Exp(v.logSigma + math.Log(temp)/(3-v.qv))
}

// Sample draws one step Δx at temperature temp. It draws exactly two normal
// numbers from rng, x then y. The step is not limited: it may be huge, or
// ±Inf when y is 0 (see [tailLimit] for what the annealer does with that).
func (v *Visiting) Sample(rng *rand.Rand, temp float64) float64 {
	return v.sample(rng, v.Sigma(temp))
}

// sample draws one step with scale sigma.
func (v *Visiting) sample(rng *rand.Rand, sigma float64) float64 {
	x := rng.NormFloat64()
	y := rng.NormFloat64()
	return sigma * x / math.Pow(math.Abs(y), v.expY)
}

// tailLimit caps a visiting step: steps beyond ±1e8 are replaced by a
// uniform fraction of 1e8, as in scipy, so that the wrap into the box below
// keeps its precision.
const tailLimit = 1e8

// minVisitBound nudges a coordinate that lands within 1e-10 of its lower
// bound away from it (scipy does the same).
const minVisitBound = 1e-10

// wrap maps v into the box [lo, hi] (width = hi − lo) periodically: a step
// that leaves the box on one side re-enters from the other, as if the box
// were a torus. The result is clamped to [lo, hi], so that rounding, or the
// 1e-10 nudge in a box narrower than that, never leaves the box.
func wrap(v, lo, hi, width float64) float64 {
	a := math.Mod(v-lo, width) + width // in (0, 2·width)
	w := math.Mod(a, width) + lo
	if math.Abs(w-lo) < minVisitBound {
		w += minVisitBound
	}
	return min(max(w, lo), hi)
}

// visit writes into xv the next point to visit from x at temperature temp,
// for step j of the strategy chain: for j < n every coordinate moves at once;
// for j ≥ n only coordinate j−n moves. Random numbers are drawn in a fixed
// order: for j < n, n pairs of normals then two uniforms; for j ≥ n, one pair
// of normals, then one uniform only if the step exceeds the tail limit.
func (v *Visiting) visit(rng *rand.Rand, xv, x, lower, upper, width []float64, j int, temp float64) {
	n := len(x)
	sigma := v.Sigma(temp)
	if j < n {
		for i := range xv {
			xv[i] = v.sample(rng, sigma)
		}
		up, lo := rng.Float64(), rng.Float64()
		for i := range xv {
			d := xv[i]
			switch {
			case math.IsNaN(d): // 0/0, probability zero in practice
				d = 0
			case d > tailLimit:
				d = tailLimit * up
			case d < -tailLimit:
				d = -tailLimit * lo
			}
			xv[i] = wrap(x[i]+d, lower[i], upper[i], width[i])
		}
		return
	}
	copy(xv, x)
	i := j - n
	d := v.sample(rng, sigma)
	switch {
	case math.IsNaN(d):
		d = 0
	case d > tailLimit:
		d = tailLimit * rng.Float64()
	case d < -tailLimit:
		d = -tailLimit * rng.Float64()
	}
	xv[i] = wrap(x[i]+d, lower[i], upper[i], width[i])
}
