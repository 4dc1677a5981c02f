package main

import (
	"github.com/optlab/optlab/pkg/cmaes"
	"github.com/optlab/optlab/pkg/optim"
)

func init() {
	registerMethod(Method{
		Name:    "cmaes",
		Summary: "CMA-ES (Hansen's tutorial, active (μ/μ_w, λ)); -sigma0 sets σ0 (default 0.5, or 0.3·box width for bounded problems)",
		Run: func(job Job) (*optim.Result, error) {
			o := cmaes.DefaultOptions()
			o.Seed = job.Seed
			o.Workers = job.Workers
			o.Sigma0 = job.Sigma0
			if job.MaxIter > 0 {
				o.MaxIter = job.MaxIter
			}
			p := job.Problem
			if !job.Bounded {
				p.Lower, p.Upper = nil, nil
			}
			res, err := cmaes.Minimize(p, job.X0, o)
			if err != nil {
				return nil, err
			}
			return &res.Result, nil
		},
	})
}
