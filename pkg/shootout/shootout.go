package shootout

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/reference"
	"github.com/optlab/optlab/pkg/toynet"
)

// Config says what to run.
type Config struct {
	// Seed is the seed of the first run; run k uses Seed+k.
	Seed uint64
	// Seeds is the number of runs per method; 0 means 1.
	Seeds int
	// Methods restricts the run to these names; nil runs the five
	// contestants (see Methods). A name that is not a contestant may be any
	// registered method or chain ("cmaes+lbfgsb"): it runs on the black-box
	// loss (in the box [−1, 1]^10 if it needs bounds, from x0 otherwise)
	// with MaxEval evaluations.
	Methods []string
	// MaxEval is the budget of the methods that are not contestants; 0
	// means DefaultMaxEval.
	MaxEval int
	// Uniform runs every method, the contestants too, as a method outside
	// the reference set: default parameters and MaxEval evaluations, for a
	// comparison at one budget (e.g. a chain against its parts).
	Uniform bool
	// FailAbove is the loss above which a run counts as failed in
	// FailFrac; 0 means DefaultFailAbove.
	FailAbove float64
	// Workers is passed to every method; the results do not depend on it.
	Workers int
	// Backend, if not nil, evaluates the loss instead (e.g. remote workers
	// serving the problem "toynet"); the results do not depend on it.
	Backend optim.Backend
}

// DefaultMaxEval is the budget of methods outside the reference set: the
// number of evaluations of the reference CMA-ES run (100 generations of 10).
const DefaultMaxEval = 1000

// DefaultFailAbove counts a run as failed when its loss stays above 1000:
// the loss at x0 is 3.1e5, the plateau stochastic methods get stuck on is
// 1.44e5, and every success ends near the best known 0.783.
const DefaultFailAbove = 1e3

// MethodReport is one method's outcome.
type MethodReport struct {
	Method  string  `json:"method"`
	Loss    float64 `json:"loss"` // final loss of the first run
	NFev    int     `json:"nfev"`
	NIt     int     `json:"nit"`
	Seconds float64 `json:"seconds"` // wall time of the first run
	Status  string  `json:"status"`
	Message string  `json:"message"`
	// LastLoss is the loss measured before the last step (Adam only): what
	// a PyTorch training loop prints last, and what the reference reports.
	LastLoss *float64 `json:"last_loss,omitempty"`
	// Trace is the first run's best-so-far loss after every evaluation,
	// finite-difference probes included (so for SLSQP it may end below Loss,
	// which is the final iterate's loss, as scipy reports it).
	Trace []float64 `json:"trace"`

	// Over all seeds (present when Config.Seeds > 1).
	Losses []float64 `json:"losses,omitempty"`
	Median *float64  `json:"median,omitempty"`
	Q25    *float64  `json:"q25,omitempty"`
	Q75    *float64  `json:"q75,omitempty"`
	P90    *float64  `json:"p90,omitempty"`
	// FailFrac is the fraction of runs whose loss is above FailAbove (or
	// not finite): the tail that medians hide.
	FailFrac *float64 `json:"fail_frac,omitempty"`

	// Article is the final loss printed in the original article (0 for
	// methods outside the reference set).
	Article float64 `json:"article"`
	// Reference is the reference Python run's result: the final loss for
	// Adam and SLSQP, the median over 21 seeds for the stochastic methods.
	Reference float64 `json:"reference"`
	// ReferenceNFev is scipy's evaluation count (SLSQP only).
	ReferenceNFev int `json:"reference_nfev,omitempty"`
	// Stochastic is true for the methods whose result depends on the seed.
	Stochastic bool `json:"stochastic"`
}

// Report is the whole shoot-out.
type Report struct {
	Seed          uint64         `json:"seed"`
	Seeds         int            `json:"seeds"`
	Methods       []MethodReport `json:"methods"`
	TotalSeconds  float64        `json:"total_seconds"`
	BestKnownLoss float64        `json:"best_known_loss"`
	MaxIter       int            `json:"maxiter"`
	FailAbove     float64        `json:"fail_above"`
}

// contestant is one method of the reference experiment: its setup with the
// reference settings, and its reference numbers.
type contestant struct {
	name       string
	stochastic bool
	lastStep   bool // also report the loss measured before the last step
	setup      func(net *toynet.Net, ref *reference.Experiment) entry
	article    func(*reference.Experiment) float64
	reference  func(*reference.Experiment) float64
}

