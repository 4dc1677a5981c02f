package study

import (
	"fmt"

	"gonum.org/v1/plot"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/viz"
)

// Quantity is a column of the table that can be plotted against n.
type Quantity int

const (
	// Loss is the median final loss.
	Loss Quantity = iota
	// Seconds is the median wall time of a run.
	Seconds
	// SecondsPerEval is the median time per objective evaluation.
	SecondsPerEval
)

func (q Quantity) label() string {
	switch q {
	case Loss:
		return "median final loss (MSE)"
	case Seconds:
		return "median time per run (s)"
	case SecondsPerEval:
		return "median time per evaluation (s)"
	}
	return fmt.Sprintf("Quantity(%d)", int(q))
}

func (q Quantity) of(r Row) float64 {
	switch q {
	case Seconds:
		return r.Seconds
	case SecondsPerEval:
		return r.SecondsPerEval
	}
	return r.Median
}

// Series returns the data of a plot: for every entry, quantity q of its
// rows with budget b against n (in increasing n). Cells whose value is not
// finite (every run failed) are left out, and so is an entry with none
// left.
func (t *Table) Series(b Budget, q Quantity) []viz.Series {
	var out []viz.Series
	for _, m := range t.Methods() {
		s := viz.Series{Name: m}
		for _, n := range t.sizes() {
			r, ok := t.Row(m, n, b)
			if !ok || !optim.IsFinite(q.of(r)) {
				continue
			}
			s.X = append(s.X, float64(n))
			s.Y = append(s.Y, q.of(r))
		}
		if len(s.Y) > 0 {
			out = append(out, s)
		}
	}
	return out
}

// Plot draws quantity q against the number of parameters for budget b,
// one line per entry, both axes logarithmic, the legend above the data.
func (t *Table) Plot(b Budget, q Quantity) (*plot.Plot, error) {
	ss := t.Series(b, q)
	if len(ss) == 0 {
		return nil, fmt.Errorf("study: nothing to plot for budget %v", b)
	}
	title := fmt.Sprintf("%s at equal evaluations (%s)", q.label(), t.Config.evalBudget())
	if b == Time {
		title = fmt.Sprintf("%s at equal time (%v per run)", q.label(), t.Config.Time)
	}
	p, err := viz.Lines(title, "parameters n", q.label(), true, ss...)
	if err != nil {
		return nil, err
	}
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = plot.LogTicks{Prec: -1}
	lo, hi := p.X.Min, p.X.Max
	p.X.Min, p.X.Max = lo/1.3, hi*1.3
	return p, nil
}

// LossPlot is the final loss against n at equal evaluations (Plot(Evals,
// Loss)).
func (t *Table) LossPlot() (*plot.Plot, error) { return t.Plot(Evals, Loss) }

// TimePlot is the time per run against n at equal evaluations
// (Plot(Evals, Seconds)): how the cost of the same budget grows with n.
func (t *Table) TimePlot() (*plot.Plot, error) { return t.Plot(Evals, Seconds) }
