package viz

// Figures of part II of the course (line search, steepest descent, Newton,
// conjugate gradients): contour maps with a colour bar, iterate paths from
// an optim.Result, φ(α) of a line search with its acceptable steps, and line
// plots with the legend beside the data.

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"sort"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/optlab/optlab/pkg/optim"
)

// MapWithBar is Contour (logLevels false) or ContourLog (true) with a colour
// bar to the right of the map that reads the shades as values: f, or
// log₁₀(f − min f) for log levels. The legend of paths added later stays
// inside the map, top right, on a translucent background.
func MapWithBar(f func(x, y float64) float64, xmin, xmax, ymin, ymax float64, title string, logLevels bool) (*plot.Plot, error) {
	g, err := SampleGrid(f, xmin, xmax, ymin, ymax, gridSize, gridSize)
	if err != nil {
		return nil, err
	}
	zmin, zmax := math.Inf(1), math.Inf(-1)
	for _, z := range g.Zs {
		if isFinite(z) {
			zmin, zmax = math.Min(zmin, z), math.Max(zmax, z)
		}
	}
	if math.IsInf(zmin, 1) {
		return nil, errors.New("viz: the function has no finite value on the box")
	}
	for i, z := range g.Zs {
		if !isFinite(z) {
			g.Zs[i] = zmax
		}
	}
	bar := &sideBar{label: "f"}
	if logLevels {
		delta := (zmax - zmin) * 1e-6
		if delta == 0 {
			delta = 1
		}
		for i, z := range g.Zs {
			g.Zs[i] = math.Log10(z - zmin + delta)
		}
		zmin, zmax = math.Log10(delta), math.Log10(zmax-zmin+delta)
		bar.label = "log₁₀(f − min f)"
	}
	if zmax == zmin {
		zmin, zmax = zmin-1, zmax+1
	}
	bar.lo, bar.hi = zmin, zmax
	p := newPlot(title, "x₁", "x₂")
	hm := plotter.NewHeatMap(g, paleViridis(64))
	hm.Min, hm.Max, hm.Rasterized = zmin, zmax, true
	p.Add(hm)
	levels := make([]float64, contourLevels)
	for i := range levels {
		levels[i] = zmin + (zmax-zmin)*float64(i+1)/float64(contourLevels+1)
	}
	if !logLevels { // evenly spaced values between the 1% and 99% quantiles, as Contour
		s := append([]float64(nil), g.Zs...)
		sort.Float64s(s)
		if lo, hi := s[len(s)/100], s[len(s)-1-len(s)/100]; hi > lo {
			for i := range levels {
				levels[i] = lo + (hi-lo)*(float64(i)+0.5)/float64(contourLevels)
			}
		}
	}
	c := plotter.NewContour(g, levels, nil)
	c.LineStyles = []draw.LineStyle{{Color: color.Gray{Y: 70}, Width: vg.Points(0.6)}}
	p.Add(c, bar)
	p.Legend.XOffs = -bar.reserved()
	p.X.Min, p.X.Max = xmin, xmax
	p.Y.Min, p.Y.Max = ymin, ymax
	return p, nil
}

// sideBar is a vertical colour bar drawn to the right of the data area,
// which it makes room for through GlyphBoxes.
type sideBar struct {
	lo, hi float64
	label  string
}

const (
	barGap   = 8  // points between the data area and the bar
	barWidth = 10 // points
	barText  = 46 // points for the tick labels and the rotated label
)

// reserved is the width the bar takes to the right of the data area.
func (b *sideBar) reserved() vg.Length { return vg.Points(barGap + barWidth + barText) }

func (b *sideBar) GlyphBoxes(*plot.Plot) []plot.GlyphBox {
	w := b.reserved()
	return []plot.GlyphBox{{X: 1, Y: 0.5, Rectangle: vg.Rectangle{Min: vg.Point{X: 0, Y: 0}, Max: vg.Point{X: w, Y: 1}}}}
}

