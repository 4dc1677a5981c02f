package slsqp

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/optlab/optlab/pkg/optim"
)

// Exit modes: scipy's (and Kraft's) codes, kept in Result.Mode.
const (
	// ModeOther marks a stop that scipy has no code for: a non-finite
	// value, the evaluation limit or the callback (Result.Status says which).
	ModeOther = -1
	// ModeSuccess: "Optimization terminated successfully".
	ModeSuccess = 0
	// ModeEvalRequired: "Function evaluation required" — a request of
	// Kraft's reverse-communication interface; never returned here.
	ModeEvalRequired = 1
	// ModeTooManyEq: "More equality constraints than independent
	// variables". Minimize reports it as an error, before any evaluation.
	ModeTooManyEq = 2
	// ModeLSQIter: "More than 3*n iterations in LSQ subproblem" (NNLS).
	ModeLSQIter = 3
	// ModeIncompatible: "Inequality constraints incompatible" — the
	// linearized constraints cannot be satisfied, or even reduced, from the
	// current point.
	ModeIncompatible = 4
	// ModeSingularE: "Singular matrix E in LSQ subproblem".
	ModeSingularE = 5
	// ModeSingularC: "Singular matrix C in LSQ subproblem" — the Jacobian
	// of the equality constraints is rank-deficient.
	ModeSingularC = 6
	// ModeHFTI: "Rank-deficient equality constraint subproblem HFTI".
	ModeHFTI = 7
	// ModeLineSearch: "Positive directional derivative for linesearch".
	ModeLineSearch = 8
	// ModeIterLimit: "Iteration limit reached".
	ModeIterLimit = 9
)

var modeMessages = map[int]string{
	ModeSuccess:      "Optimization terminated successfully",
	ModeEvalRequired: "Function evaluation required",
	ModeTooManyEq:    "More equality constraints than independent variables",
	ModeLSQIter:      "More than 3*n iterations in LSQ subproblem",
	ModeIncompatible: "Inequality constraints incompatible",
	ModeSingularE:    "Singular matrix E in LSQ subproblem",
	ModeSingularC:    "Singular matrix C in LSQ subproblem",
	ModeHFTI:         "Rank-deficient equality constraint subproblem HFTI",
	ModeLineSearch:   "Positive directional derivative for linesearch",
	ModeIterLimit:    "Iteration limit reached",
}

var modeStatus = map[int]optim.Status{
	ModeSuccess:      optim.Converged,
	ModeLSQIter:      optim.NumericalFailure,
	ModeIncompatible: optim.Infeasible,
	ModeSingularE:    optim.NumericalFailure,
	ModeSingularC:    optim.NumericalFailure,
	ModeHFTI:         optim.NumericalFailure,
	ModeLineSearch:   optim.LineSearchFailure,
	ModeIterLimit:    optim.IterationLimit,
}

// ModeMessage returns scipy's message for an exit mode.
func ModeMessage(mode int) string {
	if s, ok := modeMessages[mode]; ok {
		return s
	}
	return fmt.Sprintf("unknown mode %d", mode)
}

// Constraint is one scalar constraint function c(x): an equality c(x) = 0
// or an inequality c(x) ≥ 0 (scipy's convention), depending on the list of
// Options it is in.
type Constraint struct {
	// Func returns c(x). It must not modify x.
	Func func(x []float64) float64
	// Grad, if not nil, writes ∇c(x) into grad (len(grad) == len(x)).
	// Without it SLSQP uses forward differences with step Options.Eps.
	Grad func(grad, x []float64)
}

// Options are SLSQP's settings.
type Options struct {
	// Settings: MaxIter (default 100) limits the iterations (QP
	// subproblems); FTol (default 1e-6) is Kraft's "acc", scipy's ftol;
	// MaxEval and Callback work as usual (MaxEval is checked before every
	// line-search trial and every gradient, so a finite-difference gradient
	// may overshoot it by up to n evaluations); XTol, GTol, Seed and Workers
	// are not used.
	optim.Settings

	// Eq are the equality constraints c(x) = 0; at most as many as
	// variables (Kraft's method cannot handle more).
	Eq []Constraint
	// Ineq are the inequality constraints c(x) ≥ 0.
	Ineq []Constraint

	// Eps is the step of the forward differences used when Problem.Grad or
	// a Constraint.Grad is nil; default √ε ≈ 1.49e-8, like scipy. The step
	// is taken backwards for a coordinate at its upper bound.
	Eps float64
}

