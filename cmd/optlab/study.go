package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/optlab/optlab/pkg/study"
)

// runStudy is `optlab study`: the scaling study (package study) of the
// methods on MLP training tasks of growing size, printed as a table and
// the conclusion (or as JSON with -json). Its default is study.Large (10
// to 1000 parameters, ten to twenty minutes); -quick is the notebook's
// study.Default. An interrupt (Ctrl-C) prints the cells finished so far.
func runStudy(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("study", "[-quick] [-sizes 10,30,100] [-seeds N] [-budget evals|time|both] [-methods 'adam -lr 0.01,lbfgsb,...'] [-json]", stderr)
	def := study.Large()
	var (
		quick    = fs.Bool("quick", false, "the notebook's small study (10, 30, 100 parameters; 100·n evaluations or 0.1 s per run)")
		sizes    = fs.String("sizes", "", "approximate numbers of parameters, comma-separated (default 10,30,100,300,1000; -quick: 10,30,100)")
		seeds    = fs.Int("seeds", def.Seeds, "seeds per cell")
		budget   = fs.String("budget", "both", "budget kind: evals (equal evaluations), time (equal wall time) or both")
		methods  = fs.String("methods", strings.Join(def.Methods, ","), "study entries, comma-separated, each a method name and its flags")
		evals    = fs.Int("evals", 0, "evaluations per parameter at equal evaluations, MaxEval = min(evals·n, -maxevals) (default 100)")
		maxEvals = fs.Int("maxevals", -1, "cap on the evaluations of one run at equal evaluations, 0: none (default 20000; -quick: 0)")
		timeout  = fs.Duration("timeout", -1, "longest time of one equal-evaluation run, 0: none (default 1m; -quick: 0)")
		perRun   = fs.Duration("time", 0, "wall time per run at equal time (default 1s; -quick: 100ms)")
		factor   = fs.Float64("factor", 10, "the conclusion: a method stops being competitive where its median loss exceeds factor × the reference's")
		ref      = fs.String("reference", "", "the entry the conclusion compares with (default: the first adam entry)")
		asJSON   = fs.Bool("json", false, "print the table, the runs and the conclusion as JSON")
		progress = fs.Bool("v", false, "print every run to stderr as it finishes")
	)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg := def
	if *quick {
		cfg = study.Default()
	}
	if *seeds < 1 {
		return usagef("-seeds must be at least 1, got %d", *seeds)
	}
	cfg.Seeds = *seeds
	cfg.Reference = *ref
	if *evals != 0 {
		cfg.EvalsPerParam = *evals
	}
	if *maxEvals >= 0 {
		cfg.MaxEvals = *maxEvals
	}
	if *timeout >= 0 {
		cfg.Timeout = *timeout
	}
	if *perRun != 0 {
		cfg.Time = *perRun
	}
	if *sizes != "" {
		cfg.Sizes = nil
		for _, f := range strings.Split(*sizes, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < 1 {
				return usagef("-sizes: %q is not a positive integer", f)
			}
			cfg.Sizes = append(cfg.Sizes, n)
		}
	}
	bs, err := study.ParseBudgets(*budget)
	if err != nil {
		return usagef("-budget: %v", err)
	}
	cfg.Budgets = bs
	cfg.Methods = nil
	for _, m := range strings.Split(*methods, ",") {
		if m = strings.TrimSpace(m); m != "" {
			cfg.Methods = append(cfg.Methods, m)
		}
	}
	if len(cfg.Methods) == 0 {
		return usagef("-methods: no entries")
	}
	if *progress {
		cfg.Progress = func(r study.Trial) {
			fmt.Fprintf(stderr, "%s n=%d %v seed %d: loss %.4g, %v, %d evaluations, %.3gs\n",
				r.Method, r.N, r.Budget, r.Seed, r.F, r.Status, r.NFev, r.Time)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	start := time.Now()
	tab, err := study.Run(ctx, cfg)
	if tab == nil {
		return usagef("%v", err)
	}
	if err != nil {
		fmt.Fprintf(stderr, "optlab study: interrupted (%v); the cells finished so far:\n", err)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if e := enc.Encode(struct {
			*study.Table
			Conclusion []study.Verdict
			Seconds    float64
		}{tab, tab.Conclusion(*factor), time.Since(start).Seconds()}); e != nil {
			return e
		}
	} else {
		if e := tab.Write(stdout); e != nil {
			return e
		}
		fmt.Fprintln(stdout)
		if e := tab.WriteConclusion(stdout, *factor); e != nil {
			return e
		}
		fmt.Fprintf(stdout, "(%d runs in %.1f s)\n", len(tab.Trials), time.Since(start).Seconds())
	}
	if err != nil {
		return exitCode(1)
	}
	return nil
}
