package viz

import (
	"bytes"
	"image/gif"
	"image/png"
	"math"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

func sq(x float64) float64 { return x * x }

func rosen(x, y float64) float64 { return sq(1-x) + 100*sq(y-x*x) }

// plots returns one plot of every kind.
func plots(t *testing.T) map[string]*plot.Plot {
	t.Helper()
	out := map[string]*plot.Plot{}
	must := func(name string, p *plot.Plot, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = p
	}
	p, err := FunctionWithIterates("f", sq, -1, 2, []float64{1.5, 0.7, 0.1, 0.01}, [][2]float64{{-1, 2}, {-0.5, 1}, {-0.1, 0.2}})
	must("FunctionWithIterates", p, err)
	p, err = Convergence("c", "error", Series{Name: "a", Y: []float64{1, 0.1, 0.01, 0}}, Series{Name: "b", X: []float64{0, 2, 4}, Y: []float64{1, 0.5, 0.25}})
	must("Convergence", p, err)
	p, err = LossTraces("", Series{Name: "m", Y: []float64{math.Inf(1), 3, 2, 2, 1}})
	must("LossTraces", p, err)
	p, err = Contour(func(x, y float64) float64 { return x*x + 3*y*y }, -1, 1, -1, 1, "quad")
	must("Contour", p, err)
	p, err = ContourLog(rosen, -2, 2, -1, 3, "rosen")
	must("ContourLog", p, err)
	if err := AddPath(p, "path", []float64{-1, 0, 1}, []float64{1, 0, 1}); err != nil {
		t.Fatal(err)
	}
	if err := AddPoints(p, "pts", []float64{0.5}, []float64{0.5}); err != nil {
		t.Fatal(err)
	}
	if err := AddEllipse(p, "ell", 0, 1, [2][2]float64{{1, 0.5}, {0.5, 1}}, 2); err != nil {
		t.Fatal(err)
	}
	p, err = BoxPlot("box", "loss", []string{"a", "b"}, [][]float64{{1, 2, 3, 0}, {0.5}}, true)
	must("BoxPlot", p, err)
	p, err = BoxPlot("box", "loss", []string{"a"}, [][]float64{{-1, 2, 3}}, false)
	must("BoxPlotLinear", p, err)
	return out
}

func TestRenderPNGAndSVG(t *testing.T) {
	for name, p := range plots(t) {
		b, err := PNG(p, 5*vg.Inch, 3*vg.Inch)
		if err != nil {
			t.Fatalf("%s: PNG: %v", name, err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: decoding PNG: %v", name, err)
		}
		if got := img.Bounds(); got.Dx() != 5*DPI || got.Dy() != 3*DPI {
			t.Errorf("%s: PNG is %v, want %d × %d", name, got, 5*DPI, 3*DPI)
		}
		s, err := SVG(p, 5*vg.Inch, 3*vg.Inch)
		if err != nil {
			t.Fatalf("%s: SVG: %v", name, err)
		}
		if !bytes.Contains(s, []byte("<svg")) || !bytes.Contains(s, []byte("</svg>")) {
			t.Errorf("%s: SVG output is not an SVG document", name)
		}
		if p.Title.Text != "" && !bytes.Contains(s, []byte(">"+p.Title.Text[:1])) {
			t.Errorf("%s: SVG lacks the title %q", name, p.Title.Text)
		}
	}
}

func TestGIF(t *testing.T) {
	var frames []*plot.Plot
	for k := 1; k <= 4; k++ {
		p, err := Contour(func(x, y float64) float64 { return x*x + y*y }, -1, 1, -1, 1, "frame")
		if err != nil {
			t.Fatal(err)
		}
		xs := make([]float64, k)
		ys := make([]float64, k)
		for i := range xs {
			xs[i], ys[i] = 1/float64(i+1), 0.5/float64(i+1)
		}
		if err := AddPath(p, "path", xs, ys); err != nil {
			t.Fatal(err)
		}
		frames = append(frames, p)
	}
	b, err := GIF(frames, 3*vg.Inch, 2*vg.Inch, 250*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	g, err := gif.DecodeAll(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Image) != 4 {
		t.Errorf("GIF has %d frames, want 4", len(g.Image))
	}
	if g.LoopCount != 0 {
		t.Errorf("LoopCount = %d, want 0 (forever)", g.LoopCount)
	}
	for i, d := range g.Delay {
		if d != 25 {
			t.Errorf("frame %d: delay %d, want 25", i, d)
		}
	}
	if r := g.Image[0].Bounds(); r.Dx() != 3*DPI || r.Dy() != 2*DPI {
		t.Errorf("frame size %v", r)
	}
	// Frames differ (the path grows).
	if bytes.Equal(g.Image[0].Pix, g.Image[3].Pix) {
		t.Error("first and last frame are identical")
	}
}

func TestBadInput(t *testing.T) {
	nan := math.NaN()
	ok := func(x, y float64) float64 { return x + y }
	cases := map[string]func() error{
		"no series":    func() error { _, err := LossTraces("t"); return err },
		"empty series": func() error { _, err := Convergence("t", "y", Series{Name: "e"}); return err },
		"mismatched X": func() error { _, err := LossTraces("t", Series{X: []float64{1}, Y: []float64{1, 2}}); return err },
		"NaN in Y":     func() error { _, err := LossTraces("t", Series{Y: []float64{1, nan}}); return err },
		"NaN in X": func() error {
			_, err := Lines("t", "x", "y", false, Series{X: []float64{nan}, Y: []float64{1}})
			return err
		},
		"all Inf":          func() error { _, err := LossTraces("t", Series{Y: []float64{math.Inf(1)}}); return err },
		"a > b":            func() error { _, err := FunctionWithIterates("t", sq, 2, 1, nil, nil); return err },
		"a == b":           func() error { _, err := FunctionWithIterates("t", sq, 1, 1, nil, nil); return err },
		"NaN a":            func() error { _, err := FunctionWithIterates("t", sq, nan, 1, nil, nil); return err },
		"nil f":            func() error { _, err := FunctionWithIterates("t", nil, 0, 1, nil, nil); return err },
		"NaN iterate":      func() error { _, err := FunctionWithIterates("t", sq, 0, 1, []float64{nan}, nil); return err },
		"reversed bracket": func() error { _, err := FunctionWithIterates("t", sq, 0, 1, nil, [][2]float64{{1, 0}}); return err },
		"f all NaN": func() error {
			_, err := FunctionWithIterates("t", func(float64) float64 { return nan }, 0, 1, nil, nil)
			return err
		},
		"contour empty box": func() error { _, err := Contour(ok, 1, 0, 0, 1, "t"); return err },
		"contour NaN box":   func() error { _, err := ContourLog(ok, 0, 1, nan, 1, "t"); return err },
		"contour nil f":     func() error { _, err := Contour(nil, 0, 1, 0, 1, "t"); return err },
		"contour all NaN": func() error {
			_, err := Contour(func(x, y float64) float64 { return nan }, 0, 1, 0, 1, "t")
			return err
		},
		"box no groups":      func() error { _, err := BoxPlot("t", "y", nil, nil, false); return err },
		"box mismatch":       func() error { _, err := BoxPlot("t", "y", []string{"a"}, nil, false); return err },
		"box empty group":    func() error { _, err := BoxPlot("t", "y", []string{"a"}, [][]float64{{}}, false); return err },
		"box NaN":            func() error { _, err := BoxPlot("t", "y", []string{"a"}, [][]float64{{nan}}, true); return err },
		"GIF no frames":      func() error { _, err := GIF(nil, vg.Inch, vg.Inch, time.Second); return err },
		"GIF nil frame":      func() error { _, err := GIF([]*plot.Plot{nil}, vg.Inch, vg.Inch, time.Second); return err },
		"PNG nil plot":       func() error { _, err := PNG(nil, vg.Inch, vg.Inch); return err },
		"PNG zero size":      func() error { _, err := PNG(plot.New(), 0, vg.Inch); return err },
		"SVG negative size":  func() error { _, err := SVG(plot.New(), vg.Inch, -vg.Inch); return err },
		"PNG huge":           func() error { _, err := PNG(plot.New(), 1e6*vg.Inch, vg.Inch); return err },
		"AddPath mismatch":   func() error { return AddPath(plot.New(), "p", []float64{1}, []float64{1, 2}) },
		"AddPath empty":      func() error { return AddPath(plot.New(), "p", nil, nil) },
		"AddPath nil plot":   func() error { return AddPath(nil, "p", []float64{1}, []float64{1}) },
		"AddPoints NaN":      func() error { return AddPoints(plot.New(), "p", []float64{nan}, []float64{1}) },
		"AddEllipse not PSD": func() error { return AddEllipse(plot.New(), "e", 0, 0, [2][2]float64{{1, 2}, {2, 1}}, 1) },
		"AddEllipse asym":    func() error { return AddEllipse(plot.New(), "e", 0, 0, [2][2]float64{{1, 0.5}, {0, 1}}, 1) },
		"AddEllipse k=0":     func() error { return AddEllipse(plot.New(), "e", 0, 0, [2][2]float64{{1, 0}, {0, 1}}, 0) },
		"AddEllipse NaN":     func() error { return AddEllipse(plot.New(), "e", 0, 0, [2][2]float64{{nan, 0}, {0, 1}}, 1) },
	}
	for name, f := range cases {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("panic: %v", r)
				}
			}()
			err := f()
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), "viz: ") {
				t.Errorf("error %q does not say it comes from viz", err)
			}
		})
	}
}

