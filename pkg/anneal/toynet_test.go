package anneal_test

import (
	"os"
	"slices"
	"strconv"
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
