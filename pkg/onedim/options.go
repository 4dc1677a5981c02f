package onedim

import (
	"errors"
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/optim"
)

// Options configures every method of the package. A nil *Options means
// DefaultOptions(). A zero tolerance in a hand-built Options also means the
// default; a negative or NaN one is an error.
type Options struct {
	// Settings are the shared settings. The package uses:
	//   - MaxIter: the iteration limit (what an iteration is, each method
	//     documents; it must be positive);
	//   - MaxEval: a limit on calls of f (Golden, Fibonacci, Brent) or of f′
	//     (Bisection, Newton); 0 means no limit, and Golden and Fibonacci
	//     need at least 2;
	//   - XTol: the width of the final bracket (Golden, Fibonacci, Bisection,
	//     Brent with RelTol added) or the size of the last step (Newton);
	//   - GTol: Newton stops when |f′(x)| ≤ GTol;
	//   - Callback: called after every iteration; returning true stops the
	//     method with status optim.Stopped.
	// FTol, Seed and Workers are not used.
	optim.Settings

	// RelTol is Brent's relative tolerance: Brent stops when the bracket is
	// narrower than XTol + RelTol·|x|. Brent never uses less than 2ε
	// (ε = 2⁻⁵² is float64's machine epsilon) since a step below ε·|x|
	// changes nothing. The default is √ε ≈ 1.5e-8.
	RelTol float64

	// Eps is the Fibonacci search's perturbation in its last step, as a
	// fraction of the bracket at that point (Kochenderfer & Wheeler use
	// 0.01, the default). It must lie in (0, 0.5).
	Eps float64

	// F is an optional objective for the derivative-only methods (Bisection
	// and Newton): if it is not nil they evaluate it once at the point they
	// return, to fill Result.F and Result.Trace (NFev = 1). Without it their
	// Result.F is NaN and NFev is 0. The other methods ignore it.
	F func(float64) float64
}

// Defaults of DefaultOptions.
const (
	DefaultMaxIter = 200
	DefaultXTol    = 1e-8
	DefaultGTol    = 1e-12
	DefaultEps     = 0.01
)

// DefaultRelTol is Brent's default relative tolerance, √ε.
var DefaultRelTol = math.Sqrt(eps)

const eps = 0x1p-52 // float64 machine epsilon

// DefaultOptions returns the default options: MaxIter 200, no evaluation
// limit, XTol 1e-8, GTol 1e-12, RelTol √ε and Eps 0.01.
//
// A bracketing method cannot locate a minimizer much better than √ε·|x*|
// relative to the scale of x: near x* the function differs from f(x*) by
// about f″·δ²/2, which falls below the rounding error of f once δ ≲ √ε.
// XTol = 1e-8 sits at that limit for |x*| ≈ 1.
func DefaultOptions() *Options {
	return &Options{
		Settings: optim.Settings{
			MaxIter: DefaultMaxIter,
			XTol:    DefaultXTol,
			GTol:    DefaultGTol,
		},
		RelTol: DefaultRelTol,
		Eps:    DefaultEps,
	}
}

// prepare checks the arguments every bracketing method shares, the function
// (what names f in messages: "f", "the derivative f′") and the interval
// [a, b], and returns the options with their defaults filled in.
func prepare(method, what string, f func(float64) float64, a, b float64, o *Options) (Options, error) {
	if f == nil {
		return Options{}, fmt.Errorf("onedim: %s needs %s, got nil", method, what)
	}
	if err := checkInterval(a, b); err != nil {
		return Options{}, err
	}
	return resolve(o)
}

// resolve returns a copy of o with the defaults filled in, or an error that
// names what is wrong.
func resolve(o *Options) (Options, error) {
	if o == nil {
		return *DefaultOptions(), nil
	}
	r := *o
	if err := r.Settings.Validate(); err != nil {
		return r, fmt.Errorf("onedim: %w", err)
	}
	if r.XTol == 0 {
		r.XTol = DefaultXTol
	}
	if r.GTol == 0 {
		r.GTol = DefaultGTol
	}
	if r.RelTol < 0 || math.IsNaN(r.RelTol) {
		return r, fmt.Errorf("onedim: RelTol must be non-negative, got %v", r.RelTol)
	}
	if r.RelTol == 0 {
		r.RelTol = DefaultRelTol
	}
	if r.Eps == 0 {
		r.Eps = DefaultEps
	}
	if !(r.Eps > 0 && r.Eps < 0.5) {
		return r, fmt.Errorf("onedim: Eps must lie in (0, 0.5), got %v", r.Eps)
	}
	return r, nil
}

// checkInterval checks the search interval [a, b].
func checkInterval(a, b float64) error {
	if !optim.IsFinite(a) || !optim.IsFinite(b) {
		return fmt.Errorf("onedim: the interval [%v, %v] must have finite ends", a, b)
	}
	if a >= b {
		return fmt.Errorf("onedim: the interval [%v, %v] is empty or reversed: need a < b", a, b)
	}
	return nil
}

