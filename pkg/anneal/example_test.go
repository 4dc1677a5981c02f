package anneal_test

import (
	"context"
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/anneal"
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/reference"
	"github.com/optlab/optlab/pkg/toynet"
)

// Dual annealing finds the global minimum of the Rastrigin function, whose
// every integer point is a local minimum. The run ends at the iteration
// limit (1000 chains by default), which is not a convergence.
func Example() {
	rastrigin := func(x []float64) float64 {
		s := 10 * float64(len(x))
		for _, v := range x {
			s += v*v - 10*math.Cos(2*math.Pi*v)
		}
		return s
	}
	p := optim.Problem{
		Func:  rastrigin,
		Lower: []float64{-5.12, -5.12},
		Upper: []float64{5.12, 5.12},
	}
	r, err := optim.Minimize(context.Background(), p, nil, &optim.Settings{Seed: 1}, &anneal.Method{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x = (%.4f, %.4f), f = %.6f, status: %v\n", math.Abs(r.X[0]), math.Abs(r.X[1]), r.F, r.Status)
	// Output:
	// x = (0.0000, 0.0000), f = 0.000000, status: iteration limit
}

// The reference experiment: the toy network in [−1, 1]^10 with scipy's
// settings of the reference run (maxiter 100, initial_temp 1).
func Example_toyNetwork() {
	s := reference.MustGet().Settings.DualAnnealing
	p := toynet.Reference().Problem() // with its analytic gradient
	p.Lower, p.Upper = make([]float64, p.Dim), make([]float64, p.Dim)
	for i := range p.Lower {
		p.Lower[i], p.Upper[i] = s.LB, s.UB
	}
	r, err := optim.Minimize(context.Background(), p, nil,
		&optim.Settings{MaxIter: s.MaxIter, Seed: 42}, &anneal.Method{InitialTemp: s.InitialTemp})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("loss %.4f after %d global iterations\n", r.F, r.NIt)
	// Output:
	// loss 0.7831 after 100 global iterations
}

// The visiting temperature falls like t^−(qv−1): from T0 at t = 1 by a
// factor of about 40 per decade of t for qv = 2.62.
func ExampleTemperature() {
	for _, t := range []int{1, 10, 100, 1000} {
		fmt.Printf("T(%d) = %.4g\n", t, anneal.Temperature(t, 5230, 2.62))
	}
	// Output:
	// T(1) = 5230
	// T(10) = 227.6
	// T(100) = 6.145
	// T(1000) = 0.1495
}

// The generalized Metropolis rule with qa = −5 never accepts an uphill move
// larger than T_qa/6.
func ExampleAcceptProbability() {
	for _, dE := range []float64{0, 0.05, 0.1, 0.15, 0.2} {
		fmt.Printf("dE = %.2f: p = %.3f (Metropolis %.3f)\n", dE,
			anneal.AcceptProbability(dE, 1, -5), math.Exp(-dE))
	}
	// Output:
	// dE = 0.00: p = 1.000 (Metropolis 1.000)
	// dE = 0.05: p = 0.942 (Metropolis 0.951)
	// dE = 0.10: p = 0.858 (Metropolis 0.905)
	// dE = 0.15: p = 0.681 (Metropolis 0.861)
	// dE = 0.20: p = 0.000 (Metropolis 0.819)
}
