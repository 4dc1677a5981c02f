package anneal

import (
	"flag"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/optlab/optlab/pkg/lbfgsb"
	"github.com/optlab/optlab/pkg/optim"
)

// Method is dual annealing, registered as "anneal". The zero value has
// scipy.optimize.dual_annealing's defaults. Settings: MaxIter counts global
// iterations (scipy's maxiter, default 1000), MaxEval is scipy's maxfun
// (default 1e7), Seed seeds the walk; GTol and FTol are the local search's
// (lbfgsb's defaults), FDStep its finite-difference step.
type Method struct {
	// InitialTemp is T0, in (0.01, 5e4]; 0 means 5230.
	InitialTemp float64
	// RestartTempRatio: when T falls below InitialTemp·RestartTempRatio
	// the search re-anneals from a new random point. In (0, 1); 0 means
	// 2e-5.
	RestartTempRatio float64
	// Visit is qv, the visiting distribution's parameter, in (1, 3); larger
	// values give heavier tails (longer jumps). 0 means 2.62.
	Visit float64
	// Accept is qa, the acceptance parameter, in (−1e4, −5]; more negative
	// values accept fewer uphill moves. 0 means −5.
	Accept float64
	// NoLocalSearch turns the local searches off: classic generalized
	// simulated annealing (scipy's no_local_search).
	NoLocalSearch bool
	// LocalMaxIter limits the L-BFGS-B iterations of one local search; 0
	// means min(max(6n, 100), 1000), as in scipy.
	LocalMaxIter int
	// LocalMemory is the L-BFGS-B memory of the local search; 0 means 10.
	LocalMemory int
}

// scipy's defaults.
const (
	DefaultInitialTemp      = 5230
	DefaultRestartTempRatio = 2e-5
	DefaultVisit            = 2.62
	DefaultAccept           = -5
	DefaultMaxIter          = 1000
	DefaultMaxEval          = 10_000_000
)

func init() { optim.Register(func() optim.Method { return &Method{} }) }

// Info describes dual annealing.
func (m *Method) Info() optim.Info {
	return optim.Info{
		Name:           "anneal",
		Summary:        "dual annealing: generalized simulated annealing with L-BFGS-B local searches (scipy's dual_annealing)",
		Iteration:      "one annealing chain of 2n visits and its local search (scipy's maxiter)",
		DefaultMaxIter: DefaultMaxIter,
		DefaultMaxEval: DefaultMaxEval,
		MaxDim:         100,
		NeedsBounds:    true,
		Gradient:       !m.NoLocalSearch,
		Stochastic:     true,
	}
}

// Flags defines -t0, -restart-ratio, -visit, -accept, -no-local,
// -local-maxiter and -local-memory.
func (m *Method) Flags(fs *flag.FlagSet) {
	fs.Float64Var(&m.InitialTemp, "t0", m.InitialTemp, "initial temperature T0, in (0.01, 5e4] (default 5230)")
	fs.Float64Var(&m.RestartTempRatio, "restart-ratio", m.RestartTempRatio, "re-anneal when T < T0·ratio, in (0, 1) (default 2e-5)")
	fs.Float64Var(&m.Visit, "visit", m.Visit, "visiting parameter qv, in (1, 3) (default 2.62)")
	fs.Float64Var(&m.Accept, "accept", m.Accept, "acceptance parameter qa, in (-1e4, -5] (default -5)")
	fs.BoolVar(&m.NoLocalSearch, "no-local", m.NoLocalSearch, "no local search: classic generalized simulated annealing")
	fs.IntVar(&m.LocalMaxIter, "local-maxiter", m.LocalMaxIter, "L-BFGS-B iterations per local search (default min(max(6n, 100), 1000))")
	fs.IntVar(&m.LocalMemory, "local-memory", m.LocalMemory, "L-BFGS-B memory of the local search (default 10)")
}

