package anneal

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/optlab/optlab/pkg/optim"
)

// Options are dual annealing's settings. Start from [DefaultOptions]; the
// zero value of a float parameter below also means its default.
type Options struct {
	// Settings: MaxIter counts GLOBAL iterations (one strategy chain of 2n
	// visits, then possibly a local search each); MaxEval is scipy's maxfun;
	// Seed seeds the random walk; Callback is called after every global
	// iteration. Tolerances and Workers are not used.
	optim.Settings

	// InitialTemp is T0, in (0.01, 5e4]. Default 5230.
	InitialTemp float64
	// Visit is qv, the visiting distribution's parameter, in (1, 3).
	// Larger values give heavier tails (longer jumps). Default 2.62.
	Visit float64
	// Accept is qa, the acceptance parameter, in (−1e4, −5]. More negative
	// values accept fewer uphill moves. Default −5.
	Accept float64
	// RestartTempRatio: when T falls below InitialTemp·RestartTempRatio the
	// search re-anneals from a new random point. In (0, 1); default 2e-5.
	RestartTempRatio float64

	// NoLocalSearch turns off the local searches: classic generalized
	// simulated annealing.
	NoLocalSearch bool
	// Local controls the local search; its zero value means the defaults
	// documented in LocalOptions (scipy's, except a tighter FTol).
	Local LocalOptions

	// Record, if not nil, is called with every step of the walk (the start
	// point, each visit, each local search and each re-annealing restart), in
	// order. It is meant
	// for plots and teaching; the Step's slices are fresh copies.
	Record func(Step)
}

// DefaultOptions returns scipy.optimize.dual_annealing's defaults:
// maxiter 1000, maxfun 1e7, T0 = 5230, qv = 2.62, qa = −5,
// restart_temp_ratio = 2e-5, local search on.
func DefaultOptions() *Options {
	return &Options{
		Settings:         optim.Settings{MaxIter: 1000, MaxEval: 10_000_000},
		InitialTemp:      5230,
		Visit:            2.62,
		Accept:           -5,
		RestartTempRatio: 2e-5,
	}
}

// StepKind says what a recorded Step was.
type StepKind int

const (
	// Visit: a point drawn from the visiting distribution.
	Visit StepKind = iota
	// Local: the end point of a local search.
	Local
	// Restart: a re-annealing (or initial) random start point.
	Restart
)

func (k StepKind) String() string {
	switch k {
	case Visit:
		return "visit"
	case Local:
		return "local"
	case Restart:
		return "restart"
	}
	return fmt.Sprintf("StepKind(%d)", int(k))
}

// Step is one step of the annealing walk, as passed to Options.Record.
type Step struct {
	Kind     StepKind
	Iter     int       // global iteration (0-based) of the whole run
	T        float64   // visiting temperature T(t) of the iteration
	X        []float64 // the point tried
	F        float64   // its value (may be NaN or ±Inf)
	Accepted bool      // the walk moved to X
	Current  []float64 // the walk's current point after the step
	BestX    []float64 // best point so far
	BestF    float64   // its value
}

// Temperature is the visiting temperature of generalized simulated
// annealing at time t ≥ 1:
//
//	T(t) = T0 · (2^(qv−1) − 1) / ((1 + t)^(qv−1) − 1)
//
// so T(1) = T0. For qv = 2 it is the fast-annealing schedule of Szu & Hartley
// (≈ T0/t); heavier tails (qv > 2) cool faster.
func Temperature(t int, t0, qv float64) float64 {
	num := math.Expm1((qv - 1) * math.Ln2)
	den := math.Expm1((qv - 1) * math.Log(1+float64(t)))
	return t0 * num / den
}

// AcceptProbability is the generalized Metropolis rule: the probability of
// moving uphill by dE > 0 at acceptance temperature tqa with parameter qa < 1,
//
//	p = [1 − (1 − qa)·dE/tqa]^(1/(1−qa))   (0 if the bracket is ≤ 0).
//
// qa → 1 gives back Metropolis, exp(−dE/tqa); qa < 1 cuts the tail off: no
// move with dE ≥ tqa/(1−qa) is ever accepted. Downhill moves (dE ≤ 0) have
// p = 1.
func AcceptProbability(dE, tqa, qa float64) float64 {
	if dE <= 0 {
		return 1
	}
	if qa == 1 {
		return math.Exp(-dE / tqa)
	}
	b := 1 - (1-qa)*dE/tqa
	if !(b > 0) {
		return 0
	}
	return math.Exp(math.Log(b) / (1 - qa))
}

