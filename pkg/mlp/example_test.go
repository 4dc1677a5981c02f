package mlp_test

import (
	"fmt"

	"github.com/optlab/optlab/pkg/mlp"
	"github.com/optlab/optlab/pkg/toynet"
)

// The toy network of the reference experiment is the 2-2-2 ReLU case
// without hidden bias, its inputs as targets; the parameters are in
// toynet's order W1, W2, b.
func Example_toynet() {
	var u [][]float64
	for _, p := range toynet.Reference().Inputs() {
		u = append(u, []float64{p[0], p[1]})
	}
	net, err := mlp.New([]int{2, 2, 2}, mlp.ReLU, false, u, u)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("parameters:", net.NumParams())
	fmt.Printf("loss at x0:         %.6f\n", net.Loss(toynet.X0()))
	fmt.Printf("loss at best known: %.6f\n", net.Loss(toynet.BestKnownX()))
	// Output:
	// parameters: 10
	// loss at x0:         307090.483493
	// loss at best known: 0.783054
}

// The scaling-study networks: one tanh hidden layer of h units, 4h + 1
// parameters, on 64 fixed samples of sin(2u)·cos(1.5v).
func ExampleTask() {
	for _, n := range []int{10, 30, 100, 300, 1000} {
		net, x0, err := mlp.Task(n, 1)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("n ≈ %4d: sizes %v, %4d parameters, loss at the start %.3f\n", n, net.Sizes(), len(x0), net.Loss(x0))
	}
	// Output:
	// n ≈   10: sizes [2 2 1],    9 parameters, loss at the start 0.599
	// n ≈   30: sizes [2 7 1],   29 parameters, loss at the start 0.160
	// n ≈  100: sizes [2 25 1],  101 parameters, loss at the start 0.537
	// n ≈  300: sizes [2 75 1],  301 parameters, loss at the start 0.288
	// n ≈ 1000: sizes [2 250 1], 1001 parameters, loss at the start 0.362
}
