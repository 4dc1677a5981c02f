package viz

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"sort"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/optlab/optlab/pkg/optim"
)

// Grid holds samples of a function of two variables on a rectangular grid.
// It implements plotter.GridXYZ.
type Grid struct {
	Xs, Ys []float64 // column and row coordinates, increasing
	Zs     []float64 // Zs[r*len(Xs)+c] = f(Xs[c], Ys[r])
}

// Dims returns the number of columns and rows.
func (g *Grid) Dims() (c, r int) { return len(g.Xs), len(g.Ys) }

// Z returns the value at column c and row r.
func (g *Grid) Z(c, r int) float64 { return g.Zs[r*len(g.Xs)+c] }

// X returns the coordinate of column c.
func (g *Grid) X(c int) float64 { return g.Xs[c] }

// Y returns the coordinate of row r.
func (g *Grid) Y(r int) float64 { return g.Ys[r] }

// SampleGrid evaluates f at nx × ny evenly spaced points of the box
// [xmin, xmax] × [ymin, ymax] (corners included). It needs nx, ny >= 2 and
// a finite box with xmin < xmax and ymin < ymax. Values of f may be NaN or
// infinite; they are stored as they are.
func SampleGrid(f func(x, y float64) float64, xmin, xmax, ymin, ymax float64, nx, ny int) (*Grid, error) {
	if f == nil {
		return nil, errors.New("viz: function is nil")
	}
	if err := checkBox(xmin, xmax, ymin, ymax); err != nil {
		return nil, err
	}
	if nx < 2 || ny < 2 || nx*ny > 1e7 {
		return nil, fmt.Errorf("viz: grid size %d × %d: need at least 2 × 2 and at most 1e7 points", nx, ny)
	}
	g := &Grid{Xs: make([]float64, nx), Ys: make([]float64, ny), Zs: make([]float64, nx*ny)}
	for c := range g.Xs {
		g.Xs[c] = xmin + (xmax-xmin)*float64(c)/float64(nx-1)
	}
	for r := range g.Ys {
		g.Ys[r] = ymin + (ymax-ymin)*float64(r)/float64(ny-1)
	}
	for r, y := range g.Ys {
		for c, x := range g.Xs {
			g.Zs[r*nx+c] = f(x, y)
		}
	}
	return g, nil
}

func checkBox(xmin, xmax, ymin, ymax float64) error {
	for _, v := range []float64{xmin, xmax, ymin, ymax} {
		if !isFinite(v) {
			return fmt.Errorf("viz: box [%v, %v] × [%v, %v] is not finite", xmin, xmax, ymin, ymax)
		}
	}
	if !(xmin < xmax) || !(ymin < ymax) {
		return fmt.Errorf("viz: box [%v, %v] × [%v, %v] is empty: need xmin < xmax and ymin < ymax", xmin, xmax, ymin, ymax)
	}
	return nil
}

// gridSize is the resolution of Contour and ContourLog.
const gridSize = 121

// contourLevels is the number of contour lines.
const contourLevels = 14

// Contour plots f over the box [xmin, xmax] × [ymin, ymax] as a pale heat
// map (dark = low) with contour lines at evenly spaced values of f. The
// axes are labelled x₁ and x₂. Add paths, points and ellipses with AddPath,
// AddPoints and AddEllipse.
//
// Where f is NaN or infinite the map shows the largest finite value. It
// returns an error if f is nil, the box is empty or not finite, or f has no
// finite value on the grid.
func Contour(f func(x, y float64) float64, xmin, xmax, ymin, ymax float64, title string) (*plot.Plot, error) {
	return contour(f, xmin, xmax, ymin, ymax, title, false)
}

// ContourLog is Contour with log-spaced levels: heat map and contour lines
// show log10(f − min f + δ), where min f is the smallest value on the grid
// and δ a millionth of the range of f. Use it for functions whose
// interesting part is a narrow valley far below the values elsewhere, such
// as Rosenbrock's.
func ContourLog(f func(x, y float64) float64, xmin, xmax, ymin, ymax float64, title string) (*plot.Plot, error) {
	return contour(f, xmin, xmax, ymin, ymax, title, true)
}

// contour draws the map with its colour bar on the right (the legend
// moved left of the bar).
func contour(f func(x, y float64) float64, xmin, xmax, ymin, ymax float64, title string, logLevels bool) (*plot.Plot, error) {
	pl, bar, err := contourMap(f, xmin, xmax, ymin, ymax, title, logLevels)
	if err != nil {
		return nil, err
	}
	w := bar.width()
	pl.Legend.XOffs -= w
	bar.legend.shift = w
	pl.Add(bar)
	return pl, nil
}

