package pso_test

import (
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/pso"
)

// Himmelblau's function has four global minima, all with value 0; which one
// the swarm finds depends on the seed.
func Example() {
	himmelblau := func(x []float64) float64 {
		a := x[0]*x[0] + x[1] - 11
		b := x[0] + x[1]*x[1] - 7
		return a*a + b*b
	}
	p := optim.Problem{Func: himmelblau, Lower: []float64{-5, -5}, Upper: []float64{5, 5}}
	r, err := pso.Minimize(p, nil, nil) // pyswarm's defaults, seed 0
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("f < 1e-6: %v\n", r.F < 1e-6)
	fmt.Printf("evaluations = 100·(1 + iterations): %v\n", r.NFev == 100*(1+r.NIt))
	fmt.Println(r.Status)
	fmt.Println(r.Message)
	// Output:
	// f < 1e-6: true
	// evaluations = 100·(1 + iterations): true
	// converged
	// Stopping search: Swarm best objective change less than 1e-08
}

// An inequality constraint c(x) ≥ 0 cuts the unconstrained minimum (0, 0)
// of x² + y² away; the swarm finds the constrained one, (1/2, 1/2).
func ExampleMinimize_constraint() {
	p := optim.Problem{
		Func:  func(x []float64) float64 { return x[0]*x[0] + x[1]*x[1] },
		Lower: []float64{-2, -2},
		Upper: []float64{2, 2},
	}
	o := pso.DefaultOptions()
	o.Seed = 1
	o.Ieqcons = []func(x []float64) float64{
		func(x []float64) float64 { return x[0] + x[1] - 1 }, // x + y ≥ 1
	}
	r, err := pso.Minimize(p, nil, o)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x = (%.2f, %.2f), f = %.3f, feasible: %v\n", r.X[0], r.X[1], r.F, r.X[0]+r.X[1] >= 1)
	// Output:
	// x = (0.50, 0.50), f = 0.500, feasible: true
}

// A Recorder keeps the swarm's positions after every iteration, ready to be
// plotted or animated.
func ExampleRecorder() {
	rastrigin := func(x []float64) float64 {
		s := 20.0
		for _, v := range x {
			s += v*v - 10*math.Cos(2*math.Pi*v)
		}
		return s
	}
	p := optim.Problem{Func: rastrigin, Lower: []float64{-5.12, -5.12}, Upper: []float64{5.12, 5.12}}
	rec := &pso.Recorder{}
	o := pso.DefaultOptions()
	o.SwarmSize, o.MaxIter = 20, 30
	o.Observe = rec.Observe
	r, err := pso.Minimize(p, nil, o)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("frames:", len(rec.Frames) == r.NIt+1)
	fmt.Println("particles per frame:", len(rec.Frames[0].X))
	// Output:
	// frames: true
	// particles per frame: 20
}