// scipy's defaults for maxiter, ftol and eps.
const (
	// DefaultMaxIter is the default Settings.MaxIter.
	DefaultMaxIter = 100
	// DefaultFTol is the default Settings.FTol, Kraft's acc.
	DefaultFTol = 1e-6
	// DefaultEps is the default finite-difference step, √ε.
	DefaultEps = 1.4901161193847656e-08
)

// DefaultOptions returns the default options, those of scipy's SLSQP.
func DefaultOptions() *Options {
	return &Options{
		Settings: optim.Settings{MaxIter: DefaultMaxIter, FTol: DefaultFTol},
		Eps:      DefaultEps,
	}
}

// Result is SLSQP's result: the common optim.Result plus scipy's exit mode,
// the Lagrange multipliers and the path.
type Result struct {
	optim.Result

	// Mode is scipy's exit code (ModeSuccess, ModeIterLimit, ...).
	Mode int

	// MultEq and MultIneq are the Lagrange multipliers of the constraints
	// and MultLower and MultUpper those of the bounds (nil without bounds;
	// 0 for an infinite bound), from the last quadratic subproblem. At a
	// solution they satisfy the KKT conditions
	//
	//	∇f = Σ MultEq_j ∇c_j + Σ MultIneq_j ∇c_j + MultLower − MultUpper
	//
	// with MultIneq, MultLower, MultUpper ≥ 0.
	MultEq, MultIneq     []float64
	MultLower, MultUpper []float64

	// Violation is Σ|c_eq(X)| + Σ max(−c_in(X), 0), the measure that
	// Kraft's convergence test bounds by FTol.
	Violation float64

	// Iterates are x0 and the point after every line search.
	Iterates [][]float64
}

// Minimize minimizes p.Func subject to the bounds p.Lower ≤ x ≤ p.Upper and
// the constraints in o, starting from x0, with Kraft's sequential
// least-squares quadratic programming (scipy's method='SLSQP'). A nil o
// means DefaultOptions().
//
// The error reports input that can never work; nothing is evaluated then.
// Unlike scipy, an x0 outside the bounds is refused rather than clipped.
// Result.X is the last iterate (not the best point evaluated: with
// constraints that one may be infeasible), Result.Trace the best-so-far
// objective after every evaluation, finite-difference probes included.
func Minimize(p optim.Problem, x0 []float64, o *Options) (*Result, error) {
	if o == nil {
		o = DefaultOptions()
	}
	if x0 == nil {
		return nil, errors.New("slsqp: x0 is required")
	}
	n, err := p.Dimension(x0)
	if err != nil {
		return nil, fmt.Errorf("slsqp: %w", err)
	}
	if p.Lower != nil {
		if err := optim.CheckBounds(p.Lower, p.Upper, false); err != nil {
			return nil, fmt.Errorf("slsqp: %w", err)
		}
	}
	if err := optim.CheckInBounds(x0, p.Lower, p.Upper); err != nil {
		return nil, fmt.Errorf("slsqp: %w (scipy would clip it; move x0 into the box)", err)
	}
	if err := o.Settings.Validate(); err != nil {
		return nil, fmt.Errorf("slsqp: %w", err)
	}
	if !(o.Eps > 0) || math.IsInf(o.Eps, 0) {
		return nil, fmt.Errorf("slsqp: Eps must be positive and finite, got %v", o.Eps)
	}
	for _, l := range []struct {
		name string
		cs   []Constraint
	}{{"Eq", o.Eq}, {"Ineq", o.Ineq}} {
		for j, c := range l.cs {
			if c.Func == nil {
				return nil, fmt.Errorf("slsqp: %s[%d].Func is nil", l.name, j)
			}
		}
	}
	if len(o.Eq) > n {
		return nil, fmt.Errorf("slsqp: %d equality constraints but only %d variables (%s)",
			len(o.Eq), n, ModeMessage(ModeTooManyEq))
	}
	acc := o.FTol
	if acc == 0 {
		acc = DefaultFTol
	}
	s := &solver{
		n: n, meq: len(o.Eq), m: len(o.Eq) + len(o.Ineq),
		prob: p, opt: o, acc: acc,
		cons: append(append([]Constraint(nil), o.Eq...), o.Ineq...),
		ev:   optim.NewEvaluator(p.Func, o.MaxEval),
	}
	return s.run(x0), nil
}

