package main

import (
	"time"

	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/nats-io/nats-server/v2/server"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
	"github.com/optlab/optlab/pkg/remote"
	"github.com/optlab/optlab/pkg/toynet"
)

// toynetDim is the dimension of the shoot-out's problem.
const toynetDim = toynet.NumParams

// remoteBackend connects to the NATS server at url and returns a backend
// that evaluates problem (of dimension dim) on the workers serving it.
func remoteBackend(ctx context.Context, url, problem string, dim int) (optim.Backend, func(), error) {
	nc, err := remote.Connect(url)
	if err != nil {
		return nil, nil, usagef("%v", err)
	}
	b, err := remote.NewBackend(nc, problem, remote.Options{Dim: dim})
	if err != nil {
		nc.Close()
		return nil, nil, usagef("%v", err)
	}
	return b, func() { b.Close(); nc.Close() }, nil
}

// useRemote sets s.Backend to remote workers serving j's problem.
func useRemote(ctx context.Context, url string, j *job, s *optim.Settings) (func(), error) {
	b, closer, err := remoteBackend(ctx, url, j.spec.Name, j.n)
	if err != nil {
		return nil, err
	}
	s.Backend = b
	return closer, nil
}

// runWorker serves evaluations of a registered problem until interrupted.
func runWorker(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("worker", "-nats URL -problem NAME [-dim N] [-concurrency K]", stderr)
	url := fs.String("nats", "", "NATS server `url`, e.g. nats://127.0.0.1:4222")
	name := fs.String("problem", "", "problem `name` to serve (see optlab problems)")
	dim := fs.Int("dim", 0, "dimension `n` (default: the problem's default)")
	conc := fs.Int("concurrency", 1, "evaluations at once, on as many goroutines")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *url == "" || *name == "" {
		return usagef("worker needs -nats and -problem")
	}
	spec, err := problems.Lookup(*name)
	if err != nil {
		return usagef("%v", err)
	}
	n := spec.DefaultDim
	if *dim != 0 {
		n = *dim
	}
	if n > maxDim {
		return usagef("-dim %d is above the limit of %d variables", n, maxDim)
	}
	if err := spec.CheckDim(n); err != nil {
		return usagef("%v", err)
	}
	p, err := spec.Problem(n)
	if err != nil {
		return usagef("%v", err)
	}
	if *conc < 1 {
		return usagef("-concurrency must be at least 1, got %d", *conc)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return serveProblem(ctx, *url, spec.Name, p.Func, n, *conc, stderr)
}

// serveProblem serves f as problem name (dimension n) on the NATS server
// at url until ctx is done.
func serveProblem(ctx context.Context, url, name string, f func([]float64) float64, n, conc int, stderr io.Writer) error {
	nc, err := remote.Connect(url)
	if err != nil {
		return usagef("%v", err)
	}
	defer nc.Close()
	fmt.Fprintf(stderr, "optlab worker: serving %s (n = %d) on %s with concurrency %d; Ctrl-C to stop\n", name, n, url, conc)
	err = remote.Serve(ctx, nc, name, f, remote.Options{Dim: n, Concurrency: conc})
	if ctx.Err() != nil {
		return nil
	}
	return err
}

// runNATSServer runs an embedded NATS server, for trying remote evaluation
// on one machine without installing nats-server. It listens on loopback
// unless told otherwise, and has no authentication: for a cluster, run a
// real nats-server with TLS and credentials (see deploy/).
func runNATSServer(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("nats-server", "[-host 127.0.0.1] [-port 4222]", stderr)
	host := fs.String("host", "127.0.0.1", "address to listen on (keep it private: no authentication)")
	port := fs.Int("port", 4222, "port")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	s, err := server.NewServer(&server.Options{Host: *host, Port: *port, NoSigs: true, NoLog: true})
	if err != nil {
		return usagef("%v", err)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		return fmt.Errorf("the NATS server did not start on %s:%d", *host, *port)
	}
	fmt.Fprintf(stderr, "optlab nats-server: listening on %s; Ctrl-C to stop\n", s.ClientURL())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	<-ctx.Done()
	s.Shutdown()
	return nil
}
