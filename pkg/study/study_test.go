package study

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/viz"
)

// flagged is a registered test method with a boolean flag, standing in for
// "cmaes -sep": it records the flag's value in the Result's Detail and
// takes one step from x0.
type flagged struct{ Sep bool }

func (m *flagged) Info() optim.Info {
	return optim.Info{Name: "study-flagged", Iteration: "one evaluation", DefaultMaxIter: 3}
}

func (m *flagged) Flags(fs *flag.FlagSet) { fs.BoolVar(&m.Sep, "sep", m.Sep, "separable") }

func (m *flagged) Run(t *optim.Task) error {
	t.Detail = m.Sep
	f := t.Eval(t.X0)
	t.Iterate(optim.Iteration{X: t.X0, F: f})
	t.Finish(optim.Converged, "done")
	return nil
}

func init() { optim.Register(func() optim.Method { return &flagged{} }) }

func tiny() Config {
	return Config{
		Methods:       []string{"adam -lr 0.01", "lbfgsb", "pso -noearlystop -swarmsize 20"},
		Sizes:         []int{10, 30},
		Seeds:         3,
		Budgets:       []Budget{Evals, Time},
		EvalsPerParam: 20,
		MaxEvals:      500,
		Time:          20 * time.Millisecond,
	}
}

func TestTinyStudyConsistent(t *testing.T) {
	c := tiny()
	var progress int
	c.Progress = func(Trial) { progress++ }
	tab, err := Run(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	want := len(c.Methods) * len(c.Sizes) * len(c.Budgets)
	if len(tab.Rows) != want || len(tab.Trials) != want*c.Seeds || progress != len(tab.Trials) {
		t.Fatalf("%d rows, %d trials, %d progress calls; want %d rows of %d seeds", len(tab.Rows), len(tab.Trials), progress, want, c.Seeds)
	}
	if tab.Reference != "adam -lr 0.01" || len(tab.Notes) != 0 {
		t.Errorf("reference %q, notes %q", tab.Reference, tab.Notes)
	}
	for _, r := range tab.Rows {
		var fs, evals []float64
		failed := 0
		for _, tr := range tab.Trials {
			if tr.Method == r.Method && tr.N == r.N && tr.Budget == r.Budget {
				fs = append(fs, tr.F)
				evals = append(evals, float64(tr.NFev))
				if tr.Failed {
					failed++
				}
				if tr.Budget == Evals && (tr.NFev > c.EvalsPerParam*tr.N || tr.NFev > 500) {
					t.Errorf("%s n=%d: %d evaluations, budget %d", tr.Method, tr.N, tr.NFev, min(c.EvalsPerParam*tr.N, 500))
				}
				if tr.Budget == Time && (tr.Status == optim.EvaluationLimit || tr.Status == optim.IterationLimit) {
					t.Errorf("%s n=%d at equal time: status %v", tr.Method, tr.N, tr.Status)
				}
				if tr.Budget == Time && tr.Time > c.Time.Seconds()+2 { // a loaded machine
					t.Errorf("%s n=%d: %.3g s for a %v deadline", tr.Method, tr.N, tr.Time, c.Time)
				}
				if tr.Err != "" || !optim.IsFinite(tr.F) {
					t.Errorf("%+v", tr)
				}
			}
		}
		if len(fs) != c.Seeds || r.Runs != c.Seeds {
			t.Fatalf("%s n=%d %v: %d trials, Runs %d", r.Method, r.N, r.Budget, len(fs), r.Runs)
		}
		lo, hi := slices.Min(fs), slices.Max(fs)
		if !(lo <= r.Q25 && r.Q25 <= r.Median && r.Median <= r.Q75 && r.Q75 <= hi) {
			t.Errorf("%s n=%d %v: quartiles %g %g %g outside [%g, %g]", r.Method, r.N, r.Budget, r.Q25, r.Median, r.Q75, lo, hi)
		}
		if c.Seeds == 3 && !slices.Contains(fs, r.Median) {
			t.Errorf("%s: median of 3 values %v is %g", r.Method, fs, r.Median)
		}
		if r.MedianEvals < slices.Min(evals) || r.MedianEvals > slices.Max(evals) {
			t.Errorf("%s: median evals %g outside %v", r.Method, r.MedianEvals, evals)
		}
		if r.Failed != float64(failed)/float64(c.Seeds) {
			t.Errorf("%s: failed %g, trials say %d of %d", r.Method, r.Failed, failed, c.Seeds)
		}
		total := 0
		for _, k := range r.Statuses {
			total += k
		}
		if total != r.Runs || !(r.Seconds > 0) || !(r.SecondsPerEval > 0) {
			t.Errorf("%s: statuses %v, seconds %g, per eval %g", r.Method, r.Statuses, r.Seconds, r.SecondsPerEval)
		}
		if r.Gradient != (r.Method != "pso -noearlystop -swarmsize 20") {
			t.Errorf("%s: Gradient %v", r.Method, r.Gradient)
		}
	}
	// The text table has a header and one line per row; JSON round-trips.
	var b bytes.Buffer
	if err := tab.Write(&b); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(b.String(), "\n"); lines != 1+len(tab.Rows) {
		t.Errorf("table has %d lines:\n%s", lines, b.String())
	}
	t.Logf("\n%s", b.String())
	js, err := json.Marshal(tab)
	if err != nil {
		t.Fatal(err)
	}
	var back struct { // (optim.Status has no UnmarshalText: read the rows only)
		Rows []Row
	}
	if err := json.Unmarshal(js, &back); err != nil || len(back.Rows) != len(tab.Rows) || back.Rows[0].Median != tab.Rows[0].Median || back.Rows[1].Budget != tab.Rows[1].Budget {
		t.Errorf("JSON: %v", err)
	}
	// The plots render.
	for _, p := range []func() (*plot.Plot, error){
		tab.LossPlot, tab.TimePlot,
		func() (*plot.Plot, error) { return tab.Plot(Time, Loss) },
		func() (*plot.Plot, error) { return tab.Plot(Evals, SecondsPerEval) },
	} {
		pl, err := p()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := viz.PNG(pl, 6*vg.Inch, 4*vg.Inch); err != nil {
			t.Error(err)
		}
	}
}

// The same seeds give the same table at equal evaluations (times aside).
func TestDeterministic(t *testing.T) {
	c := tiny()
	c.Budgets = []Budget{Evals}
	c.Methods = append(c.Methods, "anneal")
	c.Sizes = []int{10}
	a, err := Run(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Run(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a.Trials {
		x, y := a.Trials[i], b.Trials[i]
		if x.F != y.F || x.NFev != y.NFev || x.Status != y.Status || x.Method != y.Method || x.Seed != y.Seed {
			t.Errorf("trial %d: %+v vs %+v", i, x, y)
		}
	}
	for i := range a.Rows {
		x, y := a.Rows[i], b.Rows[i]
		if x.Median != y.Median || x.Q25 != y.Q25 || x.Q75 != y.Q75 || x.Failed != y.Failed || x.MedianEvals != y.MedianEvals {
			t.Errorf("row %d: %+v vs %+v", i, x, y)
		}
	}
	// Different seeds give different start points, hence different losses.
	fs := map[float64]bool{}
	for _, tr := range a.Trials {
		if tr.Method == "adam -lr 0.01" {
			fs[tr.F] = true
		}
	}
	if len(fs) != c.Seeds {
		t.Errorf("adam's %d seeds gave %d distinct losses", c.Seeds, len(fs))
	}
}

func TestEntries(t *testing.T) {
	e, err := ParseEntry("  study-flagged   -sep ")
	if err != nil || e.Name != "study-flagged" || !slices.Equal(e.Args, []string{"-sep"}) || e.String() != "study-flagged -sep" {
		t.Fatalf("%+v %v", e, err)
	}
	m, err := e.Method()
	if err != nil || !m.(*flagged).Sep {
		t.Fatalf("flag not set: %v", err)
	}
	m2, _ := Entry{Name: "study-flagged"}.Method()
	if m2.(*flagged).Sep {
		t.Error("methods must be fresh copies")
	}
	for _, bad := range []string{"", "study-flagged -nosuch", "study-flagged -sep extra", "adam -lr x", "nosuchmethod"} {
		e, err := ParseEntry(bad)
		if err == nil {
			_, err = e.Method()
		}
		if err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	e, err = ParseEntry("lbfgsb +fd -memory 5")
	if err != nil || !e.FD || !slices.Equal(e.Args, []string{"-memory", "5"}) || e.String() != "lbfgsb -memory 5 +fd" {
		t.Errorf("+fd: %+v %v", e, err)
	}
	// +fd: the gradient costs n evaluations and is not analytic.
	c0 := tiny()
	c0.Methods, c0.Sizes, c0.Seeds, c0.Budgets = []string{"lbfgsb", "lbfgsb +fd"}, []int{10}, 1, []Budget{Evals}
	tab0, err := Run(context.Background(), c0)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := tab0.Trials[0], tab0.Trials[1]; a.NGev == 0 || b.NGev != 0 || b.NFev <= a.NFev || !tab0.Rows[0].Gradient || tab0.Rows[1].Gradient {
		t.Errorf("+fd: %+v %+v", a, b)
	}
	// A flag run through the study reaches the method.
	c := tiny()
	c.Methods, c.Sizes, c.Seeds, c.Budgets = []string{"study-flagged -sep"}, []int{10}, 1, []Budget{Evals}
	tab, err := Run(context.Background(), c)
	if err != nil || len(tab.Trials) != 1 || tab.Trials[0].NFev != 1 || tab.Trials[0].Status != optim.Converged {
		t.Fatalf("%v %+v", err, tab)
	}
}

func TestMissingAndBad(t *testing.T) {
	c := tiny()
	c.Methods = []string{"adam", "slsqp", "cmaes -sep"}
	c.Sizes, c.Seeds, c.Budgets = []int{10}, 1, []Budget{Evals}
	tab, err := Run(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"slsqp", "cmaes -sep"} {
		if _, lookup := optim.Lookup(strings.Fields(m)[0]); lookup == nil {
			continue // registered in this build
		}
		found := false
		for _, n := range tab.Notes {
			found = found || strings.HasPrefix(n, m+": skipped")
		}
		if !found {
			t.Errorf("no note for %s: %q", m, tab.Notes)
		}
	}
	bad := []func(*Config){
		func(c *Config) { c.Methods = []string{"adma"} },
		func(c *Config) { c.Methods = []string{"adam -nosuchflag"} },
		func(c *Config) { c.Methods = []string{"pso", ""} },
		func(c *Config) { c.Methods = []string{} },
		func(c *Config) { c.Seeds = -1 },
		func(c *Config) { c.Sizes = []int{10, 0} },
		func(c *Config) { c.Sizes = []int{} },
		func(c *Config) { c.EvalsPerParam = -5 },
		func(c *Config) { c.MaxEvals = -5 },
		func(c *Config) { c.Timeout = -time.Second },
		func(c *Config) { c.Time = -time.Second },
		func(c *Config) { c.Bound = math.NaN() },
		func(c *Config) { c.Bound = math.Inf(1) },
		func(c *Config) { c.FailLoss = -1 },
		func(c *Config) { c.Budgets = []Budget{7} },
	}
	for i, f := range bad {
		c := tiny()
		f(&c)
		if tab, err := Run(context.Background(), c); err == nil {
			t.Errorf("bad config %d: no error (%d rows)", i, len(tab.Rows))
		}
	}
	if _, err := ParseBudgets("evals,times"); err == nil {
		t.Error("ParseBudgets accepted times")
	}
	if bs, err := ParseBudgets("both"); err != nil || !slices.Equal(bs, []Budget{Evals, Time}) {
		t.Errorf("both: %v %v", bs, err)
	}
}

// A cancelled context ends the study promptly with its error.
func TestCancel(t *testing.T) {
	c := Default()
	c.Methods = []string{"pso -noearlystop"}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := Run(ctx, c)
	if err == nil || time.Since(start) > 2*time.Second {
		t.Errorf("err %v after %v", err, time.Since(start))
	}
}

func TestQuantile(t *testing.T) {
	// numpy.quantile([3, 1, 4, 1, 5], [0.25, 0.5, 0.75]) = 1, 3, 4;
	// numpy.median([1, 2, 3, 4]) = 2.5, quantile 0.25 = 1.75.
	for _, c := range []struct {
		xs   []float64
		q    float64
		want float64
	}{
		{[]float64{3, 1, 4, 1, 5}, 0.25, 1}, {[]float64{3, 1, 4, 1, 5}, 0.5, 3}, {[]float64{3, 1, 4, 1, 5}, 0.75, 4},
		{[]float64{4, 3, 2, 1}, 0.5, 2.5}, {[]float64{4, 3, 2, 1}, 0.25, 1.75}, {[]float64{7}, 0.5, 7},
		{[]float64{1, math.Inf(1)}, 0.5, math.Inf(1)}, {[]float64{1, 2, math.Inf(1)}, 0.5, 2},
	} {
		if got := Quantile(c.xs, c.q); got != c.want {
			t.Errorf("Quantile(%v, %g) = %g, want %g", c.xs, c.q, got, c.want)
		}
	}
	if !math.IsNaN(Quantile(nil, 0.5)) {
		t.Error("Quantile of nothing must be NaN")
	}
}

func TestConclusion(t *testing.T) {
	row := func(m string, grad bool, n int, med, per float64) Row {
		return Row{Method: m, Gradient: grad, N: n, Budget: Evals, Median: med, SecondsPerEval: per}
	}
	tab := &Table{Reference: "adam", Config: Config{EvalsPerParam: 100}, Rows: []Row{
		row("adam", true, 10, 1e-3, 1e-6), row("pso", false, 10, 5e-3, 2e-6), row("cmaes", false, 10, 1e-3, 3e-6),
		row("adam", true, 30, 1e-4, 2e-6), row("pso", false, 30, 2e-3, 3e-6), row("cmaes", false, 30, 5e-4, 4e-6),
		row("adam", true, 100, 1e-5, 5e-6), row("pso", false, 100, 1e-1, 6e-6), row("cmaes", false, 100, math.Inf(1), 9e-6),
		{Method: "pso", N: 100, Budget: Time, Median: 1e-9}, // other budgets do not count
	}}
	vs := tab.Conclusion(0)
	if len(vs) != 2 {
		t.Fatalf("%+v", vs)
	}
	if v := vs[0]; v.Method != "pso" || v.StopsAt != 30 || v.CompetitiveUpTo != 10 || v.Ratio != 20 || v.SecondsPerEval != 3e-6 || v.RefSecondsPerEval != 2e-6 || v.Gradient {
		t.Errorf("pso: %+v", v)
	}
	if v := vs[1]; v.Method != "cmaes" || v.StopsAt != 100 || v.CompetitiveUpTo != 30 {
		t.Errorf("cmaes: %+v", v)
	}
	vs = tab.Conclusion(1e5)
	if v := vs[0]; v.StopsAt != 0 || v.At != 100 || v.Ratio != 1e4 || !strings.Contains(v.String(), "competitive with adam up to n = 100") {
		t.Errorf("factor 1e5: %+v %s", v, v)
	}
	var b bytes.Buffer
	tab.WriteConclusion(&b, 0)
	if !strings.Contains(b.String(), "pso (gradient-free): not competitive with adam from n = 30 on (after n = 10") {
		t.Errorf("%s", b.String())
	}
	t.Logf("\n%s", b.String())
}

// Non-finite values are written as null in JSON.
func TestJSONNonFinite(t *testing.T) {
	tab := &Table{Reference: "adam", Rows: []Row{
		{Method: "adam", N: 9, Median: 1, SecondsPerEval: 1e-6},
		{Method: "pso", N: 9, Median: math.Inf(1), Q75: math.NaN(), SecondsPerEval: 1e-6},
	}, Trials: []Trial{{Method: "pso", F: math.NaN()}}}
	js, err := json.Marshal(struct {
		*Table
		Conclusion []Verdict
	}{tab, tab.Conclusion(10)})
	if err != nil {
		t.Fatal(err)
	}
	s := string(js)
	for _, want := range []string{`"Median":null`, `"Q75":null`, `"F":null`, `"Ratio":null`, `"Method":"pso"`, `"StopsAt":9`} {
		if !strings.Contains(s, want) {
			t.Errorf("no %s in %s", want, s)
		}
	}
}
