package viz

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/optlab/optlab/pkg/optim"
)

// This file holds the helpers for recorded runs (optim.Result.Path) and
// for figures whose legend or colour scale must not cover the data: a
// contour map of an optim.Problem with a colour bar, and line charts with
// the legend beside the plot instead of in headroom above the data (which
// on a log axis costs decades).

// PathXY returns coordinates i and j of x0 (left out if nil) followed by
// the iterates path[k].X of a recorded run (Settings.Record), stopping
// before the first point that is not finite or lies outside box (xmin,
// xmax, ymin, ymax; nil box: no limit), so that a diverging run does not
// change the scale of a map. It returns an error if i or j is out of range
// for a point.
func PathXY(x0 []float64, path []optim.Iteration, i, j int, box []float64) (xs, ys []float64, err error) {
	if box != nil && len(box) != 4 {
		return nil, nil, fmt.Errorf("viz: PathXY: box needs 4 numbers (xmin, xmax, ymin, ymax), got %d", len(box))
	}
	pts := make([][]float64, 0, len(path)+1)
	if x0 != nil {
		pts = append(pts, x0)
	}
	for _, it := range path {
		pts = append(pts, it.X)
	}
	for k, x := range pts {
		if i < 0 || j < 0 || i >= len(x) || j >= len(x) {
			return nil, nil, fmt.Errorf("viz: PathXY: point %d has %d coordinates, want indices %d and %d", k, len(x), i, j)
		}
		a, b := x[i], x[j]
		if !isFinite(a) || !isFinite(b) {
			break
		}
		if box != nil && (a < box[0] || a > box[1] || b < box[2] || b > box[3]) {
			break
		}
		xs, ys = append(xs, a), append(ys, b)
	}
	return xs, ys, nil
}

// AddRun draws the path of a recorded 2-D run on p with AddPath: x0 (may
// be nil), then the iterates r.Path[k].X, cut before the first point that
// leaves p's axis ranges (a diverging run). It returns an error if the run
// was not recorded or nothing is left to draw.
func AddRun(p *plot.Plot, name string, x0 []float64, r *optim.Result) error {
	if p == nil || r == nil {
		return errors.New("viz: AddRun: nil plot or result")
	}
	if len(r.Path) == 0 && x0 == nil {
		return errors.New("viz: AddRun: the result has no Path (set Settings.Record)")
	}
	xs, ys, err := PathXY(x0, r.Path, 0, 1, []float64{p.X.Min, p.X.Max, p.Y.Min, p.Y.Max})
	if err != nil {
		return err
	}
	if len(xs) == 0 {
		return fmt.Errorf("viz: AddRun: %q: no point of the path lies in the plot", name)
	}
	return AddPath(p, name, xs, ys)
}

// PathF returns the values F of a recorded path, stopping before the first
// one that is not finite (a run that diverged).
func PathF(path []optim.Iteration) []float64 {
	fs := make([]float64, 0, len(path))
	for _, it := range path {
		if !isFinite(it.F) {
			break
		}
		fs = append(fs, it.F)
	}
	return fs
}

// LinesLegendOutside is Lines with the legend to the right of the data
// instead of above it: the y axis keeps the data's range (Lines adds
// headroom for the legend, which on a log axis costs decades), and the
// data area narrows to make room for the legend.
func LinesLegendOutside(title, xlabel, ylabel string, logY bool, series ...Series) (*plot.Plot, error) {
	p, err := Lines(title, xlabel, ylabel, logY, series...)
	if err != nil {
		return nil, err
	}
	bare := make([]Series, len(series))
	for k, s := range series {
		bare[k] = Series{X: s.X, Y: s.Y}
	}
	q, err := Lines(title, xlabel, ylabel, logY, bare...) // the same chart without headroom
	if err != nil {
		return nil, err
	}
	p.Y.Min, p.Y.Max = q.Y.Min, q.Y.Max
	LegendOutside(p)
	return p, nil
}

// LegendOutside moves p's legend out of the data area, to its right: the
// data area narrows by the legend's width. It does not change the axis
// ranges (use LinesLegendOutside for line charts, whose y axis Lines
// extends for the legend).
func LegendOutside(p *plot.Plot) {
	p.Legend.Top = true
	p.Legend.Left = false
	p.Legend.XOffs = 0
	p.Add(legendSpace{})
}

