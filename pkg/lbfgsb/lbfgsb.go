package lbfgsb

import (
	"flag"
	"fmt"
	"slices"

	"github.com/optlab/optlab/pkg/optim"
)

// Defaults, scipy's for L-BFGS-B.
const (
	DefaultM       = 10            // memory (scipy's maxcor)
	DefaultGTol    = 1e-5          // projected-gradient tolerance (scipy's pgtol)
	DefaultFTol    = 1e7 * 0x1p-52 // relative reduction, factr·ε ≈ 2.2e-9
	DefaultMaxIter = 15000         // scipy's maxiter
	DefaultC1      = 1e-4          // sufficient decrease (Armijo)
	DefaultC2      = 0.9           // curvature (strong Wolfe)
	DefaultMaxLS   = 20            // trials per line search (scipy's maxls)
	gradTiny       = 0x1p-52       // curvature pairs with sᵀy ≤ ε·yᵀy are skipped
	minStepRatio   = 1e-16         // a line-search bracket narrower than this relative to α has failed
	infoName       = "lbfgsb"
	infoSummary    = "L-BFGS-B: limited-memory BFGS with box bounds (plain L-BFGS when unbounded)"
	infoIteration  = "one quasi-Newton step (line search included)"
	infoMaxDim     = 100_000
	msgLineSearch  = "the line search found no decrease along the quasi-Newton direction (projected gradient %.3g > GTol %g)"
	msgProjGrad    = "projected gradient %.3g ≤ GTol %g"
	msgFTol        = "relative reduction of f %.3g ≤ FTol %g"
	msgBudget      = "MaxEval leaves too few evaluations for a line-search trial and its gradient (%d left)"
	msgNonFiniteG  = "the gradient is not finite at x = %v"
)

// Method is L-BFGS-B. The zero value uses scipy's defaults; tolerances and
// the finite-difference step are Settings (GTol, FTol, FDStep).
type Method struct {
	// M is the number of (s, y) pairs kept (scipy's maxcor); 0 means 10.
	M int
	// C1 is the sufficient-decrease parameter of the line search, in
	// (0, 1); 0 means 1e-4.
	C1 float64
	// C2 is the curvature parameter of the strong Wolfe conditions, in
	// (C1, 1); 0 means 0.9.
	C2 float64
	// MaxLineSearch is the number of trial steps per line search (scipy's
	// maxls); 0 means 20.
	MaxLineSearch int
}

func init() { optim.Register(func() optim.Method { return &Method{} }) }

// Info describes L-BFGS-B.
func (m *Method) Info() optim.Info {
	return optim.Info{
		Name:            infoName,
		Summary:         infoSummary,
		Iteration:       infoIteration,
		DefaultMaxIter:  DefaultMaxIter,
		MaxDim:          infoMaxDim,
		Gradient:        true,
		AnswerIsIterate: true,
	}
}

// Flags defines -memory, -c1, -c2 and -maxls.
func (m *Method) Flags(fs *flag.FlagSet) {
	fs.IntVar(&m.M, "memory", m.M, "number of (s, y) pairs kept (default 10)")
	fs.Float64Var(&m.C1, "c1", m.C1, "line search sufficient-decrease parameter (default 1e-4)")
	fs.Float64Var(&m.C2, "c2", m.C2, "line search curvature parameter (default 0.9)")
	fs.IntVar(&m.MaxLineSearch, "maxls", m.MaxLineSearch, "trial steps per line search (default 20)")
}

// Step is the Iteration.Detail of every iteration: the state at X after
// one quasi-Newton step.
type Step struct {
	ProjGrad float64 // largest component of the projected gradient at X
	Alpha    float64 // the step length along the quasi-Newton direction
	Free     int     // variables not held on a bound during the step
	Pairs    int     // (s, y) pairs in memory after the step
}

// Detail is Result.Detail: the gradient at the answer X.
type Detail struct {
	Grad     []float64 // ∇f(X)
	ProjGrad float64   // largest component of the projected gradient at X
}

// params are the resolved parameters of one search.
type params struct {
	m          int
	c1, c2     float64
	maxLS      int
	gtol, ftol float64
}

