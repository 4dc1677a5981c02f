package study

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/optlab/optlab/pkg/optim"
)

// Row is one cell of the table: one entry at one size with one budget,
// over all seeds.
type Row struct {
	Method   string // the entry, e.g. "cmaes -sep"
	Gradient bool   // the method uses the analytic gradient (Info.Gradient, and no +fd)
	N        int    // parameters
	Budget   Budget
	Runs     int
	// Median, Q25 and Q75 are quantiles of the final losses (NaN counts as
	// +Inf), with numpy's default linear interpolation.
	Median, Q25, Q75 float64
	// Failed is the fraction of failed runs (see Trial.Failed).
	Failed float64
	// MedianEvals is the median number of objective evaluations.
	MedianEvals float64
	// Seconds is the median wall time of a run; SecondsPerEval the
	// median of each run's time / evaluations (method overhead and
	// gradients included).
	Seconds, SecondsPerEval float64
	// Statuses counts the runs by final status.
	Statuses map[string]int
}

func summarize(runs []Trial, gradient bool) Row {
	r := runs[0]
	row := Row{Method: r.Method, Gradient: gradient, N: r.N, Budget: r.Budget, Runs: len(runs), Statuses: map[string]int{}}
	fs := make([]float64, len(runs))
	evals := make([]float64, len(runs))
	secs := make([]float64, len(runs))
	per := make([]float64, len(runs))
	failed := 0
	for i, t := range runs {
		fs[i] = t.F
		if !optim.IsFinite(t.F) {
			fs[i] = math.Inf(1)
		}
		evals[i], secs[i] = float64(t.NFev), t.Time
		per[i] = t.Time / float64(max(t.NFev, 1))
		if t.Failed {
			failed++
		}
		st := t.Status.String()
		if t.Err != "" {
			st = "error"
		}
		row.Statuses[st]++
	}
	row.Q25, row.Median, row.Q75 = Quantile(fs, 0.25), Quantile(fs, 0.5), Quantile(fs, 0.75)
	row.Failed = float64(failed) / float64(len(runs))
	row.MedianEvals, row.Seconds, row.SecondsPerEval = Quantile(evals, 0.5), Quantile(secs, 0.5), Quantile(per, 0.5)
	return row
}

// Quantile returns the q-quantile of xs with linear interpolation between
// the order statistics (numpy's default, R's type 7): the median of an
// even count is the mean of the middle two. +Inf sorts last; an
// interpolation with an infinite neighbour gives +Inf. NaN for no data.
func Quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	h := q * float64(len(s)-1)
	i := int(math.Floor(h))
	if i >= len(s)-1 {
		return s[len(s)-1]
	}
	w := h - float64(i)
	if w == 0 {
		return s[i]
	}
	if math.IsInf(s[i+1], 1) {
		return math.Inf(1)
	}
	return s[i] + w*(s[i+1]-s[i])
}

// Table is the study's result.
type Table struct {
	Config Config
	// Reference is the entry the conclusion compares with.
	Reference string
	// Rows are the cells in the order run: by size, budget, entry.
	Rows []Row
	// Trials are all runs, in the order run.
	Trials []Trial
	// Notes say which entries were skipped and why.
	Notes []string
}

// Row returns the cell of entry method at n parameters with budget b.
func (t *Table) Row(method string, n int, b Budget) (Row, bool) {
	for _, r := range t.Rows {
		if r.Method == method && r.N == n && r.Budget == b {
			return r, true
		}
	}
	return Row{}, false
}

// Methods returns the entries that have rows, in order of appearance.
func (t *Table) Methods() []string {
	var ms []string
	for _, r := range t.Rows {
		if !slices.Contains(ms, r.Method) {
			ms = append(ms, r.Method)
		}
	}
	return ms
}

// Write prints the table, one line per cell, then the notes.
func (t *Table) Write(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "method\tn\tbudget\truns\tmedian loss\tq25\tq75\tfailed\tmedian evals\tmedian time\ttime/eval\t")
	for _, r := range t.Rows {
		budget := fmt.Sprintf("%d evals", t.Config.MaxEval(r.N))
		if r.Budget == Time {
			budget = fmt.Sprintf("%v", t.Config.Time)
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%d\t%.3g\t%.3g\t%.3g\t%.0f%%\t%.0f\t%v\t%v\t\n",
			r.Method, r.N, budget, r.Runs, r.Median, r.Q25, r.Q75, 100*r.Failed, r.MedianEvals,
			seconds(r.Seconds), seconds(r.SecondsPerEval))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, n := range t.Notes {
		if _, err := fmt.Fprintf(w, "note: %s\n", n); err != nil {
			return err
		}
	}
	return nil
}

