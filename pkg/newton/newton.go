package newton

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

// Method is Newton's method with a modified Cholesky factorization and a
// line search. The zero value uses Armijo backtracking from α = 1.
type Method struct {
	// LineSearch is "armijo" (backtracking from the Newton step α = 1, with c₁ = ArmijoC1;
	// the default) or "wolfe" (strong Wolfe, c₂ = 0.9).
	LineSearch string
}

// Step is the Iteration.Detail of every iteration.
type Step struct {
	GNorm float64 // ‖∇f‖∞ at the new iterate
	Alpha float64 // the step length along the Newton direction
	Tau   float64 // the multiple of I added to the Hessian (0: it was positive definite)
}

// Detail is the Result.Detail.
type Detail struct {
	GNorm float64 // ‖∇f‖∞ at the answer
	// Modified counts the iterations whose Hessian was not positive
	// definite (τ > 0); MaxTau is the largest τ used.
	Modified int
	MaxTau   float64
}

func (m *Method) Info() optim.Info {
	return optim.Info{
		Name:            "newton",
		Summary:         "Newton's method (n-D) with Hessian modification (Cholesky + τI) and a line search",
		Iteration:       "one Newton step: Hessian, Cholesky solve, line search",
		DefaultMaxIter:  200,
		MaxDim:          1000, // n² Hessian, O(n³) factorization per step
		Gradient:        true,
		SecondOrder:     true,
		AnswerIsIterate: true,
	}
}

// Flags defines -linesearch.
func (m *Method) Flags(fs *flag.FlagSet) {
	fs.StringVar(&m.LineSearch, "linesearch", m.LineSearch, "line search: armijo or wolfe (default armijo)")
}

// direction solves (H + τI) p = −g with the smallest τ = 0, β, 2β, 4β, …
// (or −min H_ii + β, β = 1e-3, if a diagonal entry is ≤ 0) for which
// H + τI has a Cholesky factorization: Nocedal & Wright Alg. 3.3. It
// returns τ, or ok = false if no τ up to 2¹⁰⁰β worked.
func direction(p []float64, H *mat.SymDense, g []float64) (tau float64, ok bool) {
	const beta = 1e-3
	n := len(g)
	minDiag := math.Inf(1)
	for i := range n {
		minDiag = min(minDiag, H.At(i, i))
	}
	if minDiag <= 0 {
		tau = -minDiag + beta
	}
	A := mat.NewSymDense(n, nil)
	var chol mat.Cholesky
	for range 100 {
		A.CopySym(H)
		for i := range n {
			A.SetSym(i, i, H.At(i, i)+tau)
		}
		if chol.Factorize(A) {
			pv := mat.NewVecDense(n, p)
			if err := chol.SolveVecTo(pv, mat.NewVecDense(n, g)); err == nil && optim.AllFinite(p) {
				floats.Scale(-1, p)
				return tau, true
			}
		}
		tau = max(2*tau, beta)
	}
	return tau, false
}

// saddle reports whether H has a clearly negative eigenvalue, and the
// smallest eigenvalue.
func saddle(H *mat.SymDense) (bool, float64) {
	var e mat.EigenSym
	if !e.Factorize(H, false) {
		return false, math.NaN()
	}
	v := e.Values(nil)
	lmin, lmax := slices.Min(v), slices.Max(v)
	return lmin < -1e-8*max(1, math.Abs(lmax)), lmin
}

// ArmijoC1 is the sufficient-decrease constant of Newton's Armijo search:
// 0.1, in the range 0.01–0.3 that Boyd & Vandenberghe (§9.2) give for
// Newton's method, where the full step α = 1 is right near the solution and
// a stricter test rejects the overshooting steps of the early iterations.
const ArmijoC1 = 0.1

func (m *Method) Run(t *optim.Task) error {
	var search func(*linesearch.Line, float64) linesearch.Result
	switch m.LineSearch {
	case "", "armijo":
		search = linesearch.Armijo{C1: ArmijoC1}.Search
	case "wolfe":
		search = linesearch.StrongWolfe{}.Search
	default:
		return fmt.Errorf("newton: unknown LineSearch %q (want armijo or wolfe)", m.LineSearch)
	}
	gtol := optim.Or(t.Settings.GTol, DefaultGTol)
	n := t.N
	x, g, p := slices.Clone(t.X0), make([]float64, n), make([]float64, n)
	H := mat.NewSymDense(n, nil)
	d := &Detail{}
	t.Detail = d
	f := t.FuncGrad(g, x)
	t.Answer(x, f)
	checked := false // H at x is known to be positive definite
	for {
		d.GNorm = floats.Norm(g, math.Inf(1))
		if !optim.IsFinite(f) || !optim.AllFinite(g) {
			t.Finish(optim.NonFinite, "f = %v, ‖∇f‖∞ = %v at x = %v", f, d.GNorm, x)
			return nil
		}
		if d.GNorm <= gtol && checked {
			t.Finish(optim.Converged, "‖∇f‖∞ = %.3g ≤ GTol = %g", d.GNorm, gtol)
			return nil
		}
		t.Hess(H, x, g)
		if !optim.AllFinite(H.RawSymmetric().Data) {
			t.Finish(optim.NonFinite, "the Hessian has a NaN or ±Inf entry at x = %v", x)
			return nil
		}
		if d.GNorm <= gtol { // converged where the Hessian was not yet checked
			if bad, lmin := saddle(H); bad {
				t.Finish(optim.NotMinimum, "∇f = 0 (‖∇f‖∞ = %.3g) but the Hessian is indefinite, λ_min = %.6g: a saddle point or maximum, not a minimum", d.GNorm, lmin)
			} else {
				t.Finish(optim.Converged, "‖∇f‖∞ = %.3g ≤ GTol = %g", d.GNorm, gtol)
			}
			return nil
		}
		tau, ok := direction(p, H, g)
		if !ok {
			t.Finish(optim.NumericalFailure, "no τ made the Hessian + τI positive definite (τ = %g) at x = %v", tau, x)
			return nil
		}
		if tau > 0 {
			d.Modified++
			d.MaxTau = max(d.MaxTau, tau)
		}
		r := search(linesearch.New(t, x, f, g, p), 1)
		if r.Reason != linesearch.OK {
			r.Finish(t)
			return nil
		}
		copy(x, r.X)
		f = r.F
		if r.G != nil {
			copy(g, r.G)
		} else {
			t.Grad(g, x, f)
		}
		checked = tau == 0
		t.Answer(x, f)
		t.Iterate(optim.Iteration{X: x, F: f, Detail: Step{GNorm: floats.Norm(g, math.Inf(1)), Alpha: r.Alpha, Tau: tau}})
	}
}
