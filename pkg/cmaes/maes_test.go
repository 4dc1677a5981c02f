package cmaes

import (
	"context"
	"flag"
	"io"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/optlab/optlab/pkg/optim"
	"gonum.org/v1/gonum/mat"
)

// TestMAESUpdateIsTheFormula checks the rank-(μ+1) form of the M update
// against the paper's product M (I + c₁/2 (s sᵀ − I) + c_w/2 (Σ w z zᵀ − I)).
func TestMAESUpdateIsTheFormula(t *testing.T) {
	n := 6
	c, _ := New(constVec(n, 1), 0.5, &Options{Variant: MAES, Seed: 3})
	fs := make([]float64, c.PopSize())
	for gen := range 30 {
		for i, x := range c.Ask() {
			fs[i] = ellipsoid(1e3)(x)
		}
		s := c.s
		old := s.matM()
		c.Tell(fs)
		p := s.p
		// Rebuild the selection from the ranking Tell used.
		inner := mat.NewDense(n, n, nil)
		for i := range n {
			inner.Set(i, i, 1-(p.c1+p.cmu)/2)
		}
		ps := mat.NewVecDense(n, s.ps)
		var ss mat.Dense
		ss.Outer(p.c1/2, ps, ps)
		inner.Add(inner, &ss)
		for i, w := range p.w {
			z := mat.NewVecDense(n, c.zsel[i])
			var zz mat.Dense
			zz.Outer(p.cmu/2*w, z, z)
			inner.Add(inner, &zz)
		}
		var want mat.Dense
		want.Mul(old, inner)
		if !mat.EqualApprox(&want, s.matM(), 1e-12) {
			t.Fatalf("generation %d: M update differs from M (I + …):\n%v\n%v", gen, mat.Formatted(&want), mat.Formatted(s.matM()))
		}
		// d_i = M z_i with the old M.
		for i := range p.mu {
			var d mat.VecDense
			d.MulVec(old, mat.NewVecDense(n, c.zsel[i]))
			for j := range n {
				if math.Abs(d.AtVec(j)-c.ysel[i][j]) > 1e-12 {
					t.Fatalf("d ≠ M z")
				}
			}
		}
		// diag C = diag(M Mᵀ).
		C := c.Cov()
		for i := range n {
			if math.Abs(C.At(i, i)-s.C[i]) > 1e-12*s.C[i] {
				t.Fatalf("diag C %v vs %v", C.At(i, i), s.C[i])
			}
		}
	}
}

// checkStops runs variant v into each of its stopping rules at n = 3:
// MaxIter, MaxEval, tolx, tolupsigma (a linear f) and conditioncov, and
// into a cancelled context before and during a run (at n = 2000).
func checkStops(t *testing.T, v Variant) {
	t.Helper()
	p := optim.Problem{Func: sphere}
	m := &Method{Sigma0: 1, Variant: v}
	r := run(t, p, constVec(3, 1), &optim.Settings{Seed: 1, MaxIter: 7}, m)
	if r.Status != optim.IterationLimit || r.NIt != 7 || r.NFev != 7*7+1 {
		t.Errorf("%v maxiter: %v nit=%d nfev=%d", v, r.Status, r.NIt, r.NFev)
	}
	r = run(t, p, constVec(3, 1), &optim.Settings{Seed: 1, MaxEval: 45}, m)
	if r.Status != optim.EvaluationLimit || r.NFev != 45 || r.NIt != 6 {
		t.Errorf("%v maxeval: %v nfev=%d nit=%d", v, r.Status, r.NFev, r.NIt)
	}
	r = run(t, p, constVec(3, 1), &optim.Settings{Seed: 1, FTol: 1e-300, XTol: 1e-6}, m)
	if r.Status != optim.Converged || !strings.HasPrefix(r.Message, "tolx") {
		t.Errorf("%v tolx: %v %q", v, r.Status, r.Message)
	}
	r = run(t, optim.Problem{Func: func(x []float64) float64 { return x[0] }}, constVec(3, 1), &optim.Settings{Seed: 1}, m)
	if r.Status != optim.NumericalFailure || !strings.HasPrefix(r.Message, "tolupsigma") {
		t.Errorf("%v linear: %v %q", v, r.Status, r.Message)
	}
	r = run(t, optim.Problem{Func: ellipsoid(1e6)}, constVec(3, 1), &optim.Settings{Seed: 1}, &Method{Sigma0: 1, Variant: v, TolConditionCov: 100})
	if r.Status != optim.NumericalFailure || !strings.HasPrefix(r.Message, "conditioncov") {
		t.Errorf("%v conditioncov: %v %q", v, r.Status, r.Message)
	}
	// Cancellation: before any evaluation, and within a run at n = 2000.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if r, _ := optim.Minimize(ctx, p, []float64{1, 2}, nil, m); r.Status != optim.Cancelled || r.NFev != 0 {
		t.Errorf("%v pre-cancelled: %v", v, r)
	}
	if !testing.Short() {
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		t0 := time.Now()
		r, err := optim.Minimize(ctx, p, constVec(2000, 1), &optim.Settings{Seed: 1}, &Method{Variant: v})
		if err != nil || r.Status != optim.Cancelled || time.Since(t0) > 3*time.Second {
			t.Errorf("%v cancel: %v %v after %v", v, r, err, time.Since(t0))
		}
	}
}

