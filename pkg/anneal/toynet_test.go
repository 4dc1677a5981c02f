package anneal_test

import (
	"slices"
	"testing"

	"github.com/optlab/optlab/pkg/anneal"
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/reference"
	"github.com/optlab/optlab/pkg/toynet"
)

// toySetup returns the toy network in the reference box [lb, ub]^10 and the
// reference dual-annealing settings (maxiter 100, initial_temp 1, ...).
// Without grad, the local search uses finite differences, as scipy did.
func toySetup(grad bool) (optim.Problem, *anneal.Options) {
	s := reference.MustGet().Settings.DualAnnealing
	o := anneal.DefaultOptions()
	o.MaxIter = s.MaxIter
	o.InitialTemp = s.InitialTemp
	o.Visit = s.Visit
	o.Accept = s.Accept
	o.RestartTempRatio = s.RestartTempRatio
	p := toynet.Reference().Problem()
	if !grad {
		p.Grad = nil
	}
	p.Lower, p.Upper = box(p.Dim, s.LB, s.UB)
	return p, o
}

// TestToyNetworkQuality runs the reference experiment: 21 seeds, and
// compares the median final loss with scipy's.
func TestToyNetworkQuality(t *testing.T) {
	ref := reference.MustGet()
	for _, grad := range []bool{true, false} {
		p, o := toySetup(grad)
		var fs []float64
		nfev := 0
		for seed := range uint64(21) {
			o.Seed = seed
			r, err := anneal.Minimize(p, nil, o)
			if err != nil {
				t.Fatal(err)
			}
			if r.F < ref.BestKnownLoss*(1-1e-9) {
				t.Errorf("seed %d: loss %.12g below the best known %.12g: check the loss", seed, r.F, ref.BestKnownLoss)
			}
			fs = append(fs, r.F)
			nfev += r.NFev
		}
		slices.Sort(fs)
		q := ref.ReferenceResults.Stochastic.DualAnnealing
		t.Logf("analytic gradient %v: q25 %.10g, median %.10g, q75 %.10g, best %.10g, worst %.6g; mean nfev %.0f (scipy: q25 %.10g, median %.10g, q75 %.10g)",
			grad, fs[5], fs[10], fs[15], fs[0], fs[20], float64(nfev)/21, q.Q25, q.Median, q.Q75)
		if fs[10] > q.Median {
			t.Errorf("analytic gradient %v: median %.10g > scipy's median %.10g", grad, fs[10], q.Median)
		}
	}
}
