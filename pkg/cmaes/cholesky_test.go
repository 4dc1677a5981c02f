package cmaes

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/optlab/optlab/pkg/optim"
	"gonum.org/v1/gonum/mat"
)

// relDiff is ‖a − b‖_F / ‖b‖_F.
func relDiff(a, b mat.Matrix) float64 {
	var d mat.Dense
	d.Sub(a, b)
	return mat.Norm(&d, 2) / mat.Norm(b, 2)
}

// TestCholeskyFactorIsC updates a covariance matrix the slow way, by
// equation (47) with the steps, weights and paths of each generation, and
// compares it with A Aᵀ; it also checks y = A z with the old A and that
// A stays lower triangular with a positive diagonal.
func TestCholeskyFactorIsC(t *testing.T) {
	for _, tc := range []struct {
		n        int
		positive bool
	}{{6, false}, {6, true}, {1, false}, {12, false}} {
		c, _ := New(constVec(tc.n, 1), 0.5, &Options{Variant: Cholesky, PositiveWeights: tc.positive, Seed: 3})
		s, p := c.s, c.s.p
		slow := mat.NewSymDense(tc.n, nil)
		for i := range tc.n {
			slow.SetSym(i, i, 1)
		}
		fs := make([]float64, c.PopSize())
		for gen := range 40 {
			for i, x := range c.Ask() {
				fs[i] = ellipsoid(1e3)(x)
			}
			oldA := s.matA()
			c.Tell(fs)
			if s.skipped != 0 || s.failed != "" {
				t.Fatalf("n=%d: %d skips, %q", tc.n, s.skipped, s.failed)
			}
			hs, sumW := 0.0, 0.0
			if floats2(s.ps)/math.Sqrt(1-math.Pow(1-p.cs, 2*float64(s.gen))) < (1.4+2/float64(p.n+1))*p.chiN {
				hs = 1
			}
			for _, w := range p.wC {
				sumW += w
			}
			keep := 1 + p.c1*(1-hs)*p.cc*(2-p.cc) - p.c1 - p.cmu*sumW
			slow.ScaleSym(keep, slow)
			slow.SymRankOne(slow, p.c1, mat.NewVecDense(tc.n, slices.Clone(s.pc)))
			for i, w := range s.wo {
				slow.SymRankOne(slow, p.cmu*w, mat.NewVecDense(tc.n, slices.Clone(c.ysel[i])))
				var y mat.VecDense
				y.MulVec(oldA, mat.NewVecDense(tc.n, c.zsel[i]))
				if d := relDiff(&y, mat.NewVecDense(tc.n, c.ysel[i])); d > 1e-13 {
					t.Fatalf("n=%d gen %d: y ≠ A z (%g)", tc.n, gen, d)
				}
			}
			if d := relDiff(c.Cov(), slow); d > 1e-10 {
				t.Fatalf("n=%d gen %d: ‖A Aᵀ − C‖/‖C‖ = %g", tc.n, gen, d)
			}
			A := s.matA()
			for i := range tc.n {
				if !(A.At(i, i) > 0) || math.Abs(c.Cov().At(i, i)-s.C[i]) > 1e-12*s.C[i] {
					t.Fatalf("n=%d gen %d: A_ii = %v, diag C %v vs %v", tc.n, gen, A.At(i, i), c.Cov().At(i, i), s.C[i])
				}
				for j := i + 1; j < tc.n; j++ {
					if A.At(i, j) != 0 {
						t.Fatalf("A is not lower triangular")
					}
				}
			}
		}
		if !tc.positive && tc.n > 1 && !slices.ContainsFunc(s.wo, func(w float64) bool { return w < 0 }) {
			t.Errorf("no negative weights: the downdates went untested")
		}
	}
}

