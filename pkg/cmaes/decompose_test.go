package cmaes

import (
	"math"
	"testing"

	"github.com/optlab/optlab/pkg/optim"
	"gonum.org/v1/gonum/mat"
)

// TestDecompose checks the decomposition: B D² Bᵀ = C, BᵀB = I, on
// successive matrices.
func TestDecompose(t *testing.T) {
	for _, n := range []int{1, 2, 5, 10, 32} {
		s := newState(make([]float64, n), 1, newParams(n, 0, false, true), false)
		rng := optim.NewRand(uint64(n))
		for round := range 3 {
			for i := range n {
				for j := i; j < n; j++ {
					v := rng.NormFloat64() * 0.1
					if i == j {
						v = 1 + float64(i) + math.Abs(v)
					}
					s.C[i*n+j] = v
				}
			}
			s.decompose()
			if s.failed != "" {
				t.Fatal(s.failed)
			}
			var bd2bt, btb mat.Dense
			bd2bt.Mul(s.bd, s.bd.T())
			btb.Mul(s.bm.T(), s.bm)
			for i := range n {
				for j := i; j < n; j++ {
					if d := math.Abs(bd2bt.At(i, j) - s.C[i*n+j]); d > 1e-12*float64(n) {
						t.Fatalf("n=%d round %d: (BD²Bᵀ)[%d,%d] − C = %g", n, round, i, j, d)
					}
					id := 0.0
					if i == j {
						id = 1
					}
					if d := math.Abs(btb.At(i, j) - id); d > 1e-13*float64(n) {
						t.Fatalf("n=%d round %d: BᵀB − I = %g at %d,%d", n, round, d, i, j)
					}
				}
			}
		}
	}
}