// legendSpace reserves room right of the data area for the legend (a glyph
// box at the right edge, which gonum/plot keeps inside the canvas).
type legendSpace struct{}

func (legendSpace) Plot(draw.Canvas, *plot.Plot) {}

func (legendSpace) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	w := p.Legend.Rectangle(draw.Canvas{}).Size().X
	if w <= 0 {
		return nil
	}
	return []plot.GlyphBox{{X: 1, Y: 1, Rectangle: vg.Rectangle{Max: vg.Point{X: w + vg.Points(10)}}}}
}

// ProblemContour draws the 2-D problem prob (prob.Func at (x₁, x₂)) over
// the box [xmin, xmax] × [ymin, ymax] as a pale heat map with contour lines
// and a colour bar at the right that says which colour is which value:
// evenly spaced values of f, or, with logLevels, log-spaced levels of
// f − min f (as ContourLog, for valleys such as Rosenbrock's). The legend of
// paths added later sits at the top right of the map, on a white box.
// It returns an error for a problem that is not 2-D (Dim set to another
// value), a nil Func, an empty or infinite box, or a function without
// finite values on the grid.
func ProblemContour(prob optim.Problem, xmin, xmax, ymin, ymax float64, title string, logLevels bool) (*plot.Plot, error) {
	if prob.Func == nil {
		return nil, errors.New("viz: ProblemContour: Problem.Func is nil")
	}
	if prob.Dim != 0 && prob.Dim != 2 {
		return nil, fmt.Errorf("viz: ProblemContour: the problem has %d variables, want 2", prob.Dim)
	}
	x := make([]float64, 2)
	f := func(a, b float64) float64 {
		x[0], x[1] = a, b
		return prob.Func(x)
	}
	return FuncContour(f, xmin, xmax, ymin, ymax, title, logLevels)
}

// FuncContour is ProblemContour for a function of (x₁, x₂).
func FuncContour(f func(x, y float64) float64, xmin, xmax, ymin, ymax float64, title string, logLevels bool) (*plot.Plot, error) {
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
	fmin := zmin
	if logLevels {
		delta := (zmax - zmin) * 1e-6
		if delta == 0 {
			delta = 1
		}
		for i, z := range g.Zs {
			g.Zs[i] = math.Log10(z - fmin + delta)
		}
		zmin, zmax = math.Log10(delta), math.Log10(zmax-fmin+delta)
	}
	lo, hi := zmin, zmax
	if !(hi > lo) {
		lo, hi = zmin-1, zmax+1
	}

	p := newPlot(title, "x₁", "x₂")
	pal := paleViridis(64)
	hm := plotter.NewHeatMap(g, pal)
	hm.Min, hm.Max = lo, hi
	hm.Rasterized = true
	p.Add(hm)
	if zmax > zmin {
		levels := make([]float64, 0, contourLevels)
		if logLevels {
			for i := 1; i <= contourLevels; i++ {
				levels = append(levels, zmin+(zmax-zmin)*float64(i)/float64(contourLevels+1))
			}
		} else {
			s := append([]float64(nil), g.Zs...)
			sort.Float64s(s)
			a, b := s[len(s)/100], s[len(s)-1-len(s)/100]
			if !(b > a) {
				a, b = zmin, zmax
			}
			for i := 0; i < contourLevels; i++ {
				levels = append(levels, a+(b-a)*(float64(i)+0.5)/float64(contourLevels))
			}
		}
		c := plotter.NewContour(g, levels, nil)
		c.LineStyles = []draw.LineStyle{{Color: color.Gray{Y: 70}, Width: vg.Points(0.6)}}
		p.Add(c)
	}
	cb := newColorBar(pal, lo, hi, logLevels)
	if logLevels {
		cb.label = fmt.Sprintf("f − min f  (min f on the map = %.3g)", fmin)
	}
	p.Legend.XOffs = -cb.width()
	p.Add(mapLegendBackground{}, cb)
	p.X.Min, p.X.Max = xmin, xmax
	p.Y.Min, p.Y.Max = ymin, ymax
	return p, nil
}

// mapLegendBackground paints a translucent white box under the legend at
// the top right of the data area (the legend's XOffs moves it left of the
// colour bar).
type mapLegendBackground struct{}