// maxReinit is how many random points a (re)start tries when the objective
// is not finite there (scipy's MAX_REINIT_COUNT).
const maxReinit = 1000

// annealer is the state of one run: scipy's EnergyState and StrategyChain
// together.
type annealer struct {
	o            *Options
	n            int
	rng          *rand.Rand
	ev           *optim.Evaluator
	vd           *Visiting
	ls           *localSearch
	lower, upper []float64
	width        []float64

	cur, xv []float64 // current point, visited point
	ecur    float64   // f(cur)
	best    []float64 // best point of the walk (visits and local searches)
	ebest   float64
	xmin    []float64 // the strategy chain's own minimum (see localPhase)
	emin    float64

	tqa            float64 // acceptance temperature T/(i+1) of this chain
	iter           int     // global iterations done
	improved       bool    // this chain improved the best point
	notImproved    int     // chains since the last improvement
	notImprovedMax int     // chains without improvement before a forced local search
	stopReason     string  // non-empty: stop
	stopStatus     optim.Status
	restarts       int
	temp           float64
}

// Minimize minimizes p.Func over the box [p.Lower, p.Upper] by dual
// annealing: generalized simulated annealing (Tsallis–Stariolo visiting
// distribution, generalized Metropolis acceptance, fast cooling with
// re-annealing) whose best points are polished by a bounded local search.
//
// The bounds are required and must be finite with lower < upper. x0 may be
// nil (a uniform random point in the box) or a point inside the box. A nil o
// means [DefaultOptions].
//
// The run ends after o.MaxIter global iterations (status IterationLimit),
// when o.MaxEval evaluations are used (EvaluationLimit) or when the callback
// asks (Stopped). Non-finite objective values are treated as +∞: never
// accepted, never best; the message says how many there were, and if no
// value at all is finite the status is NonFinite.
func Minimize(p optim.Problem, x0 []float64, o *Options) (*optim.Result, error) {
	o, err := resolve(p, x0, o)
	if err != nil {
		return nil, err
	}
	n := len(p.Lower)
	lower, upper := slices.Clone(p.Lower), slices.Clone(p.Upper)
	a := &annealer{
		o:              o,
		n:              n,
		rng:            optim.NewRand(o.Seed),
		ev:             optim.NewEvaluator(p.Func, o.MaxEval),
		lower:          lower,
		upper:          upper,
		width:          make([]float64, n),
		cur:            make([]float64, n),
		xv:             make([]float64, n),
		best:           make([]float64, n),
		xmin:           make([]float64, n),
		ecur:           math.Inf(1),
		ebest:          math.Inf(1),
		emin:           math.Inf(1),
		notImprovedMax: 1000,
	}
	a.vd, _ = NewVisiting(o.Visit) // validated in resolve
	for i := range a.width {
		a.width[i] = upper[i] - lower[i]
	}
	a.ls = newLocalSearch(a.ev, p.Grad, lower, upper, o.Local.withDefaults(n))
	a.run(x0)
	return a.result(), nil
}

