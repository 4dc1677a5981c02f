package cmaes

import (
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/optim"
	"gonum.org/v1/gonum/mat"
)

// Options are the settings of CMA-ES. The zero value of each field other
// than MaxIter means its default; start from DefaultOptions.
type Options struct {
	// Settings: MaxIter is the number of generations, over all restarts
	// together (each generation costs PopSize evaluations); MaxEval limits
	// the evaluations, Minimize never exceeds it (the last generation is then
	// evaluated only in part and not used to update the distribution).
	// FTol is pycma's tolfun (default 1e-11) and XTol its tolx (default
	// 1e-11); see the package documentation for the stopping rules. Seed
	// seeds the random numbers, Workers evaluates a generation concurrently
	// (the result does not depend on it) and Callback is called after each
	// generation. GTol is not used.
	optim.Settings

	// Sigma0 is the initial step size σ⁽⁰⁾ of Minimize: about a quarter to a
	// half of the distance to the optimum one expects. Zero means 0.3 times
	// the narrowest finite width of the box, or 0.5 if no coordinate has two
	// finite bounds. New takes σ⁽⁰⁾ as an argument and ignores this field.
	Sigma0 float64

	// PopSize is the population size λ; 0 means 4 + ⌊3 ln n⌋. Larger
	// populations are slower but more robust on multimodal functions.
	PopSize int

	// Separable selects sep-CMA-ES: a diagonal covariance matrix, O(n) work
	// per candidate, for 100–1000 parameters or more.
	Separable bool

	// Restarts is the number of IPOP restarts (Auger and Hansen 2005): when
	// a run stops on a convergence or numerical criterion, Minimize starts a
	// new one from x0 and Sigma0 with twice the population size, while the
	// MaxIter and MaxEval budgets last. 0 means a single run. Only Minimize
	// restarts; an ask/tell CMA is one run.
	Restarts int

	// PositiveWeights turns active CMA off: by default (as in the tutorial's
	// Table 1 and pycma) the λ−μ worst candidates enter the covariance
	// update with negative weights, which shrinks C along bad directions
	// and speeds up learning. With PositiveWeights only the μ best do.
	PositiveWeights bool

	// TolConditionCov stops a run when the condition number of C exceeds it
	// (pycma's tolconditioncov); 0 means 1e14.
	TolConditionCov float64

	// Lower and Upper are box bounds for the ask/tell interface (New).
	// Minimize takes the bounds from the Problem and rejects these.
	Lower, Upper []float64

	// SkipFinalMean turns off the evaluation of the final mean: by default,
	// as pycma's eval_final_mean, Minimize evaluates the mean m once at the
	// end of each run (if the evaluation budget allows), because it is often
	// better than every sample of the last generation. It costs one
	// evaluation per run.
	SkipFinalMean bool

	// Record makes Minimize keep every generation in Result.Generations (for
	// plots; this costs memory: λ·n + n² numbers per generation).
	Record bool
}

// DefaultOptions returns the defaults: 10000 generations, FTol = XTol =
// 1e-11, TolConditionCov = 1e14, default population size, no restarts.
func DefaultOptions() *Options {
	return &Options{
		Settings:        optim.Settings{MaxIter: 10000, FTol: 1e-11, XTol: 1e-11},
		TolConditionCov: 1e14,
	}
}

// Generation is one recorded generation: the distribution N(Mean, Sigma²·Cov)
// that the Samples were drawn from (before the update), and their objective
// values. Samples are the points actually evaluated (within the bounds).
type Generation struct {
	Run     int           // restart number, 0 for the first run
	Mean    []float64     // m
	Sigma   float64       // σ
	Cov     *mat.SymDense // C (without σ²)
	Samples [][]float64   // the λ candidates as evaluated
	Fitness []float64     // their objective values (NaN/Inf as returned)
}

// Run summarises one run of a restart sequence.
type Run struct {
	PopSize     int          // λ
	Generations int          // generations done
	NFev        int          // evaluations used
	BestF       float64      // best value found in this run
	Status      optim.Status // why the run stopped
	Message     string
}

// Result is the outcome of Minimize: the usual optim.Result, one Run per
// restart, and the recorded generations if Options.Record was set.
type Result struct {
	optim.Result
	Runs        []Run
	Generations []Generation
}

// withDefaults validates o (nil means DefaultOptions) and returns a copy
// with its zero fields set to their defaults.
func withDefaults(o *Options) (Options, error) {
	if o == nil {
		o = DefaultOptions()
	}
	r := *o
	if err := r.Settings.Validate(); err != nil {
		return r, fmt.Errorf("cmaes: %w", err)
	}
	if r.FTol == 0 {
		r.FTol = 1e-11
	}
	if r.XTol == 0 {
		r.XTol = 1e-11
	}
	if r.TolConditionCov == 0 {
		r.TolConditionCov = 1e14
	}
	switch {
	case r.PopSize < 0 || r.PopSize == 1:
		return r, fmt.Errorf("cmaes: PopSize must be at least 2 (or 0 for the default), got %d", r.PopSize)
	case r.Restarts < 0:
		return r, fmt.Errorf("cmaes: Restarts must be non-negative, got %d", r.Restarts)
	case !(r.TolConditionCov > 1) || math.IsInf(r.TolConditionCov, 0):
		return r, fmt.Errorf("cmaes: TolConditionCov must be a finite number > 1 (or 0 for 1e14), got %v", r.TolConditionCov)
	case r.Sigma0 < 0 || math.IsNaN(r.Sigma0) || math.IsInf(r.Sigma0, 0):
		return r, fmt.Errorf("cmaes: Sigma0 must be positive and finite (or 0 for the default), got %v", r.Sigma0)
	}
	return r, nil
}

// checkBox validates box bounds for dimension n: both or none, equal
// lengths, lower < upper and no NaN.
func checkBox(n int, lower, upper []float64) error {
	if lower == nil && upper == nil {
		return nil
	}
	if (lower == nil) != (upper == nil) {
		return fmt.Errorf("cmaes: give both Lower and Upper bounds, or neither")
	}
	if len(lower) != n || len(upper) != n {
		return fmt.Errorf("cmaes: bounds have lengths %d and %d, want %d", len(lower), len(upper), n)
	}
	if err := optim.CheckBounds(lower, upper, false); err != nil {
		return fmt.Errorf("cmaes: %w", err)
	}
	for i := range lower {
		if lower[i] == upper[i] {
			return fmt.Errorf("cmaes: zero-width bounds in coordinate %d ([%g, %g]): fix that variable outside the optimizer", i, lower[i], upper[i])
		}
	}
	return nil
}
