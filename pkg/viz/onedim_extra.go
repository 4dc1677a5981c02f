package viz

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/optlab/optlab/pkg/onedim"
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
)

// AddCurve adds the curve of f on [a, b] to p as a line with a legend
// entry name (if not empty), in the next series style, for instance the
// quadratic model of a Newton step on a plot of FunctionWithIterates.
// Points where f is not finite or outside [ymin, ymax] are left out (pass
// math.Inf(-1), math.Inf(1) for no limit), so that a model that runs off
// to ±∞ does not squash the plot. The y axis gets room for one more legend
// entry. It returns an error if f is nil, [a, b] is not a finite interval,
// or no point is left to draw.
func AddCurve(p *plot.Plot, name string, f func(float64) float64, a, b, ymin, ymax float64) error {
	if p == nil || f == nil {
		return errors.New("viz: AddCurve: nil plot or function")
	}
	if !isFinite(a) || !isFinite(b) || !(a < b) {
		return fmt.Errorf("viz: AddCurve: need finite a < b, got [%v, %v]", a, b)
	}
	var pts plotter.XYs
	for i := 0; i <= curveSamples; i++ {
		x := a + (b-a)*float64(i)/curveSamples
		if y := f(x); isFinite(y) && y >= ymin && y <= ymax {
			pts = append(pts, plotter.XY{X: x, Y: y})
		}
	}
	if len(pts) < 2 {
		return fmt.Errorf("viz: AddCurve: %q has fewer than two finite points in [%g, %g] × [%g, %g]", name, a, b, ymin, ymax)
	}
	l, err := plotter.NewLine(pts)
	if err != nil {
		return fmt.Errorf("viz: AddCurve: %v", err)
	}
	l.LineStyle = SeriesStyle(nextStyle(p)).Line
	p.Add(l)
	if name != "" {
		p.Legend.Add(name, l)
		_, log := p.Y.Scale.(plot.LogScale)
		headroom(&p.Y, log, 0.12)
	}
	return nil
}

// OneDimCost is what one method of package onedim paid to reach a
// tolerance on a problems.Scalar, as OneDimCosts measures it.
type OneDimCost struct {
	Method string       // the method, with its start point if it needs one
	Evals  int          // evaluations it paid: of f, of f′, or of f′ and f″
	Of     string       // what Evals counts: "f", "f′", "4 f′ + 4 f″"
	Err    float64      // |x − x*| of its answer
	Status optim.Status // how it stopped
}

// OneDimCosts runs every method of package onedim on s with the tolerance
// xtol (the final bracket's width, or the last step's length for Newton and
// secant; Brent with RelTol = 1e-16 so that its bracket too ends below
// xtol) and returns what each paid: golden section, Fibonacci and Brent on
// [s.A, s.B] in evaluations of f, bisection in evaluations of f′, Newton and
// the secant method from s.X0 in evaluations of f′ (plus f″ for Newton;
// both also evaluate f at every iterate, which is not counted here). It
// returns an error if a method returns one or does not converge.
func OneDimCosts(ctx context.Context, s problems.Scalar, xtol float64) ([]OneDimCost, error) {
	if s.F == nil || s.DF == nil || s.D2F == nil {
		return nil, errors.New("viz: OneDimCosts: the problem needs F, DF and D2F")
	}
	box := onedim.Problem(s.F, s.DF, s.D2F, s.A, s.B)
	free := onedim.Problem(s.F, s.DF, s.D2F, math.Inf(-1), math.Inf(1))
	runs := []struct {
		name string
		p    optim.Problem
		x0   []float64
		m    optim.Method
	}{
		{"golden", box, nil, &onedim.Golden{}},
		{"fibonacci", box, nil, &onedim.Fibonacci{}},
		{"brent", box, nil, &onedim.Brent{RelTol: 1e-16}},
		{"bisection", box, nil, &onedim.Bisection{}},
		{fmt.Sprintf("newton (x0 = %g)", s.X0), free, []float64{s.X0}, &onedim.Newton{}},
		{fmt.Sprintf("secant (x0 = %g)", s.X0), free, []float64{s.X0}, &onedim.Secant{}},
	}
	var out []OneDimCost
	for _, r := range runs {
		res, err := optim.Minimize(ctx, r.p, r.x0, &optim.Settings{XTol: xtol}, r.m)
		if err != nil {
			return nil, fmt.Errorf("viz: OneDimCosts: %s: %w", r.name, err)
		}
		if res.Status != optim.Converged {
			return nil, fmt.Errorf("viz: OneDimCosts: %s did not converge: %v: %s", r.name, res.Status, res.Message)
		}
		c := OneDimCost{Method: r.name, Err: math.Abs(res.X[0] - s.XMin), Status: res.Status}
		switch {
		case res.NHev > 0:
			c.Evals, c.Of = res.NGev+res.NHev, fmt.Sprintf("%d f′ + %d f″", res.NGev, res.NHev)
		case res.NGev > 0:
			c.Evals, c.Of = res.NGev, "f′"
		default:
			c.Evals, c.Of = res.NFev, "f"
		}
		out = append(out, c)
	}
	return out, nil
}

