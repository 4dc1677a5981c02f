package study

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/optlab/optlab/pkg/mlp"
	"github.com/optlab/optlab/pkg/optim"

	// The methods the study runs, registered by their packages. (slsqp and
	// cmaes are looked up by name and skipped with a note when missing.)
	_ "github.com/optlab/optlab/pkg/methods" // every method registered
)

// Budget is how runs are made comparable.
type Budget int

const (
	// Evals gives every run the same number of objective evaluations,
	// MaxEval = Config.MaxEval(n) (and MaxIter = MaxEval, so that
	// MaxEval is the binding limit). An analytic gradient is not counted as
	// an evaluation: the time per evaluation shows what it costs.
	Evals Budget = iota
	// Time gives every run the same wall time, Config.Time, as a context
	// deadline (no MaxIter or MaxEval limit); Cancelled is then the normal
	// end of a run.
	Time
)

func (b Budget) String() string {
	switch b {
	case Evals:
		return "evals"
	case Time:
		return "time"
	}
	return fmt.Sprintf("Budget(%d)", int(b))
}

// MarshalText makes a Budget print as its name in JSON.
func (b Budget) MarshalText() ([]byte, error) { return []byte(b.String()), nil }

// UnmarshalText reads a Budget's name.
func (b *Budget) UnmarshalText(text []byte) error {
	bs, err := ParseBudgets(string(text))
	if err != nil || len(bs) != 1 {
		return fmt.Errorf("study: bad budget %q", text)
	}
	*b = bs[0]
	return nil
}

// ParseBudgets parses "evals", "time" or "both" (also "evals,time").
func ParseBudgets(s string) ([]Budget, error) {
	var bs []Budget
	for _, f := range strings.Split(s, ",") {
		switch strings.TrimSpace(f) {
		case "evals":
			bs = append(bs, Evals)
		case "time":
			bs = append(bs, Time)
		case "both":
			bs = append(bs, Evals, Time)
		default:
			return nil, fmt.Errorf("study: unknown budget %q (evals, time or both)", f)
		}
	}
	return bs, nil
}

// Entry is one method of the study: a registered name and the method's
// own flags, written as on the command line, e.g. "cmaes -sep" or
// "adam -lr 0.01". The word "+fd" among them (not a flag: the flags
// belong to the method) sets FD.
type Entry struct {
	Name string
	Args []string
	// FD hides the analytic gradient from the method: a method that uses
	// gradients gets forward differences, n evaluations each, counted in
	// its budget (as scipy's minimizers without jac).
	FD bool
}

// ParseEntry splits "name -flag value ... [+fd]" at white space.
func ParseEntry(s string) (Entry, error) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return Entry{}, fmt.Errorf("study: empty method entry")
	}
	e := Entry{Name: f[0]}
	for _, a := range f[1:] {
		if a == "+fd" {
			e.FD = true
			continue
		}
		e.Args = append(e.Args, a)
	}
	return e, nil
}

func (e Entry) String() string {
	w := append([]string{e.Name}, e.Args...)
	if e.FD {
		w = append(w, "+fd")
	}
	return strings.Join(w, " ")
}

// ErrNotRegistered is wrapped by Entry.Method's error for a name that is
// not registered in this build.
var ErrNotRegistered = errors.New("method not registered")

