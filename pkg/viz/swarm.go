package viz

import (
	"errors"
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/optlab/optlab/pkg/optim"
)

// AddPopulation draws the first two coordinates of the population of one
// iteration of a population method (it.Pop: PSO's particles, CMA-ES's
// candidates, a simplex) as points in the plot's next style. An empty
// name adds no legend entry. It returns an error if it has no population
// or its points have fewer than two coordinates.
func AddPopulation(p *plot.Plot, name string, it optim.Iteration) error {
	if len(it.Pop) == 0 {
		return errors.New("viz: AddPopulation: the iteration has no population (Pop is empty)")
	}
	xs, ys := make([]float64, len(it.Pop)), make([]float64, len(it.Pop))
	for i, x := range it.Pop {
		if len(x) < 2 {
			return fmt.Errorf("viz: AddPopulation: point %d has %d coordinates, need 2", i, len(x))
		}
		xs[i], ys[i] = x[0], x[1]
	}
	return AddPoints(p, name, xs, ys)
}

// AddBest marks a point, such as a swarm's best, as a black cross on a
// white disc, visible over a heat map and over population points.
func AddBest(p *plot.Plot, name string, x, y float64) error {
	if p == nil {
		return errors.New("viz: AddBest: plot is nil")
	}
	if !isFinite(x) || !isFinite(y) {
		return fmt.Errorf("viz: AddBest: point (%v, %v) is not finite", x, y)
	}
	disc, err := plotter.NewScatter(plotter.XYs{{X: x, Y: y}})
	if err != nil {
		return fmt.Errorf("viz: AddBest: %v", err)
	}
	disc.GlyphStyle = draw.GlyphStyle{Color: color.White, Radius: vg.Points(6), Shape: draw.CircleGlyph{}}
	cross, err := plotter.NewScatter(plotter.XYs{{X: x, Y: y}})
	if err != nil {
		return fmt.Errorf("viz: AddBest: %v", err)
	}
	cross.GlyphStyle = draw.GlyphStyle{Color: color.Black, Radius: vg.Points(6), Shape: draw.CrossGlyph{}}
	p.Add(disc, cross)
	if name != "" {
		p.Legend.Add(name, disc, cross)
	}
	return nil
}

// PopulationFrames draws one plot per iteration of a population method on
// a 2-D problem: the contour map of prob over its box (ContourProblem,
// with a colour bar), the population (it.Pop) and the method's current
// point it.X (for PSO the swarm's best g), titled "title — iteration k,
// best f = …". Pass Result.Path, with the initial population in front if
// the method reports it (PSO: the Start of its *pso.Detail), and make a GIF
// of the plots with GIF.
func PopulationFrames(prob optim.Problem, title string, logLevels bool, frames []optim.Iteration) ([]*plot.Plot, error) {
	if len(frames) == 0 {
		return nil, errors.New("viz: PopulationFrames: no frames")
	}
	out := make([]*plot.Plot, 0, len(frames))
	for k, it := range frames {
		p, err := ContourProblem(prob, fmt.Sprintf("%s — iteration %d, best f = %.2g", title, it.Iter, it.F), logLevels)
		if err != nil {
			return nil, err
		}
		if err := AddPopulation(p, "particles", it); err != nil {
			return nil, fmt.Errorf("frame %d: %w", k, err)
		}
		if len(it.X) >= 2 && isFinite(it.X[0]) && isFinite(it.X[1]) {
			if err := AddBest(p, "best so far", it.X[0], it.X[1]); err != nil {
				return nil, fmt.Errorf("frame %d: %w", k, err)
			}
		}
		out = append(out, p)
	}
	return out, nil
}
