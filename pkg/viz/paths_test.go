package viz

import (
	"math"
	"os"
	"testing"

	"gonum.org/v1/plot/vg"

	"github.com/optlab/optlab/pkg/optim"
)

func TestPathXY(t *testing.T) {
	path := []optim.Iteration{{X: []float64{1, 2}, F: 3}, {X: []float64{5, 0}, F: 1}, {X: []float64{math.NaN(), 0}, F: math.Inf(1)}}
	xs, ys, err := PathXY([]float64{0, 0}, path, 0, 1, nil)
	if err != nil || len(xs) != 3 || xs[1] != 1 || ys[1] != 2 {
		t.Fatalf("PathXY = %v %v %v", xs, ys, err)
	}
	xs, _, err = PathXY(nil, path, 0, 1, []float64{-2, 2, -2, 2})
	if err != nil || len(xs) != 1 {
		t.Fatalf("PathXY with box = %v %v", xs, err)
	}
	if _, _, err := PathXY(nil, path, 0, 2, nil); err == nil {
		t.Error("PathXY: index 2 of a 2-D point: no error")
	}
	if _, _, err := PathXY(nil, path, 0, 1, []float64{1}); err == nil {
		t.Error("PathXY: bad box: no error")
	}
	if f := PathF(path); len(f) != 2 || f[1] != 1 {
		t.Errorf("PathF = %v", f)
	}
}

func TestProblemContourAndAddRun(t *testing.T) {
	p := optim.Problem{Func: func(x []float64) float64 { return sq(1-x[0]) + 100*sq(x[1]-x[0]*x[0]) }, Dim: 2}
	for _, lg := range []bool{false, true} {
		pl, err := ProblemContour(p, -2, 2, -1, 3, "rosen", lg)
		if err != nil {
			t.Fatal(err)
		}
		r := &optim.Result{Path: []optim.Iteration{{X: []float64{0, 0}}, {X: []float64{0.5, 0.2}}, {X: []float64{40, 0}}}}
		if err := AddRun(pl, "run", []float64{-1.2, 1}, r); err != nil {
			t.Fatal(err)
		}
		b, err := PNG(pl, 5*vg.Inch, 4*vg.Inch)
		if err != nil || len(b) == 0 {
			t.Fatal(err)
		}
		if d := os.Getenv("VIZ_PATHS_OUT"); d != "" {
			name := "/lin.png"
			if lg {
				name = "/log.png"
			}
			os.WriteFile(d+name, b, 0o644)
		}
	}
	if _, err := ProblemContour(optim.Problem{Func: p.Func, Dim: 3}, -1, 1, -1, 1, "", false); err == nil {
		t.Error("3-D problem: no error")
	}
	if _, err := ProblemContour(optim.Problem{}, -1, 1, -1, 1, "", false); err == nil {
		t.Error("nil Func: no error")
	}
	pl, _ := ProblemContour(p, -2, 2, -1, 3, "", false)
	if err := AddRun(pl, "none", nil, &optim.Result{}); err == nil {
		t.Error("AddRun without a path: no error")
	}
	if err := AddRun(pl, "outside", nil, &optim.Result{Path: []optim.Iteration{{X: []float64{9, 9}}}}); err == nil {
		t.Error("AddRun with every point outside: no error")
	}
}

func TestLinesLegendOutside(t *testing.T) {
	s := []Series{{Name: "a long legend entry", Y: []float64{1, 0.1, 0.01}}, {Name: "b", Y: []float64{1, 0.5, 0.25}}}
	p, err := LinesLegendOutside("t", "k", "f", true, s...)
	if err != nil {
		t.Fatal(err)
	}
	q, _ := Lines("t", "k", "f", true, s...)
	if !(p.Y.Max < q.Y.Max) {
		t.Errorf("y max %g: the legend's headroom (%g) was not removed", p.Y.Max, q.Y.Max)
	}
	if p.Y.Max > 1.0001 {
		t.Errorf("y max %g, want the data's 1", p.Y.Max)
	}
	b, err := PNG(p, 5*vg.Inch, 3*vg.Inch)
	if err != nil || len(b) == 0 {
		t.Fatal(err)
	}
	if d := os.Getenv("VIZ_PATHS_OUT"); d != "" {
		os.WriteFile(d+"/lines.png", b, 0o644)
	}
	if _, err := LinesLegendOutside("t", "k", "f", true); err == nil {
		t.Error("no series: no error")
	}
}
