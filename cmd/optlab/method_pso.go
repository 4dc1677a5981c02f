package main

import (
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/pso"
)

func init() {
	registerMethod(Method{
		Name:    "pso",
		Summary: "particle swarm optimization in the box (pyswarm 0.6 defaults: 100 particles, ω=φp=φg=0.5, 100 iterations)",
		Run: func(job Job) (*optim.Result, error) {
			p := job.Problem
			p.Lower, p.Upper = job.Lower, job.Upper
			o := pso.DefaultOptions()
			o.Seed, o.Workers = job.Seed, job.Workers
			if job.MaxIter > 0 {
				o.MaxIter = job.MaxIter
			}
			// The swarm starts at random in the box: x0 is not used.
			return pso.Minimize(p, nil, o)
		},
	})
}
