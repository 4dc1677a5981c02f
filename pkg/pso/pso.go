package pso

import (
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/optim"
)

// Options are the settings of Minimize. Start from DefaultOptions and change
// what you need: a zero SwarmSize or MaxIter is an error, and zero Omega,
// PhiP, PhiG, MinStep or MinFunc mean zero, not "the default".
//
// Of the embedded Settings, PSO uses MaxIter, MaxEval, Seed, Workers and
// Callback; FTol, XTol and GTol are not used (MinFunc and MinStep play their
// part).
type Options struct {
	optim.Settings

	SwarmSize int     // number of particles S (pyswarm: swarmsize)
	Omega     float64 // inertia weight ω: how much of its velocity a particle keeps
	PhiP      float64 // cognitive weight φp: pull towards the particle's own best
	PhiG      float64 // social weight φg: pull towards the swarm's best

	// MinStep and MinFunc stop the search when the swarm's best improves
	// but moves by at most MinStep (Euclidean distance) or improves by at
	// most MinFunc. Zero switches a test off: an improvement is never zero,
	// and neither is the step to a point with a better value.
	MinStep, MinFunc float64

	// Ieqcons are inequality constraints: x is feasible when c(x) >= 0 for
	// every c. Infeasible particles still fly, but never become a personal
	// or the swarm's best. They are called on the calling goroutine, after
	// the objective, in particle order.
	Ieqcons []func(x []float64) float64

	// Observe, if not nil, is called with the swarm's state after the
	// initial evaluation (Iter 0) and after every iteration. The state is
	// the method's own memory: read it, do not modify or keep it (copy
	// what you need, or use a Recorder).
	Observe func(s *State)
}

// DefaultOptions returns pyswarm 0.6's defaults: 100 particles, ω = φp = φg
// = 0.5, 100 iterations, minstep = minfunc = 1e-8, seed 0, serial
// evaluation.
func DefaultOptions() *Options {
	return &Options{
		Settings:  optim.Settings{MaxIter: 100},
		SwarmSize: 100,
		Omega:     0.5,
		PhiP:      0.5,
		PhiG:      0.5,
		MinStep:   1e-8,
		MinFunc:   1e-8,
	}
}

// State is the swarm as Options.Observe sees it. Row i of X, V and P
// belongs to particle i.
type State struct {
	Iter int         // iterations done: 0 is the initial swarm
	X    [][]float64 // positions
	V    [][]float64 // velocities
	F    []float64   // objective at X (NaN and ±Inf already replaced by +Inf)
	P    [][]float64 // personal best positions
	FP   []float64   // personal best values; +Inf while a particle has no feasible finite value
	G    []float64   // the swarm's best position
	FG   float64     // the swarm's best value; +Inf while there is none
}

