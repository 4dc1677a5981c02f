// Command gonumcmp runs optlab's methods side by side with their
// counterparts in gonum/optimize on the Moré–Garbow–Hillstrom problems
// (package problems: Rosenbrock in n = 2, 10, 100, Beale, Powell singular,
// Wood, Brown badly scaled, Freudenstein–Roth), in one process, and prints
// one row per problem and pair:
//
//	go run ./cmd/gonumcmp [-markdown] [-methods bfgs,neldermead] [-problems beale,wood]
//
// The pairs (ours ↔ gonum): bfgs ↔ BFGS, lbfgsb ↔ LBFGS, cg ↔ CG,
// newton ↔ Newton, neldermead ↔ NelderMead, steepest (or gd where steepest
// is not built in) ↔ GradientDescent. Our methods are looked up by name
// (optim.Lookup) with their default parameters; a method that is not
// registered is skipped with a note on standard error.
//
// Both sides get the analytic gradient (and Hessian), the same gradient
// tolerance -gtol (default 1e-6: our Settings.GTol, gonum's
// Settings.GradientThreshold) and the same budget (-maxeval function
// evaluations: our Settings.MaxEval, gonum's FuncEvaluations; -maxiter
// iterations: our Settings.MaxIter, gonum's MajorIterations).
//
// The gradient methods are compared "to the same gradient tolerance", so
// both sides stop on the gradient only: every f-based test is switched off.
// Ours get Settings.FTol = NoFTol (1e-300: lbfgsb's relative-reduction test,
// scipy's factr, then fires only when f stops changing altogether; the
// other gradient methods have no f test); gonum's get Settings.Converger =
// optimize.NeverTerminate{} instead of its default FunctionConverge (stop
// when f has not decreased by 1e-10 in 100 iterations), as gonum's
// Settings documentation suggests for disabling it.
// Nelder–Mead, which has no gradient, gets -nmtol as our XTol and FTol
// (scipy's xatol and fatol) and gonum's default Converger (its only
// stopping test besides the budget); it is compared by the evaluations
// until f first reaches the target, which does not depend on when a side
// stops.
//
// The columns show "ours / gonum": the final f, ‖∇f‖∞ at the returned X
// (computed here, not counted), the numbers of function, gradient and
// Hessian evaluations (our Result.NFev, NGev, NHev; gonum's Stats), the
// wall time, and the status. A side reached the tolerance if ‖∇f(X)‖∞ ≤
// -gtol (for Nelder–Mead: if f(X) is within -ftarget of the problem's
// minimum or of its known local minimum; "fev to f*" counts the function
// evaluations until f first got there). The last column flags every row
// where ours needed more evaluations than gonum's to reach the tolerance
// (function + gradient + Hessian evaluations; for Nelder–Mead, fev to f*):
// "MORE EVALS", or did not reach it while gonum did: "NOT REACHED".
//
// With -markdown the table is Markdown, for BENCHMARKS.md:
//
//	go run ./cmd/gonumcmp -markdown > table.md
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"gonum.org/v1/gonum/optimize"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
)

// Pair is one of our methods and gonum's counterpart.
type Pair struct {
	Ours     []string // candidate names, the first registered one is used
	Gonum    string
	New      func() optimize.Method
	Gradient bool // compared by the gradient tolerance (else by f)
}

// Pairs are the comparisons, in table order.
var Pairs = []Pair{
	{[]string{"bfgs"}, "BFGS", func() optimize.Method { return &optimize.BFGS{} }, true},
	{[]string{"lbfgsb"}, "LBFGS", func() optimize.Method { return &optimize.LBFGS{} }, true},
	{[]string{"cg"}, "CG", func() optimize.Method { return &optimize.CG{} }, true},
	{[]string{"newton"}, "Newton", func() optimize.Method { return &optimize.Newton{} }, true},
	{[]string{"neldermead"}, "NelderMead", func() optimize.Method { return &optimize.NelderMead{} }, false},
	{[]string{"steepest", "gd"}, "GradientDescent", func() optimize.Method { return &optimize.GradientDescent{} }, true},
}

// Config are the common settings of a comparison.
type Config struct {
	GTol    float64 // gradient tolerance, ∞-norm, for both sides
	NMTol   float64 // our Nelder–Mead's XTol and FTol
	FTarget float64 // f − f* that counts as reached for Nelder–Mead
	MaxEval int     // function evaluations, both sides
	MaxIter int     // iterations, both sides
}

