package shootout

import (
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
	// Methods restricts the run to these names (see Methods); nil runs all.
	Methods []string
	// Workers is passed to the population methods (PSO, CMA-ES); the
	// results do not depend on it.
	Workers int
}

// MethodReport is one method's outcome.
type MethodReport struct {
	Method  string  `json:"method"`
	Loss    float64 `json:"loss"` // final best loss of the first run
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

	// Article is the final loss printed in the original article.
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
}

// method is one contestant: how to run it with a seed, and its reference
// numbers.
type method struct {
	name       string
	stochastic bool
	// run returns the result and, for Adam, the last measured loss (NaN
	// for the others).
	run       func(net *toynet.Net, ref *reference.Experiment, seed uint64, workers int) (*optim.Result, float64, error)
	article   func(*reference.Experiment) float64
	reference func(*reference.Experiment) float64
}

// Methods lists the contestants' names in the order of the article.
func Methods() []string {
	names := make([]string, len(contestants))
	for i, m := range contestants {
		names[i] = m.name
	}
	return names
}

// Run runs the shoot-out.
func Run(cfg Config) (*Report, error) {
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
	chosen := contestants
	if cfg.Methods != nil {
		chosen = nil
		for _, name := range cfg.Methods {
			i := slices.IndexFunc(contestants, func(m method) bool { return m.name == name })
			if i < 0 {
				return nil, fmt.Errorf("shootout: unknown method %q; known: %s", name, strings.Join(Methods(), ", "))
			}
			chosen = append(chosen, contestants[i])
		}
	}
	ref, err := reference.Get()
	if err != nil {
		return nil, err
	}
	net := toynet.Reference()
	rep := &Report{Seed: cfg.Seed, Seeds: seeds, BestKnownLoss: ref.BestKnownLoss, MaxIter: 100}
	start := time.Now()
	for _, m := range chosen {
		mr := MethodReport{Method: m.name, Stochastic: m.stochastic,
			Article: m.article(&ref), Reference: m.reference(&ref)}
		if m.name == "slsqp" {
			mr.ReferenceNFev = ref.ReferenceResults.SLSQP.NFev
		}
		for k := range seeds {
			t0 := time.Now()
			res, last, err := m.run(net, &ref, cfg.Seed+uint64(k), cfg.Workers)
			secs := time.Since(t0).Seconds()
			if err != nil {
				return nil, fmt.Errorf("shootout: %s: %w", m.name, err)
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
		if seeds > 1 {
			s := slices.Sorted(slices.Values(mr.Losses))
			q25, med, q75 := Quantile(s, 0.25), Quantile(s, 0.5), Quantile(s, 0.75)
			mr.Q25, mr.Median, mr.Q75 = &q25, &med, &q75
		} else {
			mr.Losses = nil
		}
		rep.Methods = append(rep.Methods, mr)
	}
	rep.TotalSeconds = time.Since(start).Seconds()
	return rep, nil
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
		fmt.Fprintf(&b, "%-7s %12s %12s %12s %8s %10s %12s %12s\n",
			"method", "q25", "median", "q75", "nfev", "time", "article", "reference")
	} else {
		fmt.Fprintf(&b, "%-7s %12s %8s %10s %12s %12s\n",
			"method", "loss", "nfev", "time", "article", "reference")
	}
	for _, m := range r.Methods {
		refs := fmt.Sprintf("%12.6g", m.Reference)
		if m.Stochastic {
			refs = fmt.Sprintf("%11.6g*", m.Reference)
		}
		dur := time.Duration(m.Seconds * float64(time.Second)).Round(time.Microsecond)
		if multi {
			fmt.Fprintf(&b, "%-7s %12.6g %12.6g %12.6g %8d %10s %12.6g %s\n",
				m.Method, *m.Q25, *m.Median, *m.Q75, m.NFev, dur, m.Article, refs)
		} else {
			fmt.Fprintf(&b, "%-7s %12.6g %8d %10s %12.6g %s\n",
				m.Method, m.Loss, m.NFev, dur, m.Article, refs)
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
		fmt.Fprintf(&b, " for %d seeds from %d (nfev and time: first seed)", r.Seeds, r.Seed)
	}
	b.WriteString("\n")
	return b.String()
}
