package exercises

import (
	"math"
	"math/rand/v2"

	"github.com/optlab/optlab/pkg/anneal"
)

// AcceptFunc is the generalized Metropolis rule of dual annealing
// (chapter 13): the probability of accepting a move uphill by dE at the
// acceptance temperature tqa with parameter qa < 1.
type AcceptFunc func(dE, tqa, qa float64) float64

// TemperatureFunc is the visiting temperature T(t) of generalized simulated
// annealing at time t ≥ 1 from the initial temperature t0 with the visiting
// parameter qv ∈ (1, 3) (chapter 13).
type TemperatureFunc func(t int, t0, qv float64) float64

// closeRel reports whether got agrees with want to a relative 1e-9 (or an
// absolute 1e-300 near 0): different but correct ways of writing the
// formulas (math.Pow or exp∘log) agree far better than that.
func closeRel(got, want float64) bool {
	if math.IsNaN(got) || math.IsNaN(want) {
		return false
	}
	return math.Abs(got-want) <= 1e-9*math.Abs(want)+1e-300
}

// CheckAccept runs accept on hidden cases and compares it with
// anneal.AcceptProbability:
//
//	p = 1 for dE ≤ 0,   p = [1 − (1 − qa)·dE/tqa]^(1/(1−qa)) if the bracket is > 0,   else 0,
//
// for several acceptance temperatures and qa from −1000 to 0.9. It prints
// PASS or one FAIL line with a hint and reports whether it passed.
func CheckAccept(accept AcceptFunc) bool {
	r := &checker{name: "acceptance probability"}
	if accept == nil {
		r.reject("the function is nil")
		return r.verdict("")
	}
	call := func(dE, tqa, qa float64) (p float64, ok bool) {
		ok = r.guard(func() { p = accept(dE, tqa, qa) })
		return p, ok
	}
	rng := rand.New(rand.NewPCG(13, 1))
	qas := []float64{-5, -1, -20, -1000, 0.5, 0.9}
	// Downhill and level moves are always taken.
	for c := 0; c < 12 && r.failed == 0; c++ {
		tqa, qa := math.Pow(10, 4*rng.Float64()-2), qas[c%len(qas)]
		dE := -tqa * 3 * rng.Float64()
		if c%3 == 0 {
			dE = 0
		}
		p, ok := call(dE, tqa, qa)
		if !ok {
			break
		}
		if p != 1 {
			r.reject("ΔE = %g ≤ 0 (a move downhill or level) gave p = %g: such a move is always accepted, p = 1", dE, p)
		}
	}
	// Uphill moves inside and beyond the cut-off tqa/(1 − qa).
	for c := 0; c < 60 && r.failed == 0; c++ {
		tqa, qa := math.Pow(10, 4*rng.Float64()-2), qas[c%len(qas)]
		cut := tqa / (1 - qa)
		frac := 0.02 + 0.96*rng.Float64() // inside the cut-off
		if c%4 == 3 {
			frac = 1.05 + 3*rng.Float64() // beyond it
		}
		dE := frac * cut
		want := anneal.AcceptProbability(dE, tqa, qa)
		p, ok := call(dE, tqa, qa)
		if !ok {
			break
		}
		switch {
		case closeRel(p, want):
		case frac > 1 && math.IsNaN(p):
			r.reject("ΔE = %g is beyond the cut-off T_qa/(1 − qa) = %g (T_qa = %g, qa = %g) and you returned NaN: when the bracket 1 − (1 − qa)·ΔE/T_qa is ≤ 0, return 0", dE, cut, tqa, qa)
		case frac > 1:
			r.reject("ΔE = %g is beyond the cut-off T_qa/(1 − qa) = %g (T_qa = %g, qa = %g): p must be 0, you returned %g", dE, cut, tqa, qa, p)
		case closeRel(p, math.Exp(-dE/tqa)):
			r.reject("for ΔE = %g, T_qa = %g, qa = %g you returned exp(−ΔE/T_qa) = %g, the classical Metropolis rule: use the generalized one, [1 − (1 − qa)·ΔE/T_qa]^(1/(1−qa)) = %g", dE, tqa, qa, p, want)
		case p == 1 || p == 0:
			r.reject("ΔE = %g > 0 (uphill, inside the cut-off) with T_qa = %g, qa = %g gave p = %g; want [1 − (1 − qa)·ΔE/T_qa]^(1/(1−qa)) = %g", dE, tqa, qa, p, want)
		default:
			r.reject("ΔE = %g, T_qa = %g, qa = %g: got p = %g, want [1 − (1 − qa)·ΔE/T_qa]^(1/(1−qa)) = %g (check the sign of (1 − qa) and the exponent 1/(1 − qa))", dE, tqa, qa, p, want)
		}
	}
	return r.verdict("downhill moves always, uphill ones with the generalized Metropolis probability, none beyond the cut-off T_qa/(1 − qa)")
}

// CheckTemperature runs temperature on hidden cases (t from 1 to 10⁶,
// T0 from 0.02 to 5·10⁴, qv from 1.1 to 2.9) and compares it with
// anneal.Temperature,
//
//	T(t) = T0 · (2^(qv−1) − 1) / ((1 + t)^(qv−1) − 1).
//
// It prints PASS or one FAIL line with a hint and reports whether it
// passed.
func CheckTemperature(temperature TemperatureFunc) bool {
	r := &checker{name: "temperature schedule"}
	if temperature == nil {
		r.reject("the function is nil")
		return r.verdict("")
	}
	rng := rand.New(rand.NewPCG(13, 2))
	qvs := []float64{2.62, 2, 1.5, 2.9, 1.1}
	ts := []int{1, 2, 5, 10, 100, 1000, 12345, 1_000_000}
	for c := 0; c < 80 && r.failed == 0; c++ {
		t0 := math.Pow(10, 6.4*rng.Float64()-1.7)
		qv := qvs[c%len(qvs)]
		if c >= 40 {
			qv = 1.1 + 1.8*rng.Float64()
		}
		t := ts[c%len(ts)]
		want := anneal.Temperature(t, t0, qv)
		var got float64
		if !r.guard(func() { got = temperature(t, t0, qv) }) {
			break
		}
		switch {
		case closeRel(got, want):
		case t == 1 && math.IsInf(got, 0):
			r.reject("T(1) is infinite: the denominator must not vanish at t = 1; it is (1 + t)^(qv−1) − 1, not t^(qv−1) − 1")
		case t == 1:
			r.reject("T(1) must be T0 = %g (qv = %g), you returned %g: at t = 1 the numerator 2^(qv−1) − 1 and the denominator (1 + t)^(qv−1) − 1 are equal", t0, qv, got)
		case closeRel(got, t0/float64(t)):
			r.reject("T(%d) = %g = T0/t is fast annealing, the schedule for qv = 2 only; for qv = %g want T0·(2^(qv−1) − 1)/((1 + t)^(qv−1) − 1) = %g", t, got, qv, want)
		case closeRel(got, t0*(math.Pow(2, qv-1)-1)/(math.Pow(float64(t), qv-1)-1)):
			r.reject("T(%d): the denominator is (1 + t)^(qv−1) − 1, not t^(qv−1) − 1", t)
		default:
			r.reject("T(%d) with T0 = %g, qv = %g: got %g, want T0·(2^(qv−1) − 1)/((1 + t)^(qv−1) − 1) = %g", t, t0, qv, got, want)
		}
	}
	return r.verdict("T(t) = T0·(2^(qv−1) − 1)/((1 + t)^(qv−1) − 1) for t from 1 to 10⁶ and qv from 1.1 to 2.9")
}
