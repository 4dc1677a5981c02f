package exercises

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/optlab/optlab/pkg/cmaes"
)

// CMAConstants are the default strategy parameters of pkg/cmaes for
// dimension N: Table 1 of Hansen's tutorial, with pycma's c_σ.
type CMAConstants struct {
	N, Lambda, Mu int
	Weights       []float64 // w_1 ≥ … ≥ w_μ > 0, Σ w_i = 1
	MuEff         float64   // μ_eff = 1/Σ w_i²
	CSigma        float64   // c_σ = (μ_eff+2)/(n+μ_eff+3)
	DSigma        float64   // d_σ = 1 + 2 max(0, √((μ_eff−1)/(n+1)) − 1) + c_σ
	CC            float64   // c_c = (4+μ_eff/n)/(n+4+2μ_eff/n)
	C1            float64   // c₁ = 2/((n+1.3)²+μ_eff)
	CMu           float64   // c_μ = min(1−c₁, 2(¼+μ_eff+1/μ_eff−2)/((n+2)²+μ_eff))
	ChiN          float64   // E‖N(0,I)‖ ≈ √n (1 − 1/(4n) + 1/(21n²))
}

// CMADefaults returns the default constants of pkg/cmaes for dimension n
// and population size lambda (0: the default 4 + ⌊3 ln n⌋), computed with
// the formulas of cma.go (the package keeps them unexported; this
// package's tests check them against its behaviour).
func CMADefaults(n, lambda int) CMAConstants {
	N := float64(n)
	if lambda == 0 {
		lambda = 4 + int(math.Floor(3*math.Log(N)))
	}
	c := CMAConstants{N: n, Lambda: lambda, Mu: lambda / 2}
	c.Weights, c.MuEff = refWeights(lambda)
	c.CSigma = (c.MuEff + 2) / (N + c.MuEff + 3)
	c.DSigma = 1 + 2*math.Max(0, math.Sqrt((c.MuEff-1)/(N+1))-1) + c.CSigma
	c.CC = (4 + c.MuEff/N) / (N + 4 + 2*c.MuEff/N)
	c.C1 = 2 / ((N+1.3)*(N+1.3) + c.MuEff)
	c.CMu = math.Min(1-c.C1, 2*(0.25+c.MuEff+1/c.MuEff-2)/((N+2)*(N+2)+c.MuEff))
	c.ChiN = math.Sqrt(N) * (1 - 1/(4*N) + 1/(21*N*N))
	return c
}

// row returns the constants as a row of CMAConstantsTable.
func (c CMAConstants) row() string {
	return fmt.Sprintf("| %d | %d | %d | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f |",
		c.N, c.Lambda, c.Mu, c.MuEff, c.CSigma, c.DSigma, c.CC, c.C1, c.CMu)
}

// CMAConstantsTable returns a Markdown table of the default constants for
// the dimensions ns.
func CMAConstantsTable(ns ...int) string {
	var b strings.Builder
	b.WriteString("| n | λ | μ | μ_eff | c_σ | d_σ | c_c | c₁ | c_μ |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, n := range ns {
		b.WriteString(CMADefaults(n, 0).row() + "\n")
	}
	return b.String()
}

func refWeights(lambda int) ([]float64, float64) {
	mu := lambda / 2
	w := make([]float64, mu)
	sum := 0.0
	for i := range w {
		w[i] = math.Log(float64(lambda+1)/2) - math.Log(float64(i+1))
		sum += w[i]
	}
	sum2 := 0.0
	for i := range w {
		w[i] /= sum
		sum2 += w[i] * w[i]
	}
	return w, 1 / sum2
}

