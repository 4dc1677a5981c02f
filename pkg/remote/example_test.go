package remote_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/remote"
)

// A worker process serves the objective; the optimizer process sends its
// batches to the workers through a Backend. (Not run: it needs a NATS
// server; see the tests, which start an embedded one.)
func Example() {
	ctx := context.Background()
	sphere := func(x []float64) float64 {
		s := 0.0
		for _, v := range x {
			s += v * v
		}
		return s
	}

	// In each worker process:
	wc, err := remote.Connect("nats://127.0.0.1:4222")
	if err != nil {
		log.Fatal(err)
	}
	go remote.Serve(ctx, wc, "sphere", sphere, remote.Options{Version: "v1", Concurrency: 2})

	// In the optimizer process:
	nc, err := remote.Connect("nats://127.0.0.1:4222")
	if err != nil {
		log.Fatal(err)
	}
	b, err := remote.NewBackend(nc, "sphere", remote.Options{Version: "v1", Timeout: 30 * time.Second})
	if err != nil {
		log.Fatal(err)
	}
	defer b.Close()
	p := optim.Problem{Dim: 2, Lower: []float64{-5, -5}, Upper: []float64{5, 5}} // Func nil: remote
	m, err := optim.Lookup("cmaes")
	if err != nil {
		log.Fatal(err)
	}
	res, err := optim.Minimize(ctx, p, []float64{1, 1}, &optim.Settings{Seed: 1, MaxEval: 2000, Backend: b}, m)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Status, res.F)
}
