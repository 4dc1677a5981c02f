package remote

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"

	"github.com/optlab/optlab/pkg/optim"
)

// search is a test-only population method: each iteration samples Pop
// points around the best one (radius shrinking by half every 5
// iterations), evaluates them as one batch and reports the iteration. It
// does not depend on any method package.
type search struct{ Pop int }

func (search) Info() optim.Info {
	return optim.Info{Name: "testsearch", Summary: "seeded random search (test only)", Iteration: "one population",
		DefaultMaxIter: 8, NeedsBounds: true, Stochastic: true}
}

func (m search) Run(t *optim.Task) error {
	pop := optim.Or(m.Pop, 16)
	lo, up := t.Problem.Lower, t.Problem.Upper
	rng := t.Rand()
	center := make([]float64, t.N)
	for j := range center {
		center[j] = (lo[j] + up[j]) / 2
	}
	xs := make([][]float64, pop)
	for i := range xs {
		xs[i] = make([]float64, t.N)
	}
	fs := make([]float64, pop)
	for it := 0; ; it++ {
		r := math.Ldexp(1, -it/5)
		for _, x := range xs {
			for j := range x {
				x[j] = center[j] + r*(up[j]-lo[j])*(rng.Float64()-0.5)
			}
			optim.Clip(x, lo, up)
		}
		t.EvalBatch(xs, fs)
		if bx, _ := t.Best(); bx != nil {
			copy(center, bx)
		}
		bx, bf := t.Best()
		t.Iterate(optim.Iteration{X: bx, F: bf, Pop: xs, PopF: fs})
	}
}

// objective is a Rastrigin-like function that is NaN in one corner, so
// that NaN values travel too.
func objective(x []float64) float64 {
	if x[0] > 3 {
		return math.NaN()
	}
	s := 10 * float64(len(x))
	for _, v := range x {
		s += v*v - 10*math.Cos(2*math.Pi*v)
	}
	return s
}

const dim = 4

func testProblem(f func([]float64) float64) optim.Problem {
	lo, up := make([]float64, dim), make([]float64, dim)
	for i := range lo {
		lo[i], up[i] = -5.12, 5.12
	}
	return optim.Problem{Func: f, Lower: lo, Upper: up}
}

func startServer(t testing.TB) string {
	t.Helper()
	return startNATS(t).ClientURL()
}

func startNATS(t testing.TB) *server.Server {
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
	return s
}

func connect(t testing.TB, url string) *nats.Conn {
	t.Helper()
	nc, err := Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	return nc
}

// workers runs n workers, each on its own connection, until the test ends.
func workers(t testing.TB, url string, n int, problem string, f func([]float64) float64, o Options) {
	t.Helper()
	for k := range n {
		startWorker(t, connect(t, url), problem, f, o, fmt.Sprintf("w%d", k))
	}
}

func startWorker(t testing.TB, nc *nats.Conn, problem string, f func([]float64) float64, o Options, name string) <-chan error {
	t.Helper()
	o.Name = name
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	finished := make(chan struct{})
	go func() {
		done <- Serve(ctx, nc, problem, f, o)
		close(finished)
	}()
	waitSubscribed(nc)
	t.Cleanup(func() {
		cancel()
		select {
		case <-finished:
		case <-time.After(5 * time.Second):
			t.Error("Serve did not return after its context was cancelled")
		}
	})
	return done
}

// waitSubscribed waits until nc has a subscription (the worker's slot).
func waitSubscribed(nc *nats.Conn) {
	for i := 0; i < 500 && nc.NumSubscriptions() == 0; i++ {
		time.Sleep(2 * time.Millisecond)
	}
	nc.Flush()
}

