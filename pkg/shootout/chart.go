package shootout

import (
	"fmt"

	"gonum.org/v1/plot"

	"github.com/optlab/optlab/pkg/viz"
)

// Chart draws the article's figure, "Loss for different optimizers": every
// method's best-so-far loss against its evaluations rescaled to the
// iteration axis 0..MaxIter (so a method with 10,100 evaluations and one
// with 100 span the same width), on a logarithmic loss axis from 1e-1 to
// 1e7.
func (r *Report) Chart() (*plot.Plot, error) {
	if len(r.Methods) == 0 {
		return nil, fmt.Errorf("shootout: the report has no methods")
	}
	series := make([]viz.Series, 0, len(r.Methods))
	for _, m := range r.Methods {
		xs := make([]float64, len(m.Trace))
		for i := range xs {
			xs[i] = float64(i+1) * float64(r.MaxIter) / float64(len(xs))
		}
		series = append(series, viz.Series{Name: m.Method, X: xs, Y: m.Trace})
	}
	p, err := viz.Lines("Loss for different optimizers",
		fmt.Sprintf("iteration (each method's evaluations scaled to 0..%d)", r.MaxIter),
		"best loss so far (MSE)", true, series...)
	if err != nil {
		return nil, err
	}
	p.X.Min, p.X.Max = 0, float64(r.MaxIter)
	p.Y.Min, p.Y.Max = 1e-1, 1e7
	return p, nil
}
