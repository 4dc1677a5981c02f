package optim

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Chain is a hybrid method: its stages run one after the other on the same
// problem, each starting from the best point found so far — typically a
// global method followed by a local one (cmaes+lbfgsb, pso+neldermead,
// anneal+slsqp). All stages share one evaluator, so NFev, Trace and the
// budget cover the whole chain, and the same seed gives the same result.
//
// The budget split: with Settings.MaxEval set, stage i may use Split[i] of
// it (the last stage gets whatever is left); Split nil means the global
// stages share 80 % and the last stage 20 % (a stage's share is floored at
// one evaluation). Without MaxEval every stage runs to its own default
// limits. Settings.MaxIter counts the iterations of all stages together;
// each stage also keeps its own default iteration limit.
//
// A chain is looked up by joining registered names with "+": Lookup("cmaes+lbfgsb").
type Chain struct {
	Stages []Method
	Split  []float64
}

// Info combines the stages': the first stage decides whether a start point
// is used; the chain needs bounds, a gradient or a seed if any stage does.
func (c *Chain) Info() Info {
	if len(c.Stages) == 0 {
		return Info{Name: "chain", Summary: "an empty chain"}
	}
	var names []string
	info := Info{Iteration: "one iteration of the running stage"}
	for i, m := range c.Stages {
		s := m.Info()
		names = append(names, s.Name)
		info.NeedsBounds = info.NeedsBounds || s.NeedsBounds
		info.NoBounds = info.NoBounds || s.NoBounds
		info.Constraints = (i == 0 || info.Constraints) && s.Constraints
		info.AnswerIsIterate = s.AnswerIsIterate // the last stage's
		info.Gradient = info.Gradient || s.Gradient
		info.SecondOrder = info.SecondOrder || s.SecondOrder
		info.Stochastic = info.Stochastic || s.Stochastic
		info.OneD = info.OneD || s.OneD
		if i == 0 {
			info.NoX0 = s.NoX0
			info.MaxDim = s.MaxDim
		} else if s.MaxDim > 0 && (info.MaxDim == 0 || s.MaxDim < info.MaxDim) {
			info.MaxDim = s.MaxDim
		}
	}
	info.Name = strings.Join(names, "+")
	info.Summary = "hybrid: " + strings.Join(names, ", then ") + ", each from the best point so far"
	return info
}

// Run runs the stages in order.
func (c *Chain) Run(t *Task) error {
	if len(c.Stages) < 2 {
		return fmt.Errorf("optim: a chain needs at least two stages, got %d", len(c.Stages))
	}
	split := c.Split
	if split == nil {
		k := len(c.Stages)
		split = make([]float64, k)
		for i := range k - 1 {
			split[i] = 0.8 / float64(k-1)
		}
		split[k-1] = 0.2
	}
	if len(split) != len(c.Stages) {
		return fmt.Errorf("optim: a chain of %d stages needs %d budget shares, got %d", len(c.Stages), len(c.Stages), len(split))
	}
	sum := 0.0
	for _, s := range split {
		if !(s > 0) || math.IsInf(s, 0) {
			return fmt.Errorf("optim: chain budget shares must be positive, got %v", split)
		}
		sum += s
	}
	if sum > 1+1e-12 {
		return fmt.Errorf("optim: chain budget shares add up to %g > 1", sum)
	}
	for i, m := range c.Stages[1:] {
		if m.Info().NoX0 {
			return fmt.Errorf("optim: stage %d (%s) takes no start point, so it cannot continue a chain", i+2, m.Info().Name)
		}
	}
	x0 := t.X0
	var last *Result
	for i, m := range c.Stages {
		budget := 0
		if t.Settings.MaxEval > 0 {
			budget = max(1, int(split[i]*float64(t.Settings.MaxEval)))
			if i == len(c.Stages)-1 {
				budget = t.Remaining()
			}
			budget = min(budget, t.Remaining())
		}
		r, err := t.Sub(m, x0, budget)
		if err != nil {
			return fmt.Errorf("stage %d (%s): %w", i+1, m.Info().Name, err)
		}
		last = r
		if i < len(c.Stages)-1 && t.IterationsLeft() <= 0 {
			t.Finish(IterationLimit, "did %d iterations (MaxIter) in stage %d (%s)", t.nit, i+1, r.Method)
			return nil
		}
		if i < len(c.Stages)-1 {
			switch r.Status {
			case Cancelled, Stopped, EvaluationError:
				t.Finish(r.Status, "stage %d (%s): %s", i+1, r.Method, r.Message)
				return nil
			}
		}
		if bx, _ := t.Best(); bx != nil {
			x0 = slices.Clone(bx)
		}
	}
	t.Finish(last.Status, "last stage (%s): %s", last.Method, last.Message)
	return nil
}

// Sub runs method m on the task's problem from x0 as a part of this run
// (the stages of a Chain): its evaluations count in this task's NFev,
// Trace, best point and budget; maxEval > 0 caps the evaluations m may use
// (at most what is left). m's iterations count as this task's, and reach
// its callback and recording. The returned Result is m's own view (its
// counts are m's alone); an error is m's rejection of its input.
func (t *Task) Sub(m Method, x0 []float64, maxEval int) (*Result, error) {
	s := t.Settings
	s.MaxEval = min(Or(maxEval, t.Remaining()), t.Remaining())
	if s.MaxEval == math.MaxInt {
		s.MaxEval = 0
	}
	s.MaxIter = 0
	info := m.Info()
	cb := t.Settings.Callback
	hitLimit := false
	s.Callback = func(it Iteration) bool {
		t.nit++
		if t.Settings.Record {
			t.path = append(t.path, it.clone())
		}
		if cb != nil && cb(it) {
			return true
		}
		hitLimit = t.nit >= t.Settings.MaxIter
		return hitLimit
	}
	s.Record = false
	if info.NoX0 {
		x0 = nil
	}
	sub, err := newTask(t.ctx, t.Problem, x0, s, info)
	if err != nil {
		return nil, err
	}
	sub.backend = t.backend
	sub.rng = t.Rand() // one random stream through the chain: reproducible
	if err := sub.run(m); err != nil {
		return nil, err
	}
	// Merge the stage's evaluations into this task, in order.
	for _, v := range sub.trace {
		t.nfev++
		t.trace = append(t.trace, min(v, t.bestF))
	}
	if sub.bestF < t.bestF {
		t.bestF = sub.bestF
		t.bestX = append(t.bestX[:0], sub.bestX...)
		// The trace entries after the stage found its best are already min'ed.
	}
	t.nonFinite += sub.nonFinite
	t.ngev += sub.ngev
	t.nhev += sub.nhev
	r := sub.result()
	if r.Status == Stopped && hitLimit {
		r.Status, r.Message = IterationLimit, fmt.Sprintf("did %d iterations (MaxIter)", t.nit)
	}
	if info.AnswerIsIterate && r.X != nil {
		t.Answer(r.X, r.F)
	}
	t.warnings = append(t.warnings, sub.warnings...)
	return r, nil
}
