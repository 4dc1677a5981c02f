package bfgs

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/optlab/optlab/pkg/linesearch"
	"github.com/optlab/optlab/pkg/optim"
)

func init() {
	optim.Register(func() optim.Method { return BFGS{} })
	optim.Register(func() optim.Method { return DFP{} })
}

// DefaultGTol is the default gradient tolerance: converged when ‖∇f‖∞ ≤ GTol.
const DefaultGTol = 1e-6

// BFGS is the dense BFGS quasi-Newton method with a strong Wolfe line
// search (c₁ = 1e-4, c₂ = 0.9). It has no parameters.
type BFGS struct{}

// DFP is the Davidon–Fletcher–Powell quasi-Newton method, the same loop
// with the DFP update of the inverse Hessian and, by default, a nearly
// exact line search: the strong Wolfe curvature constant c₂ =
// DefaultDFPC2 = 0.01 instead of BFGS's 0.9.
//
// Why: with exact line searches DFP and BFGS (every member of the Broyden
// class) generate the same iterates (N&W §6.3 on quadratics, Dixon 1972
// on any smooth f), so DFP inherits
// BFGS's convergence. With the loose c₂ = 0.9 it does not: DFP corrects
// large eigenvalues of H only slowly (N&W §6.1, Powell 1986), and on the
// pairwise 10-D Rosenbrock and chained 10-D and 100-D Rosenbrock functions
// and on Brown's badly scaled function it is still far from the minimum
// after 100000 iterations (Wood needs 12007, Freudenstein–Roth 1783). With
// c₂ = 0.01 it converges on
// every problem of problems.MGHDescentSet and on the chained 10-D and 100-D
// Rosenbrock functions in 7 to 501 iterations, at four to seven function
// evaluations per iteration (BFGS: one or two).
//
// The other textbook remedies were measured on the same problems and do
// not help DFP here: Oren–Luenberger self-scaling of H before every update
// (with or without capping the factor at 1) turns even 2-D Rosenbrock into
// an iteration limit, and restarting with H = I when the angle between −H∇f
// and −∇f exceeds arccos 10⁻³ (or 10⁻²) fixes Wood and the pairwise
// Rosenbrock function but not Brown (line search failure) or chained
// Rosenbrock. The scaling H₀ = (y₀ᵀs₀ / y₀ᵀy₀) I before the first update,
// N&W (6.20), is shared with BFGS and already in the textbook variant.
type DFP struct {
	// C2 is the curvature constant c₂ of the strong Wolfe line search,
	// 1e-4 < C2 < 1; 0 means DefaultDFPC2. DFP{C2: 0.9} is the textbook
	// DFP with BFGS's line search, which stalls on the problems above.
	C2 float64
}

// DefaultDFPC2 is DFP's default strong Wolfe curvature constant: a nearly
// exact line search.
const DefaultDFPC2 = 0.01

func info(name, summary string) optim.Info {
	return optim.Info{
		Name:            name,
		Summary:         summary,
		Iteration:       "one quasi-Newton step: line search and inverse-Hessian update",
		DefaultMaxIter:  2000,
		MaxDim:          2000, // n² memory, O(n²) per step
		Gradient:        true,
		AnswerIsIterate: true,
	}
}

func (BFGS) Info() optim.Info {
	return info("bfgs", "dense BFGS quasi-Newton with strong Wolfe line search")
}

func (DFP) Info() optim.Info {
	return info("dfp", "dense DFP quasi-Newton with a nearly exact strong Wolfe line search (c₂ = 0.01)")
}

func (BFGS) Run(t *optim.Task) error {
	run(t, UpdateBFGS, linesearch.StrongWolfe{})
	return nil
}

// Run returns an error for a C2 outside (1e-4, 1).
func (m DFP) Run(t *optim.Task) error {
	w := linesearch.StrongWolfe{C2: optim.Or(m.C2, DefaultDFPC2)}
	if err := w.Validate(); err != nil {
		return fmt.Errorf("dfp: C2: %w", err)
	}
	run(t, UpdateDFP, w)
	return nil
}

// UpdateBFGS replaces the inverse-Hessian approximation H by N&W (6.17),
//
//	H₊ = (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ,   ρ = 1/yᵀs,
//
// expanded as H − ρ (Hy sᵀ + s (Hy)ᵀ) + (ρ² yᵀHy + ρ) s sᵀ. It needs
// yᵀs > 0; then H₊ is positive definite if H is, and H₊ y = s.
func UpdateBFGS(H *mat.SymDense, s, y []float64) {
	n := len(s)
	rho := 1 / floats.Dot(y, s)
	hy := mat.NewVecDense(n, nil)
	hy.MulVec(H, mat.NewVecDense(n, y))
	sv := mat.NewVecDense(n, s)
	yHy := floats.Dot(y, hy.RawVector().Data)
	H.RankTwo(H, -rho, hy, sv)
	H.SymRankOne(H, rho*rho*yHy+rho, sv)
}