func floats2(v []float64) float64 { return math.Sqrt(dot(v, v)) }

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// TestCholeskyDowndate checks the rank-one update and the downdate safety:
// a downdate that would make C indefinite is skipped and leaves A as it
// was (and rankOne itself refuses it), an admissible one gives A Aᵀ − βvvᵀ.
func TestCholeskyDowndate(t *testing.T) {
	n := 5
	s := newCholState(make([]float64, n), 1, newParams(n, 0, false, true))
	rng := optim.NewRand(9)
	C := mat.NewSymDense(n, nil)
	for i := range n {
		C.SetSym(i, i, 1)
	}
	for range 4 { // a random non-diagonal A
		v := make([]float64, n)
		for i := range v {
			v[i] = rng.NormFloat64()
		}
		C.SymRankOne(C, 0.7, mat.NewVecDense(n, slices.Clone(v)))
		if !rankOne(s.rt.RawMatrix(), 0.7, v) {
			t.Fatal("update failed")
		}
	}
	A := s.matA()
	if d := relDiff(covMA(A), C); d > 1e-14 {
		t.Fatalf("after updates: %g", d)
	}
	// v = A·(2, 1, 0, …): ‖A⁻¹v‖² = 5, so β = 0.3 gives β‖u‖² = 1.5.
	var av mat.VecDense
	av.MulVec(A, mat.NewVecDense(n, []float64{2, 1, 0, 0, 0}))
	v := av.RawVector().Data
	before := mat.DenseCopyOf(s.rt)
	if !s.downdate(0.3, v) || s.skipped != 1 || !mat.Equal(before, s.rt) {
		t.Fatalf("bad downdate: skipped %d, A changed %v", s.skipped, !mat.Equal(before, s.rt))
	}
	if rankOne(mat.DenseCopyOf(s.rt).RawMatrix(), -0.3, slices.Clone(v)) {
		t.Error("rankOne accepted an indefinite downdate")
	}
	// β = 0.05: β‖u‖² = 0.25 < maxDowndate.
	if !s.downdate(0.05, v) || s.skipped != 1 {
		t.Fatalf("good downdate: skipped %d", s.skipped)
	}
	C.SymRankOne(C, -0.05, &av)
	if d := relDiff(covMA(s.matA()), C); d > 1e-13 {
		t.Errorf("after downdate: %g", d)
	}
	var ch mat.Cholesky
	if !ch.Factorize(covMA(s.matA())) {
		t.Error("C not positive definite")
	}
	// Forced through a whole run: with maxDowndate tiny every downdate is
	// skipped (CMA-ES with positive weights, in effect), the count reaches
	// Detail, and the run still converges.
	defer func(old float64) { maxDowndate = old }(maxDowndate)
	maxDowndate = 1e-9
	r := run(t, optim.Problem{Func: ellipsoid(1e4)}, constVec(6, 1), &optim.Settings{Seed: 2}, &Method{Variant: Cholesky, Restarts: 1})
	d := detail(t, r)
	if d.SkippedDowndates == 0 || r.Status != optim.Converged || r.F > 1e-8 {
		t.Errorf("forced skips: %d skipped, %v f=%g", d.SkippedDowndates, r.Status, r.F)
	}
	if !ch.Factorize(d.Final.CovDense()) {
		t.Error("final C not positive definite")
	}
	maxDowndate = 0.5
	r = run(t, optim.Problem{Func: ellipsoid(1e4)}, constVec(6, 1), &optim.Settings{Seed: 2}, &Method{Variant: Cholesky})
	if d := detail(t, r); d.SkippedDowndates != 0 {
		t.Errorf("%d downdates skipped on a plain ellipsoid", d.SkippedDowndates)
	}
}

func TestCholeskyTask(t *testing.T) {
	checkStops(t, Cholesky)
	p, m := optim.Problem{Func: sphere}, &Method{Sigma0: 1, Variant: Cholesky}
	// Record: the distribution the population was sampled from, with A.
	r := run(t, optim.Problem{Func: rosenbrock}, []float64{0, 0}, &optim.Settings{Seed: 1, MaxIter: 20, Record: true}, m)
	for i, it := range r.Path {
		g := it.Detail.(*Distribution)
		if g.M == nil || g.M.At(0, 1) != 0 || g.Gen != i || (i > 0 && (g.M == r.Path[i-1].Detail.(*Distribution).M || !slices.Equal(g.Mean, r.Path[i-1].X))) {
			t.Fatalf("generation %d: %+v", i, g)
		}
		C := g.CovDense()
		if math.Abs(C.At(1, 1)-g.Diag[1]) > 1e-14*g.Diag[1] {
			t.Fatalf("CovDense %v vs Diag %v", C.At(1, 1), g.Diag[1])
		}
	}
	// Ask/tell Cov and the Method's final distribution agree.
	c, _ := New([]float64{0, 0}, 1, &Options{Variant: Cholesky, Seed: 1})
	fs := make([]float64, c.PopSize())
	for range 20 {
		for i, x := range c.Ask() {
			fs[i] = rosenbrock(x)
		}
		c.Tell(fs)
	}
	if !mat.Equal(c.Cov(), detail(t, r).Final.CovDense()) {
		t.Errorf("ask/tell Cov differs from Detail.Final")
	}
	// Bounds: every evaluated point inside.
	lower, upper := constVec(3, 0.5), constVec(3, 2)
	r = run(t, optim.Problem{Func: sphere, Lower: lower, Upper: upper}, constVec(3, 1.5), &optim.Settings{Seed: 4, Record: true}, m)
	if math.Abs(r.F-0.75) > 1e-8 {
		t.Errorf("bounded: f = %v, want 0.75 (the corner)", r.F)
	}
	for _, it := range r.Path {
		for _, x := range append(slices.Clone(it.Pop), it.X) {
			if err := optim.CheckInBounds("x", x, lower, upper); err != nil {
				t.Fatal(err)
			}
		}
	}
	// IPOP restarts (over 40 seeds one run of 5 misses the global minimum).
	solved := 0
	for seed := range uint64(10) {
		r = run(t, optim.Problem{Func: rastrigin}, []float64{3.2, -2.7}, &optim.Settings{Seed: seed}, &Method{Sigma0: 2, Restarts: 4, Variant: Cholesky})
		if d := detail(t, r); len(d.Runs) < 2 || d.Runs[1].PopSize != 2*d.Runs[0].PopSize {
			t.Errorf("IPOP: %d runs", len(d.Runs))
		}
		if r.F < 1e-8 {
			solved++
		}
	}
	if solved < 9 {
		t.Errorf("IPOP: %d of 10 seeds reached the global minimum", solved)
	}
	// Bad input.
	if _, err := optim.Minimize(context.Background(), p, []float64{1, 1}, nil, &Method{Variant: Cholesky, Separable: true}); err == nil {
		t.Error("Cholesky + Separable: no error")
	}
}
