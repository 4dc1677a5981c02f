package slsqp

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/optlab/optlab/pkg/optim"
)

// state is one SLSQP run (Kraft's SLSQPB).
type state struct {
	t         *optim.Task
	n, meq, m int
	cons      []int         // indices into Problem.Constraints: equalities first
	acc       float64       // Kraft's acc, Settings.FTol
	u         *mat.TriDense // B = UᵀU approximates the Hessian of the Lagrangian
	resets    int           // Kraft's ireset: BFGS restarts so far, plus one
	mu        []float64     // penalty weights of the merit function
	cur       *point
	detail    *Detail
	lsq       lsqSolver
}

// point is an iterate with everything SLSQP knows there: f, the
// constraint values c, the gradient g and the constraint Jacobian a (m×n),
// constraints in the order of state.cons.
type point struct {
	x, c, g []float64
	f       float64
	a       *mat.Dense
}

// qpStep is the answer of the QP subproblem: the direction d, the
// multipliers r (in the order of state.cons), the share h4 = 1 − δ of the
// violation the step is meant to remove, and a mode.
type qpStep struct {
	d, r  []float64
	share float64
	sol   lsqSolution
	mode  int
}

func newState(t *optim.Task) *state {
	s := &state{t: t, n: t.N, acc: optim.Or(t.Settings.FTol, DefaultFTol), resets: 1}
	for _, kind := range []optim.ConstraintKind{optim.Equality, optim.Inequality} {
		for j, c := range t.Problem.Constraints {
			if c.Kind == kind {
				s.cons = append(s.cons, j)
			}
		}
		if kind == optim.Equality {
			s.meq = len(s.cons)
		}
	}
	s.m = len(s.cons)
	s.mu = make([]float64, s.m)
	s.detail = &Detail{Mode: ModeOther}
	t.Detail = s.detail
	s.lsq = lsqSolver{check: t.Check}
	return s
}

// run is the main loop: evaluate x0, then iterate until a mode ends it.
func (s *state) run() {
	s.cur = s.evaluate(slices.Clone(s.t.X0))
	s.differentiate(s.cur)
	s.t.Answer(s.cur.x, s.cur.f)
	s.resetB()
	for {
		if s.t.IterationsLeft() == 0 {
			s.finish(ModeIterLimit)
			return
		}
		if mode, stop := s.iterate(); stop {
			s.finish(mode)
			return
		}
	}
}

// iterate is one SQP iteration from the current point: the QP subproblem
// gives a direction d and multipliers; the run has converged if the QP
// predicts no decrease at a feasible point; otherwise a line search on the
// L1 merit function takes a step along d, and B is updated by damped BFGS.
func (s *state) iterate() (mode int, stop bool) {
	qp := s.subproblem(s.cur)
	if qp.mode != 0 {
		return qp.mode, true
	}
	s.keepMultipliers(qp)
	s.updatePenalty(qp.r)
	if s.predictedConverged(qp) {
		s.report(Step{})
		return ModeSuccess, true
	}
	slope := s.meritSlope(qp)
	if slope >= 0 { // not a descent direction: restart BFGS from B = I
		s.report(Step{Reset: true})
		return s.restart(s.cur.f, qp.d)
	}
	prev := s.cur
	alpha, trials := s.lineSearch(qp.d, slope) // qp.d becomes the step taken
	s.report(Step{Alpha: alpha, Trials: trials})
	if s.stepConverged(prev, qp.d) {
		return ModeSuccess, true
	}
	if s.t.IterationsLeft() == 0 { // the next pass would stop at once:
		return ModeIterLimit, true // skip the gradient
	}
	s.differentiate(s.cur)
	if !s.updateB(prev, s.cur, qp.r, qp.d) {
		return s.restart(prev.f, qp.d)
	}
	return 0, false
}

// evaluate returns the point x with f and the constraint values; a
// non-finite value stops the run (status NonFinite).
func (s *state) evaluate(x []float64) *point {
	pt := &point{x: x, c: make([]float64, s.m)}
	pt.f = s.t.Eval(x)
	if !optim.IsFinite(pt.f) {
		s.t.Stop(optim.NonFinite, "non-finite objective f = %v at x = %v", pt.f, x)
	}
	for k, j := range s.cons {
		pt.c[k] = s.t.Constraint(j, x)
		if !optim.IsFinite(pt.c[k]) {
			s.t.Stop(optim.NonFinite, "non-finite constraint %d: c = %v at x = %v", j, pt.c[k], x)
		}
	}
	return pt
}

