package shootout

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/optlab/optlab/pkg/reference"
	"github.com/optlab/optlab/pkg/viz"
	"gonum.org/v1/plot/vg"
)

func TestRunOneSeed(t *testing.T) {
	rep, err := Run(Config{Seed: 42})
	if err != nil {
		t.Fatal(err)
	}
	ref := reference.MustGet()
	if got, want := methodNames(rep), Methods(); !slices.Equal(got, want) {
		t.Fatalf("methods %v, want %v", got, want)
	}
	for _, m := range rep.Methods {
		if len(m.Trace) != m.NFev || m.NFev == 0 {
			t.Errorf("%s: trace length %d, nfev %d", m.Method, len(m.Trace), m.NFev)
		}
		for i := 1; i < len(m.Trace); i++ {
			if m.Trace[i] > m.Trace[i-1] {
				t.Errorf("%s: trace increases at %d", m.Method, i)
				break
			}
		}
		// The trace counts every evaluation, finite-difference probes
		// included, so it may end below the reported point's loss (SLSQP
		// reports its iterate, like scipy) but never above it.
		if last := m.Trace[len(m.Trace)-1]; last > m.Loss {
			t.Errorf("%s: final loss %v but trace ends higher, at %v", m.Method, m.Loss, last)
		}
		// Nobody beats the best known loss (by more than rounding), and
		// every method improves on the start point's loss by 3 decades.
		if m.Loss < ref.BestKnownLoss*(1-1e-9) || m.Loss > ref.LossAtX0*1e-3 {
			t.Errorf("%s: loss %v outside [%v, %v]", m.Method, m.Loss, ref.BestKnownLoss, ref.LossAtX0*1e-3)
		}
		if m.Article == 0 || m.Reference == 0 {
			t.Errorf("%s: reference numbers missing", m.Method)
		}
	}
	// The deterministic methods meet their reference results exactly.
	adam := rep.Methods[0]
	if adam.LastLoss == nil || math.Abs(*adam.LastLoss-ref.ReferenceResults.AdamFinalLoss) > 1e-9*ref.ReferenceResults.AdamFinalLoss {
		t.Errorf("adam: last measured loss %v, want the reference's %v", adam.LastLoss, ref.ReferenceResults.AdamFinalLoss)
	}
	if sl := rep.Methods[1]; sl.Loss > ref.ReferenceResults.SLSQP.Fun {
		t.Errorf("slsqp: loss %v > scipy's %v", sl.Loss, ref.ReferenceResults.SLSQP.Fun)
	}
	if ps := rep.Methods[2]; ps.NFev != ref.Settings.PSO.SwarmSize*(1+ps.NIt) {
		t.Errorf("pso: nfev %d for %d iterations", ps.NFev, ps.NIt)
	}
}

func methodNames(r *Report) []string {
	var s []string
	for _, m := range r.Methods {
		s = append(s, m.Method)
	}
	return s
}

func TestSeedsAreReproducible(t *testing.T) {
	cfg := Config{Seed: 7, Seeds: 3, Methods: []string{"pso", "cmaes", "anneal"}}
	a, err := Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Workers = 2
	b, err := Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a.Methods {
		ma, mb := a.Methods[i], b.Methods[i]
		if !slices.Equal(ma.Losses, mb.Losses) || !slices.Equal(ma.Trace, mb.Trace) {
			t.Errorf("%s: results differ between runs with 1 and 2 workers", ma.Method)
		}
		if len(ma.Losses) != 3 || !(*ma.Q25 <= *ma.Median && *ma.Median <= *ma.Q75) {
			t.Errorf("%s: losses %v, quartiles %v %v %v", ma.Method, ma.Losses, *ma.Q25, *ma.Median, *ma.Q75)
		}
		if ma.Losses[0] != ma.Loss {
			t.Errorf("%s: first seed's loss %v != Loss %v", ma.Method, ma.Losses[0], ma.Loss)
		}
	}
}

