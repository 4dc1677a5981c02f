package anneal

import (
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/optim"
)

// LocalOptions control the bounded local search that dual annealing runs
// from its best points (a compact projected L-BFGS, "L-BFGS-B lite"). Zero
// fields mean the defaults below, which are those of scipy's L-BFGS-B inside
// dual_annealing.
type LocalOptions struct {
	// MaxIter limits the quasi-Newton iterations; 0 means
	// min(max(6n, 100), 1000), as in scipy.optimize.dual_annealing.
	MaxIter int
	// MaxEval limits the objective evaluations of one search, gradient
	// finite differences included; 0 means 15000 (L-BFGS-B's maxfun).
	MaxEval int
	// FTol stops when the relative decrease (f_k − f_{k+1})/max(|f_k|,
	// |f_{k+1}|, 1) is at most FTol; 0 means 1e-12. (scipy's L-BFGS-B uses
	// factr·ε ≈ 2.2e-9; with that tolerance the simpler search here stops
	// early on ill-conditioned problems such as the toy network.)
	FTol float64
	// GTol stops when the largest component of the projected gradient is at
	// most GTol; 0 means 1e-5.
	GTol float64
	// Memory is the number of (s, y) pairs kept; 0 means 10.
	Memory int
	// Eps is the forward-difference step used when Problem.Grad is nil;
	// 0 means 1e-8. Near an upper bound the step is taken backwards so that
	// every evaluation stays in the box.
	Eps float64
}

func (o LocalOptions) withDefaults(n int) LocalOptions {
	if o.MaxIter == 0 {
		o.MaxIter = min(max(6*n, 100), 1000)
	}
	if o.MaxEval == 0 {
		o.MaxEval = 15000
	}
	if o.FTol == 0 {
		o.FTol = 1e-12
	}
	if o.GTol == 0 {
		o.GTol = 1e-5
	}
	if o.Memory == 0 {
		o.Memory = 10
	}
	if o.Eps == 0 {
		o.Eps = 1e-8
	}
	return o
}

func (o LocalOptions) validate() error {
	switch {
	case o.MaxIter < 0:
		return fmt.Errorf("anneal: LocalOptions.MaxIter must be non-negative, got %d", o.MaxIter)
	case o.MaxEval < 0:
		return fmt.Errorf("anneal: LocalOptions.MaxEval must be non-negative, got %d", o.MaxEval)
	case o.Memory < 0:
		return fmt.Errorf("anneal: LocalOptions.Memory must be non-negative, got %d", o.Memory)
	case !(o.FTol >= 0) || !(o.GTol >= 0):
		return fmt.Errorf("anneal: LocalOptions.FTol and GTol must be non-negative, got %v and %v", o.FTol, o.GTol)
	case !(o.Eps >= 0) || math.IsInf(o.Eps, 0):
		return fmt.Errorf("anneal: LocalOptions.Eps must be finite and non-negative, got %v", o.Eps)
	}
	return nil
}

// LocalSearch minimizes p.Func inside the box [p.Lower, p.Upper] (nil bounds
// or infinite sides mean unbounded) from x0 with the projected quasi-Newton
// method that dual annealing uses for its local phase. It uses p.Grad when
// present and forward differences otherwise (counted in NFev). A nil o means
// the defaults.
func LocalSearch(p optim.Problem, x0 []float64, o *LocalOptions) (*optim.Result, error) {
	if x0 == nil {
		return nil, fmt.Errorf("anneal: LocalSearch needs a start point x0")
	}
	if _, err := p.Dimension(x0); err != nil {
		return nil, err
	}
	n := len(x0)
	lower, upper := p.Lower, p.Upper
	if lower == nil {
		lower, upper = make([]float64, n), make([]float64, n)
		for i := range lower {
			lower[i], upper[i] = math.Inf(-1), math.Inf(1)
		}
	}
	if err := optim.CheckBounds(lower, upper, false); err != nil {
		return nil, err
	}
	if err := optim.CheckInBounds(x0, lower, upper); err != nil {
		return nil, err
	}
	var lo LocalOptions
	if o != nil {
		lo = *o
	}
	if err := lo.validate(); err != nil {
		return nil, err
	}
	lo = lo.withDefaults(n)
	ev := optim.NewEvaluator(p.Func, lo.MaxEval)
	ls := newLocalSearch(ev, p.Grad, lower, upper, lo)
	lr := ls.minimize(x0, lo.MaxEval)
	r := &optim.Result{NIt: lr.nit, Status: lr.status, NGev: ls.ngev}
	ev.Fill(r)
	switch lr.status {
	case optim.Converged:
		r.Message = lr.reason
	case optim.IterationLimit:
		r.Message = fmt.Sprintf("iteration limit (%d) reached", lo.MaxIter)
	case optim.EvaluationLimit:
		r.Message = fmt.Sprintf("evaluation limit (%d) reached", lo.MaxEval)
	default:
		r.Message = lr.reason
	}
	if ev.NonFinite > 0 {
		r.Message += fmt.Sprintf("; %d non-finite objective values were rejected", ev.NonFinite)
	}
	return r, nil
}