// ErrNoSignChange is wrapped by Bisection's error when f′ has the same sign
// at both ends of the interval, so that the interval brackets no stationary
// point that bisection could find.
var ErrNoSignChange = errors.New("f′ does not change sign on the interval")

// ErrBracketsMaximum is wrapped by Bisection's error when f′(a) > 0 > f′(b):
// the interval brackets a maximum of f, not a minimum.
var ErrBracketsMaximum = errors.New("f′ goes from + to −: the interval brackets a maximum")

// Result is what the methods return: the shared optim.Result plus the
// history of the iterations.
//
// optim.Result's fields mean, here:
//   - X = []float64{x*}, the estimate of the minimizer, and F = f(x*);
//   - NFev: every call of f; NGev: every call of f′; NHev (below): every
//     call of f″;
//   - NIt: the number of iterations, as each method defines them (see its
//     documentation), which equals len(Steps);
//   - Trace: the best-so-far value of f after every call of f.
type Result struct {
	optim.Result

	// NHev counts the calls of f″ (Newton).
	NHev int

	// Steps[i] records iteration i+1: the bracket after it, the estimate,
	// the points it evaluated. The starting interval (or Newton's x0) is
	// the caller's.
	Steps []Step
}

// Step records one iteration.
type Step struct {
	// A and B are the bracket after the iteration. Newton keeps no bracket:
	// they are NaN there.
	A, B float64
	// X is the estimate of the minimizer after the iteration (the best point
	// so far for Golden, Fibonacci and Brent, the midpoint for Bisection,
	// the new iterate for Newton).
	X float64
	// F is f(X) if the method evaluated f there, NaN otherwise (Bisection,
	// Newton).
	F float64
	// G is the derivative that drove the iteration: f′ at the midpoint for
	// Bisection, f′ at the point Newton stepped from; NaN for the other
	// methods.
	G float64
	// Points are the points where the iteration called f (Golden,
	// Fibonacci, Brent), f′ (Bisection) or f′ and f″ (Newton).
	Points []float64
}

// Brackets returns the bracket after every iteration, as [2]float64{a, b}.
func (r *Result) Brackets() [][2]float64 {
	out := make([][2]float64, len(r.Steps))
	for i, s := range r.Steps {
		out[i] = [2]float64{s.A, s.B}
	}
	return out
}

// Iterates returns the estimate X after every iteration.
func (r *Result) Iterates() []float64 {
	out := make([]float64, len(r.Steps))
	for i, s := range r.Steps {
		out[i] = s.X
	}
	return out
}

// Evaluated returns every point where the method called its function(s),
// in order.
func (r *Result) Evaluated() []float64 {
	var out []float64
	for _, s := range r.Steps {
		out = append(out, s.Points...)
	}
	return out
}

// counter wraps a scalar function: it counts calls, keeps the best finite
// point and the best-so-far trace, and remembers the first non-finite value.
type counter struct {
	f            func(float64) float64
	n            int
	bestX, bestF float64
	trace        []float64
	badX, badV   float64
	bad          bool
}

func newCounter(f func(float64) float64) *counter {
	return &counter{f: f, bestX: math.NaN(), bestF: math.Inf(1)}
}

// eval returns f(x) and whether it is finite.
func (c *counter) eval(x float64) (float64, bool) {
	v := c.f(x)
	c.n++
	ok := optim.IsFinite(v)
	if !ok {
		if !c.bad {
			c.bad, c.badX, c.badV = true, x, v
		}
	} else if v < c.bestF {
		c.bestX, c.bestF = x, v
	}
	c.trace = append(c.trace, c.bestF)
	return v, ok
}

// fill copies the counts, the best point and the trace into r.
func (c *counter) fill(r *Result) {
	r.NFev = c.n
	r.Trace = c.trace
	if math.IsNaN(c.bestX) {
		r.X, r.F = nil, math.NaN()
		return
	}
	r.X = []float64{c.bestX}
	r.F = c.bestF
}

// nonFinite sets r's status for a NaN or ±Inf value v of the function named
// name at x.
func nonFinite(r *Result, name string, x, v float64) {
	r.Status = optim.NonFinite
	r.Message = fmt.Sprintf("%s(%v) = %v", name, x, v)
}

// callback calls the user's callback, if any, and reports whether to stop.
func callback(o *Options, it, nfev int, x, f float64) bool {
	if o.Callback == nil {
		return false
	}
	return o.Callback(optim.Iteration{Iter: it, NFev: nfev, X: []float64{x}, F: f})
}

// checkEvalBudget is the MaxEval check of Golden and Fibonacci, which need
// two evaluations before they can make any decision.
func checkEvalBudget(o *Options) error {
	if o.MaxEval == 1 {
		return fmt.Errorf("onedim: MaxEval = 1 is too small: this method needs 2 evaluations for its first step (0 means no limit)")
	}
	return nil
}