// solver holds one run's fixed data.
type solver struct {
	n, meq, m int
	prob      optim.Problem
	opt       *Options
	acc       float64
	cons      []Constraint // equalities first, then inequalities
	ev        *optim.Evaluator
	ngev      int
}

// point is an iterate with everything SLSQP knows there: f, the
// constraint values c, the gradient g and the constraint Jacobian a (m×n).
type point struct {
	x, c, g []float64
	f       float64
	a       *mat.Dense
}

// violation is Kraft's measure of infeasibility, Σ|c_eq| + Σ max(−c_in, 0).
func (s *solver) violation(c []float64) float64 {
	v := 0.0
	for j, cj := range c {
		if j < s.meq {
			v += math.Abs(cj)
		} else {
			v += math.Max(-cj, 0)
		}
	}
	return v
}

// penalty is Σ μ_j·(violation of constraint j), the constraint part of the
// L1 merit function φ(x) = f(x) + Σ μ_j |c_j(x)|₋.
func (s *solver) penalty(mu, c []float64) float64 {
	v := 0.0
	for j, cj := range c {
		if j < s.meq {
			v += mu[j] * math.Abs(cj)
		} else {
			v += mu[j] * math.Max(-cj, 0)
		}
	}
	return v
}

// values evaluates f and the constraints at pt.x; ok is false if one of
// them is not finite.
func (s *solver) values(pt *point) (ok bool) {
	pt.f = s.ev.Eval(pt.x)
	if !optim.IsFinite(pt.f) {
		return false
	}
	pt.c = make([]float64, s.m)
	for j, c := range s.cons {
		pt.c[j] = c.Func(pt.x)
		if !optim.IsFinite(pt.c[j]) {
			return false
		}
	}
	return true
}

// derivatives fills pt.g and pt.a, analytically or by forward differences
// (n evaluations of f: f(x) is known; scipy counts them the same way).
func (s *solver) derivatives(pt *point) (ok bool) {
	n := s.n
	pt.g = make([]float64, n)
	if s.prob.Grad != nil {
		s.prob.Grad(pt.g, pt.x)
		s.ngev++
	} else {
		s.forwardDiff(s.ev.Eval, pt.x, pt.f, pt.g)
	}
	pt.a = mat.NewDense(max(s.m, 1), n, nil)
	row := make([]float64, n)
	for j, c := range s.cons {
		if c.Grad != nil {
			c.Grad(row, pt.x)
		} else {
			s.forwardDiff(c.Func, pt.x, pt.c[j], row)
		}
		pt.a.SetRow(j, row)
	}
	for _, v := range pt.g {
		if !optim.IsFinite(v) {
			return false
		}
	}
	for j := range s.m {
		for _, v := range pt.a.RawRowView(j) {
			if !optim.IsFinite(v) {
				return false
			}
		}
	}
	return true
}

// forwardDiff writes (f(x + h e_i) − f(x))/h into grad, with h = Eps, or
// h = −Eps where x + Eps would leave the box.
func (s *solver) forwardDiff(f func([]float64) float64, x []float64, fx float64, grad []float64) {
	xp := append([]float64(nil), x...)
	for i := range xp {
		h := s.opt.Eps
		if s.prob.Upper != nil && x[i]+h > s.prob.Upper[i] {
			h = -h
		}
		xp[i] = x[i] + h
		grad[i] = (f(xp) - fx) / h
		xp[i] = x[i]
	}
}

