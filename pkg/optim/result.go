package optim

import (
	"errors"
	"fmt"
	"math/rand/v2"
)

// Status says why a method stopped. Only Converged is a success, as in
// scipy (success=False at maxiter) and gonum (IterationLimit is an error):
// a used-up budget returns the best point found, but does not claim it is a
// minimum.
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
	// Cancelled: the context was cancelled or its deadline passed.
	Cancelled
	// NotMinimum: the method reached a point that is not a minimum, such as
	// a maximum or a saddle (Newton's method where f″ ≤ 0).
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
	// EvaluationError: the objective panicked, or a remote worker failed;
	// the message names the point.
	EvaluationError
)

var statusNames = [...]string{
	NotTerminated:     "not terminated",
	Converged:         "converged",
	IterationLimit:    "iteration limit",
	EvaluationLimit:   "evaluation limit",
	Stopped:           "stopped by callback",
	Cancelled:         "cancelled",
	NotMinimum:        "not a minimum",
	NonFinite:         "non-finite value",
	Infeasible:        "infeasible",
	LineSearchFailure: "line search failure",
	NumericalFailure:  "numerical failure",
	EvaluationError:   "evaluation error",
}

func (s Status) String() string {
	if s >= 0 && int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Success reports whether s is a convergence. A budget that was used up
// (IterationLimit, EvaluationLimit), a stop by the callback or the context,
// and every failure are not.
func (s Status) Success() bool { return s == Converged }

// MarshalText makes a Status print as its name in JSON.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a Status from its name, so Results written as JSON
// can be read back.
func (s *Status) UnmarshalText(b []byte) error {
	for i, n := range statusNames {
		if n == string(b) {
			*s = Status(i)
			return nil
		}
	}
	return fmt.Errorf("optim: unknown status %q", b)
}

// Result is what every method returns, in the spirit of scipy's
// OptimizeResult.
type Result struct {
	// Method is the name of the method that produced the result.
	Method string
	// X is the method's answer and F = f(X). For most methods X is the
	// best point evaluated. Methods whose answer is an iterate say so in
	// their Info: SLSQP returns its last iterate, as scipy does, since the
	// best point it evaluated may be an infeasible finite-difference
	// probe; the Trace may then end below F. X is always inside the
	// bounds; it is nil and F is NaN only if no finite value was seen.
	X       []float64
	F       float64
	NFev    int // objective evaluations, finite-difference probes included
	NGev    int // analytic gradient evaluations
	NHev    int // analytic Hessian evaluations
	NIt     int // iterations, in the method's own sense (see Info.Iteration)
	Status  Status
	Message string // human-readable reason for stopping, and warnings
	// Trace[i] is the smallest finite objective value among the first i+1
	// evaluations (+Inf before any); len(Trace) == NFev.
	Trace []float64
	// Path holds a deep copy of every Iteration, when Settings.Record is set.
	Path []Iteration
	// Detail is the method's own final state, one documented type per
	// method (e.g. *slsqp.Detail with the multipliers, *cmaes.Detail with
	// the final distribution, *onedim.Bracket); nil if it has none. Use
	// [DetailOf] to get it typed.
	Detail any
}

// DetailOf returns r.Detail as a T, and whether it is one.
func DetailOf[T any](r *Result) (T, bool) {
	d, ok := r.Detail.(T)
	return d, ok
}

// ErrInternal is wrapped by the error Minimize returns when a method
// panicked: a bug in the method, not in the input.
var ErrInternal = errors.New("internal error in the method")

// ErrFailed is wrapped by the error that Result.Err returns.
var ErrFailed = errors.New("optimization did not converge")

// Err returns nil if the method converged and otherwise an error that wraps
// ErrFailed and carries the status and message.
func (r *Result) Err() error {
	if r.Status.Success() {
		return nil
	}
	return fmt.Errorf("%w: %s: %s", ErrFailed, r.Status, r.Message)
}

func (r *Result) String() string {
	return fmt.Sprintf("method=%s x=%v f=%.10g nfev=%d nit=%d status=%q message=%q",
		r.Method, r.X, r.F, r.NFev, r.NIt, r.Status, r.Message)
}

// NewRand returns the random source every stochastic method uses: a PCG
// generator seeded by seed, so results are reproducible across platforms.
func NewRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}
