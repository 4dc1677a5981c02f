package cmaes

import "math"

func sphere(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v * v
	}
	return s
}

func rosenbrock(x []float64) float64 {
	s := 0.0
	for i := 0; i+1 < len(x); i++ {
		a, b := x[i+1]-x[i]*x[i], 1-x[i]
		s += 100*a*a + b*b
	}
	return s
}

func rastrigin(x []float64) float64 {
	s := 10 * float64(len(x))
	for _, v := range x {
		s += v*v - 10*math.Cos(2*math.Pi*v)
	}
	return s
}

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