// differentiate fills pt.g and pt.a (analytic, or forward differences
// through the Task, n evaluations of f as scipy counts them); a non-finite
// derivative stops the run.
func (s *state) differentiate(pt *point) {
	pt.g = make([]float64, s.n)
	s.t.Grad(pt.g, pt.x, pt.f)
	if !optim.AllFinite(pt.g) {
		s.t.Stop(optim.NonFinite, "non-finite gradient at x = %v", pt.x)
	}
	pt.a = mat.NewDense(max(s.m, 1), s.n, nil)
	for k, j := range s.cons {
		row := pt.a.RawRowView(k)
		s.t.ConstraintGrad(j, row, pt.x, pt.c[k])
		if !optim.AllFinite(row) {
			s.t.Stop(optim.NonFinite, "non-finite gradient of constraint %d at x = %v", j, pt.x)
		}
	}
}

// report ends an iteration: the new iterate is the answer, and the Task
// records it and calls the callback (which may end the run).
func (s *state) report(step Step) {
	s.detail.Violation = s.violation(s.cur.c)
	step.Violation = s.detail.Violation
	s.t.Answer(s.cur.x, s.cur.f)
	s.t.Iterate(optim.Iteration{X: s.cur.x, F: s.cur.f, Detail: step})
}

// finish ends the run with Kraft's mode; a success at an infeasible point
// is reported as Infeasible (Detail.Violation tells the others).
func (s *state) finish(mode int) {
	s.detail.Mode = mode
	s.detail.Violation = s.violation(s.cur.c)
	status, msg := modeStatus[mode], ModeMessage(mode)
	if status == optim.Converged && s.detail.Violation > 10*s.acc {
		status = optim.Infeasible
		msg = fmt.Sprintf("%s, but the constraints are violated (violation %.3g)", msg, s.detail.Violation)
	}
	s.t.Finish(status, "%s", msg)
}

// violation is Kraft's measure of infeasibility, Σ|c_eq| + Σ max(−c_in, 0).
func (s *state) violation(c []float64) float64 {
	return s.weighted(nil, c)
}

// weighted is Σ w_j·(violation of constraint j), w = 1 if nil.
func (s *state) weighted(w, c []float64) float64 {
	v := 0.0
	for j, cj := range c {
		vj := math.Max(-cj, 0)
		if j < s.meq {
			vj = math.Abs(cj)
		}
		if w != nil {
			vj *= w[j]
		}
		v += vj
	}
	return v
}

// merit is the L1 merit function φ(x) = f(x) + Σ μ_j·violation_j(x).
func (s *state) merit(pt *point) float64 { return pt.f + s.weighted(s.mu, pt.c) }

// updatePenalty sets the merit weights μ_j = max(|r_j|, (μ_j + |r_j|)/2).
func (s *state) updatePenalty(r []float64) {
	for j := range s.mu {
		s.mu[j] = math.Max(math.Abs(r[j]), (s.mu[j]+math.Abs(r[j]))/2)
	}
}

// predictedConverged is Kraft's test before the step: the QP's predicted
// change |∇fᵀd| + Σ|r_j c_j| and the violation are below acc.
func (s *state) predictedConverged(qp qpStep) bool {
	h := math.Abs(floats.Dot(s.cur.g, qp.d))
	for j, rj := range qp.r {
		h += math.Abs(rj * s.cur.c[j])
	}
	return h < s.acc && s.violation(s.cur.c) < s.acc
}

// meritSlope estimates φ's directional derivative along d,
// D = ∇fᵀd − (1 − δ)·Σ μ_j·violation_j.
func (s *state) meritSlope(qp qpStep) float64 {
	return floats.Dot(s.cur.g, qp.d) - qp.share*s.weighted(s.mu, s.cur.c)
}

// lineSearch steps from the current point along d, accepting
// x + αd (clipped to the box) when the Armijo test Δφ ≤ α·D/10 holds;
// otherwise α is multiplied by the minimizer of the quadratic that
// interpolates φ, max(αD / (2(αD − Δφ)), 0.1). After 11 trials the last
// is accepted anyway, as in Kraft's code. d is scaled in place to the
// step taken.
func (s *state) lineSearch(d []float64, slope float64) (alpha float64, trials int) {
	x0, phi0 := s.cur.x, s.merit(s.cur)
	alpha, factor := 1.0, 1.0
	for trials = 1; ; trials++ {
		slope *= factor
		alpha *= factor
		floats.Scale(factor, d)
		x := floats.AddTo(make([]float64, s.n), x0, d)
		optim.Clip(x, s.t.Problem.Lower, s.t.Problem.Upper)
		s.cur = s.evaluate(x)
		dphi := s.merit(s.cur) - phi0
		if dphi <= slope/10 || trials > 10 {
			return alpha, trials
		}
		factor = math.Max(slope/(2*(slope-dphi)), 0.1)
	}
}

