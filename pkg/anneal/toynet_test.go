package anneal_test

import (
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/optlab/optlab/pkg/anneal"
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/reference"
	"github.com/optlab/optlab/pkg/toynet"
)

// toySetup returns the toy network in the reference box [lb, ub]^10, the
// reference dual-annealing parameters (initial_temp 1, ...) and settings
// (maxiter 100). Without grad, the local search uses finite differences, as
// scipy did.
func toySetup(grad bool) (optim.Problem, *anneal.Method, optim.Settings) {
	s := reference.MustGet().Settings.DualAnnealing
	m := &anneal.Method{InitialTemp: s.InitialTemp, Visit: s.Visit, Accept: s.Accept, RestartTempRatio: s.RestartTempRatio}
	p := toynet.Reference().Problem()
	if !grad {
		p.Grad = nil
	}
	p.Lower, p.Upper = box(p.Dim, s.LB, s.UB)
	return p, m, optim.Settings{MaxIter: s.MaxIter}
}

// plateau is the loss above which a run ended on the ≈1.44e5 plateau.
const plateau = 1e3

// TestToyNetworkQuality runs the reference experiment: 21 seeds, and
// compares the median final loss with scipy's. ANNEAL_SEEDS=N runs N seeds
// and logs the median and the fraction of runs on the plateau.
func TestToyNetworkQuality(t *testing.T) {
	ref := reference.MustGet()
	seeds := 21
	if v, err := strconv.Atoi(os.Getenv("ANNEAL_SEEDS")); err == nil && v >= 21 {
		seeds = v
	}
	for _, grad := range []bool{true, false} {
		p, m, s := toySetup(grad)
		var fs, fs21 []float64
		nfev, stuck, stuck21 := 0, 0, 0
		for seed := range uint64(seeds) {
			s.Seed = seed
			r := run(t, p, nil, &s, m)
			if r.F < ref.BestKnownLoss*(1-1e-9) {
				t.Errorf("seed %d: loss %.12g below the best known %.12g: check the loss", seed, r.F, ref.BestKnownLoss)
			}
			if r.Status != optim.IterationLimit || r.NIt != s.MaxIter {
				t.Errorf("seed %d: %v", seed, r)
			}
			fs = append(fs, r.F)
			nfev += r.NFev
			if r.F > plateau {
				stuck++
			}
			if seed == 20 {
				fs21, stuck21 = slices.Clone(fs), stuck
			}
		}
		slices.Sort(fs)
		slices.Sort(fs21)
		q := ref.ReferenceResults.Stochastic.DualAnnealing
		t.Logf("analytic gradient %v, 21 seeds: q25 %.10g, median %.10g, q75 %.10g, best %.10g, worst %.6g, %d on the plateau (scipy: q25 %.10g, median %.10g, q75 %.10g)",
			grad, fs21[5], fs21[10], fs21[15], fs21[0], fs21[20], stuck21, q.Q25, q.Median, q.Q75)
		t.Logf("analytic gradient %v, %d seeds: median %.10g, %d on the plateau (%.1f%%), mean nfev %.0f",
			grad, seeds, fs[seeds/2], stuck, 100*float64(stuck)/float64(seeds), float64(nfev)/float64(seeds))
		if fs21[10] > q.Median {
			t.Errorf("analytic gradient %v: median %.10g > scipy's median %.10g", grad, fs21[10], q.Median)
		}
	}
}

// scipyRuns reads testdata/scipy_toynet_<kind>.txt: the final losses of
// scipy 1.10.1's dual_annealing on the reference experiment, one seed a
// line (made by testdata/scipy_toynet.py).
func scipyRuns(t *testing.T, kind string) []float64 {
	t.Helper()
	b, err := os.ReadFile("testdata/scipy_toynet_" + kind + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	var fs []float64
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 2 {
			t.Fatalf("bad line %q", line)
		}
		f, err := strconv.ParseFloat(fields[1], 64)
		if err != nil {
			t.Fatal(err)
		}
		fs = append(fs, f)
	}
	return fs
}

// onPlateau counts the losses above the plateau threshold.
func onPlateau(fs []float64) int {
	k := 0
	for _, f := range fs {
		if f > plateau {
			k++
		}
	}
	return k
}

// TestToyNetworkPlateau compares the failure tail with scipy's: the
// fraction of runs that end on the ≈1.4e5 plateau, over 400 seeds (with
// the analytic gradient; ANNEAL_SEEDS=N ≥ 200 runs N seeds, with finite
// differences too), must not be significantly larger than scipy's over
// its 1000 seeds: a one-sided two-proportion z-test at the 1 % level
// (z ≤ 2.33). Before the port optlab's tail was 12.4 %, which fails it
// (z ≈ 4.8); so does any rate above ≈ 8.3 % at 400 seeds.
func TestToyNetworkPlateau(t *testing.T) {
	if testing.Short() {
		t.Skip("400 runs")
	}
	seeds := 400
	kinds := []string{"grad"}
	if v, err := strconv.Atoi(os.Getenv("ANNEAL_SEEDS")); err == nil && v >= 200 {
		seeds, kinds = v, []string{"grad", "fd"}
	}
	for _, kind := range kinds {
		ref := scipyRuns(t, kind)
		p, m, s := toySetup(kind == "grad")
		fs := make([]float64, 0, seeds)
		nfev := 0
		for seed := range uint64(seeds) {
			s.Seed = seed
			r := run(t, p, nil, &s, m)
			fs = append(fs, r.F)
			nfev += r.NFev
		}
		ko, ks := onPlateau(fs), onPlateau(ref)
		po, ps := float64(ko)/float64(seeds), float64(ks)/float64(len(ref))
		pool := float64(ko+ks) / float64(seeds+len(ref))
		z := (po - ps) / math.Sqrt(pool*(1-pool)*(1/float64(seeds)+1/float64(len(ref))))
		slices.Sort(fs)
		t.Logf("%s: optlab %d/%d on the plateau (%.1f%%), median %.10g, mean nfev %.0f; scipy %d/%d (%.1f%%); z = %.2f",
			kind, ko, seeds, 100*po, fs[seeds/2], float64(nfev)/float64(seeds), ks, len(ref), 100*ps, z)
		if z > 2.33 {
			t.Errorf("%s: %.1f%% of the runs end on the plateau, significantly more than scipy's %.1f%% (z = %.2f)", kind, 100*po, 100*ps, z)
		}
	}
}
