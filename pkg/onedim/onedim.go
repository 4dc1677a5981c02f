package onedim

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/optlab/optlab/pkg/optim"
)

// Defaults used when the corresponding Settings field or method parameter
// is zero.
const (
	// DefaultMaxIter is every method's default Settings.MaxIter.
	DefaultMaxIter = 200
	// DefaultXTol is the default Settings.XTol: the width of the final
	// bracket (golden, Fibonacci, bisection; Brent adds RelTol·|x|), or the
	// length of the last step (Newton, secant). 1e-8 ≈ √ε is as far as a
	// method that compares values of f can go for |x*| ≈ 1 (see the
	// package documentation, "Accuracy").
	DefaultXTol = 1e-8
	// DefaultGTol is the default Settings.GTol of Newton and secant: they
	// stop when |f′(x)| ≤ GTol.
	DefaultGTol = 1e-12
	// DefaultEps is Fibonacci.Eps, the shift of the last point.
	DefaultEps = 0.01
	// DefaultDelta is the relative offset of the secant method's second
	// start point: x0 + DefaultDelta·max(1, |x0|).
	DefaultDelta = 1e-3
)

// DefaultRelTol is Brent.RelTol's default, √ε ≈ 1.49e-8.
var DefaultRelTol = math.Sqrt(eps)

const eps = 0x1p-52 // float64 machine epsilon

// Rho is the golden-section ratio ρ = (3 − √5)/2 ≈ 0.381966: the interior
// points sit at a + ρ(b−a) and b − ρ(b−a), and every iteration keeps the
// fraction 1 − ρ = (√5 − 1)/2 ≈ 0.618 of the bracket.
const Rho = 0.38196601125010515179541316563436188227969082019424

// Bracket is an interval [A, B] that holds the minimizer (golden,
// Fibonacci, Brent) or a stationary point (bisection). It is the Detail of
// every Iteration of these methods (the bracket after the iteration), and,
// as a *Bracket, of their Result (the final bracket).
type Bracket struct{ A, B float64 }

// Width returns B − A.
func (b Bracket) Width() float64 { return b.B - b.A }

// Model is the local model m(s) = F + G·s + ½·H·s² that a Newton or secant
// step minimizes at X: G = f′(X), and H = f″(X) (Newton) or the secant
// slope (f′(X) − f′(Xprev))/(X − Xprev) (secant). Step is the step taken
// from X (after clipping into the bounds), NaN if none was.
//
// It is the Detail of every Iteration of Newton and Secant (the model at
// the point the iteration stepped from; the new iterate is Iteration.X) and,
// as a *Model, of their Result (the model at Result.X; H is NaN if Newton
// did not compute f″ there).
type Model struct{ X, F, G, H, Step float64 }

// Problem returns the 1-D optim.Problem for f on [a, b]: Dim 1, Lower = [a],
// Upper = [b], Grad from df and Hess from d2f if they are not nil (the
// methods then use finite differences). Give a = −Inf, b = +Inf for
// Newton or secant without bounds.
func Problem(f, df, d2f func(float64) float64, a, b float64) optim.Problem {
	p := optim.Problem{
		Dim:   1,
		Lower: []float64{a},
		Upper: []float64{b},
	}
	if f != nil {
		p.Func = func(x []float64) float64 { return f(x[0]) }
	}
	if df != nil {
		p.Grad = func(g, x []float64) { g[0] = df(x[0]) }
	}
	if d2f != nil {
		p.Hess = func(h *mat.SymDense, x []float64) { h.SetSym(0, 0, d2f(x[0])) }
	}
	return p
}

// Brackets returns the bracket after every recorded iteration of a
// golden, Fibonacci, Brent or bisection run (Settings.Record must be set),
// as [2]float64{a, b} pairs as package viz takes them.
func Brackets(r *optim.Result) [][2]float64 {
	var out [][2]float64
	for _, it := range r.Path {
		if b, ok := it.Detail.(Bracket); ok {
			out = append(out, [2]float64{b.A, b.B})
		}
	}
	return out
}

// Iterates returns the estimate X after every recorded iteration: the best
// point for golden, Fibonacci and Brent, the bracket's midpoint for
// bisection, the new iterate for Newton and secant.
func Iterates(r *optim.Result) []float64 {
	out := make([]float64, len(r.Path))
	for i, it := range r.Path {
		out[i] = it.X[0]
	}
	return out
}

// Evaluated returns, in order, the points where the recorded iterations of
// a golden, Fibonacci, Brent or bisection run evaluated their function (f,
// or f′ for bisection): Iteration.Pop. For golden section and Brent the
// first iteration has two, every later one one point.
func Evaluated(r *optim.Result) []float64 {
	var out []float64
	for _, it := range r.Path {
		for _, p := range it.Pop {
			out = append(out, p[0])
		}
	}
	return out
}

// interval returns the problem's interval [a, b]. If it is a single point
// it evaluates f there, finishes the run as converged and returns ok =
// false.
func interval(t *optim.Task) (a, b float64, ok bool) {
	if t.Problem.Lower == nil {
		return math.Inf(-1), math.Inf(1), true
	}
	a, b = t.Problem.Lower[0], t.Problem.Upper[0]
	if a < b {
		return a, b, true
	}
	fa := evalF(t, a)
	t.Answer([]float64{a}, fa)
	t.Detail = &Bracket{a, b}
	t.Finish(optim.Converged, "the interval [%v, %v] is a single point", a, b)
	return a, b, false
}

// evalF returns f(x), stopping the run with NonFinite if it is NaN or ±Inf.
func evalF(t *optim.Task, x float64) float64 {
	v := t.Eval([]float64{x})
	finite(t, "f", x, v)
	return v
}

// finite stops the run with NonFinite if v = name(x) is NaN or ±Inf.
func finite(t *optim.Task, name string, x, v float64) {
	if !optim.IsFinite(v) {
		t.Stop(optim.NonFinite, "%s(%v) = %v", name, x, v)
	}
}

// point is an iterate of Newton or secant with f and f′ there.
type point struct{ x, f, g float64 }

// evalPoint evaluates f and f′ (t.FuncGrad: analytic, or one forward
// difference) at x.
func evalPoint(t *optim.Task, x float64) point {
	g := []float64{0}
	f := t.FuncGrad(g, []float64{x})
	finite(t, "f", x, f)
	finite(t, "f′", x, g[0])
	return point{x, f, g[0]}
}

// derivative returns f′(x) without f (analytic Grad), or with f from the
// forward difference it needs anyway (no Grad); fx is NaN in the first case.
func derivative(t *optim.Task, x float64) (g, fx float64) {
	if t.Problem.Grad != nil {
		gs := []float64{0}
		t.Grad(gs, []float64{x}, math.NaN())
		finite(t, "f′", x, gs[0])
		return gs[0], math.NaN()
	}
	p := evalPoint(t, x)
	return p.g, p.f
}

// clip returns x clipped into the problem's bounds.
func clip(t *optim.Task, x float64) float64 {
	v := []float64{x}
	optim.Clip(v, t.Problem.Lower, t.Problem.Upper)
	return v[0]
}

// shrinkMsg is the message of a bracket that float64 cannot shrink further.
func shrinkMsg(a, b, xtol float64) string {
	return fmt.Sprintf("bracket [%v, %v] cannot shrink further in float64 (XTol = %g is below machine precision here)", a, b, xtol)
}