// stepConverged is Kraft's test after the step: f or x changed by less
// than acc, at a feasible point.
func (s *state) stepConverged(prev *point, step []float64) bool {
	small := math.Abs(s.cur.f-prev.f) < s.acc || floats.Norm(step, 2) < s.acc
	return small && s.violation(s.cur.c) < s.acc
}

// restart resets B to the identity, at most four times in a run; then the
// run ends: converged if the last step d changed f (from f0) or x by less
// than 10·acc at a feasible point, else with mode 8.
func (s *state) restart(f0 float64, d []float64) (mode int, stop bool) {
	s.resets++
	if s.resets <= 5 {
		s.resetB()
		return 0, false
	}
	tol := 10 * s.acc
	if (math.Abs(s.cur.f-f0) < tol || floats.Norm(d, 2) < tol) && s.violation(s.cur.c) < tol {
		return ModeSuccess, true
	}
	return ModeLineSearch, true
}

// resetB sets B = UᵀU = I.
func (s *state) resetB() {
	if s.u == nil {
		s.u = mat.NewTriDense(s.n, mat.Upper, nil)
	}
	setIdentity(s.u)
}

// updateB is the damped BFGS update (Powell 1978) with the step d and
// y = ∇ₓL(x₊) − ∇ₓL(x), both gradients of the Lagrangian with this QP's
// multipliers r: if sᵀy < 0.2 sᵀBs, y ← θy + (1 − θ)Bs with
// θ = 0.8 sᵀBs/(sᵀBs − sᵀy), so that B stays positive definite; then
// B ← B + y yᵀ/(sᵀy) − Bs (Bs)ᵀ/(sᵀBs). It reports false if B did not
// stay numerically positive definite.
func (s *state) updateB(prev, next *point, r, d []float64) bool {
	y := floats.SubTo(make([]float64, s.n), s.lagrangianGrad(next, r), s.lagrangianGrad(prev, r))
	bs := s.timesB(d)
	sy, sBs := floats.Dot(d, y), floats.Dot(d, bs)
	if sy < 0.2*sBs {
		theta := 0.8 * sBs / (sBs - sy)
		for i := range y {
			y[i] = theta*y[i] + (1-theta)*bs[i]
		}
		sy = 0.2 * sBs
	}
	if sy == 0 || sBs == 0 {
		return false
	}
	floats.Scale(1/math.Sqrt(sy), y)
	floats.Scale(1/math.Sqrt(sBs), bs)
	cholUpdate(s.u, y, s.t.Check)
	return cholDowndate(s.u, bs, s.t.Check)
}

// timesB returns B d = Uᵀ(U d).
func (s *state) timesB(d []float64) []float64 {
	u := s.u
	v := mat.NewVecDense(s.n, slices.Clone(d))
	v.MulVec(u, v)
	v.MulVec(u.T(), v)
	return v.RawVector().Data
}

// lagrangianGrad returns ∇ₓL = g − Aᵀr, the gradient of the Lagrangian
// L = f − Σ r_j c_j.
func (s *state) lagrangianGrad(pt *point, r []float64) []float64 {
	v := slices.Clone(pt.g)
	for j := range s.m {
		floats.AddScaled(v, -r[j], pt.a.RawRowView(j))
	}
	return v
}

// keepMultipliers stores the QP's multipliers in the Detail, in the
// order of Problem.Constraints.
func (s *state) keepMultipliers(qp qpStep) {
	d := s.detail
	d.Multipliers = make([]float64, s.m)
	for k, j := range s.cons {
		d.Multipliers[j] = qp.r[k]
	}
	if s.t.Problem.Lower != nil {
		d.MultLower, d.MultUpper = qp.sol.Lo[:s.n], qp.sol.Hi[:s.n]
	}
}