// contourMap draws the map and also returns its colour bar (not added).
func contourMap(f func(x, y float64) float64, xmin, xmax, ymin, ymax float64, title string, logLevels bool) (*plot.Plot, *colorBar, error) {
	g, err := SampleGrid(f, xmin, xmax, ymin, ymax, gridSize, gridSize)
	if err != nil {
		return nil, nil, err
	}
	zmin, zmax := math.Inf(1), math.Inf(-1)
	for _, z := range g.Zs {
		if isFinite(z) {
			zmin = math.Min(zmin, z)
			zmax = math.Max(zmax, z)
		}
	}
	if math.IsInf(zmin, 1) {
		return nil, nil, errors.New("viz: the function has no finite value on the box")
	}
	fmin := zmin
	for i, z := range g.Zs {
		if !isFinite(z) {
			g.Zs[i] = zmax
		}
	}
	if logLevels {
		delta := (zmax - zmin) * 1e-6
		if delta == 0 {
			delta = 1
		}
		for i, z := range g.Zs {
			g.Zs[i] = math.Log10(z - zmin + delta)
		}
		zmin, zmax = math.Log10(delta), math.Log10(zmax-zmin+delta)
	}

	p := newPlot(title, "x₁", "x₂")
	p.Legend.TextStyle.Font.Size = vg.Points(9)
	pal := paleViridis(64)
	hm := plotter.NewHeatMap(g, pal)
	if zmax == zmin {
		hm.Min, hm.Max = zmin-1, zmax+1
	} else {
		hm.Min, hm.Max = zmin, zmax
	}
	hm.Rasterized = true
	p.Add(hm)

	if zmax > zmin {
		levels := make([]float64, 0, contourLevels)
		if logLevels {
			// Evenly spaced in log(f - fmin), from a bit above the bottom.
			for i := 1; i <= contourLevels; i++ {
				levels = append(levels, zmin+(zmax-zmin)*float64(i)/float64(contourLevels+1))
			}
		} else {
			// Evenly spaced values of f, but not more than the data
			// supports: take them between the 1% and 99% quantiles.
			s := append([]float64(nil), g.Zs...)
			sort.Float64s(s)
			lo, hi := s[len(s)/100], s[len(s)-1-len(s)/100]
			if !(hi > lo) {
				lo, hi = zmin, zmax
			}
			for i := 0; i < contourLevels; i++ {
				levels = append(levels, lo+(hi-lo)*(float64(i)+0.5)/float64(contourLevels))
			}
		}
		c := plotter.NewContour(g, levels, nil)
		c.LineStyles = []draw.LineStyle{{Color: color.Gray{Y: 70}, Width: vg.Points(0.6)}}
		p.Add(c)
	}
	lb := &legendBackground{}
	p.Add(lb)
	p.X.Min, p.X.Max = xmin, xmax
	p.Y.Min, p.Y.Max = ymin, ymax
	bar := &colorBar{pal: pal, min: hm.Min, max: hm.Max, logLevels: logLevels, fmin: fmin, legend: lb}
	if logLevels {
		bar.delta = math.Pow(10, zmin)
	}
	return p, bar, nil
}

// ContourProblem draws the contour map of a 2-D problem of package problems
// (or any optim.Problem of two variables) over its box [Lower, Upper], as
// Contour does (ContourLog with logLevels), with a colour bar on the right
// that gives the values of f: in f for evenly spaced levels, in f − min f on
// a log scale for log-spaced ones. It returns an error if p has no
// objective, is not 2-D, or has no finite box.
func ContourProblem(p optim.Problem, title string, logLevels bool) (*plot.Plot, error) {
	if p.Func == nil {
		return nil, errors.New("viz: ContourProblem: the problem has no objective")
	}
	if len(p.Lower) != 2 || len(p.Upper) != 2 || (p.Dim != 0 && p.Dim != 2) {
		return nil, fmt.Errorf("viz: ContourProblem: need a 2-D problem with Lower and Upper of length 2, got Dim %d, %d lower and %d upper bounds", p.Dim, len(p.Lower), len(p.Upper))
	}
	x := make([]float64, 2)
	f := func(a, b float64) float64 { x[0], x[1] = a, b; return p.Func(x) }
	return contour(f, p.Lower[0], p.Upper[0], p.Lower[1], p.Upper[1], title, logLevels)
}

