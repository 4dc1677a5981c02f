package viz

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// curveSamples is the number of points at which curves are sampled.
const curveSamples = 400

// FunctionWithIterates plots a function of one variable on [a, b] together
// with what a 1-D method did: the iterates xs (may be nil) as numbered
// markers on the curve, and the brackets (may be nil) as horizontal
// segments below the curve, one per iteration at decreasing heights, so
// that their shrinking is visible at a glance.
//
// Numbers are written next to the iterates as long as they do not collide
// with an earlier label; iterates where f is not finite are left out, as
// are points of the curve where f is not finite. It returns an error if f
// is nil, a >= b, a, b or an iterate or a bracket end is NaN or infinite,
// a bracket has lo > hi, or f has no finite value on [a, b].
func FunctionWithIterates(title string, f func(float64) float64, a, b float64, xs []float64, brackets [][2]float64) (*plot.Plot, error) {
	return functionWithIterates(title, "f(x)", f, a, b, xs, brackets)
}

// functionWithIterates is FunctionWithIterates with the curve named name
// (legend entry and y axis label).
func functionWithIterates(title, name string, f func(float64) float64, a, b float64, xs []float64, brackets [][2]float64) (*plot.Plot, error) {
	if f == nil {
		return nil, errors.New("viz: FunctionWithIterates: f is nil")
	}
	if !isFinite(a) || !isFinite(b) || !(a < b) {
		return nil, fmt.Errorf("viz: FunctionWithIterates: need finite a < b, got [%v, %v]", a, b)
	}
	for i, x := range xs {
		if !isFinite(x) {
			return nil, fmt.Errorf("viz: FunctionWithIterates: iterate %d is %v", i, x)
		}
	}
	for i, br := range brackets {
		if !isFinite(br[0]) || !isFinite(br[1]) || br[0] > br[1] {
			return nil, fmt.Errorf("viz: FunctionWithIterates: bracket %d = [%v, %v] is not a finite interval", i, br[0], br[1])
		}
	}

	curve := make(plotter.XYs, 0, curveSamples+1)
	for i := 0; i <= curveSamples; i++ {
		x := a + (b-a)*float64(i)/curveSamples
		if y := f(x); isFinite(y) {
			curve = append(curve, plotter.XY{X: x, Y: y})
		}
	}
	if len(curve) == 0 {
		return nil, fmt.Errorf("viz: FunctionWithIterates: f has no finite value on [%g, %g]", a, b)
	}
	fmin, fmax := curve[0].Y, curve[0].Y
	for _, p := range curve {
		fmin = math.Min(fmin, p.Y)
		fmax = math.Max(fmax, p.Y)
	}
	span := fmax - fmin
	if span == 0 {
		span = math.Max(1, math.Abs(fmax))
	}

	p := newPlot(title, "x", name)
	addGrid(p)
	line, err := plotter.NewLine(curve)
	if err != nil {
		return nil, fmt.Errorf("viz: FunctionWithIterates: %v", err)
	}
	line.LineStyle = draw.LineStyle{Color: color.Gray{Y: 60}, Width: vg.Points(1.6)}
	p.Add(line)
	p.Legend.Add(name, line)

	if len(brackets) > 0 {
		st := SeriesStyle(1)
		st.Line.Dashes = nil
		st.Line.Width = vg.Points(2)
		step := math.Min(0.05*span, 0.4*span/float64(len(brackets)))
		var first *plotter.Line
		for k, br := range brackets {
			y := fmin - 0.06*span - float64(k)*step
			seg, err := plotter.NewLine(plotter.XYs{{X: br[0], Y: y}, {X: br[1], Y: y}})
			if err != nil {
				return nil, fmt.Errorf("viz: FunctionWithIterates: %v", err)
			}
			seg.LineStyle = st.Line
			ends, err := plotter.NewScatter(plotter.XYs{{X: br[0], Y: y}, {X: br[1], Y: y}})
			if err != nil {
				return nil, fmt.Errorf("viz: FunctionWithIterates: %v", err)
			}
			ends.GlyphStyle = draw.GlyphStyle{Color: st.Line.Color, Radius: vg.Points(2.5), Shape: barGlyph{}}
			p.Add(seg, ends)
			if first == nil {
				first = seg
			}
		}
		p.Legend.Add("brackets [a_k, b_k], k = 0, 1, ... downwards", first)
	}

	if len(xs) > 0 {
		st := SeriesStyle(0)
		var pts plotter.XYs
		var labels []string
		var labelled []plotter.XY
		minDX := 0.03 * (b - a)
		minDY := 0.05 * span
		for i, x := range xs {
			y := f(x)
			if !isFinite(y) {
				continue
			}
			pt := plotter.XY{X: x, Y: y}
			pts = append(pts, pt)
			free := true
			for _, q := range labelled {
				if math.Abs(q.X-x) < minDX && math.Abs(q.Y-y) < minDY {
					free = false
					break
				}
			}
			if free {
				labelled = append(labelled, pt)
				labels = append(labels, strconv.Itoa(i))
			}
		}
		if len(pts) > 0 {
			sc, err := plotter.NewScatter(pts)
			if err != nil {
				return nil, fmt.Errorf("viz: FunctionWithIterates: %v", err)
			}
			sc.GlyphStyle = st.Glyph
			sc.GlyphStyle.Radius = vg.Points(3.5)
			p.Add(sc)
			p.Legend.Add("iterates x_k (numbered by k)", sc)
			lb, err := plotter.NewLabels(plotter.XYLabels{XYs: labelled, Labels: labels})
			if err != nil {
				return nil, fmt.Errorf("viz: FunctionWithIterates: %v", err)
			}
			for i := range lb.TextStyle {
				lb.TextStyle[i].Font.Size = vg.Points(9)
				lb.TextStyle[i].Color = st.Glyph.Color
			}
			lb.Offset = vg.Point{X: vg.Points(4), Y: vg.Points(3)}
			p.Add(lb)
		}
	}
	entries := 1
	if len(xs) > 0 {
		entries++
	}
	if len(brackets) > 0 {
		entries++
	}
	headroom(&p.Y, false, legendFrac(entries))
	setStyleStart(p, 2)
	return p, nil
}

// barGlyph is a short vertical bar, used for the ends of a bracket.
type barGlyph struct{}

func (barGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: vg.Points(1.5)})
	var p vg.Path
	p.Move(vg.Point{X: pt.X, Y: pt.Y - sty.Radius})
	p.Line(vg.Point{X: pt.X, Y: pt.Y + sty.Radius})
	c.Stroke(p)
}
