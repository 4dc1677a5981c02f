package main

import (
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/slsqp"
)

func init() {
	registerMethod(Method{
		Name:    "slsqp",
		Summary: "SLSQP (Kraft 1988, scipy's method='SLSQP'): SQP with BFGS and an L1 merit line search; -eps sets the finite-difference step (default √ε)",
		Run: func(job Job) (*optim.Result, error) {
			o := slsqp.DefaultOptions()
			if job.MaxIter > 0 {
				o.MaxIter = job.MaxIter
			}
			if job.Eps > 0 {
				o.Eps = job.Eps
			}
			p := job.Problem
			if job.Bounded {
				p.Lower, p.Upper = job.Lower, job.Upper
			} else {
				p.Lower, p.Upper = nil, nil
			}
			res, err := slsqp.Minimize(p, job.X0, o)
			if err != nil {
				return nil, err
			}
			return &res.Result, nil
		},
	})
}