// run is Kraft's SLSQPB: the main iteration.
func (s *solver) run(x0 []float64) *Result {
	n, m := s.n, s.m
	acc, tol := s.acc, 10*s.acc
	res := &Result{}
	cur := &point{x: append([]float64(nil), x0...)}
	res.Iterates = append(res.Iterates, append([]float64(nil), x0...))

	// finish fills res from the current point and the exit mode.
	var sol lsqSolution
	finish := func(mode int, status optim.Status, msg string) *Result {
		s.ev.Fill(&res.Result)
		res.X = append([]float64(nil), cur.x...)
		res.F = cur.f
		res.NGev = s.ngev
		res.Mode = mode
		if cur.c != nil {
			res.Violation = s.violation(cur.c)
		}
		if sol.D != nil {
			res.MultEq = append([]float64(nil), sol.Eq...)
			res.MultIneq = append([]float64(nil), sol.In...)
			if s.prob.Lower != nil {
				res.MultLower, res.MultUpper = sol.Lo[:n], sol.Hi[:n]
			}
		}
		if msg == "" {
			msg = ModeMessage(mode)
		}
		if status == optim.NotTerminated {
			status = modeStatus[mode]
		}
		// Never report a success at an infeasible point.
		if status.Success() && res.Violation > tol {
			msg = fmt.Sprintf("%s, but the constraints are violated (violation %.3g)", msg, res.Violation)
			status = optim.Infeasible
		}
		res.Status, res.Message = status, msg
		return res
	}
	nonFinite := func(what string, x []float64) *Result {
		return finish(ModeOther, optim.NonFinite, fmt.Sprintf("non-finite %s at x = %v", what, x))
	}

	if !s.values(cur) {
		return nonFinite("objective or constraint value", cur.x)
	}
	if !s.derivatives(cur) {
		return nonFinite("gradient", cur.x)
	}

	// B = UᵀU approximates the Hessian of the Lagrangian; it starts as I.
	var chol mat.Cholesky
	resetB := func() { chol.Factorize(eyeSym(n)) }
	resetB()
	ireset := 1
	mu := make([]float64, m) // penalty weights of the merit function
	iter := 0
	var f0 float64
	var d []float64

	for {
		// Search direction: the QP subproblem at the current point.
		iter++
		res.NIt = iter - 1
		if iter > s.opt.MaxIter {
			return finish(ModeIterLimit, optim.NotTerminated, "")
		}
		res.NIt = iter
		var h4 float64
		sol, h4 = s.searchDirection(&chol, cur)
		if sol.Mode != 0 {
			return finish(sol.Mode, optim.NotTerminated, "")
		}
		d = sol.D[:n]
		r := append(append([]float64(nil), sol.Eq...), sol.In...)

		// ∇ₓL at the current point, kept for the BFGS update.
		v := s.lagrangianGrad(cur, r)

		// Penalty weights μ_j = max(|r_j|, (μ_j + |r_j|)/2) and the
		// convergence test on the QP's predicted decrease.
		f0 = cur.f
		xPrev := cur
		gs := dot(cur.g, d)
		h1 := math.Abs(gs)
		for j := range m {
			mu[j] = math.Max(math.Abs(r[j]), (mu[j]+math.Abs(r[j]))/2)
			h1 += math.Abs(r[j] * cur.c[j])
		}
		viol := s.violation(cur.c)
		if h1 < acc && viol < acc {
			return finish(ModeSuccess, optim.NotTerminated, "")
		}

		// Directional derivative of the merit function along d.
		pen := s.penalty(mu, cur.c)
		t0 := cur.f + pen
		h3 := gs - pen*h4
		if h3 >= 0 {
			// Not a descent direction: restart BFGS from B = I (at most
			// four times in a run), then test relaxed convergence.
			ireset++
			if ireset > 5 {
				return finish(s.relaxed(cur.f, f0, d, cur.c, tol), optim.NotTerminated, "")
			}
			resetB()
			continue
		}

		// Line search on the L1 merit function: Armijo test with quadratic
		// interpolation, each shrink factor in [0.1, 1], at most 11 trials.
		alpha := 1.0
		for line := 1; ; line++ {
			h3 *= alpha
			for i := range d {
				d[i] *= alpha
			}
			trial := &point{x: make([]float64, n)}
			for i := range trial.x {
				trial.x[i] = xPrev.x[i] + d[i]
				if s.prob.Lower != nil {
					trial.x[i] = math.Max(s.prob.Lower[i], math.Min(s.prob.Upper[i], trial.x[i]))
				}
			}
			if s.ev.Exhausted() {
				return finish(ModeOther, optim.EvaluationLimit, "evaluation limit reached")
			}
			if !s.values(trial) {
				return nonFinite("objective or constraint value", trial.x)
			}
			cur = trial
			h1 = cur.f + s.penalty(mu, cur.c) - t0
			if h1 <= h3/10 || line > 10 {
				break
			}
			alpha = math.Max(h3/(2*(h3-h1)), 0.1)
		}
		res.Iterates = append(res.Iterates, append([]float64(nil), cur.x...))

		// Convergence: small change in f or in x, and feasible.
		viol = s.violation(cur.c)
		if (math.Abs(cur.f-f0) < acc || norm(d) < acc) && viol < acc {
			return finish(ModeSuccess, optim.NotTerminated, "")
		}
		if cb := s.opt.Callback; cb != nil && cb(optim.Iteration{Iter: iter, NFev: s.ev.NFev, X: cur.x, F: cur.f}) {
			return finish(ModeOther, optim.Stopped, "stopped by the callback")
		}
		if iter == s.opt.MaxIter {
			// The next pass would stop at once: skip its gradient.
			return finish(ModeIterLimit, optim.NotTerminated, "")
		}
		if s.ev.Exhausted() {
			return finish(ModeOther, optim.EvaluationLimit, "evaluation limit reached")
		}
		if !s.derivatives(cur) {
			return nonFinite("gradient", cur.x)
		}

		// Damped BFGS update of B with s = d and y = ∇ₓL(new) − ∇ₓL(old),
		// both with the multipliers r of this iteration (Powell 1978).
		y := s.lagrangianGrad(cur, r)
		for i := range y {
			y[i] -= v[i]
		}
		bd := mulSym(&chol, d)
		sy, sBs := dot(d, y), dot(d, bd)
		if sy < 0.2*sBs {
			theta := 0.8 * sBs / (sBs - sy)
			for i := range y {
				y[i] = theta*y[i] + (1-theta)*bd[i]
			}
			sy = 0.2 * sBs
		}
		if sy == 0 || sBs == 0 || !updateB(&chol, y, sy, bd, sBs) {
			ireset++
			if ireset > 5 {
				return finish(s.relaxed(cur.f, f0, d, cur.c, tol), optim.NotTerminated, "")
			}
			resetB()
		}
	}
}

