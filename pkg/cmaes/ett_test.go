package cmaes

import (
	"cmp"
	"context"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/optlab/optlab/pkg/optim"
)

// TestEvalsToTarget measures the evaluations full CMA-ES needs to reach
// f < 1e-8 from x0 = 3·1 with σ0 = 2 on the sphere, the ellipsoid with
// condition 1e6 and Rosenbrock (the median over seeds 0, 1, ...; a run that
// stops without reaching it counts as +Inf). It is slow and only runs with
// CMAES_ETT=k10,k100: k10 seeds at n = 10 and k100 at n = 100 (ellipsoid
// and Rosenbrock need about 2·10⁵ evaluations there). It is the check that
// a change of the numerics did not change the algorithm.
// CMAES_ETT_VARIANT=full,cholesky,maes,full-pos selects the variants
// (default full; -pos: PositiveWeights), CMAES_ETT_FUNCS the functions;
// testdata/pycma_ett.py is the same loop for pycma.
func TestEvalsToTarget(t *testing.T) {
	var ks [2]int
	for i, f := range strings.Split(os.Getenv("CMAES_ETT"), ",") {
		if i < 2 {
			ks[i], _ = strconv.Atoi(f)
		}
	}
	if ks == [2]int{} {
		t.Skip("set CMAES_ETT=k10,k100 to run")
	}
	var variants []*Method // full-pos: full CMA-ES with PositiveWeights
	for _, name := range strings.Split(cmp.Or(os.Getenv("CMAES_ETT_VARIANT"), "full"), ",") {
		m := &Method{Sigma0: 2, PositiveWeights: strings.HasSuffix(name, "-pos")}
		if err := m.Variant.Set(strings.TrimSuffix(name, "-pos")); err != nil {
			t.Fatal(err)
		}
		variants = append(variants, m)
	}
	funcs := cmp.Or(os.Getenv("CMAES_ETT_FUNCS"), "sphere,ellipsoid1e6,rosenbrock")
	const target = 1e-8
	for j, n := range []int{10, 100} {
		k := ks[j]
		if k == 0 {
			continue
		}
		for _, fn := range []struct {
			name string
			f    func([]float64) float64
		}{{"sphere", sphere}, {"ellipsoid1e6", ellipsoid(1e6)}, {"rosenbrock", rosenbrock}} {
			if !slices.Contains(strings.Split(funcs, ","), fn.name) {
				continue
			}
			for _, v := range variants {
				var evals []float64
				for seed := range uint64(k) {
					s := &optim.Settings{Seed: seed, MaxIter: 1 << 20, MaxEval: 10000 * n * n, FTol: 1e-300, XTol: 1e-300,
						Callback: func(it optim.Iteration) bool { return it.BestF < target }}
					r, err := optim.Minimize(context.Background(), optim.Problem{Func: fn.f}, constVec(n, 3), s, v)
					if err != nil {
						t.Fatal(err)
					}
					e := math.Inf(1)
					if i := slices.IndexFunc(r.Trace, func(v float64) bool { return v < target }); i >= 0 {
						e = float64(i + 1)
					}
					evals = append(evals, e)
				}
				slices.Sort(evals)
				ok := 0
				for _, e := range evals {
					if !math.IsInf(e, 1) {
						ok++
					}
				}
				name := v.Variant.String()
				if v.PositiveWeights {
					name += "-pos"
				}
				t.Logf("ETT %-8s n=%d %-13s seeds=%d reached=%d median=%.0f q25=%.0f q75=%.0f\n",
					name, n, fn.name, k, ok, evals[k/2], evals[k/4], evals[3*k/4])
			}
		}
	}
}
