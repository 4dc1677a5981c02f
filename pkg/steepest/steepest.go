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

// Method is steepest descent with a line search. The zero value uses the
// strong Wolfe search.
type Method struct {
	// LineSearch is "wolfe" (strong Wolfe, c₁ = 1e-4, c₂ = 0.9; the
	// default), "armijo" (backtracking) or "exact" (α = ‖g‖²/gᵀHg with
	// the analytic Problem.Hess: exact for quadratics).
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
		Summary:         "steepest descent along −∇f with a Wolfe, Armijo or exact line search",
		Iteration:       "one step along −∇f with its line search",
		DefaultMaxIter:  10000,
		Gradient:        true,
		AnswerIsIterate: true,
	}
}

// Flags defines -linesearch.
func (m *Method) Flags(fs *flag.FlagSet) {
	fs.StringVar(&m.LineSearch, "linesearch", m.LineSearch, "line search: wolfe, armijo or exact (exact needs an analytic Hessian; default wolfe)")
}

// state is the iterate: x, f(x), ∇f(x), and the last step.
type state struct {
	t       *optim.Task
	x, g, p []float64
	f       float64
	alpha   float64 // last accepted step
	d0      float64 // last φ′(0) = −‖g‖²
	search  func(l *linesearch.Line, alpha0 float64) linesearch.Result
}

// step is one steepest-descent iteration: p = −∇f(x), then α along p.
// The first trial step is α₀ = α_{k−1} φ′_{k−1}(0)/φ′_k(0) (N&W (3.60)),
// 1/‖g‖₂ at the start.
func (s *state) step() linesearch.Result {
	floats.ScaleTo(s.p, -1, s.g)
	l := linesearch.New(s.t, s.x, s.f, s.g, s.p)
	a0 := 1 / floats.Norm(s.g, 2)
	if s.alpha > 0 {
		a0 = s.alpha * s.d0 / l.D0
	}
	r := s.search(l, a0)
	if r.Reason == linesearch.OK {
		s.alpha, s.d0 = r.Alpha, l.D0
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
	case "", "wolfe":
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
		return fmt.Errorf("steepest: unknown LineSearch %q (want wolfe, armijo or exact)", m.LineSearch)
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
