package viz

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// TestWriteDemos writes sample figures to $VIZ_DEMO_DIR, for looking at
// them; it is skipped when that variable is not set.
func TestWriteDemos(t *testing.T) {
	dir := os.Getenv("VIZ_DEMO_DIR")
	if dir == "" {
		t.Skip("VIZ_DEMO_DIR not set")
	}
	save := func(name string, p *plot.Plot, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(name, err)
		}
		b, err := PNG(p, 6*vg.Inch, 4*vg.Inch)
		if err != nil {
			t.Fatal(name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	poly := func(x float64) float64 { return x*x*x*x - 14*x*x*x + 60*x*x - 70*x }
	// Golden-section-like brackets.
	a, b := 0.0, 2.0
	var br [][2]float64
	var xs []float64
	for k := 0; k < 12; k++ {
		br = append(br, [2]float64{a, b})
		c := b - 0.618*(b-a)
		d := a + 0.618*(b-a)
		xs = append(xs, c)
		if poly(c) < poly(d) {
			b = d
		} else {
			a = c
		}
	}
	p, err := FunctionWithIterates("Golden section on f(x) = x⁴ − 14x³ + 60x² − 70x", poly, 0, 2, xs, br)
	save("fwi", p, err)

	var series []Series
	for k, rate := range []float64{0.9, 0.99, 0.999, 0.5} {
		y := make([]float64, 3000)
		best := 10.0
		for i := range y {
			best *= rate + 0.0001*math.Sin(float64(i))
			if k == 3 && best < 1e-12 {
				best = 1e-12
			}
			y[i] = best
		}
		if k == 3 {
			y[2999] = 0
		}
		series = append(series, Series{Name: []string{"Nelder-Mead", "CMA-ES", "PSO", "BFGS"}[k], Y: y})
	}
	p, err = LossTraces("", series...)
	save("loss", p, err)

	rosen := func(x, y float64) float64 { return (1-x)*(1-x) + 100*(y-x*x)*(y-x*x) }
	p, err = ContourLog(rosen, -2, 2, -1, 3, "Rosenbrock (log-spaced levels)")
	if err != nil {
		t.Fatal(err)
	}
	AddPath(p, "gradient descent", []float64{-1.2, -1, -0.5, 0, 0.5, 0.9, 1}, []float64{1, 1.1, 0.2, 0, 0.2, 0.8, 1})
	AddPoints(p, "population", []float64{0.5, 1.5, -1}, []float64{2, 2.5, 0})
	AddEllipse(p, "CMA-ES 2σ", 0, 1, [2][2]float64{{0.3, 0.2}, {0.2, 0.4}}, 2)
	save("contour", p, nil)

	p, err = BoxPlot("Final loss over 20 seeds", "final loss", []string{"CMA-ES", "PSO", "DE"},
		[][]float64{{0.78, 0.79, 0.8, 0.9, 1.2}, {0.78, 0.78, 0.78, 0.85}, {1, 2, 3, 0.9, 0.8}}, true)
	save("box", p, err)
}
