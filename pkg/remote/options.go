package remote

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
)

// Defaults for the zero fields of Options.
const (
	DefaultSubject     = "optlab.eval"
	DefaultQueue       = "optlab"
	DefaultTimeout     = time.Minute
	DefaultRetries     = 2
	DefaultMaxInFlight = 64
)

// Options configure a Backend and a worker (Serve); both sides must agree
// on Subject, Version and Dim. The zero value of every field is its default.
type Options struct {
	// Subject is the subject prefix (default "optlab.eval"). Requests for
	// problem P go to Subject.P, or Subject.P.Version with a Version.
	Subject string
	// Queue is the NATS queue group of the workers (default "optlab").
	Queue string
	// Version is the problem's version or fingerprint (letters, digits,
	// '-' and '_'; empty: none). It is part of the subject and of every
	// request; a worker serving another version refuses the request.
	Version string
	// Dim, if positive, is the problem's dimension: the backend rejects
	// points of another length and a worker refuses them.
	Dim int

	// Backend only.

	// Timeout is how long one attempt may take, from sending the request
	// to its reply, evaluation included (default 1 min): a request not
	// answered in time is re-sent, and reaches another worker. Set it well
	// above the objective's evaluation time.
	Timeout time.Duration
	// Retries is how many times a point is re-sent after a timeout or a
	// refusal (default 2; negative: never).
	Retries int
	// MaxInFlight bounds the points of a batch that are out at the same
	// time (default 64).
	MaxInFlight int

	// Worker (Serve) only.

	// Concurrency is the number of evaluations a worker runs at once, on
	// as many goroutines (default 1).
	Concurrency int
	// Name names the worker in error messages (default host-pid).
	Name string
}

func (o Options) resolve() (Options, error) {
	if o.Subject == "" {
		o.Subject = DefaultSubject
	}
	if o.Queue == "" {
		o.Queue = DefaultQueue
	}
	for _, tok := range strings.Split(o.Subject, ".") {
		if !validToken(tok) {
			return o, fmt.Errorf("remote: bad subject prefix %q: use dot-separated tokens of letters, digits, '-' and '_'", o.Subject)
		}
	}
	if !validToken(o.Queue) {
		return o, fmt.Errorf("remote: bad queue group %q: use letters, digits, '-' and '_'", o.Queue)
	}
	if o.Version != "" && (!validToken(o.Version) || len(o.Version) > maxName) {
		return o, fmt.Errorf("remote: bad version %q: use up to %d letters, digits, '-' and '_'", o.Version, maxName)
	}
	if o.Dim < 0 || o.Dim > maxDim {
		return o, fmt.Errorf("remote: Dim must be in [0, %d], got %d", maxDim, o.Dim)
	}
	switch {
	case o.Timeout < 0:
		return o, fmt.Errorf("remote: Timeout must be non-negative (0 = default), got %v", o.Timeout)
	case o.Timeout == 0:
		o.Timeout = DefaultTimeout
	}
	switch {
	case o.Retries == 0:
		o.Retries = DefaultRetries
	case o.Retries < 0:
		o.Retries = 0
	}
	switch {
	case o.MaxInFlight < 0:
		return o, fmt.Errorf("remote: MaxInFlight must be non-negative (0 = default), got %d", o.MaxInFlight)
	case o.MaxInFlight == 0:
		o.MaxInFlight = DefaultMaxInFlight
	}
	switch {
	case o.Concurrency < 0:
		return o, fmt.Errorf("remote: Concurrency must be non-negative (0 = default), got %d", o.Concurrency)
	case o.Concurrency == 0:
		o.Concurrency = 1
	}
	if o.Name == "" {
		h, _ := os.Hostname()
		o.Name = fmt.Sprintf("%s-%d", h, os.Getpid())
	}
	return o, nil
}

func validToken(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// Subject returns the subject on which requests for problem travel with
// options o: o.Subject + "." + problem (+ "." + o.Version).
func Subject(problem string, o Options) (string, error) {
	o, err := o.resolve()
	if err != nil {
		return "", err
	}
	return subject(problem, o)
}

func subject(problem string, o Options) (string, error) {
	if !validToken(problem) || len(problem) > maxName {
		return "", fmt.Errorf("remote: bad problem name %q: use up to %d letters, digits, '-' and '_'", problem, maxName)
	}
	s := o.Subject + "." + problem
	if o.Version != "" {
		s += "." + o.Version
	}
	return s, nil
}

// DefaultConnectTimeout bounds how long Connect waits for the server.
const DefaultConnectTimeout = 5 * time.Second

// Connect connects to the NATS server(s) at url (comma-separated;
// "nats://user:pass@host:4222", "tls://host:4222") and fails with a clear
// error, within DefaultConnectTimeout, when none is reachable: it never
// waits for a server to appear. opts are passed to nats.Connect after
// Connect's own (a name and the connect timeout), so they can override
// them; use them for credentials (nats.UserCredentials, nats.Token,
// nats.RootCAs, nats.ClientCert).
//
// Once connected, the client reconnects by itself after a lost connection
// (nats.go's defaults: up to 60 attempts, 2 s apart); requests sent
// meanwhile are buffered, and those not answered within Options.Timeout
// are re-sent, so a short outage costs a delay and a long one fails the
// run with EvaluationError.
func Connect(url string, opts ...nats.Option) (*nats.Conn, error) {
	all := append([]nats.Option{nats.Name("optlab"), nats.Timeout(DefaultConnectTimeout)}, opts...)
	nc, err := nats.Connect(url, all...)
	if err != nil {
		return nil, fmt.Errorf("remote: cannot connect to the NATS server at %s: %w", url, err)
	}
	return nc, nil
}

// Errors wrapped by the errors of a failed evaluation (use errors.Is).
var (
	// ErrNoReply: every attempt at a point timed out.
	ErrNoReply = errors.New("no reply")
	// ErrNoWorkers: no worker took the request for Options.Timeout.
	ErrNoWorkers = errors.New("no worker available")
	// ErrRefused: the worker refused the request (another problem,
	// version, dimension or format).
	ErrRefused = errors.New("refused by the worker")
)

// WorkerError is an error that a worker reported for one point.
type WorkerError struct {
	Worker string // the worker's Options.Name
	Msg    string // what happened ("panicked: ...")
	status byte
}

func (e *WorkerError) Error() string { return fmt.Sprintf("%s (on worker %s)", e.Msg, e.Worker) }

// Unwrap returns ErrRefused for a refusal.
func (e *WorkerError) Unwrap() error {
	if e.status >= statusBadRequest && e.status <= statusDim {
		return ErrRefused
	}
	return nil
}