// Methods lists the contestants' names in the order of the article.
func Methods() []string {
	names := make([]string, len(contestants))
	for i, m := range contestants {
		names[i] = m.name
	}
	return names
}

// other is a method outside the reference set, by registry name.
func other(name string, maxEval int) (contestant, error) {
	m, err := optim.Lookup(name)
	if err != nil {
		return contestant{}, err
	}
	info := m.Info()
	return contestant{
		name:       name,
		stochastic: info.Stochastic,
		setup: func(net *toynet.Net, ref *reference.Experiment) entry {
			m, _ := optim.Lookup(name)
			e := entry{method: m, problem: blackBox(net), x0: ref.X0, settings: optim.Settings{MaxEval: maxEval}}
			if info.NeedsBounds {
				e.problem = box(net, -1, 1)
			}
			if info.NoX0 {
				e.x0 = nil
			}
			return e
		},
		article:   func(*reference.Experiment) float64 { return 0 },
		reference: func(*reference.Experiment) float64 { return 0 },
	}, nil
}

// Run runs the shoot-out.
func Run(cfg Config) (*Report, error) { return RunContext(context.Background(), cfg) }

// RunContext runs the shoot-out; a cancelled ctx stops the run in progress
// (its status says Cancelled) and the remaining runs.
func RunContext(ctx context.Context, cfg Config) (*Report, error) {
	seeds := cfg.Seeds
	if seeds == 0 {
		seeds = 1
	}
	if seeds < 0 {
		return nil, fmt.Errorf("shootout: Seeds must be positive, got %d", cfg.Seeds)
	}
	if cfg.Workers < 0 {
		return nil, fmt.Errorf("shootout: Workers must be non-negative, got %d", cfg.Workers)
	}
	if cfg.MaxEval < 0 || cfg.FailAbove < 0 || math.IsNaN(cfg.FailAbove) {
		return nil, fmt.Errorf("shootout: MaxEval and FailAbove must be non-negative")
	}
	failAbove := optim.Or(cfg.FailAbove, DefaultFailAbove)
	chosen := contestants
	if cfg.Methods != nil {
		chosen = nil
		for _, name := range cfg.Methods {
			i := slices.IndexFunc(contestants, func(m contestant) bool { return m.name == name })
			if i >= 0 && !cfg.Uniform {
				chosen = append(chosen, contestants[i])
				continue
			}
			c, err := other(name, optim.Or(cfg.MaxEval, DefaultMaxEval))
			if err != nil {
				return nil, fmt.Errorf("shootout: %w", err)
			}
			chosen = append(chosen, c)
		}
	}
	ref, err := reference.Get()
	if err != nil {
		return nil, err
	}
	net := toynet.Reference()
	rep := &Report{Seed: cfg.Seed, Seeds: seeds, BestKnownLoss: ref.BestKnownLoss, MaxIter: 100, FailAbove: failAbove}
	start := time.Now()
	for _, m := range chosen {
		mr, err := runContestant(ctx, m, cfg, seeds, failAbove, net, &ref)
		if err != nil {
			return nil, err
		}
		rep.Methods = append(rep.Methods, mr)
	}
	rep.TotalSeconds = time.Since(start).Seconds()
	return rep, nil
}

// runContestant runs m over the seeds and summarizes its losses.
func runContestant(ctx context.Context, m contestant, cfg Config, seeds int, failAbove float64, net *toynet.Net, ref *reference.Experiment) (MethodReport, error) {
	mr := MethodReport{Method: m.name, Stochastic: m.stochastic, Article: m.article(ref), Reference: m.reference(ref)}
	if m.name == "slsqp" {
		mr.ReferenceNFev = ref.ReferenceResults.SLSQP.NFev
	}
	for k := range seeds {
		e := m.setup(net, ref)
		e.settings.Seed, e.settings.Workers, e.settings.Backend = cfg.Seed+uint64(k), cfg.Workers, cfg.Backend
		last := math.NaN()
		if m.lastStep {
			e.settings.Callback = func(it optim.Iteration) bool { last = it.F; return false }
		}
		t0 := time.Now()
		res, err := optim.Minimize(ctx, e.problem, e.x0, &e.settings, e.method)
		secs := time.Since(t0).Seconds()
		if err != nil {
			return mr, fmt.Errorf("shootout: %w", err)
		}
		if k == 0 {
			mr.Loss, mr.NFev, mr.NIt, mr.Seconds = res.F, res.NFev, res.NIt, secs
			mr.Status, mr.Message, mr.Trace = res.Status.String(), res.Message, res.Trace
			if !math.IsNaN(last) {
				mr.LastLoss = &last
			}
		}
		mr.Losses = append(mr.Losses, res.F)
	}
	if seeds == 1 {
		mr.Losses = nil
		return mr, nil
	}
	s := slices.Sorted(slices.Values(mr.Losses))
	q25, med, q75, p90 := Quantile(s, 0.25), Quantile(s, 0.5), Quantile(s, 0.75), Quantile(s, 0.9)
	failed := 0
	for _, v := range mr.Losses {
		if !(v <= failAbove) {
			failed++
		}
	}
	frac := float64(failed) / float64(len(mr.Losses))
	mr.Q25, mr.Median, mr.Q75, mr.P90, mr.FailFrac = &q25, &med, &q75, &p90, &frac
	return mr, nil
}

