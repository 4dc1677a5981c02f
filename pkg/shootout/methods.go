package shootout

import (
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

// entry is one contestant as data: the method with the reference's
// parameters, the problem it sees, its start point and settings. All of
// them run through optim.Minimize; nothing here is specific to a method
// but its parameter values.
type entry struct {
	method   optim.Method
	problem  optim.Problem
	x0       []float64
	settings optim.Settings
}

// contestants are the five methods in the article's order, each with the
// reference settings.
var contestants = []contestant{
	{
		name: "adam",
		// Adam uses the analytic gradient, as PyTorch's autograd does; the
		// reference reports the loss measured before the last step, as a
		// PyTorch training loop prints it.
		lastStep: true,
		setup: func(net *toynet.Net, ref *reference.Experiment) entry {
			return entry{&adam.Method{LR: ref.Settings.Adam.LR}, net.Problem(), ref.X0,
				optim.Settings{MaxIter: ref.Settings.Adam.Steps}}
		},
		article:   func(r *reference.Experiment) float64 { return r.ArticleResults.Adam },
		reference: func(r *reference.Experiment) float64 { return r.ReferenceResults.AdamFinalLoss },
	},
	{
		name: "slsqp",
		setup: func(net *toynet.Net, ref *reference.Experiment) entry {
			s := ref.Settings.SLSQP
			return entry{&slsqp.Method{}, blackBox(net), ref.X0, optim.Settings{MaxIter: s.MaxIter, FDStep: s.Eps}}
		},
		article:   func(r *reference.Experiment) float64 { return r.ArticleResults.SLSQP },
		reference: func(r *reference.Experiment) float64 { return r.ReferenceResults.SLSQP.Fun },
	},
	{
		name:       "pso",
		stochastic: true,
		setup: func(net *toynet.Net, ref *reference.Experiment) entry {
			s := ref.Settings.PSO
			return entry{&pso.Method{SwarmSize: s.SwarmSize, Omega: s.Omega, PhiP: s.PhiP, PhiG: s.PhiG},
				box(net, s.LB, s.UB), nil, optim.Settings{MaxIter: s.MaxIter, FTol: s.MinFunc, XTol: s.MinStep}}
		},
		article:   func(r *reference.Experiment) float64 { return r.ArticleResults.PSO },
		reference: func(r *reference.Experiment) float64 { return r.ReferenceResults.Stochastic.PSO.Median },
	},
	{
		name:       "cmaes",
		stochastic: true,
		setup: func(net *toynet.Net, ref *reference.Experiment) entry {
			s := ref.Settings.CMAES
			return entry{&cmaes.Method{Sigma0: s.Sigma0}, blackBox(net), ref.X0, optim.Settings{MaxIter: s.MaxIter}}
		},
		article:   func(r *reference.Experiment) float64 { return r.ArticleResults.CMAES },
		reference: func(r *reference.Experiment) float64 { return r.ReferenceResults.Stochastic.CMA.Median },
	},
	{
		name:       "anneal",
		stochastic: true,
		setup: func(net *toynet.Net, ref *reference.Experiment) entry {
			s := ref.Settings.DualAnnealing
			return entry{&anneal.Method{InitialTemp: s.InitialTemp, Visit: s.Visit, Accept: s.Accept, RestartTempRatio: s.RestartTempRatio},
				box(net, s.LB, s.UB), nil, optim.Settings{MaxIter: s.MaxIter}}
		},
		article:   func(r *reference.Experiment) float64 { return r.ArticleResults.DualAnnealing },
		reference: func(r *reference.Experiment) float64 { return r.ReferenceResults.Stochastic.DualAnnealing.Median },
	},
}
