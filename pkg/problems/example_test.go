package problems_test

import (
	"fmt"
	"log"
	"math"

	"github.com/optlab/optlab/pkg/problems"
)

// Look up a problem by name, build it in two dimensions and evaluate it at
// its start point and at its minimizer.
func Example() {
	spec, err := problems.Lookup("rosenbrock")
	if err != nil {
		log.Fatal(err)
	}
	p, err := spec.Problem(2)
	if err != nil {
		log.Fatal(err)
	}
	x0 := spec.X0(2)
	fmt.Printf("f(%v) = %.2f\n", x0, p.Func(x0))
	fmt.Printf("f(%v) = %g\n", spec.XMin(2), p.Func(spec.XMin(2)))
	fmt.Printf("domain [%g, %g]^2\n", spec.Lower, spec.Upper)
	// Output:
	// f([-1.2 1]) = 24.20
	// f([1 1]) = 0
	// domain [-2.048, 2.048]^2
}

// The 1-D problems carry f, f′ and f″.
func ExamplePoly() {
	s := problems.Poly()
	fmt.Printf("min on [%g, %g] near x = %.4f, f = %.4f, |f'| < 1e-12: %v, f'' = %.2f\n",
		s.A, s.B, s.XMin, s.F(s.XMin), math.Abs(s.DF(s.XMin)) < 1e-12, s.D2F(s.XMin))
	// Output:
	// min on [0, 2] near x = 0.7809, f = -24.3696, |f'| < 1e-12: true, f'' = 61.72
}
