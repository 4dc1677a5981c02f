package toynet_test

import (
	"fmt"

	"github.com/optlab/optlab/pkg/toynet"
)

func Example() {
	net := toynet.Reference()
	fmt.Printf("loss at x0:         %.6f\n", net.Loss(toynet.X0()))
	fmt.Printf("loss at best known: %.6f\n", net.Loss(toynet.BestKnownX()))
	// Output:
	// loss at x0:         307090.483493
	// loss at best known: 0.783054
}
