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
// (c₂ = 0.1). The zero value is Hestenes–Stiefel+ with the Moré–Thuente
// search, restarted every 6n steps: gonum's CG defaults.
type Method struct {
	// Variant is the formula for β: "hs+" (Hestenes–Stiefel+, max(0, β_HS);
	// the default), "pr+" (Polak–Ribière+), "fr" (Fletcher–Reeves), "hs"
	// (Hestenes–Stiefel), "hz" (Hager–Zhang).
	Variant string
	// Restart is the number of iterations after which p is reset to −∇f;
	// 0 means 6n for HS+ and PR+ and n, the dimension, for the others. FR,
	// HS and HZ also restart when successive gradients are far from
	// orthogonal, |g_{k+1}ᵀg_k| ≥ 0.1 ‖g_{k+1}‖² (N&W (5.52)); HS+ and PR+
	// only when they point in nearly opposite directions,
	// cos(g_{k+1}, g_k) ≤ −0.9.
	Restart int
	// LineSearch is "morethuente" (Moré & Thuente 1994: φ and φ′ at every
	// trial, safeguarded cubic steps, α₀ kept in [1e-3, 1]) or "wolfe" (N&W
	// Alg. 3.5/3.6, φ′ only at trials with sufficient decrease). The
	// default is morethuente for HS+ and wolfe for the other variants
	// (with Moré–Thuente, PR+, FR and HZ fail on Brown badly scaled). Both
	// use c₁ = 1e-4, c₂ = 0.1.
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
		Summary:         "nonlinear conjugate gradients (HS+, PR+, FR, HS, HZ) with a strong Wolfe line search (Moré–Thuente or N&W)",
		Iteration:       "one step along the conjugate direction with its line search",
		DefaultMaxIter:  10000,
		Gradient:        true,
		AnswerIsIterate: true,
	}
}

// Flags defines -variant, -restart and -linesearch.
func (m *Method) Flags(fs *flag.FlagSet) {
	fs.StringVar(&m.Variant, "variant", m.Variant, "β formula: hs+, pr+, fr, hs or hz (default hs+)")
	fs.IntVar(&m.Restart, "restart", m.Restart, "restart with −∇f every this many iterations (default 6n for hs+ and pr+, n for the others)")
	fs.StringVar(&m.LineSearch, "linesearch", m.LineSearch, "line search: morethuente or wolfe (default morethuente for hs+, wolfe for the others)")
}

// Beta returns β_{k+1} for the variant, from g = ∇f(x_{k+1}), gPrev =
// ∇f(x_k) and the direction p = p_k (N&W (5.41), (5.45), (5.46), (5.49);
// Hager & Zhang 2005 (1.5) with their lower bound η_k); "" is PR+.
func Beta(variant string, g, gPrev, p []float64) float64 {
	y := floats.SubTo(make([]float64, len(g)), g, gPrev)
	gg := floats.Dot(gPrev, gPrev)
	switch variant {
	case "fr":
		return floats.Dot(g, g) / gg
	case "hs":
		return floats.Dot(g, y) / floats.Dot(p, y)
	case "hs+":
		return max(0, floats.Dot(g, y)/floats.Dot(p, y))
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
// steps stall (PR+, HS+: β = max(0, ·) is 0 when g₊ ≈ g), so that it
// needs neither Powell's orthogonality test nor restarts every n steps.
func selfRestarting(variant string) bool { return variant == "pr+" || variant == "hs+" }

// initialStep is the first trial α₀ of iteration k, with d0 = φ′(0): N&W
// (3.60), α_{k−1}φ′_{k−1}(0)/φ′_k(0), after 1/‖g‖₂ at the first step; for
// Moré–Thuente (clamp) 1/‖g‖∞ first and α₀ kept in [1e-3, 1], as gonum's
// FirstOrderStepSize.
func (s *state) initialStep(k int, d0 float64, clamp bool) float64 {
	if k > 1 {
		a := s.alpha * s.d0 / d0
		if clamp {
			return min(max(a, 1e-3), 1)
		}
		return a
	}
	if clamp {
		return min(max(1/floats.Norm(s.g, math.Inf(1)), 1e-3), 1)
	}
	return 1 / floats.Norm(s.g, 2)
}

func (m *Method) Run(t *optim.Task) error {
	variant := m.Variant
	switch variant {
	case "":
		variant = "hs+"
	case "hs+", "pr+", "fr", "hs", "hz":
	default:
		return fmt.Errorf("cg: unknown Variant %q (want hs+, pr+, fr, hs or hz)", m.Variant)
	}
	var search func(*linesearch.Line, float64) linesearch.Result
	mt := m.LineSearch == "morethuente" || (m.LineSearch == "" && variant == "hs+")
	switch m.LineSearch {
	case "", "wolfe", "morethuente":
		search = linesearch.StrongWolfe{C2: 0.1}.Search
		if mt {
			search = linesearch.MoreThuente{C2: 0.1}.Search
		}
	default:
		return fmt.Errorf("cg: unknown LineSearch %q (want wolfe or morethuente)", m.LineSearch)
	}
	if m.Restart < 0 {
		return fmt.Errorf("cg: Restart must be >= 0 (0 = n), got %d", m.Restart)
	}
	every := optim.Or(m.Restart, t.N)
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
		r := search(l, s.initialStep(k, l.D0, mt))
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
