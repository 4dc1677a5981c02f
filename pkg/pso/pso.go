package pso

import (
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/floats"

	"github.com/optlab/optlab/pkg/optim"
)

func init() { optim.Register(func() optim.Method { return &Method{} }) }

// pyswarm 0.6's defaults, and the limits Run accepts.
const (
	DefaultSwarmSize = 100  // pyswarm: swarmsize
	DefaultOmega     = 0.5  // pyswarm: omega
	DefaultPhiP      = 0.5  // pyswarm: phip
	DefaultPhiG      = 0.5  // pyswarm: phig
	DefaultFTol      = 1e-8 // pyswarm: minfunc, Settings.FTol
	DefaultXTol      = 1e-8 // pyswarm: minstep, Settings.XTol
	DefaultMaxIter   = 100  // pyswarm: maxiter, Settings.MaxIter

	// MaxOmega: with ω > 1 (and no velocity clamping, as in pyswarm) the
	// velocities grow like ωᵏ until they overflow; the swarm explodes.
	MaxOmega = 1.0
	// MaxPhi bounds PhiP and PhiG: beyond it the particles' oscillations
	// grow (they only stay in the box because positions are clipped). The
	// original PSO used 2; Clerc's constriction 1.49618.
	MaxPhi = 4.0
	// MaxSwarmFloats bounds SwarmSize·n, the size of each of the five
	// S×n matrices the swarm keeps (2²⁵ floats: 1.3 GB in all).
	MaxSwarmFloats = 1 << 25
)

// Method is particle swarm optimization with the semantics and defaults of
// pyswarm 0.6. The zero value is pyswarm's defaults. A zero field means its
// default, so a true zero weight must be written as a tiny positive number
// (1e-300 is zero for every practical purpose).
//
// Of the common Settings, PSO uses MaxIter (pyswarm's maxiter, default
// 100; one iteration is one move of the whole swarm), MaxEval, FTol
// (pyswarm's minfunc, default 1e-8), XTol (pyswarm's minstep, default
// 1e-8), Seed, Workers, Backend, Callback and Record.
type Method struct {
	// SwarmSize is the number of particles S (pyswarm: swarmsize);
	// 0 means 100.
	SwarmSize int
	// Omega is the inertia weight ω ∈ [0, 1] (pyswarm: omega): how much of
	// its velocity a particle keeps; 0 means 0.5.
	Omega float64
	// PhiP is the cognitive weight φp ∈ [0, 4] (pyswarm: phip), the pull
	// towards the particle's own best; 0 means 0.5.
	PhiP float64
	// PhiG is the social weight φg ∈ [0, 4] (pyswarm: phig), the pull
	// towards the swarm's best; 0 means 0.5.
	PhiG float64
	// NoEarlyStop switches off both early stops (FTol and XTol): the swarm
	// flies until MaxIter or MaxEval, as pyswarm does with minfunc =
	// minstep = 0.
	NoEarlyStop bool
}

// Info describes PSO.
func (m *Method) Info() optim.Info {
	return optim.Info{
		Name:           "pso",
		Summary:        "particle swarm optimization (pyswarm 0.6): random particles in the box pulled to their own and the swarm's best",
		Iteration:      "one move of the whole swarm (SwarmSize evaluations)",
		DefaultMaxIter: DefaultMaxIter,
		// With 100 particles the swarm samples a box of more than a few
		// dozen dimensions too thinly; pyswarm's defaults already stagnate
		// on 10-D Rosenbrock.
		MaxDim:      50,
		NeedsBounds: true,
		NoX0:        true,
		Constraints: true,
		Stochastic:  true,
	}
}

// Flags defines -swarmsize, -omega, -phip, -phig and -noearlystop.
func (m *Method) Flags(fs *flag.FlagSet) {
	fs.IntVar(&m.SwarmSize, "swarmsize", m.SwarmSize, "PSO: number of particles (default 100)")
	fs.Float64Var(&m.Omega, "omega", m.Omega, "PSO: inertia weight ω in [0, 1] (default 0.5)")
	fs.Float64Var(&m.PhiP, "phip", m.PhiP, "PSO: cognitive weight φp in [0, 4], pull to the particle's best (default 0.5)")
	fs.Float64Var(&m.PhiG, "phig", m.PhiG, "PSO: social weight φg in [0, 4], pull to the swarm's best (default 0.5)")
	fs.BoolVar(&m.NoEarlyStop, "noearlystop", m.NoEarlyStop, "PSO: no -ftol/-xtol early stops, fly until -maxiter (pyswarm minfunc = minstep = 0)")
}

