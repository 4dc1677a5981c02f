package remote

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/optlab/optlab/pkg/optim"
)

// Backend is an optim.Backend that evaluates every point of a batch on
// remote workers (see Serve) over NATS. Set it as Settings.Backend. It is
// safe for concurrent use; Close it when done.
type Backend struct {
	nc      *nats.Conn
	problem string
	o       Options
	subject string
	inbox   string
	sub     *nats.Subscription

	mu      sync.Mutex
	next    uint64
	tickets map[uint64]*ticket

	requests, replies, timeouts, refusals, busy, ignored atomic.Uint64
}

// Stats counts what a Backend did since it was made.
type Stats struct {
	Requests uint64 // requests sent (re-sends included)
	Replies  uint64 // values accepted
	Timeouts uint64 // attempts that timed out
	Refusals uint64 // attempts that a worker refused
	Busy     uint64 // requests that found no free worker, or a slot just taken (re-sent, not counted as attempts)
	Ignored  uint64 // replies ignored: malformed, unknown id, wrong point, or late duplicates
}

// Stats returns the backend's counters.
func (b *Backend) Stats() Stats {
	return Stats{b.requests.Load(), b.replies.Load(), b.timeouts.Load(), b.refusals.Load(), b.busy.Load(), b.ignored.Load()}
}

// NewBackend returns a backend that sends the points of problem to the
// workers serving it (Serve with the same problem and Options Subject,
// Version and Dim) through nc, a connection from Connect. It subscribes to
// its private reply subject and checks the connection.
func NewBackend(nc *nats.Conn, problem string, o Options) (*Backend, error) {
	if nc == nil {
		return nil, fmt.Errorf("remote: no NATS connection")
	}
	o, err := o.resolve()
	if err != nil {
		return nil, err
	}
	subj, err := subject(problem, o)
	if err != nil {
		return nil, err
	}
	if nc.IsClosed() {
		return nil, fmt.Errorf("remote: the NATS connection is closed")
	}
	b := &Backend{nc: nc, problem: problem, o: o, subject: subj, inbox: nc.NewInbox(), tickets: map[uint64]*ticket{}}
	b.sub, err = nc.Subscribe(b.inbox+".*", b.onReply)
	if err != nil {
		return nil, fmt.Errorf("remote: cannot subscribe to the reply subject: %w", err)
	}
	b.sub.SetPendingLimits(-1, -1)
	if err := nc.FlushTimeout(DefaultConnectTimeout); err != nil {
		b.sub.Unsubscribe()
		return nil, fmt.Errorf("remote: the NATS server does not answer: %w", err)
	}
	return b, nil
}

// Subject returns the subject the backend sends its requests to.
func (b *Backend) Subject() string { return b.subject }

// Close unsubscribes the backend's reply subject; later batches fail.
func (b *Backend) Close() error { return b.sub.Unsubscribe() }

// call is one point of a batch.
type call struct {
	idx      int
	x        []float64
	xsum     uint64
	cur      *ticket // the latest request sent for this point
	ids      []uint64
	failures int // attempts that timed out or were refused
	bounces  int // requests bounced by a worker slot just taken
	lastErr  error
	done     bool // a value or a fatal error arrived (guarded by Backend.mu)
	state    int
}

const (
	unsent = iota
	inflight
	waiting // found no free worker; re-sent later
	finished
)

// ticket is one request sent for a call; its id is the request id.
type ticket struct {
	id    uint64
	c     *call
	ev    chan<- event
	timer *time.Timer
	ended bool // timed out, refused or found no worker (guarded by Backend.mu)
}

type event struct {
	t    *ticket
	kind int
	f    float64
	err  error
}

const (
	evValue   = iota // t.c has its value f
	evFatal          // t.c failed with err (not retried)
	evRetry          // t's attempt failed with err (timeout or refusal): re-send
	evBusy           // no free worker took t: re-send later
	evBounced        // t reached a worker slot just taken: re-send now
)

func post(ch chan<- event, e event) {
	select {
	case ch <- e:
	default: // cannot happen: the channel holds two events per point
	}
}

