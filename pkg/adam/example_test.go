package adam_test

import (
	"fmt"

	"github.com/optlab/optlab/pkg/adam"
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/reference"
	"github.com/optlab/optlab/pkg/toynet"
)

// The reference experiment's Adam run: 100 steps with lr = 1 on the toy
// network, the loss measured before each step as a PyTorch training loop
// does. The last measured loss reproduces PyTorch's.
func ExampleMinimizePath() {
	net := toynet.Reference()
	o := adam.DefaultOptions()
	o.LR, o.MaxIter = 1, 100
	r, path, err := adam.MinimizePath(net.Problem(), toynet.X0(), o)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("loss before step   1: %.3f\n", path.F[0])
	fmt.Printf("loss before step 100: %.8f\n", path.F[99])
	fmt.Printf("PyTorch's final loss: %.8f\n", reference.MustGet().ReferenceResults.AdamFinalLoss)
	fmt.Printf("%d evaluations, %d gradients, %v\n", r.NFev, r.NGev, r.Status)
	// Output:
	// loss before step   1: 307090.483
	// loss before step 100: 91.85612831
	// PyTorch's final loss: 91.85612831
	// 100 evaluations, 100 gradients, iteration limit
}

// Adam with finite differences when the problem has no gradient: each step
// then costs 2n+1 evaluations of f (central differences).
func ExampleMinimize() {
	p := optim.Problem{Func: func(x []float64) float64 {
		return (x[0]-3)*(x[0]-3) + (x[1]+1)*(x[1]+1)
	}}
	o := adam.DefaultOptions()
	o.LR, o.MaxIter, o.GTol = 0.1, 5000, 1e-6
	r, err := adam.Minimize(p, []float64{0, 0}, o)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x = (%.4f, %.4f), %v after %d steps\n", r.X[0], r.X[1], r.Status, r.NIt)
	fmt.Printf("%d evaluations = 5 × (%d steps + the final check)\n", r.NFev, r.NIt)
	// Output:
	// x = (3.0000, -1.0000), converged after 280 steps
	// 1405 evaluations = 5 × (280 steps + the final check)
}
