package cg

import (
	"flag"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"

	"github.com/optlab/optlab/pkg/linesearch"
	"github.com/optlab/optlab/pkg/optim"
)

func init() { optim.Register(func() optim.Method { return &Method{} }) }

// DefaultGTol is the default gradient tolerance: converged when ‖∇f‖∞ ≤ GTol.
const DefaultGTol = 1e-6

// Method is nonlinear conjugate gradients with a strong Wolfe line search
// (c₂ = 0.1). The zero value is Polak–Ribière+ with N&W's search,
// restarted every 6n steps.
type Method struct {
	// Variant is the formula for β: "pr+" (Polak–Ribière+, the default),
	// "fr" (Fletcher–Reeves), "hs" (Hestenes–Stiefel), "hz" (Hager–Zhang).
	Variant string
	// Restart is the number of iterations after which p is reset to −∇f;
	// 0 means 6n for PR+ and n, the dimension, for the others. FR, HS and
	// HZ also restart when successive gradients are far from orthogonal,
	// |g_{k+1}ᵀg_k| ≥ 0.1 ‖g_{k+1}‖² (N&W (5.52)); PR+ only when they
	// point in nearly opposite directions, cos(g_{k+1}, g_k) ≤ −0.9.
	Restart int
	// LineSearch is "wolfe" (N&W Alg. 3.5/3.6, φ′ only at trials with
	// sufficient decrease; the default) or "morethuente" (Moré & Thuente
	// 1994, as gonum's CG: φ and φ′ at every trial, safeguarded cubic
	// steps; fewer evaluations on Rosenbrock, but it fails on Brown badly
	// scaled). Both use c₁ = 1e-4, c₂ = 0.1.
	LineSearch string
}

// Step is the Iteration.Detail of every iteration.
type Step struct {
	GNorm   float64 // ‖∇f‖∞ at the new iterate
	Alpha   float64 // the step length along p
	Beta    float64 // β used for the next direction (0 at a restart)
	Restart bool    // the next direction is −∇f
}

// Detail is the Result.Detail.
type Detail struct {
	GNorm    float64 // ‖∇f‖∞ at the answer
	Restarts int     // directions reset to −∇f (periodic, orthogonality, non-descent)
}

func (m *Method) Info() optim.Info {
	return optim.Info{
		Name:            "cg",
		Summary:         "nonlinear conjugate gradients (PR+, FR, HS, HZ) with strong Wolfe line search",
		Iteration:       "one step along the conjugate direction with its line search",
		DefaultMaxIter:  10000,
		Gradient:        true,
		AnswerIsIterate: true,
	}
}

// Flags defines -variant, -restart and -linesearch.
func (m *Method) Flags(fs *flag.FlagSet) {
	fs.StringVar(&m.Variant, "variant", m.Variant, "β formula: pr+, fr, hs or hz (default pr+)")
	fs.IntVar(&m.Restart, "restart", m.Restart, "restart with −∇f every this many iterations (default 6n for pr+, n for the others)")
	fs.StringVar(&m.LineSearch, "linesearch", m.LineSearch, "line search: wolfe or morethuente (default wolfe)")
}

// Beta returns β_{k+1} for the variant, from g = ∇f(x_{k+1}), gPrev =
// ∇f(x_k) and the direction p = p_k (N&W (5.41), (5.45), (5.46), (5.49);
// Hager & Zhang 2005 (1.5) with their lower bound η_k).
func Beta(variant string, g, gPrev, p []float64) float64 {
	y := floats.SubTo(make([]float64, len(g)), g, gPrev)
	gg := floats.Dot(gPrev, gPrev)
	switch variant {
	case "fr":
		return floats.Dot(g, g) / gg
	case "hs":
		return floats.Dot(g, y) / floats.Dot(p, y)
	case "hz":
		py := floats.Dot(p, y)
		b := (floats.Dot(y, g) - 2*floats.Dot(y, y)*floats.Dot(p, g)/py) / py
		eta := -1 / (floats.Norm(p, 2) * min(0.01, math.Sqrt(gg)))
		return max(b, eta)
	default: // "pr+"
		return max(0, floats.Dot(g, y)/gg)
	}
}

// state is the iterate and the current direction.
type state struct {
	x, g, gPrev, p []float64
	f              float64
	alpha, d0      float64 // last accepted step and its φ′(0)
}

