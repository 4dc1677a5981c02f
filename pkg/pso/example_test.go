package pso_test

import (
	"context"
	"fmt"

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
	// pyswarm's defaults, seed 0; PSO takes no start point.
	r, err := optim.Minimize(context.Background(), p, nil, nil, &pso.Method{})
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
func Example_constraint() {
	p := optim.Problem{
		Func:  func(x []float64) float64 { return x[0]*x[0] + x[1]*x[1] },
		Lower: []float64{-2, -2},
		Upper: []float64{2, 2},
		Constraints: []optim.Constraint{{
			Kind: optim.Inequality,
			Func: func(x []float64) float64 { return x[0] + x[1] - 1 }, // x + y ≥ 1
		}},
	}
	r, err := optim.Minimize(context.Background(), p, nil, &optim.Settings{Seed: 1}, &pso.Method{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x = (%.2f, %.2f), f = %.3f, feasible: %v\n", r.X[0], r.X[1], r.F, r.X[0]+r.X[1] >= 1)
	// Output:
	// x = (0.50, 0.50), f = 0.500, feasible: true
}

// Settings.Record keeps every iteration: the swarm's positions (Pop), its
// best (X, F) and velocities and personal bests (Detail, a *pso.Swarm).
// The initial swarm is in the Result's Detail, so a plot or an animation
// has NIt+1 frames. Four particles, the constriction parameters of Clerc
// and Kennedy, no early stop.
func Example_record() {
	p := optim.Problem{
		Func:  func(x []float64) float64 { return (x[0]-1)*(x[0]-1) + x[1]*x[1] },
		Lower: []float64{-3, -3},
		Upper: []float64{3, 3},
	}
	m := &pso.Method{SwarmSize: 4, Omega: 0.7298, PhiP: 1.49618, PhiG: 1.49618, NoEarlyStop: true}
	r, err := optim.Minimize(context.Background(), p, nil, &optim.Settings{MaxIter: 30, Record: true}, m)
	if err != nil {
		fmt.Println(err)
		return
	}
	d, _ := optim.DetailOf[*pso.Detail](r)
	frames := append([]optim.Iteration{d.Start}, r.Path...)
	fmt.Println("frames:", len(frames))
	fmt.Println("particles per frame:", len(frames[0].Pop))
	fmt.Println("velocities per frame:", len(frames[10].Detail.(*pso.Swarm).V))
	fmt.Println("best after 30 moves below 0.01:", frames[30].F < 0.01)
	fmt.Println(r.Status, "—", r.Message)
	// Output:
	// frames: 31
	// particles per frame: 4
	// velocities per frame: 4
	// best after 30 moves below 0.01: true
	// iteration limit — Stopping search: maximum iterations reached --> 30
}