func (mapLegendBackground) Plot(c draw.Canvas, p *plot.Plot) {
	size := p.Legend.Rectangle(c).Size()
	if size.X <= 0 || size.Y <= 0 {
		return
	}
	const pad = 3
	r := vg.Rectangle{
		Min: vg.Point{X: c.Max.X - size.X - vg.Points(2*pad), Y: c.Max.Y + p.Legend.YOffs - size.Y - vg.Points(pad)},
		Max: vg.Point{X: c.Max.X + vg.Points(pad), Y: c.Max.Y + p.Legend.YOffs + vg.Points(pad)},
	}
	c.SetColor(color.NRGBA{R: 255, G: 255, B: 255, A: 210})
	c.Fill(r.Path())
}

// colorBar draws the colour scale of a heat map right of the data area,
// in room it reserves with a glyph box.
type colorBar struct {
	pal    palette.Palette
	lo, hi float64 // the heat map's range (log10 values if log)
	log    bool
	label  string
	ticks  []plot.Tick
	font   text.Style
}

const (
	cbGap  = 8  // points between data area and bar
	cbBar  = 10 // bar width
	cbTick = 3
)

func newColorBar(pal palette.Palette, lo, hi float64, log bool) *colorBar {
	cb := &colorBar{pal: pal, lo: lo, hi: hi, log: log, label: "f(x)"}
	sty := plot.New().Y.Tick.Label
	sty.Font.Size = vg.Points(8)
	sty.XAlign = draw.XLeft
	sty.YAlign = draw.YCenter
	cb.font = sty
	if log {
		span := hi - lo
		step := 1.0
		for span/step > 7 {
			step++
		}
		for e := math.Ceil(lo); e <= hi; e += step {
			cb.ticks = append(cb.ticks, plot.Tick{Value: e, Label: formatLog(math.Pow(10, e))})
		}
	} else {
		for _, t := range (linTicks{}).Ticks(lo, hi) {
			if t.Label != "" {
				cb.ticks = append(cb.ticks, t)
			}
		}
	}
	return cb
}

func (cb *colorBar) labelWidth() vg.Length {
	var w vg.Length
	for _, t := range cb.ticks {
		w = max(w, cb.font.Rectangle(t.Label).Size().X)
	}
	return w
}

// width is the room the bar takes right of the data area.
func (cb *colorBar) width() vg.Length {
	return vg.Points(cbGap+cbBar+cbTick+2) + cb.labelWidth() + vg.Points(6) + cb.font.Font.Size*1.4
}

func (cb *colorBar) GlyphBoxes(*plot.Plot) []plot.GlyphBox {
	return []plot.GlyphBox{{X: 1, Y: 0.5, Rectangle: vg.Rectangle{Max: vg.Point{X: cb.width()}}}}
}

func (cb *colorBar) Plot(c draw.Canvas, _ *plot.Plot) {
	x0 := c.Max.X + vg.Points(cbGap)
	x1 := x0 + vg.Points(cbBar)
	y0, y1 := c.Min.Y, c.Max.Y
	cols := cb.pal.Colors()
	n := len(cols)
	for i, col := range cols {
		a := y0 + (y1-y0)*vg.Length(float64(i)/float64(n))
		b := y0 + (y1-y0)*vg.Length(float64(i+1)/float64(n))
		c.SetColor(col)
		c.Fill(vg.Rectangle{Min: vg.Point{X: x0, Y: a}, Max: vg.Point{X: x1, Y: b + 0.3}}.Path())
	}
	frame := draw.LineStyle{Color: color.Gray{Y: 60}, Width: vg.Points(0.5)}
	c.StrokeLines(frame, []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}, {X: x0, Y: y0}})
	for _, t := range cb.ticks {
		y := y0 + (y1-y0)*vg.Length((t.Value-cb.lo)/(cb.hi-cb.lo))
		c.StrokeLine2(frame, x1, y, x1+vg.Points(cbTick), y)
		c.FillText(cb.font, vg.Point{X: x1 + vg.Points(cbTick+2), Y: y}, t.Label)
	}
	lab := cb.font
	lab.Font.Size = vg.Points(9)
	lab.Rotation = -math.Pi / 2
	lab.XAlign = draw.XCenter
	lab.YAlign = draw.YTop
	lx := x1 + vg.Points(cbTick+2) + cb.labelWidth() + vg.Points(5)
	c.FillText(lab, vg.Point{X: lx, Y: (y0 + y1) / 2}, cb.label)
}