// Method returns a new method for the entry: optim.Lookup(Name), with Args
// parsed by the flags the method defines (optim.Flagger). Flags for a
// method without any, unknown flags and stray arguments are errors.
func (e Entry) Method() (optim.Method, error) {
	m, err := optim.Lookup(e.Name)
	if err != nil {
		return nil, fmt.Errorf("study: %w: %v", ErrNotRegistered, err)
	}
	if len(e.Args) == 0 {
		return m, nil
	}
	fl, ok := m.(optim.Flagger)
	if !ok {
		return nil, fmt.Errorf("study: %s takes no flags, got %q", e.Name, e.Args)
	}
	fs := flag.NewFlagSet(e.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fl.Flags(fs)
	if err := fs.Parse(e.Args); err != nil {
		return nil, fmt.Errorf("study: %q: %v", e.String(), err)
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("study: %q: unexpected arguments %q", e.String(), fs.Args())
	}
	return m, nil
}

// DefaultMethods are the study's entries: Adam (with a learning rate
// suited to these networks), the quasi-Newton methods, CMA-ES and its
// separable variant, PSO flying its whole budget, and dual annealing,
// whose L-BFGS-B local searches use forward differences (as scipy's
// dual_annealing without jac), so that it is gradient-free.
var DefaultMethods = []string{"adam -lr 0.01", "lbfgsb", "slsqp", "cmaes", "cmaes -sep", "pso -noearlystop", "anneal +fd"}

// Config is a study. Zero fields take the values of [Default].
type Config struct {
	// Methods are the entries (see [Entry]); the first one named "adam"
	// is the reference of the conclusion unless Reference is set.
	Methods []string
	// Sizes are the approximate numbers of parameters (see mlp.TaskSizes).
	Sizes []int
	// Seeds is the number of seeds per cell: seed s = 1..Seeds draws the
	// start point (mlp.Task) and seeds the method (Settings.Seed).
	Seeds int
	// Budgets are the budget kinds to run.
	Budgets []Budget
	// EvalsPerParam and MaxEvals set the evaluation budget of a run with n
	// parameters: MaxEval = EvalsPerParam · n, at most MaxEvals (0: no
	// cap); see [Config.MaxEval].
	EvalsPerParam, MaxEvals int
	// Timeout, if positive, is the longest an equal-evaluation run may
	// take (a guard for methods whose iterations cost O(n³), such as
	// SLSQP at n = 1000); such a run ends Cancelled.
	Timeout time.Duration
	// Time is the wall time of one run with the Time budget.
	Time time.Duration
	// Bound is the half-width of the box [−Bound, Bound]ⁿ every method
	// gets (PSO and annealing need one; the start points lie well inside).
	Bound float64
	// FailLoss is the fraction of the targets' variance (the loss of the
	// best constant prediction) above which a run that did not converge
	// counts as failed; see [Trial.Failed].
	FailLoss float64
	// Reference is the entry the conclusion compares with ("" = the
	// first entry named adam).
	Reference string
	// Progress, if not nil, is called after every run.
	Progress func(Trial) `json:"-"`
}

// Default is the notebook's study: 10, 30 and 100 parameters, 5 seeds,
// both budgets (100·n evaluations; 0.1 s per run), within about a minute on
// two cores.
func Default() Config {
	return Config{
		Methods:       DefaultMethods,
		Sizes:         []int{10, 30, 100},
		Seeds:         5,
		Budgets:       []Budget{Evals, Time},
		EvalsPerParam: 100,
		Time:          100 * time.Millisecond,
		Bound:         5,
		FailLoss:      0.1,
	}
}

// Large is the command line's study: 10 to 1000 parameters, 5 seeds,
// min(100·n, 20 000) evaluations (at most a minute) or 1 s per run: ten
// to twenty minutes on two cores (the n = 1000 cells dominate).
func Large() Config {
	c := Default()
	c.Sizes = []int{10, 30, 100, 300, 1000}
	c.MaxEvals = 20_000
	c.Timeout = time.Minute
	c.Time = time.Second
	return c
}

// MaxEval returns the evaluation budget of a run with n parameters,
// min(EvalsPerParam·n, MaxEvals).
func (c Config) MaxEval(n int) int {
	m := c.EvalsPerParam * n
	if c.MaxEvals > 0 {
		m = min(m, c.MaxEvals)
	}
	return m
}

// evalBudget describes the equal-evaluation budget: "100·n" or
// "min(100·n, 20000)".
func (c Config) evalBudget() string {
	if c.MaxEvals > 0 {
		return fmt.Sprintf("min(%d·n, %d)", c.EvalsPerParam, c.MaxEvals)
	}
	return fmt.Sprintf("%d·n", c.EvalsPerParam)
}

// resolved fills zero fields with Default's values and checks the rest.
func (c Config) resolved() (Config, error) {
	d := Default()
	if c.Methods == nil {
		c.Methods = d.Methods
	}
	if c.Sizes == nil {
		c.Sizes = d.Sizes
	}
	if c.Budgets == nil {
		c.Budgets = d.Budgets
	}
	c.Seeds = optim.Or(c.Seeds, d.Seeds)
	c.EvalsPerParam = optim.Or(c.EvalsPerParam, d.EvalsPerParam)
	if c.Time == 0 {
		c.Time = d.Time
	}
	c.Bound = optim.Or(c.Bound, d.Bound)
	c.FailLoss = optim.Or(c.FailLoss, d.FailLoss)
	switch {
	case len(c.Methods) == 0:
		return c, fmt.Errorf("study: no methods")
	case len(c.Sizes) == 0:
		return c, fmt.Errorf("study: no sizes")
	case len(c.Budgets) == 0:
		return c, fmt.Errorf("study: no budgets")
	case c.Seeds < 1:
		return c, fmt.Errorf("study: Seeds must be at least 1, got %d", c.Seeds)
	case c.EvalsPerParam < 1:
		return c, fmt.Errorf("study: EvalsPerParam must be at least 1, got %d", c.EvalsPerParam)
	case c.MaxEvals < 0:
		return c, fmt.Errorf("study: MaxEvals must be non-negative (0: no cap), got %d", c.MaxEvals)
	case c.Timeout < 0:
		return c, fmt.Errorf("study: Timeout must be non-negative (0: none), got %v", c.Timeout)
	case c.Time < 0:
		return c, fmt.Errorf("study: Time must be positive, got %v", c.Time)
	case !(c.Bound > 0) || math.IsInf(c.Bound, 0):
		return c, fmt.Errorf("study: Bound must be positive and finite, got %v", c.Bound)
	case !(c.FailLoss > 0) || math.IsInf(c.FailLoss, 0):
		return c, fmt.Errorf("study: FailLoss must be positive and finite, got %v", c.FailLoss)
	}
	for _, n := range c.Sizes {
		if _, err := mlp.TaskSizes(n); err != nil {
			return c, fmt.Errorf("study: size %d: %v", n, err)
		}
	}
	for _, b := range c.Budgets {
		if b != Evals && b != Time {
			return c, fmt.Errorf("study: unknown budget %v", b)
		}
	}
	return c, nil
}

// Trial is one run of the study.
type Trial struct {
	Method string // the entry
	N      int    // parameters
	Budget Budget
	Seed   uint64
	F      float64 // the final loss, Result.F (NaN if none)
	Status optim.Status
	NFev   int     // objective evaluations
	NGev   int     // analytic gradients
	Time   float64 // wall time in seconds
	// Failed: F is not finite, or the run did not converge (a used-up
	// budget, EvaluationLimit or Cancelled at the deadline, is the normal
	// end of a run, but not a convergence) and F > FailLoss · Var(targets),
	// or Minimize refused the run (Err).
	Failed bool
	Err    string `json:",omitempty"` // Minimize's error, if it refused the run
}

// problem is one cell's network, start points and box.
type problem struct {
	net    *mlp.Net
	n      int
	x0     [][]float64 // by seed index
	lo, up []float64
	fail   float64 // the loss above which a run that did not converge failed
}

func newProblem(size int, c Config) (*problem, error) {
	net, _, err := mlp.Task(size, 1)
	if err != nil {
		return nil, err
	}
	n := net.NumParams()
	p := &problem{net: net, n: n, lo: make([]float64, n), up: make([]float64, n), fail: c.FailLoss * net.Variance()}
	for i := range n {
		p.lo[i], p.up[i] = -c.Bound, c.Bound
	}
	for s := 1; s <= c.Seeds; s++ {
		x := net.Init(uint64(s))
		optim.Clip(x, p.lo, p.up)
		p.x0 = append(p.x0, x)
	}
	return p, nil
}

// run makes one run of entry e on p with seed index k.
func (p *problem) run(ctx context.Context, e Entry, b Budget, k int, c Config) (Trial, error) {
	m, err := e.Method()
	if err != nil {
		return Trial{}, err
	}
	info := m.Info()
	r := Trial{Method: e.String(), N: p.n, Budget: b, Seed: uint64(k + 1), F: math.NaN()}
	prob := p.net.Problem()
	if e.FD {
		prob.Grad = nil
	}
	if !info.NoBounds {
		prob.Lower, prob.Upper = p.lo, p.up
	}
	var x0 []float64
	if !info.NoX0 {
		x0 = p.x0[k]
	}
	s := &optim.Settings{Seed: r.Seed}
	runCtx, cancel := ctx, context.CancelFunc(func() {})
	switch b {
	case Evals:
		s.MaxEval = c.MaxEval(p.n)
		s.MaxIter = s.MaxEval
		if c.Timeout > 0 {
			runCtx, cancel = context.WithTimeout(ctx, c.Timeout)
		}
	case Time:
		s.MaxEval, s.MaxIter = math.MaxInt, math.MaxInt
		runCtx, cancel = context.WithTimeout(ctx, c.Time)
	}
	start := time.Now()
	res, err := optim.Minimize(runCtx, prob, x0, s, m)
	r.Time = time.Since(start).Seconds()
	cancel()
	if err != nil {
		r.Err, r.Failed = err.Error(), true
		return r, nil
	}
	r.F, r.Status, r.NFev, r.NGev = res.F, res.Status, res.NFev, res.NGev
	r.Failed = !optim.IsFinite(r.F) || (res.Status != optim.Converged && r.F > p.fail)
	return r, nil
}

// Run runs the study: every entry on every size with every budget and
// seed, one run after the other (so that the times are comparable), and
// returns the table. It returns an error for a bad
// Config or entry, before any run, and ctx's error (with the runs done so
// far) if ctx ends the study.
func Run(ctx context.Context, cfg Config) (*Table, error) {
	c, err := cfg.resolved()
	if err != nil {
		return nil, err
	}
	tab := &Table{Config: c}
	var entries []Entry
	var gradient []bool
	for _, s := range c.Methods {
		e, err := ParseEntry(s)
		if err != nil {
			return nil, err
		}
		m, err := e.Method()
		if err != nil {
			return nil, err
		}
		gradient = append(gradient, m.Info().Gradient && !e.FD)
		entries = append(entries, e)
	}
	if len(entries) == 0 {
		return nil, fmt.Errorf("study: none of the methods %q is registered", c.Methods)
	}
	tab.Reference = c.Reference
	if tab.Reference == "" {
		for _, e := range entries {
			if e.Name == "adam" {
				tab.Reference = e.String()
				break
			}
		}
	}
	for _, size := range c.Sizes {
		p, err := newProblem(size, c)
		if err != nil {
			return nil, err
		}
		for _, b := range c.Budgets {
			for ei, e := range entries {
				var runs []Trial
				for k := range c.Seeds {
					r, err := p.run(ctx, e, b, k, c)
					if err != nil {
						return nil, err
					}
					if ctx.Err() != nil {
						tab.Trials = append(tab.Trials, runs...)
						return tab, ctx.Err()
					}
					if c.Progress != nil {
						c.Progress(r)
					}
					runs = append(runs, r)
				}
				tab.Trials = append(tab.Trials, runs...)
				tab.Rows = append(tab.Rows, summarize(runs, gradient[ei]))
			}
		}
	}
	return tab, nil
}
