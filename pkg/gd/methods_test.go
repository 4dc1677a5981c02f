package gd_test

import (
	"context"
	"flag"
	"math"
	"slices"
	"testing"

	"github.com/optlab/optlab/pkg/adam"
	"github.com/optlab/optlab/pkg/gd"
	"github.com/optlab/optlab/pkg/momentum"
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
)

// The invariants every method on gd.Loop keeps: gd, momentum (both
// variants) and adam.

var methods = []struct {
	name string
	m    func() optim.Method
}{
	{"gd", func() optim.Method { return &gd.Method{LR: 0.1} }},
	{"momentum", func() optim.Method { return &momentum.Method{LR: 0.1, Mu: 0.5} }},
	{"nesterov", func() optim.Method { return &momentum.Method{LR: 0.1, Mu: 0.5, Nesterov: true} }},
	{"adam", func() optim.Method { return &adam.Method{LR: 0.1} }},
}

func TestRegistered(t *testing.T) {
	for name, flags := range map[string][]string{"gd": {"lr"}, "momentum": {"lr", "mu", "nesterov"}, "adam": {"lr", "beta1", "beta2"}} {
		m, err := optim.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		info := m.Info()
		if info.Name != name || !info.Gradient || info.Iteration != gd.IterationDoc || info.DefaultMaxIter != 1000 {
			t.Errorf("%s: Info %+v", name, info)
		}
		fl, ok := m.(optim.Flagger)
		if !ok {
			t.Fatalf("%s is not a Flagger", name)
		}
		fs := flag.NewFlagSet(name, flag.ContinueOnError)
		fl.Flags(fs)
		var got []string
		fs.VisitAll(func(f *flag.Flag) { got = append(got, f.Name) })
		slices.Sort(got)
		want := slices.Sorted(slices.Values(flags))
		if !slices.Equal(got, want) {
			t.Errorf("%s: flags %v, want %v", name, got, want)
		}
		if err := fs.Parse([]string{"-lr=0.25"}); err != nil {
			t.Fatal(err)
		}
	}
	m, _ := optim.Lookup("momentum")
	fs := flag.NewFlagSet("momentum", flag.ContinueOnError)
	m.(optim.Flagger).Flags(fs)
	if err := fs.Parse([]string{"-lr=0.25", "-mu=0.5", "-nesterov"}); err != nil {
		t.Fatal(err)
	}
	if mm := m.(*momentum.Method); *mm != (momentum.Method{LR: 0.25, Mu: 0.5, Nesterov: true}) {
		t.Errorf("flags set %+v", *mm)
	}
}

// Rosenbrock with MaxIter 10: the budget is used up, which is no success.
func TestBudgetIsNotSuccess(t *testing.T) {
	p, _ := problems.Rosenbrock(2)
	defaults := map[string]optim.Method{"gd": &gd.Method{}, "momentum": &momentum.Method{},
		"nesterov": &momentum.Method{Nesterov: true}, "adam": &adam.Method{}}
	for _, c := range methods {
		m := defaults[c.name]
		r, err := optim.Minimize(context.Background(), p, []float64{-1.2, 1}, &optim.Settings{MaxIter: 10}, m)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != optim.IterationLimit || r.Status.Success() || r.Err() == nil || r.NIt != 10 || r.NFev != 10 {
			t.Errorf("%s: %v", c.name, r)
		}
		r, _ = optim.Minimize(context.Background(), p, []float64{-1.2, 1}, &optim.Settings{MaxEval: 25}, m)
		if r.Status != optim.EvaluationLimit || r.Status.Success() || r.NFev != 25 {
			t.Errorf("%s MaxEval: %v", c.name, r)
		}
	}
}

func TestCancelledContext(t *testing.T) {
	p, _ := problems.Rosenbrock(2)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, c := range methods {
		r, err := optim.Minimize(ctx, p, []float64{-1.2, 1}, nil, c.m())
		if err != nil || r.Status != optim.Cancelled || r.NFev != 0 || r.Status.Success() {
			t.Errorf("%s: %v, %v", c.name, r, err)
		}
	}
}

