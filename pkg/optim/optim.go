package optim

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
)

// Problem is a minimization problem in n variables.
type Problem struct {
	// Func is the objective. It must not modify x. Population methods with
	// Settings.Workers > 1 call it from several goroutines at once, so it
	// must then be safe for concurrent use.
	Func func(x []float64) float64

	// Grad, if not nil, writes the gradient of Func at x into grad
	// (len(grad) == len(x)). Methods that need a gradient and find none use
	// finite differences.
	Grad func(grad, x []float64)

	// Dim is the number of variables. Zero means: take it from x0 or from
	// the bounds.
	Dim int

	// Lower and Upper are optional box bounds; nil means unbounded. Use
	// ±Inf for a side without a bound.
	Lower, Upper []float64
}

// Settings are the options common to all methods. Each method embeds them in
// its own Options type, next to its own parameters.
type Settings struct {
	// MaxIter is the iteration limit; it must be positive.
	MaxIter int
	// MaxEval limits the number of objective evaluations; 0 means no limit.
	MaxEval int
	// FTol, XTol and GTol are convergence tolerances on the objective, the
	// point and the gradient. Each method documents which it uses and its
	// default; zero means that default.
	FTol, XTol, GTol float64
	// Seed seeds stochastic methods: the same seed gives the same result,
	// bit for bit, whatever Workers is.
	Seed uint64
	// Workers is the number of goroutines that evaluate a population
	// concurrently; 0 or 1 evaluates serially.
	Workers int
	// Callback, if not nil, is called after every iteration; returning true
	// stops the method with status Stopped.
	Callback func(Iteration) bool
}

// Iteration is what a Callback sees after an iteration.
type Iteration struct {
	Iter int       // iterations done so far
	NFev int       // objective evaluations so far
	X    []float64 // current best point; do not modify or keep
	F    float64   // its value
}

// Validate checks the common settings.
func (s *Settings) Validate() error {
	if s.MaxIter <= 0 {
		return fmt.Errorf("optim: MaxIter must be positive, got %d", s.MaxIter)
	}
	if s.MaxEval < 0 {
		return fmt.Errorf("optim: MaxEval must be non-negative (0 = no limit), got %d", s.MaxEval)
	}
	for _, t := range []struct {
		name string
		v    float64
	}{{"FTol", s.FTol}, {"XTol", s.XTol}, {"GTol", s.GTol}} {
		if t.v < 0 || math.IsNaN(t.v) {
			return fmt.Errorf("optim: %s must be non-negative, got %v", t.name, t.v)
		}
	}
	if s.Workers < 0 {
		return fmt.Errorf("optim: Workers must be non-negative, got %d", s.Workers)
	}
	return nil
}

// Status says why a method stopped.
type Status int

const (
	// NotTerminated is the zero Status: the method has not stopped.
	NotTerminated Status = iota
	// Converged: a convergence criterion was met.
	Converged
	// IterationLimit: Settings.MaxIter iterations were done.
	IterationLimit
	// EvaluationLimit: Settings.MaxEval evaluations were done.
	EvaluationLimit
	// Stopped: the callback asked to stop.
	Stopped
	// NotMinimum: the method reached a point that is not a minimum, such as
	// a maximum or a saddle (Newton's method where f'' <= 0).
	NotMinimum
	// NonFinite: the objective or a derivative returned NaN or ±Inf.
	NonFinite
	// Infeasible: the constraints could not be satisfied.
	Infeasible
	// LineSearchFailure: the line search found no acceptable step.
	LineSearchFailure
	// NumericalFailure: another numerical failure (singular matrix, a
	// subproblem that did not converge, ...); the message says which.
	NumericalFailure
)

var statusNames = [...]string{
	NotTerminated:     "not terminated",
	Converged:         "converged",
	IterationLimit:    "iteration limit",
	EvaluationLimit:   "evaluation limit",
	Stopped:           "stopped by callback",
	NotMinimum:        "not a minimum",
	NonFinite:         "non-finite value",
	Infeasible:        "infeasible",
	LineSearchFailure: "line search failure",
	NumericalFailure:  "numerical failure",
}

func (s Status) String() string {
	if s >= 0 && int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Success reports whether s is a normal end: converged, or a budget that
// was used up (the point is then the best found within it).
func (s Status) Success() bool {
	switch s {
	case Converged, IterationLimit, EvaluationLimit, Stopped:
		return true
	}
	return false
}

// MarshalText makes a Status print as its name in JSON.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Result is what every method returns, in the spirit of scipy's
// OptimizeResult.
type Result struct {
	// X is the method's answer and F = f(X). For most methods X is the
	// best point evaluated. Methods whose answer is an iterate say so:
	// SLSQP returns its last iterate, as scipy does, since the best point
	// it evaluated may be an infeasible finite-difference probe; the
	// Trace may then end below F.
	X       []float64
	F       float64
	NFev    int // objective evaluations
	NGev    int // gradient evaluations (analytic ones; finite differences count in NFev)
	NIt     int // iterations, in the method's own sense
	Status  Status
	Message string // human-readable reason for stopping
	// Trace[i] is the smallest objective value among the first i+1
	// evaluations (NaN values never count as best).
	Trace []float64
}

// ErrFailed is wrapped by the error that Result.Err returns.
var ErrFailed = errors.New("optimization failed")

// Err returns nil if the status is a success and otherwise an error that
// wraps ErrFailed and carries the message.
func (r *Result) Err() error {
	if r.Status.Success() {
		return nil
	}
	return fmt.Errorf("%w: %s: %s", ErrFailed, r.Status, r.Message)
}

func (r *Result) String() string {
	return fmt.Sprintf("x=%v f=%.10g nfev=%d nit=%d status=%q message=%q",
		r.X, r.F, r.NFev, r.NIt, r.Status, r.Message)
}

// NewRand returns the random source every stochastic method uses: a PCG
// generator seeded by seed, so results are reproducible across platforms.
func NewRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}