// resolve validates the input and fills in defaults.
func resolve(p optim.Problem, x0 []float64, o *Options) (*Options, error) {
	if o == nil {
		o = DefaultOptions()
	}
	c := *o
	if c.InitialTemp == 0 {
		c.InitialTemp = 5230
	}
	if c.Visit == 0 {
		c.Visit = 2.62
	}
	if c.Accept == 0 {
		c.Accept = -5
	}
	if c.RestartTempRatio == 0 {
		c.RestartTempRatio = 2e-5
	}
	if err := c.Settings.Validate(); err != nil {
		return nil, err
	}
	if _, err := p.Dimension(x0); err != nil {
		return nil, err
	}
	if p.Lower == nil {
		return nil, fmt.Errorf("anneal: dual annealing needs finite bounds Problem.Lower and Problem.Upper")
	}
	if err := optim.CheckBounds(p.Lower, p.Upper, true); err != nil {
		return nil, err
	}
	for i := range p.Lower {
		if !(p.Lower[i] < p.Upper[i]) {
			return nil, fmt.Errorf("anneal: the box has zero width in coordinate %d ([%g, %g])", i, p.Lower[i], p.Upper[i])
		}
	}
	if x0 != nil {
		if err := optim.CheckInBounds(x0, p.Lower, p.Upper); err != nil {
			return nil, err
		}
	}
	switch {
	case !(c.Visit > 1 && c.Visit < 3):
		return nil, fmt.Errorf("anneal: Visit (qv) must be in (1, 3), got %v", c.Visit)
	case !(c.Accept > -1e4 && c.Accept <= -5):
		return nil, fmt.Errorf("anneal: Accept (qa) must be in (-1e4, -5], got %v", c.Accept)
	case !(c.InitialTemp > 0.01 && c.InitialTemp <= 5e4):
		return nil, fmt.Errorf("anneal: InitialTemp must be in (0.01, 5e4], got %v", c.InitialTemp)
	case !(c.RestartTempRatio > 0 && c.RestartTempRatio < 1):
		return nil, fmt.Errorf("anneal: RestartTempRatio must be in (0, 1), got %v", c.RestartTempRatio)
	}
	if err := c.Local.validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// run is the main loop (scipy's dual_annealing body): annealing cycles of
// global iterations i = 0, 1, ... at temperature T(i+1), each one strategy
// chain plus a possible local search; a cycle ends, and a new one starts
// from a random point, when T drops below T0·RestartTempRatio.
func (a *annealer) run(x0 []float64) {
	tRestart := a.o.InitialTemp * a.o.RestartTempRatio
	if !a.reset(x0) {
		return
	}
	for {
		for i := 0; ; i++ {
			if a.iter >= a.o.MaxIter {
				a.stop(optim.IterationLimit, fmt.Sprintf("maximum number of global iterations (%d) reached", a.o.MaxIter))
				return
			}
			a.temp = Temperature(i+1, a.o.InitialTemp, a.o.Visit)
			if a.temp < tRestart {
				a.restarts++
				if !a.reset(nil) {
					return
				}
				break // new cycle: i = 0, T = T0
			}
			a.chain(i)
			if a.stopReason != "" {
				return
			}
			if !a.o.NoLocalSearch {
				a.localPhase()
				if a.stopReason != "" {
					return
				}
			}
			a.iter++
			if cb := a.o.Callback; cb != nil && cb(optim.Iteration{Iter: a.iter, NFev: a.ev.NFev, X: a.best, F: a.ebest}) {
				a.stop(optim.Stopped, "stopped by the callback")
				return
			}
		}
	}
}

func (a *annealer) stop(s optim.Status, reason string) {
	a.stopStatus, a.stopReason = s, reason
}

// budgetLeft checks the evaluation budget and stops the run if it is used.
func (a *annealer) budgetLeft(where string) bool {
	if a.ev.Exhausted() {
		a.stop(optim.EvaluationLimit, fmt.Sprintf("maximum number of evaluations (%d) reached during %s", a.o.MaxEval, where))
		return false
	}
	return true
}

// reset places the walk at x0, or at a uniform random point of the box if
// x0 is nil, and evaluates it; where the value is not finite it draws new
// random points, up to maxReinit times. The best point is kept across
// re-annealings. It returns false if the run must stop.
func (a *annealer) reset(x0 []float64) bool {
	if x0 != nil {
		copy(a.cur, x0)
	} else {
		a.uniform(a.cur)
	}
	for k := 0; ; k++ {
		if !a.budgetLeft("initialization") {
			return false
		}
		a.ecur = a.eval(a.cur)
		if a.ecur < math.Inf(1) {
			break
		}
		if k == maxReinit {
			a.stop(optim.NonFinite, fmt.Sprintf("the objective is not finite at %d random start points", maxReinit+1))
			return false
		}
		a.uniform(a.cur)
	}
	if a.ecur < a.ebest { // first start (or a lucky restart)
		copy(a.best, a.cur)
		a.ebest = a.ecur
	}
	if a.iter == 0 && a.restarts == 0 {
		copy(a.xmin, a.cur)
		a.emin = a.ecur
	}
	a.temp = a.o.InitialTemp
	a.record(Restart, a.cur, a.ecur, true)
	return true
}

func (a *annealer) uniform(x []float64) {
	for i := range x {
		x[i] = a.lower[i] + a.rng.Float64()*a.width[i]
	}
}

// eval evaluates f and maps NaN and ±Inf to +Inf: a non-finite value is
// never better than anything.
func (a *annealer) eval(x []float64) float64 {
	v := a.ev.Eval(x)
	if !optim.IsFinite(v) {
		return math.Inf(1)
	}
	return v
}

// chain is one strategy chain (Markov chain) of global iteration i at
// temperature a.temp: 2n visits, the first n moving every coordinate, the
// next n moving coordinate j−n alone. A better point is always taken; a
// worse one with the generalized Metropolis probability at the acceptance
// temperature T_qa = T/(i+1).
func (a *annealer) chain(i int) {
	a.tqa = a.temp / float64(i+1)
	a.notImproved++
	a.improved = i == 0 // a fresh cycle always polishes its best point
	for j := range 2 * a.n {
		if !a.budgetLeft("annealing") {
			return
		}
		a.vd.visit(a.rng, a.xv, a.cur, a.lower, a.width, j, a.temp)
		e := a.eval(a.xv)
		if e < a.ecur {
			a.ecur = e
			copy(a.cur, a.xv)
			if e < a.ebest {
				a.ebest = e
				copy(a.best, a.xv)
				a.improved = true
				a.notImproved = 0
			}
			a.record(Visit, a.xv, e, true)
		} else {
			a.acceptReject(j, e)
		}
	}
}

// acceptReject decides on an uphill move to a.xv with value e.
func (a *annealer) acceptReject(j int, e float64) {
	r := a.rng.Float64()
	accepted := r <= AcceptProbability(e-a.ecur, a.tqa, a.o.Accept)
	if accepted {
		a.ecur = e
		copy(a.cur, a.xv)
		copy(a.xmin, a.cur) // scipy moves xmin (not emin) with the walk
	}
	if a.notImproved >= a.notImprovedMax && (j == 0 || a.ecur < a.emin) {
		a.emin = a.ecur
		copy(a.xmin, a.cur)
	}
	a.record(Visit, a.xv, e, accepted)
}

// localPhase runs after a strategy chain. If the chain improved the best
// point, the local search polishes it. If no chain improved the best point
// for notImprovedMax chains (1000 at first, then n), the local search starts
// from the chain's own minimum instead.
//
// scipy's code also draws a local search with probability
// exp(K·(ebest − ecur)/T_qa), K = 100n, but only when K < 90n, which never
// holds: that branch is dead, so it is left out here (and draws no random
// number).
func (a *annealer) localPhase() {
	if !a.budgetLeft("annealing") {
		return
	}
	if a.improved {
		x, e, ok := a.polish(a.best, a.ebest)
		if ok {
			a.notImproved = 0
			a.ebest = e
			copy(a.best, x)
			a.ecur = e
			copy(a.cur, x)
		}
		a.record(Local, x, e, ok)
		if !a.budgetLeft("local search") {
			return
		}
	}
	if a.notImproved >= a.notImprovedMax {
		x, e, ok := a.polish(a.xmin, a.emin)
		moved := false
		if ok {
			copy(a.xmin, x)
			a.emin = e
			if e < a.ebest {
				a.ebest = e
				copy(a.best, x)
				a.ecur = e
				copy(a.cur, x)
				moved = true
			}
		}
		a.record(Local, x, e, moved)
		a.notImproved = 0
		a.notImprovedMax = a.n
		a.budgetLeft("local search")
	}
}

// polish runs the local search from x (value e) and reports its end point
// and whether it is finite, inside the box and better than e.
func (a *annealer) polish(x []float64, e float64) ([]float64, float64, bool) {
	lr := a.ls.minimize(x, a.ev.Remaining())
	ok := optim.IsFinite(lr.f) && lr.f < e
	for i, v := range lr.x {
		ok = ok && v >= a.lower[i] && v <= a.upper[i]
	}
	return lr.x, lr.f, ok
}

// record reports a step to Options.Record, after the state was updated.
func (a *annealer) record(k StepKind, x []float64, f float64, accepted bool) {
	if a.o.Record == nil {
		return
	}
	cp := func(v []float64) []float64 { return append([]float64(nil), v...) }
	a.o.Record(Step{Kind: k, Iter: a.iter, T: a.temp, X: cp(x), F: f, Accepted: accepted,
		Current: cp(a.cur), BestX: cp(a.best), BestF: a.ebest})
}

func (a *annealer) result() *optim.Result {
	r := &optim.Result{NIt: a.iter, NGev: a.ls.ngev, Status: a.stopStatus}
	a.ev.Fill(r)
	var msg []string
	msg = append(msg, a.stopReason)
	if a.restarts > 0 {
		msg = append(msg, fmt.Sprintf("%d re-annealing restart(s)", a.restarts))
	}
	if a.ev.NonFinite > 0 {
		msg = append(msg, fmt.Sprintf("%d non-finite objective value(s) treated as +Inf", a.ev.NonFinite))
		if a.ev.BestX == nil {
			r.Status = optim.NonFinite
		}
	}
	r.Message = strings.Join(msg, "; ")
	return r
}
