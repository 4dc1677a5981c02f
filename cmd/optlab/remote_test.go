package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"github.com/optlab/optlab/pkg/problems"
)

// startNATS runs an embedded NATS server on a random loopback port.
func startNATS(t *testing.T) string {
	t.Helper()
	s, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: server.RANDOM_PORT, NoLog: true, NoSigs: true})
	if err != nil {
		t.Fatal(err)
	}
	go s.Start()
	if !s.ReadyForConnections(5 * time.Second) {
		t.Fatal("nats-server did not start")
	}
	t.Cleanup(s.Shutdown)
	return s.ClientURL()
}

// solve -nats with two workers gives the local result, bit for bit.
func TestSolveRemote(t *testing.T) {
	url := startNATS(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	spec, _ := problems.Lookup("toynet")
	p, _ := spec.Problem(10)
	for range 2 {
		go serveProblem(ctx, url, "toynet", p.Func, 10, 1, io.Discard)
	}
	args := []string{"solve", "-method", "cmaes", "-problem", "toynet", "-seed", "5", "-maxeval", "300", "-json"}
	_, local, _ := runArgs(args...)
	code, remoteOut, errs := runArgs(append(args, "-nats", url)...)
	if code == 2 || code == 3 {
		t.Fatalf("remote solve: exit %d: %s", code, errs)
	}
	var a, b map[string]any
	if json.Unmarshal([]byte(local), &a) != nil || json.Unmarshal([]byte(remoteOut), &b) != nil {
		t.Fatalf("not JSON:\n%s\n%s", local, remoteOut)
	}
	for _, k := range []string{"x", "fun", "nfev", "nit", "status"} {
		if fmt.Sprint(a[k]) != fmt.Sprint(b[k]) {
			t.Errorf("%s: local %v, remote %v", k, a[k], b[k])
		}
	}
	// No server: a clear error, no hang.
	start := time.Now()
	if code, _, errs := runArgs("solve", "-method", "cmaes", "-problem", "toynet", "-nats", "nats://127.0.0.1:1"); code != 2 || time.Since(start) > 10*time.Second {
		t.Errorf("unreachable server: exit %d after %v: %s", code, time.Since(start), errs)
	}
}
