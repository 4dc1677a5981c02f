package shootout

import (
	"math"

	"github.com/optlab/optlab/pkg/adam"
	"github.com/optlab/optlab/pkg/anneal"
	"github.com/optlab/optlab/pkg/cmaes"
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/pso"
	"github.com/optlab/optlab/pkg/reference"
	"github.com/optlab/optlab/pkg/slsqp"
	"github.com/optlab/optlab/pkg/toynet"
)

// box returns the problem restricted to [lb, ub]^10, without its gradient:
// the gradient-free methods treat the loss as a black box, as in the
// reference run.
func box(net *toynet.Net, lb, ub float64) optim.Problem {
	lower, upper := make([]float64, toynet.NumParams), make([]float64, toynet.NumParams)
	for i := range lower {
		lower[i], upper[i] = lb, ub
	}
	return optim.Problem{Func: net.Loss, Dim: toynet.NumParams, Lower: lower, Upper: upper}
}

// blackBox is the unbounded loss without its gradient.
func blackBox(net *toynet.Net) optim.Problem {
	return optim.Problem{Func: net.Loss, Dim: toynet.NumParams}
}

// contestants are the five methods in the article's order, each with the
// reference settings.
var contestants = []method{
	{
		name: "adam",
		// Adam uses the analytic gradient, as PyTorch's autograd does.
		run: func(net *toynet.Net, ref *reference.Experiment, _ uint64, _ int) (*optim.Result, float64, error) {
			o := adam.DefaultOptions()
			o.LR = ref.Settings.Adam.LR
			o.MaxIter = ref.Settings.Adam.Steps
			r, path, err := adam.MinimizePath(net.Problem(), ref.X0, o)
			if err != nil {
				return nil, 0, err
			}
			// The reference reports the loss measured before the last
			// step, as a PyTorch training loop prints it.
			return r, path.F[len(path.F)-1], nil
		},
		article:   func(r *reference.Experiment) float64 { return r.ArticleResults.Adam },
		reference: func(r *reference.Experiment) float64 { return r.ReferenceResults.AdamFinalLoss },
	},
	{
		name: "slsqp",
		run: func(net *toynet.Net, ref *reference.Experiment, _ uint64, _ int) (*optim.Result, float64, error) {
			o := slsqp.DefaultOptions()
			o.MaxIter = ref.Settings.SLSQP.MaxIter
			o.Eps = ref.Settings.SLSQP.Eps
			r, err := slsqp.Minimize(blackBox(net), ref.X0, o)
			if err != nil {
				return nil, 0, err
			}
			return &r.Result, math.NaN(), nil
		},
		article:   func(r *reference.Experiment) float64 { return r.ArticleResults.SLSQP },
		reference: func(r *reference.Experiment) float64 { return r.ReferenceResults.SLSQP.Fun },
	},
	{
		name:       "pso",
		stochastic: true,
		run: func(net *toynet.Net, ref *reference.Experiment, seed uint64, workers int) (*optim.Result, float64, error) {
			s := ref.Settings.PSO
			o := pso.DefaultOptions()
			o.MaxIter, o.SwarmSize = s.MaxIter, s.SwarmSize
			o.Omega, o.PhiP, o.PhiG = s.Omega, s.PhiP, s.PhiG
			o.MinStep, o.MinFunc = s.MinStep, s.MinFunc
			o.Seed, o.Workers = seed, workers
			r, err := pso.Minimize(box(net, s.LB, s.UB), nil, o)
			return r, math.NaN(), err
		},
		article:   func(r *reference.Experiment) float64 { return r.ArticleResults.PSO },
		reference: func(r *reference.Experiment) float64 { return r.ReferenceResults.Stochastic.PSO.Median },
	},
	{
		name:       "cmaes",
		stochastic: true,
		run: func(net *toynet.Net, ref *reference.Experiment, seed uint64, workers int) (*optim.Result, float64, error) {
			o := cmaes.DefaultOptions()
			o.MaxIter = ref.Settings.CMAES.MaxIter
			o.Sigma0 = ref.Settings.CMAES.Sigma0
			o.Seed, o.Workers = seed, workers
			r, err := cmaes.Minimize(blackBox(net), ref.X0, o)
			if err != nil {
				return nil, 0, err
			}
			return &r.Result, math.NaN(), nil
		},
		article:   func(r *reference.Experiment) float64 { return r.ArticleResults.CMAES },
		reference: func(r *reference.Experiment) float64 { return r.ReferenceResults.Stochastic.CMA.Median },
	},
	{
		name:       "anneal",
		stochastic: true,
		run: func(net *toynet.Net, ref *reference.Experiment, seed uint64, _ int) (*optim.Result, float64, error) {
			s := ref.Settings.DualAnnealing
			o := anneal.DefaultOptions()
			o.MaxIter = s.MaxIter
			o.InitialTemp, o.Visit, o.Accept = s.InitialTemp, s.Visit, s.Accept
			o.RestartTempRatio = s.RestartTempRatio
			o.Seed = seed
			r, err := anneal.Minimize(box(net, s.LB, s.UB), nil, o)
			return r, math.NaN(), err
		},
		article:   func(r *reference.Experiment) float64 { return r.ArticleResults.DualAnnealing },
		reference: func(r *reference.Experiment) float64 { return r.ReferenceResults.Stochastic.DualAnnealing.Median },
	},
}