func TestPanicBecomesError(t *testing.T) {
	p := plot.New()
	p.Y.Scale = plot.LogScale{}
	p.Y.Min, p.Y.Max = -1, 1 // gonum/plot panics on this
	if _, err := PNG(p, vg.Inch, vg.Inch); err == nil {
		t.Error("no error for a log axis through zero")
	}
}

func TestLogFloor(t *testing.T) {
	if got := logFloor([]float64{0, 1e-3, 5}, []float64{-2, 0.1}); got != 1e-4 {
		t.Errorf("logFloor = %g, want 1e-4", got)
	}
	if got := logFloor([]float64{0, -1}); got != 1e-16 {
		t.Errorf("logFloor without positive values = %g, want 1e-16", got)
	}
	// Zeros are drawn at the floor: the axis minimum is positive and below
	// the smallest positive value.
	p, err := Convergence("t", "e", Series{Y: []float64{1, 1e-3, 0}})
	if err != nil {
		t.Fatal(err)
	}
	if !(p.Y.Min > 0 && p.Y.Min <= 1e-4) {
		t.Errorf("y axis minimum %g, want in (0, 1e-4]", p.Y.Min)
	}
}

func TestLogTicksLabelled(t *testing.T) {
	for _, r := range [][2]float64{{0.78, 3}, {1e-9, 10}, {1e-300, 1}, {5, 6}, {0.05, 0.5}} {
		labelled := 0
		for _, tk := range (logTicks{}).Ticks(r[0], r[1]) {
			if tk.Value < r[0]*(1-1e-9) || tk.Value > r[1]*(1+1e-9) {
				t.Errorf("range %v: tick %g outside", r, tk.Value)
			}
			if tk.Label != "" {
				labelled++
			}
		}
		if labelled < 2 || labelled > 12 {
			t.Errorf("range %v: %d labelled ticks, want 2..12", r, labelled)
		}
	}
}

