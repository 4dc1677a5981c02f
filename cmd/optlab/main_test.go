package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"strings"
	"testing"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
)

// spy is a fake method that records the task it is given. Its parameter
// -mode selects what it does: "nan" ends NonFinite, "panic" panics (a bug
// in a method), "reject" rejects its input; otherwise it evaluates x0 three
// times and converges.
type spy struct {
	mode string
	oneD bool
}

var lastTask *optim.Task

func (s *spy) Info() optim.Info {
	name := "zz-spy"
	if s.oneD {
		name = "zz-spy-1d"
	}
	return optim.Info{Name: name, Summary: "fake method\nfor tests", Iteration: "nothing", OneD: s.oneD, DefaultMaxIter: 42}
}

func (s *spy) Flags(fs *flag.FlagSet) { fs.StringVar(&s.mode, "mode", "", "what the spy does") }

func (s *spy) Run(t *optim.Task) error {
	lastTask = t
	switch s.mode {
	case "reject":
		return optim.ErrFailed
	case "panic":
		panic("boom")
	}
	x := t.X0
	if x == nil {
		x = make([]float64, t.N)
		copy(x, t.Problem.Lower)
	}
	for range 3 {
		t.Eval(x)
	}
	if s.mode == "nan" {
		t.Finish(optim.NonFinite, "f is NaN")
		return nil
	}
	t.Finish(optim.Converged, "fake")
	return nil
}

func init() {
	optim.Register(func() optim.Method { return &spy{} })
	optim.Register(func() optim.Method { return &spy{oneD: true} })
}

