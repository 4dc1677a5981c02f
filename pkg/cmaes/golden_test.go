package cmaes

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/toynet"
)

// updateGolden rewrites testdata/golden_results.txt: only for a change that
// is meant to change results (say why in the commit).
var updateGolden = flag.Bool("update-golden", false, "rewrite testdata/golden_results.txt")

// goldenCase is one row of the bit-identity table.
type goldenCase struct {
	name string
	p    optim.Problem
	x0   []float64
	s    optim.Settings
	m    Method
}

func goldenCases() []goldenCase {
	nan := func(x []float64) float64 { // NaN on a half space
		if x[0] > 0.7 {
			return math.NaN()
		}
		return sphere(x)
	}
	boom := func(x []float64) float64 { // a panicking objective: EvaluationError naming x
		if x[0] > 0.5 {
			panic("boom")
		}
		return rosenbrock(x)
	}
	box := func(n int, lo, up float64) (l, u []float64) {
		return constVec(n, lo), constVec(n, up)
	}
	var cs []goldenCase
	for _, v := range []Variant{Full, Sep, MAES, Cholesky} {
		for seed := uint64(1); seed <= 3; seed++ {
			add := func(name string, p optim.Problem, x0 []float64, s optim.Settings, m Method) {
				s.Seed = seed
				m.Variant = v
				cs = append(cs, goldenCase{fmt.Sprintf("%v/seed%d/%s", v, seed, name), p, x0, s, m})
			}
			add("sphere10", optim.Problem{Func: sphere}, constVec(10, 1), optim.Settings{MaxEval: 10000}, Method{Sigma0: 0.5})
			add("rosen6", optim.Problem{Func: rosenbrock}, constVec(6, 0), optim.Settings{MaxEval: 20000}, Method{Sigma0: 0.5})
			add("ellip8", optim.Problem{Func: ellipsoid(1e6)}, constVec(8, 1), optim.Settings{}, Method{Sigma0: 1})
			lo, up := box(5, 0.5, 3)
			add("boxsphere5", optim.Problem{Func: sphere, Lower: lo, Upper: up}, constVec(5, 2), optim.Settings{}, Method{})
			add("rastrigin4-ipop", optim.Problem{Func: rastrigin}, constVec(4, 3), optim.Settings{MaxEval: 20000}, Method{Sigma0: 2, Restarts: 3})
			add("nan3", optim.Problem{Func: nan}, constVec(3, 0.5), optim.Settings{MaxEval: 3000}, Method{Sigma0: 0.3})
			add("budget10", optim.Problem{Func: sphere}, constVec(10, 1), optim.Settings{MaxEval: 777}, Method{Sigma0: 0.5})
			add("iter2-lambda7", optim.Problem{Func: rosenbrock}, constVec(2, -1), optim.Settings{MaxIter: 60}, Method{PopSize: 7, SkipFinalMean: true})
			add("panic4", optim.Problem{Func: boom}, constVec(4, -1), optim.Settings{}, Method{Sigma0: 0.3})
			add("toynet", toynet.Reference().Problem(), toynet.X0(), optim.Settings{MaxIter: 60}, Method{Sigma0: 0.5, PositiveWeights: seed == 2})
		}
	}
	return cs
}

// goldenLine is the bit pattern of a Result: X, F, NFev, NIt, Status,
// Message, a hash of Trace and the Detail's Cond and skipped downdates.
func goldenLine(r *optim.Result) string {
	var b strings.Builder
	for _, x := range r.X {
		fmt.Fprintf(&b, "%016x ", math.Float64bits(x))
	}
	h := sha256.New()
	for _, v := range r.Trace {
		binary.Write(h, binary.LittleEndian, math.Float64bits(v))
	}
	cond, skipped := math.NaN(), -1
	if d, ok := optim.DetailOf[*Detail](r); ok {
		cond, skipped = d.Cond, d.SkippedDowndates
	}
	return fmt.Sprintf("X=[%s] F=%016x NFev=%d NIt=%d Status=%v Message=%q Trace=%s Cond=%016x Skipped=%d",
		strings.TrimSpace(b.String()), math.Float64bits(r.F), r.NFev, r.NIt, r.Status, r.Message,
		hex.EncodeToString(h.Sum(nil))[:16], math.Float64bits(cond), skipped)
}

// TestGoldenResults checks that the results of a table of runs (variant ×
// seed × problem) are bit-identical to those of testdata/golden_results.txt,
// produced before the speed-ups of the evaluation path: a speed-up must not
// change a single bit.
func TestGoldenResults(t *testing.T) {
	if fusedMultiplyAdd && !*updateGolden {
		t.Skip("the golden bits are those of amd64 without fused multiply-add (see golden_fma_test.go)")
	}
	path := filepath.Join("testdata", "golden_results.txt")
	var got strings.Builder
	for _, c := range goldenCases() {
		r, err := optim.Minimize(context.Background(), c.p, c.x0, &c.s, &c.m)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		fmt.Fprintf(&got, "%s %s\n", c.name, goldenLine(r))
	}
	if *updateGolden {
		if err := os.WriteFile(path, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	gl, wl := strings.Split(got.String(), "\n"), strings.Split(string(want), "\n")
	if len(gl) != len(wl) {
		t.Fatalf("%d result lines, golden file has %d", len(gl), len(wl))
	}
	for i := range gl {
		if gl[i] != wl[i] {
			t.Errorf("result changed:\n got %s\nwant %s", gl[i], wl[i])
		}
	}
}

// TestMinMax checks minMax against the built-in min and max, NaN and signed
// zeros included.
func TestMinMax(t *testing.T) {
	nan, inf, negz := math.NaN(), math.Inf(1), math.Copysign(0, -1)
	cases := [][]float64{nil, {1}, {3, -2, 5}, {0, negz}, {negz, 0}, {0, 1}, {negz, -1}, {1, nan, 2}, {nan},
		{inf, -inf}, {-inf, 2}, {2, 0, negz, 5}, {-3, 0, negz}, {1e-300, -1e-300}}
	bits := func(x float64) uint64 {
		if math.IsNaN(x) {
			return 1
		}
		return math.Float64bits(x)
	}
	for _, v := range cases {
		lo, hi := minMax(v)
		wlo, whi := minMaxBuiltin(v)
		if bits(lo) != bits(wlo) || bits(hi) != bits(whi) {
			t.Errorf("minMax(%v) = %v, %v, want %v, %v", v, lo, hi, wlo, whi)
		}
	}
}