// NoFTol is our Settings.FTol for the gradient methods: the f-based
// stopping test (lbfgsb's relative reduction of f) switched off in effect.
const NoFTol = 1e-300

// DefaultConfig is the configuration of the published table.
var DefaultConfig = Config{GTol: 1e-6, NMTol: 1e-8, FTarget: 1e-6, MaxEval: 100000, MaxIter: 100000}

// Side is one run's outcome.
type Side struct {
	F, GNorm         float64
	NFev, NGev, NHev int
	Time             time.Duration
	Status           string
	Reached          bool
	// ToTarget is, for Nelder–Mead, the number of function evaluations
	// until f was first within FTarget of a known minimum (0: never).
	ToTarget int
}

// Evals is the total number of evaluations, function + gradient + Hessian.
func (s Side) Evals() int { return s.NFev + s.NGev + s.NHev }

// Cost is what the flag compares: ToTarget for Nelder–Mead, Evals for the
// gradient methods (which both stop at the gradient tolerance).
func (s Side) Cost(gradient bool) int {
	if gradient {
		return s.Evals()
	}
	return s.ToTarget
}

// Row is one problem and pair.
type Row struct {
	Problem, Ours, Gonum string
	Gradient             bool
	Us, Them             Side
	Flag                 string
}

func main() {
	var (
		markdown = flag.Bool("markdown", false, "print a Markdown table")
		methods  = flag.String("methods", "", "comma-separated names of our methods to compare (default all pairs)")
		probs    = flag.String("problems", "", "comma-separated problem names, e.g. beale,rosenbrock-10 (default all)")
		cfg      = DefaultConfig
	)
	flag.Float64Var(&cfg.GTol, "gtol", cfg.GTol, "gradient tolerance ‖∇f‖∞ for both sides")
	flag.Float64Var(&cfg.NMTol, "nmtol", cfg.NMTol, "our Nelder–Mead's XTol and FTol")
	flag.Float64Var(&cfg.FTarget, "ftarget", cfg.FTarget, "f − f* that counts as reached for Nelder–Mead")
	flag.IntVar(&cfg.MaxEval, "maxeval", cfg.MaxEval, "function evaluations allowed, both sides")
	flag.IntVar(&cfg.MaxIter, "maxiter", cfg.MaxIter, "iterations allowed, both sides")
	flag.Parse()
	rows, notes, err := Run(cfg, split(*methods), split(*probs))
	for _, n := range notes {
		fmt.Fprintln(os.Stderr, "note:", n)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gonumcmp:", err)
		os.Exit(2)
	}
	if *markdown {
		WriteMarkdown(os.Stdout, rows, cfg)
	} else {
		WriteText(os.Stdout, rows)
	}
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// Run compares every pair (or those whose our-name is in methods) on every
// MGH problem (or those in probs), and returns the rows and notes on
// skipped methods.
func Run(cfg Config, methods, probs []string) ([]Row, []string, error) {
	all := problems.MGHProblems()
	var names []string
	for _, m := range all {
		names = append(names, m.Name)
	}
	for _, p := range probs {
		if !slices.Contains(names, p) {
			return nil, nil, optim.UnknownName("problem", p, names)
		}
	}
	var notes []string
	type chosen struct {
		Pair
		name string
	}
	var use []chosen
	matched := map[string]bool{}
	for _, pr := range Pairs {
		if len(methods) > 0 && !slices.ContainsFunc(pr.Ours, func(n string) bool { return slices.Contains(methods, n) }) {
			continue
		}
		name := ""
		for _, n := range pr.Ours {
			if _, err := optim.Lookup(n); err == nil && (len(methods) == 0 || slices.Contains(methods, n)) {
				name = n
				break
			}
		}
		for _, n := range pr.Ours {
			matched[n] = true
		}
		if name == "" {
			notes = append(notes, fmt.Sprintf("%s ↔ gonum %s skipped: %s not registered in this build", strings.Join(pr.Ours, " or "), pr.Gonum, strings.Join(pr.Ours, ", ")))
			continue
		}
		use = append(use, chosen{pr, name})
	}
	for _, m := range methods {
		if !matched[m] {
			var ours []string
			for _, pr := range Pairs {
				ours = append(ours, pr.Ours...)
			}
			return nil, notes, optim.UnknownName("method with a gonum counterpart", m, ours)
		}
	}
	var rows []Row
	for _, prob := range all {
		if len(probs) > 0 && !slices.Contains(probs, prob.Name) {
			continue
		}
		for _, c := range use {
			rows = append(rows, Compare(cfg, prob, c.Pair, c.name))
		}
	}
	return rows, notes, nil
}

// Compare runs our method name and gonum's counterpart on prob.
func Compare(cfg Config, prob problems.MGH, pr Pair, name string) Row {
	row := Row{Problem: prob.Name, Ours: name, Gonum: pr.Gonum, Gradient: pr.Gradient}
	row.Us = runOurs(cfg, prob, pr, name)
	row.Them = runGonum(cfg, prob, pr)
	row.Flag = flagOf(row)
	return row
}

// flagOf is "MORE EVALS" if both sides reached the tolerance and ours cost
// more evaluations (Side.Cost), "NOT REACHED" if only gonum reached it,
// else "".
func flagOf(r Row) string {
	switch {
	case r.Us.Reached && r.Them.Reached && r.Us.Cost(r.Gradient) > r.Them.Cost(r.Gradient):
		return "MORE EVALS"
	case !r.Us.Reached && r.Them.Reached:
		return "NOT REACHED"
	}
	return ""
}

func runOurs(cfg Config, prob problems.MGH, pr Pair, name string) Side {
	m, err := optim.Lookup(name)
	if err != nil {
		return Side{F: math.NaN(), GNorm: math.NaN(), Status: err.Error()}
	}
	s := &optim.Settings{GTol: cfg.GTol, MaxEval: cfg.MaxEval, MaxIter: cfg.MaxIter}
	if pr.Gradient {
		s.FTol = NoFTol // stop on the gradient only
	} else {
		s.XTol, s.FTol = cfg.NMTol, cfg.NMTol
	}
	p := prob.Problem
	var first *int
	p.Func, first = counting(p.Func, target(cfg, prob))
	start := time.Now()
	r, err := optim.Minimize(context.Background(), p, prob.X0, s, m)
	el := time.Since(start)
	if err != nil {
		return Side{F: math.NaN(), GNorm: math.NaN(), Time: el, Status: "error: " + err.Error()}
	}
	out := Side{F: r.F, NFev: r.NFev, NGev: r.NGev, NHev: r.NHev, Time: el, Status: r.Status.String(), ToTarget: *first}
	out.GNorm, out.Reached = measure(cfg, prob, pr, r.X, r.F)
	return out
}

// target is the largest f that counts as a known minimum reached.
func target(cfg Config, prob problems.MGH) float64 {
	t := prob.FMin + cfg.FTarget*math.Max(1, math.Abs(prob.FMin))
	if prob.LocalXMin != nil {
		t = max(t, prob.LocalFMin+cfg.FTarget*math.Max(1, math.Abs(prob.LocalFMin)))
	}
	return t
}

// counting wraps f to count its calls; *first becomes the number of the
// first call whose value is ≤ target. (Both sides call f from one
// goroutine.)
func counting(f func([]float64) float64, target float64) (func([]float64) float64, *int) {
	calls, first := 0, new(int)
	return func(x []float64) float64 {
		v := f(x)
		calls++
		if *first == 0 && v <= target {
			*first = calls
		}
		return v
	}, first
}

func runGonum(cfg Config, prob problems.MGH, pr Pair) (out Side) {
	fn, first := counting(prob.Problem.Func, target(cfg, prob))
	p := optimize.Problem{Func: fn, Grad: prob.Problem.Grad, Hess: prob.Problem.Hess}
	s := &optimize.Settings{GradientThreshold: cfg.GTol, FuncEvaluations: cfg.MaxEval, MajorIterations: cfg.MaxIter}
	if pr.Gradient {
		s.Converger = optimize.NeverTerminate{} // stop on the gradient only
	}
	start := time.Now()
	defer func() { // gonum panics on some misuse; report it as a status
		if v := recover(); v != nil {
			out = Side{F: math.NaN(), GNorm: math.NaN(), Time: time.Since(start), Status: fmt.Sprintf("panic: %v", v)}
		}
	}()
	r, err := optimize.Minimize(p, slices.Clone(prob.X0), s, pr.New())
	el := time.Since(start)
	if r == nil {
		return Side{F: math.NaN(), GNorm: math.NaN(), Time: el, Status: "error: " + err.Error()}
	}
	out = Side{F: r.F, NFev: r.FuncEvaluations, NGev: r.GradEvaluations, NHev: r.HessEvaluations, Time: el, Status: r.Status.String(), ToTarget: *first}
	if err != nil {
		out.Status += ": " + err.Error()
	}
	out.GNorm, out.Reached = measure(cfg, prob, pr, r.X, r.F)
	return out
}

// measure returns ‖∇f(x)‖∞ and whether x reached the tolerance.
func measure(cfg Config, prob problems.MGH, pr Pair, x []float64, f float64) (float64, bool) {
	if x == nil || !optim.IsFinite(f) {
		return math.NaN(), false
	}
	g := make([]float64, len(x))
	prob.Problem.Grad(g, x)
	gn := 0.0
	for _, v := range g {
		gn = max(gn, math.Abs(v))
	}
	if math.IsNaN(gn) {
		return gn, false
	}
	if pr.Gradient {
		return gn, gn <= cfg.GTol
	}
	return gn, f <= target(cfg, prob)
}

func header() []string {
	return []string{"problem", "ours ↔ gonum", "f", "‖∇f‖∞", "fev", "gev", "hev", "fev to f*", "time", "status", "flag"}
}

func cells(r Row) []string {
	two := func(a, b string) string { return a + " / " + b }
	g := func(v float64) string { return fmt.Sprintf("%.3g", v) }
	d := func(v int) string { return fmt.Sprint(v) }
	t := func(v time.Duration) string { return v.Round(time.Microsecond).String() }
	return []string{
		r.Problem, r.Ours + " ↔ " + r.Gonum,
		two(g(r.Us.F), g(r.Them.F)), two(g(r.Us.GNorm), g(r.Them.GNorm)),
		two(d(r.Us.NFev), d(r.Them.NFev)), two(d(r.Us.NGev), d(r.Them.NGev)), two(d(r.Us.NHev), d(r.Them.NHev)),
		toTarget(r), two(t(r.Us.Time), t(r.Them.Time)), two(r.Us.Status, r.Them.Status), r.Flag,
	}
}

// toTarget is the "fev to f*" cell: Nelder–Mead rows only, "—" for never.
func toTarget(r Row) string {
	if r.Gradient {
		return ""
	}
	c := func(n int) string {
		if n == 0 {
			return "—"
		}
		return fmt.Sprint(n)
	}
	return c(r.Us.ToTarget) + " / " + c(r.Them.ToTarget)
}

// WriteText prints rows as an aligned table.
func WriteText(w io.Writer, rows []Row) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(header(), "\t"))
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(cells(r), "\t"))
	}
	tw.Flush()
}