// onReply handles a message on the reply subject: a reply, or the
// server's "no responders" status.
func (b *Backend) onReply(m *nats.Msg) {
	id, err := strconv.ParseUint(m.Subject[strings.LastIndexByte(m.Subject, '.')+1:], 10, 64)
	if err != nil {
		b.ignored.Add(1)
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	t := b.tickets[id]
	if t == nil {
		b.ignored.Add(1)
		return
	}
	c := t.c
	if len(m.Data) == 0 && m.Header.Get("Status") == "503" {
		if !t.ended && !c.done {
			t.ended = true
			t.timer.Stop()
			b.busy.Add(1)
			post(t.ev, event{t: t, kind: evBusy})
		}
		return
	}
	rep, err := decodeReply(m.Data)
	if err != nil || rep.ID != id || rep.XSum != c.xsum || c.done {
		b.ignored.Add(1)
		return
	}
	werr := &WorkerError{Worker: rep.Worker, Msg: rep.Msg, status: rep.Status}
	switch rep.Status {
	case statusOK:
		// Also a late reply to an earlier attempt: it is f(x) all the same.
		c.done = true
		b.replies.Add(1)
		post(t.ev, event{t: t, kind: evValue, f: rep.Value})
	case statusObjective:
		c.done = true
		post(t.ev, event{t: t, kind: evFatal, err: werr})
	case statusBusy:
		if !t.ended {
			t.ended = true
			t.timer.Stop()
			b.busy.Add(1)
			post(t.ev, event{t: t, kind: evBounced})
		}
	default: // a refusal: maybe another worker serves the right problem
		if t.ended {
			b.ignored.Add(1)
			return
		}
		t.ended = true
		t.timer.Stop()
		b.refusals.Add(1)
		post(t.ev, event{t: t, kind: evRetry, err: werr})
	}
}

func (b *Backend) onTimeout(t *ticket) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if t.ended || t.c.done {
		return
	}
	t.ended = true
	b.timeouts.Add(1)
	post(t.ev, event{t: t, kind: evRetry, err: fmt.Errorf("%w within %v", ErrNoReply, b.o.Timeout)})
}

// send sends a new request for c.
func (b *Backend) send(c *call, ev chan<- event) error {
	b.mu.Lock()
	b.next++
	t := &ticket{id: b.next, c: c, ev: ev}
	b.tickets[t.id] = t
	c.cur, c.ids, c.state = t, append(c.ids, t.id), inflight
	t.timer = time.AfterFunc(b.o.Timeout, func() { b.onTimeout(t) })
	b.mu.Unlock()
	data := appendRequest(make([]byte, 0, 64+8*len(c.x)), &request{ID: t.id, Problem: b.problem, Version: b.o.Version, X: c.x})
	b.requests.Add(1)
	err := b.nc.PublishMsg(&nats.Msg{Subject: b.subject, Reply: b.inbox + "." + strconv.FormatUint(t.id, 10), Data: data})
	if err != nil {
		return fmt.Errorf("remote: cannot send point %d of the batch to %s: %w", c.idx, b.subject, err)
	}
	return nil
}

// forget removes the tickets of calls and stops their timers.
func (b *Backend) forget(calls []*call) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, c := range calls {
		for _, id := range c.ids {
			if t := b.tickets[id]; t != nil {
				t.timer.Stop()
				delete(b.tickets, id)
			}
		}
		c.done = true
	}
}