// UpdateDFP replaces H by the DFP update of the inverse Hessian, N&W
// (6.15) in its inverse form,
//
//	H₊ = H − H y yᵀ H / (yᵀHy) + s sᵀ / (yᵀs),
//
// which also satisfies H₊ y = s.
func UpdateDFP(H *mat.SymDense, s, y []float64) {
	n := len(s)
	hy := mat.NewVecDense(n, nil)
	hy.MulVec(H, mat.NewVecDense(n, y))
	H.SymRankOne(H, -1/floats.Dot(y, hy.RawVector().Data), hy)
	H.SymRankOne(H, 1/floats.Dot(y, s), mat.NewVecDense(n, s))
}

// Step is the Iteration.Detail of every iteration.
type Step struct {
	GNorm   float64 // ‖∇f‖∞ at the new iterate
	Alpha   float64 // the step length along p = −H∇f
	Skipped bool    // the update was skipped: yᵀs ≤ 0
}

// Detail is the Result.Detail.
type Detail struct {
	GNorm float64 // ‖∇f‖∞ at the answer
	// Skipped counts updates skipped because the curvature condition
	// yᵀs > 0 failed; Resets counts the times H was reset to I because
	// −H∇f was not a descent direction (rounding).
	Skipped, Resets int
	// H is the final inverse-Hessian approximation.
	H *mat.SymDense
}

// state is the iterate and the inverse-Hessian approximation.
type state struct {
	x, g, p []float64
	f       float64
	H       *mat.SymDense
	updates int
}

// direction sets p = −H g; if that is not a descent direction, H is reset
// to I and p = −g (reported true).
func (s *state) direction() (reset bool) {
	n := len(s.g)
	mat.NewVecDense(n, s.p).MulVec(s.H, mat.NewVecDense(n, s.g))
	floats.Scale(-1, s.p)
	if floats.Dot(s.p, s.g) < 0 {
		return false
	}
	s.H = identity(n, 1)
	floats.ScaleTo(s.p, -1, s.g)
	return true
}

// learn updates H from the step s = x₊ − x and y = g₊ − g with update,
// scaling H₀ = (yᵀs/yᵀy) I before the first update (N&W (6.20)); it skips
// the update when yᵀs ≤ 0.
func (s *state) learn(update func(H *mat.SymDense, s, y []float64), step, y []float64) (skipped bool) {
	sy := floats.Dot(step, y)
	if !(sy > 0) {
		return true
	}
	if s.updates == 0 {
		s.H = identity(len(y), sy/floats.Dot(y, y))
	}
	update(s.H, step, y)
	s.updates++
	return false
}

func identity(n int, v float64) *mat.SymDense {
	H := mat.NewSymDense(n, nil)
	for i := range n {
		H.SetSym(i, i, v)
	}
	return H
}

func run(t *optim.Task, update func(H *mat.SymDense, s, y []float64), wolfe linesearch.StrongWolfe) {
	n := t.N
	gtol := optim.Or(t.Settings.GTol, DefaultGTol)
	st := &state{x: slices.Clone(t.X0), g: make([]float64, n), p: make([]float64, n), H: identity(n, 1)}
	d := &Detail{}
	t.Detail = d
	step, y := make([]float64, n), make([]float64, n)
	st.f = t.FuncGrad(st.g, st.x)
	t.Answer(st.x, st.f)
	for {
		d.GNorm, d.H = floats.Norm(st.g, math.Inf(1)), st.H
		switch {
		case !optim.IsFinite(st.f) || !optim.AllFinite(st.g):
			t.Finish(optim.NonFinite, "f = %v, ‖∇f‖∞ = %v at x = %v", st.f, d.GNorm, st.x)
			return
		case d.GNorm <= gtol:
			t.Finish(optim.Converged, "‖∇f‖∞ = %.3g ≤ GTol = %g (%d updates skipped)", d.GNorm, gtol, d.Skipped)
			return
		}
		if st.direction() && t.NIt() > 0 {
			d.Resets++
		}
		a0 := 1.0
		if st.updates == 0 {
			a0 = min(1, 1/floats.Norm(st.g, 2)) // p = −g: a step of length ≤ 1
		}
		r := wolfe.Search(linesearch.New(t, st.x, st.f, st.g, st.p), a0)
		if r.Reason != linesearch.OK {
			d.H = st.H
			r.Finish(t)
			return
		}
		floats.SubTo(step, r.X, st.x)
		floats.SubTo(y, r.G, st.g)
		copy(st.x, r.X)
		copy(st.g, r.G)
		st.f = r.F
		skipped := st.learn(update, step, y)
		if skipped {
			d.Skipped++
		}
		t.Answer(st.x, st.f)
		t.Iterate(optim.Iteration{X: st.x, F: st.f, Detail: Step{GNorm: floats.Norm(st.g, math.Inf(1)), Alpha: r.Alpha, Skipped: skipped}})
	}
}