func runArgs(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func decode(t *testing.T, out string) map[string]any {
	t.Helper()
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	return got
}

func TestSolveJSON(t *testing.T) {
	code, out, errs := runArgs("solve", "-method", "zz-spy", "-problem", "rosenbrock", "-dim", "3", "-seed", "4", "-maxiter", "17", "-maxeval", "99", "-workers", "2", "-fdstep", "1e-6", "-gtol", "1e-7", "-json")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	got := decode(t, out)
	for _, k := range []string{"method", "problem", "x", "fun", "nfev", "nit", "status", "message", "seconds", "success", "trace_len"} {
		if _, ok := got[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	want := 100*math.Pow(1-1.44, 2) + 4.84 + 100*math.Pow(-1.2-1, 2) + 0
	if got["method"] != "zz-spy" || got["problem"] != "rosenbrock" || got["status"] != "converged" || got["success"] != true {
		t.Errorf("wrong fields: %v", got)
	}
	if f := got["fun"].(float64); math.Abs(f-want) > 1e-12 {
		t.Errorf("fun = %g, want %g", f, want)
	}
	if got["nfev"].(float64) != 3 || got["trace_len"].(float64) != 3 || got["dim"].(float64) != 3 {
		t.Errorf("counts wrong: %v", got)
	}
	s := lastTask.Settings
	if s.MaxIter != 17 || s.MaxEval != 99 || s.Seed != 4 || s.Workers != 2 || s.FDStep != 1e-6 || s.GTol != 1e-7 {
		t.Errorf("settings wrong: %+v", s)
	}
	// -fdstep drops the analytic gradient; no box unless asked.
	if lastTask.Problem.Grad != nil || lastTask.Problem.Lower != nil || len(lastTask.X0) != 3 || lastTask.X0[0] != -1.2 {
		t.Errorf("problem wrong: grad %v, lower %v, x0 %v", lastTask.Problem.Grad != nil, lastTask.Problem.Lower, lastTask.X0)
	}
}

func TestSolveDefaultsAndX0(t *testing.T) {
	code, _, errs := runArgs("solve", "-method", "zz-spy", "-problem", "sphere")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if lastTask.Settings.MaxIter != 42 || len(lastTask.X0) != 2 || lastTask.Problem.Grad == nil {
		t.Errorf("defaults: maxiter %d, x0 %v", lastTask.Settings.MaxIter, lastTask.X0)
	}
	code, out, errs := runArgs("solve", "-method", "zz-spy", "-problem", "sphere", "-x0", "1, 2,3.5,-4", "-box")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if x := lastTask.X0; len(x) != 4 || x[2] != 3.5 || x[3] != -4 || lastTask.Problem.Upper[3] != 5.12 {
		t.Errorf("x0 = %v, box %v", x, lastTask.Problem.Upper)
	}
	if !strings.Contains(out, "f(x)") || !strings.Contains(out, "33.25") {
		t.Errorf("table output lacks f(x) = 33.25:\n%s", out)
	}
}

func TestSolveOneD(t *testing.T) {
	code, out, errs := runArgs("solve", "-method", "zz-spy-1d", "-problem", "poly", "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	p := lastTask.Problem
	poly := problems.Poly()
	if p.Lower[0] != 0 || p.Upper[0] != 2 || p.Func([]float64{1}) != poly.F(1) || p.Hess == nil {
		t.Fatalf("1-D problem wrong: %+v", p)
	}
	if !strings.Contains(out, `"problem": "poly"`) {
		t.Errorf("output %s", out)
	}
	if code, _, errs := runArgs("solve", "-method", "zz-spy-1d", "-problem", "rastrigin", "-dim", "1"); code != 0 || lastTask.Problem.Lower[0] != -5.12 {
		t.Errorf("1-D method on rastrigin -dim 1: exit %d (%s)", code, errs)
	}
}

// The real methods, end to end.
func TestSolveRealMethods(t *testing.T) {
	cases := []struct {
		args    []string
		code    int
		status  string
		fun     float64
		tol     float64
		nfevMax float64
	}{
		{[]string{"-method", "golden", "-problem", "poly"}, 0, "converged", -24.369601567, 1e-8, 0},
		{[]string{"-method", "newton1d", "-problem", "poly"}, 0, "converged", -24.369601567, 1e-8, 0},
		{[]string{"-method", "slsqp", "-problem", "toynet", "-fdstep", "0.001"}, 1, "iteration limit", 3.0969, 1e-3, 1866},
		{[]string{"-method", "gd", "-problem", "rosenbrock", "-maxiter", "10"}, 1, "iteration limit", math.NaN(), 0, 10},
		{[]string{"-method", "bfgs", "-problem", "rosenbrock"}, 0, "converged", 0, 1e-10, 0},
		{[]string{"-method", "cmaes", "-problem", "sphere", "-sigma0", "1", "-seed", "3"}, 0, "converged", 0, 1e-8, 0},
		{[]string{"-method", "pso", "-problem", "sphere", "-swarmsize", "30"}, 0, "converged", 0, 1e-4, 0},
		{[]string{"-method", "cmaes+lbfgsb", "-problem", "rastrigin", "-maxeval", "2000"}, -1, "", math.NaN(), 0, 2000},
	}
	for _, c := range cases {
		code, out, errs := runArgs(append(append([]string{"solve"}, c.args...), "-json")...)
		if c.code >= 0 && code != c.code {
			t.Errorf("%v: exit %d, want %d (%s)", c.args, code, c.code, errs)
			continue
		}
		if code == 2 || code == 3 {
			t.Errorf("%v: exit %d (%s)", c.args, code, errs)
			continue
		}
		got := decode(t, out)
		if c.status != "" && got["status"] != c.status {
			t.Errorf("%v: status %v, want %s (%s)", c.args, got["status"], c.status, got["message"])
		}
		if got["success"] != (code == 0) {
			t.Errorf("%v: success %v but exit %d", c.args, got["success"], code)
		}
		if !math.IsNaN(c.fun) {
			if f, ok := got["fun"].(float64); !ok || math.Abs(f-c.fun) > c.tol {
				t.Errorf("%v: fun %v, want %v ± %g", c.args, got["fun"], c.fun, c.tol)
			}
		}
		if c.nfevMax > 0 && got["nfev"].(float64) > c.nfevMax {
			t.Errorf("%v: nfev %v > %v", c.args, got["nfev"], c.nfevMax)
		}
	}
}

func TestSolveFailures(t *testing.T) {
	code, out, _ := runArgs("solve", "-method", "zz-spy", "-problem", "sphere", "-mode", "nan", "-json")
	if code != 1 {
		t.Errorf("non-finite result: exit %d, want 1", code)
	}
	if got := decode(t, out); got["success"] != false || got["status"] != "non-finite value" {
		t.Errorf("failed run: %v", got)
	}
	if code, _, errs := runArgs("solve", "-method", "zz-spy", "-problem", "sphere", "-mode", "reject"); code != 2 || !strings.Contains(errs, "zz-spy") {
		t.Errorf("method error: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := runArgs("solve", "-method", "zz-spy", "-problem", "sphere", "-mode", "panic"); code != 3 || !strings.Contains(errs, "report") {
		t.Errorf("panicking method: exit %d, stderr %q", code, errs)
	}
}

func TestUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string // in stderr
	}{
		{nil, "usage"},
		{[]string{"frobnicate"}, "unknown command"},
		{[]string{"solve"}, "missing -method"},
		{[]string{"solve", "-method", "zz-spy"}, "missing -problem"},
		{[]string{"solve", "-method", "cmaess", "-problem", "sphere"}, `did you mean "cmaes"?`},
		{[]string{"solve", "-method", "nope", "-problem", "sphere"}, "adam, anneal, bfgs"},
		{[]string{"solve", "-method", "zz-spy", "-problem", "rosenbrok"}, `did you mean "rosenbrock"?`},
		{[]string{"solve", "-method", "zz-spy-1d", "-problem", "rosenbrock"}, "1-D method"},
		{[]string{"solve", "-method", "zz-spy-1d", "-problem", "sphere"}, "-dim 1"},
		{[]string{"solve", "-method", "zz-spy", "-problem", "sphere", "-x0", "1,,2"}, "-x0"},
		{[]string{"solve", "-method", "zz-spy", "-problem", "sphere", "-x0", "1,inf"}, "-x0"},
		{[]string{"solve", "-method", "zz-spy", "-problem", "sphere", "-x0", "1,2", "-dim", "3"}, "-x0 has 2"},
		{[]string{"solve", "-method", "pso", "-problem", "sphere", "-x0", "1,2"}, "does not use a start point"},
		{[]string{"solve", "-method", "anneal", "-problem", "sphere", "-x0", "9,9"}, "outside the bounds"},
		{[]string{"solve", "-method", "zz-spy", "-problem", "sphere", "-maxiter", "-5"}, "MaxIter"},
		{[]string{"solve", "-method", "zz-spy", "-problem", "sphere", "-dim", "0"}, "dimension"},
		{[]string{"solve", "-method", "zz-spy", "-problem", "sphere", "-dim", "1000000000"}, "limit"},
		{[]string{"solve", "-method", "zz-spy", "-problem", "toynet", "-dim", "3"}, "10"},
		{[]string{"solve", "-method", "zz-spy", "-problem", "sphere", "-workers", "-1"}, "Workers"},
		{[]string{"solve", "-method", "adam", "-problem", "sphere", "-lr", "-1"}, "LR"},
		{[]string{"solve", "-method", "cmaes", "-problem", "sphere", "-sigma0", "NaN"}, "Sigma0"},
		{[]string{"solve", "-method", "zz-spy", "-problem", "sphere", "-fdstep", "-1"}, "FDStep"},
		{[]string{"solve", "-method", "zz-spy", "-problem", "sphere", "-nonsense"}, "not defined"},
		{[]string{"solve", "-method", "zz-spy", "-problem", "sphere", "stray"}, "unexpected"},
		{[]string{"methods", "extra"}, "unexpected"},
	}
	for _, c := range cases {
		code, _, errs := runArgs(c.args...)
		if code != 2 {
			t.Errorf("%q: exit %d, want 2 (%s)", c.args, code, errs)
		}
		if !strings.Contains(errs, c.want) {
			t.Errorf("%q: stderr %q lacks %q", c.args, errs, c.want)
		}
	}
}

func TestListings(t *testing.T) {
	code, out, _ := runArgs("methods")
	if code != 0 || !strings.Contains(out, "zz-spy") || !strings.Contains(out, "fake method for tests") || !strings.Contains(out, "1-D") {
		t.Errorf("methods: exit %d\n%s", code, out)
	}
	for _, name := range optim.Names() {
		if !strings.Contains(out, name) {
			t.Errorf("methods lacks %s", name)
		}
	}
	code, out, _ = runArgs("methods", "-json")
	var ms []map[string]any
	if err := json.Unmarshal([]byte(out), &ms); code != 0 || err != nil || len(ms) != len(optim.Names()) {
		t.Errorf("methods -json: exit %d, %v, %d entries", code, err, len(ms))
	}
	code, out, _ = runArgs("problems")
	if code != 0 {
		t.Fatalf("problems: exit %d", code)
	}
	for _, s := range problems.List() {
		if !strings.Contains(out, s.Name) {
			t.Errorf("problems output lacks %s", s.Name)
		}
	}
	if !strings.Contains(out, "[-2.048, 2.048]^n") || !strings.Contains(out, "0.7830541615") {
		t.Errorf("problems output lacks domain or minimum:\n%s", out)
	}
	code, out, _ = runArgs("problems", "-json")
	var ps []map[string]any
	if err := json.Unmarshal([]byte(out), &ps); code != 0 || err != nil || len(ps) != len(problems.List()) {
		t.Errorf("problems -json: exit %d, %v", code, err)
	}
	for _, args := range [][]string{{"help"}, {"help", "solve"}, {"solve", "-h"}, {"solve", "-method", "cmaes", "-h"}} {
		if code, _, _ := runArgs(args...); code != 0 {
			t.Errorf("%q: exit %d, want 0", args, code)
		}
	}
}
