package optim

import (
	"context"
	"fmt"
	"sync"
)

// Backend evaluates batches of points: the seam between the methods and
// where the objective runs. The default evaluates Problem.Func on
// Settings.Workers goroutines; a remote backend (package remote) sends the
// points to workers over NATS. Set Settings.Backend to use another one.
//
// EvalBatch writes f(xs[i]) into fs[i] for every i. It must not keep or
// modify xs after it returns. It returns nil, the context's error, or an
// error naming what failed (an [*EvalError] for a failing evaluation);
// either error stops the run (with Cancelled or EvaluationError).
type Backend interface {
	EvalBatch(ctx context.Context, xs [][]float64, fs []float64) error
}

// EvalError is a failed evaluation: the objective panicked at X, or a
// remote worker reported an error.
type EvalError struct {
	X   []float64
	Err error
}

func (e *EvalError) Error() string {
	return fmt.Sprintf("the objective %v at x = %s", e.Err, short(e.X))
}

func (e *EvalError) Unwrap() error { return e.Err }

// protect runs fn and turns a panic into an error "panicked: v".
func protect(fn func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if s, ok := r.(stop); ok {
				panic(s) // a nested run's own unwinding, not the objective's
			}
			err = fmt.Errorf("panicked: %v", r)
		}
	}()
	fn()
	return nil
}

// localBackend evaluates on up to workers goroutines of this process; a
// panic in f becomes an *EvalError on the calling goroutine.
type localBackend struct {
	f       func([]float64) float64
	workers int
}

func (b *localBackend) call(x []float64) (v float64, err error) {
	if e := protect(func() { v = b.f(x) }); e != nil {
		return 0, &EvalError{X: append([]float64(nil), x...), Err: e}
	}
	return v, nil
}

func (b *localBackend) EvalBatch(ctx context.Context, xs [][]float64, fs []float64) error {
	w := min(b.workers, len(xs))
	if w <= 1 { // b.call on each point in turn, with one protect for the batch
		i := 0
		if e := protect(func() {
			for ; i < len(xs); i++ {
				fs[i] = b.f(xs[i])
			}
		}); e != nil {
			return &EvalError{X: append([]float64(nil), xs[i]...), Err: e}
		}
		return nil
	}
	errs := make([]error, w)
	var wg sync.WaitGroup
	for k := range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := k; i < len(xs); i += w {
				if ctx.Err() != nil {
					errs[k] = ctx.Err()
					return
				}
				v, err := b.call(xs[i])
				if err != nil {
					errs[k] = err
					return
				}
				fs[i] = v
			}
		}()
	}
	wg.Wait()
	for _, err := range errs { // the first error by worker index: deterministic
		if err != nil {
			return err
		}
	}
	return nil
}

// LocalBackend returns the default backend: f on up to workers goroutines,
// with panics turned into errors. Remote backends use it on the worker side.
func LocalBackend(f func([]float64) float64, workers int) Backend {
	return &localBackend{f: f, workers: workers}
}