// WriteMarkdown prints rows as a Markdown table with a note on the
// settings.
func WriteMarkdown(w io.Writer, rows []Row, cfg Config) {
	h := header()
	fmt.Fprintf(w, "| %s |\n", strings.Join(h, " | "))
	fmt.Fprintf(w, "|%s\n", strings.Repeat(" --- |", len(h)))
	for _, r := range rows {
		c := cells(r)
		for i := range c {
			c[i] = strings.ReplaceAll(c[i], "|", `\|`)
		}
		if r.Flag != "" {
			c[len(c)-1] = "**" + r.Flag + "**"
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(c, " | "))
	}
	fmt.Fprintf(w, "\nEach cell is ours / gonum. Both sides: analytic gradients (and Hessians), gradient tolerance ‖∇f‖∞ ≤ %g "+
		"(our GTol, gonum's GradientThreshold), at most %d function evaluations and %d iterations; "+
		"every f-based stopping test off for the gradient methods (our FTol = %g, gonum's Converger = NeverTerminate), so both sides stop on the gradient only. "+
		"Nelder–Mead: our XTol = FTol = %g, gonum's default Converger; it reached the target when f − f* ≤ %g·max(1, |f*|) for the minimum or the known local minimum, "+
		"and \"fev to f*\" counts the evaluations until f first got there. "+
		"MORE EVALS: ours reached the tolerance with more evaluations than gonum (function + gradient + Hessian; for Nelder–Mead, fev to f*); "+
		"NOT REACHED: gonum reached it and ours did not. Times are single runs on a shared machine.\n",
		cfg.GTol, cfg.MaxEval, cfg.MaxIter, NoFTol, cfg.NMTol, cfg.FTarget)
}
