package linesearch

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"

	"github.com/optlab/optlab/pkg/optim"
)

// Line is φ(α) = f(x + α p) along a direction p from x, evaluated through
// a Task so that every evaluation is counted, traced and budgeted.
//
// Value(α) evaluates f at x + αp; Deriv() then gives φ′(α) = ∇f(x+αp)·p at
// that same point (one gradient: analytic, or N forward-difference
// evaluations). The trial point and its gradient live in the Line's own
// buffers, which the next Value overwrites.
//
// If the problem has bounds, MaxStep is the largest α that keeps x + αp in
// the box, and every search caps α at it (returning Reason AtBound when the
// cap stops it). The searches are meant for unbounded problems; for bounds
// use a projected method (package lbfgsb).
type Line struct {
	t    *optim.Task
	x, p []float64
	// F0 = φ(0) = f(x) and D0 = φ′(0) = ∇f(x)·p.
	F0, D0 float64
	// MaxStep is the largest α with x + αp inside the bounds (+Inf without).
	MaxStep float64

	xa, ga []float64
	fa     float64
	hasG   bool
	nf, ng int
}

// New returns φ along p from x, where f = f(x) and g = ∇f(x). It does not
// evaluate anything. x, g and p must not change during the search.
func New(t *optim.Task, x []float64, f float64, g, p []float64) *Line {
	n := len(x)
	l := &Line{t: t, x: x, p: p, F0: f, D0: floats.Dot(g, p),
		xa: make([]float64, n), ga: make([]float64, n), MaxStep: math.Inf(1)}
	if lo, up := t.Problem.Lower, t.Problem.Upper; lo != nil {
		for i, pi := range p {
			switch {
			case pi > 0 && !math.IsInf(up[i], 1):
				l.MaxStep = min(l.MaxStep, max(up[i]-x[i], 0)/pi)
			case pi < 0 && !math.IsInf(lo[i], -1):
				l.MaxStep = min(l.MaxStep, max(x[i]-lo[i], 0)/-pi)
			}
		}
	}
	return l
}

// Value evaluates φ(α) = f(x + αp) (one objective evaluation).
func (l *Line) Value(a float64) float64 {
	floats.AddScaledTo(l.xa, l.x, a, l.p)
	optim.Clip(l.xa, l.t.Problem.Lower, l.t.Problem.Upper) // rounding only: α ≤ MaxStep
	l.fa = l.t.Eval(l.xa)
	l.hasG = false
	l.nf++
	return l.fa
}

// Deriv returns φ′(α) = ∇f(x+αp)·p at the α of the last Value call (one
// gradient evaluation).
func (l *Line) Deriv() float64 {
	if !l.hasG {
		l.t.Grad(l.ga, l.xa, l.fa)
		l.hasG = true
		l.ng++
	}
	return floats.Dot(l.ga, l.p)
}

// result packages the last trial point as the answer of a search.
func (l *Line) result(a float64, why Reason, format string, args ...any) Result {
	r := Result{Alpha: a, F: l.fa, X: l.xa, NFunc: l.nf, NGrad: l.ng, Reason: why}
	if l.hasG {
		r.G = l.ga
	}
	if format != "" {
		r.Msg = fmt.Sprintf(format, args...)
	}
	return r
}

// fail is a result without an accepted point.
func (l *Line) fail(why Reason, format string, args ...any) Result {
	r := l.result(0, why, format, args...)
	r.X, r.G, r.F = nil, nil, math.NaN()
	return r
}

// tooSmall reports whether a step of length w along p no longer moves x in
// floating point.
func (l *Line) tooSmall(w float64) bool {
	return math.Abs(w)*floats.Norm(l.p, math.Inf(1)) <= 1e-16*(1+floats.Norm(l.x, math.Inf(1)))
}

// Reason says why a line search ended.
type Reason int

const (
	// OK: an acceptable step was found.
	OK Reason = iota
	// NotDescent: φ′(0) ≥ 0, p is not a descent direction.
	NotDescent
	// NoAcceptableStep: no step met the conditions within the allowed
	// number of trials.
	NoAcceptableStep
	// NonFinite: φ(0) or φ′(0), or the gradient at an accepted trial
	// point, is NaN or ±Inf.
	NonFinite
	// StepTooSmall: the interval of candidate steps shrank below what
	// moves x in floating point (often: x is already a minimizer to
	// rounding, or the gradient is inaccurate).
	StepTooSmall
	// NegativeCurvature: the exact search met pᵀAp ≤ 0.
	NegativeCurvature
	// AtBound: the box bounds cap the step (Alpha is the cap, possibly 0);
	// these searches are for unbounded problems.
	AtBound
)

var reasonNames = [...]string{
	OK:                "ok",
	NotDescent:        "not a descent direction",
	NoAcceptableStep:  "no acceptable step",
	NonFinite:         "non-finite value",
	StepTooSmall:      "step too small",
	NegativeCurvature: "negative curvature",
	AtBound:           "at the bound",
}

func (r Reason) String() string {
	if r >= 0 && int(r) < len(reasonNames) {
		return reasonNames[r]
	}
	return fmt.Sprintf("Reason(%d)", int(r))
}

// Status is the optim.Status a method reports when its line search ends
// with r: NonFinite, NotMinimum for negative curvature, LineSearchFailure
// for the others (Converged is never returned; OK maps to NotTerminated).
func (r Reason) Status() optim.Status {
	switch r {
	case OK:
		return optim.NotTerminated
	case NonFinite:
		return optim.NonFinite
	case NegativeCurvature:
		return optim.NotMinimum
	}
	return optim.LineSearchFailure
}

// Result is the outcome of a line search.
type Result struct {
	// Alpha is the accepted step, F = φ(Alpha), X = x + Alpha·p.
	// X and G are the Line's buffers: copy them before the next search.
	// On failure (Reason ≠ OK and ≠ AtBound) X and G are nil, F is NaN.
	Alpha, F float64
	X        []float64
	// G is ∇f(X) if the search computed it (Wolfe, exact), else nil.
	G []float64
	// NFunc and NGrad are the φ and φ′ evaluations the search used
	// (objective evaluations and gradient calls).
	NFunc, NGrad int
	Reason       Reason
	Msg          string // details of a failure
}

// Message describes a failed search: "line search: <reason>: <msg>".
func (r Result) Message() string {
	if r.Msg == "" {
		return "line search: " + r.Reason.String()
	}
	return "line search: " + r.Reason.String() + ": " + r.Msg
}

// start checks φ(0) and φ′(0); it returns a failure, or ok.
func (l *Line) start() (Result, bool) {
	switch {
	case !optim.IsFinite(l.F0) || !optim.IsFinite(l.D0):
		return l.fail(NonFinite, "φ(0) = %v, φ′(0) = %v", l.F0, l.D0), false
	case !(l.D0 < 0):
		return l.fail(NotDescent, "φ′(0) = ∇f·p = %g ≥ 0", l.D0), false
	case l.MaxStep == 0:
		return l.fail(AtBound, "the direction leaves the box at α = 0"), false
	}
	return Result{}, true
}

// Finish ends t's run after the failed search r in the method's next
// iteration, with r.Reason.Status() and a message naming the reason.
func (r Result) Finish(t *optim.Task) {
	msg := r.Message()
	if r.Reason == AtBound {
		msg += " (the method is for unbounded problems; use lbfgsb with bounds)"
	}
	t.Finish(r.Reason.Status(), "%s, in iteration %d", msg, t.NIt()+1)
}