// params are the resolved parameters of one run.
type params struct {
	S                 int
	omega, phiP, phiG float64
	ftol, xtol        float64 // < 0: that stop is off
}

// resolve applies the defaults and checks the parameters.
func (m *Method) resolve(t *optim.Task) (params, error) {
	c := params{
		S:     optim.Or(m.SwarmSize, DefaultSwarmSize),
		omega: optim.Or(m.Omega, DefaultOmega),
		phiP:  optim.Or(m.PhiP, DefaultPhiP),
		phiG:  optim.Or(m.PhiG, DefaultPhiG),
		ftol:  optim.Or(t.Settings.FTol, DefaultFTol),
		xtol:  optim.Or(t.Settings.XTol, DefaultXTol),
	}
	if m.NoEarlyStop {
		c.ftol, c.xtol = -1, -1
	}
	if c.S < 1 || c.S > MaxSwarmFloats/t.N {
		return c, fmt.Errorf("SwarmSize must be between 1 and %d for n = %d (0 = default %d), got %d",
			MaxSwarmFloats/t.N, t.N, DefaultSwarmSize, m.SwarmSize)
	}
	for _, q := range []struct {
		name     string
		v, limit float64
		why      string
	}{
		{"Omega", c.omega, MaxOmega, "with ω > 1 the velocities grow without bound"},
		{"PhiP", c.phiP, MaxPhi, "larger weights make the particles oscillate ever wider"},
		{"PhiG", c.phiG, MaxPhi, "larger weights make the particles oscillate ever wider"},
	} {
		if !(q.v >= 0 && q.v <= q.limit) { // NaN fails too
			return c, fmt.Errorf("%s must be in [0, %g] (0 = default 0.5), got %v: %s", q.name, q.limit, q.v, q.why)
		}
	}
	for i, k := range t.Problem.Constraints {
		if k.Kind == optim.Equality {
			return c, fmt.Errorf("constraint %d is an equality constraint; PSO (like pyswarm) takes only inequality constraints c(x) ≥ 0", i)
		}
	}
	return c, nil
}

// Swarm is the swarm's memory, in Iteration.Detail after every iteration
// (and in Detail.Start for the initial swarm). Row i belongs to particle i,
// whose position is Iteration.Pop[i]. In a Callback it is the method's own
// memory: read it, copy what you keep (Settings.Record stores deep copies).
type Swarm struct {
	V        [][]float64 // velocities v_i: the move that led to Pop[i]
	P        [][]float64 // personal bests p_i
	FP       []float64   // f(p_i); +Inf while particle i has no feasible point with a finite value
	Feasible []bool      // whether Pop[i] satisfies every constraint
}

// Clone returns a deep copy (for Settings.Record).
func (s *Swarm) Clone() any {
	return &Swarm{V: cloneRows(s.V), P: cloneRows(s.P), FP: slices.Clone(s.FP), Feasible: slices.Clone(s.Feasible)}
}

// Detail is Result.Detail.
type Detail struct {
	// Start is the initial swarm, which no Iteration reports (Result.Path
	// begins after the first move): Iter 0, the positions x_i ~ U[lb, ub]
	// in Pop and their values in PopF, the initial velocities and personal
	// bests in Detail (a *Swarm), the swarm's best in X and F. Prepend it
	// to Result.Path to draw every frame of a run.
	Start optim.Iteration
}

// swarm is the state of a run.
type swarm struct {
	params
	lb, ub   []float64
	x, v, p  [][]float64 // positions, velocities, personal bests
	f, fp    []float64   // f(x_i) (non-finite as +Inf) and f(p_i)
	feasible []bool      // whether x_i satisfies the constraints
	g        []float64   // the swarm's best
	fg       float64
	rp, rg   [][]float64 // the random factors of one move
	detail   Swarm       // aliases v, p, fp, feasible
}

