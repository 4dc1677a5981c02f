package main

import (
	"github.com/optlab/optlab/pkg/adam"
	"github.com/optlab/optlab/pkg/gd"
	"github.com/optlab/optlab/pkg/momentum"
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/reference"
)

// The first-order methods: 100 steps by default, the gradient from the
// problem or central differences (step -eps). They start from x0 and respect
// only the problem's own bounds (projecting onto them), not the default box.
func init() {
	registerMethod(Method{
		Name:    "gd",
		Summary: "gradient descent: fixed step -lr, or without -lr a backtracking Armijo line search from step 1 (100 steps)",
		Run: func(job Job) (*optim.Result, error) {
			o := gd.DefaultOptions()
			o.MaxIter = gradientSteps(job)
			o.DiffStep = job.Eps
			if job.LR > 0 {
				o.LR = job.LR
			} else {
				o.LR, o.LineSearch = 1, true
			}
			return gd.Minimize(job.Problem, job.X0, o)
		},
	})
	registerMethod(Method{
		Name:    "momentum",
		Summary: "heavy-ball momentum μ=0.9, step -lr (default 1e-3; diverges on badly scaled problems), 100 steps",
		Run: func(job Job) (*optim.Result, error) {
			o := momentum.DefaultOptions()
			o.MaxIter = gradientSteps(job)
			o.DiffStep = job.Eps
			if job.LR > 0 {
				o.LR = job.LR
			}
			return momentum.Minimize(job.Problem, job.X0, o)
		},
	})
	registerMethod(Method{
		Name:    "adam",
		Summary: "Adam as torch.optim.Adam (β=0.9,0.999, ε=1e-8), -lr default 1 as in the reference experiment, 100 steps; f = best loss seen",
		Run: func(job Job) (*optim.Result, error) {
			ref := reference.MustGet().Settings.Adam
			o := adam.DefaultOptions()
			o.LR, o.MaxIter = ref.LR, ref.Steps
			if job.MaxIter > 0 {
				o.MaxIter = job.MaxIter
			}
			o.DiffStep = job.Eps
			if job.LR > 0 {
				o.LR = job.LR
			}
			return adam.Minimize(job.Problem, job.X0, o)
		},
	})
}

// gradientSteps is -maxiter, or 100 (the reference experiment's budget).
func gradientSteps(job Job) int {
	if job.MaxIter > 0 {
		return job.MaxIter
	}
	return 100
}