// localSearch is the projected L-BFGS ("L-BFGS-B lite"):
//
//  1. the projected gradient P(x − g) − x measures stationarity in the box;
//  2. variables at a bound whose gradient pushes outward are frozen, and the
//     L-BFGS two-loop recursion gives a quasi-Newton direction d = −H·g on the
//     free ones (steepest descent when that is not a descent direction);
//  3. a backtracking line search on the projected path x(α) = P(x + α·d)
//     accepts the first α with f(x(α)) ≤ f(x) + c₁·gᵀ(x(α) − x);
//  4. the pair s = x₊ − x, y = g₊ − g updates the memory when sᵀy > 0.
type localSearch struct {
	ev           *optim.Evaluator
	grad         func(grad, x []float64)
	lower, upper []float64
	o            LocalOptions
	ngev         int
}

type localResult struct {
	x      []float64
	f      float64 // NaN if no finite value was found
	nit    int
	status optim.Status
	reason string
}

func newLocalSearch(ev *optim.Evaluator, grad func(g, x []float64), lower, upper []float64, o LocalOptions) *localSearch {
	return &localSearch{ev: ev, grad: grad, lower: lower, upper: upper, o: o}
}

// gradient writes the gradient at x (where f(x) = fx) into g: analytic if
// available (no objective evaluation), otherwise n forward differences that
// stay in the box.
func (ls *localSearch) gradient(x []float64, fx float64, g []float64) {
	if ls.grad != nil {
		ls.grad(g, x)
		ls.ngev++
		return
	}
	h := ls.o.Eps
	for i := range x {
		xi := x[i]
		step := h
		if xi+step > ls.upper[i] {
			step = -h
		}
		x[i] = xi + step
		g[i] = (ls.ev.Eval(x) - fx) / step
		x[i] = xi
	}
}

// gradCost is the number of objective evaluations one gradient costs.
func (ls *localSearch) gradCost(n int) int {
	if ls.grad != nil {
		return 0
	}
	return n
}