// relaxed is Kraft's test after repeated BFGS restarts: converged if the
// last step changed f or x by less than tol and the point is feasible.
func (s *solver) relaxed(f, f0 float64, d, c []float64, tol float64) int {
	if (math.Abs(f-f0) < tol || norm(d) < tol) && s.violation(c) < tol {
		return ModeSuccess
	}
	return ModeLineSearch
}

// lagrangianGrad returns ∇ₓL = g − Aᵀr, the gradient of the Lagrangian
// L = f − Σ r_j c_j.
func (s *solver) lagrangianGrad(pt *point, r []float64) []float64 {
	v := append([]float64(nil), pt.g...)
	for j := range s.m {
		for i, aji := range pt.a.RawRowView(j) {
			v[i] -= aji * r[j]
		}
	}
	return v
}

// updateB replaces B by B + y yᵀ/sy − Bd (Bd)ᵀ/sBs, updating its Cholesky
// factor; false if the result is not numerically positive definite.
func updateB(chol *mat.Cholesky, y []float64, sy float64, bd []float64, sBs float64) bool {
	var next mat.Cholesky
	if !next.SymRankOne(chol, 1/sy, mat.NewVecDense(len(y), y)) {
		return false
	}
	if !next.SymRankOne(&next, -1/sBs, mat.NewVecDense(len(bd), bd)) {
		return false
	}
	chol.Clone(&next)
	return true
}

// mulSym returns B d for B given by its Cholesky factorization.
func mulSym(chol *mat.Cholesky, d []float64) []float64 {
	var b mat.SymDense
	chol.ToSym(&b)
	var out mat.VecDense
	out.MulVec(&b, mat.NewVecDense(len(d), d))
	return out.RawVector().Data
}

func eyeSym(n int) *mat.SymDense {
	b := mat.NewSymDense(n, nil)
	for i := range n {
		b.SetSym(i, i, 1)
	}
	return b
}

