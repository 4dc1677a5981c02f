package cmaes_test

import (
	"context"
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/cmaes"
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/toynet"
)

func rosenbrock(x []float64) float64 {
	a, b := x[1]-x[0]*x[0], 1-x[0]
	return 100*a*a + b*b
}

// Minimize Rosenbrock's banana function from (-1, 2).
func ExampleMethod() {
	res, err := optim.Minimize(context.Background(), optim.Problem{Func: rosenbrock}, []float64{-1, 2},
		&optim.Settings{Seed: 1}, &cmaes.Method{Sigma0: 0.5})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x = (%.6f, %.6f), f < 1e-12: %v\n", res.X[0], res.X[1], res.F < 1e-12)
	fmt.Println(res.Status)
	// Output:
	// x = (1.000000, 1.000000), f < 1e-12: true
	// converged
}

// The ask/tell interface: the caller evaluates the candidates.
func ExampleNew() {
	sphere := func(x []float64) float64 { return x[0]*x[0] + x[1]*x[1] + x[2]*x[2] }
	c, err := cmaes.New([]float64{1, 2, 3}, 1, &cmaes.Options{Seed: 7})
	if err != nil {
		fmt.Println(err)
		return
	}
	fs := make([]float64, c.PopSize())
	for c.Gen() < 1000 {
		for i, x := range c.Ask() {
			fs[i] = sphere(x)
		}
		c.Tell(fs)
		if _, _, stop := c.Stop(); stop {
			break
		}
	}
	_, f := c.Best()
	status, _, _ := c.Stop()
	fmt.Printf("λ = %d, f < 1e-10: %v, σ < 1e-3: %v, %v\n", c.PopSize(), f < 1e-10, c.Sigma() < 1e-3, status)
	// Output:
	// λ = 7, f < 1e-10: true, σ < 1e-3: true, converged
}

// IPOP restarts on the multimodal Rastrigin function: each restart doubles
// the population until the global minimum 0 is found.
func ExampleMethod_restarts() {
	rastrigin := func(x []float64) float64 {
		s := 10 * float64(len(x))
		for _, v := range x {
			s += v*v - 10*math.Cos(2*math.Pi*v)
		}
		return s
	}
	res, _ := optim.Minimize(context.Background(), optim.Problem{Func: rastrigin}, []float64{3.2, -2.7},
		&optim.Settings{Seed: 3}, &cmaes.Method{Sigma0: 2, Restarts: 4})
	d, _ := optim.DetailOf[*cmaes.Detail](res)
	for i, r := range d.Runs {
		fmt.Printf("run %d: λ = %d, best %.2f\n", i+1, r.PopSize, r.BestF)
	}
	// Output:
	// run 1: λ = 6, best 0.99
	// run 2: λ = 12, best 1.16
	// run 3: λ = 24, best 0.23
	// run 4: λ = 48, best 0.00
	// run 5: λ = 96, best 0.00
}

// CMA-ES on the reference toy network, with the reference experiment's
// settings: σ0 = 0.5, 100 generations of λ = 10, the last one with the
// final mean.
func ExampleMethod_toyNetwork() {
	net := toynet.Reference()
	res, _ := optim.Minimize(context.Background(), net.Problem(), toynet.X0(),
		&optim.Settings{MaxIter: 100, Seed: 0}, &cmaes.Method{Sigma0: 0.5})
	f0 := net.Loss(toynet.X0())
	fmt.Println(res.NFev, res.Status, "loss down more than 1000-fold:", res.F < f0/1000)
	// Output:
	// 1001 iteration limit loss down more than 1000-fold: true
}

// MA-ES, the decomposition-free variant: it adapts a square root M of the
// covariance matrix directly (C = M Mᵀ, in the final Distribution).
func ExampleMethod_maes() {
	ellipsoid := func(x []float64) float64 {
		s := 0.0
		for i, v := range x {
			s += math.Pow(1e4, float64(i)/float64(len(x)-1)) * v * v
		}
		return s
	}
	res, _ := optim.Minimize(context.Background(), optim.Problem{Func: ellipsoid}, []float64{3, 3, 3, 3, 3, 3, 3, 3, 3, 3},
		&optim.Settings{Seed: 1}, &cmaes.Method{Sigma0: 2, Variant: cmaes.MAES})
	d, _ := optim.DetailOf[*cmaes.Detail](res)
	r, c := d.Final.M.Dims()
	fmt.Printf("%v, f < 1e-10: %v, M is %d×%d\n", res.Status, res.F < 1e-10, r, c)
	// Output:
	// converged, f < 1e-10: true, M is 10×10
}
