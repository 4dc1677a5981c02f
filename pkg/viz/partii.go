package viz

// The line-search figure of part II of the course: φ(α) of a line search
// with its acceptable steps (contour maps, paths and legends beside the data
// are in contour.go and paths.go).

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

// LineSearchView is what LineSearchPlot draws: φ(α) = f(x + αp) on
// [0, AMax], the Armijo line φ(0) + C1·α·φ′(0), the steps that satisfy
// sufficient decrease and (if C2 > 0) the strong Wolfe conditions, the
// trial steps of a search in order and the step it accepted.
type LineSearchView struct {
	Title      string
	Phi, DPhi  func(alpha float64) float64 // DPhi may be nil if C2 = 0
	AMax       float64
	C1, C2     float64
	Trials     []float64 // trial steps in the order of the search (may be nil)
	Accepted   float64   // the accepted step; NaN for none
	AcceptName string    // legend entry of the accepted step ("" gives "accepted step")
}

// LineSearchPlot draws a LineSearchView. The sets of acceptable steps are
// thick bars below the curve: sufficient decrease, and strong Wolfe. It
// returns an error for a nil φ, AMax ≤ 0, C1 outside (0, 1), C2 > 0
// without DPhi, or a non-finite φ(0).
func LineSearchPlot(v LineSearchView) (*plot.Plot, error) {
	if v.Phi == nil || !(v.AMax > 0) || !isFinite(v.AMax) || !(v.C1 > 0 && v.C1 < 1) {
		return nil, fmt.Errorf("viz: LineSearchPlot: need φ, AMax > 0 and 0 < C1 < 1 (AMax = %v, C1 = %v)", v.AMax, v.C1)
	}
	if v.C2 > 0 && (v.DPhi == nil || v.C2 <= v.C1 || v.C2 >= 1) {
		return nil, fmt.Errorf("viz: LineSearchPlot: strong Wolfe needs φ′ and C1 < C2 < 1 (C2 = %v)", v.C2)
	}
	f0 := v.Phi(0)
	if !isFinite(f0) {
		return nil, fmt.Errorf("viz: LineSearchPlot: φ(0) = %v", f0)
	}
	d0 := 0.0
	if v.DPhi != nil {
		d0 = v.DPhi(0)
	} else {
		h := v.AMax * 1e-7
		d0 = (v.Phi(h) - f0) / h
	}
	const n = 600
	curve := make(plotter.XYs, 0, n+1)
	armijo := make([]bool, n+1)
	wolfe := make([]bool, n+1)
	ylo, yhi := f0, f0
	for i := 0; i <= n; i++ {
		a := v.AMax * float64(i) / n
		f := v.Phi(a)
		if !isFinite(f) {
			continue
		}
		curve = append(curve, plotter.XY{X: a, Y: f})
		ylo, yhi = math.Min(ylo, f), math.Max(yhi, f)
		armijo[i] = a > 0 && f <= f0+v.C1*a*d0
		if v.C2 > 0 && armijo[i] {
			wolfe[i] = math.Abs(v.DPhi(a)) <= v.C2*math.Abs(d0)
		}
	}
	if len(curve) < 2 {
		return nil, errors.New("viz: LineSearchPlot: φ has fewer than two finite values on [0, AMax]")
	}
	span := yhi - ylo
	if span == 0 {
		span = 1
	}
	p := newPlot(v.Title, "step length α", "φ(α) = f(x + αp)")
	addGrid(p)
	st := SeriesStyle(0)
	l, err := plotter.NewLine(curve)
	if err != nil {
		return nil, err
	}
	l.LineStyle = st.Line
	l.LineStyle.Width = vg.Points(1.5)
	p.Add(l)
	p.Legend.Add("φ(α)", l)

	line := plotter.XYs{{X: 0, Y: f0}, {X: v.AMax, Y: f0 + v.C1*v.AMax*d0}}
	if line[1].Y < ylo-0.3*span { // clip the Armijo line at the bottom of the picture
		a := (ylo - 0.3*span - f0) / (v.C1 * d0)
		line[1] = plotter.XY{X: a, Y: f0 + v.C1*a*d0}
	}
	al, err := plotter.NewLine(line)
	if err != nil {
		return nil, err
	}
	al.LineStyle = SeriesStyle(1).Line
	p.Add(al)
	p.Legend.Add(fmt.Sprintf("φ(0) + c₁αφ′(0), c₁ = %g", v.C1), al)

	bars := func(set []bool, y float64, k int, name string) error {
		st := SeriesStyle(k)
		first := true
		for i := 0; i <= n; {
			if !set[i] {
				i++
				continue
			}
			j := i
			for j < n && set[j+1] {
				j++
			}
			seg, err := plotter.NewLine(plotter.XYs{{X: v.AMax * float64(i) / n, Y: y}, {X: v.AMax * float64(j) / n, Y: y}})
			if err != nil {
				return err
			}
			seg.LineStyle = draw.LineStyle{Color: st.Line.Color, Width: vg.Points(5)}
			p.Add(seg)
			if first {
				p.Legend.Add(name, seg)
				first = false
			}
			i = j + 1
		}
		return nil
	}
	if err := bars(armijo, ylo-0.12*span, 2, "sufficient decrease holds"); err != nil {
		return nil, err
	}
	if v.C2 > 0 {
		if err := bars(wolfe, ylo-0.2*span, 3, fmt.Sprintf("strong Wolfe holds, c₂ = %g", v.C2)); err != nil {
			return nil, err
		}
	}
	if len(v.Trials) > 0 {
		var pts plotter.XYs
		var labels []string
		for k, a := range v.Trials {
			if f := v.Phi(a); isFinite(f) && isFinite(a) {
				pts = append(pts, plotter.XY{X: a, Y: f})
				labels = append(labels, strconv.Itoa(k+1))
			}
		}
		if len(pts) > 0 {
			sc, err := plotter.NewScatter(pts)
			if err != nil {
				return nil, err
			}
			sc.GlyphStyle = draw.GlyphStyle{Color: SeriesStyle(4).Line.Color, Radius: vg.Points(3), Shape: draw.CircleGlyph{}}
			lab, err := plotter.NewLabels(plotter.XYLabels{XYs: pts, Labels: labels})
			if err != nil {
				return nil, err
			}
			for i := range lab.TextStyle {
				lab.TextStyle[i].Font.Size = vg.Points(8)
				lab.Offset = vg.Point{X: vg.Points(3), Y: vg.Points(3)}
			}
			p.Add(sc, lab)
			p.Legend.Add("trial steps (in order)", sc)
		}
	}
	if !math.IsNaN(v.Accepted) {
		if f := v.Phi(v.Accepted); isFinite(f) {
			sc, err := plotter.NewScatter(plotter.XYs{{X: v.Accepted, Y: f}})
			if err != nil {
				return nil, err
			}
			sc.GlyphStyle = draw.GlyphStyle{Color: color.Black, Radius: vg.Points(6), Shape: draw.RingGlyph{}}
			p.Add(sc)
			name := v.AcceptName
			if name == "" {
				name = "accepted step"
			}
			p.Legend.Add(name, sc)
		}
	}
	p.X.Min, p.X.Max = 0, v.AMax
	p.Y.Min, p.Y.Max = ylo-0.3*span, yhi+0.05*span
	LegendOutside(p)
	return p, nil
}