// resolved returns m with its defaults filled in, or an error.
func (m *Method) resolved(n int) (Method, error) {
	c := *m
	c.InitialTemp = optim.Or(c.InitialTemp, DefaultInitialTemp)
	c.RestartTempRatio = optim.Or(c.RestartTempRatio, DefaultRestartTempRatio)
	c.Visit = optim.Or(c.Visit, DefaultVisit)
	c.Accept = optim.Or(c.Accept, DefaultAccept)
	c.LocalMaxIter = optim.Or(c.LocalMaxIter, min(max(6*n, 100), 1000))
	c.LocalMemory = optim.Or(c.LocalMemory, lbfgsb.DefaultM)
	switch {
	case !(c.Visit > 1 && c.Visit < 3):
		return c, fmt.Errorf("anneal: Visit (qv) must be in (1, 3), got %v", c.Visit)
	case !(c.Accept > -1e4 && c.Accept <= -5):
		return c, fmt.Errorf("anneal: Accept (qa) must be in (-1e4, -5], got %v", c.Accept)
	case !(c.InitialTemp > 0.01 && c.InitialTemp <= 5e4):
		return c, fmt.Errorf("anneal: InitialTemp must be in (0.01, 5e4], got %v", c.InitialTemp)
	case !(c.RestartTempRatio > 0 && c.RestartTempRatio < 1):
		return c, fmt.Errorf("anneal: RestartTempRatio must be in (0, 1), got %v", c.RestartTempRatio)
	case c.LocalMaxIter < 0 || c.LocalMemory < 0:
		return c, fmt.Errorf("anneal: LocalMaxIter and LocalMemory must be non-negative, got %d and %d", c.LocalMaxIter, c.LocalMemory)
	}
	return c, nil
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

// Chain is the Iteration.Detail of every global iteration: what the
// strategy chain and its local searches did. Iteration.X and F are the
// walk's current point after them, Pop and PopF the 2n visited points and
// their values (filled when Settings.Record or a Callback is set), BestX
// and BestF the best point evaluated so far. The walk's current point
// after visit k is Pop[k] if Accepted[k], else the one before it, starting
// from Start.
type Chain struct {
	Cycle    int       // re-annealing restarts before this chain (0 in the first cycle)
	Time     int       // time t = 1, 2, … within the cycle
	Temp     float64   // visiting temperature T(t)
	TempQA   float64   // acceptance temperature T(t)/t
	Restart  bool      // the cycle began with this chain, from the random point Start
	Start    []float64 // the walk's point before the chain
	StartF   float64   // its value
	Accepted []bool    // Accepted[k]: the walk moved to Pop[k]
	Local    []Local   // the local searches after the chain (0, 1 or 2)
}

// Local is one local search after a chain.
type Local struct {
	From, To []float64    // start and end point
	FromF    float64      // f(From)
	F        float64      // f(To)
	Status   optim.Status // lbfgsb's status
	Improved bool         // the walk moved to To
}

// Detail is Result.Detail.
type Detail struct {
	Restarts      int // re-annealing restarts
	LocalSearches int
	NonFinite     int // objective values that were NaN or ±Inf, treated as +Inf
}

// annealer is the state of one run: scipy's EnergyState and StrategyChain
// together.
type annealer struct {
	t            *optim.Task
	m            Method // resolved
	n            int
	vd           *Visiting
	lower, upper []float64
	width        []float64
	pop          bool // fill Pop/PopF/Accepted

	cur, xv []float64 // current point, visited point
	ecur    float64   // f(cur)
	best    []float64 // best point of the walk (visits and local searches)
	ebest   float64
	xmin    []float64 // the strategy chain's own minimum (see localPhase)
	emin    float64

	tqa            float64 // acceptance temperature T/t of this chain
	improved       bool    // this chain improved the best point
	notImproved    int     // chains since the last improvement
	notImprovedMax int     // chains without improvement before a forced local search
	detail         *Detail
	chain          chainRecord // the iteration being built
}

// Run minimizes t's problem by dual annealing.
func (m *Method) Run(t *optim.Task) error {
	c, err := m.resolved(t.N)
	if err != nil {
		return err
	}
	for i, l := range t.Problem.Lower {
		if !(l < t.Problem.Upper[i]) {
			return fmt.Errorf("anneal: the box has zero width in coordinate %d ([%g, %g])", i, l, t.Problem.Upper[i])
		}
	}
	a := newAnnealer(t, c)
	a.run()
	return nil
}

func newAnnealer(t *optim.Task, m Method) *annealer {
	n := t.N
	a := &annealer{
		t: t, m: m, n: n,
		lower: t.Problem.Lower, upper: t.Problem.Upper, width: make([]float64, n),
		pop: t.Settings.Record || t.Settings.Callback != nil,
		cur: make([]float64, n), xv: make([]float64, n), best: make([]float64, n), xmin: make([]float64, n),
		ecur: math.Inf(1), ebest: math.Inf(1), emin: math.Inf(1),
		notImprovedMax: 1000,
		detail:         &Detail{},
	}
	a.vd, _ = NewVisiting(m.Visit) // validated in resolved
	for i := range a.width {
		a.width[i] = a.upper[i] - a.lower[i]
	}
	t.Detail = a.detail
	return a
}

// run is the main loop (scipy's dual_annealing body): annealing cycles of
// global iterations at times i = 1, 2, … and temperature T(i), each one
// strategy chain plus a possible local search; a cycle ends, and a new one
// starts from a random point, when T drops below T0·RestartTempRatio.
func (a *annealer) run() {
	tRestart := a.m.InitialTemp * a.m.RestartTempRatio
	if !a.reset(a.t.X0) {
		return
	}
	for i := 1; ; i++ {
		if a.t.IterationsLeft() == 0 {
			a.t.Finish(optim.IterationLimit, "did %d global iterations (MaxIter)%s", a.t.NIt(), a.summary())
			return
		}
		temp := Temperature(i, a.m.InitialTemp, a.m.Visit)
		if temp < tRestart {
			a.detail.Restarts++
			if !a.reset(nil) {
				return
			}
			i, temp = 1, Temperature(1, a.m.InitialTemp, a.m.Visit)
		}
		a.strategyChain(i, temp)
		if !a.m.NoLocalSearch {
			a.localPhase()
		}
		a.t.Iterate(optim.Iteration{X: a.cur, F: a.ecur, Pop: a.chain.pop, PopF: a.chain.popF, Detail: a.chain.Chain})
	}
}

// summary is the tail of the final message.
func (a *annealer) summary() string {
	var s []string
	if r := a.detail.Restarts; r > 0 {
		s = append(s, fmt.Sprintf("%d re-annealing restart(s)", r))
	}
	if k := a.t.NonFinite(); k > 0 {
		s = append(s, fmt.Sprintf("%d non-finite objective value(s) treated as +Inf", k))
	}
	if len(s) == 0 {
		return ""
	}
	return "; " + strings.Join(s, "; ")
}

// reset places the walk at x0, or at a uniform random point of the box if
// x0 is nil, and evaluates it; where the value is not finite it draws new
// random points, up to maxReinit times. The best point is kept across
// re-annealings. It returns false (after Finish) if no finite value was
// found.
func (a *annealer) reset(x0 []float64) bool {
	if x0 != nil {
		copy(a.cur, x0)
	} else {
		a.uniform(a.cur)
	}
	for k := 0; ; k++ {
		a.ecur = a.eval(a.cur)
		if a.ecur < math.Inf(1) {
			break
		}
		if k == maxReinit {
			a.t.Finish(optim.NonFinite, "the objective is not finite at %d random start points", maxReinit+1)
			return false
		}
		a.uniform(a.cur)
	}
	if a.ecur < a.ebest { // first start (or a lucky restart)
		copy(a.best, a.cur)
		a.ebest = a.ecur
	}
	if a.t.NIt() == 0 && a.detail.Restarts == 0 {
		copy(a.xmin, a.cur)
		a.emin = a.ecur
	}
	a.chain.restart = true
	return true
}

func (a *annealer) uniform(x []float64) {
	rng := a.t.Rand()
	for i := range x {
		x[i] = min(a.lower[i]+rng.Float64()*a.width[i], a.upper[i])
	}
}

// eval evaluates f and maps NaN and ±Inf to +Inf: a non-finite value is
// never better than anything.
func (a *annealer) eval(x []float64) float64 {
	v := a.t.Eval(x)
	if !optim.IsFinite(v) {
		a.detail.NonFinite++
		return math.Inf(1)
	}
	return v
}

// strategyChain is one strategy chain (Markov chain) at time i of the
// cycle and temperature temp: 2n visits, the first n moving every
// coordinate, the next n moving coordinate j−n alone. A better point is
// always taken; a worse one with the generalized Metropolis probability at
// the acceptance temperature T_qa = T/i.
func (a *annealer) strategyChain(i int, temp float64) {
	a.tqa = temp / float64(i)
	a.chain.begin(a, i, temp)
	a.notImproved++
	a.improved = i == 1 // a fresh cycle always polishes its best point
	for j := range 2 * a.n {
		a.vd.visit(a.t.Rand(), a.xv, a.cur, a.lower, a.upper, a.width, j, temp)
		e := a.eval(a.xv)
		accepted := a.accept(j, e)
		a.chain.visited(a, e, accepted)
	}
}

// accept decides on the move to a.xv with value e and makes it: downhill
// always, uphill with probability AcceptProbability(e − ecur, T_qa, qa).
func (a *annealer) accept(j int, e float64) bool {
	if e < a.ecur {
		a.move(e)
		if e < a.ebest {
			a.ebest = e
			copy(a.best, a.xv)
			a.improved = true
			a.notImproved = 0
		}
		return true
	}
	r := a.t.Rand().Float64()
	accepted := r <= AcceptProbability(e-a.ecur, a.tqa, a.m.Accept)
	if accepted {
		a.move(e)
		copy(a.xmin, a.cur) // scipy moves xmin (not emin) with the walk
	}
	if a.notImproved >= a.notImprovedMax && (j == 0 || a.ecur < a.emin) {
		a.emin = a.ecur
		copy(a.xmin, a.cur)
	}
	return accepted
}

func (a *annealer) move(e float64) {
	a.ecur = e
	copy(a.cur, a.xv)
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
	if a.improved {
		x, e, ok := a.polish(a.best, a.ebest)
		if ok {
			a.notImproved = 0
			a.ebest, a.ecur = e, e
			copy(a.best, x)
			copy(a.cur, x)
		}
		a.chain.local(ok)
	}
	if a.notImproved >= a.notImprovedMax {
		x, e, ok := a.polish(a.xmin, a.emin)
		moved := false
		if ok {
			copy(a.xmin, x)
			a.emin = e
			if e < a.ebest {
				a.ebest, a.ecur = e, e
				copy(a.best, x)
				copy(a.cur, x)
				moved = true
			}
		}
		a.chain.local(moved)
		a.notImproved = 0
		a.notImprovedMax = a.n
	}
}

// polish runs the L-BFGS-B local search from x (value e) inside the run's
// Task and reports its end point and whether it is finite and better than e.
func (a *annealer) polish(x []float64, e float64) ([]float64, float64, bool) {
	a.detail.LocalSearches++
	xl, fl, st := lbfgsb.Local(a.t, x, e, a.m.LocalMaxIter, a.m.LocalMemory)
	a.chain.lastLocal = Local{From: slices.Clone(x), To: xl, FromF: e, F: fl, Status: st}
	return xl, fl, optim.IsFinite(fl) && fl < e
}

// chainRecord builds the Iteration of one global iteration.
type chainRecord struct {
	Chain
	restart   bool // the next chain starts a cycle
	pop       [][]float64
	popF      []float64
	lastLocal Local
}

func (c *chainRecord) begin(a *annealer, i int, temp float64) {
	c.Chain = Chain{Cycle: a.detail.Restarts, Time: i, Temp: temp, TempQA: a.tqa, Restart: c.restart,
		Start: slices.Clone(a.cur), StartF: a.ecur}
	c.restart = false
	c.pop, c.popF = nil, nil
}

func (c *chainRecord) visited(a *annealer, e float64, accepted bool) {
	if !a.pop {
		return
	}
	c.pop = append(c.pop, slices.Clone(a.xv))
	c.popF = append(c.popF, e)
	c.Accepted = append(c.Accepted, accepted)
}

func (c *chainRecord) local(improved bool) {
	l := c.lastLocal
	l.Improved = improved
	c.Local = append(c.Local, l)
}
