package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
)

// maxDim is the largest -dim the CLI accepts: 10⁶ variables are 8 MB per
// vector, and no method here is practical beyond that.
const maxDim = 1_000_000

// solveFlags are the common flags of optlab solve; the method's own flags
// are bound to the method value itself (optim.Flagger).
type solveFlags struct {
	method, problem string
	dim             int
	x0              string
	box             bool
	s               optim.Settings
	fd              bool
	nats            string
	json            bool
	set             map[string]bool // flags given explicitly
}

// methodArg finds the value of -method in args before parsing, so that the
// method's own flags can be defined.
func methodArg(args []string) string {
	for i, a := range args {
		a = strings.TrimLeft(a, "-")
		if a == "method" && i+1 < len(args) {
			return args[i+1]
		}
		if v, ok := strings.CutPrefix(a, "method="); ok {
			return v
		}
	}
	return ""
}

func parseSolveFlags(args []string, stderr io.Writer) (*solveFlags, optim.Method, error) {
	f := &solveFlags{set: map[string]bool{}}
	fs := newFlagSet("solve", "-method NAME -problem NAME [flags] (the method's own flags: optlab solve -method NAME -h)", stderr)
	fs.StringVar(&f.method, "method", "", "method `name` (see optlab methods)")
	fs.StringVar(&f.problem, "problem", "", "problem `name` (see optlab problems)")
	fs.IntVar(&f.dim, "dim", 0, "dimension `n` (default: the problem's default, or the length of -x0)")
	fs.StringVar(&f.x0, "x0", "", "start `point` \"a,b,...\" (default: the problem's standard start; an error for methods without a start point)")
	fs.BoolVar(&f.box, "box", false, "search inside the problem's usual domain (always on for methods that need bounds)")
	fs.IntVar(&f.s.MaxIter, "maxiter", 0, "iteration limit `n` (default: the method's; see optlab methods)")
	fs.IntVar(&f.s.MaxEval, "maxeval", 0, "evaluation limit `n` (default: the method's)")
	fs.Float64Var(&f.s.GTol, "gtol", 0, "gradient tolerance (default: the method's)")
	fs.Float64Var(&f.s.FTol, "ftol", 0, "objective tolerance (default: the method's)")
	fs.Float64Var(&f.s.XTol, "xtol", 0, "point tolerance (default: the method's)")
	fs.Float64Var(&f.s.FDStep, "fdstep", 0, "use forward differences with this `step` instead of the problem's analytic gradient")
	fs.Uint64Var(&f.s.Seed, "seed", 0, "`seed` of stochastic methods")
	fs.IntVar(&f.s.Workers, "workers", 1, "`n` goroutines evaluating a batch (results do not depend on it)")
	fs.StringVar(&f.nats, "nats", "", "evaluate on remote workers (optlab worker) through the NATS server at `url`")
	fs.BoolVar(&f.json, "json", false, "print the result as JSON")
	var m optim.Method
	if name := methodArg(args); name != "" {
		var err error
		if m, err = optim.Lookup(name); err != nil {
			return nil, nil, usagef("%v", err)
		}
		if fl, ok := m.(optim.Flagger); ok {
			fl.Flags(fs)
		}
	}
	if err := parseFlags(fs, args); err != nil {
		return nil, nil, err
	}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	f.fd = f.set["fdstep"]
	return f, m, nil
}

// parseX0 parses a comma-separated list of finite numbers.
func parseX0(s string) ([]float64, error) {
	parts := strings.Split(s, ",")
	x := make([]float64, len(parts))
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return nil, usagef("bad -x0 %q: element %d (%q) is not a number", s, i, strings.TrimSpace(p))
		}
		if !optim.IsFinite(v) {
			return nil, usagef("bad -x0 %q: element %d is %v, not a finite number", s, i, v)
		}
		x[i] = v
	}
	return x, nil
}

// job is one run: a problem, a start point and the settings.
type job struct {
	spec problems.Spec
	p    optim.Problem
	x0   []float64
	n    int
}

// buildJob checks the flags and makes the problem and the start point for
// method m, following its Info: the usual domain as bounds for methods that
// need bounds (and 1-D methods: it is their interval), no start point for
// methods that take none.
func buildJob(f *solveFlags, m optim.Method) (*job, error) {
	if f.method == "" {
		return nil, usagef("missing -method (see optlab methods)")
	}
	if f.problem == "" {
		return nil, usagef("missing -problem (see optlab problems)")
	}
	spec, err := problems.Lookup(f.problem)
	if err != nil {
		return nil, usagef("%v", err)
	}
	if err := f.s.Validate(); err != nil {
		return nil, usagef("%v", err)
	}
	info := m.Info()
	var x0 []float64
	if f.set["x0"] {
		if info.NoX0 {
			return nil, usagef("%s does not use a start point; drop -x0", info.Name)
		}
		if x0, err = parseX0(f.x0); err != nil {
			return nil, err
		}
	}
	n := spec.DefaultDim
	switch {
	case f.set["dim"]:
		n = f.dim
	case x0 != nil && spec.Dim == 0:
		n = len(x0)
	}
	if n > maxDim {
		return nil, usagef("-dim %d is above the limit of %d variables", n, maxDim)
	}
	if err := spec.CheckDim(n); err != nil {
		return nil, usagef("%v", err)
	}
	if info.OneD && n != 1 {
		hint := ""
		if spec.CheckDim(1) == nil {
			hint = " or -dim 1"
		}
		return nil, usagef("%s is a 1-D method but %s has dimension %d; choose a 1-D problem (cos, halfsquare, poly)%s", info.Name, spec.Name, n, hint)
	}
	if x0 != nil && len(x0) != n {
		return nil, usagef("-x0 has %d elements but the problem has dimension %d", len(x0), n)
	}
	p, err := spec.Problem(n)
	if err != nil {
		return nil, usagef("%v", err)
	}
	if f.fd {
		// -fdstep asks for finite differences: drop the analytic
		// derivatives (this is how the reference experiment ran SLSQP).
		p.Grad, p.Hess = nil, nil
	}
	if p.Lower == nil && (f.box || info.NeedsBounds || info.OneD) {
		p.Lower, p.Upper = spec.Box(n)
	}
	if x0 == nil && !info.NoX0 && !info.NeedsBounds && !(info.OneD && p.Lower != nil) {
		x0 = spec.X0(n)
	}
	if x0 == nil && info.OneD && !info.NoX0 {
		x0 = spec.X0(n) // Newton-type 1-D methods start from x0
	}
	return &job{spec: spec, p: p, x0: x0, n: n}, nil
}