// approx reports whether a and b agree to a relative 1e-9.
func approx(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func approxAll(a, b []float64) bool {
	return len(a) == len(b) && !slices.ContainsFunc(a, math.IsNaN) &&
		func() bool {
			for i := range a {
				if !approx(a[i], b[i]) {
					return false
				}
			}
			return true
		}()
}

// WeightsFunc computes CMA-ES's recombination weights for population size
// λ (chapter 14): the μ = ⌊λ/2⌋ positive weights w_i ∝ ln((λ+1)/2) − ln i,
// i = 1, …, μ, normalised to Σ w_i = 1, and μ_eff = 1/Σ w_i².
type WeightsFunc func(lambda int) (w []float64, mueff float64)

// CheckWeights runs weights for hidden population sizes (even and odd,
// small and large) and compares with pkg/cmaes's defaults. It prints PASS
// or a FAIL line with a hint, and reports whether it passed.
func CheckWeights(weights WeightsFunc) bool {
	r := &checker{name: "CMA-ES weights"}
	if weights == nil {
		r.reject("the function is nil")
		return r.verdict("")
	}
	for _, lambda := range []int{6, 7, 10, 2, 3, 13, 50, 101} {
		want, wantMu := refWeights(lambda)
		var got []float64
		var mueff float64
		if !r.guard(func() { got, mueff = weights(lambda) }) {
			break
		}
		sum := 0.0
		for _, v := range got {
			sum += v
		}
		raw := make([]float64, len(want)) // unnormalised
		for i := range raw {
			raw[i] = math.Log(float64(lambda+1)/2) - math.Log(float64(i+1))
		}
		switch {
		case len(got) != len(want):
			r.reject("λ = %d: got %d weights, want μ = ⌊λ/2⌋ = %d (one per selected candidate)", lambda, len(got), len(want))
		case approxAll(got, raw):
			r.reject("λ = %d: the weights are not normalised: divide by their sum so that Σ w_i = 1", lambda)
		case !approx(sum, 1):
			r.reject("λ = %d: the weights sum to %.6g, want 1", lambda, sum)
		case !approxAll(got, want):
			r.reject("λ = %d: w = %.4f, want %.4f: w_i ∝ ln((λ+1)/2) − ln i with i = 1, …, μ (not from 0), then normalised", lambda, got, want)
		case !approx(mueff, wantMu) && approx(mueff, 1/wantMu):
			r.reject("λ = %d: μ_eff = %.6g is Σ w_i²; μ_eff is its inverse, 1/Σ w_i²", lambda, mueff)
		case !approx(mueff, wantMu):
			r.reject("λ = %d: μ_eff = %.6g, want %.6g = 1/Σ w_i² (between 1 and μ)", lambda, mueff, wantMu)
		}
		if r.failed > 0 {
			break
		}
	}
	return r.verdict("weights and μ_eff agree with pkg/cmaes for 8 hidden population sizes")
}

// SigmaStepFunc is one step of cumulative step-size adaptation (chapter
// 14): given σ, the conjugate path p_σ, the weighted mean ⟨z⟩_w of the
// selected standard-normal steps (C^{-1/2}⟨y⟩_w; here C = I or already
// whitened) and the constants c_σ, d_σ, μ_eff and χ_n = E‖N(0,I)‖, it
// returns the new path
//
//	p_σ ← (1 − c_σ) p_σ + √(c_σ(2 − c_σ)μ_eff) ⟨z⟩_w
//
// and the new step size σ ← σ exp((c_σ/d_σ)(‖p_σ‖/χ_n − 1)), with the new p_σ.
type SigmaStepFunc func(sigma float64, ps, zw []float64, cs, ds, mueff, chiN float64) (psNew []float64, sigmaNew float64)

func refSigmaStep(sigma float64, ps, zw []float64, cs, ds, mueff, chiN float64) ([]float64, float64) {
	out := make([]float64, len(ps))
	norm := 0.0
	for i := range ps {
		out[i] = (1-cs)*ps[i] + math.Sqrt(cs*(2-cs)*mueff)*zw[i]
		norm += out[i] * out[i]
	}
	return out, sigma * math.Exp((cs/ds)*(math.Sqrt(norm)/chiN-1))
}

// CheckSigmaStep runs step on hidden states (dimensions 2 to 12, short and
// long paths) and on the first generation of a real pkg/cmaes run, whose
// new σ it must reproduce. It prints PASS or a FAIL line with a hint, and
// reports whether it passed.
func CheckSigmaStep(step SigmaStepFunc) bool {
	r := &checker{name: "CMA-ES step size"}
	if step == nil {
		r.reject("the function is nil")
		return r.verdict("")
	}
	rng := rand.New(rand.NewPCG(14, 2))
	for k := 0; k < 30 && r.failed == 0; k++ {
		n := 2 + k%11
		c := CMADefaults(n, 0)
		sigma := 0.01 + 2*rng.Float64()
		ps, zw := make([]float64, n), make([]float64, n)
		scale := []float64{0, 0.3, 1, 3}[k%4] // zero, short and long paths
		for i := range ps {
			ps[i] = scale * rng.NormFloat64()
			zw[i] = rng.NormFloat64() / math.Sqrt(c.MuEff)
		}
		wantPs, wantSigma := refSigmaStep(sigma, ps, zw, c.CSigma, c.DSigma, c.MuEff, c.ChiN)
		var gotPs []float64
		var gotSigma float64
		if !r.guard(func() {
			gotPs, gotSigma = step(sigma, slices.Clone(ps), slices.Clone(zw), c.CSigma, c.DSigma, c.MuEff, c.ChiN)
		}) {
			break
		}
		r.judgeSigma(k, sigma, ps, zw, c, gotPs, gotSigma, wantPs, wantSigma)
	}
	if r.failed == 0 {
		r.realRun(step)
	}
	return r.verdict("p_σ and σ agree on 30 hidden states, and σ after the first generation of a real pkg/cmaes run")
}

func (r *checker) judgeSigma(k int, sigma float64, ps, zw []float64, c CMAConstants, gotPs []float64, gotSigma float64, wantPs []float64, wantSigma float64) {
	n := len(ps)
	oldNorm := 0.0
	for _, v := range ps {
		oldNorm += v * v
	}
	oldSigma := sigma * math.Exp((c.CSigma/c.DSigma)*(math.Sqrt(oldNorm)/c.ChiN-1))
	switch {
	case len(gotPs) != n:
		r.reject("case %d: the new p_σ has %d entries, want n = %d", k, len(gotPs), n)
	case approxAll(gotPs, ps) && approx(gotSigma, sigma) && !approxAll(wantPs, ps):
		r.reject("p_σ and σ are unchanged: compute the new path, then the new step size")
	case !approxAll(gotPs, wantPs):
		r.reject("case %d (n = %d): p_σ is wrong: (1 − c_σ)·p_σ + √(c_σ(2 − c_σ)μ_eff)·⟨z⟩_w, coordinate by coordinate", k, n)
	case approx(gotSigma, oldSigma) && !approx(oldSigma, wantSigma):
		r.reject("case %d: σ uses the length of the OLD path: update p_σ first, then use ‖p_σ‖ of the new one", k)
	case approx(gotSigma, sigma*math.Exp((c.CSigma/c.DSigma)*(math.Sqrt(floatsDot(wantPs, wantPs))/math.Sqrt(float64(n))-1))) && !approx(gotSigma, wantSigma):
		r.reject("case %d: σ divides ‖p_σ‖ by √n: use χ_n = E‖N(0,I)‖ (the argument chiN)", k)
	case !approx(gotSigma, wantSigma):
		r.reject("case %d (n = %d): σ = %.6g, want %.6g: σ·exp((c_σ/d_σ)(‖p_σ‖/χ_n − 1)) with the Euclidean length of the new p_σ", k, n, gotSigma, wantSigma)
	}
}

func floatsDot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// realRun checks step against the first generation of pkg/cmaes on a
// sphere: there C = I and B = I, so C^{-1/2}⟨y⟩_w = ⟨z⟩_w.
func (r *checker) realRun(step SigmaStepFunc) {
	for _, n := range []int{2, 5} {
		ps, zw, sigma, want, c, err := firstGeneration(n, 0.7, uint64(n))
		if err != nil {
			r.reject("internal error: %v", err)
			return
		}
		var got float64
		if !r.guard(func() { _, got = step(sigma, ps, zw, c.CSigma, c.DSigma, c.MuEff, c.ChiN) }) {
			return
		}
		if !approx(got, want) {
			r.reject("in a real pkg/cmaes run (n = %d) σ became %.10g after the first generation; your step gives %.10g", n, want, got)
			return
		}
	}
}

// firstGeneration runs one generation of pkg/cmaes on the sphere from
// (1, …, 1) and returns p_σ before it (zero), ⟨z⟩_w, σ before and after,
// and the constants.
func firstGeneration(n int, sigma0 float64, seed uint64) (ps, zw []float64, sigma, after float64, c CMAConstants, err error) {
	x0 := make([]float64, n)
	for i := range x0 {
		x0[i] = 1
	}
	cma, err := cmaes.New(x0, sigma0, &cmaes.Options{Seed: seed})
	if err != nil {
		return nil, nil, 0, 0, c, err
	}
	c = CMADefaults(n, cma.PopSize())
	xs := cma.Ask()
	fs := make([]float64, len(xs))
	z := make([][]float64, len(xs))
	for k, x := range xs {
		for _, v := range x {
			fs[k] += v * v
		}
		z[k] = slices.Clone(cma.Z.RawRowView(k))
	}
	if err := cma.Tell(fs); err != nil {
		return nil, nil, 0, 0, c, err
	}
	order := make([]int, len(fs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case fs[a] < fs[b]:
			return -1
		case fs[a] > fs[b]:
			return 1
		}
		return 0
	})
	zw = make([]float64, n)
	for i, w := range c.Weights {
		for j := range zw {
			zw[j] += w * z[order[i]][j]
		}
	}
	return make([]float64, n), zw, sigma0, cma.Sigma(), c, nil
}