// direction sets p ← −g + βp, or −g at a restart: every `every` steps,
// when the result is not a descent direction, and when consecutive
// gradients are far from orthogonal — for FR, HS and HZ Powell's test
// |gᵀg_prev| ≥ 0.1 gᵀg (N&W (5.52)); PR+, whose β = max(0, ·) already
// restarts it when it stalls, only when the gradients point in nearly
// opposite directions, cos(g, g_prev) ≤ −0.9 (as gonum's CG).
func (s *state) direction(variant string, k, every int) (beta float64, restart bool) {
	gg, ggPrev := floats.Dot(s.g, s.g), floats.Dot(s.g, s.gPrev)
	far := math.Abs(ggPrev) >= 0.1*gg
	if selfRestarting(variant) {
		far = ggPrev <= -0.9*math.Sqrt(gg*floats.Dot(s.gPrev, s.gPrev))
	}
	if k%every != 0 && !far {
		beta = Beta(variant, s.g, s.gPrev, s.p)
		floats.AddScaledTo(s.p, floats.ScaleTo(make([]float64, len(s.g)), -1, s.g), beta, s.p)
		if floats.Dot(s.p, s.g) < 0 && optim.AllFinite(s.p) {
			return beta, false
		}
	}
	floats.ScaleTo(s.p, -1, s.g)
	return 0, true
}

// selfRestarting reports whether the variant restarts by itself when its
// steps stall (PR+: β = max(0, ·) is 0 when g₊ ≈ g), so that it needs
// neither Powell's orthogonality test nor restarts every n steps.
func selfRestarting(variant string) bool { return variant == "" || variant == "pr+" }

func (m *Method) Run(t *optim.Task) error {
	switch m.Variant {
	case "", "pr+", "fr", "hs", "hz":
	default:
		return fmt.Errorf("cg: unknown Variant %q (want pr+, fr, hs or hz)", m.Variant)
	}
	var search func(*linesearch.Line, float64) linesearch.Result
	switch m.LineSearch {
	case "", "wolfe":
		search = linesearch.StrongWolfe{C2: 0.1}.Search
	case "morethuente":
		search = linesearch.MoreThuente{C2: 0.1}.Search
	default:
		return fmt.Errorf("cg: unknown LineSearch %q (want wolfe or morethuente)", m.LineSearch)
	}
	if m.Restart < 0 {
		return fmt.Errorf("cg: Restart must be >= 0 (0 = n), got %d", m.Restart)
	}
	variant, every := m.Variant, optim.Or(m.Restart, t.N)
	if m.Restart == 0 && selfRestarting(variant) {
		every = 6 * t.N
	}
	gtol := optim.Or(t.Settings.GTol, DefaultGTol)
	n := t.N
	s := &state{x: slices.Clone(t.X0), g: make([]float64, n), gPrev: make([]float64, n), p: make([]float64, n)}
	d := &Detail{}
	t.Detail = d
	s.f = t.FuncGrad(s.g, s.x)
	t.Answer(s.x, s.f)
	floats.ScaleTo(s.p, -1, s.g)
	for k := 1; ; k++ {
		d.GNorm = floats.Norm(s.g, math.Inf(1))
		switch {
		case !optim.IsFinite(s.f) || !optim.AllFinite(s.g):
			t.Finish(optim.NonFinite, "f = %v, ‖∇f‖∞ = %v at x = %v", s.f, d.GNorm, s.x)
			return nil
		case d.GNorm <= gtol:
			t.Finish(optim.Converged, "‖∇f‖∞ = %.3g ≤ GTol = %g", d.GNorm, gtol)
			return nil
		}
		l := linesearch.New(t, s.x, s.f, s.g, s.p)
		a0 := 1 / floats.Norm(s.g, 2)
		if k > 1 {
			a0 = s.alpha * s.d0 / l.D0 // N&W (3.60)
		}
		r := search(l, a0)
		if r.Reason != linesearch.OK {
			r.Finish(t)
			return nil
		}
		s.alpha, s.d0 = r.Alpha, l.D0
		copy(s.gPrev, s.g)
		copy(s.x, r.X)
		copy(s.g, r.G)
		s.f = r.F
		beta, restart := s.direction(variant, k, every)
		if restart {
			d.Restarts++
		}
		t.Answer(s.x, s.f)
		t.Iterate(optim.Iteration{X: s.x, F: s.f, Detail: Step{GNorm: floats.Norm(s.g, math.Inf(1)), Alpha: r.Alpha, Beta: beta, Restart: restart}})
	}
}