func newBackend(t testing.TB, url, problem string, o Options) *Backend {
	t.Helper()
	b, err := NewBackend(connect(t, url), problem, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

func run(t testing.TB, ctx context.Context, f func([]float64) float64, b optim.Backend, iters int) *optim.Result {
	t.Helper()
	s := &optim.Settings{Seed: 7, MaxIter: iters, Backend: b, Record: true}
	if b == nil {
		s.Backend = nil
	}
	res, err := optim.Minimize(ctx, testProblem(f), nil, s, search{Pop: 32})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

func identical(t *testing.T, got, want *optim.Result) {
	t.Helper()
	if !sameBits(got.X, want.X) || math.Float64bits(got.F) != math.Float64bits(want.F) ||
		!sameBits(got.Trace, want.Trace) || got.NFev != want.NFev || got.NIt != want.NIt ||
		got.Status != want.Status || got.Message != want.Message {
		t.Errorf("remote result differs from the local one:\n got %v\nwant %v", got, want)
	}
	if len(got.Path) != len(want.Path) {
		t.Fatalf("len(Path) = %d, want %d", len(got.Path), len(want.Path))
	}
	for i, it := range got.Path {
		w := want.Path[i]
		if !sameBits(it.PopF, w.PopF) || !sameBits(it.X, w.X) || it.NFev != w.NFev || len(it.Pop) != len(w.Pop) {
			t.Fatalf("Path[%d] differs", i)
		}
		for k := range it.Pop {
			if !sameBits(it.Pop[k], w.Pop[k]) {
				t.Fatalf("Path[%d].Pop[%d] differs", i, k)
			}
		}
	}
}

func TestIdenticalToLocal(t *testing.T) {
	url := startServer(t)
	want := run(t, context.Background(), objective, nil, 8)
	if want.NFev != 8*32 || want.Status != optim.IterationLimit {
		t.Fatalf("local run: %v", want)
	}
	nans := 0
	for _, it := range want.Path {
		for _, v := range it.PopF {
			if math.IsNaN(v) {
				nans++
			}
		}
	}
	if nans == 0 {
		t.Fatal("no NaN value in the local run: the test does not check that NaN travels")
	}
	t.Logf("%d NaN values among %d", nans, want.NFev)
	for _, n := range []int{1, 3, 8} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			problem := fmt.Sprintf("rastrigin%d", n)
			o := Options{Version: "v1", Dim: dim}
			workers(t, url, n, problem, objective, o)
			b := newBackend(t, url, problem, o)
			got := run(t, context.Background(), nil, b, 8)
			identical(t, got, want)
			if st := b.Stats(); st.Replies != uint64(want.NFev) || st.Timeouts != 0 || st.Ignored != 0 {
				t.Errorf("stats %+v", st)
			}
		})
	}
}

func TestWorkerConcurrency(t *testing.T) {
	url := startServer(t)
	want := run(t, context.Background(), objective, nil, 4)
	var now, peak atomic.Int32
	f := func(x []float64) float64 {
		c := now.Add(1)
		for p := peak.Load(); c > p && !peak.CompareAndSwap(p, c); p = peak.Load() {
		}
		time.Sleep(time.Millisecond)
		now.Add(-1)
		return objective(x)
	}
	workers(t, url, 1, "conc", f, Options{Concurrency: 4})
	got := run(t, context.Background(), nil, newBackend(t, url, "conc", Options{}), 4)
	identical(t, got, want)
	if p := peak.Load(); p < 2 || p > 4 {
		t.Errorf("peak concurrency %d, want 2..4", p)
	}
}

// A worker whose connection dies while it holds a request loses nothing.
func TestWorkerKilled(t *testing.T) {
	url := startServer(t)
	want := run(t, context.Background(), objective, nil, 6)
	workers(t, url, 2, "kill", objective, Options{})
	var calls atomic.Int32
	holding, release := make(chan struct{}), make(chan struct{})
	victim := connect(t, url)
	done := startWorker(t, victim, "kill", func(x []float64) float64 {
		if calls.Add(1) == 10 {
			close(holding)
			<-release
		}
		return objective(x)
	}, Options{}, "victim")
	b := newBackend(t, url, "kill", Options{Timeout: 300 * time.Millisecond})
	go func() {
		<-holding
		victim.Close()
		close(release)
	}()
	got := run(t, context.Background(), nil, b, 6)
	identical(t, got, want)
	if err := <-done; err == nil {
		t.Error("Serve of the killed worker returned nil, want a connection error")
	} else {
		t.Logf("killed worker: %v", err)
	}
	if st := b.Stats(); st.Timeouts < 1 {
		t.Errorf("stats %+v: want a timeout for the lost request", st)
	}
}

