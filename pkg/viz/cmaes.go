package viz

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/optlab/optlab/pkg/cmaes"
	"github.com/optlab/optlab/pkg/optim"
)

// AddDistribution draws the k-sigma ellipse of CMA-ES's search
// distribution N(m, σ²C) in its first two coordinates (AddEllipse with the
// 2×2 block of σ²C), in the plot's next style. It works for full and
// separable CMA-ES. It returns an error for a nil or lower-dimensional
// distribution.
func AddDistribution(p *plot.Plot, name string, d *cmaes.Distribution, k float64) error {
	if d == nil || len(d.Mean) < 2 {
		return errors.New("viz: AddDistribution: need a distribution of at least two variables")
	}
	c := d.CovDense()
	s2 := d.Sigma * d.Sigma
	cov := [2][2]float64{{s2 * c.At(0, 0), s2 * c.At(0, 1)}, {s2 * c.At(1, 0), s2 * c.At(1, 1)}}
	return AddEllipse(p, name, d.Mean[0], d.Mean[1], cov, k)
}

// CMAESMeans returns the path of the mean of CMA-ES in run restart
// (0 for the first) of a result recorded with Settings.Record: the mean
// each generation was sampled from, then the updated mean after the run's
// last generation. It returns an error if the result has no recorded
// CMA-ES generation of that run.
func CMAESMeans(res *optim.Result, restart int) (xs, ys []float64, err error) {
	if res == nil {
		return nil, nil, errors.New("viz: CMAESMeans: result is nil")
	}
	last := -1
	for i, it := range res.Path {
		d, ok := it.Detail.(*cmaes.Distribution)
		if !ok || d.Restart != restart || len(d.Mean) < 2 {
			continue
		}
		xs, ys = append(xs, d.Mean[0]), append(ys, d.Mean[1])
		last = i
	}
	if last < 0 {
		return nil, nil, fmt.Errorf("viz: CMAESMeans: no recorded CMA-ES generation of run %d (set Settings.Record)", restart)
	}
	if x := res.Path[last].X; len(x) >= 2 && isFinite(x[0]) && isFinite(x[1]) {
		xs, ys = append(xs, x[0]), append(ys, x[1])
	}
	return xs, ys, nil
}

// CMAESRun draws a recorded CMA-ES run (Settings.Record) on a 2-D problem:
// the contour map of prob over its box (ContourProblem, with a colour bar),
// the path of the mean of the first run, and the 2σ ellipses of the search
// distributions of the generations gens (indices into res.Path, 0 for the
// first generation), labelled "generation k" with k counted from 1. The
// axes stay on the box even where samples or ellipses leave it.
func CMAESRun(prob optim.Problem, title string, logLevels bool, res *optim.Result, gens []int) (*plot.Plot, error) {
	p, err := ContourProblem(prob, title, logLevels)
	if err != nil {
		return nil, err
	}
	xs, ys, err := CMAESMeans(res, 0)
	if err != nil {
		return nil, err
	}
	if err := AddPath(p, "mean m", xs, ys); err != nil {
		return nil, err
	}
	for _, k := range gens {
		if k < 0 || k >= len(res.Path) {
			return nil, fmt.Errorf("viz: CMAESRun: generation index %d is outside the %d recorded generations", k, len(res.Path))
		}
		d, ok := res.Path[k].Detail.(*cmaes.Distribution)
		if !ok {
			return nil, fmt.Errorf("viz: CMAESRun: generation %d has no *cmaes.Distribution", k)
		}
		if err := AddDistribution(p, fmt.Sprintf("2σ, generation %d", k+1), d, 2); err != nil {
			return nil, err
		}
	}
	p.X.Min, p.X.Max = prob.Lower[0], prob.Upper[0]
	p.Y.Min, p.Y.Max = prob.Lower[1], prob.Upper[1]
	return p, nil
}

// LinesLegendRight is Lines with the legend to the right of the data area
// instead of on top of it: the y axis keeps the range of the data (Lines
// raises it to make room for the legend, which on a log axis costs
// decades), and the plot reserves the legend's width at its right edge.
//
// With logY the curves are drawn as log10(y) on a linear axis whose ticks
// are labelled with y (1e-05, 0.01, 1, ...), so that the plot looks like a
// log plot; this also keeps the y label from pushing the data area down
// (gonum centres a log axis's label at the arithmetic mean of its range
// when it makes room for it). Values <= 0 are drawn at the floor of Lines
// (see LogFloor).
func LinesLegendRight(title, xlabel, ylabel string, logY bool, series ...Series) (*plot.Plot, error) {
	in := series
	if logY {
		ys := make([][]float64, len(series))
		for k, s := range series {
			ys[k] = s.Y
		}
		floor := logFloor(ys...)
		in = make([]Series, len(series))
		for k, s := range series {
			y := make([]float64, len(s.Y))
			for i, v := range s.Y {
				switch {
				case math.IsNaN(v) || math.IsInf(v, 0):
					y[i] = v // Lines rejects NaN and skips ±Inf
				case v <= 0:
					y[i] = math.Log10(floor)
				default:
					y[i] = math.Log10(v)
				}
			}
			in[k] = Series{Name: s.Name, X: s.X, Y: y}
		}
	}
	p, err := linesLegendBeside(title, xlabel, ylabel, false, vg.Points(legendMargin), vg.Points(12), in)
	if err != nil {
		return nil, err
	}
	if logY {
		if p.Y.Max-p.Y.Min < math.Log10(2.25) { // as fixLogRange: at least a factor 2.25
			mid := (p.Y.Max + p.Y.Min) / 2
			p.Y.Min, p.Y.Max = mid-math.Log10(1.5), mid+math.Log10(1.5)
		}
		p.Y.Tick.Marker = log10Ticks{}
	}
	return p, nil
}

// log10Ticks labels a linear axis of log10(y) as a log axis of y.
type log10Ticks struct{}

func (log10Ticks) Ticks(lo, hi float64) []plot.Tick {
	ts := logTicks{}.Ticks(math.Pow(10, lo), math.Pow(10, hi))
	for i := range ts {
		ts[i].Value = math.Log10(ts[i].Value)
	}
	return ts
}

// legendMargin is the room, in points, between the legend and the right
// edge of the image.
const legendMargin = 6
