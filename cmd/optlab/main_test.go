package main

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
)

// lastJob is the Job the fake methods saw last.
var lastJob Job

// Fake methods for the tests. The seed selects what they do: 13 → a
// non-finite result, 99 → an input error, 7 → a panic, 5 → nil result.
func init() {
	fake := func(job Job) (*optim.Result, error) {
		lastJob = job
		switch job.Seed {
		case 13:
			return &optim.Result{X: job.X0, F: math.NaN(), NFev: 1, Status: optim.NonFinite, Message: "f is NaN", Trace: []float64{math.Inf(1)}}, nil
		case 99:
			return nil, optim.ErrFailed // any error
		case 7:
			panic("boom")
		case 5:
			return nil, nil
		}
		f := job.Problem.Func(job.X0)
		return &optim.Result{X: append([]float64(nil), job.X0...), F: f, NFev: 3, NGev: 2, NIt: 1,
			Status: optim.Converged, Message: "fake", Trace: []float64{f, f, f}}, nil
	}
	registerMethod(Method{Name: "zz-test-nd", Summary: "fake N-D method\nfor tests", Run: fake})
	registerMethod(Method{Name: "zz-test-1d", Summary: "fake 1-D method", OneD: true, Run: func(job Job) (*optim.Result, error) {
		if job.Scalar == nil {
			panic("1-D method without Scalar")
		}
		return fake(job)
	}})
}