// Minimize minimizes p.Func over the box [p.Lower, p.Upper] with particle
// swarm optimization, as pyswarm 0.6's pso does. The bounds are required and
// must be finite with Lower[i] < Upper[i]. x0 is not used, since the swarm
// starts at random in the box; it may be nil, and if it is not it must have
// the problem's dimension and lie in the box. A nil o means DefaultOptions().
//
// Result.X and Result.F are the swarm's best feasible point and its value;
// Result.NIt counts iterations and Result.NFev = SwarmSize·(1+NIt). If no
// feasible point with a finite value was found, Status is optim.Infeasible
// (or optim.NonFinite if every value was NaN or ±Inf), F is +Inf and X is
// only a placeholder, the first particle's start, as in pyswarm.
func Minimize(p optim.Problem, x0 []float64, o *Options) (*optim.Result, error) {
	if o == nil {
		o = DefaultOptions()
	}
	n, err := validate(&p, x0, o)
	if err != nil {
		return nil, err
	}
	S, lb, ub := o.SwarmSize, p.Lower, p.Upper
	rng := optim.NewRand(o.Seed)
	sw := newSwarm(S, n, p.Func, o)

	// Initialization: positions uniform in the box, evaluated once.
	for i := range S {
		for d := range n {
			sw.X[i][d] = lb[d] + rng.Float64()*(ub[d]-lb[d])
		}
	}
	sw.evaluate()
	for i := range S {
		copy(sw.P[i], sw.X[i])
		sw.FP[i] = math.Inf(1)
	}
	sw.updatePersonalBests()
	if i := argmin(sw.FP); sw.FP[i] < sw.FG {
		copy(sw.G, sw.P[i])
		sw.FG = sw.FP[i]
	} else {
		copy(sw.G, sw.X[0]) // nothing feasible yet: a placeholder, as in pyswarm
	}
	// Velocities uniform in [−|ub−lb|, |ub−lb|].
	for i := range S {
		for d := range n {
			span := math.Abs(ub[d] - lb[d])
			sw.V[i][d] = -span + rng.Float64()*2*span
		}
	}
	sw.observe()

	status, msg := optim.IterationLimit, fmt.Sprintf("Stopping search: maximum iterations reached --> %d", o.MaxIter)
	for it := 1; it <= o.MaxIter; it++ {
		if sw.ev.Remaining() < S {
			status = optim.EvaluationLimit
			msg = fmt.Sprintf("Stopping search: evaluation limit %d reached (another swarm of %d would exceed it)", o.MaxEval, S)
			break
		}
		// rp and rg: one uniform number per particle and coordinate.
		for _, r := range [][][]float64{sw.rp, sw.rg} {
			for i := range S {
				for d := range n {
					r[i][d] = rng.Float64()
				}
			}
		}
		// v ← ω v + φp rp (p − x) + φg rg (g − x);  x ← clip(x + v).
		for i := range S {
			x, v, pb, rp, rg := sw.X[i], sw.V[i], sw.P[i], sw.rp[i], sw.rg[i]
			for d := range n {
				v[d] = o.Omega*v[d] + o.PhiP*rp[d]*(pb[d]-x[d]) + o.PhiG*rg[d]*(sw.G[d]-x[d])
				x[d] = min(max(x[d]+v[d], lb[d]), ub[d])
			}
		}
		sw.evaluate()
		sw.updatePersonalBests()

		// The swarm's best, once per iteration, after the whole swarm moved.
		stop := false
		if i := argmin(sw.FP); sw.FP[i] < sw.FG {
			step := distance(sw.G, sw.P[i])
			change := math.Abs(sw.FG - sw.FP[i])
			copy(sw.G, sw.P[i])
			sw.FG = sw.FP[i]
			switch {
			case change <= o.MinFunc:
				stop, status = true, optim.Converged
				msg = fmt.Sprintf("Stopping search: Swarm best objective change less than %g", o.MinFunc)
			case step <= o.MinStep:
				stop, status = true, optim.Converged
				msg = fmt.Sprintf("Stopping search: Swarm best position change less than %g", o.MinStep)
			}
		}
		sw.Iter = it
		sw.observe()
		if stop {
			break
		}
		if o.Callback != nil && o.Callback(optim.Iteration{Iter: it, NFev: sw.ev.NFev, X: sw.G, F: sw.FG}) {
			status, msg = optim.Stopped, "Stopping search: the callback asked to stop"
			break
		}
	}
	return sw.result(status, msg), nil
}

// swarm is the method's state plus its bookkeeping.
type swarm struct {
	State
	rp, rg   [][]float64 // random factors of the current iteration
	feasible []bool      // feasibility of X
	ev       *optim.Evaluator
	o        *Options
	best     float64   // best feasible finite value so far (for the trace)
	trace    []float64 // best feasible value after each evaluation
}

func newSwarm(S, n int, f func([]float64) float64, o *Options) *swarm {
	return &swarm{
		State: State{
			X: matrix(S, n), V: matrix(S, n), P: matrix(S, n), G: make([]float64, n),
			F: make([]float64, S), FP: make([]float64, S), FG: math.Inf(1),
		},
		rp: matrix(S, n), rg: matrix(S, n), feasible: make([]bool, S),
		ev: optim.NewEvaluator(f, o.MaxEval), o: o, best: math.Inf(1),
		trace: make([]float64, 0, traceCap(S, o)),
	}
}

// evaluate computes F and feasibility at every position, in parallel if
// asked (the values and their order do not depend on Workers), replaces
// non-finite values by +Inf and extends the trace.
func (s *swarm) evaluate() {
	s.ev.EvalBatch(s.X, s.F, s.o.Workers)
	for i, x := range s.X {
		if !optim.IsFinite(s.F[i]) {
			s.F[i] = math.Inf(1)
		}
		s.feasible[i] = true
		for _, c := range s.o.Ieqcons {
			if !(c(x) >= 0) { // NaN counts as violated
				s.feasible[i] = false
				break
			}
		}
		if s.feasible[i] && s.F[i] < s.best {
			s.best = s.F[i]
		}
		s.trace = append(s.trace, s.best)
	}
}

