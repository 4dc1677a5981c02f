// Package remote evaluates objective functions on remote workers over NATS
// (https://nats.io): an [optim.Backend] that sends every point of a batch to
// a pool of worker processes, and the worker loop that serves them.
//
// A worker (one per machine or core; `optlab worker` in the CLI):
//
//	nc, err := remote.Connect("nats://host:4222")
//	err = remote.Serve(ctx, nc, "rosenbrock", f, remote.Options{Version: "v1", Concurrency: 4})
//
// The optimizer:
//
//	nc, err := remote.Connect("nats://host:4222")
//	b, err := remote.NewBackend(nc, "rosenbrock", remote.Options{Version: "v1", Timeout: time.Minute})
//	defer b.Close()
//	res, err := optim.Minimize(ctx, p, x0, &optim.Settings{Seed: 1, Backend: b}, &cmaes.Method{})
//
// p.Func may then be nil (every evaluation goes to the workers), and
// p.Dim, x0 or the bounds give the dimension.
//
// # Guarantees
//
// Bit-identical results. Replies are matched to points by request id and
// written into fs by index, and optim.Task records a batch in index order, so
// a Result (X, F, Trace, NFev, Path) is bit for bit the one of a local run
// with the same seed, whatever the number of workers, their speed and the
// order of the replies. Float64 values travel as their IEEE-754 bits (NaN
// payloads, −0 and ±Inf included). This assumes that f is deterministic and
// that every worker computes it the same way (same code, same build, same
// data: that is what Options.Version is for).
//
// Retries. A request not answered within Options.Timeout is sent again; the
// queue group hands it to another free worker. The first reply for a point
// wins; later ones (a slow worker's late answer) are ignored. A worker that
// dies while it holds a request therefore loses nothing but a timeout. After
// 1 + Options.Retries attempts the batch fails with an [*optim.EvalError]
// naming the point, its index and the attempts (wrapping [ErrNoReply]).
//
// Load balancing. Each worker goroutine holds a queue-group subscription only
// while it is free and drains it as soon as it takes a request, so the server
// hands requests only to free workers. A request that finds none gets the
// server's "no responders" status and waits. Each reply frees a worker: it
// re-sends one waiting point, plus one more to find workers that are idle
// (say, just started); all waiting points are also re-sent at a probe
// interval (Timeout/4, at most 50 ms). A request that reaches a slot in the
// instant it was taken is answered "busy" and sent again at once (up to 8
// times in a row, then it waits). None of this counts as an attempt. If no worker takes
// any request of the batch for Timeout, the batch fails with [ErrNoWorkers].
//
// Errors. A panic in the worker's f comes back as an error reply: the run
// stops with status EvaluationError, as for a local panic, naming the point
// (the one with the smallest index among the failures seen, as in a serial
// local run) and the worker. A NaN or ±Inf value is just a value: the method
// handles it as it does locally. A worker serving another problem, version,
// dimension or wire format refuses with an error reply ([ErrRefused]); the
// refused point is sent again (it may reach a right worker) and counts as an
// attempt. Since the problem and version are part of the subject, correctly
// configured workers of another problem or version never see the request
// (the batch then fails with ErrNoWorkers after Timeout).
//
// Cancellation. When ctx is done, EvalBatch returns at once with ctx's
// error (the run ends with status Cancelled); the workers finish the
// evaluations they hold and their replies are dropped.
//
// Connection. [Connect] fails within DefaultConnectTimeout when no server
// is reachable. If the connection drops mid-run, nats.go reconnects by
// itself (by default 60 attempts, 2 s apart) and re-subscribes; requests
// are buffered meanwhile and those not answered within Timeout are re-sent,
// so a short outage costs a delay. When the connection is closed for good,
// the next request fails at once and the run ends with EvaluationError
// ("connection closed"); a long outage ends it after the retries. A worker's
// Serve returns an error when its connection closes.
//
// # Protocol (wire format version 1)
//
// Requests for problem P go to the subject <Subject>.P (or
// <Subject>.P.<Version> when a Version is set; Subject defaults to
// "optlab.eval") and are load-balanced over the queue group Options.Queue
// (default "optlab"). Each request carries a reply subject <inbox>.<id>,
// private to the backend. All integers are little-endian; float64 values
// are their math.Float64bits. The first 12 bytes of every message are the
// same in every format version:
//
//	offset  size  field
//	0       2     magic "OL"
//	2       1     kind: 'Q' request, 'R' reply
//	3       1     format version (1)
//	4       8     request id (uint64), unique per backend and per send
//
// A request continues with
//
//	12      4     dimension n (uint32)
//	16      1     len(problem), then the problem name
//	.       1     len(version), then the version ("" if none)
//	.       8·n   x[0..n-1], float64 bits
//
// and a reply with
//
//	12      8     xsum: FNV-1a 64 of n (uint32) and the 8·n bytes of x
//	20      1     status: 0 value, 1 the objective failed, 2 bad request or
//	              format, 3 other problem, 4 other version, 5 other
//	              dimension, 6 busy (the slot was just taken: send again)
//	21      8     value f(x) (status 0)
//	29      2     len(message), then the message (UTF-8, ≤ 1024 bytes)
//	.       1     len(worker), then the worker's name
//
// A worker checks the format version, problem, version and (with
// Options.Dim) dimension before it evaluates, and answers an error status
// instead of a wrong value. The backend accepts a reply only if it parses
// exactly (no trailing bytes), its id is the one in the reply subject and
// belongs to an outstanding request, and its xsum is the one of that
// request's point; anything else (malformed, unknown id, another point, a
// duplicate) is ignored and counted in [Stats].Ignored, never a panic and
// never a value for the wrong point. A newer format version must keep the
// 12-byte header, so that old workers can refuse it by id.
//
// # Security
//
// Anyone who can publish on the reply subjects or the request subject can
// feed the optimizer values or read the points: the checks above catch
// mistakes, not an attacker. Run NATS on a private network or loopback, never
// as an open port on the internet; when it crosses machines, use TLS
// (tls:// URLs, nats.RootCAs, nats.ClientCert) and authentication
// (nats.UserCredentials with NKeys/JWT, or user/password or a token), and
// give the optimizer and the workers permissions restricted to
// <Subject>.> and _INBOX.>. Pass these options to [Connect]. Workers run
// only the objective compiled into them; requests carry points, never code.
package remote
