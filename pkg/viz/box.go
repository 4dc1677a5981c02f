package viz

import (
	"errors"
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// BoxPlot draws one box-and-whisker plot per group, such as the final loss
// of each method over many seeds: the box spans the quartiles, the line in
// it is the median, the whiskers reach the most extreme values within 1.5
// interquartile ranges, and every value is also drawn as a small ring
// (spread sideways so that equal values stay visible). logY makes the y
// axis logarithmic; values <= 0 are then drawn at a floor (see LogFloor).
//
// It returns an error if there are no groups, len(groups) != len(values),
// a group has no values, or a value is NaN or infinite.
func BoxPlot(title, ylabel string, groups []string, values [][]float64, logY bool) (*plot.Plot, error) {
	if len(groups) == 0 {
		return nil, errors.New("viz: BoxPlot: no groups")
	}
	if len(groups) != len(values) {
		return nil, fmt.Errorf("viz: BoxPlot: %d group names but %d groups of values", len(groups), len(values))
	}
	for g, vs := range values {
		if len(vs) == 0 {
			return nil, fmt.Errorf("viz: BoxPlot: group %d (%q) has no values", g, groups[g])
		}
		for i, v := range vs {
			if !isFinite(v) {
				return nil, fmt.Errorf("viz: BoxPlot: group %d (%q): value %d is %v", g, groups[g], i, v)
			}
		}
	}
	floor := logFloor(values...)
	p := newPlot(title, "", ylabel)
	addGrid(p)
	if logY {
		setLogY(p)
	}
	w := vg.Points(28)
	for g, vs := range values {
		vals := make(plotter.Values, len(vs))
		for i, v := range vs {
			if logY && v <= 0 {
				v = floor
			}
			vals[i] = v
		}
		st := SeriesStyle(g)
		b, err := plotter.NewBoxPlot(w, float64(g), vals)
		if err != nil {
			return nil, fmt.Errorf("viz: BoxPlot: group %q: %v", groups[g], err)
		}
		b.BoxStyle = draw.LineStyle{Color: st.Line.Color, Width: vg.Points(1.3)}
		b.MedianStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(2)}
		b.WhiskerStyle = draw.LineStyle{Color: st.Line.Color, Width: vg.Points(1)}
		b.GlyphStyle = draw.GlyphStyle{Radius: 0, Shape: draw.CircleGlyph{}}
		pts := make(plotter.XYs, len(vals))
		for i, v := range vals {
			// Deterministic spread in [-0.3, 0.3] (golden-ratio sequence).
			j := math.Mod(float64(i)*0.6180339887498949, 1) - 0.5
			pts[i] = plotter.XY{X: float64(g) + 0.5*j, Y: v}
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, fmt.Errorf("viz: BoxPlot: group %q: %v", groups[g], err)
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: color.Gray{Y: 90}, Radius: vg.Points(1.8), Shape: draw.RingGlyph{}}
		p.Add(b, sc)
	}
	p.NominalX(groups...)
	p.X.Min, p.X.Max = -0.6, float64(len(groups))-0.4
	if logY {
		fixLogRange(&p.Y)
	}
	return p, nil
}
