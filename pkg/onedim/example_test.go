package onedim_test

import (
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/onedim"
)

func f(x float64) float64   { return x*x*x*x - 14*x*x*x + 60*x*x - 70*x }
func df(x float64) float64  { return 4*x*x*x - 42*x*x + 120*x - 70 }
func d2f(x float64) float64 { return 12*x*x - 84*x + 120 }

func ExampleGolden() {
	o := onedim.DefaultOptions()
	o.XTol = 1e-6
	r, err := onedim.Golden(f, 0, 2, o)
	if err != nil {
		panic(err)
	}
	fmt.Printf("x* ≈ %.6f, f(x*) ≈ %.6f\n", r.X[0], r.F)
	fmt.Printf("%d iterations, %d evaluations, %v\n", r.NIt, r.NFev, r.Status)
	// Output:
	// x* ≈ 0.780884, f(x*) ≈ -24.369602
	// 31 iterations, 32 evaluations, converged
}

func ExampleFibonacci() {
	o := onedim.DefaultOptions()
	o.MaxEval = 10 // a fixed budget: the smallest bracket 10 evaluations can give
	o.XTol = 1e-12
	r, _ := onedim.Fibonacci(math.Cos, 0, 2*math.Pi, o)
	last := r.Steps[len(r.Steps)-1]
	fmt.Printf("%d evaluations: π in [%.4f, %.4f], width %.4f\n", r.NFev, last.A, last.B, last.B-last.A)
	// Output:
	// 10 evaluations: π in [3.1063, 3.1769], width 0.0706
}

func ExampleBisection() {
	r, err := onedim.Bisection(df, 0, 2, nil)
	if err != nil {
		panic(err)
	}
	fmt.Printf("x* ≈ %.9f after %d iterations and %d calls of f′\n", r.X[0], r.NIt, r.NGev)

	// f′ = eˣ > 0 on [0, 1]: no sign change, an error.
	_, err = onedim.Bisection(math.Exp, 0, 1, nil)
	fmt.Println(err != nil)
	// Output:
	// x* ≈ 0.780884054 after 28 iterations and 30 calls of f′
	// true
}

func ExampleNewton() {
	r, _ := onedim.Newton(df, d2f, 0.2, nil)
	fmt.Printf("from 0.2: x = %.12f in %d steps, %v\n", r.X[0], r.NIt, r.Status)

	// From x0 = 3, f″ < 0: Newton's step would climb to the local maximum.
	r, _ = onedim.Newton(df, d2f, 3, nil)
	fmt.Println("from 3:", r.Status)
	fmt.Println(r.Message)
	// Output:
	// from 0.2: x = 0.780884053088 in 5 steps, converged
	// from 3: not a minimum
	// f″(x) = -24 ≤ 0 at x = 3 (f′ = 20): the Newton step would head for a maximum; x is not a minimum
}

func ExampleBrent() {
	g, _ := onedim.Golden(f, 0, 2, nil)
	b, _ := onedim.Brent(f, 0, 2, nil)
	fmt.Printf("golden: x = %.6f with %d evaluations\n", g.X[0], g.NFev)
	fmt.Printf("brent:  x = %.6f with %d evaluations\n", b.X[0], b.NFev)
	// Output:
	// golden: x = 0.780884 with 41 evaluations
	// brent:  x = 0.780884 with 11 evaluations
}
