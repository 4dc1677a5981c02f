package viz

import (
	"math"
	"os"
	"testing"

	"gonum.org/v1/plot/vg"
)

func writePNG(t *testing.T, name string, b []byte) {
	t.Helper()
	if dir := os.Getenv("VIZ_DEMO_DIR"); dir != "" {
		if err := os.WriteFile(dir+"/"+name, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLineSearchPlot(t *testing.T) {
	phi := func(a float64) float64 { return math.Pow(a-1, 4) - 2*(a-1)*(a-1) - 0.5*a }
	dphi := func(a float64) float64 { return 4*math.Pow(a-1, 3) - 4*(a-1) - 0.5 }
	p, err := LineSearchPlot(LineSearchView{Title: "φ", Phi: phi, DPhi: dphi, AMax: 2.5, C1: 0.1, C2: 0.5, Trials: []float64{2, 1, 0.5}, Accepted: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	b, err := PNG(p, 14*vg.Centimeter, 8*vg.Centimeter)
	if err != nil {
		t.Fatal(err)
	}
	writePNG(t, "phi.png", b)
	for _, v := range []LineSearchView{
		{Phi: nil, AMax: 1, C1: 0.1},
		{Phi: phi, AMax: 0, C1: 0.1},
		{Phi: phi, AMax: 1, C1: 0.1, C2: 0.5},
		{Phi: func(float64) float64 { return math.NaN() }, AMax: 1, C1: 0.1},
	} {
		if _, err := LineSearchPlot(v); err == nil {
			t.Errorf("%+v accepted", v)
		}
	}
	if _, err := LineSearchPlot(LineSearchView{Phi: phi, AMax: 2, C1: 0.1, Accepted: math.NaN()}); err != nil {
		t.Errorf("Armijo only: %v", err)
	}
}