// subproblem solves the QP at pt,
//
//	minimize ½ dᵀB d + gᵀd  s.t.  ∇c_eq d + c_eq = 0,  ∇c_in d + c_in ≥ 0,
//	                              lower − x ≤ d ≤ upper − x,
//
// as the least-squares problem ½‖U d − f‖² with B = UᵀU and Uᵀf = −g. If the
// linearized constraints are inconsistent it solves Kraft's augmented
// problem instead (see augmented).
func (s *state) subproblem(pt *point) qpStep {
	n, meq, m := s.n, s.meq, s.m
	u := s.u
	f := solveTri(u, pt.g, true)
	floats.Scale(-1, f)
	p := lsqProblem{E: u, F: f}
	if lo := s.t.Problem.Lower; lo != nil {
		p.Lo = floats.SubTo(make([]float64, n), lo, pt.x)
		p.Hi = floats.SubTo(make([]float64, n), s.t.Problem.Upper, pt.x)
	}
	if meq > 0 {
		p.Aeq, p.Beq = pt.a.Slice(0, meq, 0, n), negate(pt.c[:meq])
	}
	if m > meq {
		p.Ain, p.Bin = pt.a.Slice(meq, m, 0, n), negate(pt.c[meq:])
	}
	sol := s.lsq.solve(p)
	if sol.Mode == ModeSingularC && meq == n {
		sol.Mode = ModeIncompatible
	}
	if sol.Mode == ModeIncompatible {
		return s.augmented(pt, p)
	}
	return newStep(sol, n, 1)
}

func newStep(sol lsqSolution, n int, share float64) qpStep {
	if sol.Mode != 0 {
		return qpStep{sol: sol, mode: sol.Mode}
	}
	return qpStep{d: sol.D[:n], r: append(slices.Clone(sol.Eq), sol.In...), share: share, sol: sol}
}

// augmented is Kraft's remedy for inconsistent linearized constraints: a
// problem in n+1 variables (d, δ), δ ∈ [0, 1], whose constraint values are
// relaxed to (1 − δ)·c (violated inequalities only) and whose objective
// gains ½ρ²δ², ρ = 100 (×10 after each failure, at most 6 tries). It is
// feasible at d = 0, δ = 1; its step removes the share 1 − δ of the
// violation. If even so δ = 1 (no step reduces the violation to first
// order), the run ends with ModeIncompatible: Kraft would go on with a
// step that ignores the constraints.
func (s *state) augmented(pt *point, p lsqProblem) qpStep {
	n, n1, meq, m := s.n, s.n+1, s.meq, s.m
	e := mat.NewTriDense(n1, mat.Upper, nil)
	e.Copy(p.E)
	pa := lsqProblem{E: e, F: append(slices.Clone(p.F), 0), Lo: make([]float64, n1), Hi: make([]float64, n1)}
	for i := range n {
		pa.Lo[i], pa.Hi[i] = math.Inf(-1), math.Inf(1)
		if p.Lo != nil {
			pa.Lo[i], pa.Hi[i] = p.Lo[i], p.Hi[i]
		}
	}
	pa.Lo[n], pa.Hi[n] = 0, 1
	if meq > 0 {
		pa.Aeq, pa.Beq = withColumn(p.Aeq, negate(pt.c[:meq])), p.Beq
	}
	if m > meq {
		col := make([]float64, m-meq)
		for j := range col {
			col[j] = math.Max(-pt.c[meq+j], 0)
		}
		pa.Ain, pa.Bin = withColumn(p.Ain, col), p.Bin
	}
	var sol lsqSolution
	for rho := 100.0; rho <= 1e7; rho *= 10 {
		e.SetTri(n, n, rho)
		sol = s.lsq.solve(pa)
		switch {
		case sol.Mode == ModeIncompatible:
			continue
		case sol.Mode != 0:
			return newStep(sol, n, 1)
		}
		if share := 1 - sol.D[n]; share > 1.5e-8 || s.violation(pt.c) == 0 {
			return newStep(sol, n, share)
		}
		sol.Mode = ModeIncompatible // δ = 1: try a larger ρ first
	}
	return newStep(sol, n, 1)
}

// withColumn returns [a col], a with one more column.
func withColumn(a mat.Matrix, col []float64) *mat.Dense {
	r, c := a.Dims()
	out := mat.NewDense(r, c+1, nil)
	out.Slice(0, r, 0, c).(*mat.Dense).Copy(a)
	out.SetCol(c, col)
	return out
}

func negate(v []float64) []float64 {
	out := slices.Clone(v)
	floats.Scale(-1, out)
	return out
}