// minimize runs the search from x0 with at most budget evaluations.
func (ls *localSearch) minimize(x0 []float64, budget int) localResult {
	n := len(x0)
	budget = min(budget, ls.o.MaxEval)
	start := ls.ev.NFev
	left := func() int { return min(budget-(ls.ev.NFev-start), ls.ev.Remaining()) }

	x := make([]float64, n)
	for i := range x {
		x[i] = clamp(x0[i], ls.lower[i], ls.upper[i])
	}
	if left() < 1+ls.gradCost(n) {
		return localResult{x: x, f: math.NaN(), status: optim.EvaluationLimit}
	}
	g := make([]float64, n)
	f := ls.ev.Eval(x)
	if !optim.IsFinite(f) {
		return localResult{x: x, f: math.NaN(), status: optim.NonFinite, reason: "non-finite objective at the start point"}
	}
	ls.gradient(x, f, g)
	if !allFinite(g) {
		return localResult{x: x, f: f, status: optim.NonFinite, reason: "non-finite gradient at the start point"}
	}

	m := ls.o.Memory
	S := make([][]float64, 0, m) // s pairs, oldest first
	Y := make([][]float64, 0, m)
	rho := make([]float64, 0, m)
	alphas := make([]float64, m)
	d := make([]float64, n)
	xt := make([]float64, n)
	gt := make([]float64, n)
	free := make([]bool, n)
	const c1 = 1e-4

	for it := 0; it < ls.o.MaxIter; it++ {
		// 1. Projected gradient and free set.
		pg := 0.0
		for i := range x {
			pg = max(pg, math.Abs(clamp(x[i]-g[i], ls.lower[i], ls.upper[i])-x[i]))
			atLo := x[i] <= ls.lower[i] && g[i] > 0
			atHi := x[i] >= ls.upper[i] && g[i] < 0
			free[i] = !atLo && !atHi
		}
		if pg <= ls.o.GTol {
			return localResult{x: x, f: f, nit: it, status: optim.Converged, reason: "projected gradient below GTol"}
		}

		// 2. L-BFGS two-loop recursion in the subspace of the free
		// variables: inner products skip the frozen ones, and pairs with
		// no positive curvature there are skipped.
		for i := range d {
			d[i] = 0
			if free[i] {
				d[i] = g[i]
			}
		}
		gamma := 0.0
		for k := len(S) - 1; k >= 0; k-- {
			alphas[k], rho[k] = 0, 0
			if sy := fdot(S[k], Y[k], free); sy > 0 {
				rho[k] = 1 / sy
				alphas[k] = rho[k] * fdot(S[k], d, free)
				faxpy(-alphas[k], Y[k], d, free)
				if gamma == 0 {
					gamma = sy / fdot(Y[k], Y[k], free)
				}
			}
		}
		if gamma > 0 {
			scale(gamma, d)
		}
		for k := range S {
			if rho[k] > 0 {
				beta := rho[k] * fdot(Y[k], d, free)
				faxpy(alphas[k]-beta, S[k], d, free)
			}
		}
		gd := 0.0
		for i := range d {
			if !free[i] {
				d[i] = 0
			}
			d[i] = -d[i]
			gd += g[i] * d[i]
		}
		if !(gd < 0) { // not a descent direction: restart from steepest descent
			S, Y, rho = S[:0], Y[:0], rho[:0]
			gd = 0
			for i := range d {
				d[i] = 0
				if free[i] {
					d[i] = -g[i]
				}
				gd += g[i] * d[i]
			}
		}

		// 3. Backtracking along the projected path.
		alpha := 1.0
		if len(S) == 0 {
			alpha = min(1, 1/norm(d))
		}
		accepted := false
		var ft float64
		for range 60 {
			if left() < 1+ls.gradCost(n) {
				return localResult{x: x, f: f, nit: it, status: optim.EvaluationLimit}
			}
			dec, moved := 0.0, false
			for i := range xt {
				xt[i] = clamp(x[i]+alpha*d[i], ls.lower[i], ls.upper[i])
				dec += g[i] * (xt[i] - x[i])
				moved = moved || xt[i] != x[i]
			}
			if !moved {
				break
			}
			ft = ls.ev.Eval(xt)
			if optim.IsFinite(ft) && ft <= f+c1*dec {
				accepted = true
				break
			}
			// Minimize the quadratic through f, the slope dec/α and ft,
			// within [α/10, α/2].
			next := alpha / 4
			if optim.IsFinite(ft) && ft-f-dec > 0 {
				next = -dec * alpha / (2 * (ft - f - dec))
			}
			alpha = min(max(next, alpha/10), alpha/2)
		}
		if !accepted {
			return localResult{x: x, f: f, nit: it, status: optim.LineSearchFailure,
				reason: fmt.Sprintf("no decrease along the search direction (projected gradient %.3g > GTol)", pg)}
		}

		// 4. New gradient and memory update.
		ls.gradient(xt, ft, gt)
		if !allFinite(gt) {
			copy(x, xt)
			return localResult{x: x, f: ft, nit: it + 1, status: optim.NonFinite, reason: "non-finite gradient"}
		}
		var s, y []float64
		if len(S) == m {
			s, y = S[0], Y[0]
			S, Y, rho = append(S[:0], S[1:]...), append(Y[:0], Y[1:]...), append(rho[:0], rho[1:]...)
		} else {
			s, y = make([]float64, n), make([]float64, n)
		}
		for i := range s {
			s[i] = xt[i] - x[i]
			y[i] = gt[i] - g[i]
		}
		if sy := dot(s, y); sy > 0x1p-52*dot(y, y) {
			S, Y, rho = append(S, s), append(Y, y), append(rho, 0)
		}
		fold := f
		copy(x, xt)
		copy(g, gt)
		f = ft
		if fold-f <= ls.o.FTol*max(math.Abs(fold), math.Abs(f), 1) {
			return localResult{x: x, f: f, nit: it + 1, status: optim.Converged, reason: "relative decrease below FTol"}
		}
	}
	return localResult{x: x, f: f, nit: ls.o.MaxIter, status: optim.IterationLimit}
}

func clamp(v, lo, hi float64) float64 { return min(max(v, lo), hi) }

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// fdot is the inner product over the free variables.
func fdot(a, b []float64, free []bool) float64 {
	s := 0.0
	for i := range a {
		if free[i] {
			s += a[i] * b[i]
		}
	}
	return s
}

// faxpy adds a·x to y on the free variables.
func faxpy(a float64, x, y []float64, free []bool) {
	for i := range x {
		if free[i] {
			y[i] += a * x[i]
		}
	}
}

func scale(a float64, x []float64) {
	for i := range x {
		x[i] *= a
	}
}

func norm(x []float64) float64 { return math.Sqrt(dot(x, x)) }

func allFinite(x []float64) bool {
	for _, v := range x {
		if !optim.IsFinite(v) {
			return false
		}
	}
	return true
}