// A slow worker's request times out and is served by another; its late
// reply is ignored.
func TestSlowWorkerRetried(t *testing.T) {
	url := startServer(t)
	want := run(t, context.Background(), objective, nil, 4)
	workers(t, url, 1, "slow", objective, Options{})
	var calls atomic.Int32
	lateSent := make(chan struct{})
	startWorker(t, connect(t, url), "slow", func(x []float64) float64 {
		if calls.Add(1) == 1 {
			time.Sleep(400 * time.Millisecond)
			defer close(lateSent)
		}
		return objective(x)
	}, Options{}, "slow")
	b := newBackend(t, url, "slow", Options{Timeout: 100 * time.Millisecond})
	got := run(t, context.Background(), nil, b, 4)
	identical(t, got, want)
	<-lateSent
	deadline := time.Now().Add(2 * time.Second)
	for b.Stats().Ignored == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	st := b.Stats()
	if st.Timeouts < 1 || st.Ignored < 1 || st.Replies != uint64(want.NFev) {
		t.Errorf("stats %+v: want ≥ 1 timeout, the late reply ignored, %d replies", st, want.NFev)
	}
}

func TestWrongWorkers(t *testing.T) {
	url := startServer(t)
	want := run(t, context.Background(), objective, nil, 3)
	fast := Options{Version: "v1", Timeout: 200 * time.Millisecond}

	t.Run("other version only", func(t *testing.T) {
		workers(t, url, 1, "p1", objective, Options{Version: "v2"})
		got := run(t, context.Background(), nil, newBackend(t, url, "p1", fast), 3)
		if got.Status != optim.EvaluationError || !strings.Contains(got.Message, "no worker") || got.NFev != 0 {
			t.Errorf("got %v, want EvaluationError with no worker", got)
		}
	})
	t.Run("other problem only", func(t *testing.T) {
		workers(t, url, 1, "p2other", objective, Options{Version: "v1"})
		got := run(t, context.Background(), nil, newBackend(t, url, "p2", fast), 3)
		if got.Status != optim.EvaluationError || !strings.Contains(got.Message, "no worker") {
			t.Errorf("got %v, want EvaluationError with no worker", got)
		}
	})
	t.Run("other version and right one", func(t *testing.T) {
		workers(t, url, 2, "p3", func([]float64) float64 { return 0 }, Options{Version: "v2"})
		workers(t, url, 2, "p3", objective, Options{Version: "v1"})
		b := newBackend(t, url, "p3", fast)
		identical(t, run(t, context.Background(), nil, b, 3), want)
		if st := b.Stats(); st.Refusals != 0 {
			t.Errorf("stats %+v: the other version should never see a request", st)
		}
	})
	// Misconfigured workers on the backend's own subject refuse.
	misconfigured := func(t *testing.T, b *Backend, problem string, o Options) {
		nc := connect(t, url)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		o, _ = o.resolve()
		go func() { done <- serve(ctx, nc, b.Subject(), problem, func([]float64) float64 { return 0 }, o) }()
		waitSubscribed(nc)
		t.Cleanup(func() { cancel(); <-done })
	}
	for _, tc := range []struct {
		name, problem, msg string
		o                  Options
	}{
		{"problem", "other", "serves problem", Options{Version: "v1"}},
		{"version", "p4", "serves version", Options{Version: "v9"}},
		{"dimension", "p4", "serves dimension 3", Options{Version: "v1", Dim: 3}},
	} {
		t.Run("refused "+tc.name, func(t *testing.T) {
			b := newBackend(t, url, "p4", fast)
			misconfigured(t, b, tc.problem, tc.o)
			got := run(t, context.Background(), nil, b, 3)
			if got.Status != optim.EvaluationError || !strings.Contains(got.Message, tc.msg) || !strings.Contains(got.Message, "3 attempts") {
				t.Errorf("got %v, want EvaluationError naming the refusal after 3 attempts", got)
			}
			t.Log(got.Message)
		})
	}
	t.Run("refused and served by the right worker", func(t *testing.T) {
		o := Options{Version: "v1", Retries: 30, Timeout: time.Second}
		b := newBackend(t, url, "p5", o)
		misconfigured(t, b, "p5", Options{Version: "v0"})
		workers(t, url, 2, "p5", objective, Options{Version: "v1"})
		identical(t, run(t, context.Background(), nil, b, 3), want)
		t.Logf("stats %+v", b.Stats())
	})
}