// colorBar draws the heat map's colour scale to the right of the data
// area; its GlyphBoxes make the plot leave room for it.
type colorBar struct {
	pal       palette.Palette
	min, max  float64 // the heat map's range (log10(f − fmin + δ) for log levels)
	logLevels bool
	fmin      float64 // the smallest value of f on the grid
	delta     float64 // δ of the log levels
	legend    *legendBackground
}

const (
	barGap   = 10 // points between the data area and the bar
	barWidth = 10 // points
)

// ticks returns the bar's tick positions (in heat-map units) and labels.
func (b *colorBar) ticks() (pos []float64, labels []string) {
	if b.logLevels {
		// Decades of f − fmin.
		lo, hi := math.Ceil(b.min), math.Floor(b.max)
		step := math.Max(1, math.Ceil((hi-lo+1)/6))
		for k := lo; k <= hi; k += step {
			pos = append(pos, math.Log10(math.Pow(10, k)+b.delta))
			labels = append(labels, formatLog(math.Pow(10, k)))
		}
		return pos, labels
	}
	for _, t := range (plot.DefaultTicks{}).Ticks(b.min, b.max) {
		if t.Label != "" && t.Value >= b.min && t.Value <= b.max {
			pos = append(pos, t.Value)
			labels = append(labels, strconv.FormatFloat(t.Value, 'g', 4, 64))
		}
	}
	return pos, labels
}

func (b *colorBar) label() string {
	if b.logLevels {
		return "f − min f (log scale)"
	}
	return "f"
}

var barFont = func() draw.TextStyle {
	p := plot.New()
	st := p.Y.Tick.Label
	st.Font.Size = vg.Points(9)
	return st
}()

// width is the room the bar needs to the right of the data area.
func (b *colorBar) width() vg.Length {
	w := vg.Length(0)
	_, labels := b.ticks()
	for _, l := range labels {
		w = max(w, barFont.Width(l))
	}
	return vg.Points(barGap+barWidth+4) + w + vg.Points(6) + barFont.Height(b.label())
}

// GlyphBoxes reserves the bar's width at the right edge.
func (b *colorBar) GlyphBoxes(*plot.Plot) []plot.GlyphBox {
	return []plot.GlyphBox{{X: 1, Y: 0.5, Rectangle: vg.Rectangle{Max: vg.Point{X: b.width(), Y: 1}}}}
}

// Plot draws the bar right of the data canvas c.
func (b *colorBar) Plot(c draw.Canvas, _ *plot.Plot) {
	x0 := c.Max.X + vg.Points(barGap)
	x1 := x0 + vg.Points(barWidth)
	cols := b.pal.Colors()
	h := c.Max.Y - c.Min.Y
	if !(b.max > b.min) || h <= 0 {
		return
	}
	for i, col := range cols {
		y0 := c.Min.Y + h*vg.Length(i)/vg.Length(len(cols))
		y1 := c.Min.Y + h*vg.Length(i+1)/vg.Length(len(cols))
		c.SetColor(col)
		c.Fill(vg.Rectangle{Min: vg.Point{X: x0, Y: y0}, Max: vg.Point{X: x1, Y: y1 + 0.3}}.Path())
	}
	ls := draw.LineStyle{Color: color.Gray{Y: 60}, Width: vg.Points(0.5)}
	c.StrokeLines(ls, []vg.Point{{X: x0, Y: c.Min.Y}, {X: x1, Y: c.Min.Y}, {X: x1, Y: c.Max.Y}, {X: x0, Y: c.Max.Y}, {X: x0, Y: c.Min.Y}})
	pos, labels := b.ticks()
	st := barFont
	st.XAlign, st.YAlign = draw.XLeft, draw.YCenter
	w := vg.Length(0)
	for i, v := range pos {
		y := c.Min.Y + h*vg.Length((v-b.min)/(b.max-b.min))
		c.StrokeLine2(ls, x1, y, x1+vg.Points(3), y)
		c.FillText(st, vg.Point{X: x1 + vg.Points(4), Y: y}, labels[i])
		w = max(w, st.Width(labels[i]))
	}
	lt := barFont
	lt.Rotation = math.Pi / 2
	lt.XAlign, lt.YAlign = draw.XCenter, draw.YCenter
	c.FillText(lt, vg.Point{X: x1 + vg.Points(6) + w + barFont.Height(b.label())/2, Y: (c.Min.Y + c.Max.Y) / 2}, b.label())
}

