package optim

import (
	"math"
	"sync"
)

// Evaluator wraps an objective for a method's implementation. It counts
// evaluations, keeps the best point seen, records the best-so-far trace and
// counts non-finite values. It is not safe for concurrent use; EvalBatch is
// the way to evaluate concurrently.
type Evaluator struct {
	f       func([]float64) float64
	maxEval int

	NFev      int       // evaluations so far
	BestF     float64   // smallest finite value seen (+Inf before any)
	BestX     []float64 // the point where BestF was seen (a copy)
	Trace     []float64 // best-so-far value after each evaluation
	NonFinite int       // number of NaN or ±Inf values seen
	LastBad   []float64 // a copy of the last point whose value was not finite
}

// NewEvaluator wraps f. maxEval > 0 makes Exhausted report true once that
// many evaluations were made; the Evaluator itself never refuses to evaluate.
func NewEvaluator(f func([]float64) float64, maxEval int) *Evaluator {
	return &Evaluator{f: f, maxEval: maxEval, BestF: math.Inf(1)}
}

// Eval evaluates f at x, records it and returns the raw value (which may be
// NaN or Inf: the caller decides what that means).
func (e *Evaluator) Eval(x []float64) float64 {
	v := e.f(x)
	e.record(x, v)
	return v
}

func (e *Evaluator) record(x []float64, v float64) {
	e.NFev++
	if !IsFinite(v) {
		e.NonFinite++
		e.LastBad = append(e.LastBad[:0], x...)
	} else if v < e.BestF {
		e.BestF = v
		e.BestX = append(e.BestX[:0], x...)
	}
	e.Trace = append(e.Trace, e.BestF)
}

// EvalBatch evaluates f at every xs[i] into fs[i], using up to workers
// goroutines, and records the values in index order, so the counts, the best
// point and the trace do not depend on workers.
func (e *Evaluator) EvalBatch(xs [][]float64, fs []float64, workers int) {
	if workers <= 1 || len(xs) < 2 {
		for i, x := range xs {
			fs[i] = e.Eval(x)
		}
		return
	}
	workers = min(workers, len(xs))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(xs); i += workers {
				fs[i] = e.f(xs[i])
			}
		}(w)
	}
	wg.Wait()
	for i, x := range xs {
		e.record(x, fs[i])
	}
}

// Exhausted reports whether the evaluation budget is used up.
func (e *Evaluator) Exhausted() bool { return e.maxEval > 0 && e.NFev >= e.maxEval }

// Remaining returns how many evaluations the budget still allows, or a large
// number if there is no budget.
func (e *Evaluator) Remaining() int {
	if e.maxEval <= 0 {
		return math.MaxInt
	}
	return max(e.maxEval-e.NFev, 0)
}

// Fill copies the evaluator's counts, best point and trace into r. Methods
// set NIt, Status and Message themselves.
func (e *Evaluator) Fill(r *Result) {
	r.NFev = e.NFev
	r.Trace = e.Trace
	if e.BestX != nil {
		r.X = append([]float64(nil), e.BestX...)
		r.F = e.BestF
	} else {
		r.F = math.NaN()
	}
}