func TestObjectivePanics(t *testing.T) {
	url := startServer(t)
	f := func(x []float64) float64 {
		if x[0] > 1 {
			panic("boom")
		}
		return objective(x)
	}
	want := run(t, context.Background(), f, nil, 3)
	if want.Status != optim.EvaluationError {
		t.Fatalf("local: %v", want)
	}
	workers(t, url, 3, "panics", f, Options{})
	got := run(t, context.Background(), nil, newBackend(t, url, "panics", Options{}), 3)
	wantMsg := strings.Replace(want.Message, "panicked: boom", "panicked: boom (on worker w", 1)
	if got.Status != optim.EvaluationError || got.NFev != want.NFev || !strings.HasPrefix(got.Message, wantMsg[:strings.Index(wantMsg, "(on worker w")+12]) ||
		!strings.HasSuffix(got.Message, want.Message[strings.Index(want.Message, " at x = "):]) {
		t.Errorf("got  %v\nwant %v (the same point)", got, want)
	}
}

func TestCancel(t *testing.T) {
	url := startServer(t)
	workers(t, url, 2, "cancel", func(x []float64) float64 { time.Sleep(time.Second); return 0 }, Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	got := run(t, ctx, nil, newBackend(t, url, "cancel", Options{}), 3)
	if el := time.Since(start); got.Status != optim.Cancelled || el > time.Second {
		t.Errorf("got %v after %v, want Cancelled within 1s", got, el)
	} else {
		t.Logf("cancelled after %v (deadline 100ms), NFev %d", el.Round(time.Millisecond), got.NFev)
	}
}

func TestUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens any more: connection refused
	start := time.Now()
	_, err = Connect("nats://" + addr)
	if err == nil || !strings.Contains(err.Error(), "cannot connect") || time.Since(start) > 3*time.Second {
		t.Errorf("Connect to a closed port: %v after %v", err, time.Since(start))
	}
	// A port that accepts but never speaks NATS: the connect timeout.
	ln, err = net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	start = time.Now()
	_, err = Connect("nats://"+ln.Addr().String(), nats.Timeout(time.Second))
	if el := time.Since(start); err == nil || el > 4*time.Second {
		t.Errorf("Connect to a silent port: %v after %v", err, el)
	} else {
		t.Logf("silent port: %v after %v", err, el.Round(time.Millisecond))
	}
	if _, err := NewBackend(nil, "p", Options{}); err == nil {
		t.Error("NewBackend(nil) did not fail")
	}
}