// The old bug: with bounds and no Grad, central differences probed outside
// the box and the best point could lie there. Now the minimum (3, −3) of
// ½‖x − c‖² lies outside [−1, 1]², so X must sit on the bound (1, −1),
// inside the box, and no evaluation may leave it.
func TestBoundedWithoutGradient(t *testing.T) {
	q, _ := problems.Quadratic([]float64{1, 1}, []float64{3, -3})
	lo, up := []float64{-1, -1}, []float64{1, 1}
	outside := 0
	p := optim.Problem{Lower: lo, Upper: up, Func: func(x []float64) float64 {
		if optim.CheckInBounds("x", x, lo, up) != nil {
			outside++
		}
		return q.Func(x)
	}}
	for _, c := range methods {
		r, err := optim.Minimize(context.Background(), p, []float64{0, 0}, &optim.Settings{MaxIter: 300}, c.m())
		if err != nil {
			t.Fatal(err)
		}
		if outside > 0 {
			t.Errorf("%s: %d evaluations outside the box", c.name, outside)
		}
		if err := optim.CheckInBounds("X", r.X, lo, up); err != nil || r.X[0] != 1 || r.X[1] != -1 || r.NGev != 0 {
			t.Errorf("%s: %v (%v)", c.name, r, err)
		}
		if d, _ := optim.DetailOf[*gd.Detail](r); d == nil || optim.CheckInBounds("Last", d.Last, lo, up) != nil {
			t.Errorf("%s: last iterate outside the box: %+v", c.name, d)
		}
	}
}

// Finite-difference probes evaluated by 4 workers give the same Result, bit
// for bit, as serially.
func TestWorkersIdentical(t *testing.T) {
	r4, _ := problems.Rosenbrock(4)
	p := optim.Problem{Func: r4.Func}
	x0 := []float64{-1.2, 1, -0.5, 0.8}
	for _, c := range methods {
		var res [2]*optim.Result
		for i, w := range []int{1, 4} {
			m := c.m()
			switch mm := m.(type) {
			case *gd.Method:
				mm.LR = 1e-3
			case *momentum.Method:
				mm.LR = 1e-3
			}
			r, err := optim.Minimize(context.Background(), p, x0, &optim.Settings{MaxIter: 50, Workers: w, Seed: 7}, m)
			if err != nil {
				t.Fatal(err)
			}
			res[i] = r
		}
		a, b := res[0], res[1]
		if !slices.Equal(a.X, b.X) || a.F != b.F || !slices.Equal(a.Trace, b.Trace) || a.NFev != b.NFev || a.NIt != b.NIt || a.Status != b.Status || a.NFev != 50*5 {
			t.Errorf("%s: workers 1 %v, workers 4 %v", c.name, a, b)
		}
	}
}

// Bad input is an error or a status, never a panic.
func TestNoPanics(t *testing.T) {
	boom := optim.Problem{Func: func(x []float64) float64 {
		if x[0] < 0.5 {
			panic("boom")
		}
		return x[0] * x[0]
	}}
	for _, c := range methods {
		for _, w := range []int{1, 4} {
			r, err := optim.Minimize(context.Background(), boom, []float64{1, 2}, &optim.Settings{Workers: w}, c.m())
			if err != nil || r.Status != optim.EvaluationError || !optim.IsFinite(r.F) {
				t.Errorf("%s, workers %d: %v, %v", c.name, w, r, err)
			}
		}
		badGrad := optim.Problem{Func: boom.Func, Grad: func(g, x []float64) { panic("grad boom") }}
		if r, err := optim.Minimize(context.Background(), badGrad, []float64{1, 2}, nil, c.m()); err != nil || r.Status != optim.EvaluationError {
			t.Errorf("%s, panicking Grad: %v, %v", c.name, r, err)
		}
		if _, err := optim.Minimize(context.Background(), boom, []float64{math.Inf(1), 2}, nil, c.m()); err == nil {
			t.Errorf("%s: Inf x0 accepted", c.name)
		}
		if _, err := optim.Minimize(context.Background(), boom, nil, nil, c.m()); err == nil {
			t.Errorf("%s: nil x0 accepted", c.name)
		}
	}
}
