package onedim

import (
	"errors"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/optlab/optlab/pkg/optim"
)

func init() {
	optim.Register(func() optim.Method { return &Newton{} })
}

// Newton is Newton's method in one dimension on f′ = 0 (registered as
// "newton1d"; the n-D Newton is "newton"):
//
//	x ← x − f′(x)/f″(x)
//
// which jumps to the minimizer of the quadratic model
// f(x) + f′(x)·s + f″(x)·s²/2 when f″(x) > 0. It has no parameters.
//
// It starts from x0 (required). Bounds are optional; if given, every
// iterate is clipped into them. f′ is Problem.Grad and f″ Problem.Hess
// (1×1); without them the Task's forward differences are used (step
// Settings.FDStep), which with both missing makes f″ inaccurate at the
// default step (a difference of differences): give Grad at least.
//
// Every iterate costs one evaluation of f and one of f′ (Result.F = f(X);
// MaxEval counts these), and each step one f″. At every iterate x, in this
// order:
//   - |f′(x)| ≤ Settings.GTol (default DefaultGTol): x is a stationary
//     point. Newton then looks at f″(x): f″(x) < 0 means a maximum (status
//     optim.NotMinimum), otherwise Converged, so x⁴ started at its
//     minimizer 0, where f″ = 0 too, converges at once;
//   - f″(x) ≤ 0 (away from a stationary point): the model has no minimum,
//     and the step would head for a maximum (f″ < 0) or is undefined
//     (f″ = 0). Newton stops with NotMinimum at x and a message "f″(x) = …
//     ≤ 0 at x = …"; it never walks on to a maximum and reports it as a
//     minimum;
//   - otherwise it steps (newtonStep), clipped into the bounds, and
//     converges if the step was shorter than Settings.XTol (default
//     DefaultXTol), or if the bounds stopped it from moving at all (the
//     minimum on the interval is at that bound).
//
// Each Iteration has X = the new iterate, F = f(X), and Detail = the Model
// at the point it stepped from (X, F, G = f′, H = f″, Step); Result.Detail
// is the *Model at Result.X. On f(x) = x²/2 it takes exactly one step
// from any x0.
type Newton struct{}

// Info describes Newton's method.
func (*Newton) Info() optim.Info {
	return optim.Info{
		Name:            "newton1d",
		Summary:         "Newton's method x ← x − f′/f″ from x0; stops with 'not a minimum' where f″ ≤ 0",
		Iteration:       "one Newton step: f″ at x, then f and f′ at the new point",
		DefaultMaxIter:  DefaultMaxIter,
		MaxDim:          1,
		OneD:            true,
		Gradient:        true,
		SecondOrder:     true,
		AnswerIsIterate: true,
	}
}

// newtonStep returns the Newton step s = −f′(x)/f″(x), the minimizer of
// the model m(s) = f(x) + f′(x)·s + ½·f″(x)·s² when f″(x) > 0.
func newtonStep(g, h float64) float64 { return -g / h }

// curvature returns f″(x) (t.Hess), given p = (x, f(x), f′(x)).
func curvature(t *optim.Task, p point) float64 {
	h := mat.NewSymDense(1, nil)
	t.Hess(h, []float64{p.x}, []float64{p.g})
	v := h.At(0, 0)
	finite(t, "f″", p.x, v)
	return v
}

var errNoX0 = errors.New("needs a start point x0")

// Run minimizes t's 1-D problem by Newton's method.
func (*Newton) Run(t *optim.Task) error {
	if t.X0 == nil {
		return errors.New("onedim: newton1d " + errNoX0.Error())
	}
	if _, _, ok := interval(t); !ok {
		return nil
	}
	gtol := optim.Or(t.Settings.GTol, DefaultGTol)
	xtol := optim.Or(t.Settings.XTol, DefaultXTol)
	nan := math.NaN()
	p := evalPoint(t, t.X0[0])
	t.Answer([]float64{p.x}, p.f)
	for {
		t.Detail = &Model{p.x, p.f, p.g, nan, nan}
		if math.Abs(p.g) <= gtol {
			h := curvature(t, p)
			t.Detail = &Model{p.x, p.f, p.g, h, nan}
			if h < 0 {
				t.Finish(optim.NotMinimum, "f′(x) = %g ≈ 0 but f″(x) = %g < 0 at x = %v: a maximum, not a minimum", p.g, h, p.x)
			} else {
				t.Finish(optim.Converged, "|f′(x)| = %.3g ≤ GTol = %g with f″(x) = %g ≥ 0 at x = %v", math.Abs(p.g), gtol, h, p.x)
			}
			return nil
		}
		h := curvature(t, p)
		t.Detail = &Model{p.x, p.f, p.g, h, nan}
		if h <= 0 {
			what := "the Newton step would head for a maximum"
			if h == 0 {
				what = "the Newton step is undefined"
			}
			t.Finish(optim.NotMinimum, "f″(x) = %g ≤ 0 at x = %v (f′ = %g): %s; x is not a minimum", h, p.x, p.g, what)
			return nil
		}
		s := newtonStep(p.g, h)
		xn := clip(t, p.x+s)
		if !optim.IsFinite(xn) {
			t.Finish(optim.NonFinite, "the step f′/f″ = %g/%g from x = %v overflows", p.g, h, p.x)
			return nil
		}
		if xn == p.x {
			t.Finish(optim.Converged, "the Newton step %g from x = %v does not move it (a bound, or below float64 resolution)", s, p.x)
			return nil
		}
		m := Model{p.x, p.f, p.g, h, xn - p.x}
		p = evalPoint(t, xn)
		t.Answer([]float64{p.x}, p.f)
		t.Detail = &Model{p.x, p.f, p.g, nan, nan}
		t.Iterate(optim.Iteration{X: []float64{p.x}, F: p.f, Detail: m})
		if math.Abs(m.Step) < xtol {
			t.Finish(optim.Converged, "step |Δx| = %.3g < XTol = %g", math.Abs(m.Step), xtol)
			return nil
		}
	}
}
