package viz

import (
	"bytes"
	"image"
	"image/color"
	"image/color/palette"
	stddraw "image/draw"
	"image/gif"
	"math"
	"testing"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

func TestAddSimplexErrors(t *testing.T) {
	p := plot.New()
	for name, s := range map[string][][]float64{
		"one vertex": {{0, 0}},
		"3-D vertex": {{0, 0}, {1, 0, 0}, {0, 1}},
		"NaN":        {{0, 0}, {1, math.NaN()}, {0, 1}},
	} {
		if err := AddSimplex(p, "", s); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if err := AddSimplex(nil, "", [][]float64{{0, 0}, {1, 0}}); err == nil {
		t.Error("nil plot: no error")
	}
}

// A few frames of a shrinking triangle on a contour map make a small GIF
// that decodes to as many frames.
func TestSimplexFramesGIF(t *testing.T) {
	bg := func() (*plot.Plot, error) {
		return Contour(func(x, y float64) float64 { return x*x + 2*y*y }, -2, 2, -2, 2, "")
	}
	var simplices [][][]float64
	var titles []string
	s := [][]float64{{1, 1}, {1.5, 1}, {1, 1.5}}
	for i := range 5 {
		simplices = append(simplices, s)
		titles = append(titles, "frame")
		next := make([][]float64, 3)
		for j, v := range s {
			next[j] = []float64{v[0] * 0.7, v[1] * 0.7}
		}
		s = next
		_ = i
	}
	frames, err := SimplexFrames(bg, simplices, titles)
	if err != nil {
		t.Fatal(err)
	}
	b, err := GIF(frames, 8*vg.Centimeter, 6*vg.Centimeter, 200*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	g, err := gif.DecodeAll(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Image) != 5 || len(b) > 1<<20 {
		t.Errorf("%d frames, %d bytes", len(g.Image), len(b))
	}
	// GIF's colour cache gives the pixels of draw.Draw's palette search
	// (the old path of GIF).
	cache := map[color.RGBA]uint8{}
	for i, fr := range frames {
		c, err := Image(fr, 8*vg.Centimeter, 6*vg.Centimeter)
		if err != nil {
			t.Fatal(err)
		}
		img := c.Image()
		old := image.NewPaletted(img.Bounds(), palette.Plan9)
		stddraw.Draw(old, img.Bounds(), img, img.Bounds().Min, stddraw.Src)
		if got := toPlan9(img, cache); !bytes.Equal(got.Pix, old.Pix) {
			t.Errorf("frame %d: the colour cache differs from draw.Draw", i)
		}
	}
	if _, err := GIF(nil, 8*vg.Centimeter, 6*vg.Centimeter, time.Second); err == nil {
		t.Error("GIF(nil): no error")
	}
	if _, err := SimplexFrames(bg, simplices, titles[:2]); err == nil {
		t.Error("mismatched titles: no error")
	}
	if _, err := SimplexFrames(bg, nil, nil); err == nil {
		t.Error("no simplices: no error")
	}
	if _, err := SimplexFrames(func() (*plot.Plot, error) { return nil, nil }, simplices, nil); err == nil {
		t.Error("nil background plot: no error")
	}
}
