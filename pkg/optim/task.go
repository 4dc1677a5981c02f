package optim

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// Task is one run of a method: the validated problem and settings, and the
// one evaluator every method uses. [Minimize] makes it and hands it to
// Method.Run; method authors use its methods, users never see it.
//
// Every objective evaluation goes through Eval or EvalBatch, which count
// it, record the best-so-far trace, keep the best point, enforce MaxEval,
// MaxIter and the context, and turn a panicking objective into a status.
// When one of these ends the run, the call does not return: the run is
// unwound to Minimize (with a panic that Minimize recovers; method code must
// not recover panics it did not raise), which returns the best point found
// with the status that ended it. Method code therefore reads like the
// mathematics, without budget bookkeeping.
type Task struct {
	// Problem is the validated problem. Lower and Upper are nil or of
	// length N.
	Problem Problem
	// X0 is a copy of the start point (nil if none was given).
	X0 []float64
	// N is the dimension.
	N int
	// Settings has MaxIter, MaxEval and FDStep resolved (MaxIter is
	// math.MaxInt when the method has no limit); tolerances are still 0
	// where the caller left them for the method to resolve with [Or].
	Settings Settings
	// Info is the running method's Info.
	Info Info
	// Detail is the method's final state for Result.Detail.
	Detail any

	ctx     context.Context
	backend Backend
	rng     *rand.Rand

	nfev, ngev, nhev, nit int
	nonFinite             int
	bestF                 float64
	bestX                 []float64
	trace                 []float64
	answerX               []float64
	answerF               float64
	path                  []Iteration
	status                Status
	message               string
	warnings              []string

	probe []float64 // scratch for finite differences
}

// stop is the panic value that unwinds a run.
type stop struct {
	status Status
	msg    string
}

// internal errors of a method, turned into an error by Minimize.
type methodPanic struct{ v any }

func (t *Task) run(m Method) (err error) {
	if t.Info.MaxDim > 0 && t.N > t.Info.MaxDim {
		t.Warn(fmt.Sprintf("n = %d is above the %d variables this method is practical for", t.N, t.Info.MaxDim))
	}
	defer func() {
		if r := recover(); r != nil {
			if s, ok := r.(stop); ok {
				t.status, t.message = s.status, s.msg
				return
			}
			err = fmt.Errorf("%w (please report): %v", ErrInternal, r)
		}
	}()
	if err := m.Run(t); err != nil {
		return err
	}
	if t.status == NotTerminated {
		t.status, t.message = NumericalFailure, "the method ended without a status (a bug in the method)"
	}
	return nil
}

// Context returns the run's context.
func (t *Task) Context() context.Context { return t.ctx }

// Rand returns the run's random source, seeded by Settings.Seed (the same
// source on every call).
func (t *Task) Rand() *rand.Rand {
	if t.rng == nil {
		t.rng = NewRand(t.Settings.Seed)
	}
	return t.rng
}

// Stop ends the run now with status and message; it does not return.
func (t *Task) Stop(status Status, format string, args ...any) {
	panic(stop{status, fmt.Sprintf(format, args...)})
}

// Finish sets the final status and message; the method then returns nil
// from Run.
func (t *Task) Finish(status Status, format string, args ...any) {
	t.status, t.message = status, fmt.Sprintf(format, args...)
}

// Warn adds a warning to the Result's message.
func (t *Task) Warn(msg string) { t.warnings = append(t.warnings, msg) }

// Answer sets the method's answer (a copy of x, and f = f(x)), used as
// Result.X and F instead of the best point evaluated. Methods whose answer
// is an iterate (Info.AnswerIsIterate) call it after every iteration.
func (t *Task) Answer(x []float64, f float64) {
	t.answerX = append(t.answerX[:0], x...)
	t.answerF = f
}

// Check stops the run if the context is done; long inner loops (a QP
// subproblem, a decomposition) call it so that a cancellation is prompt.
func (t *Task) Check() {
	select {
	case <-t.ctx.Done():
		t.Stop(Cancelled, "%v", context.Cause(t.ctx))
	default:
	}
}

// Interruptible runs fn, a long computation that cannot call Check itself
// (such as a large eigendecomposition), and stops the run as soon as the
// context is done, without waiting for fn (which finishes in the
// background and whose result is dropped).
func (t *Task) Interruptible(fn func()) {
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		fn()
	}()
	select {
	case r := <-done:
		if r != nil {
			panic(r)
		}
	case <-t.ctx.Done():
		t.Stop(Cancelled, "%v", context.Cause(t.ctx))
	}
}