// Quantile returns the q-quantile of sorted values with linear interpolation
// between order statistics (numpy's default), NaN for no values.
func Quantile(sorted []float64, q float64) float64 {
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	pos := q * float64(n-1)
	i := int(math.Floor(pos))
	if i >= n-1 {
		return sorted[n-1]
	}
	frac := pos - float64(i)
	return sorted[i] + frac*(sorted[i+1]-sorted[i])
}

// Table formats the report as a plain-text table.
func (r *Report) Table() string {
	var b strings.Builder
	multi := r.Seeds > 1
	if multi {
		fmt.Fprintf(&b, "%-16s %12s %12s %12s %12s %6s %8s %10s %12s %12s\n",
			"method", "q25", "median", "q75", "p90", "failed", "nfev", "time", "article", "reference")
	} else {
		fmt.Fprintf(&b, "%-16s %12s %8s %10s %12s %12s\n",
			"method", "loss", "nfev", "time", "article", "reference")
	}
	for _, m := range r.Methods {
		art, refs := fmt.Sprintf("%12.6g", m.Article), fmt.Sprintf("%12.6g", m.Reference)
		switch {
		case m.Article == 0 && m.Reference == 0: // not in the reference experiment
			art, refs = fmt.Sprintf("%12s", "—"), fmt.Sprintf("%12s", "—")
		case m.Stochastic:
			refs = fmt.Sprintf("%11.6g*", m.Reference)
		}
		dur := time.Duration(m.Seconds * float64(time.Second)).Round(time.Microsecond)
		if multi {
			fmt.Fprintf(&b, "%-16s %12.6g %12.6g %12.6g %12.6g %5.1f%% %8d %10s %s %s\n",
				m.Method, *m.Q25, *m.Median, *m.Q75, *m.P90, 100**m.FailFrac, m.NFev, dur, art, refs)
		} else {
			fmt.Fprintf(&b, "%-16s %12.6g %8d %10s %s %s\n",
				m.Method, m.Loss, m.NFev, dur, art, refs)
		}
	}
	for _, m := range r.Methods {
		if m.LastLoss != nil {
			fmt.Fprintf(&b, "%s: loss is the best seen; the loss measured before the last step is %.6g (the reference's figure)\n",
				m.Method, *m.LastLoss)
		}
	}
	fmt.Fprintf(&b, "best known loss %.10g; * reference median over 21 seeds; total %s",
		r.BestKnownLoss, time.Duration(r.TotalSeconds*float64(time.Second)).Round(time.Microsecond))
	if multi {
		fmt.Fprintf(&b, " for %d seeds from %d (nfev and time: first seed; failed: loss > %g)", r.Seeds, r.Seed, r.FailAbove)
	}
	b.WriteString("\n")
	return b.String()
}

// num is a float64 that JSON writes as null when it is NaN or ±Inf.
type num float64

func (v num) MarshalJSON() ([]byte, error) {
	if !optim.IsFinite(float64(v)) {
		return []byte("null"), nil
	}
	return json.Marshal(float64(v))
}

func nums(v []float64) []num {
	if v == nil {
		return nil
	}
	out := make([]num, len(v))
	for i, x := range v {
		out[i] = num(x)
	}
	return out
}

// MarshalJSON writes a non-finite loss, trace value or loss of a seed as
// null (JSON has no NaN or infinity), like optlab solve does.
func (m MethodReport) MarshalJSON() ([]byte, error) {
	type plain MethodReport
	return json.Marshal(struct {
		plain
		Loss   num   `json:"loss"`
		Trace  []num `json:"trace"`
		Losses []num `json:"losses,omitempty"`
	}{plain(m), num(m.Loss), nums(m.Trace), nums(m.Losses)})
}
