package optim

import (
	"fmt"
	"math"
)

// Settings are the options common to all methods, apart from each method's
// own parameters (which are fields of its Method value). The zero value of
// every field means "the method's default", for every method.
//
// What one iteration is differs between methods (a comparison, a step, a
// generation, an annealing chain): each method says it in Info.Iteration,
// and `optlab methods` prints the table. MaxEval, the number of objective
// evaluations, is the budget that compares methods fairly.
type Settings struct {
	// MaxIter is the iteration limit; 0 means Info.DefaultMaxIter.
	// Reaching it ends the run with IterationLimit, not Converged.
	MaxIter int
	// MaxEval limits the objective evaluations (finite-difference probes
	// included); 0 means Info.DefaultMaxEval (0 there: no limit). The run
	// ends with EvaluationLimit before an evaluation would exceed it.
	MaxEval int
	// FTol, XTol and GTol are convergence tolerances on the objective, the
	// point and the gradient. Each method documents which it uses and its
	// default; zero means that default.
	FTol, XTol, GTol float64
	// FDStep is the finite-difference step h, for problems without Grad
	// (and constraints without Grad): forward differences with probes
	// x + h·e_i, or x − h·e_i where x + h·e_i would leave the box. 0 means
	// DefaultFDStep, √ε ≈ 1.49e-8 (scipy's default).
	FDStep float64
	// Seed seeds stochastic methods: the same seed gives the same result,
	// bit for bit, whatever Workers or Backend is.
	Seed uint64
	// Workers is the number of goroutines that evaluate a batch (a
	// population, or the probes of a finite-difference gradient)
	// concurrently; 0 or 1 evaluates serially. Ignored with a Backend.
	Workers int
	// Backend, if not nil, evaluates every batch instead of Problem.Func
	// on local goroutines (e.g. remote workers over NATS).
	Backend Backend
	// Callback, if not nil, is called after every iteration; returning
	// true stops the method with status Stopped. The Iteration's slices
	// belong to the method: copy what you keep.
	Callback func(Iteration) bool
	// Record keeps a deep copy of every Iteration in Result.Path.
	Record bool
}

// DefaultFDStep is the finite-difference step used when Settings.FDStep is 0:
// √ε for float64, scipy's default for approx_fprime.
const DefaultFDStep = 1.4901161193847656e-08

// Validate checks the common settings.
func (s *Settings) Validate() error {
	if s.MaxIter < 0 {
		return fmt.Errorf("optim: MaxIter must be non-negative (0 = default), got %d", s.MaxIter)
	}
	if s.MaxEval < 0 {
		return fmt.Errorf("optim: MaxEval must be non-negative (0 = default), got %d", s.MaxEval)
	}
	for _, t := range []struct {
		name string
		v    float64
	}{{"FTol", s.FTol}, {"XTol", s.XTol}, {"GTol", s.GTol}, {"FDStep", s.FDStep}} {
		if t.v < 0 || math.IsNaN(t.v) || math.IsInf(t.v, 0) {
			return fmt.Errorf("optim: %s must be finite and non-negative (0 = default), got %v", t.name, t.v)
		}
	}
	if s.Workers < 0 {
		return fmt.Errorf("optim: Workers must be non-negative, got %d", s.Workers)
	}
	return nil
}

// Or returns v if it is not zero and def otherwise: the rule "zero means
// the default" in one place, for methods resolving their settings.
func Or[T int | float64](v, def T) T {
	if v != 0 {
		return v
	}
	return def
}