// admit checks the context and the iteration limit, and returns how many of
// k evaluations the budget allows (stopping the run if it allows none).
func (t *Task) admit(k int) int {
	t.Check()
	if t.nit >= t.Settings.MaxIter {
		t.Stop(IterationLimit, "did %d iterations (MaxIter)", t.nit)
	}
	if t.Settings.MaxEval > 0 {
		left := t.Settings.MaxEval - t.nfev
		if left <= 0 {
			t.Stop(EvaluationLimit, "did %d evaluations (MaxEval)", t.nfev)
		}
		return min(k, left)
	}
	return k
}

func (t *Task) checkIn(x []float64) {
	if len(x) != t.N {
		t.Stop(NumericalFailure, "the method evaluated a point of length %d, want %d (a bug in the method)", len(x), t.N)
	}
	if lo := t.Problem.Lower; lo != nil {
		up := t.Problem.Upper
		for i, v := range x {
			if !(v >= lo[i] && v <= up[i]) {
				t.Stop(NumericalFailure, "the method evaluated x[%d] = %g outside the bounds [%g, %g] (a bug in the method)", i, v, lo[i], up[i])
			}
		}
	}
}

func (t *Task) record(x []float64, v float64) {
	t.nfev++
	if !IsFinite(v) {
		t.nonFinite++
	} else if v < t.bestF {
		t.bestF = v
		t.bestX = append(t.bestX[:0], x...)
	}
	t.trace = append(t.trace, t.bestF)
}

// Eval evaluates the objective at x (which must lie inside the bounds),
// records it and returns the raw value, which may be NaN or ±Inf: the
// method decides what that means.
func (t *Task) Eval(x []float64) float64 {
	t.admit(1)
	t.checkIn(x)
	var v float64
	if lb, ok := t.backend.(*localBackend); ok {
		var err error
		v, err = lb.call(x)
		if err != nil {
			t.Stop(EvaluationError, "%v", err)
		}
	} else {
		fs := []float64{0}
		t.batch([][]float64{x}, fs)
		v = fs[0]
	}
	t.record(x, v)
	return v
}

// EvalBatch evaluates the objective at every xs[i] into fs[i] through the
// backend (Settings.Workers goroutines, or remote workers) and records the
// values in index order, so that counts, best point and trace do not depend
// on how the batch was evaluated. If the budget allows only the first k
// points, those are evaluated and recorded and then the run stops.
func (t *Task) EvalBatch(xs [][]float64, fs []float64) {
	k := t.admit(len(xs))
	for _, x := range xs[:k] {
		t.checkIn(x)
	}
	t.batch(xs[:k], fs[:k])
	for i, x := range xs[:k] {
		t.record(x, fs[i])
	}
	if k < len(xs) {
		t.Stop(EvaluationLimit, "did %d evaluations (MaxEval)", t.nfev)
	}
}

func (t *Task) batch(xs [][]float64, fs []float64) {
	if len(xs) == 0 {
		return
	}
	err := t.backend.EvalBatch(t.ctx, xs, fs)
	if err == nil {
		return
	}
	if t.ctx.Err() != nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		t.Stop(Cancelled, "%v", err)
	}
	t.Stop(EvaluationError, "%v", err)
}

// NFev returns the number of evaluations so far.
func (t *Task) NFev() int { return t.nfev }

// NIt returns the number of iterations so far.
func (t *Task) NIt() int { return t.nit }

// NonFinite returns how many evaluations gave NaN or ±Inf.
func (t *Task) NonFinite() int { return t.nonFinite }

// Best returns the best point evaluated so far (nil before any finite
// value; do not modify) and its value (+Inf before any).
func (t *Task) Best() ([]float64, float64) { return t.bestX, t.bestF }

// Remaining returns how many evaluations the budget still allows
// (math.MaxInt without a budget).
func (t *Task) Remaining() int {
	if t.Settings.MaxEval <= 0 {
		return math.MaxInt
	}
	return max(t.Settings.MaxEval-t.nfev, 0)
}

// IterationsLeft returns how many iterations MaxIter still allows.
func (t *Task) IterationsLeft() int { return t.Settings.MaxIter - t.nit }

// GradCost returns the number of objective evaluations one Grad call costs
// (0 with an analytic gradient, N with forward differences).
func (t *Task) GradCost() int {
	if t.Problem.Grad != nil {
		return 0
	}
	return t.N
}

