package viz

import (
	"errors"
	"fmt"

	"gonum.org/v1/plot"
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
	return linesLegendBeside(title, xlabel, ylabel, logY, 0, vg.Points(10), series)
}

// LegendOutside moves p's legend out of the data area, to its right: the
// data area narrows by the legend's width. It does not change the axis
// ranges (use LinesLegendOutside for line charts, whose y axis Lines
// extends for the legend).
func LegendOutside(p *plot.Plot) {
	legendBeside(p, 0, vg.Points(10))
}

// linesLegendBeside is the one implementation of the line charts with the
// legend right of the data (LinesLegendOutside, LinesLegendRight): Lines
// with the y range of the data alone (without Lines's headroom for the
// legend) and legendBeside(p, margin, gap).
func linesLegendBeside(title, xlabel, ylabel string, logY bool, margin, gap vg.Length, series []Series) (*plot.Plot, error) {
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
	legendBeside(p, margin, gap)
	return p, nil
}

// legendBeside is the one implementation of a legend right of the data
// area: at the top, its right edge margin from the image's right edge,
// with the data area narrowed by the legend's width + gap + margin.
func legendBeside(p *plot.Plot, margin, gap vg.Length) {
	p.Legend.Top = true
	p.Legend.Left = false
	p.Legend.XOffs = -margin
	p.Add(legendSpace{room: gap + margin})
}

// legendSpace reserves room right of the data area for the legend (a glyph
// box at the right edge, which gonum/plot keeps inside the canvas): the
// legend's width plus room.
type legendSpace struct{ room vg.Length }

func (legendSpace) Plot(draw.Canvas, *plot.Plot) {}

func (s legendSpace) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	w := p.Legend.Rectangle(draw.Canvas{}).Size().X
	if w <= 0 {
		return nil
	}
	return []plot.GlyphBox{{X: 1, Y: 1, Rectangle: vg.Rectangle{Max: vg.Point{X: w + s.room}}}}
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

// FuncContour is ProblemContour for a function of (x₁, x₂): Contour or
// ContourLog, with the colour bar.
func FuncContour(f func(x, y float64) float64, xmin, xmax, ymin, ymax float64, title string, logLevels bool) (*plot.Plot, error) {
	return contour(f, xmin, xmax, ymin, ymax, title, logLevels)
}
