package optim

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
)

func sphere(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v * v
	}
	return s
}

// walk is a toy method for testing the Task: it evaluates a batch of 4
// points around x per iteration and moves to the best; converged when the
// step is below XTol.
type walk struct{}

func (walk) Info() Info {
	return Info{Name: "walk", Iteration: "one batch of 4", DefaultMaxIter: 50}
}

func (walk) Run(t *Task) error {
	x := slices.Clone(t.X0)
	h := 1.0
	xs := make([][]float64, 4)
	fs := make([]float64, 4)
	for h > Or(t.Settings.XTol, 1e-3) {
		for k := range xs {
			xs[k] = slices.Clone(x)
			xs[k][k%len(x)] += h * float64(1-2*(k/len(x)%2))
			Clip(xs[k], t.Problem.Lower, t.Problem.Upper)
		}
		t.EvalBatch(xs, fs)
		i := slices.Index(fs, slices.Min(fs))
		if fs[i] < sphere(x) {
			copy(x, xs[i])
		} else {
			h /= 2
		}
		t.Iterate(Iteration{X: x, F: sphere(x), Pop: xs, PopF: fs})
	}
	t.Finish(Converged, "step %g", h)
	return nil
}

func TestMinimizeTraceAndStatus(t *testing.T) {
	p := Problem{Func: sphere}
	r, err := Minimize(context.Background(), p, []float64{3, -2}, &Settings{MaxIter: 1000, Record: true}, walk{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != Converged || r.F > 1e-6 || r.NFev != len(r.Trace) || len(r.Path) != r.NIt {
		t.Fatalf("%v (trace %d, path %d)", r, len(r.Trace), len(r.Path))
	}
	for i := 1; i < len(r.Trace); i++ {
		if r.Trace[i] > r.Trace[i-1] {
			t.Fatal("trace increases")
		}
	}
	if &r.Path[0].Pop[0][0] == &r.Path[1].Pop[0][0] {
		t.Error("Path must be deep copies")
	}
}

func TestBudgets(t *testing.T) {
	p := Problem{Func: sphere}
	r, _ := Minimize(context.Background(), p, []float64{3, -2}, &Settings{MaxIter: 3}, walk{})
	if r.Status != IterationLimit || r.NIt != 3 || r.NFev != 12 || r.Status.Success() || r.Err() == nil {
		t.Errorf("MaxIter: %v", r)
	}
	r, _ = Minimize(context.Background(), p, []float64{3, -2}, &Settings{MaxEval: 10}, walk{})
	if r.Status != EvaluationLimit || r.NFev != 10 || len(r.Trace) != 10 {
		t.Errorf("MaxEval: %v", r)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r, _ = Minimize(ctx, p, []float64{3, -2}, nil, walk{})
	if r.Status != Cancelled || r.NFev != 0 {
		t.Errorf("cancelled: %v", r)
	}
	r, _ = Minimize(context.Background(), p, []float64{3, -2}, &Settings{Callback: func(it Iteration) bool { return it.Iter == 2 }}, walk{})
	if r.Status != Stopped || r.NIt != 2 {
		t.Errorf("callback: %v", r)
	}
}

func TestWorkersAndPanics(t *testing.T) {
	p := Problem{Func: sphere}
	ref, _ := Minimize(context.Background(), p, []float64{3, -2}, nil, walk{})
	for _, w := range []int{2, 4} {
		r, _ := Minimize(context.Background(), p, []float64{3, -2}, &Settings{Workers: w}, walk{})
		if !slices.Equal(r.Trace, ref.Trace) || !slices.Equal(r.X, ref.X) {
			t.Errorf("workers %d differ", w)
		}
	}
	bad := Problem{Func: func(x []float64) float64 {
		if x[0] < 2 {
			panic("boom")
		}
		return sphere(x)
	}}
	for _, w := range []int{1, 4} {
		r, err := Minimize(context.Background(), bad, []float64{3, -2}, &Settings{Workers: w}, walk{})
		if err != nil || r.Status != EvaluationError || !strings.Contains(r.Message, "boom") || !strings.Contains(r.Message, "x = [") {
			t.Errorf("workers %d: %v %v", w, r, err)
		}
	}
}

func TestBadInput(t *testing.T) {
	inf := math.Inf(1)
	cases := []struct {
		name string
		p    Problem
		x0   []float64
		s    Settings
	}{
		{"nil func", Problem{}, []float64{1}, Settings{}},
		{"no x0", Problem{Func: sphere, Dim: 2}, nil, Settings{}},
		{"mismatch", Problem{Func: sphere, Dim: 3}, []float64{1, 2}, Settings{}},
		{"crossed", Problem{Func: sphere, Lower: []float64{1}, Upper: []float64{0}}, []float64{1}, Settings{}},
		{"width", Problem{Func: sphere, Lower: []float64{-1e308}, Upper: []float64{1e308}}, []float64{1}, Settings{}},
		{"outside", Problem{Func: sphere, Lower: []float64{0}, Upper: []float64{1}}, []float64{2}, Settings{}},
		{"nan x0", Problem{Func: sphere}, []float64{math.NaN()}, Settings{}},
		{"inf step", Problem{Func: sphere}, []float64{1}, Settings{FDStep: inf}},
		{"constraints", Problem{Func: sphere, Constraints: []Constraint{{Func: sphere}}}, []float64{1}, Settings{}},
	}
	for _, c := range cases {
		if _, err := Minimize(context.Background(), c.p, c.x0, &c.s, walk{}); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}

func TestFDInsideBox(t *testing.T) {
	tk, err := newTask(context.Background(), Problem{Func: func(x []float64) float64 { return 3*x[0] + x[1]*x[1] }, Lower: []float64{0, 0}, Upper: []float64{1, 1e-9}}, []float64{1, 0}, Settings{}, Info{})
	if err != nil {
		t.Fatal(err)
	}
	g := make([]float64, 2)
	tk.Grad(g, []float64{1, 0}, 3)
	if math.Abs(g[0]-3) > 1e-6 || math.Abs(g[1]) > 1e-8 {
		t.Errorf("g = %v", g)
	}
}

func TestClosest(t *testing.T) {
	if s := Closest("cmaess", []string{"adam", "cmaes", "pso"}); s != "cmaes" {
		t.Errorf("closest: %q", s)
	}
	err := UnknownName("method", "cmaess", []string{"adam", "cmaes"})
	if !strings.Contains(err.Error(), `did you mean "cmaes"?`) || !strings.Contains(err.Error(), "adam, cmaes") {
		t.Error(err)
	}
}

// nudge is a toy local method: from x0 it takes one step towards 0 per
// iteration and converges after 3.
type nudge struct{}

func (nudge) Info() Info { return Info{Name: "nudge", DefaultMaxIter: 10} }

func (nudge) Run(t *Task) error {
	x := slices.Clone(t.X0)
	for k := 0; k < 3; k++ {
		for i := range x {
			x[i] /= 2
		}
		f := t.Eval(x)
		t.Iterate(Iteration{X: x, F: f})
	}
	t.Finish(Converged, "nudged")
	return nil
}

func TestChain(t *testing.T) {
	c := &Chain{Stages: []Method{walk{}, nudge{}}}
	if c.Info().Name != "walk+nudge" {
		t.Errorf("name %q", c.Info().Name)
	}
	p := Problem{Func: sphere}
	r, err := Minimize(context.Background(), p, []float64{3, -2}, &Settings{MaxEval: 20, Record: true}, c)
	if err != nil {
		t.Fatal(err)
	}
	if r.NFev != len(r.Trace) || r.NFev > 20 || r.Status != Converged || len(r.Path) != r.NIt {
		t.Fatalf("%v (trace %d, path %d)", r, len(r.Trace), len(r.Path))
	}
	for i := 1; i < len(r.Trace); i++ {
		if r.Trace[i] > r.Trace[i-1] {
			t.Fatal("trace increases")
		}
	}
	// The walk's 16% (0.8·20 = 16 evaluations) then the nudge's 3.
	if r.NFev != 19 || r.F != sphere(r.X) {
		t.Errorf("nfev %d, F %v at %v", r.NFev, r.F, r.X)
	}
	r2, _ := Minimize(context.Background(), p, []float64{3, -2}, &Settings{MaxIter: 2}, c)
	if r2.Status != IterationLimit {
		t.Errorf("MaxIter over the chain: %v", r2)
	}
}