func TestJSONFields(t *testing.T) {
	rep, err := Run(Config{Seeds: 2, Methods: []string{"adam", "pso"}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Methods []map[string]any `json:"methods"`
		Total   *float64         `json:"total_seconds"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if v.Total == nil || len(v.Methods) != 2 {
		t.Fatalf("report JSON lacks total_seconds or methods: %s", b[:200])
	}
	for _, m := range v.Methods {
		for _, k := range []string{"method", "loss", "nfev", "seconds", "trace", "median", "q25", "q75", "losses"} {
			if _, ok := m[k]; !ok {
				t.Errorf("method %v lacks %q", m["method"], k)
			}
		}
	}
}

func TestBadConfig(t *testing.T) {
	for _, cfg := range []Config{{Seeds: -1}, {Workers: -2}, {Methods: []string{"sgd"}}} {
		if _, err := Run(cfg); err == nil {
			t.Errorf("Run(%+v) accepted", cfg)
		}
	}
}

func TestQuantile(t *testing.T) {
	s := []float64{1, 2, 3, 4}
	for _, c := range []struct{ q, want float64 }{{0, 1}, {0.25, 1.75}, {0.5, 2.5}, {0.75, 3.25}, {1, 4}} {
		if got := Quantile(s, c.q); math.Abs(got-c.want) > 1e-15 {
			t.Errorf("Quantile(%v) = %v, want %v (numpy's linear rule)", c.q, got, c.want)
		}
	}
	if !math.IsNaN(Quantile(nil, 0.5)) {
		t.Error("Quantile of nothing must be NaN")
	}
}

func TestChartAndTable(t *testing.T) {
	rep, err := Run(Config{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	p, err := rep.Chart()
	if err != nil {
		t.Fatal(err)
	}
	if p.Title.Text != "Loss for different optimizers" || p.Y.Min != 0.1 || p.Y.Max != 1e7 {
		t.Errorf("chart: title %q, y range [%v, %v]", p.Title.Text, p.Y.Min, p.Y.Max)
	}
	if _, err := viz.PNG(p, 6*vg.Inch, 4*vg.Inch); err != nil {
		t.Fatal(err)
	}
	tab := rep.Table()
	for _, m := range Methods() {
		if !strings.Contains(tab, "\n"+m+" ") {
			t.Errorf("table lacks a row for %s:\n%s", m, tab)
		}
	}
}

func BenchmarkShootout(b *testing.B) {
	for b.Loop() {
		if _, err := Run(Config{Seed: 42}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMethod is each method's full run on the toy network with the
// reference budget; evals/s is objective evaluations per second of wall
// time, the method's own work included.
func BenchmarkMethod(b *testing.B) {
	for _, name := range Methods() {
		b.Run(name, func(b *testing.B) {
			nfev := 0
			for b.Loop() {
				r, err := Run(Config{Seed: 42, Methods: []string{name}})
				if err != nil {
					b.Fatal(err)
				}
				nfev += r.Methods[0].NFev
			}
			b.ReportMetric(float64(nfev)/b.Elapsed().Seconds(), "evals/s")
		})
	}
}

// Tails and chains: FailFrac and P90 over the seeds; any registered
// method or chain runs with the MaxEval budget.
func TestTailsAndChains(t *testing.T) {
	rep, err := Run(Config{Seed: 1, Seeds: 5, Methods: []string{"cmaes", "cmaes+lbfgsb"}, MaxEval: 600})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range rep.Methods {
		if m.FailFrac == nil || m.P90 == nil || *m.FailFrac < 0 || *m.FailFrac > 1 || *m.P90 < *m.Median {
			t.Errorf("%s: tails missing or wrong: %+v", m.Method, m)
		}
		failed := 0
		for _, v := range m.Losses {
			if !(v <= rep.FailAbove) {
				failed++
			}
		}
		if got := float64(failed) / 5; got != *m.FailFrac {
			t.Errorf("%s: FailFrac %v, want %v", m.Method, *m.FailFrac, got)
		}
	}
	if c := rep.Methods[1]; c.Method != "cmaes+lbfgsb" || c.NFev > 600 || !c.Stochastic {
		t.Errorf("chain: %+v", c)
	}
	if _, err := Run(Config{Methods: []string{"cmaes+nope"}}); err == nil {
		t.Error("an unknown stage was accepted")
	}
}
