package main

import (
	"github.com/optlab/optlab/pkg/anneal"
	"github.com/optlab/optlab/pkg/optim"
)

func init() {
	registerMethod(Method{
		Name:    "anneal",
		Summary: "dual annealing: generalized simulated annealing + bounded local search (scipy's dual_annealing)",
		Run: func(job Job) (*optim.Result, error) {
			p := job.Problem
			p.Lower, p.Upper = job.Lower, job.Upper
			o := anneal.DefaultOptions()
			if job.MaxIter > 0 {
				o.MaxIter = job.MaxIter
			}
			o.Seed = job.Seed
			// Start from the job's x0 only if it lies in the box; otherwise
			// from a random point of the box, as scipy does without x0.
			var x0 []float64
			if len(job.X0) == len(p.Lower) && optim.CheckInBounds(job.X0, p.Lower, p.Upper) == nil {
				x0 = job.X0
			}
			return anneal.Minimize(p, x0, o)
		},
	})
}