// OneDimCostTable returns costs as a Markdown table: method, evaluations,
// of what, and the error |x − x*|.
func OneDimCostTable(costs []OneDimCost) string {
	var sb strings.Builder
	sb.WriteString("| method | evaluations | of | error \\|x − x*\\| |\n|---|---|---|---|\n")
	for _, c := range costs {
		fmt.Fprintf(&sb, "| %s | %d | %s | %.1e |\n", c.Method, c.Evals, c.Of, c.Err)
	}
	return sb.String()
}

// CostBars draws one bar per method with its number of evaluations written
// above it, on a linear y axis from 0. It returns an error if there are no
// costs or the number of names and values differs.
func CostBars(title, ylabel string, names []string, values []float64) (*plot.Plot, error) {
	if len(values) == 0 || len(names) != len(values) {
		return nil, fmt.Errorf("viz: CostBars: need as many names as values (> 0), got %d and %d", len(names), len(values))
	}
	top := 0.0
	for i, v := range values {
		if !isFinite(v) || v < 0 {
			return nil, fmt.Errorf("viz: CostBars: value %d (%s) = %v is not a finite count", i, names[i], v)
		}
		top = math.Max(top, v)
	}
	p := newPlot(title, "", ylabel)
	addGrid(p)
	bars, err := plotter.NewBarChart(plotter.Values(values), vg.Points(28))
	if err != nil {
		return nil, fmt.Errorf("viz: CostBars: %v", err)
	}
	bars.Color = SeriesStyle(0).Line.Color
	bars.LineStyle = draw.LineStyle{}
	p.Add(bars)
	p.NominalX(names...)
	var lab plotter.XYLabels
	for i, v := range values {
		lab.XYs = append(lab.XYs, plotter.XY{X: float64(i), Y: v})
		lab.Labels = append(lab.Labels, fmt.Sprint(v))
	}
	labels, err := plotter.NewLabels(lab)
	if err != nil {
		return nil, fmt.Errorf("viz: CostBars: %v", err)
	}
	labels.Offset = vg.Point{X: -vg.Points(5), Y: vg.Points(4)}
	p.Add(labels)
	p.Y.Min, p.Y.Max = 0, 1.15*math.Max(top, 1)
	return p, nil
}

// OneDimCostBars is CostBars of the evaluations in costs.
func OneDimCostBars(title string, costs []OneDimCost) (*plot.Plot, error) {
	names := make([]string, len(costs))
	vals := make([]float64, len(costs))
	for i, c := range costs {
		names[i], vals[i] = c.Method, float64(c.Evals)
	}
	return CostBars(title, "evaluations (of f, or of f′ and f″)", names, vals)
}

// OneDimRun shows a recorded run of a bracketing method of package onedim
// (golden, Fibonacci, Brent, bisection; Settings.Record set) on the curve of
// f over [a, b]: FunctionWithIterates with the points the method evaluated
// (numbered in order) and the brackets, starting with [a, b] itself. name
// is the curve's legend entry and y axis label ("" means "f(x)"). For
// bisection pass f′ as f and "f′(x)" as name: that is the curve whose signs
// it reads.
func OneDimRun(title, name string, f func(float64) float64, a, b float64, r *optim.Result) (*plot.Plot, error) {
	if r == nil || len(r.Path) == 0 {
		return nil, errors.New("viz: OneDimRun: no recorded iterations (set Settings.Record)")
	}
	if name == "" {
		name = "f(x)"
	}
	brackets := append([][2]float64{{a, b}}, onedim.Brackets(r)...)
	return functionWithIterates(title, name, f, a, b, onedim.Evaluated(r), brackets)
}

// Errors returns |x_k − xstar| for the iterates xs.
func Errors(xs []float64, xstar float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = math.Abs(x - xstar)
	}
	return out
}

// Orders returns the measured orders of convergence of the errors e_k,
//
//	q_k = log(e_{k+1}/e_k) / log(e_k/e_{k−1}),   k = 1, ..., len(e)−2,
//
// which tends to q if e_{k+1} ≈ C·e_k^q (1 for linear convergence, about
// 1.618 for the secant method, 2 for Newton). Only triples of errors above
// floor (the rounding level: pass about 1e-14·|x*|) with e_k ≠ e_{k−1}
// count; the k of each is returned with it.
func Orders(e []float64, floor float64) (ks, qs []float64) {
	for k := 1; k+1 < len(e); k++ {
		a, b, c := e[k-1], e[k], e[k+1]
		if !(a > floor && b > floor && c > floor) || a == b {
			continue
		}
		ks = append(ks, float64(k))
		qs = append(qs, math.Log(c/b)/math.Log(b/a))
	}
	return ks, qs
}
