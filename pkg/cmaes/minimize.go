package cmaes

import (
	"fmt"
	"math"
	"strings"

	"github.com/optlab/optlab/pkg/optim"
)

// Minimize minimizes p.Func with CMA-ES started at mean x0 (nil: the center
// of p's box, which must then be finite) with step size o.Sigma0, using
// IPOP restarts if o.Restarts > 0. A nil o means DefaultOptions().
//
// The error reports input that can never work; everything that happens
// while running is in the Result's Status and Message.
func Minimize(p optim.Problem, x0 []float64, o *Options) (*Result, error) {
	opt, err := withDefaults(o)
	if err != nil {
		return nil, err
	}
	if opt.Lower != nil || opt.Upper != nil {
		return nil, fmt.Errorf("cmaes: Minimize takes the bounds from Problem.Lower/Upper, not Options.Lower/Upper")
	}
	n, err := p.Dimension(x0)
	if err != nil {
		return nil, fmt.Errorf("cmaes: %w", err)
	}
	if err := checkBox(n, p.Lower, p.Upper); err != nil {
		return nil, err
	}
	if x0 == nil {
		if x0, err = boxCenter(p.Lower, p.Upper); err != nil {
			return nil, err
		}
	}
	if err := optim.CheckInBounds(x0, p.Lower, p.Upper); err != nil {
		return nil, fmt.Errorf("cmaes: %w", err)
	}
	opt.Lower, opt.Upper = p.Lower, p.Upper
	sigma0 := opt.Sigma0
	if sigma0 == 0 {
		sigma0 = defaultSigma0(p.Lower, p.Upper)
	}
	x0 = append([]float64(nil), x0...)

	ev := optim.NewEvaluator(p.Func, opt.MaxEval)
	rng := optim.NewRand(opt.Seed)
	res := &Result{}
	var fs []float64
	gens := 0 // generations over all runs
	popSize := opt.PopSize
	var status optim.Status
	var msgs []string

	for run := 0; ; run++ {
		ro := opt
		ro.PopSize = popSize
		ro.MaxIter = opt.MaxIter - gens
		ro.MaxEval = 0 // the evaluator enforces MaxEval exactly
		c := newCMA(x0, sigma0, ro, rng)
		lambda := c.PopSize()
		popSize = lambda
		fs = make([]float64, lambda)
		info := Run{PopSize: lambda, BestF: math.Inf(1)}
		nfev0 := ev.NFev

		for {
			xs := c.Ask()
			if r := ev.Remaining(); r < lambda {
				// Not enough budget for a whole generation: evaluate what
				// the budget allows (the best point may be among them) and
				// stop without updating.
				ev.EvalBatch(xs[:r], fs[:r], opt.Workers)
				info.BestF = minFinite(info.BestF, fs[:r])
				status = optim.EvaluationLimit
				info.Message = fmt.Sprintf("maxfevals: %d evaluations", opt.MaxEval)
				break
			}
			if opt.Record {
				res.Generations = append(res.Generations, recordGen(run, c, xs))
			}
			ev.EvalBatch(xs, fs, opt.Workers)
			if opt.Record {
				res.Generations[len(res.Generations)-1].Fitness = append([]float64(nil), fs...)
			}
			info.BestF = minFinite(info.BestF, fs)
			c.Tell(fs) // cannot fail: right length, after Ask
			gens++
			st, msg, stop := c.Stop()
			if opt.Callback != nil && !stop {
				if opt.Callback(optim.Iteration{Iter: gens, NFev: ev.NFev, X: ev.BestX, F: ev.BestF}) {
					st, msg, stop = optim.Stopped, "stopped by the callback", true
				}
			}
			if !stop && ev.Exhausted() {
				st, msg, stop = optim.EvaluationLimit, fmt.Sprintf("maxfevals: %d evaluations", opt.MaxEval), true
			}
			if stop {
				status, info.Message = st, msg
				break
			}
		}
		// pycma's eval_final_mean: the mean is often better than every
		// sample (it averages out the noise of the last generation).
		if !opt.SkipFinalMean && ev.Remaining() > 0 && status != optim.Stopped {
			m := c.Mean()
			if p.Lower != nil {
				project(m, m, p.Lower, p.Upper)
			}
			fm := ev.Eval(m)
			info.BestF = minFinite(info.BestF, []float64{fm})
		}
		info.Status = status
		info.Generations = c.Generation()
		info.NFev = ev.NFev - nfev0
		res.Runs = append(res.Runs, info)
		msgs = append(msgs, info.Message)

		// IPOP: restart with a doubled population after a run that
		// converged or failed numerically, while the budgets last.
		restartable := status == optim.Converged || status == optim.NumericalFailure
		if !restartable || run >= opt.Restarts || gens >= opt.MaxIter || ev.Exhausted() {
			break
		}
		popSize *= 2
	}

	ev.Fill(&res.Result)
	res.NIt = gens
	res.Status = status
	if len(res.Runs) > 1 {
		for i, r := range res.Runs {
			msgs[i] = fmt.Sprintf("run %d (λ=%d, best %.6g): %s", i+1, r.PopSize, r.BestF, r.Message)
		}
	}
	res.Message = strings.Join(msgs, "; ")
	if ev.NonFinite > 0 {
		res.Message += fmt.Sprintf(" (%d NaN/Inf objective values were ranked as worst)", ev.NonFinite)
	}
	if ev.BestX == nil && status != optim.NonFinite {
		// No finite value at all (for example the budget ended first).
		res.Status = optim.NonFinite
	}
	return res, nil
}

func recordGen(run int, c *CMA, xs [][]float64) Generation {
	g := Generation{Run: run, Mean: c.Mean(), Sigma: c.Sigma(), Cov: c.Cov(),
		Samples: make([][]float64, len(xs))}
	for i, x := range xs {
		g.Samples[i] = append([]float64(nil), x...)
	}
	return g
}

func minFinite(m float64, fs []float64) float64 {
	for _, f := range fs {
		if optim.IsFinite(f) && f < m {
			m = f
		}
	}
	return m
}

// defaultSigma0 is 0.3 times the narrowest box width if every bound is
// finite, and 0.5 otherwise.
func defaultSigma0(lower, upper []float64) float64 {
	if lower == nil {
		return 0.5
	}
	w := math.Inf(1)
	for i := range lower {
		w = min(w, upper[i]-lower[i])
	}
	if math.IsInf(w, 0) {
		return 0.5
	}
	return 0.3 * w
}

func boxCenter(lower, upper []float64) ([]float64, error) {
	if lower == nil {
		return nil, fmt.Errorf("cmaes: x0 is nil and the problem has no bounds to start from")
	}
	x := make([]float64, len(lower))
	for i := range x {
		if math.IsInf(lower[i], 0) || math.IsInf(upper[i], 0) {
			return nil, fmt.Errorf("cmaes: x0 is nil and coordinate %d has an infinite bound", i)
		}
		x[i] = lower[i] + (upper[i]-lower[i])/2
	}
	return x, nil
}