// Run minimizes over the box with PSO. Result.X and F are the swarm's best
// g: without constraints, the best point evaluated; with constraints, the
// best feasible one (Result.Trace still counts every point evaluated).
func (m *Method) Run(t *optim.Task) error {
	c, err := m.resolve(t)
	if err != nil {
		return err
	}
	s := newSwarm(c, t)
	s.start(t)
	for t.IterationsLeft() > 0 {
		fill(s.rp, t.Rand()) // all of r_p, then all of r_g: a fixed order
		fill(s.rg, t.Rand())
		for i := range s.x {
			if !s.move(s.x[i], s.v[i], s.p[i], s.rp[i], s.rg[i]) {
				s.finish(t, optim.NumericalFailure, "the velocity of particle %d overflowed at iteration %d (the box, %g wide, is too wide for ω = %g, φp = %g, φg = %g)",
					i, t.NIt()+1, maxWidth(s.lb, s.ub), s.omega, s.phiP, s.phiG)
				return nil
			}
		}
		s.evaluate(t)
		stop, msg := s.tell(t)
		t.Iterate(optim.Iteration{X: s.g, F: s.fg, Pop: s.x, PopF: s.f, Detail: &s.detail})
		if stop {
			s.finish(t, optim.Converged, "%s", msg)
			return nil
		}
	}
	s.finish(t, optim.IterationLimit, "Stopping search: maximum iterations reached --> %d", t.NIt())
	return nil
}

// move is pyswarm's update of particle i, with r_p, r_g ~ U[0, 1]ⁿ fresh
// for every particle and iteration (⊙: coordinate-wise product):
//
//	v ← ω v + φp r_p ⊙ (p − x) + φg r_g ⊙ (g − x)
//	x ← clip(x + v, lb, ub)
//
// The velocity is not clipped. move reports false if it overflowed.
func (s *swarm) move(x, v, p, rp, rg []float64) bool {
	for d := range x {
		v[d] = s.omega*v[d] + s.phiP*rp[d]*(p[d]-x[d]) + s.phiG*rg[d]*(s.g[d]-x[d])
		if !optim.IsFinite(v[d]) {
			return false
		}
		x[d] = min(max(x[d]+v[d], s.lb[d]), s.ub[d]) // x + v may be ±Inf, never NaN
	}
	return true
}

// tell updates the personal bests and then, once for the whole swarm, the
// swarm's best, and says whether an early stop fires: it can only when
// the swarm's best improves.
func (s *swarm) tell(t *optim.Task) (stop bool, msg string) {
	s.updatePersonalBests()
	i := floats.MinIdx(s.fp)
	if !(s.fp[i] < s.fg) {
		return false, ""
	}
	step := floats.Distance(s.g, s.p[i], 2)
	change := math.Abs(s.fg - s.fp[i])
	s.setBest(t, i)
	switch {
	case change <= s.ftol:
		return true, fmt.Sprintf("Stopping search: Swarm best objective change less than %g", s.ftol)
	case step <= s.xtol:
		return true, fmt.Sprintf("Stopping search: Swarm best position change less than %g", s.xtol)
	}
	return false, ""
}

func newSwarm(c params, t *optim.Task) *swarm {
	S, n := c.S, t.N
	s := &swarm{
		params: c, lb: t.Problem.Lower, ub: t.Problem.Upper,
		x: matrix(S, n), v: matrix(S, n), p: matrix(S, n), rp: matrix(S, n), rg: matrix(S, n),
		f: make([]float64, S), fp: make([]float64, S), feasible: make([]bool, S),
		g: make([]float64, n), fg: math.Inf(1),
	}
	s.detail = Swarm{V: s.v, P: s.p, FP: s.fp, Feasible: s.feasible}
	return s
}