func (m *Method) resolve(s optim.Settings) (params, error) {
	p := params{
		m:     optim.Or(m.M, DefaultM),
		c1:    optim.Or(m.C1, DefaultC1),
		c2:    optim.Or(m.C2, DefaultC2),
		maxLS: optim.Or(m.MaxLineSearch, DefaultMaxLS),
		gtol:  optim.Or(s.GTol, DefaultGTol),
		ftol:  optim.Or(s.FTol, DefaultFTol),
	}
	switch {
	case p.m < 0:
		return p, fmt.Errorf("lbfgsb: M must be positive (0 = 10), got %d", m.M)
	case !(p.c1 > 0 && p.c1 < 1):
		return p, fmt.Errorf("lbfgsb: C1 must be in (0, 1), got %v", m.C1)
	case !(p.c2 > p.c1 && p.c2 < 1):
		return p, fmt.Errorf("lbfgsb: C2 must be in (C1, 1) = (%v, 1), got %v", p.c1, p.c2)
	case p.maxLS < 0:
		return p, fmt.Errorf("lbfgsb: MaxLineSearch must be positive (0 = 20), got %d", m.MaxLineSearch)
	}
	return p, nil
}

// Run minimizes t's problem from t.X0.
func (m *Method) Run(t *optim.Task) error {
	p, err := m.resolve(t.Settings)
	if err != nil {
		return err
	}
	x := slices.Clone(t.X0)
	f := t.Eval(x)
	if !optim.IsFinite(f) {
		t.Finish(optim.NonFinite, "f(x0) = %v", f)
		return nil
	}
	t.Answer(x, f)
	s := newSearch(t, p, x, f)
	t.Detail = &Detail{Grad: s.g, ProjGrad: s.pg}
	if status, msg := s.start(); status != optim.NotTerminated {
		t.Finish(status, "%s", msg)
		return nil
	}
	for {
		status, msg, moved := s.step()
		if moved {
			t.Answer(s.x, s.f)
			t.Detail = &Detail{Grad: s.g, ProjGrad: s.pg}
			t.Iterate(optim.Iteration{X: s.x, F: s.f, Detail: Step{ProjGrad: s.pg, Alpha: s.alpha, Free: s.nfree, Pairs: len(s.sk)}})
		}
		if status != optim.NotTerminated {
			t.Finish(status, "%s", msg)
			return nil
		}
	}
}

// Local runs L-BFGS-B inside another method's Task t, from x (inside the
// box) with fx = f(x) already evaluated, for at most maxIter quasi-Newton
// steps (0: DefaultMaxIter) with memory m (0: 10), and returns the last iterate, its value and
// why it stopped: Converged (projected gradient ≤ t.Settings.GTol or
// relative reduction ≤ t.Settings.FTol, with this package's defaults),
// IterationLimit (maxIter steps), EvaluationLimit (t.Remaining() leaves no
// room for another line-search trial and its gradient), LineSearchFailure
// or NonFinite (fx or the gradient not finite; then x and fx come back).
//
// Its evaluations go through t (they count in the caller's budget, trace
// and best point); it never calls t.Iterate or t.Answer, so the caller
// counts its own iterations and decides what its answer is. It does not
// stop the run for the budget (it checks t.Remaining() before each
// evaluation), but a cancelled context or a failing objective unwinds the
// caller's run as any evaluation does. x is not modified.
func Local(t *optim.Task, x []float64, fx float64, maxIter int, m int) (xBest []float64, fBest float64, status optim.Status) {
	maxIter = optim.Or(maxIter, DefaultMaxIter)
	p, err := (&Method{M: m}).resolve(t.Settings)
	if err != nil {
		p.m = DefaultM
	}
	x = slices.Clone(x)
	if !optim.IsFinite(fx) || t.Remaining() < t.GradCost() {
		if !optim.IsFinite(fx) {
			return x, fx, optim.NonFinite
		}
		return x, fx, optim.EvaluationLimit
	}
	s := newSearch(t, p, x, fx)
	if status, _ := s.start(); status != optim.NotTerminated {
		return s.x, s.f, status
	}
	for range maxIter {
		if status, _, _ := s.step(); status != optim.NotTerminated {
			return s.x, s.f, status
		}
	}
	return s.x, s.f, optim.IterationLimit
}