func TestMAESTask(t *testing.T) {
	checkStops(t, MAES)
	p, m := optim.Problem{Func: sphere}, &Method{Sigma0: 1, Variant: MAES}
	// Record: the distribution the population was sampled from, with M.
	r := run(t, optim.Problem{Func: rosenbrock}, []float64{0, 0}, &optim.Settings{Seed: 1, MaxIter: 20, Record: true}, m)
	for i, it := range r.Path {
		g := it.Detail.(*Distribution)
		if g.M == nil || g.Gen != i || (i > 0 && (g.M == r.Path[i-1].Detail.(*Distribution).M || !slices.Equal(g.Mean, r.Path[i-1].X))) {
			t.Fatalf("generation %d: %+v", i, g)
		}
		C := g.CovDense()
		if C.At(0, 0) != g.Diag[0] && math.Abs(C.At(0, 0)-g.Diag[0]) > 1e-14*g.Diag[0] {
			t.Fatalf("CovDense %v vs Diag %v", C.At(0, 0), g.Diag[0])
		}
	}
	// Bad input.
	for _, bad := range []*Method{{Variant: MAES, Separable: true}, {Variant: 7}, {Variant: -1}} {
		if _, err := optim.Minimize(context.Background(), p, []float64{1, 1}, nil, bad); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
}

func TestMAESBoundsAndRestarts(t *testing.T) {
	center := constVec(3, -1)
	f := func(x []float64) float64 {
		s := 0.0
		for i, v := range x {
			s += (v - center[i]) * (v - center[i])
		}
		return s
	}
	lower, upper := constVec(3, 0), constVec(3, 2)
	r := run(t, optim.Problem{Func: f, Lower: lower, Upper: upper}, constVec(3, 1.5), &optim.Settings{Seed: 4, Record: true}, &Method{Variant: MAES})
	if math.Abs(r.F-3) > 1e-8 {
		t.Errorf("bounded: f = %v, want 3 (the corner)", r.F)
	}
	for _, it := range r.Path {
		for _, x := range append(slices.Clone(it.Pop), it.X) {
			if err := optim.CheckInBounds("x", x, lower, upper); err != nil {
				t.Fatal(err)
			}
		}
	}
	r = run(t, optim.Problem{Func: rastrigin}, []float64{3.2, -2.7}, &optim.Settings{Seed: 3}, &Method{Sigma0: 2, Restarts: 4, Variant: MAES})
	d := detail(t, r)
	t.Logf("IPOP-MA-ES: f=%.3g nfev=%d runs=%d", r.F, r.NFev, len(d.Runs))
	for i := 1; i < len(d.Runs); i++ {
		if d.Runs[i].PopSize != 2*d.Runs[i-1].PopSize {
			t.Errorf("population sizes %d then %d", d.Runs[i-1].PopSize, d.Runs[i].PopSize)
		}
	}
	if r.F > 1e-8 {
		t.Errorf("IPOP-MA-ES: f = %g", r.F)
	}
}

// TestVariantFlags: -variant parses every variant name and rejects others.
// (Workers bit-identity of every variant: TestWorkersBitIdentical.)
func TestVariantFlags(t *testing.T) {
	m, _ := optim.Lookup("cmaes")
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	m.(optim.Flagger).Flags(fs)
	if err := fs.Parse([]string{"-variant", "maes"}); err != nil || m.(*Method).Variant != MAES {
		t.Errorf("-variant maes: %v %+v", err, m)
	}
	if err := fs.Parse([]string{"-variant", "cholesky"}); err != nil || m.(*Method).Variant != Cholesky {
		t.Errorf("-variant cholesky: %v %+v", err, m)
	}
	if err := fs.Parse([]string{"-variant", "eigen"}); err == nil {
		t.Error("-variant eigen: no error")
	}
	for _, v := range []Variant{Full, Sep, MAES, Cholesky} {
		var w Variant
		if err := w.Set(v.String()); err != nil || w != v {
			t.Errorf("%v: %v", v, err)
		}
	}
}