// seconds formats a time in seconds with three significant digits.
func seconds(s float64) time.Duration {
	d := time.Duration(s * float64(time.Second))
	for r := time.Duration(1); r < time.Hour; r *= 10 {
		if d < 1000*r {
			return d.Round(r)
		}
	}
	return d.Round(time.Second)
}

// Verdict is the conclusion for one entry: where it stops being
// competitive with the reference at equal evaluations.
type Verdict struct {
	Method    string
	Gradient  bool
	Reference string
	Factor    float64
	// StopsAt is the smallest n at which the entry's median loss is more
	// than Factor times the reference's (0: at no n of the study);
	// CompetitiveUpTo the largest n below it where it was not (0: none).
	StopsAt, CompetitiveUpTo int
	// At is StopsAt, or the largest n of the study if it never stops;
	// Ratio is the entry's median loss over the reference's there, and
	// SecondsPerEval, RefSecondsPerEval their times per evaluation.
	At                                int
	Ratio                             float64
	SecondsPerEval, RefSecondsPerEval float64
}

func (v Verdict) String() string {
	kind := "gradient-free"
	if v.Gradient {
		kind = "uses the gradient"
	}
	if strings.HasSuffix(v.Method, " +fd") {
		kind = "finite-difference gradients"
	}
	cost := fmt.Sprintf("%v per evaluation vs %v for %s (×%.2g)", seconds(v.SecondsPerEval), seconds(v.RefSecondsPerEval),
		v.Reference, v.SecondsPerEval/v.RefSecondsPerEval)
	if v.StopsAt == 0 {
		return fmt.Sprintf("%s (%s): competitive with %s up to n = %d (median loss ×%.2g of its); %s",
			v.Method, kind, v.Reference, v.At, v.Ratio, cost)
	}
	upTo := "at every n of the study"
	if v.CompetitiveUpTo > 0 {
		upTo = fmt.Sprintf("after n = %d", v.CompetitiveUpTo)
	}
	return fmt.Sprintf("%s (%s): not competitive with %s from n = %d on (%s; median loss ×%.2g > ×%g); %s",
		v.Method, kind, v.Reference, v.StopsAt, upTo, v.Ratio, v.Factor, cost)
}

// Conclusion compares every entry with the reference at equal
// evaluations: an entry stops being competitive at the first n where its
// median final loss exceeds factor (0: 10) times the reference's. It
// returns nil without a reference or without Evals rows.
func (t *Table) Conclusion(factor float64) []Verdict {
	factor = optim.Or(factor, 10)
	var out []Verdict
	for _, m := range t.Methods() {
		if m == t.Reference {
			continue
		}
		v := Verdict{Method: m, Reference: t.Reference, Factor: factor}
		seen := false
		for _, n := range t.sizes() {
			r, ok1 := t.Row(m, n, Evals)
			ref, ok2 := t.Row(t.Reference, n, Evals)
			if !ok1 || !ok2 {
				continue
			}
			seen = true
			v.Gradient = r.Gradient
			v.At, v.Ratio = n, r.Median/ref.Median
			v.SecondsPerEval, v.RefSecondsPerEval = r.SecondsPerEval, ref.SecondsPerEval
			if !(r.Median <= factor*ref.Median) { // NaN and +Inf are not competitive
				v.StopsAt = n
				break
			}
			v.CompetitiveUpTo = n
		}
		if seen {
			out = append(out, v)
		}
	}
	return out
}

// WriteConclusion prints the conclusion, one sentence per entry.
func (t *Table) WriteConclusion(w io.Writer, factor float64) error {
	vs := t.Conclusion(factor)
	if len(vs) == 0 {
		_, err := fmt.Fprintln(w, "no conclusion: the study has no reference entry or no equal-evaluation runs")
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "At equal evaluations (%s), compared with %s:\n", t.Config.evalBudget(), t.Reference)
	for _, v := range vs {
		fmt.Fprintf(&b, "  %s\n", v)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// sizes returns the distinct n of the rows, increasing.
func (t *Table) sizes() []int {
	var ns []int
	for _, r := range t.Rows {
		if !slices.Contains(ns, r.N) {
			ns = append(ns, r.N)
		}
	}
	slices.Sort(ns)
	return ns
}
