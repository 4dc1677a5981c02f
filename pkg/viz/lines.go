package viz

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// Series is one named curve. X nil means X = 0, 1, ..., len(Y)-1.
type Series struct {
	Name string
	X, Y []float64
}

// Convergence plots series against the iteration number with a logarithmic
// y axis, typically an error |f(x_k) − f*| or a bracket width per iteration.
// Values <= 0 are drawn at a floor (see LogFloor).
func Convergence(title, ylabel string, series ...Series) (*plot.Plot, error) {
	return Lines(title, "iteration", ylabel, true, series...)
}

// LossTraces is the chart of an optimizer shoot-out: the best-so-far loss
// (optim.Result.Trace) of each method against the number of objective
// evaluations, on a logarithmic y axis, with a legend. A Series with X set
// is drawn against that X instead (seconds, iterations, ...). An empty
// title gives "Loss for different optimizers". Leading +Inf values (no
// finite value seen yet) are skipped; values <= 0 are drawn at a floor (see
// LogFloor).
func LossTraces(title string, series ...Series) (*plot.Plot, error) {
	if title == "" {
		title = "Loss for different optimizers"
	}
	return Lines(title, "objective evaluations", "best loss so far", true, series...)
}

// maxPoints is the number of points above which a series is thinned before
// drawing (keeping the ends of runs of equal values, which is exact for
// best-so-far traces).
const maxPoints = 4000

// Lines plots series as lines with the given axis labels; logY makes the y
// axis logarithmic. Each series gets its own colour, dash pattern and
// marker (see SeriesStyle), and a legend entry if its name is not empty.
//
// It returns an error if there is no series, a series is empty, X and Y
// lengths differ, or a value is NaN (or ±Inf in X). ±Inf values in Y are
// skipped; if nothing is left to draw, that is an error too.
func Lines(title, xlabel, ylabel string, logY bool, series ...Series) (*plot.Plot, error) {
	if len(series) == 0 {
		return nil, errors.New("viz: no series to plot")
	}
	type pts struct{ x, y []float64 }
	clean := make([]pts, len(series))
	for k, s := range series {
		if len(s.Y) == 0 {
			return nil, fmt.Errorf("viz: series %d (%q) is empty", k, s.Name)
		}
		if s.X != nil && len(s.X) != len(s.Y) {
			return nil, fmt.Errorf("viz: series %d (%q): len(X) = %d but len(Y) = %d", k, s.Name, len(s.X), len(s.Y))
		}
		for i, y := range s.Y {
			x := float64(i)
			if s.X != nil {
				x = s.X[i]
			}
			if math.IsNaN(y) || !isFinite(x) {
				return nil, fmt.Errorf("viz: series %d (%q): point %d = (%v, %v) is not a number", k, s.Name, i, x, y)
			}
			if math.IsInf(y, 0) {
				continue
			}
			clean[k].x = append(clean[k].x, x)
			clean[k].y = append(clean[k].y, y)
		}
		if len(clean[k].y) == 0 {
			return nil, fmt.Errorf("viz: series %d (%q) has no finite value", k, s.Name)
		}
	}
	floor := 0.0
	if logY {
		ys := make([][]float64, len(clean))
		for k := range clean {
			ys[k] = clean[k].y
		}
		floor = logFloor(ys...)
	}

	p := newPlot(title, xlabel, ylabel)
	addGrid(p)
	if logY {
		setLogY(p)
	}
	for k, c := range clean {
		xys := make(plotter.XYs, len(c.y))
		for i := range c.y {
			y := c.y[i]
			if logY && y <= 0 {
				y = floor
			}
			xys[i] = plotter.XY{X: c.x[i], Y: y}
		}
		xys = thin(xys, maxPoints)
		st := SeriesStyle(k)
		l, err := plotter.NewLine(xys)
		if err != nil {
			return nil, fmt.Errorf("viz: series %d (%q): %v", k, series[k].Name, err)
		}
		l.LineStyle = st.Line
		marks := markerPoints(xys, k)
		sc, err := plotter.NewScatter(marks)
		if err != nil {
			return nil, fmt.Errorf("viz: series %d (%q): %v", k, series[k].Name, err)
		}
		sc.GlyphStyle = st.Glyph
		p.Add(l, sc)
		if series[k].Name != "" {
			p.Legend.Add(series[k].Name, l, sc)
		}
	}
	if logY {
		fixLogRange(&p.Y)
	}
	named := 0
	for _, s := range series {
		if s.Name != "" {
			named++
		}
	}
	if named > 0 {
		headroom(&p.Y, logY, legendFrac(named))
	}
	setStyleStart(p, len(series))
	return p, nil
}

// markerPoints picks about 8 points of a series to carry its marker,
// staggered by the series index k so that markers of overlapping series do
// not hide each other.
func markerPoints(xys plotter.XYs, k int) plotter.XYs {
	n := len(xys)
	const m = 8
	if n <= m {
		return append(plotter.XYs(nil), xys...)
	}
	xmin, xmax := xys[0].X, xys[0].X
	for _, p := range xys {
		xmin = math.Min(xmin, p.X)
		xmax = math.Max(xmax, p.X)
	}
	var out plotter.XYs
	shift := float64(k%4) / 4
	j := 0
	for t := 0; t < m; t++ {
		target := xmin + (float64(t)+shift)/float64(m)*(xmax-xmin)
		for j < n-1 && xys[j].X < target {
			j++
		}
		if len(out) == 0 || out[len(out)-1] != xys[j] {
			out = append(out, xys[j])
		}
	}
	return out
}

// thin reduces a long series to at most about max points. It first keeps
// only the ends of runs of equal y (exact for best-so-far traces, which are
// step functions); if that is not enough it keeps the first, the minimum,
// the maximum and the last point of equal-size buckets.
func thin(xys plotter.XYs, max int) plotter.XYs {
	n := len(xys)
	if n <= max {
		return xys
	}
	var out plotter.XYs
	for i := range xys {
		if i == 0 || i == n-1 || xys[i].Y != xys[i-1].Y || xys[i].Y != xys[i+1].Y {
			out = append(out, xys[i])
		}
	}
	if len(out) <= max {
		return out
	}
	in := out
	out = nil
	nb := max / 4
	for b := 0; b < nb; b++ {
		lo, hi := b*len(in)/nb, (b+1)*len(in)/nb
		if lo >= hi {
			continue
		}
		imin, imax := lo, lo
		for i := lo; i < hi; i++ {
			if in[i].Y < in[imin].Y {
				imin = i
			}
			if in[i].Y > in[imax].Y {
				imax = i
			}
		}
		for _, i := range sortedUnique(lo, imin, imax, hi-1) {
			out = append(out, in[i])
		}
	}
	return out
}

func sortedUnique(a ...int) []int {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
	out := a[:1]
	for _, v := range a[1:] {
		if v != out[len(out)-1] {
			out = append(out, v)
		}
	}
	return out
}