// legendBackground is a plotter that paints a translucent white box where
// the legend (top right) will be drawn, so that its text stays readable
// over a heat map. It sizes the box at drawing time, so it also covers
// legend entries added later.
type legendBackground struct {
	shift vg.Length // the legend's XOffs beyond the data area (a colour bar's width)
}

func (b *legendBackground) Plot(c draw.Canvas, p *plot.Plot) {
	size := p.Legend.Rectangle(c).Size()
	if size.X <= 0 || size.Y <= 0 {
		return
	}
	const pad = 3
	r := vg.Rectangle{
		Min: vg.Point{X: c.Max.X + p.Legend.XOffs + b.shift - size.X - vg.Points(2*pad), Y: c.Max.Y + p.Legend.YOffs - size.Y - vg.Points(pad)},
		Max: vg.Point{X: c.Max.X + p.Legend.XOffs + b.shift + vg.Points(pad), Y: c.Max.Y + p.Legend.YOffs + vg.Points(pad)},
	}
	c.SetColor(color.NRGBA{R: 255, G: 255, B: 255, A: 210})
	c.Fill(r.Path())
}

// paleViridis returns n colours along the viridis colour map (dark purple
// for low values to yellow for high ones) mixed with 45% white, so that
// paths drawn on top stay visible.
func paleViridis(n int) palette.Palette {
	ctrl := [][3]float64{
		{0x44, 0x01, 0x54}, {0x3B, 0x52, 0x8B}, {0x21, 0x90, 0x8C}, {0x5D, 0xC9, 0x63}, {0xFD, 0xE7, 0x25},
	}
	cs := make([]color.Color, n)
	for i := range cs {
		t := float64(i) / float64(n-1) * float64(len(ctrl)-1)
		k := min(int(t), len(ctrl)-2)
		u := t - float64(k)
		var rgb [3]uint8
		for j := range rgb {
			v := ctrl[k][j]*(1-u) + ctrl[k+1][j]*u
			v = 0.55*v + 0.45*255
			rgb[j] = uint8(math.Round(v))
		}
		cs[i] = color.RGBA{R: rgb[0], G: rgb[1], B: rgb[2], A: 0xFF}
	}
	return fixedPalette(cs)
}

type fixedPalette []color.Color

func (p fixedPalette) Colors() []color.Color { return p }

// AddPath draws a path of points (xs[i], ys[i]), such as the iterates of a
// 2-D method, as a line with a marker at every point (or at some of them
// for long paths); the start is circled. Each path added to the same plot
// gets the next style (colour, dashes, marker). An empty name adds no
// legend entry. It returns an error for empty or mismatched slices or
// non-finite points.
func AddPath(p *plot.Plot, name string, xs, ys []float64) error {
	if p == nil {
		return errors.New("viz: AddPath: plot is nil")
	}
	if err := checkXY("AddPath", xs, ys); err != nil {
		return err
	}
	xys := make(plotter.XYs, len(xs))
	for i := range xs {
		xys[i] = plotter.XY{X: xs[i], Y: ys[i]}
	}
	marks := xys
	if len(xys) > 60 {
		marks = markerPoints(xys, 0)
	}
	return addTrace(p, "AddPath", name, xys, marks, func(st Style) draw.GlyphStyle {
		return draw.GlyphStyle{Color: st.Line.Color, Radius: vg.Points(5), Shape: draw.RingGlyph{}}
	})
}

// addTrace is the drawing of AddPath and AddSimplex: in the plot's next
// style, a line through line (1.3 pt), markers at marks and the glyph
// first(style) at line[0], on top; a legend entry (line and marker) if
// name is not empty. what names the caller in errors.
func addTrace(p *plot.Plot, what, name string, line, marks plotter.XYs, first func(Style) draw.GlyphStyle) error {
	st := SeriesStyle(nextStyle(p))
	l, err := plotter.NewLine(line)
	if err != nil {
		return fmt.Errorf("viz: %s: %v", what, err)
	}
	l.LineStyle = st.Line
	l.LineStyle.Width = vg.Points(1.3)
	sc, err := plotter.NewScatter(marks)
	if err != nil {
		return fmt.Errorf("viz: %s: %v", what, err)
	}
	sc.GlyphStyle = st.Glyph
	sc.GlyphStyle.Radius = vg.Points(2.2)
	start, err := plotter.NewScatter(line[:1])
	if err != nil {
		return fmt.Errorf("viz: %s: %v", what, err)
	}
	start.GlyphStyle = first(st)
	p.Add(l, sc, start)
	if name != "" {
		p.Legend.Add(name, l, sc)
	}
	return nil
}