func runArgs(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestSolveJSON(t *testing.T) {
	code, out, errs := runArgs("solve", "-method", "zz-test-nd", "-problem", "rosenbrock", "-dim", "3", "-seed", "4", "-maxiter", "17", "-workers", "2", "-eps", "1e-6", "-sigma0", "0.3", "-lr", "0.01", "-json")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	for _, k := range []string{"method", "problem", "x", "fun", "nfev", "nit", "status", "message", "seconds", "success", "trace_len"} {
		if _, ok := got[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	// Rosenbrock(3) at its standard start (-1.2, 1, -1.2).
	want := 100*math.Pow(1-1.44, 2) + 4.84 + 100*math.Pow(-1.2-1, 2) + 0
	if got["method"] != "zz-test-nd" || got["problem"] != "rosenbrock" || got["status"] != "converged" || got["success"] != true {
		t.Errorf("wrong fields: %v", got)
	}
	if f := got["fun"].(float64); math.Abs(f-want) > 1e-12 {
		t.Errorf("fun = %g, want %g", f, want)
	}
	if got["nfev"].(float64) != 3 || got["nit"].(float64) != 1 || got["trace_len"].(float64) != 3 || got["dim"].(float64) != 3 {
		t.Errorf("counts wrong: %v", got)
	}
	if s := got["seconds"].(float64); s < 0 || s > 10 {
		t.Errorf("seconds = %g", s)
	}
	// The job carries the flags, the start point and the box.
	j := lastJob
	if j.MaxIter != 17 || j.Seed != 4 || j.Workers != 2 || j.Eps != 1e-6 || j.Sigma0 != 0.3 || j.LR != 0.01 {
		t.Errorf("job settings wrong: %+v", j)
	}
	if len(j.X0) != 3 || j.X0[0] != -1.2 || j.X0[1] != 1 || j.Scalar != nil || j.Problem.Dim != 3 {
		t.Errorf("job problem wrong: x0 %v scalar %v dim %d", j.X0, j.Scalar, j.Problem.Dim)
	}
	if len(j.Lower) != 3 || j.Lower[0] != -2.048 || j.Upper[2] != 2.048 || j.Bounded {
		t.Errorf("job box wrong: %v %v %v", j.Lower, j.Upper, j.Bounded)
	}
}

func TestSolveDefaultsAndX0(t *testing.T) {
	code, _, errs := runArgs("solve", "-method", "zz-test-nd", "-problem", "sphere")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if lastJob.MaxIter != 0 || len(lastJob.X0) != 2 {
		t.Errorf("defaults: maxiter %d, x0 %v", lastJob.MaxIter, lastJob.X0)
	}
	// -x0 sets the dimension of problems that exist in any dimension.
	code, out, errs := runArgs("solve", "-method", "zz-test-nd", "-problem", "sphere", "-x0", "1, 2,3.5,-4")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if x := lastJob.X0; len(x) != 4 || x[2] != 3.5 || x[3] != -4 {
		t.Errorf("x0 = %v", x)
	}
	if !strings.Contains(out, "f(x)") || !strings.Contains(out, "33.25") {
		t.Errorf("table output lacks f(x) = 33.25:\n%s", out)
	}
}

// -eps means finite differences with that step: the analytic gradient is
// dropped, as the reference experiment ran SLSQP.
func TestSolveEpsDropsGradient(t *testing.T) {
	if code, _, errs := runArgs("solve", "-method", "zz-test-nd", "-problem", "toynet"); code != 0 || lastJob.Problem.Grad == nil {
		t.Fatalf("without -eps: exit %d (%s), gradient present %v", code, errs, lastJob.Problem.Grad != nil)
	}
	if code, _, errs := runArgs("solve", "-method", "zz-test-nd", "-problem", "toynet", "-eps", "0.001"); code != 0 || lastJob.Problem.Grad != nil || lastJob.Eps != 0.001 {
		t.Errorf("with -eps: exit %d (%s), gradient present %v, eps %v", code, errs, lastJob.Problem.Grad != nil, lastJob.Eps)
	}
}

func TestSolveOneD(t *testing.T) {
	code, out, errs := runArgs("solve", "-method", "zz-test-1d", "-problem", "poly", "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	s := lastJob.Scalar
	poly := problems.Poly()
	if s == nil || s.A != 0 || s.B != 2 || s.X0 != poly.X0 || s.F(1) != poly.F(1) || s.DF(1) != poly.DF(1) || s.D2F(1) != poly.D2F(1) {
		t.Fatalf("Scalar wrong: %+v", s)
	}
	if len(lastJob.X0) != 1 || lastJob.Problem.Dim != 1 {
		t.Errorf("1-D job: x0 %v, dim %d", lastJob.X0, lastJob.Problem.Dim)
	}
	if !strings.Contains(out, `"problem": "poly"`) {
		t.Errorf("output %s", out)
	}
	// -x0 moves Newton's start.
	if code, _, errs := runArgs("solve", "-method", "zz-test-1d", "-problem", "cos", "-x0", "3"); code != 0 || lastJob.Scalar.X0 != 3 {
		t.Errorf("exit %d (%s), Scalar.X0 = %g", code, errs, lastJob.Scalar.X0)
	}
	// 1-D methods take N-D problems in dimension 1.
	if code, _, errs := runArgs("solve", "-method", "zz-test-1d", "-problem", "rastrigin", "-dim", "1"); code != 0 {
		t.Errorf("1-D method on rastrigin -dim 1: exit %d (%s)", code, errs)
	}
	if s := lastJob.Scalar; s == nil || s.A != -5.12 || s.B != 5.12 || s.X0 != 2.5 || s.D2F != nil ||
		s.F(0.5) != 10+0.25-10*math.Cos(math.Pi) || math.Abs(s.DF(0.25)-(0.5+20*math.Pi)) > 1e-12 {
		t.Errorf("Scalar view of rastrigin wrong: %+v", s)
	}
	// N-D methods also take 1-D problems.
	if code, _, errs := runArgs("solve", "-method", "zz-test-nd", "-problem", "halfsquare"); code != 0 {
		t.Errorf("N-D method on a 1-D problem: exit %d (%s)", code, errs)
	}
}

func TestSolveFailures(t *testing.T) {
	// A run that fails: exit 1, null for NaN in JSON.
	code, out, _ := runArgs("solve", "-method", "zz-test-nd", "-problem", "sphere", "-seed", "13", "-json")
	if code != 1 {
		t.Errorf("non-finite result: exit %d, want 1", code)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if got["fun"] != nil || got["success"] != false || got["status"] != "non-finite value" {
		t.Errorf("failed run: %v", got)
	}
	// The method rejects its input: exit 2.
	if code, _, errs := runArgs("solve", "-method", "zz-test-nd", "-problem", "sphere", "-seed", "99"); code != 2 || !strings.Contains(errs, "zz-test-nd") {
		t.Errorf("method error: exit %d, stderr %q", code, errs)
	}
	// A panicking or broken method: exit 3, no panic here.
	for _, seed := range []string{"7", "5"} {
		if code, _, errs := runArgs("solve", "-method", "zz-test-nd", "-problem", "sphere", "-seed", seed); code != 3 || !strings.Contains(errs, "bug") {
			t.Errorf("seed %s: exit %d, stderr %q", seed, code, errs)
		}
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
		{[]string{"solve", "-method", "zz-test-nd"}, "missing -problem"},
		{[]string{"solve", "-method", "nope", "-problem", "sphere"}, "unknown method"},
		{[]string{"solve", "-method", "zz-test-nd", "-problem", "nope"}, "unknown problem"},
		{[]string{"solve", "-method", "zz-test-1d", "-problem", "rosenbrock"}, "1-D method"},
		{[]string{"solve", "-method", "zz-test-1d", "-problem", "sphere"}, "-dim 1"},
		{[]string{"solve", "-method", "zz-test-1d", "-problem", "toynet"}, "1-D method"},
		{[]string{"solve", "-method", "zz-test-nd", "-problem", "sphere", "-x0", "1,,2"}, "-x0"},
		{[]string{"solve", "-method", "zz-test-nd", "-problem", "sphere", "-x0", "1,inf"}, "-x0"},
		{[]string{"solve", "-method", "zz-test-nd", "-problem", "sphere", "-x0", "1,2", "-dim", "3"}, "-x0 has 2"},
		{[]string{"solve", "-method", "zz-test-nd", "-problem", "himmelblau", "-x0", "1,2,3"}, "-x0 has 3"},
		{[]string{"solve", "-method", "zz-test-nd", "-problem", "sphere", "-maxiter", "0"}, "-maxiter"},
		{[]string{"solve", "-method", "zz-test-nd", "-problem", "sphere", "-maxiter", "-5"}, "-maxiter"},
		{[]string{"solve", "-method", "zz-test-nd", "-problem", "sphere", "-dim", "0"}, "dimension"},
		{[]string{"solve", "-method", "zz-test-nd", "-problem", "rosenbrock", "-dim", "1"}, "dimension"},
		{[]string{"solve", "-method", "zz-test-nd", "-problem", "toynet", "-dim", "3"}, "10"},
		{[]string{"solve", "-method", "zz-test-nd", "-problem", "sphere", "-workers", "-1"}, "-workers"},
		{[]string{"solve", "-method", "zz-test-nd", "-problem", "sphere", "-lr", "0"}, "-lr"},
		{[]string{"solve", "-method", "zz-test-nd", "-problem", "sphere", "-sigma0", "NaN"}, "-sigma0"},
		{[]string{"solve", "-method", "zz-test-nd", "-problem", "sphere", "-eps", "-1"}, "-eps"},
		{[]string{"solve", "-method", "zz-test-nd", "-problem", "sphere", "-nonsense"}, "not defined"},
		{[]string{"solve", "-method", "zz-test-nd", "-problem", "sphere", "stray"}, "unexpected"},
		{[]string{"methods", "extra"}, "unexpected"},
	}
	for _, c := range cases {
		code, _, errs := runArgs(c.args...)
		if code != 2 {
			t.Errorf("%q: exit %d, want 2", c.args, code)
		}
		if !strings.Contains(errs, c.want) {
			t.Errorf("%q: stderr %q lacks %q", c.args, errs, c.want)
		}
	}
}

func TestListings(t *testing.T) {
	code, out, _ := runArgs("methods")
	if code != 0 || !strings.Contains(out, "zz-test-nd") || !strings.Contains(out, "fake N-D method for tests") || !strings.Contains(out, "1-D") {
		t.Errorf("methods: exit %d\n%s", code, out)
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
	for _, args := range [][]string{{"help"}, {"help", "solve"}, {"solve", "-h"}} {
		if code, _, _ := runArgs(args...); code != 0 {
			t.Errorf("%q: exit %d, want 0", args, code)
		}
	}
}
