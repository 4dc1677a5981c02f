package viz

import (
	"context"
	"math"
	"os"
	"slices"
	"testing"

	"gonum.org/v1/plot/vg"

	"github.com/optlab/optlab/pkg/cmaes"
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
)

func TestCMAESRun(t *testing.T) {
	prob := problems.Himmelblau()
	prob.Lower, prob.Upper = []float64{-5, -5}, []float64{5, 5}
	res, err := optim.Minimize(context.Background(), prob, []float64{0, 0},
		&optim.Settings{Seed: 3, Record: true, MaxIter: 40}, &cmaes.Method{Sigma0: 1})
	if err != nil {
		t.Fatal(err)
	}
	xs, ys, err := CMAESMeans(res, 0)
	if err != nil || len(xs) != len(res.Path)+1 || len(ys) != len(xs) || xs[0] != 0 || ys[0] != 0 {
		t.Fatalf("CMAESMeans: %d points for %d generations, err %v", len(xs), len(res.Path), err)
	}
	if _, _, err := CMAESMeans(res, 1); err == nil {
		t.Error("CMAESMeans of a run that did not happen: no error")
	}
	if _, _, err := CMAESMeans(&optim.Result{}, 0); err == nil {
		t.Error("CMAESMeans without a path: no error")
	}
	p, err := CMAESRun(prob, "CMA-ES on Himmelblau", true, res, []int{0, 5, 20})
	if err != nil {
		t.Fatal(err)
	}
	if p.X.Min != -5 || p.Y.Max != 5 {
		t.Errorf("axes %v..%v, %v..%v: not the box", p.X.Min, p.X.Max, p.Y.Min, p.Y.Max)
	}
	b, err := PNG(p, 5*vg.Inch, 4*vg.Inch)
	if err != nil || len(b) == 0 {
		t.Fatal(err)
	}
	if dir := os.Getenv("VIZ_OUT"); dir != "" {
		os.WriteFile(dir+"/cmaes_run.png", b, 0o644)
	}
	if _, err := CMAESRun(prob, "", false, res, []int{len(res.Path)}); err == nil {
		t.Error("generation index past the path: no error")
	}
	if err := AddDistribution(p, "", nil, 2); err == nil {
		t.Error("nil distribution: no error")
	}
	// Separable: diagonal ellipse from Diag.
	sep := &cmaes.Distribution{Mean: []float64{1, 2}, Sigma: 0.5, Diag: []float64{1, 4}}
	if err := AddDistribution(p, "sep", sep, 2); err != nil {
		t.Error(err)
	}
}

func TestLinesLegendRight(t *testing.T) {
	ys := []float64{1e3, 1e1, 1e-1, 1e-3}
	zs := []float64{1, 0.5, 0.2, 0.1}
	a, err := Lines("", "k", "v", true, Series{Name: "first series", Y: ys}, Series{Name: "second", Y: zs})
	if err != nil {
		t.Fatal(err)
	}
	p, err := LinesLegendRight("", "k", "v", true, Series{Name: "first series", Y: ys}, Series{Name: "second", Y: zs})
	if err != nil {
		t.Fatal(err)
	}
	if !(math.Pow(10, p.Y.Max) < a.Y.Max) || math.Abs(p.Y.Max-3) > 1e-9 || math.Abs(p.Y.Min+3) > 1e-9 {
		t.Errorf("y range 10^%g..10^%g (Lines: ..%g): the headroom was not removed, or too much", p.Y.Min, p.Y.Max, a.Y.Max)
	}
	var labels []string
	for _, tk := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	if !slices.Contains(labels, "1") || !slices.Contains(labels, "0.001") {
		t.Errorf("log tick labels %q: want 0.001 … 1 …", labels)
	}
	if _, err := LinesLegendRight("", "", "", true, Series{Y: []float64{math.NaN()}}); err == nil {
		t.Error("NaN: no error")
	}
	if z, err := LinesLegendRight("", "", "", true, Series{Name: "zero", Y: []float64{1, 0}}); err != nil || !(z.Y.Min < 0) {
		t.Errorf("a zero value: %v, y min %v (want the floor 0.1 → −1)", err, z)
	}
	b, err := PNG(p, 6*vg.Inch, 3*vg.Inch)
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("VIZ_OUT"); dir != "" {
		os.WriteFile(dir+"/legend_right.png", b, 0o644)
	}
	lin, err := LinesLegendRight("", "k", "v", false, Series{Name: "a", Y: zs})
	if err != nil || !(lin.Y.Max >= 1) || lin.Y.Max > 1.01 {
		t.Errorf("linear: y max %v, err %v", lin.Y.Max, err)
	}
	if _, err := LinesLegendRight("", "", "", true); err == nil {
		t.Error("no series: no error")
	}
}
