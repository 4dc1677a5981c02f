package viz

import (
	"math"
	"os"
	"testing"

	"gonum.org/v1/plot/vg"

	"github.com/optlab/optlab/pkg/optim"
)

func himmelblauBox() optim.Problem {
	return optim.Problem{
		Func: func(x []float64) float64 {
			a, b := x[0]*x[0]+x[1]-11, x[0]+x[1]*x[1]-7
			return a*a + b*b
		},
		Lower: []float64{-5, -5}, Upper: []float64{5, 5},
	}
}

func TestContourProblem(t *testing.T) {
	for _, logLevels := range []bool{false, true} {
		p, err := ContourProblem(himmelblauBox(), "Himmelblau", logLevels)
		if err != nil {
			t.Fatal(err)
		}
		b, err := PNG(p, 5*vg.Inch, 4*vg.Inch)
		if err != nil || len(b) == 0 {
			t.Fatalf("PNG: %v", err)
		}
		if dir := os.Getenv("VIZ_DEMO_DIR"); dir != "" {
			name := map[bool]string{false: "/contour-problem.png", true: "/contour-problem-log.png"}[logLevels]
			if err := os.WriteFile(dir+name, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		h := himmelblauBox().Func
		_, bar, err := contourMap(func(x, y float64) float64 { return h([]float64{x, y}) }, -5, 5, -5, 5, "", logLevels)
		if err != nil {
			t.Fatal(err)
		}
		if gb := bar.GlyphBoxes(p); len(gb) != 1 || gb[0].Size().X < vg.Points(30) {
			t.Errorf("log %v: the colour bar reserves %v", logLevels, gb)
		}
		if pos, labels := bar.ticks(); len(pos) < 2 || len(pos) != len(labels) {
			t.Errorf("log %v: colour bar ticks %v %v", logLevels, pos, labels)
		}
	}
	bad := []optim.Problem{
		{},
		{Func: himmelblauBox().Func},
		{Func: himmelblauBox().Func, Lower: []float64{0, 0, 0}, Upper: []float64{1, 1, 1}},
		{Func: himmelblauBox().Func, Lower: []float64{1, 0}, Upper: []float64{0, 1}},
	}
	for i, p := range bad {
		if _, err := ContourProblem(p, "", false); err == nil {
			t.Errorf("bad problem %d: no error", i)
		}
	}
}

func TestPopulationFrames(t *testing.T) {
	frames := []optim.Iteration{
		{Iter: 0, X: []float64{1, 1}, F: 3, Pop: [][]float64{{0, 0}, {1, 1}, {-3, 4}}},
		{Iter: 1, X: []float64{3, 2}, F: 0, Pop: [][]float64{{2, 2}, {3, 2}, {-1, 4}}},
	}
	plots, err := PopulationFrames(himmelblauBox(), "test", true, frames)
	if err != nil {
		t.Fatal(err)
	}
	if len(plots) != 2 {
		t.Fatalf("%d plots, want 2", len(plots))
	}
	if plots[1].Title.Text != "test — iteration 1, best f = 0" {
		t.Errorf("title %q", plots[1].Title.Text)
	}
	if _, err := GIF(plots, 3*vg.Inch, 3*vg.Inch, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := PopulationFrames(himmelblauBox(), "", false, nil); err == nil {
		t.Error("no frames: no error")
	}
	if _, err := PopulationFrames(himmelblauBox(), "", false, []optim.Iteration{{}}); err == nil {
		t.Error("no population: no error")
	}
	if _, err := PopulationFrames(himmelblauBox(), "", false, []optim.Iteration{{Pop: [][]float64{{1}}}}); err == nil {
		t.Error("1-D points: no error")
	}
	if err := AddBest(plots[0], "", 1, math.Inf(1)); err == nil {
		t.Error("AddBest(Inf): no error")
	}
}

func TestPopulationFramesDemo(t *testing.T) {
	dir := os.Getenv("VIZ_DEMO_DIR")
	if dir == "" {
		t.Skip("VIZ_DEMO_DIR not set")
	}
	plots, err := PopulationFrames(himmelblauBox(), "demo", true, []optim.Iteration{
		{Iter: 1, X: []float64{3, 2}, F: 0.1, Pop: [][]float64{{2, 2}, {3, 2}, {-1, 4}, {4.9, 4.9}}}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := PNG(plots[0], 6*vg.Inch, 4.5*vg.Inch)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir+"/population-frame.png", b, 0o644); err != nil {
		t.Fatal(err)
	}
}