// searchDirection solves the QP subproblem at pt,
//
//	minimize ½ dᵀB d + gᵀd  s.t.  ∇c_eq d + c_eq = 0,  ∇c_in d + c_in ≥ 0,
//	                              lower − x ≤ d ≤ upper − x,
//
// as the least-squares problem ½‖U d − f‖² with B = UᵀU and Uᵀf = −g. If the
// linearized constraints are inconsistent it solves Kraft's augmented
// problem in (d, δ): the constraint values are relaxed to (1 − δ)·c, and
// ½ρ²δ² with ρ = 100 (×10 on each failure, at most 5 times) is added to the
// objective. h4 = 1 − δ is the share of the violation the step is meant to
// remove (1 for a consistent linearization).
func (s *solver) searchDirection(chol *mat.Cholesky, pt *point) (sol lsqSolution, h4 float64) {
	n, meq, m := s.n, s.meq, s.m
	var u mat.TriDense
	chol.UTo(&u)
	ud := mat.DenseCopyOf(&u)
	f := solveUpperT(ud, pt.g)
	for i := range f {
		f[i] = -f[i]
	}
	var lo, hi []float64
	if s.prob.Lower != nil {
		lo, hi = make([]float64, n), make([]float64, n)
		for i := range n {
			lo[i] = s.prob.Lower[i] - pt.x[i]
			hi[i] = s.prob.Upper[i] - pt.x[i]
		}
	}
	p := lsqProblem{E: ud, F: f, Lo: lo, Hi: hi}
	if meq > 0 {
		p.Aeq = mat.DenseCopyOf(pt.a.Slice(0, meq, 0, n))
		p.Beq = negate(pt.c[:meq])
	}
	if m > meq {
		p.Ain = mat.DenseCopyOf(pt.a.Slice(meq, m, 0, n))
		p.Bin = negate(pt.c[meq:])
	}
	sol = lsq(p)
	if sol.Mode == ModeSingularC && meq == n {
		sol.Mode = ModeIncompatible
	}
	if sol.Mode != ModeIncompatible {
		return sol, 1
	}

	// The augmented problem in n+1 variables (d, δ), always feasible at
	// d = 0, δ = 1.
	n1 := n + 1
	ea := mat.NewDense(n1, n1, nil)
	ea.Slice(0, n, 0, n).(*mat.Dense).Copy(ud)
	pa := lsqProblem{E: ea, F: append(append([]float64(nil), f...), 0)}
	pa.Lo, pa.Hi = make([]float64, n1), make([]float64, n1)
	for i := range n {
		pa.Lo[i], pa.Hi[i] = math.Inf(-1), math.Inf(1)
		if lo != nil {
			pa.Lo[i], pa.Hi[i] = lo[i], hi[i]
		}
	}
	pa.Lo[n], pa.Hi[n] = 0, 1
	extend := func(a *mat.Dense, col []float64) *mat.Dense {
		r := len(col)
		out := mat.NewDense(r, n1, nil)
		out.Slice(0, r, 0, n).(*mat.Dense).Copy(a)
		out.SetCol(n, col)
		return out
	}
	if meq > 0 {
		pa.Aeq, pa.Beq = extend(p.Aeq, negate(pt.c[:meq])), p.Beq
	}
	if m > meq {
		col := make([]float64, m-meq)
		for j := range col {
			col[j] = math.Max(-pt.c[meq+j], 0)
		}
		pa.Ain, pa.Bin = extend(p.Ain, col), p.Bin
	}
	rho := 100.0
	for range 6 {
		ea.Set(n, n, rho)
		sol = lsq(pa)
		rho *= 10
		switch {
		case sol.Mode == ModeIncompatible:
			continue
		case sol.Mode != 0:
			return sol, 1
		}
		h4 = 1 - sol.D[n]
		// δ = 1: no step reduces the violation to first order. Kraft would
		// go on with a step that ignores the constraints; we first make
		// sure with a larger ρ, then report the incompatibility.
		if h4 <= 1e-10 && s.violation(pt.c) > 0 {
			sol.Mode = ModeIncompatible
			continue
		}
		return sol, h4
	}
	return sol, 1
}

func negate(v []float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = -x
	}
	return out
}