// AddPoints draws points (xs[i], ys[i]), such as a population, as markers
// in the plot's next style. An empty name adds no legend entry.
func AddPoints(p *plot.Plot, name string, xs, ys []float64) error {
	if p == nil {
		return errors.New("viz: AddPoints: plot is nil")
	}
	if err := checkXY("AddPoints", xs, ys); err != nil {
		return err
	}
	xys := make(plotter.XYs, len(xs))
	for i := range xs {
		xys[i] = plotter.XY{X: xs[i], Y: ys[i]}
	}
	st := SeriesStyle(nextStyle(p))
	sc, err := plotter.NewScatter(xys)
	if err != nil {
		return fmt.Errorf("viz: AddPoints: %v", err)
	}
	sc.GlyphStyle = st.Glyph
	p.Add(sc)
	if name != "" {
		p.Legend.Add(name, sc)
	}
	return nil
}

// AddEllipse draws the k-sigma ellipse of a 2-D Gaussian with mean
// (cx, cy) and covariance cov: the points x with
// (x−c)ᵀ cov⁻¹ (x−c) = k², and a plus at its centre. Use it to show the
// search distribution of CMA-ES. cov must be symmetric positive
// semi-definite and k > 0; otherwise it returns an error.
func AddEllipse(p *plot.Plot, name string, cx, cy float64, cov [2][2]float64, k float64) error {
	if p == nil {
		return errors.New("viz: AddEllipse: plot is nil")
	}
	if !isFinite(cx) || !isFinite(cy) || !isFinite(k) || k <= 0 {
		return fmt.Errorf("viz: AddEllipse: need a finite centre and k > 0, got (%v, %v), k = %v", cx, cy, k)
	}
	a, b, c, d := cov[0][0], cov[0][1], cov[1][0], cov[1][1]
	for _, v := range []float64{a, b, c, d} {
		if !isFinite(v) {
			return fmt.Errorf("viz: AddEllipse: covariance %v is not finite", cov)
		}
	}
	if math.Abs(b-c) > 1e-9*(math.Abs(a)+math.Abs(d)+math.Abs(b)) {
		return fmt.Errorf("viz: AddEllipse: covariance %v is not symmetric", cov)
	}
	// Eigen-decomposition of the symmetric 2×2 matrix [[a b] [b d]].
	mean := (a + d) / 2
	r := math.Hypot((a-d)/2, b)
	l1, l2 := mean+r, mean-r
	if l2 < -1e-12*math.Max(1, math.Abs(l1)) {
		return fmt.Errorf("viz: AddEllipse: covariance %v is not positive semi-definite (eigenvalue %g)", cov, l2)
	}
	l2 = math.Max(l2, 0)
	theta := 0.5 * math.Atan2(2*b, a-d) // direction of the first eigenvector
	u1 := [2]float64{math.Cos(theta), math.Sin(theta)}
	u2 := [2]float64{-u1[1], u1[0]}
	s1, s2 := k*math.Sqrt(l1), k*math.Sqrt(l2)
	const n = 120
	xys := make(plotter.XYs, n+1)
	for i := range xys {
		t := 2 * math.Pi * float64(i) / n
		ct, stt := math.Cos(t), math.Sin(t)
		xys[i] = plotter.XY{
			X: cx + s1*ct*u1[0] + s2*stt*u2[0],
			Y: cy + s1*ct*u1[1] + s2*stt*u2[1],
		}
	}
	st := SeriesStyle(nextStyle(p))
	l, err := plotter.NewLine(xys)
	if err != nil {
		return fmt.Errorf("viz: AddEllipse: %v", err)
	}
	l.LineStyle = st.Line
	ctr, err := plotter.NewScatter(plotter.XYs{{X: cx, Y: cy}})
	if err != nil {
		return fmt.Errorf("viz: AddEllipse: %v", err)
	}
	ctr.GlyphStyle = draw.GlyphStyle{Color: st.Line.Color, Radius: vg.Points(4), Shape: draw.PlusGlyph{}}
	p.Add(l, ctr)
	if name != "" {
		p.Legend.Add(name, l)
	}
	return nil
}
