package onedim

import (
	"errors"
	"flag"
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/optim"
)

func init() {
	optim.Register(func() optim.Method { return &Secant{} })
}

// Secant is the secant method on f′ = 0 (registered as "secant"), the
// derivative-only cousin of Newton's method: it replaces f″(x_k) by the
// slope of f′ between the last two points,
//
//	s_k = (f′(x_k) − f′(x_{k−1})) / (x_k − x_{k−1}),   x_{k+1} = x_k − f′(x_k)/s_k,
//
// and converges superlinearly near a minimizer with f″(x*) > 0, with order
// (1+√5)/2 ≈ 1.618 (e_{k+1} ≈ C·e_k·e_{k−1}): slower per step than Newton's
// order 2, but with one derivative per step instead of two.
//
// It starts from x0 (required) and a second point x₋₁ = x0 + Delta, which
// only supplies the first slope; the iterates are x0, x1, ... Bounds are
// optional; if given, every iterate is clipped into them. f′ is
// Problem.Grad, or a forward difference through the Task.
//
// Every point costs one evaluation of f and one of f′ (x₋₁ included:
// Result.F = f(X)). At every iterate x_k, in this order:
//   - |f′(x_k)| ≤ Settings.GTol (default DefaultGTol): Converged, unless
//     s_k < 0 (f′ decreases through x_k: a maximum), which is NotMinimum;
//   - s_k ≤ 0: the secant model has no minimum (f is concave between the
//     last two points); NotMinimum, as Newton does where f″ ≤ 0;
//   - otherwise it steps (secantStep), clipped into the bounds, and
//     converges if the step was shorter than Settings.XTol (default
//     DefaultXTol) or the bounds stopped it from moving.
//
// Each Iteration has X = the new iterate, F = f(X), and Detail = the Model
// at the point it stepped from, with H = s_k; Result.Detail is the *Model
// at Result.X (H = the last slope).
type Secant struct {
	// Delta is the offset of the second start point x₋₁ = x0 + Delta; 0
	// means DefaultDelta·max(1, |x0|) = 1e-3·max(1, |x0|), or its negative
	// where x0 + that would leave the bounds (or the farther bound when
	// neither fits). A non-zero Delta must keep x0 + Delta inside the bounds
	// and differ from x0 in float64.
	Delta float64
}

// Info describes the secant method.
func (*Secant) Info() optim.Info {
	return optim.Info{
		Name:            "secant",
		Summary:         "secant method on f′ = 0 from x0: Newton with f″ replaced by a slope of f′, order ≈ 1.618",
		Iteration:       "one secant step: f and f′ at the new point",
		DefaultMaxIter:  DefaultMaxIter,
		MaxDim:          1,
		OneD:            true,
		Gradient:        true,
		AnswerIsIterate: true,
	}
}

// Flags defines -delta.
func (m *Secant) Flags(fs *flag.FlagSet) {
	fs.Float64Var(&m.Delta, "delta", m.Delta, "secant: offset of the second start point x0 + delta (default 1e-3·max(1, |x0|))")
}

// secantSlope is the slope of f′ between two points, the secant method's
// stand-in for f″.
func secantSlope(prev, cur point) float64 { return (cur.g - prev.g) / (cur.x - prev.x) }

// secantStep returns the secant step −f′(x_k)/s_k: Newton's step with the
// slope s_k of f′ in place of f″(x_k).
func secantStep(prev, cur point) float64 { return -cur.g / secantSlope(prev, cur) }

// secondPoint returns x0 + Delta, or the default offset.
func (m *Secant) secondPoint(t *optim.Task, x0 float64) (float64, error) {
	lo, up := math.Inf(-1), math.Inf(1)
	if t.Problem.Lower != nil {
		lo, up = t.Problem.Lower[0], t.Problem.Upper[0]
	}
	if m.Delta != 0 {
		x := x0 + m.Delta
		switch {
		case !optim.IsFinite(m.Delta) || !optim.IsFinite(x):
			return 0, fmt.Errorf("onedim: secant: x0 + Delta = %v + %v is not finite", x0, m.Delta)
		case x < lo || x > up:
			return 0, fmt.Errorf("onedim: secant: x0 + Delta = %v is outside the bounds [%v, %v]", x, lo, up)
		case x == x0:
			return 0, fmt.Errorf("onedim: secant: x0 + Delta = x0 = %v in float64; take a larger Delta", x0)
		}
		return x, nil
	}
	d := DefaultDelta * max(1, math.Abs(x0))
	switch {
	case x0+d <= up:
		return x0 + d, nil
	case x0-d >= lo:
		return x0 - d, nil
	case up-x0 >= x0-lo:
		return up, nil
	}
	return lo, nil
}

// Run minimizes t's 1-D problem by the secant method.
func (m *Secant) Run(t *optim.Task) error {
	if t.X0 == nil {
		return errors.New("onedim: secant " + errNoX0.Error())
	}
	x1, err := m.secondPoint(t, t.X0[0])
	if err != nil {
		return err
	}
	if _, _, ok := interval(t); !ok {
		return nil
	}
	gtol := optim.Or(t.Settings.GTol, DefaultGTol)
	xtol := optim.Or(t.Settings.XTol, DefaultXTol)
	nan := math.NaN()
	cur := evalPoint(t, t.X0[0])
	t.Answer([]float64{cur.x}, cur.f)
	t.Detail = &Model{cur.x, cur.f, cur.g, nan, nan}
	prev := evalPoint(t, x1)
	for {
		s := secantSlope(prev, cur)
		t.Detail = &Model{cur.x, cur.f, cur.g, s, nan}
		switch {
		case math.Abs(cur.g) <= gtol && s < 0:
			t.Finish(optim.NotMinimum, "f′(x) = %g ≈ 0 at x = %v, but f′ decreases through it (secant slope %g < 0): a maximum, not a minimum", cur.g, cur.x, s)
			return nil
		case math.Abs(cur.g) <= gtol:
			t.Finish(optim.Converged, "|f′(x)| = %.3g ≤ GTol = %g at x = %v", math.Abs(cur.g), gtol, cur.x)
			return nil
		case !(s > 0):
			t.Finish(optim.NotMinimum, "the secant slope of f′ between %v and %v is %g ≤ 0: the secant model has no minimum (f′ = %g at x = %v); x is not a minimum", prev.x, cur.x, s, cur.g, cur.x)
			return nil
		}
		step := secantStep(prev, cur)
		xn := clip(t, cur.x+step)
		if !optim.IsFinite(xn) {
			t.Finish(optim.NonFinite, "the secant step %g from x = %v overflows", step, cur.x)
			return nil
		}
		if xn == cur.x {
			t.Finish(optim.Converged, "the secant step %g from x = %v does not move it (a bound, or below float64 resolution)", step, cur.x)
			return nil
		}
		md := Model{cur.x, cur.f, cur.g, s, xn - cur.x}
		prev, cur = cur, evalPoint(t, xn)
		t.Answer([]float64{cur.x}, cur.f)
		t.Detail = &Model{cur.x, cur.f, cur.g, secantSlope(prev, cur), nan}
		t.Iterate(optim.Iteration{X: []float64{cur.x}, F: cur.f, Detail: md})
		if math.Abs(md.Step) < xtol {
			t.Finish(optim.Converged, "step |Δx| = %.3g < XTol = %g", math.Abs(md.Step), xtol)
			return nil
		}
	}
}
