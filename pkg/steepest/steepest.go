package steepest

import (
	"flag"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/optlab/optlab/pkg/linesearch"
	"github.com/optlab/optlab/pkg/optim"
)

func init() { optim.Register(func() optim.Method { return &Method{} }) }

// DefaultGTol is the default gradient tolerance: converged when ‖∇f‖∞ ≤ GTol.
const DefaultGTol = 1e-6

// Method is steepest descent with a line search. The zero value uses
// Armijo backtracking from the quadratic-interpolation step.
type Method struct {
	// LineSearch is "quadratic" (the default): Armijo backtracking (c₁ =
	// 1e-4, ρ = ½) from α₀ = the minimizer of the parabola fitted to the
	// previous line search (see [QuadraticStep]); "wolfe" (strong Wolfe,
	// c₁ = 1e-4, c₂ = 0.9) or "armijo" (backtracking), both from α₀ =
	// α_{k−1} φ′_{k−1}(0)/φ′_k(0) (N&W (3.60)); or "exact" (α = ‖g‖²/gᵀHg
	// with the analytic Problem.Hess: exact for quadratics).
	LineSearch string
}

// Step is the Iteration.Detail of every iteration.
type Step struct {
	GNorm float64 // ‖∇f‖∞ at the new iterate
	Alpha float64 // the step length along p = −∇f
}

// Detail is the Result.Detail: the last iteration's Step.
type Detail = Step

func (m *Method) Info() optim.Info {
	return optim.Info{
		Name:            "steepest",
		Summary:         "steepest descent along −∇f with an Armijo, Wolfe or exact line search",
		Iteration:       "one step along −∇f with its line search",
		DefaultMaxIter:  10000,
		Gradient:        true,
		AnswerIsIterate: true,
	}
}

// Flags defines -linesearch.
func (m *Method) Flags(fs *flag.FlagSet) {
	fs.StringVar(&m.LineSearch, "linesearch", m.LineSearch, "line search: quadratic, wolfe, armijo or exact (exact needs an analytic Hessian; default quadratic: Armijo from the quadratic-interpolation step)")
}

// state is the iterate: x, f(x), ∇f(x), and the last step.
type state struct {
	t        *optim.Task
	x, g, p  []float64
	f, fPrev float64 // f(x), and f at the start of the last step
	alpha    float64 // last accepted step
	d0       float64 // last φ′(0) = −‖g‖²
	quad     bool    // α₀ from QuadraticStep, else from N&W (3.60)
	search   func(l *linesearch.Line, alpha0 float64) linesearch.Result
}

// QuadraticStep is the first trial step of the default line search: the
// minimizer of the parabola through the previous line search's φ(0) = f0,
// φ′(0) = d0 and φ(α) = f1,
//
//	α₀ = −d0 α² / (2 (f1 − f0 − d0 α)),
//
// or 2α if that parabola has no minimum (gonum's QuadraticStepSize, without
// its clamp of α₀ to [1e-3, 1]). Unlike the Wolfe step, α₀ is not a line
// minimizer for the new direction; backtracking from it breaks the zig-zag
// of exact steps and is many times cheaper on curved valleys.
func QuadraticStep(f0, d0, alpha, f1 float64) float64 {
	if q := f1 - f0 - d0*alpha; q > 0 {
		return -d0 * alpha * alpha / (2 * q)
	}
	return 2 * alpha
}

// step is one steepest-descent iteration: p = −∇f(x), then α along p from
// α₀ = QuadraticStep (default; 1/‖g‖∞ at the start) or α₀ = α_{k−1}
// φ′_{k−1}(0)/φ′_k(0) (N&W (3.60); 1/‖g‖₂ at the start).
func (s *state) step() linesearch.Result {
	floats.ScaleTo(s.p, -1, s.g)
	l := linesearch.New(s.t, s.x, s.f, s.g, s.p)
	var a0 float64
	switch {
	case s.quad && s.alpha > 0:
		a0 = QuadraticStep(s.fPrev, s.d0, s.alpha, s.f)
	case s.quad:
		a0 = 1 / floats.Norm(s.g, math.Inf(1))
	case s.alpha > 0:
		a0 = s.alpha * s.d0 / l.D0
	default:
		a0 = 1 / floats.Norm(s.g, 2)
	}
	r := s.search(l, a0)
	if r.Reason == linesearch.OK {
		s.fPrev, s.alpha, s.d0 = s.f, r.Alpha, l.D0
		copy(s.x, r.X)
		s.f = r.F
		if r.G != nil {
			copy(s.g, r.G)
		} else {
			s.t.Grad(s.g, s.x, s.f)
		}
	}
	return r
}

func (m *Method) Run(t *optim.Task) error {
	s := &state{t: t, x: slices.Clone(t.X0), g: make([]float64, t.N), p: make([]float64, t.N)}
	switch m.LineSearch {
	case "", "quadratic":
		s.search, s.quad = linesearch.Armijo{}.Search, true
	case "wolfe":
		s.search = linesearch.StrongWolfe{}.Search
	case "armijo":
		s.search = linesearch.Armijo{}.Search
	case "exact":
		if t.Problem.Hess == nil {
			return fmt.Errorf("steepest: LineSearch \"exact\" needs the analytic Hessian Problem.Hess (exact for quadratics)")
		}
		h := mat.NewSymDense(t.N, nil)
		s.search = func(l *linesearch.Line, _ float64) linesearch.Result {
			t.Hess(h, s.x, s.g)
			return linesearch.Exact(l, h)
		}
	default:
		return fmt.Errorf("steepest: unknown LineSearch %q (want quadratic, wolfe, armijo or exact)", m.LineSearch)
	}
	gtol := optim.Or(t.Settings.GTol, DefaultGTol)
	s.f = t.FuncGrad(s.g, s.x)
	t.Answer(s.x, s.f)
	for {
		gn := floats.Norm(s.g, math.Inf(1))
		t.Detail = &Detail{GNorm: gn, Alpha: s.alpha}
		switch {
		case !optim.IsFinite(s.f) || !optim.AllFinite(s.g):
			t.Finish(optim.NonFinite, "f = %v, ‖∇f‖∞ = %v at x = %v", s.f, gn, s.x)
			return nil
		case gn <= gtol:
			t.Finish(optim.Converged, "‖∇f‖∞ = %.3g ≤ GTol = %g", gn, gtol)
			return nil
		}
		if r := s.step(); r.Reason != linesearch.OK {
			r.Finish(t)
			return nil
		}
		t.Answer(s.x, s.f)
		t.Iterate(optim.Iteration{X: s.x, F: s.f, Detail: Step{GNorm: floats.Norm(s.g, math.Inf(1)), Alpha: s.alpha}})
	}
}