// start places the particles uniformly in the box, evaluates them, sets
// the bests and draws the velocities uniformly in [−|ub−lb|, |ub−lb|].
func (s *swarm) start(t *optim.Task) {
	for _, x := range s.x {
		for d := range x {
			x[d] = s.lb[d] + t.Rand().Float64()*(s.ub[d]-s.lb[d])
		}
		optim.Clip(x, s.lb, s.ub) // against rounding
	}
	s.evaluate(t)
	for i := range s.x {
		copy(s.p[i], s.x[i])
		s.fp[i] = math.Inf(1)
	}
	s.updatePersonalBests()
	if i := floats.MinIdx(s.fp); s.fp[i] < s.fg {
		s.setBest(t, i)
	} else {
		copy(s.g, s.x[0]) // nothing feasible yet: a placeholder, as in pyswarm
		if len(t.Problem.Constraints) > 0 {
			t.Answer(s.g, s.fg)
		}
	}
	for _, v := range s.v {
		for d := range v {
			span := math.Abs(s.ub[d] - s.lb[d])
			r := t.Rand().Float64()
			v[d] = -span + r*2*span
			if !optim.IsFinite(v[d]) { // 2·span overflowed
				v[d] = span * (2*r - 1)
			}
		}
	}
	bx, bf := t.Best()
	t.Detail = &Detail{Start: optim.Iteration{
		NFev: t.NFev(), X: slices.Clone(s.g), F: s.fg, BestX: slices.Clone(bx), BestF: bf,
		Pop: cloneRows(s.x), PopF: slices.Clone(s.f), Detail: s.detail.Clone(),
	}}
}

// evaluate computes f at every position as one batch (in particle order,
// whatever Workers is), counts NaN and ±Inf as +Inf, and checks the
// constraints c(x) ≥ 0 (NaN counts as violated) in particle order.
func (s *swarm) evaluate(t *optim.Task) {
	t.EvalBatch(s.x, s.f)
	for i, x := range s.x {
		if !optim.IsFinite(s.f[i]) {
			s.f[i] = math.Inf(1)
		}
		s.feasible[i] = true
		for j := range t.Problem.Constraints {
			if !(t.Constraint(j, x) >= 0) {
				s.feasible[i] = false
				break
			}
		}
	}
}

// updatePersonalBests moves p_i to x_i where x_i is feasible and better.
func (s *swarm) updatePersonalBests() {
	for i := range s.x {
		if s.feasible[i] && s.f[i] < s.fp[i] {
			copy(s.p[i], s.x[i])
			s.fp[i] = s.f[i]
		}
	}
}

// setBest makes p_i the swarm's best. With constraints it is the answer,
// which may differ from the best point evaluated (an infeasible one).
func (s *swarm) setBest(t *optim.Task, i int) {
	copy(s.g, s.p[i])
	s.fg = s.fp[i]
	if len(t.Problem.Constraints) > 0 {
		t.Answer(s.g, s.fg)
	}
}

// finish ends the run with status and message (at the iteration limit:
// NonFinite or Infeasible if nothing finite or nothing feasible was found)
// and counts the non-finite values.
func (s *swarm) finish(t *optim.Task, status optim.Status, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	bad, nfev := t.NonFinite(), t.NFev()
	switch {
	case status != optim.IterationLimit:
	case bad == nfev:
		status, msg = optim.NonFinite, fmt.Sprintf("%s; all %d evaluations were NaN or ±Inf", msg, nfev)
	case math.IsInf(s.fg, 1):
		status, msg = optim.Infeasible, fmt.Sprintf("%s; however, the optimization couldn't find a feasible design (X is a placeholder)", msg)
	}
	if bad > 0 && bad < nfev {
		t.Warn(fmt.Sprintf("%d of %d evaluations were NaN or ±Inf and were counted as +Inf", bad, nfev))
	}
	t.Finish(status, "%s", msg)
}

// fill sets every element of r to a uniform number in [0, 1).
func fill(r [][]float64, rng *rand.Rand) {
	for _, row := range r {
		for d := range row {
			row[d] = rng.Float64()
		}
	}
}

func maxWidth(lb, ub []float64) float64 {
	w := 0.0
	for i := range lb {
		w = max(w, ub[i]-lb[i])
	}
	return w
}

func matrix(rows, cols int) [][]float64 {
	data := make([]float64, rows*cols)
	m := make([][]float64, rows)
	for i := range m {
		m[i] = data[i*cols : (i+1)*cols : (i+1)*cols]
	}
	return m
}

func cloneRows(m [][]float64) [][]float64 {
	if m == nil {
		return nil
	}
	c := matrix(len(m), len(m[0]))
	for i, r := range m {
		copy(c[i], r)
	}
	return c
}