// updatePersonalBests moves p_i to x_i where x_i is feasible and better.
func (s *swarm) updatePersonalBests() {
	for i := range s.X {
		if s.feasible[i] && s.F[i] < s.FP[i] {
			copy(s.P[i], s.X[i])
			s.FP[i] = s.F[i]
		}
	}
}

func (s *swarm) observe() {
	if s.o.Observe != nil {
		s.o.Observe(&s.State)
	}
}

func (s *swarm) result(status optim.Status, msg string) *optim.Result {
	r := &optim.Result{
		X:       append([]float64(nil), s.G...),
		F:       s.FG,
		NFev:    s.ev.NFev,
		NIt:     s.Iter,
		Status:  status,
		Message: msg,
		Trace:   s.trace,
	}
	bad := s.ev.NonFinite
	switch {
	case bad == s.ev.NFev:
		r.Status = optim.NonFinite
		r.Message = fmt.Sprintf("all %d evaluations were NaN or ±Inf", bad)
	case math.IsInf(s.FG, 1):
		r.Status = optim.Infeasible
		r.Message = fmt.Sprintf("no feasible point found in %d evaluations (X is a placeholder)", s.ev.NFev)
	}
	if bad > 0 && bad < s.ev.NFev {
		r.Message += fmt.Sprintf("; %d of %d evaluations were NaN or ±Inf and were counted as +Inf", bad, s.ev.NFev)
	}
	return r
}

func validate(p *optim.Problem, x0 []float64, o *Options) (int, error) {
	n, err := p.Dimension(x0)
	if err != nil {
		return 0, fmt.Errorf("pso: %w", err)
	}
	if p.Lower == nil {
		return 0, fmt.Errorf("pso: bounds are required: set Problem.Lower and Problem.Upper")
	}
	if err := optim.CheckBounds(p.Lower, p.Upper, true); err != nil {
		return 0, fmt.Errorf("pso: %w", err)
	}
	for i := range p.Lower {
		if p.Lower[i] == p.Upper[i] {
			return 0, fmt.Errorf("pso: zero-width box in coordinate %d: lower = upper = %g (drop the variable instead)", i, p.Lower[i])
		}
	}
	if x0 != nil {
		if err := optim.CheckInBounds(x0, p.Lower, p.Upper); err != nil {
			return 0, fmt.Errorf("pso: %w", err)
		}
	}
	if err := o.Settings.Validate(); err != nil {
		return 0, fmt.Errorf("pso: %w", err)
	}
	if o.SwarmSize < 2 {
		return 0, fmt.Errorf("pso: SwarmSize must be at least 2, got %d", o.SwarmSize)
	}
	if o.MaxEval > 0 && o.MaxEval < o.SwarmSize {
		return 0, fmt.Errorf("pso: MaxEval = %d cannot even pay for the initial swarm of %d", o.MaxEval, o.SwarmSize)
	}
	for _, q := range []struct {
		name string
		v    float64
	}{{"Omega", o.Omega}, {"PhiP", o.PhiP}, {"PhiG", o.PhiG}, {"MinStep", o.MinStep}, {"MinFunc", o.MinFunc}} {
		if !(q.v >= 0) || math.IsInf(q.v, 1) {
			return 0, fmt.Errorf("pso: %s must be finite and non-negative, got %v", q.name, q.v)
		}
	}
	for j, c := range o.Ieqcons {
		if c == nil {
			return 0, fmt.Errorf("pso: Ieqcons[%d] is nil", j)
		}
	}
	return n, nil
}

// traceCap is the trace's final length when it is known and not huge.
func traceCap(S int, o *Options) int {
	n := math.MaxInt
	if o.MaxIter < math.MaxInt/S-1 {
		n = S * (o.MaxIter + 1)
	}
	if o.MaxEval > 0 {
		n = min(n, o.MaxEval)
	}
	return min(n, 1<<20)
}

func matrix(rows, cols int) [][]float64 {
	data := make([]float64, rows*cols)
	m := make([][]float64, rows)
	for i := range m {
		m[i] = data[i*cols : (i+1)*cols : (i+1)*cols]
	}
	return m
}

// argmin returns the first index of the smallest value (NaN never wins).
func argmin(v []float64) int {
	k := 0
	for i := range v {
		if v[i] < v[k] {
			k = i
		}
	}
	return k
}

func distance(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += (a[i] - b[i]) * (a[i] - b[i])
	}
	return math.Sqrt(s)
}
