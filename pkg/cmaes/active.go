package cmaes

import "math"

// Active CMA (Jastrebski and Arnold 2006; the default of the tutorial's
// Table 1 and of pycma) also learns from the λ−μ worst candidates: they get
// negative weights in the rank-μ update (47), which actively shrinks the
// variance along directions that were bad. The negative weights are scaled
// as in (50)–(53) so that C stays positive definite and the learning rate of
// the negative part is no larger than that of the positive part; (46)
// normalises their steps to length √n so that long bad steps do no harm.

// activeWeights returns the λ weights of (53): the positive ones sum to 1,
// the negative ones to −min(α⁻_μ, α⁻_μeff, α⁻_posdef).
func activeWeights(raw []float64, p params) []float64 {
	posSum, negSum, negSum2 := 0.0, 0.0, 0.0
	for _, w := range raw {
		if w > 0 {
			posSum += w
		} else {
			negSum -= w
			negSum2 += w * w
		}
	}
	w := make([]float64, len(raw))
	if negSum == 0 {
		for i, r := range raw {
			w[i] = r / posSum
		}
		return w
	}
	mueffNeg := negSum * negSum / negSum2
	alphaMu := 1 + p.c1/p.cmu                                     // (50)
	alphaMueff := 1 + 2*mueffNeg/(p.mueff+2)                      // (51)
	alphaPosdef := (1 - p.c1 - p.cmu) / (float64(p.n) * p.cmu)    // (52)
	scale := math.Min(alphaMu, math.Min(alphaMueff, alphaPosdef)) // (53)
	for i, r := range raw {
		if r > 0 {
			w[i] = r / posSum
		} else {
			w[i] = scale * r / negSum
		}
	}
	return w
}