// solveOutput is the JSON form of a result.
type solveOutput struct {
	Method    string      `json:"method"`
	Problem   string      `json:"problem"`
	Dim       int         `json:"dim"`
	X         []jsonFloat `json:"x"`
	Fun       jsonFloat   `json:"fun"`
	NFev      int         `json:"nfev"`
	NGev      int         `json:"ngev"`
	NHev      int         `json:"nhev"`
	NIt       int         `json:"nit"`
	Status    string      `json:"status"`
	Success   bool        `json:"success"`
	Message   string      `json:"message"`
	Seconds   float64     `json:"seconds"`
	TraceLen  int         `json:"trace_len"`
	Seed      uint64      `json:"seed"`
	KnownFMin jsonFloat   `json:"known_fmin"`
}

// jsonFloat is a float64 that is written as null when it is NaN or ±Inf,
// which JSON cannot represent.
type jsonFloat float64

func (v jsonFloat) MarshalJSON() ([]byte, error) {
	if !optim.IsFinite(float64(v)) {
		return []byte("null"), nil
	}
	return json.Marshal(float64(v))
}

func jsonFloats(v []float64) []jsonFloat {
	if v == nil {
		return nil
	}
	out := make([]jsonFloat, len(v))
	for i, x := range v {
		out[i] = jsonFloat(x)
	}
	return out
}

func runSolve(args []string, stdout, stderr io.Writer) error {
	f, m, err := parseSolveFlags(args, stderr)
	if err != nil {
		return err
	}
	if m == nil {
		return usagef("missing -method (see optlab methods)")
	}
	j, err := buildJob(f, m)
	if err != nil {
		return err
	}
	ctx, stopSignals := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stopSignals()
	if f.nats != "" {
		closer, err := useRemote(ctx, f.nats, j, &f.s)
		if err != nil {
			return err
		}
		defer closer()
	}
	start := time.Now()
	res, err := optim.Minimize(ctx, j.p, j.x0, &f.s, m)
	secs := time.Since(start).Seconds()
	if errors.Is(err, optim.ErrInternal) {
		return &internalError{err.Error()}
	}
	if err != nil {
		return usagef("%v", err)
	}
	out := solveOutput{
		Method:    res.Method,
		Problem:   j.spec.Name,
		Dim:       j.n,
		X:         jsonFloats(res.X),
		Fun:       jsonFloat(res.F),
		NFev:      res.NFev,
		NGev:      res.NGev,
		NHev:      res.NHev,
		NIt:       res.NIt,
		Status:    res.Status.String(),
		Success:   res.Status.Success(),
		Message:   res.Message,
		Seconds:   secs,
		TraceLen:  len(res.Trace),
		Seed:      f.s.Seed,
		KnownFMin: jsonFloat(j.spec.FMin),
	}
	if f.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return fmt.Errorf("writing JSON: %v", err)
		}
	} else {
		printResult(stdout, out)
	}
	if !out.Success {
		return exitCode(1)
	}
	return nil
}

func printResult(w io.Writer, o solveOutput) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	success := "not converged"
	if o.Success {
		success = "success"
	}
	xs := make([]string, len(o.X))
	for i, v := range o.X {
		xs[i] = strconv.FormatFloat(float64(v), 'g', 10, 64)
	}
	fmt.Fprintf(tw, "method\t%s\n", o.Method)
	fmt.Fprintf(tw, "problem\t%s (dimension %d)\n", o.Problem, o.Dim)
	fmt.Fprintf(tw, "status\t%s (%s)\n", o.Status, success)
	fmt.Fprintf(tw, "message\t%s\n", o.Message)
	fmt.Fprintf(tw, "f(x)\t%.12g\n", float64(o.Fun))
	fmt.Fprintf(tw, "known min f\t%.12g\n", float64(o.KnownFMin))
	fmt.Fprintf(tw, "x\t[%s]\n", strings.Join(xs, ", "))
	fmt.Fprintf(tw, "evaluations\t%d (f), %d (gradient), %d (Hessian)\n", o.NFev, o.NGev, o.NHev)
	fmt.Fprintf(tw, "iterations\t%d\n", o.NIt)
	fmt.Fprintf(tw, "seed\t%d\n", o.Seed)
	fmt.Fprintf(tw, "time\t%.3g s\n", o.Seconds)
	tw.Flush()
}
