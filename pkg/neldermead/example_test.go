package neldermead_test

import (
	"context"
	"fmt"

	"github.com/optlab/optlab/pkg/neldermead"
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
)

// Rosenbrock's valley from the classic start (−1.2, 1), with scipy's
// defaults xatol = fatol = 1e-4, and one restart (the default) that
// checks the answer: it lowers f by less than FTol, so the run ends.
func Example() {
	p, _ := problems.Rosenbrock(2)
	r, err := optim.Minimize(context.Background(), p, []float64{-1.2, 1}, nil, &neldermead.Method{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x = (%.4f, %.4f), f < 1e-8: %v\n", r.X[0], r.X[1], r.F < 1e-8)
	fmt.Println(r.NIt, "iterations,", r.NFev, "evaluations:", r.Status)
	// Output:
	// x = (1.0000, 1.0000), f < 1e-8: true
	// 111 iterations, 211 evaluations: converged
}

// With Settings.Record every iteration carries the simplex (Pop, PopF)
// and the transformation (Detail, an Op); the initial simplex is in the
// Result's Detail. That is all an animation of the valley needs.
func Example_record() {
	p, _ := problems.Rosenbrock(2)
	r, err := optim.Minimize(context.Background(), p, []float64{-1.2, 1},
		&optim.Settings{Record: true, MaxIter: 5}, &neldermead.Method{})
	if err != nil {
		fmt.Println(err)
		return
	}
	d, _ := optim.DetailOf[*neldermead.Detail](r)
	frames := append([]optim.Iteration{d.Start}, r.Path...)
	for _, it := range frames {
		fmt.Printf("%d: %d vertices, best f = %.3f %v\n", it.Iter, len(it.Pop), it.F, it.Detail)
	}
	// Output:
	// 0: 3 vertices, best f = 20.050 <nil>
	// 1: 3 vertices, best f = 5.162 expand
	// 2: 3 vertices, best f = 4.498 reflect
	// 3: 3 vertices, best f = 4.498 contract outside
	// 4: 3 vertices, best f = 4.381 contract inside
	// 5: 3 vertices, best f = 4.245 contract inside
}
