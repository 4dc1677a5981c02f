package main

import (
	"fmt"

	"github.com/optlab/optlab/pkg/onedim"
	"github.com/optlab/optlab/pkg/optim"
)

// The 1-D methods of package onedim: they need Job.Scalar.
func init() {
	bracket := func(name string, m func(f func(float64) float64, a, b float64, o *onedim.Options) (*onedim.Result, error)) func(Job) (*optim.Result, error) {
		return func(job Job) (*optim.Result, error) {
			s, err := scalarOf(job, name)
			if err != nil {
				return nil, err
			}
			return toOptim(m(s.F, s.A, s.B, onedimOptions(job, s)))
		}
	}
	registerMethod(Method{
		Name:    "golden",
		Summary: "golden-section search on [a, b]: one evaluation per iteration, bracket × 0.618",
		OneD:    true,
		Run:     bracket("golden", onedim.Golden),
	})
	registerMethod(Method{
		Name:    "fibonacci",
		Summary: "Fibonacci search on [a, b]: the optimal bracket for a fixed number of evaluations",
		OneD:    true,
		Run:     bracket("fibonacci", onedim.Fibonacci),
	})
	registerMethod(Method{
		Name:    "brent",
		Summary: "Brent's method on [a, b]: parabolic interpolation with golden-section safeguard",
		OneD:    true,
		Run:     bracket("brent", onedim.Brent),
	})
	registerMethod(Method{
		Name:    "bisection",
		Summary: "bisection on f′ over [a, b]: needs f′(a) ≤ 0 ≤ f′(b)",
		OneD:    true,
		Run: func(job Job) (*optim.Result, error) {
			s, err := scalarOf(job, "bisection")
			if err != nil {
				return nil, err
			}
			if s.DF == nil {
				return nil, fmt.Errorf("bisection needs the derivative f′, which this problem does not provide")
			}
			return toOptim(onedim.Bisection(s.DF, s.A, s.B, onedimOptions(job, s)))
		},
	})
	registerMethod(Method{
		Name:    "newton",
		Summary: "Newton's method x ← x − f′/f″ from x0; stops with 'not a minimum' where f″ ≤ 0",
		OneD:    true,
		Run: func(job Job) (*optim.Result, error) {
			s, err := scalarOf(job, "newton")
			if err != nil {
				return nil, err
			}
			if s.DF == nil || s.D2F == nil {
				return nil, fmt.Errorf("newton needs f′ and f″, which this problem does not provide")
			}
			x0 := s.X0
			if len(job.X0) == 1 {
				x0 = job.X0[0]
			}
			return toOptim(onedim.Newton(s.DF, s.D2F, x0, onedimOptions(job, s)))
		},
	})
}

func scalarOf(job Job, name string) (*Scalar, error) {
	if job.Scalar == nil || job.Scalar.F == nil {
		return nil, fmt.Errorf("%s is a 1-D method: choose a 1-D problem", name)
	}
	return job.Scalar, nil
}

// onedimOptions maps the CLI flags onto onedim.Options (0 = default).
func onedimOptions(job Job, s *Scalar) *onedim.Options {
	o := onedim.DefaultOptions()
	if job.MaxIter > 0 {
		o.MaxIter = job.MaxIter
	}
	o.F = s.F // lets Bisection and Newton report f at their result
	return o
}

func toOptim(r *onedim.Result, err error) (*optim.Result, error) {
	if err != nil {
		return nil, err
	}
	out := r.Result
	if r.NHev > 0 {
		out.Message += fmt.Sprintf(" (%d calls of f″)", r.NHev)
	}
	return &out, nil
}
