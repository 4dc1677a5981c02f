package exercises

import (
	"math"
	"slices"
	"testing"

	"github.com/optlab/optlab/pkg/cmaes"
)

func goodWeights(lambda int) ([]float64, float64) {
	mu := lambda / 2
	w := make([]float64, mu)
	s := 0.0
	for i := range w {
		w[i] = math.Log(float64(lambda+1)/2) - math.Log(float64(i+1))
		s += w[i]
	}
	s2 := 0.0
	for i := range w {
		w[i] /= s
		s2 += w[i] * w[i]
	}
	return w, 1 / s2
}

func TestCheckWeights(t *testing.T) {
	expect(t, "correct", func() bool { return CheckWeights(goodWeights) }, "")
	expect(t, "stub", func() bool { return CheckWeights(func(int) ([]float64, float64) { return nil, 0 }) }, "weights, want μ")
	expect(t, "nil", func() bool { return CheckWeights(nil) }, "nil")
	expect(t, "unnormalised", func() bool {
		return CheckWeights(func(l int) ([]float64, float64) {
			w := make([]float64, l/2)
			for i := range w {
				w[i] = math.Log(float64(l+1)/2) - math.Log(float64(i+1))
			}
			return w, 1
		})
	}, "not normalised")
	expect(t, "from zero", func() bool {
		return CheckWeights(func(l int) ([]float64, float64) {
			w := make([]float64, l/2)
			s := 0.0
			for i := range w {
				w[i] = math.Log(float64(l+1)/2) - math.Log(float64(i+2))
				s += w[i]
			}
			for i := range w {
				w[i] /= s
			}
			return w, 1
		})
	}, "not from 0")
	expect(t, "sum of squares", func() bool {
		return CheckWeights(func(l int) ([]float64, float64) {
			w, m := goodWeights(l)
			return w, 1 / m
		})
	}, "its inverse")
	expect(t, "panic", func() bool {
		return CheckWeights(func(l int) ([]float64, float64) { var w []float64; return w, w[3] })
	}, "panicked")
}

func goodStep(sigma float64, ps, zw []float64, cs, ds, mueff, chiN float64) ([]float64, float64) {
	n := 0.0
	for i := range ps {
		ps[i] = (1-cs)*ps[i] + math.Sqrt(cs*(2-cs)*mueff)*zw[i]
		n += ps[i] * ps[i]
	}
	return ps, sigma * math.Exp(cs/ds*(math.Sqrt(n)/chiN-1))
}

func TestCheckSigmaStep(t *testing.T) {
	expect(t, "correct", func() bool { return CheckSigmaStep(goodStep) }, "")
	expect(t, "stub", func() bool {
		return CheckSigmaStep(func(sigma float64, ps, zw []float64, cs, ds, mueff, chiN float64) ([]float64, float64) {
			return ps, sigma
		})
	}, "unchanged")
	expect(t, "nil", func() bool { return CheckSigmaStep(nil) }, "nil")
	expect(t, "old path", func() bool {
		return CheckSigmaStep(func(sigma float64, ps, zw []float64, cs, ds, mueff, chiN float64) ([]float64, float64) {
			n := math.Sqrt(floatsDot(ps, ps))
			out, _ := goodStep(sigma, slices.Clone(ps), zw, cs, ds, mueff, chiN)
			return out, sigma * math.Exp(cs/ds*(n/chiN-1))
		})
	}, "OLD path")
	expect(t, "sqrt n", func() bool {
		return CheckSigmaStep(func(sigma float64, ps, zw []float64, cs, ds, mueff, chiN float64) ([]float64, float64) {
			return goodStep(sigma, ps, zw, cs, ds, mueff, math.Sqrt(float64(len(ps))))
		})
	}, "√n")
	expect(t, "no mueff", func() bool {
		return CheckSigmaStep(func(sigma float64, ps, zw []float64, cs, ds, mueff, chiN float64) ([]float64, float64) {
			return goodStep(sigma, ps, zw, cs, ds, 1, chiN)
		})
	}, "p_σ is wrong")
	expect(t, "panic", func() bool {
		return CheckSigmaStep(func(sigma float64, ps, zw []float64, cs, ds, mueff, chiN float64) ([]float64, float64) {
			return nil, ps[100]
		})
	}, "panicked")
}

// The constants of CMADefaults are those of pkg/cmaes: the first
// generation's covariance update (positive weights) reproduces Cov() with
// c₁, c_μ and c_c, and its σ with c_σ, d_σ, μ_eff and χ_n.
func TestCMADefaultsMatchPackage(t *testing.T) {
	for _, n := range []int{2, 3, 10} {
		if c := CMADefaults(n, 0); c.Lambda != 4+int(3*math.Log(float64(n))) || len(c.Weights) != c.Mu {
			t.Fatalf("n = %d: λ %d, %d weights", n, c.Lambda, len(c.Weights))
		}
		x0 := make([]float64, n)
		for i := range x0 {
			x0[i] = 1
		}
		cma, err := cmaes.New(x0, 0.5, &cmaes.Options{Seed: 9, PositiveWeights: true})
		if err != nil {
			t.Fatal(err)
		}
		c := CMADefaults(n, cma.PopSize())
		xs := cma.Ask()
		fs := make([]float64, len(xs))
		y := make([][]float64, len(xs))
		for k, x := range xs {
			fs[k] = floatsDot(x, x)
			y[k] = slices.Clone(cma.Y.RawRowView(k))
		}
		if err := cma.Tell(fs); err != nil {
			t.Fatal(err)
		}
		order := make([]int, len(fs))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return map[bool]int{true: -1, false: 1}[fs[a] < fs[b]] })
		yw := make([]float64, n)
		for i, w := range c.Weights {
			for j := range yw {
				yw[j] += w * y[order[i]][j]
			}
		}
		// First generation: C = I, so C^{-1/2}⟨y⟩_w = ⟨y⟩_w.
		ps, sigma := refSigmaStep(0.5, make([]float64, n), yw, c.CSigma, c.DSigma, c.MuEff, c.ChiN)
		if !approx(sigma, cma.Sigma()) {
			t.Errorf("n = %d: σ = %v, package %v", n, sigma, cma.Sigma())
		}
		hs := 0.0
		if math.Sqrt(floatsDot(ps, ps))/math.Sqrt(1-math.Pow(1-c.CSigma, 2)) < (1.4+2/float64(n+1))*c.ChiN {
			hs = 1
		}
		pc := make([]float64, n)
		for j := range pc {
			pc[j] = hs * math.Sqrt(c.CC*(2-c.CC)*c.MuEff) * yw[j]
		}
		keep := 1 + c.C1*(1-hs)*c.CC*(2-c.CC) - c.C1 - c.CMu
		got := cma.Cov()
		for a := range n {
			for b := range n {
				want := c.C1 * pc[a] * pc[b]
				if a == b {
					want += keep
				}
				for i, w := range c.Weights {
					want += c.CMu * w * y[order[i]][a] * y[order[i]][b]
				}
				if math.Abs(got.At(a, b)-want) > 1e-12 {
					t.Errorf("n = %d: C[%d][%d] = %v, package %v", n, a, b, want, got.At(a, b))
				}
			}
		}
	}
	if c := CMADefaults(2, 0); math.Abs(c.CMu-0.0856) > 5e-4 || c.Lambda != 6 {
		t.Errorf("n = 2: c_μ = %v, λ = %d", c.CMu, c.Lambda)
	}
}
