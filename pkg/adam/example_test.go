package adam_test

import (
	"context"
	"fmt"

	"github.com/optlab/optlab/pkg/adam"
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/reference"
	"github.com/optlab/optlab/pkg/toynet"
)

// The reference experiment's Adam run: 100 steps with lr = 1 on the toy
// network, the loss measured before each step as a PyTorch training loop
// does (Settings.Record keeps one Iteration per step). The loss measured
// before the last step reproduces PyTorch's.
func ExampleMethod() {
	net := toynet.Reference()
	r, err := optim.Minimize(context.Background(), net.Problem(), toynet.X0(),
		&optim.Settings{MaxIter: 100, Record: true}, &adam.Method{LR: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("loss before step   1: %.3f\n", r.Path[0].F)
	fmt.Printf("loss before step 100: %.8f\n", r.Path[len(r.Path)-1].F)
	fmt.Printf("PyTorch's final loss: %.8f\n", reference.MustGet().ReferenceResults.AdamFinalLoss)
	fmt.Printf("%d evaluations, %d gradients, %v\n", r.NFev, r.NGev, r.Status)
	// Output:
	// loss before step   1: 307090.483
	// loss before step 100: 91.85612831
	// PyTorch's final loss: 91.85612831
	// 100 evaluations, 100 gradients, iteration limit
}

// Adam with finite differences when the problem has no gradient: each step
// then costs n+1 = 3 evaluations of f (f(x_k) and n forward probes).
func ExampleMethod_finiteDifferences() {
	p := optim.Problem{Func: func(x []float64) float64 {
		return (x[0]-3)*(x[0]-3) + (x[1]+1)*(x[1]+1)
	}}
	r, err := optim.Minimize(context.Background(), p, []float64{0, 0},
		&optim.Settings{MaxIter: 5000, GTol: 1e-6}, &adam.Method{LR: 0.1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x = (%.4f, %.4f), %v after %d steps\n", r.X[0], r.X[1], r.Status, r.NIt)
	fmt.Printf("%d evaluations = 3 × (%d steps + the final check)\n", r.NFev, r.NIt)
	// Output:
	// x = (3.0000, -1.0000), converged after 280 steps
	// 843 evaluations = 3 × (280 steps + the final check)
}
