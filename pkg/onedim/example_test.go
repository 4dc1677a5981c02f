package onedim_test

import (
	"context"
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/onedim"
	"github.com/optlab/optlab/pkg/optim"
)

func f(x float64) float64   { return x*x*x*x - 14*x*x*x + 60*x*x - 70*x }
func df(x float64) float64  { return 4*x*x*x - 42*x*x + 120*x - 70 }
func d2f(x float64) float64 { return 12*x*x - 84*x + 120 }

func ExampleGolden() {
	p := onedim.Problem(f, nil, nil, 0, 2) // f on [0, 2]
	r, err := optim.Minimize(context.Background(), p, nil, &optim.Settings{XTol: 1e-6}, &onedim.Golden{})
	if err != nil {
		panic(err)
	}
	b, _ := optim.DetailOf[*onedim.Bracket](r)
	fmt.Printf("x* ≈ %.6f, f(x*) ≈ %.6f, final bracket %.2g wide\n", r.X[0], r.F, b.Width())
	fmt.Printf("%d iterations, %d evaluations, %v\n", r.NIt, r.NFev, r.Status)
	// Output:
	// x* ≈ 0.780884, f(x*) ≈ -24.369602, final bracket 6.6e-07 wide
	// 31 iterations, 32 evaluations, converged
}

func ExampleSecant() {
	p := onedim.Problem(f, df, nil, 0, 2) // f′ only: no f″ needed
	r, err := optim.Minimize(context.Background(), p, []float64{0.2}, &optim.Settings{Record: true}, &onedim.Secant{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("x = %.12f after %d steps, %d evaluations of f and of f′, %v\n", r.X[0], r.NIt, r.NGev, r.Status)
	for _, it := range r.Path {
		m := it.Detail.(onedim.Model)
		fmt.Printf("from %.10f with slope %7.3f to %.10f\n", m.X, m.H, it.X[0])
	}
	// Output:
	// x = 0.780884053088 after 7 steps, 9 evaluations of f and of f′, converged
	// from 0.2000000000 with slope 103.640 to 0.6597434800
	// from 0.6597434800 with slope  86.320 to 0.7519950511
	// from 0.7519950511 with slope  66.695 to 0.7791404163
	// from 0.7791404163 with slope  62.726 to 0.7808577518
	// from 0.7808577518 with slope  61.781 to 0.7808840289
	// from 0.7808840289 with slope  61.724 to 0.7808840531
	// from 0.7808840531 with slope  61.723 to 0.7808840531
}

func ExampleGoldenSection() {
	x, nfev := onedim.GoldenSection(f, 0, 2, 1e-8)
	fmt.Printf("x ≈ %.7f with %d evaluations of f\n", x, nfev)
	// Output:
	// x ≈ 0.7808841 with 41 evaluations of f
}

func ExampleFibonacci() {
	p := onedim.Problem(math.Cos, nil, nil, 0, 2*math.Pi)
	// A fixed budget: the smallest bracket 10 evaluations can give.
	s := &optim.Settings{MaxEval: 10, XTol: 1e-12}
	r, _ := optim.Minimize(context.Background(), p, nil, s, &onedim.Fibonacci{})
	b, _ := optim.DetailOf[*onedim.Bracket](r)
	fmt.Printf("%d evaluations: π in [%.4f, %.4f], width %.4f (%v)\n", r.NFev, b.A, b.B, b.Width(), r.Status)
	// Output:
	// 10 evaluations: π in [3.1063, 3.1769], width 0.0706 (evaluation limit)
}

func ExampleBisection() {
	r, _ := optim.Minimize(context.Background(), onedim.Problem(f, df, nil, 0, 2), nil, nil, &onedim.Bisection{})
	fmt.Printf("x* ≈ %.9f after %d iterations and %d evaluations of f′\n", r.X[0], r.NIt, r.NGev)

	// f′ = eˣ > 0 on [0, 1]: no sign change, a failure status.
	r, _ = optim.Minimize(context.Background(), onedim.Problem(math.Exp, math.Exp, nil, 0, 1), nil, nil, &onedim.Bisection{})
	fmt.Println(r.Status, r.Err() != nil)
	// Output:
	// x* ≈ 0.780884054 after 28 iterations and 30 evaluations of f′
	// numerical failure true
}

func ExampleNewton() {
	p := onedim.Problem(f, df, d2f, math.Inf(-1), math.Inf(1)) // no bounds
	r, _ := optim.Minimize(context.Background(), p, []float64{0.2}, nil, &onedim.Newton{})
	fmt.Printf("from 0.2: x = %.12f in %d steps, %v\n", r.X[0], r.NIt, r.Status)

	// From x0 = 3, f″ < 0: Newton's step would climb to the local maximum.
	r, _ = optim.Minimize(context.Background(), p, []float64{3}, nil, &onedim.Newton{})
	fmt.Println("from 3:", r.Status)
	fmt.Println(r.Message)
	// Output:
	// from 0.2: x = 0.780884053088 in 5 steps, converged
	// from 3: not a minimum
	// f″(x) = -24 ≤ 0 at x = 3 (f′ = 20): the Newton step would head for a maximum; x is not a minimum
}

func ExampleBrent() {
	p := onedim.Problem(f, nil, nil, 0, 2)
	g, _ := optim.Minimize(context.Background(), p, nil, nil, &onedim.Golden{})
	b, _ := optim.Minimize(context.Background(), p, nil, nil, &onedim.Brent{})
	fmt.Printf("golden: x = %.6f with %d evaluations\n", g.X[0], g.NFev)
	fmt.Printf("brent:  x = %.6f with %d evaluations\n", b.X[0], b.NFev)
	// Output:
	// golden: x = 0.780884 with 41 evaluations
	// brent:  x = 0.780884 with 11 evaluations
}