func (b *sideBar) Plot(c draw.Canvas, p *plot.Plot) {
	// The legend's background: the legend is drawn XOffs = −reserved from
	// the right edge of the whole plot, i.e. at the data area's right edge.
	if size := p.Legend.Rectangle(c).Size(); size.X > 0 && size.Y > 0 {
		const pad = 3
		c.SetColor(color.NRGBA{R: 255, G: 255, B: 255, A: 210})
		c.Fill(vg.Rectangle{
			Min: vg.Point{X: c.Max.X - size.X - vg.Points(2*pad), Y: c.Max.Y + p.Legend.YOffs - size.Y - vg.Points(pad)},
			Max: vg.Point{X: c.Max.X + vg.Points(pad), Y: c.Max.Y + p.Legend.YOffs + vg.Points(pad)},
		}.Path())
	}
	pal := paleViridis(64).Colors()
	x0 := c.Max.X + vg.Points(barGap)
	x1 := x0 + vg.Points(barWidth)
	h := c.Max.Y - c.Min.Y
	for i, col := range pal {
		y0 := c.Min.Y + h*vg.Length(i)/vg.Length(len(pal))
		y1 := c.Min.Y + h*vg.Length(i+1)/vg.Length(len(pal))
		c.SetColor(col)
		c.Fill(vg.Rectangle{Min: vg.Point{X: x0, Y: y0}, Max: vg.Point{X: x1, Y: y1 + 0.3}}.Path())
	}
	c.SetLineStyle(draw.LineStyle{Color: color.Gray{Y: 90}, Width: vg.Points(0.5)})
	c.Stroke(vg.Rectangle{Min: vg.Point{X: x0, Y: c.Min.Y}, Max: vg.Point{X: x1, Y: c.Max.Y}}.Path())
	font := p.Y.Tick.Label
	font.Font.Size = vg.Points(8)
	font.XAlign, font.YAlign = draw.XLeft, draw.YCenter
	for _, t := range niceTicks(b.lo, b.hi, 5) {
		y := c.Min.Y + h*vg.Length((t-b.lo)/(b.hi-b.lo))
		c.StrokeLine2(draw.LineStyle{Color: color.Gray{Y: 60}, Width: vg.Points(0.5)}, x1, y, x1+vg.Points(3), y)
		c.FillText(font, vg.Point{X: x1 + vg.Points(4), Y: y}, strconv.FormatFloat(t, 'g', 3, 64))
	}
	lab := font
	lab.Rotation = math.Pi / 2
	lab.XAlign, lab.YAlign = draw.XCenter, draw.YBottom // rotated: the text lies left of the point
	lab.Font.Size = vg.Points(9)
	c.FillText(lab, vg.Point{X: x0 + vg.Points(barWidth+barText-1), Y: c.Min.Y + h/2}, b.label)
}

// niceTicks returns about n round values inside [lo, hi].
func niceTicks(lo, hi float64, n int) []float64 {
	step := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(step)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= step {
			step = m * mag
			break
		}
	}
	var ts []float64
	for t := math.Ceil(lo/step) * step; t <= hi+1e-9*step; t += step {
		if math.Abs(t) < 1e-12*step {
			t = 0
		}
		ts = append(ts, t)
	}
	return ts
}

// RunPath returns the first two coordinates of x0 and of every recorded
// iterate of r (Settings.Record must have been set), ready for AddPath. It
// returns an error if r has no path or the problem has fewer than two
// variables.
func RunPath(x0 []float64, r *optim.Result) (xs, ys []float64, err error) {
	if r == nil || len(x0) < 2 {
		return nil, nil, errors.New("viz: RunPath: need a result and a start with at least two coordinates")
	}
	xs, ys = []float64{x0[0]}, []float64{x0[1]}
	for _, it := range r.Path {
		if len(it.X) < 2 {
			return nil, nil, fmt.Errorf("viz: RunPath: an iterate has %d coordinates", len(it.X))
		}
		xs, ys = append(xs, it.X[0]), append(ys, it.X[1])
	}
	return xs, ys, nil
}

// AddRunPath draws the path of r from x0 (see RunPath) with AddPath.
func AddRunPath(p *plot.Plot, name string, x0 []float64, r *optim.Result) error {
	xs, ys, err := RunPath(x0, r)
	if err != nil {
		return err
	}
	return AddPath(p, name, xs, ys)
}

// LegendBeside moves the legend of p to the right of the data area, which
// shrinks to make room, so that no entry covers a curve. Call it after the
// last entry has been added.
func LegendBeside(p *plot.Plot) {
	p.Legend.Top = true
	p.Legend.Left = false
	p.Legend.XOffs = -vg.Points(8)
	p.Add(besideSpace{})
}

// besideSpace reserves the width of the legend to the right of the data.
type besideSpace struct{}

func (besideSpace) Plot(draw.Canvas, *plot.Plot) {}

func (besideSpace) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	r := p.Legend.Rectangle(draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: 1000, Y: 1000}}})
	w := r.Size().X + vg.Points(18)
	return []plot.GlyphBox{{X: 1, Y: 1, Rectangle: vg.Rectangle{Min: vg.Point{X: 0, Y: 0}, Max: vg.Point{X: w, Y: 1}}}}
}

// LinesBeside is Lines with the legend beside the data (LegendBeside) and
// without the head room Lines leaves for a legend inside: for log plots
// whose curves fill the whole height.
func LinesBeside(title, xlabel, ylabel string, logY bool, series ...Series) (*plot.Plot, error) {
	p, err := Lines(title, xlabel, ylabel, logY, series...)
	if err != nil {
		return nil, err
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	var ys [][]float64
	for _, s := range series {
		ys = append(ys, s.Y)
	}
	floor := logFloor(ys...)
	for _, s := range series {
		for _, y := range s.Y {
			if math.IsInf(y, 0) {
				continue
			}
			if logY && y <= 0 {
				y = floor
			}
			lo, hi = math.Min(lo, y), math.Max(hi, y)
		}
	}
	p.Y.Min, p.Y.Max = lo, hi
	if logY {
		p.Y.Min, p.Y.Max = lo/1.5, hi*1.5
		fixLogRange(&p.Y)
	} else if hi > lo {
		pad := (hi - lo) * 0.04
		p.Y.Min, p.Y.Max = lo-pad, hi+pad
	}
	LegendBeside(p)
	return p, nil
}

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
	LegendBeside(p)
	return p, nil
}
