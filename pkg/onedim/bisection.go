package onedim

import (
	"math"

	"github.com/optlab/optlab/pkg/optim"
)

func init() {
	optim.Register(func() optim.Method { return &Bisection{} })
}

// Bisection minimizes f on [Lower[0], Upper[0]] by bisection on its
// derivative (registered as "bisection"): it looks for the stationary
// point f′(x) = 0 between a point where f falls (f′ < 0) and one where it
// rises (f′ > 0). It has no parameters.
//
// f′ is Problem.Grad. Without it, Bisection uses a forward difference
// through the Task (step Settings.FDStep, backwards at b), which costs two
// evaluations of f per f′ and moves the stationary point found by about
// FDStep/2; give Grad when you can.
//
// It first evaluates f′(a) and f′(b) and needs f′(a) ≤ 0 ≤ f′(b). If they
// have the same strict sign, the interval brackets no stationary point;
// if f′(a) > 0 > f′(b) it brackets a maximum of f. Both are found only after
// evaluating, so they are failure statuses, not errors: NumericalFailure
// with a message saying "f′ does not change sign", and NotMinimum with
// "brackets a maximum". An end where f′ is exactly 0 is not returned at once
// (cos has f′(0) = 0 at its maximum): the bisection goes on, and shrinks
// onto that end if it is the minimizer.
//
// Each iteration evaluates f′ once, at the midpoint, and keeps the half
// where the sign changes (bisectionStep), so n iterations cost n+2
// derivatives (Result.NGev) and leave a bracket of width (b−a)/2ⁿ. It
// converges when the bracket is at most Settings.XTol wide (default
// DefaultXTol), or f′ is exactly 0 at a midpoint, or float64 cannot halve
// the bracket. Result.X is the midpoint of the final bracket and F = f(X):
// with an analytic Grad, f itself is evaluated only there (NFev = 1), in the
// iteration that converges or the last one MaxIter allows. With an analytic
// Grad, MaxEval does not limit the derivative evaluations.
//
// Each Iteration has X = the midpoint of the new bracket, F = f(X) or NaN
// where f was not evaluated, Pop = [[m]] the midpoint where f′ was
// evaluated (PopF = f(m) with finite differences, else NaN), and Detail =
// the Bracket; Result.Detail is the final *Bracket.
type Bisection struct{}

// Info describes bisection.
func (*Bisection) Info() optim.Info {
	return optim.Info{
		Name:            "bisection",
		Summary:         "bisection on f′ over [a, b]: needs f′(a) ≤ 0 ≤ f′(b)",
		Iteration:       "one halving: one evaluation of f′ at the midpoint",
		DefaultMaxIter:  DefaultMaxIter,
		MaxDim:          1,
		OneD:            true,
		NeedsBounds:     true,
		NoX0:            true,
		Gradient:        true,
		AnswerIsIterate: true,
	}
}

// bisectionStep halves [a, b] at its midpoint m by the sign of g = f′(m):
// f falls at m (g < 0), so the stationary point is right of m; it rises
// (g > 0), so it is left of m; g = 0: m is the stationary point.
func bisectionStep(a, b, m, g float64) (float64, float64) {
	switch {
	case g < 0:
		return m, b
	case g > 0:
		return a, m
	}
	return m, m
}

// Run minimizes t's 1-D problem by bisection on f′.
func (*Bisection) Run(t *optim.Task) error {
	a, b, ok := interval(t)
	if !ok {
		return nil
	}
	xtol := optim.Or(t.Settings.XTol, DefaultXTol)
	ga, _ := derivative(t, a)
	gb, _ := derivative(t, b)
	t.Detail = &Bracket{a, b}
	// An end where f′ = 0 counts as the weak end of the bracket: with
	// f′(a) = 0 ≤ f′(b), a may be the minimizer (then the bracket shrinks
	// onto it) or a maximum (cos at 0), so stopping there would be wrong.
	switch {
	case ga > 0 && gb < 0:
		t.Finish(optim.NotMinimum, "f′(%v) = %g > 0 > f′(%v) = %g: the interval brackets a maximum of f, not a minimum", a, ga, b, gb)
		return nil
	case !(ga <= 0 && gb >= 0):
		t.Finish(optim.NumericalFailure, "f′ does not change sign on the interval: f′(%v) = %g and f′(%v) = %g; give an interval where f falls at a and rises at b", a, ga, b, gb)
		return nil
	}
	// Invariant: f′(a) ≤ 0 ≤ f′(b), so a stationary point (the minimizer of
	// f if f′ is continuous and changes sign once) lies in [a, b].
	for {
		m := a + (b-a)/2
		if !(a < m && m < b) {
			t.Answer([]float64{m}, evalF(t, m))
			t.Finish(optim.Converged, "%s", shrinkMsg(a, b, xtol))
			return nil
		}
		g, fm := derivative(t, m)
		a, b = bisectionStep(a, b, m, g)
		x := a + (b-a)/2
		done := a == b || b-a <= xtol
		fx := math.NaN()
		if done || t.IterationsLeft() == 1 {
			fx = evalF(t, x)
			t.Answer([]float64{x}, fx)
		}
		t.Detail = &Bracket{a, b}
		t.Iterate(optim.Iteration{X: []float64{x}, F: fx, Pop: [][]float64{{m}}, PopF: []float64{fm}, Detail: Bracket{a, b}})
		switch {
		case a == b:
			t.Finish(optim.Converged, "f′ = 0 exactly at the midpoint %v", m)
			return nil
		case done:
			t.Finish(optim.Converged, "bracket [%v, %v] is %.3g wide ≤ XTol = %g", a, b, b-a, xtol)
			return nil
		}
	}
}