// EvalBatch sends every point to the workers and writes f(xs[i]) into
// fs[i]. Points that time out or are refused are re-sent (Options.Retries);
// the first reply for a point wins and later ones are ignored. It returns
// ctx's error as soon as ctx is done; otherwise, if some points failed, the
// error of the failed point with the smallest index (an *optim.EvalError),
// as a serial local evaluation would.
func (b *Backend) EvalBatch(ctx context.Context, xs [][]float64, fs []float64) error {
	n := len(xs)
	if n == 0 {
		return nil
	}
	if len(fs) < n {
		return fmt.Errorf("remote: len(fs) = %d < len(xs) = %d", len(fs), n)
	}
	calls := make([]*call, n)
	for i, x := range xs {
		if b.o.Dim > 0 && len(x) != b.o.Dim {
			return fmt.Errorf("remote: point %d has dimension %d, the problem has %d", i, len(x), b.o.Dim)
		}
		xb := appendRequest(nil, &request{X: x})
		calls[i] = &call{idx: i, x: x, xsum: xsum(xb[len(xb)-8*len(x):])}
	}
	defer b.forget(calls)

	ev := make(chan event, 2*n+8)
	stop := n // points from stop on are not needed (a point before failed)
	var errs = map[int]error{}
	next := 0 // the next unsent point
	active := 0
	var waitq []*call
	lastProgress := time.Now()
	probe := min(max(b.o.Timeout/4, time.Millisecond), 50*time.Millisecond)
	var retry *time.Timer
	var retryC <-chan time.Time

	fail := func(c *call, err error) {
		c.state = finished
		active--
		errs[c.idx] = err
		stop = min(stop, c.idx)
	}
	// A value means a worker slot was freed: a token to send a waiting
	// point at once (kept, if none waits, for the next one that comes back
	// busy). Otherwise waiting points are re-sent every probe interval.
	tokens := 0
	sendOrFail := func(c *call) {
		if err := b.send(c, ev); err != nil {
			fail(c, err)
		}
	}
	fill := func() {
		for next < stop && active < b.o.MaxInFlight {
			c := calls[next]
			next++
			active++
			sendOrFail(c)
		}
	}
	resendWaiting := func(k int) (sent int) {
		q := waitq[:0]
		for _, c := range waitq {
			if c.state != waiting || c.idx >= stop {
				continue
			}
			if k > 0 {
				k--
				sent++
				sendOrFail(c)
				continue
			}
			q = append(q, c)
		}
		waitq = q
		return sent
	}
	pending := func() bool {
		for _, c := range calls[:stop] {
			if c.state != finished {
				return true
			}
		}
		return false
	}
	defer func() {
		if retry != nil {
			retry.Stop()
		}
	}()

	fill()
	for pending() {
		if len(waitq) > 0 && retryC == nil {
			retry = time.NewTimer(probe)
			retryC = retry.C
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-retryC:
			retryC = nil
			inflightN := 0
			for _, c := range calls[:stop] {
				if c.state == inflight {
					inflightN++
				}
			}
			if inflightN == 0 && len(waitq) > 0 && time.Since(lastProgress) >= b.o.Timeout {
				c := waitq[0]
				fail(c, &optim.EvalError{X: slices.Clone(c.x), Err: fmt.Errorf("was not evaluated: %w on %s for %v (is a worker running?)", ErrNoWorkers, b.subject, b.o.Timeout)})
				continue
			}
			resendWaiting(len(waitq))
		case e := <-ev:
			c := e.t.c
			if c.state == finished || c.state == unsent {
				continue
			}
			switch e.kind {
			case evValue:
				fs[c.idx] = e.f
				c.state = finished
				active--
				lastProgress = time.Now()
				// One more than the tokens: a probe for a worker that may
				// be idle without our knowing it.
				tokens = min(tokens+1, b.o.MaxInFlight)
				tokens = max(tokens-resendWaiting(tokens+extraProbe), 0)
				fill()
			case evFatal:
				fail(c, &optim.EvalError{X: slices.Clone(c.x), Err: e.err})
			case evBounced: // contention, not a lack of workers
				if e.t != c.cur || c.idx >= stop {
					continue
				}
				if c.bounces++; c.bounces%maxBounces != 0 {
					sendOrFail(c)
					continue
				}
				c.state = waiting // bounced 8 times in a row: wait like a busy one
				waitq = append(waitq, c)
				tokens -= resendWaiting(tokens)
			case evBusy:
				if e.t != c.cur {
					continue
				}
				c.state = waiting
				waitq = append(waitq, c)
				tokens -= resendWaiting(tokens)
			case evRetry:
				if e.t != c.cur {
					continue
				}
				c.failures++
				c.lastErr = e.err
				if c.failures > b.o.Retries {
					fail(c, &optim.EvalError{X: slices.Clone(c.x), Err: fmt.Errorf("was not evaluated (point %d of the batch, %d attempts on %s): %w", c.idx, c.failures, b.subject, c.lastErr)})
					continue
				}
				if c.idx < stop {
					sendOrFail(c)
				}
			}
		}
	}
	if stop < n {
		return errs[stop]
	}
	return nil
}

var _ optim.Backend = (*Backend)(nil)

const (
	// maxBounces is how many times in a row a bounced request is re-sent
	// at once before it waits like one that found no free worker.
	maxBounces = 8
	// extraProbe is how many waiting points a value re-sends beyond the
	// freed slot's token, to find workers that are idle unknown to us.
	extraProbe = 1
)