// The backend's connection closes mid-run: the run fails with a status.
func TestConnectionLost(t *testing.T) {
	url := startServer(t)
	workers(t, url, 2, "lost", func(x []float64) float64 { time.Sleep(5 * time.Millisecond); return objective(x) }, Options{})
	nc := connect(t, url)
	b, err := NewBackend(nc, "lost", Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	s := &optim.Settings{Seed: 7, MaxIter: 100, Backend: b, Callback: func(it optim.Iteration) bool {
		if it.Iter == 2 {
			nc.Close()
		}
		return false
	}}
	res, err := optim.Minimize(context.Background(), testProblem(nil), nil, s, search{Pop: 32})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != optim.EvaluationError || res.NFev != 64 || !strings.Contains(res.Message, "closed") {
		t.Errorf("got %v, want EvaluationError (connection closed) after 64 evaluations", res)
	}
	t.Log(res.Message)
}

// Garbage and forged replies on the reply subject are ignored.
func TestMalformedReplies(t *testing.T) {
	url := startServer(t)
	want := run(t, context.Background(), objective, nil, 4)
	workers(t, url, 2, "garbage", func(x []float64) float64 { time.Sleep(time.Millisecond); return objective(x) }, Options{})
	b := newBackend(t, url, "garbage", Options{})
	evil := connect(t, url)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		good := appendReply(nil, &reply{ID: 1, XSum: 42, Value: -1e300, Worker: "evil"})
		msgs := [][]byte{nil, {}, []byte("OL"), []byte("hello world, not a reply"), good[:len(good)-1], append(good[:len(good):len(good)], 0)}
		bad := appendReply(nil, &reply{ID: 1, XSum: 42, Value: 1, Worker: "evil", Status: 99})
		msgs = append(msgs, bad)
		for id := uint64(1); ; id++ {
			select {
			case <-stop:
				return
			default:
			}
			for _, m := range msgs {
				evil.Publish(fmt.Sprintf("%s.%d", b.inbox, id), m)
			}
			// well formed, right id, wrong point (checksum) and a mismatched body id
			forged := appendReply(nil, &reply{ID: id, XSum: id * 7, Value: -1e300})
			evil.Publish(fmt.Sprintf("%s.%d", b.inbox, id), forged)
			forged = appendReply(nil, &reply{ID: id + 1, Value: -1e300})
			evil.Publish(fmt.Sprintf("%s.%d", b.inbox, id), forged)
			evil.Publish(b.inbox+".notanumber", good)
			evil.Publish(b.inbox+".99999999", good)
			if id%16 == 0 {
				evil.Flush()
				time.Sleep(time.Millisecond)
				if id > 10000 {
					id = 0
				}
			}
		}
	}()
	got := run(t, context.Background(), nil, b, 4)
	close(stop)
	wg.Wait()
	identical(t, got, want)
	if st := b.Stats(); st.Ignored == 0 {
		t.Errorf("stats %+v: no injected reply was seen", st)
	} else {
		t.Logf("stats %+v", st)
	}
}

