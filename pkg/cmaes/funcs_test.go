package cmaes

import (
	"math"

	"github.com/optlab/optlab/pkg/problems"
)

// The test functions of package problems, by their short names.
var (
	sphere     = problems.SphereFunc
	rosenbrock = problems.RosenbrockFunc
	rastrigin  = problems.RastriginFunc
)

// ellipsoid returns Σ cond^{i/(n-1)} x_i².
func ellipsoid(cond float64) func([]float64) float64 {
	return func(x []float64) float64 {
		n := len(x)
		s := 0.0
		for i, v := range x {
			s += math.Pow(cond, float64(i)/float64(max(n-1, 1))) * v * v
		}
		return s
	}
}

func constVec(n int, v float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = v
	}
	return x
}
