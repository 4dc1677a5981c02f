package anneal

import (
	"math"
	"slices"
	"testing"

	"github.com/optlab/optlab/pkg/optim"
)

// scipySigma is the scale of the visiting step written as scipy writes it
// (factor6 with the sine and Γ(d1)), to check the simplification in
// NewVisiting.
func scipySigma(qv, temp float64) float64 {
	f2 := math.Exp((4 - qv) * math.Log(qv-1))
	f3 := math.Exp((2 - qv) * math.Ln2 / (qv - 1))
	f4p := math.Sqrt(math.Pi) * f2 / (f3 * (3 - qv))
	f5 := 1/(qv-1) - 0.5
	d1 := 2 - f5
	f6 := math.Pi * (1 - f5) / math.Sin(math.Pi*(1-f5)) / math.Gamma(d1)
	f1 := math.Exp(math.Log(temp) / (qv - 1))
	f4 := f4p * f1
	return math.Exp(-(qv - 1) * math.Log(f6/f4) / (3 - qv))
}

func TestSigmaMatchesScipy(t *testing.T) {
	for _, qv := range []float64{1.3, 1.5, 2, 2.2, 2.62, 2.9} {
		v, err := NewVisiting(qv)
		if err != nil {
			t.Fatal(err)
		}
		for _, temp := range []float64{1e-3, 1, 5230} {
			got, want := v.Sigma(temp), scipySigma(qv, temp)
			if math.Abs(got-want) > 1e-12*want {
				t.Errorf("qv=%v T=%v: sigma %v, scipy's formula %v", qv, temp, got, want)
			}
		}
	}
	// At qv = 5/3 scipy's expression is 0/0; ours is finite.
	v, _ := NewVisiting(5.0 / 3)
	if s := v.Sigma(1); !optim.IsFinite(s) || s <= 0 {
		t.Errorf("qv=5/3: sigma %v", s)
	}
}

func quantile(s []float64, q float64) float64 {
	s = slices.Clone(s)
	slices.Sort(s)
	return s[int(q*float64(len(s)-1))]
}

func TestVisitingShape(t *testing.T) {
	const N = 40000
	v, _ := NewVisiting(2.62)
	rng := optim.NewRand(1)
	draw := func(temp float64) []float64 {
		s := make([]float64, N)
		for i := range s {
			s[i] = v.Sample(rng, temp)
		}
		return s
	}
	frac := func(s []float64, r float64) float64 {
		k := 0
		for _, x := range s {
			if math.Abs(x) > r {
				k++
			}
		}
		return float64(k) / float64(len(s))
	}
	prev := -1.0
	var cold []float64
	for _, temp := range []float64{0.01, 1, 100, 5230} {
		s := draw(temp)
		if temp == 0.01 {
			cold = s
		}
		// Symmetric: as many steps left as right, and mirrored quantiles.
		pos := 0
		for _, x := range s {
			if x > 0 {
				pos++
			}
		}
		if math.Abs(float64(pos)/N-0.5) > 0.01 {
			t.Errorf("T=%v: %d of %d steps positive", temp, pos, N)
		}
		abs := make([]float64, N)
		for i, x := range s {
			abs[i] = math.Abs(x)
		}
		r := quantile(abs, 0.5)
		above, below := 0, 0
		for _, x := range s {
			if x > r {
				above++
			} else if x < -r {
				below++
			}
		}
		if math.Abs(float64(above-below))/N > 0.01 {
			t.Errorf("T=%v: %d steps above the median |Δx| and %d below minus it", temp, above, below)
		}
		// The fraction of long jumps grows with T.
		f := frac(s, 1)
		if f <= prev {
			t.Errorf("T=%v: fraction beyond 1 is %v, not above %v", temp, f, prev)
		}
		prev = f
		// Scale ∝ T^(1/(3−qv)): the median |Δx| scales with sigma.
		for i, x := range s {
			abs[i] = math.Abs(x) / v.Sigma(temp)
		}
		coldAbs := make([]float64, N)
		for i, x := range cold {
			coldAbs[i] = math.Abs(x) / v.Sigma(0.01)
		}
		if m, m0 := quantile(abs, 0.5), quantile(coldAbs, 0.5); math.Abs(m/m0-1) > 0.05 {
			t.Errorf("T=%v: scaled median %v, at T=0.01 %v", temp, m, m0)
		}
	}
	// Heavy tail: beyond 10 medians a Gaussian has nothing (P ≈ 1e-40); the
	// visiting distribution keeps a good share.
	abs := make([]float64, N)
	for i, x := range cold {
		abs[i] = math.Abs(x)
	}
	med := quantile(abs, 0.5)
	if f := frac(cold, 10*med); f < 0.03 {
		t.Errorf("only %v of the steps beyond 10 medians", f)
	}
	// Heavier tail for larger qv, at equal medians.
	tail := func(qv float64) float64 {
		v, _ := NewVisiting(qv)
		s := make([]float64, N)
		for i := range s {
			s[i] = math.Abs(v.Sample(rng, 1))
		}
		return frac(s, 10*quantile(s, 0.5))
	}
	if a, b := tail(1.5), tail(2.62); !(a < b) {
		t.Errorf("tail beyond 10 medians: qv=1.5 %v, qv=2.62 %v", a, b)
	}
}

func TestWrapAndVisit(t *testing.T) {
	for _, tc := range [][2]float64{{0.5, 0.5}, {1.25, 0.25}, {-0.25, 0.75}, {7.5, 0.5}, {-7.75, 0.25}, {0, 1e-10}, {1, 1e-10}} {
		if got := wrap(tc[0], 0, 1, 1); math.Abs(got-tc[1]) > 1e-12 {
			t.Errorf("wrap(%v) = %v, want %v", tc[0], got, tc[1])
		}
	}
	v, _ := NewVisiting(2.62)
	rng := optim.NewRand(2)
	lower := []float64{-1, 0, 10}
	width := []float64{2, 1e-3, 5}
	upper := []float64{1, 1e-3, 15}
	x := []float64{0.5, 0.0005, 12}
	xv := make([]float64, 3)
	for j := range 6 {
		for range 200 {
			v.visit(rng, xv, x, lower, upper, width, j, 5230)
			changed := 0
			for i := range xv {
				if xv[i] < lower[i] || xv[i] > upper[i] {
					t.Fatalf("step %d: %v outside the box", j, xv)
				}
				if xv[i] != x[i] {
					changed++
				}
			}
			if j < 3 && changed != 3 || j >= 3 && (changed != 1 || xv[j-3] == x[j-3]) {
				t.Fatalf("step %d changed %d coordinates: %v", j, changed, xv)
			}
		}
	}
}