func TestWire(t *testing.T) {
	x := []float64{math.NaN(), math.Copysign(0, -1), math.Inf(1), math.Inf(-1), 5e-324, math.MaxFloat64, math.Float64frombits(0x7ff8dead00000001)}
	data := appendRequest(nil, &request{ID: 77, Problem: "p", Version: "v", X: x})
	req, xb, err := decodeRequest(data)
	if err != nil || req.ID != 77 || req.Problem != "p" || req.Version != "v" || !sameBits(req.X, x) || len(xb) != 8*len(x) {
		t.Fatalf("request round trip: %+v, %v", req, err)
	}
	rep := reply{ID: 77, XSum: xsum(xb), Value: math.Float64frombits(0x7ff0000000000123), Msg: "m", Worker: "w"}
	got, err := decodeReply(appendReply(nil, &rep))
	if err != nil || got.ID != rep.ID || got.XSum != rep.XSum || math.Float64bits(got.Value) != math.Float64bits(rep.Value) || got.Msg != "m" || got.Worker != "w" {
		t.Fatalf("reply round trip: %+v, %v", got, err)
	}
	// Every truncation and every single-byte change: an error or a
	// consistent value, never a panic.
	for _, b := range [][]byte{data, appendReply(nil, &rep)} {
		for n := range b {
			decodeRequest(b[:n])
			if _, err := decodeReply(b[:n]); err == nil {
				t.Errorf("truncated reply of %d bytes accepted", n)
			}
		}
		for i := range b {
			c := append([]byte(nil), b...)
			c[i] ^= 0xff
			decodeRequest(c)
			decodeReply(c)
		}
	}
	old := append([]byte(nil), data...)
	old[3] = 9
	if _, _, err := decodeRequest(old); err == nil || !strings.Contains(err.Error(), "format version 9") {
		t.Errorf("format version 9: %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(appendRequest(nil, &request{ID: 1, Problem: "p", X: []float64{1, 2}}))
	f.Add(appendReply(nil, &reply{ID: 1, Msg: "x"}))
	f.Fuzz(func(t *testing.T, b []byte) {
		if req, xb, err := decodeRequest(b); err == nil && len(xb) != 8*len(req.X) {
			t.Fatal("inconsistent request")
		}
		decodeReply(b)
	})
}

func TestOptions(t *testing.T) {
	for _, o := range []Options{{Subject: "a..b"}, {Subject: "a.*"}, {Queue: "q q"}, {Version: "1.2"}, {Timeout: -1}, {Dim: -1}, {MaxInFlight: -1}, {Concurrency: -1}} {
		if _, err := Subject("p", o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
	if _, err := Subject("a.b", Options{}); err == nil {
		t.Error("problem a.b accepted")
	}
	s, err := Subject("sphere", Options{Version: "v1"})
	if err != nil || s != "optlab.eval.sphere.v1" {
		t.Errorf("Subject = %q, %v", s, err)
	}
	var _ = errors.Is
}

// An idle worker whose connection closes returns an error; a request in
// another format version is refused with a clear message.
func TestServeErrors(t *testing.T) {
	url := startServer(t)
	nc := connect(t, url)
	done := startWorker(t, nc, "idle", objective, Options{}, "idle")
	client := connect(t, url)
	req := appendRequest(nil, &request{ID: 5, Problem: "idle", X: []float64{1, 2}})
	req[3] = 9
	m, err := client.Request("optlab.eval.idle", req, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := decodeReply(m.Data)
	if err != nil || rep.ID != 5 || rep.Status != statusBadRequest || !strings.Contains(rep.Msg, "format version 9") {
		t.Errorf("reply to format version 9: %+v, %v", rep, err)
	}
	nc.Close()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "closed") {
			t.Errorf("Serve after its connection closed: %v", err)
		}
	case <-time.After(3 * time.Second):
		t.Error("Serve did not return after its connection closed")
	}
	if err := Serve(context.Background(), client, "bad.name", objective, Options{}); err == nil {
		t.Error("Serve accepted a bad problem name")
	}
}

// The server dies mid-run: the client tries to reconnect, the outstanding
// requests time out, and after the retries the run ends with
// EvaluationError naming the point.
func TestServerDies(t *testing.T) {
	srv := startNATS(t)
	url := srv.ClientURL()
	workers(t, url, 2, "dies", func(x []float64) float64 { time.Sleep(5 * time.Millisecond); return objective(x) }, Options{})
	b := newBackend(t, url, "dies", Options{Timeout: 150 * time.Millisecond, Retries: 1})
	s := &optim.Settings{Seed: 7, MaxIter: 100, Backend: b, Callback: func(it optim.Iteration) bool {
		if it.Iter == 2 {
			srv.Shutdown()
		}
		return false
	}}
	start := time.Now()
	res, err := optim.Minimize(context.Background(), testProblem(nil), nil, s, search{Pop: 32})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != optim.EvaluationError || res.NFev != 64 || !strings.Contains(res.Message, "2 attempts") || time.Since(start) > 3*time.Second {
		t.Errorf("got %v after %v, want EvaluationError after 2 attempts", res, time.Since(start))
	}
	t.Log(res.Message)
}
