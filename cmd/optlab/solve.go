package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
)

// solveFlags are the flags of optlab solve.
type solveFlags struct {
	method, problem string
	dim             int
	seed            uint64
	maxIter         int
	workers         int
	eps, sigma0, lr float64
	x0              string
	json            bool
	set             map[string]bool // flags given explicitly
}

func parseSolveFlags(args []string, stderr io.Writer) (*solveFlags, error) {
	f := &solveFlags{set: map[string]bool{}}
	fs := newFlagSet("solve", "-method NAME -problem NAME [flags]", stderr)
	fs.StringVar(&f.method, "method", "", "method `name` (see optlab methods)")
	fs.StringVar(&f.problem, "problem", "", "problem `name` (see optlab problems)")
	fs.IntVar(&f.dim, "dim", 0, "dimension `n` (default: the problem's default, or the length of -x0)")
	fs.Uint64Var(&f.seed, "seed", 0, "`seed` of stochastic methods")
	fs.IntVar(&f.maxIter, "maxiter", 0, "iteration limit `n` (default: the method's)")
	fs.IntVar(&f.workers, "workers", 0, "`n` goroutines evaluating a population (0 or 1: serial)")
	fs.Float64Var(&f.eps, "eps", 0, "use finite-difference gradients with this `step` instead of the problem's analytic gradient")
	fs.Float64Var(&f.sigma0, "sigma0", 0, "initial step `size` of CMA-ES (default: the method's)")
	fs.Float64Var(&f.lr, "lr", 0, "learning `rate` of gradient methods (default: the method's)")
	fs.StringVar(&f.x0, "x0", "", "start `point` \"a,b,...\" (default: the problem's)")
	fs.BoolVar(&f.json, "json", false, "print the result as JSON")
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	return f, nil
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

// buildJob checks the flags and turns them into a Job for method m.
func buildJob(f *solveFlags) (Method, problems.Spec, Job, error) {
	var job Job
	if f.method == "" {
		return Method{}, problems.Spec{}, job, usagef("missing -method (see optlab methods)")
	}
	if f.problem == "" {
		return Method{}, problems.Spec{}, job, usagef("missing -problem (see optlab problems)")
	}
	m, err := lookupMethod(f.method)
	if err != nil {
		return m, problems.Spec{}, job, usagef("%v", err)
	}
	spec, err := problems.Lookup(f.problem)
	if err != nil {
		return m, spec, job, usagef("%v", err)
	}
	if f.set["maxiter"] && f.maxIter <= 0 {
		return m, spec, job, usagef("-maxiter must be positive, got %d", f.maxIter)
	}
	if f.workers < 0 {
		return m, spec, job, usagef("-workers must be non-negative, got %d", f.workers)
	}
	for _, p := range []struct {
		name string
		v    float64
	}{{"eps", f.eps}, {"sigma0", f.sigma0}, {"lr", f.lr}} {
		if f.set[p.name] && !(p.v > 0 && !math.IsInf(p.v, 1)) {
			return m, spec, job, usagef("-%s must be a positive number, got %v", p.name, p.v)
		}
	}
	var x0 []float64
	if f.set["x0"] {
		if x0, err = parseX0(f.x0); err != nil {
			return m, spec, job, err
		}
	}
	n := spec.DefaultDim
	switch {
	case f.set["dim"]:
		n = f.dim
	case x0 != nil && spec.Dim == 0:
		n = len(x0)
	}
	if err := spec.CheckDim(n); err != nil {
		return m, spec, job, usagef("%v", err)
	}
	if m.OneD && n != 1 {
		hint := ""
		if spec.CheckDim(1) == nil {
			hint = " or -dim 1"
		}
		return m, spec, job, usagef("%s is a 1-D method but %s has dimension %d; choose a 1-D problem (cos, halfsquare, poly)%s", m.Name, spec.Name, n, hint)
	}
	if x0 != nil && len(x0) != n {
		return m, spec, job, usagef("-x0 has %d elements but the problem has dimension %d", len(x0), n)
	}
	if x0 == nil {
		x0 = spec.X0(n)
	}
	p, err := spec.Problem(n)
	if err != nil {
		return m, spec, job, usagef("%v", err)
	}
	if f.eps > 0 {
		// -eps asks for finite differences with that step: drop the
		// analytic gradient so every method differentiates numerically
		// (this is how the reference experiment ran SLSQP).
		p.Grad = nil
	}
	lower, upper := spec.Box(n)
	job = Job{
		Problem: p,
		X0:      x0,
		Lower:   lower,
		Upper:   upper,
		MaxIter: f.maxIter,
		Seed:    f.seed,
		Workers: f.workers,
		Eps:     f.eps,
		Sigma0:  f.sigma0,
		LR:      f.lr,
		Bounded: p.Lower != nil,
	}
	if sc := spec.Scalar; sc != nil {
		job.Scalar = &Scalar{F: sc.F, DF: sc.DF, D2F: sc.D2F, A: sc.A, B: sc.B, X0: x0[0]}
	} else if n == 1 {
		job.Scalar = scalarView(p, lower[0], upper[0], x0[0])
	}
	return m, spec, job, nil
}

// scalarView is the 1-D problem p (Dim 1) as a Scalar on [a, b], with f′
// from its gradient and no f″.
func scalarView(p optim.Problem, a, b, x0 float64) *Scalar {
	f, grad := p.Func, p.Grad
	s := &Scalar{
		F:  func(x float64) float64 { return f([]float64{x}) },
		A:  a,
		B:  b,
		X0: x0,
	}
	if grad != nil {
		s.DF = func(x float64) float64 {
			g := []float64{0}
			grad(g, []float64{x})
			return g[0]
		}
	}
	return s
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

func runSolve(args []string, stdout, stderr io.Writer) error {
	f, err := parseSolveFlags(args, stderr)
	if err != nil {
		return err
	}
	m, spec, job, err := buildJob(f)
	if err != nil {
		return err
	}
	start := time.Now()
	res, err := runMethod(m, job)
	secs := time.Since(start).Seconds()
	if err != nil {
		return err
	}
	out := solveOutput{
		Method:    m.Name,
		Problem:   spec.Name,
		Dim:       len(job.X0),
		Fun:       jsonFloat(res.F),
		NFev:      res.NFev,
		NGev:      res.NGev,
		NIt:       res.NIt,
		Status:    res.Status.String(),
		Success:   res.Status.Success(),
		Message:   res.Message,
		Seconds:   secs,
		TraceLen:  len(res.Trace),
		Seed:      f.seed,
		KnownFMin: jsonFloat(spec.FMin),
	}
	out.X = make([]jsonFloat, len(res.X))
	for i, v := range res.X {
		out.X[i] = jsonFloat(v)
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

// runMethod runs m on job; an error from the method is invalid input (exit
// status 2), a panic an internal error (exit status 3).
func runMethod(m Method, job Job) (res *optim.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, &internalError{fmt.Sprintf("method %s panicked: %v (this is a bug in optlab)", m.Name, r)}
		}
	}()
	res, err = m.Run(job)
	if err != nil {
		return nil, usagef("%s: %v", m.Name, err)
	}
	if res == nil {
		return nil, &internalError{fmt.Sprintf("method %s returned no result and no error (this is a bug in optlab)", m.Name)}
	}
	return res, nil
}

// internalError exits with status 3.
type internalError struct{ msg string }

func (e *internalError) Error() string { return e.msg }

func printResult(w io.Writer, o solveOutput) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	success := "failure"
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
	fmt.Fprintf(tw, "evaluations\t%d (f), %d (gradient)\n", o.NFev, o.NGev)
	fmt.Fprintf(tw, "iterations\t%d\n", o.NIt)
	fmt.Fprintf(tw, "seed\t%d\n", o.Seed)
	fmt.Fprintf(tw, "time\t%.3g s\n", o.Seconds)
	tw.Flush()
}
