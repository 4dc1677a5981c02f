package optim_test

import (
	"fmt"

	"github.com/optlab/optlab/pkg/optim"
)

// A method's implementation wraps the objective in an Evaluator, which
// counts evaluations and records the best-so-far trace that every optlab
// method returns.
func ExampleEvaluator() {
	f := func(x []float64) float64 { return (x[0] - 1) * (x[0] - 1) }
	ev := optim.NewEvaluator(f, 0)
	for _, x := range []float64{3, 0, 2, 1.5} {
		ev.Eval([]float64{x})
	}
	r := optim.Result{NIt: 4, Status: optim.IterationLimit, Message: "4 points tried"}
	ev.Fill(&r)
	fmt.Println("best x:", r.X, "f:", r.F, "nfev:", r.NFev)
	fmt.Println("trace:", r.Trace)
	fmt.Println("error:", r.Err())
	// Output:
	// best x: [1.5] f: 0.25 nfev: 4
	// trace: [4 1 1 0.25]
	// error: <nil>
}
