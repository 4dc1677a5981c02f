package optim

import (
	"context"
	"flag"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Method is an optimizer. Each method is a package under pkg/ with a type
// (its parameters as fields; the zero value means the defaults) that
// implements Method, and registers a factory with [Register].
type Method interface {
	// Info describes the method: name, needs, defaults, limits.
	Info() Info
	// Run minimizes t's problem. It returns an error, before any
	// evaluation, for method parameters that cannot work; otherwise it ends
	// by calling t.Finish, or by letting an evaluation stop the run (budget,
	// cancellation, callback, a failing objective), and returns nil.
	Run(t *Task) error
}

// Info describes a method.
type Info struct {
	Name    string // registry name, e.g. "cmaes"
	Summary string // one line
	// Iteration says what one iteration is, for the MaxIter table.
	Iteration string
	// DefaultMaxIter and DefaultMaxEval replace a zero Settings.MaxIter or
	// MaxEval (0 for MaxEval: no limit).
	DefaultMaxIter, DefaultMaxEval int
	// MaxDim is the largest dimension the method is practical for (0: no
	// limit); above it the Result's message carries a warning.
	MaxDim int
	// OneD methods accept only 1-D problems with finite bounds (the
	// interval), or with x0 for Newton-type 1-D methods.
	OneD bool
	// NeedsBounds methods need finite bounds in every coordinate (they
	// sample the box); x0 is then optional.
	NeedsBounds bool
	// NoX0 methods do not use x0 (a given x0 is an error, never ignored).
	NoX0 bool
	// NoBounds methods do not handle box bounds: Minimize rejects a
	// problem with bounds (use a bounded method such as lbfgsb instead).
	NoBounds bool
	// Constraints methods accept Problem.Constraints.
	Constraints bool
	// Gradient methods use the gradient (analytic or finite differences);
	// SecondOrder methods also use the Hessian.
	Gradient, SecondOrder bool
	// Stochastic methods use Settings.Seed.
	Stochastic bool
	// AnswerIsIterate: Result.X is the method's last iterate rather than
	// the best point evaluated.
	AnswerIsIterate bool
}

var (
	regMu    sync.Mutex
	registry = map[string]func() Method{}
)

// Register makes a method available by name to [Lookup], the CLI, the
// shoot-out and the conformance test. new returns a Method with default
// parameters; it is called once per use, so each caller can set
// parameters on its own copy. Register panics on a duplicate name (a
// programming error at init time).
func Register(new func() Method) {
	name := new().Info().Name
	regMu.Lock()
	defer regMu.Unlock()
	if _, dup := registry[name]; dup {
		panic("optim: method registered twice: " + name)
	}
	registry[name] = new
}

// Names returns the registered method names, sorted.
func Names() []string {
	regMu.Lock()
	defer regMu.Unlock()
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Lookup returns a new Method with default parameters for a registered
// name, or an error that lists the known names and suggests the closest.
// Names joined by "+" give a [Chain] of those methods ("cmaes+lbfgsb").
func Lookup(name string) (Method, error) {
	if parts := strings.Split(name, "+"); len(parts) > 1 {
		c := &Chain{}
		for _, p := range parts {
			m, err := Lookup(p)
			if err != nil {
				return nil, err
			}
			c.Stages = append(c.Stages, m)
		}
		return c, nil
	}
	regMu.Lock()
	f, ok := registry[name]
	regMu.Unlock()
	if ok {
		return f(), nil
	}
	return nil, UnknownName("method", name, Names())
}

// UnknownName is the error for a name that is not in known: it lists them
// comma-separated and, when one is close, asks "did you mean".
func UnknownName(what, name string, known []string) error {
	msg := fmt.Sprintf("unknown %s %q", what, name)
	if s := Closest(name, known); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return fmt.Errorf("%s (known: %s)", msg, strings.Join(known, ", "))
}

// Closest returns the name in known within edit distance 2 (or a prefix
// match) of name, or "".
func Closest(name string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		d := editDistance(strings.ToLower(name), strings.ToLower(k))
		if strings.HasPrefix(strings.ToLower(k), strings.ToLower(name)) && len(name) >= 3 {
			d = min(d, 1)
		}
		if d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Minimize runs method m on problem p from x0 with settings s (nil: all
// defaults) and returns the one Result every method returns.
//
// The error is for input that can never work, found before any
// evaluation: no Func and no Backend, a dimension mismatch, bounds that are
// NaN, crossed or of infinite width, x0 missing, not finite or outside the
// box, bad settings, constraints given to a method without them, a 1-D
// method on an N-D problem, or method parameters the method rejects.
// Everything that happens while the method runs — a budget used up, a NaN,
// a panicking objective, a cancelled ctx — is a Status in the Result; use
// [Result.Err] to turn a status other than Converged into an error.
func Minimize(ctx context.Context, p Problem, x0 []float64, s *Settings, m Method) (*Result, error) {
	if m == nil {
		return nil, fmt.Errorf("optim: no method given")
	}
	if ctx == nil {
		ctx = context.Background()
	}
	var set Settings
	if s != nil {
		set = *s
	}
	info := m.Info()
	t, err := newTask(ctx, p, x0, set, info)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", info.Name, err)
	}
	if err := t.run(m); err != nil {
		return nil, fmt.Errorf("%s: %w", info.Name, err)
	}
	return t.result(), nil
}

func newTask(ctx context.Context, p Problem, x0 []float64, s Settings, info Info) (*Task, error) {
	if p.Func == nil && s.Backend == nil {
		return nil, fmt.Errorf("optim: Problem.Func is nil (and no Backend is set)")
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	n, err := p.Dimension(x0)
	if err != nil {
		return nil, err
	}
	if p.Lower != nil {
		if err := CheckBounds(p.Lower, p.Upper, info.NeedsBounds || (info.OneD && x0 == nil)); err != nil {
			return nil, err
		}
	} else if info.NeedsBounds || (info.OneD && x0 == nil) {
		return nil, fmt.Errorf("optim: this method needs finite bounds (Problem.Lower and Upper)")
	}
	if p.Lower != nil && info.NoBounds {
		return nil, fmt.Errorf("optim: this method does not handle bounds; use a bounded method (lbfgsb, slsqp, ...) or drop Lower and Upper")
	}
	if info.OneD && n != 1 {
		return nil, fmt.Errorf("optim: a 1-D method needs a 1-D problem, this one has %d variables", n)
	}
	switch {
	case x0 != nil && info.NoX0:
		return nil, fmt.Errorf("optim: this method does not use a start point; leave x0 nil")
	case x0 == nil && !info.NeedsBounds && !info.OneD && !info.NoX0:
		return nil, fmt.Errorf("optim: a start point x0 is required")
	}
	if x0 != nil {
		if err := CheckInBounds("x0", x0, p.Lower, p.Upper); err != nil {
			return nil, err
		}
	}
	if len(p.Constraints) > 0 && !info.Constraints {
		return nil, fmt.Errorf("optim: this method does not take general constraints (%d given)", len(p.Constraints))
	}
	for i, c := range p.Constraints {
		if c.Func == nil {
			return nil, fmt.Errorf("optim: constraint %d has no Func", i)
		}
		if c.Kind != Equality && c.Kind != Inequality {
			return nil, fmt.Errorf("optim: constraint %d has an unknown kind %d", i, c.Kind)
		}
	}
	s.MaxIter = Or(s.MaxIter, info.DefaultMaxIter)
	s.MaxEval = Or(s.MaxEval, info.DefaultMaxEval)
	if s.MaxIter == 0 {
		s.MaxIter = math.MaxInt
	}
	s.FDStep = Or(s.FDStep, DefaultFDStep)
	t := &Task{
		Problem:  p,
		N:        n,
		Settings: s,
		Info:     info,
		ctx:      ctx,
		bestF:    math.Inf(1),
		answerF:  math.NaN(),
	}
	if x0 != nil {
		t.X0 = slices.Clone(x0)
	}
	t.backend = s.Backend
	if t.backend == nil {
		t.backend = &localBackend{f: p.Func, workers: s.Workers}
	}
	return t, nil
}

// Flagger is implemented by methods whose parameters can be set from a
// command line: Flags defines one flag per parameter on fs, bound to the
// method's own fields (so the method's type has pointer receivers and
// registers a pointer). The CLI calls it; no per-method adapter exists.
type Flagger interface {
	Flags(fs *flag.FlagSet)
}