// Iterate ends one iteration: it counts it, fills it.Iter, NFev and (if
// unset) the best point, records a copy with Settings.Record, calls the
// callback (stopping the run with Stopped if it says so) and checks the
// context. The iteration limit stops the run at the next evaluation or
// iteration after MaxIter iterations, so a method that converges in its
// last allowed iteration still reports Converged.
func (t *Task) Iterate(it Iteration) {
	if t.nit >= t.Settings.MaxIter {
		t.Stop(IterationLimit, "did %d iterations (MaxIter)", t.nit)
	}
	t.nit++
	it.Iter, it.NFev = t.nit, t.nfev
	if it.BestX == nil {
		it.BestX, it.BestF = t.bestX, t.bestF
	}
	if t.Settings.Record {
		t.path = append(t.path, it.clone())
	}
	if cb := t.Settings.Callback; cb != nil {
		if cb(it) {
			t.Stop(Stopped, "the callback stopped the run after %d iterations", t.nit)
		}
	}
	t.Check()
}

// Grad writes the gradient at x into g, given fx = f(x): the analytic
// gradient, or forward differences (step Settings.FDStep; a probe that
// would leave the box goes the other way, or as far as the box allows).
// The probes are evaluated as one batch, so Workers and Backend speed them
// up. A panicking Grad stops the run with EvaluationError. Analytic
// gradients count in NGev, not against MaxEval (which counts objective
// evaluations); they check the context.
func (t *Task) Grad(g, x []float64, fx float64) {
	if t.Problem.Grad != nil {
		t.Check()
		t.ngev++
		if err := protect(func() { t.Problem.Grad(g, x) }); err != nil {
			t.Stop(EvaluationError, "the gradient %v at x = %v", err, short(x))
		}
		return
	}
	t.fdGrad(g, x, fx, func(xs [][]float64, fs []float64) { t.EvalBatch(xs, fs) })
}

// FuncGrad evaluates f at x, writes the gradient into g and returns f(x).
func (t *Task) FuncGrad(g, x []float64) float64 {
	f := t.Eval(x)
	if !IsFinite(f) {
		for i := range g {
			g[i] = math.NaN()
		}
		return f
	}
	t.Grad(g, x, f)
	return f
}

// fdStep returns the signed step for coordinate i at x: +h, or −h (or the
// room left in the box) where +h would leave it; 0 if the box has no room.
func (t *Task) fdStep(x []float64, i int) float64 { return t.stepIn(x, i, t.Settings.FDStep) }

// stepIn is fdStep for a step h.
func (t *Task) stepIn(x []float64, i int, h float64) float64 {
	if t.Problem.Lower == nil {
		return h
	}
	lo, up := t.Problem.Lower[i], t.Problem.Upper[i]
	switch {
	case x[i]+h <= up:
		return h
	case x[i]-h >= lo:
		return -h
	case up-x[i] >= x[i]-lo:
		return up - x[i]
	default:
		return lo - x[i]
	}
}

// fdChunk bounds the memory of a batch of finite-difference probes.
const fdChunk = 256

func (t *Task) fdGrad(g, x []float64, fx float64, eval func(xs [][]float64, fs []float64)) {
	n := len(x)
	if _, local := t.backend.(*localBackend); local && t.Settings.Workers <= 1 {
		// Serial: perturb one coordinate in place, no allocation.
		t.probe = append(t.probe[:0], x...)
		fs := []float64{0}
		xs := [][]float64{t.probe}
		for i := range n {
			h := t.fdStep(x, i)
			if h == 0 {
				g[i] = 0
				continue
			}
			t.probe[i] = x[i] + h
			eval(xs, fs)
			t.probe[i] = x[i]
			g[i] = (fs[0] - fx) / h
		}
		return
	}
	for lo := 0; lo < n; lo += fdChunk {
		hi := min(lo+fdChunk, n)
		xs := make([][]float64, 0, hi-lo)
		idx := make([]int, 0, hi-lo)
		hs := make([]float64, 0, hi-lo)
		for i := lo; i < hi; i++ {
			h := t.fdStep(x, i)
			if h == 0 {
				g[i] = 0
				continue
			}
			p := slices.Clone(x)
			p[i] += h
			xs, idx, hs = append(xs, p), append(idx, i), append(hs, h)
		}
		fs := make([]float64, len(xs))
		eval(xs, fs)
		for k, i := range idx {
			g[i] = (fs[k] - fx) / hs[k]
		}
	}
}

// hessFDStep is the step of a Hessian made by differences of
// finite-difference gradients: ε^(1/4), so that the gradients' own error
// (about √ε) divided by the step stays near √ε too.
const hessFDStep = 1.220703125e-04

