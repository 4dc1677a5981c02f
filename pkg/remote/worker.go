package remote

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/nats-io/nats.go"

	"github.com/optlab/optlab/pkg/optim"
)

// Serve makes this process a worker for problem: it evaluates f at the
// points that backends (NewBackend with the same problem and Options
// Subject, Version and Dim) send, on o.Concurrency goroutines, and replies
// with the values. A panic in f is sent back as an error reply (the run
// then stops with EvaluationError, as for a local panic); requests for
// another problem, version, dimension or wire format are refused.
//
// Each goroutine takes one request at a time: it holds a queue-group
// subscription only while it is free and drains it as soon as it takes a
// request, so the server hands requests to free workers only (a request
// that still arrives in that instant is answered "busy" and re-sent by the
// backend). f must not modify x, and must be safe for concurrent use when
// o.Concurrency > 1.
//
// Serve returns nil when ctx is done, after the evaluations in progress
// have finished and been answered, and an error if the connection is
// closed or a subscription fails.
func Serve(ctx context.Context, nc *nats.Conn, problem string, f func([]float64) float64, o Options) error {
	if nc == nil {
		return fmt.Errorf("remote: no NATS connection")
	}
	if f == nil {
		return fmt.Errorf("remote: no objective function")
	}
	o, err := o.resolve()
	if err != nil {
		return err
	}
	subj, err := subject(problem, o)
	if err != nil {
		return err
	}
	return serve(ctx, nc, subj, problem, f, o)
}

// serve is Serve on an explicit subject (tests use it to put a worker of
// another problem on a backend's subject).
func serve(ctx context.Context, nc *nats.Conn, subj, problem string, f func([]float64) float64, o Options) error {
	w := &worker{nc: nc, subj: subj, problem: problem, o: o, eval: optim.LocalBackend(f, 1)}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	// Check the first subscription before going into the background.
	first, err := w.subscribe()
	if err != nil {
		return err
	}
	if err := nc.FlushTimeout(DefaultConnectTimeout); err != nil {
		first.sub.Unsubscribe()
		return fmt.Errorf("remote: the NATS server does not answer: %w", err)
	}
	var wg sync.WaitGroup
	for k := range o.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var s *slot
			if k == 0 {
				s = first
			}
			if err := w.serveSlots(ctx, s); err != nil {
				cancel(err)
			}
		}()
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil && ctx.Err() != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}

type worker struct {
	nc      *nats.Conn
	subj    string
	problem string
	o       Options
	eval    optim.Backend
}

// slot is one free place for a request: a queue subscription that takes
// one message and is then drained (unsubscribed). A message that the server
// still delivers before it has processed the unsubscription is answered
// "busy", so the backend sends it again elsewhere: nothing is lost.
type slot struct {
	sub    *nats.Subscription
	got    chan *nats.Msg
	taken  atomic.Bool
	closed chan struct{} // closed when the subscription ends (drained, or the connection closed)
	once   sync.Once
}

func (w *worker) subscribe() (*slot, error) {
	s := &slot{got: make(chan *nats.Msg, 1), closed: make(chan struct{})}
	var err error
	s.sub, err = w.nc.QueueSubscribe(w.subj, w.o.Queue, func(m *nats.Msg) {
		if s.taken.CompareAndSwap(false, true) {
			s.got <- m
			return
		}
		if m.Reply != "" {
			w.nc.Publish(m.Reply, w.busy(m.Data))
		}
	})
	if err != nil {
		return nil, fmt.Errorf("remote: cannot subscribe to %s: %w", w.subj, err)
	}
	s.sub.SetClosedHandler(func(string) { s.once.Do(func() { close(s.closed) }) })
	if w.nc.IsClosed() {
		s.once.Do(func() { close(s.closed) })
	}
	return s, nil
}

// serveSlots serves requests one at a time until ctx is done.
func (w *worker) serveSlots(ctx context.Context, s *slot) error {
	var err error
	for {
		if s == nil {
			if s, err = w.subscribe(); err != nil {
				return err
			}
		}
		var m *nats.Msg
		select {
		case m = <-s.got:
		case <-ctx.Done():
			if s.taken.CompareAndSwap(false, true) {
				s.sub.Drain()
				return nil
			}
			m = <-s.got // taken just now: serve it
		case <-s.closed:
			if s.taken.CompareAndSwap(false, true) {
				return fmt.Errorf("remote: worker on %s: the subscription ended: %w", w.subj, w.closedErr())
			}
			m = <-s.got
		}
		s.sub.Drain() // this slot is busy now; late deliveries are answered busy
		out := w.handle(ctx, m.Data)
		// Offer the next slot before replying, so that a backend that sends
		// its next point on this reply finds this worker free.
		s = nil
		if ctx.Err() == nil {
			if s, err = w.subscribe(); err != nil {
				return err
			}
		}
		if m.Reply != "" {
			if err := w.nc.Publish(m.Reply, out); err != nil && w.nc.IsClosed() {
				return fmt.Errorf("remote: worker on %s: %w", w.subj, err)
			}
		}
		if ctx.Err() != nil {
			return nil
		}
	}
}

func (w *worker) closedErr() error {
	if w.nc.IsClosed() {
		return nats.ErrConnectionClosed
	}
	if err := w.nc.LastError(); err != nil {
		return err
	}
	return nats.ErrBadSubscription
}

// busy is the reply to a request that reached a slot already taken.
func (w *worker) busy(data []byte) []byte {
	rep := reply{Worker: w.o.Name, Status: statusBusy}
	req, xb, err := decodeRequest(data)
	rep.ID = req.ID
	if err == nil {
		rep.XSum = xsum(xb)
	}
	return appendReply(nil, &rep)
}

// handle evaluates one request and returns the reply.
func (w *worker) handle(ctx context.Context, data []byte) []byte {
	rep := reply{Worker: w.o.Name}
	req, xb, err := decodeRequest(data)
	rep.ID = req.ID
	switch {
	case err != nil:
		rep.Status, rep.Msg = statusBadRequest, err.Error()
	case req.Problem != w.problem:
		rep.Status, rep.Msg = statusProblem, fmt.Sprintf("refused: this worker serves problem %q, not %q", w.problem, req.Problem)
	case req.Version != w.o.Version:
		rep.Status, rep.Msg = statusVersion, fmt.Sprintf("refused: this worker serves version %q of %s, not %q", w.o.Version, w.problem, req.Version)
	case w.o.Dim > 0 && len(req.X) != w.o.Dim:
		rep.Status, rep.Msg = statusDim, fmt.Sprintf("refused: this worker serves dimension %d, not %d", w.o.Dim, len(req.X))
	}
	if err == nil {
		rep.XSum = xsum(xb)
	}
	if rep.Status == statusOK {
		fs := []float64{0}
		// The objective runs to completion: the backend may still want it.
		if err := w.eval.EvalBatch(context.WithoutCancel(ctx), [][]float64{req.X}, fs); err != nil {
			var ee *optim.EvalError
			msg := err.Error()
			if errors.As(err, &ee) {
				msg = ee.Err.Error()
			}
			rep.Status, rep.Msg = statusObjective, msg
		}
		rep.Value = fs[0]
	}
	return appendReply(nil, &rep)
}
