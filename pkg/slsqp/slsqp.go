package slsqp

import (
	"context"
	"fmt"

	"github.com/optlab/optlab/pkg/optim"
)

// Exit modes: scipy's (and Kraft's) codes, kept in Detail.Mode.
const (
	// ModeOther marks a stop that scipy has no code for, decided by the
	// Task rather than by Kraft's algorithm: a non-finite value, the
	// evaluation limit, the callback or the context (Result.Status says
	// which).
	ModeOther = -1
	// ModeSuccess: "Optimization terminated successfully".
	ModeSuccess = 0
	// ModeEvalRequired: "Function evaluation required" — a request of
	// Kraft's reverse-communication interface; never returned here.
	ModeEvalRequired = 1
	// ModeTooManyEq: "More equality constraints than independent
	// variables". Minimize reports it as an error, before any evaluation.
	ModeTooManyEq = 2
	// ModeLSQIter: "More than 3*n iterations in LSQ subproblem" (NNLS).
	ModeLSQIter = 3
	// ModeIncompatible: "Inequality constraints incompatible" — the
	// linearized constraints cannot be satisfied, or even reduced, from the
	// current point.
	ModeIncompatible = 4
	// ModeSingularE: "Singular matrix E in LSQ subproblem".
	ModeSingularE = 5
	// ModeSingularC: "Singular matrix C in LSQ subproblem" — the Jacobian
	// of the equality constraints is rank-deficient.
	ModeSingularC = 6
	// ModeHFTI: "Rank-deficient equality constraint subproblem HFTI".
	ModeHFTI = 7
	// ModeLineSearch: "Positive directional derivative for linesearch".
	ModeLineSearch = 8
	// ModeIterLimit: "Iteration limit reached".
	ModeIterLimit = 9
)

var modeMessages = map[int]string{
	ModeSuccess:      "Optimization terminated successfully",
	ModeEvalRequired: "Function evaluation required",
	ModeTooManyEq:    "More equality constraints than independent variables",
	ModeLSQIter:      "More than 3*n iterations in LSQ subproblem",
	ModeIncompatible: "Inequality constraints incompatible",
	ModeSingularE:    "Singular matrix E in LSQ subproblem",
	ModeSingularC:    "Singular matrix C in LSQ subproblem",
	ModeHFTI:         "Rank-deficient equality constraint subproblem HFTI",
	ModeLineSearch:   "Positive directional derivative for linesearch",
	ModeIterLimit:    "Iteration limit reached",
}

// modeStatus maps Kraft's modes onto optim's statuses: only mode 0 is a
// success; the iteration limit (9) is not.
var modeStatus = map[int]optim.Status{
	ModeSuccess:      optim.Converged,
	ModeLSQIter:      optim.NumericalFailure,
	ModeIncompatible: optim.Infeasible,
	ModeSingularE:    optim.NumericalFailure,
	ModeSingularC:    optim.NumericalFailure,
	ModeHFTI:         optim.NumericalFailure,
	ModeLineSearch:   optim.LineSearchFailure,
	ModeIterLimit:    optim.IterationLimit,
}

// ModeMessage returns scipy's message for an exit mode.
func ModeMessage(mode int) string {
	if s, ok := modeMessages[mode]; ok {
		return s
	}
	return fmt.Sprintf("unknown mode %d", mode)
}

// scipy's defaults for maxiter and ftol.
const (
	// DefaultMaxIter is the default Settings.MaxIter (scipy's maxiter).
	DefaultMaxIter = 100
	// DefaultFTol is the default Settings.FTol, Kraft's acc (scipy's ftol).
	DefaultFTol = 1e-6
)

// Method is SLSQP, registered as "slsqp". It has no parameters of its
// own; it uses these Settings: MaxIter (default 100), FTol (Kraft's acc,
// default 1e-6), FDStep (the finite-difference step for a missing
// Problem.Grad or Constraint.Grad), MaxEval, Workers (for the probes of a
// finite-difference gradient), Callback and Record.
type Method struct{}

func init() { optim.Register(func() optim.Method { return Method{} }) }

// Info describes SLSQP.
func (Method) Info() optim.Info {
	return optim.Info{
		Name:            "slsqp",
		Summary:         "Kraft's sequential least-squares quadratic programming (scipy's SLSQP): bounds, equality and inequality constraints",
		Iteration:       "one SQP step: a QP subproblem, its line search and the BFGS update",
		DefaultMaxIter:  DefaultMaxIter,
		MaxDim:          MaxDim,
		Gradient:        true,
		Constraints:     true,
		AnswerIsIterate: true,
	}
}

// MaxDim is SLSQP's practical dimension (Info.MaxDim). B is a dense n×n
// matrix (8n² bytes: 200 MB at n = 5000), and every bound and inequality
// is a dense row of the LDP subproblem, whose NNLS brings active rows in
// one at a time, each with a fresh QR factorization: with every bound
// active an iteration takes 0.2 s at n = 200, 2.7 s at n = 400 and grows
// like n⁴. Without bounds and constraints a subproblem is two triangular
// solves and a BFGS update, O(n²): an iteration takes 5 ms at n = 1000
// and 0.4 s at n = 5000.
const MaxDim = 200

// Detail is SLSQP's final state, in Result.Detail: get it with
// res.Detail.(*slsqp.Detail) or optim.DetailOf[*slsqp.Detail](res).
type Detail struct {
	// Mode is Kraft's (scipy's) exit mode, ModeOther if the Task ended the
	// run (evaluation limit, callback, context, non-finite value).
	Mode int
	// Multipliers[j] is the Lagrange multiplier of Problem.Constraints[j]
	// and MultLower, MultUpper those of the bounds (nil without bounds; 0
	// for an infinite bound), from the last QP subproblem (nil before the
	// first). At a solution they satisfy the KKT conditions
	//
	//	∇f = Σ_j Multipliers_j ∇c_j + MultLower − MultUpper
	//
	// with the multipliers of inequalities and bounds ≥ 0.
	Multipliers          []float64
	MultLower, MultUpper []float64
	// Violation is Σ|c_eq(X)| + Σ max(−c_in(X), 0) at the answer, the
	// measure Kraft's convergence test bounds by FTol.
	Violation float64
}

// Step is the Detail of every Iteration SLSQP reports (Callback,
// Settings.Record → Result.Path); the Iteration's X and F are the new
// iterate.
type Step struct {
	// Alpha is the step length taken along the QP direction; 0 if no step
	// was taken (a BFGS restart, or convergence at the QP test).
	Alpha float64
	// Trials is the number of line-search evaluations.
	Trials int
	// Violation is the constraint violation at the iterate.
	Violation float64
	// Reset: B was reset to the identity (not a descent direction).
	Reset bool
}

// Run minimizes t's problem with SLSQP. The error is for more equality
// constraints than variables, which Kraft's method cannot handle.
func (Method) Run(t *optim.Task) error {
	meq := 0
	for _, c := range t.Problem.Constraints {
		if c.Kind == optim.Equality {
			meq++
		}
	}
	if meq > t.N {
		return fmt.Errorf("%d equality constraints but only %d variables (%s)", meq, t.N, ModeMessage(ModeTooManyEq))
	}
	newState(t).run()
	return nil
}

// Minimize is optim.Minimize with SLSQP and a background context.
func Minimize(p optim.Problem, x0 []float64, s *optim.Settings) (*optim.Result, error) {
	return optim.Minimize(context.Background(), p, x0, s, Method{})
}