func TestLinTicks(t *testing.T) {
	ticks := (linTicks{}).Ticks(0, 2999)
	var labels []string
	for _, tk := range ticks {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	if got := strings.Join(labels, " "); got != "0 500 1000 1500 2000 2500" {
		t.Errorf("labels %q", got)
	}
}

func TestThin(t *testing.T) {
	// A best-so-far trace with few distinct values thins exactly: the ends
	// of every run survive.
	var steps plotter.XYs
	for i := 0; i < 20000; i++ {
		steps = append(steps, plotter.XY{X: float64(i), Y: 100 / float64(1+i/1000)})
	}
	got := thin(steps, maxPoints)
	if len(got) != 40 {
		t.Errorf("thinned step trace has %d points, want 40 (2 per run)", len(got))
	}
	if got[0] != steps[0] || got[len(got)-1] != steps[len(steps)-1] {
		t.Error("thinning lost an end point")
	}
	// A noisy series keeps its extremes and stays short.
	var noisy plotter.XYs
	for i := 0; i < 50000; i++ {
		noisy = append(noisy, plotter.XY{X: float64(i), Y: math.Sin(float64(i) * 1.7)})
	}
	noisy[31234].Y = 7
	got = thin(noisy, maxPoints)
	if len(got) > maxPoints+4 {
		t.Errorf("thinned noisy series has %d points", len(got))
	}
	found := false
	for _, p := range got {
		found = found || p.Y == 7
	}
	if !found {
		t.Error("thinning lost the maximum")
	}
}

func TestStylesDistinct(t *testing.T) {
	for i := 0; i < 6; i++ {
		a, b := SeriesStyle(i), SeriesStyle(i+1)
		if a.Line.Color == b.Line.Color || a.Glyph.Shape == b.Glyph.Shape {
			t.Errorf("styles %d and %d share colour or marker", i, i+1)
		}
	}
	// Paths added to one plot take consecutive styles, after the series.
	p, err := Convergence("t", "e", Series{Y: []float64{1, 2}})
	if err != nil {
		t.Fatal(err)
	}
	if got := nextStyle(p); got != 1 {
		t.Errorf("first added style %d, want 1", got)
	}
	if got := nextStyle(p); got != 2 {
		t.Errorf("second added style %d, want 2", got)
	}
}

// A y label on a log axis leaves the data area where it is without a label
// (gonum/plot lays it out as if at the arithmetic middle of the range,
// which pushed the data area down): the curve, rising to the top of the
// data area, ends on the same row.
func TestLogYLabelKeepsDataArea(t *testing.T) {
	ys := []float64{1e-9, 1e-6, 1e-3, 1, 1e3}
	top := func(ylabel string) int {
		p, err := Lines("", "k", ylabel, true, Series{Y: ys})
		if err != nil {
			t.Fatal(err)
		}
		c, err := Image(p, 4*vg.Inch, 3*vg.Inch)
		if err != nil {
			t.Fatal(err)
		}
		img := c.Image()
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X + b.Dx()/2; x < b.Max.X; x++ {
				if r, _, _, _ := img.At(x, y).RGBA(); r < 0x6000 {
					return y
				}
			}
		}
		return -1
	}
	bare, labelled := top(""), top("a long label on the log axis")
	if bare < 0 || labelled != bare {
		t.Errorf("the curve tops out on row %d with a y label, %d without", labelled, bare)
	}
}
