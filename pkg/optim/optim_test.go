package optim

import (
	"errors"
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

func TestEvaluatorTraceAndBest(t *testing.T) {
	vals := []float64{5, math.NaN(), 3, 4, math.Inf(1), 1, 2}
	i := 0
	e := NewEvaluator(func(x []float64) float64 { v := vals[i]; i++; return v }, 0)
	for k := range vals {
		e.Eval([]float64{float64(k)})
	}
	want := []float64{5, 5, 3, 3, 3, 1, 1}
	if !slices.Equal(e.Trace, want) {
		t.Errorf("trace %v, want %v", e.Trace, want)
	}
	if e.BestF != 1 || e.BestX[0] != 5 || e.NFev != 7 || e.NonFinite != 2 || e.LastBad[0] != 4 {
		t.Errorf("best %v at %v, nfev %d, non-finite %d, last bad %v", e.BestF, e.BestX, e.NFev, e.NonFinite, e.LastBad)
	}
	var r Result
	e.Fill(&r)
	if r.F != 1 || r.X[0] != 5 || r.NFev != 7 || len(r.Trace) != 7 {
		t.Errorf("Fill: %v", r.String())
	}
	r.X[0] = 99
	if e.BestX[0] == 99 {
		t.Error("Fill must copy X")
	}
}

func TestEvaluatorNothingFinite(t *testing.T) {
	e := NewEvaluator(func([]float64) float64 { return math.NaN() }, 0)
	e.Eval([]float64{1})
	var r Result
	e.Fill(&r)
	if !math.IsNaN(r.F) || r.X != nil || !math.IsInf(e.Trace[0], 1) {
		t.Errorf("all-NaN: F %v, X %v, trace %v", r.F, r.X, e.Trace)
	}
}

func TestEvalBatchIndependentOfWorkers(t *testing.T) {
	xs := make([][]float64, 37)
	for i := range xs {
		xs[i] = []float64{float64(i%7) - 3, float64(i%5) - 2}
	}
	var ref *Evaluator
	for _, w := range []int{0, 1, 2, 3, 8, 100} {
		e := NewEvaluator(sphere, 0)
		fs := make([]float64, len(xs))
		e.EvalBatch(xs, fs, w)
		for i, x := range xs {
			if fs[i] != sphere(x) {
				t.Fatalf("workers %d: fs[%d] = %v", w, i, fs[i])
			}
		}
		if ref == nil {
			ref = e
			continue
		}
		if !slices.Equal(e.Trace, ref.Trace) || !slices.Equal(e.BestX, ref.BestX) || e.NFev != ref.NFev {
			t.Errorf("workers %d: bookkeeping differs from serial", w)
		}
	}
}

func TestBudget(t *testing.T) {
	e := NewEvaluator(sphere, 3)
	if e.Remaining() != 3 || e.Exhausted() {
		t.Fatal("fresh evaluator")
	}
	for range 3 {
		e.Eval([]float64{1})
	}
	if !e.Exhausted() || e.Remaining() != 0 {
		t.Error("budget of 3 not exhausted after 3 evaluations")
	}
	if NewEvaluator(sphere, 0).Remaining() != math.MaxInt {
		t.Error("no budget must leave MaxInt remaining")
	}
}

func TestSettingsValidate(t *testing.T) {
	good := Settings{MaxIter: 1}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, s := range []Settings{
		{MaxIter: 0}, {MaxIter: -1}, {MaxIter: 1, MaxEval: -1}, {MaxIter: 1, FTol: -1},
		{MaxIter: 1, XTol: math.NaN()}, {MaxIter: 1, GTol: -1e-9}, {MaxIter: 1, Workers: -1},
	} {
		if err := s.Validate(); err == nil {
			t.Errorf("Validate(%+v) accepted", s)
		}
	}
}

func TestDimensionAndBounds(t *testing.T) {
	p := Problem{Func: sphere}
	if _, err := p.Dimension(nil); err == nil {
		t.Error("no way to tell the dimension, but accepted")
	}
	if n, err := p.Dimension([]float64{1, 2}); n != 2 || err != nil {
		t.Errorf("from x0: %d %v", n, err)
	}
	p = Problem{Func: sphere, Dim: 3, Lower: []float64{0, 0, 0}, Upper: []float64{1, 1, 1}}
	if _, err := p.Dimension([]float64{1, 2}); err == nil || !strings.Contains(err.Error(), "mismatch") {
		t.Errorf("x0 of length 2 for Dim 3: %v", err)
	}
	if _, err := (&Problem{Func: sphere, Lower: []float64{0}}).Dimension(nil); err == nil {
		t.Error("Lower without Upper accepted")
	}
	if _, err := (&Problem{Dim: 1}).Dimension(nil); err == nil {
		t.Error("nil Func accepted")
	}
	inf := math.Inf(1)
	for _, c := range []struct {
		lo, hi []float64
		finite bool
		ok     bool
	}{
		{[]float64{0, -1}, []float64{1, 1}, true, true},
		{[]float64{0}, []float64{0}, true, true},
		{[]float64{1}, []float64{0}, false, false},
		{[]float64{math.NaN()}, []float64{1}, false, false},
		{[]float64{-inf}, []float64{inf}, false, true},
		{[]float64{-inf}, []float64{1}, true, false},
		{[]float64{0}, []float64{1, 2}, false, false},
	} {
		if err := CheckBounds(c.lo, c.hi, c.finite); (err == nil) != c.ok {
			t.Errorf("CheckBounds(%v, %v, %v) = %v", c.lo, c.hi, c.finite, err)
		}
	}
	if err := CheckInBounds([]float64{0.5, 2}, []float64{0, 0}, []float64{1, 1}); err == nil {
		t.Error("x0 outside the box accepted")
	}
	if err := CheckInBounds([]float64{math.NaN()}, nil, nil); err == nil {
		t.Error("NaN x0 accepted")
	}
}

func TestStatus(t *testing.T) {
	for s := NotTerminated; s <= NumericalFailure; s++ {
		if strings.HasPrefix(s.String(), "Status(") {
			t.Errorf("status %d has no name", int(s))
		}
	}
	r := Result{Status: IterationLimit}
	if r.Err() != nil {
		t.Error("an iteration limit is a normal end")
	}
	r = Result{Status: NonFinite, Message: "f(x) = NaN"}
	if err := r.Err(); !errors.Is(err, ErrFailed) || !strings.Contains(err.Error(), "NaN") {
		t.Errorf("Err() = %v", err)
	}
	b, _ := Converged.MarshalText()
	if string(b) != "converged" {
		t.Errorf("MarshalText = %q", b)
	}
}

func TestFiniteDifferences(t *testing.T) {
	f := func(x []float64) float64 { return math.Sin(x[0]) * math.Exp(x[1]) }
	x := []float64{0.3, -0.2}
	want := []float64{math.Cos(0.3) * math.Exp(-0.2), math.Sin(0.3) * math.Exp(-0.2)}
	g := make([]float64, 2)
	f0 := ForwardDiff(f, x, 1e-7, g)
	for i := range g {
		if math.Abs(g[i]-want[i]) > 1e-6 {
			t.Errorf("forward: g[%d] = %v, want %v", i, g[i], want[i])
		}
	}
	if f0 != f(x) || x[0] != 0.3 || x[1] != -0.2 {
		t.Error("ForwardDiff must return f(x) and restore x")
	}
	CentralDiff(f, x, 1e-5, g)
	for i := range g {
		if math.Abs(g[i]-want[i]) > 1e-9 {
			t.Errorf("central: g[%d] = %v, want %v", i, g[i], want[i])
		}
	}
}

func TestNewRandReproducible(t *testing.T) {
	a, b, c := NewRand(7), NewRand(7), NewRand(8)
	same, diff := true, false
	for range 10 {
		x, y, z := a.Float64(), b.Float64(), c.Float64()
		same = same && x == y
		diff = diff || x != z
	}
	if !same || !diff {
		t.Error("NewRand: same seed must repeat, another seed must differ")
	}
}
