package viz

import (
	"context"
	"math"
	"os"
	"testing"

	"gonum.org/v1/plot/vg"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
	"github.com/optlab/optlab/pkg/steepest"
)

func writePNG(t *testing.T, name string, b []byte) {
	t.Helper()
	if dir := os.Getenv("VIZ_DEMO_DIR"); dir != "" {
		if err := os.WriteFile(dir+"/"+name, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestMapWithBarAndRunPath(t *testing.T) {
	prob, err := problems.Quadratic([]float64{1, 10}, []float64{0, 0})
	if err != nil {
		t.Fatal(err)
	}
	x0 := []float64{-4, 1}
	r, err := optim.Minimize(context.Background(), prob, x0, &optim.Settings{Record: true, MaxIter: 30}, &steepest.Method{LineSearch: "armijo"})
	if err != nil {
		t.Fatal(err)
	}
	for _, logLevels := range []bool{false, true} {
		p, err := MapWithBar(func(x, y float64) float64 { return prob.Func([]float64{x, y}) }, -5, 5, -2, 2, "quadratic", logLevels)
		if err != nil {
			t.Fatal(err)
		}
		if err := AddRunPath(p, "steepest descent", x0, r); err != nil {
			t.Fatal(err)
		}
		b, err := PNG(p, 14*vg.Centimeter, 8*vg.Centimeter)
		if err != nil || len(b) == 0 {
			t.Fatal(err)
		}
		writePNG(t, "mapbar.png", b)
	}
	if _, _, err := RunPath([]float64{1}, r); err == nil {
		t.Error("RunPath: 1-D start accepted")
	}
	if _, err := MapWithBar(nil, 0, 1, 0, 1, "", false); err == nil {
		t.Error("MapWithBar: nil f accepted")
	}
	if ts := niceTicks(-6, 2.3, 5); len(ts) < 3 || ts[0] < -6 || ts[len(ts)-1] > 2.3 {
		t.Errorf("niceTicks(-6, 2.3) = %v", ts)
	}
}

func TestLinesBeside(t *testing.T) {
	p, err := LinesBeside("rates", "iteration k", "f − f*", true,
		Series{Name: "measured", Y: []float64{1, 0.1, 0.01, 0}},
		Series{Name: "bound", Y: []float64{1, 0.2, 0.04, 0.008}})
	if err != nil {
		t.Fatal(err)
	}
	if !(p.Y.Max < 2) {
		t.Errorf("no head room expected, Y.Max = %g", p.Y.Max)
	}
	b, err := PNG(p, 14*vg.Centimeter, 8*vg.Centimeter)
	if err != nil {
		t.Fatal(err)
	}
	writePNG(t, "beside.png", b)
	if _, err := LinesBeside("", "", "", true); err == nil {
		t.Error("no series accepted")
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