// Hess writes the Hessian at x into h: the analytic one, or forward
// differences of the gradient (N more gradients), symmetrized; the step is
// Settings.FDStep with an analytic gradient and ε^(1/4) ≈ 1.2e-4 (or
// FDStep, if larger) with a finite-difference one. g is ∇f(x).
func (t *Task) Hess(h *mat.SymDense, x, g []float64) {
	if t.Problem.Hess != nil {
		t.Check()
		t.nhev++
		if err := protect(func() { t.Problem.Hess(h, x) }); err != nil {
			t.Stop(EvaluationError, "the Hessian %v at x = %v", err, short(x))
		}
		return
	}
	n := len(x)
	gp := make([]float64, n)
	p := slices.Clone(x)
	cols := make([][]float64, n)
	step := t.Settings.FDStep
	if t.Problem.Grad == nil {
		step = max(step, hessFDStep)
	}
	for j := range n {
		s := t.stepIn(x, j, step)
		if s == 0 {
			cols[j] = make([]float64, n)
			continue
		}
		p[j] = x[j] + s
		fp := math.NaN() // an analytic gradient needs no f(p)
		if t.Problem.Grad == nil {
			if fp = t.Eval(p); !IsFinite(fp) {
				t.Stop(NonFinite, "f = %v at a Hessian probe", fp)
			}
		}
		t.Grad(gp, p, fp)
		p[j] = x[j]
		col := make([]float64, n)
		for i := range n {
			col[i] = (gp[i] - g[i]) / s
		}
		cols[j] = col
	}
	for i := range n {
		for j := i; j < n; j++ {
			h.SetSym(i, j, (cols[j][i]+cols[i][j])/2)
		}
	}
}

// Constraint returns c_i(x); a panic stops the run with EvaluationError.
func (t *Task) Constraint(i int, x []float64) float64 {
	var v float64
	if err := protect(func() { v = t.Problem.Constraints[i].Func(x) }); err != nil {
		t.Stop(EvaluationError, "constraint %d %v at x = %v", i, err, short(x))
	}
	return v
}

// ConstraintGrad writes ∇c_i(x) into g, given ci = c_i(x): analytic, or
// forward differences with the same steps as Grad (constraint evaluations
// are not counted in NFev).
func (t *Task) ConstraintGrad(i int, g, x []float64, ci float64) {
	c := t.Problem.Constraints[i]
	if c.Grad != nil {
		if err := protect(func() { c.Grad(g, x) }); err != nil {
			t.Stop(EvaluationError, "the gradient of constraint %d %v at x = %v", i, err, short(x))
		}
		return
	}
	t.Check()
	p := append([]float64(nil), x...)
	for j := range x {
		h := t.fdStep(x, j)
		if h == 0 {
			g[j] = 0
			continue
		}
		p[j] = x[j] + h
		g[j] = (t.Constraint(i, p) - ci) / h
		p[j] = x[j]
	}
}

func (t *Task) result() *Result {
	r := &Result{
		Method:  t.Info.Name,
		NFev:    t.nfev,
		NGev:    t.ngev,
		NHev:    t.nhev,
		NIt:     t.nit,
		Status:  t.status,
		Message: t.message,
		Trace:   t.trace,
		Path:    t.path,
		Detail:  t.Detail,
		F:       math.NaN(),
	}
	switch {
	case t.answerX != nil:
		r.X, r.F = slices.Clone(t.answerX), t.answerF
	case t.bestX != nil:
		r.X, r.F = slices.Clone(t.bestX), t.bestF
	}
	if r.X != nil {
		if err := CheckInBounds("X", r.X, t.Problem.Lower, t.Problem.Upper); err != nil {
			r.Status, r.Message = NumericalFailure, fmt.Sprintf("the method's answer is invalid (a bug in the method): %v", err)
		}
	}
	if r.Status == Converged && !IsFinite(r.F) {
		r.Status = NonFinite
		r.Message = fmt.Sprintf("no finite value found (%s)", r.Message)
	}
	if len(t.warnings) > 0 {
		r.Message += "; warning: " + strings.Join(t.warnings, "; ")
	}
	return r
}

// short formats x for a message, eliding the middle of a long vector.
func short(x []float64) string {
	if len(x) <= 6 {
		return fmt.Sprint(x)
	}
	return fmt.Sprintf("[%g %g %g … %g %g] (n = %d)", x[0], x[1], x[2], x[len(x)-2], x[len(x)-1], len(x))
}
