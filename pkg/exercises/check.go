package exercises

import (
	"fmt"
	"io"
	"math"
	"os"
	"time"
)

// This file holds the machinery every checker of the package shares: the
// one writer Out, the one guard safely (panics, endless loops, timeouts),
// the one budget meter, and the one checker type with its PASS/FAIL line
// formats.

// Out is where every checker prints.
var Out io.Writer = os.Stdout

// Timeout is how long a checker waits for one call of a student's function.
var Timeout = 10 * time.Second

// overBudget is the panic value of a metered function past its budget; msg
// is the message safely turns it into.
type overBudget struct{ msg string }

// meter returns tick, which counts a call in *n and unwinds (caught by
// safely) after limit calls with the message format (given limit as its
// one argument, e.g. "more than %d evaluations: does your loop stop?").
func meter(limit int, format string) (tick func(), n *int) {
	n = new(int)
	return func() {
		*n++
		if *n > limit {
			panic(overBudget{fmt.Sprintf(format, limit)})
		}
	}, n
}

// counted wraps f so that it counts its calls in *n and unwinds with msg
// (a format given limit) after limit of them.
func counted(f func(float64) float64, limit int, format string) (func(float64) float64, *int) {
	tick, n := meter(limit, format)
	return func(x float64) float64 {
		tick()
		return f(x)
	}, n
}

// safely runs call and turns a panic, a metered function past its budget,
// or a call that does not return within Timeout, into an error message (""
// if none). A call that times out is left running: the cell's program ends
// with the checker.
func safely(call func()) (msg string) {
	done := make(chan string, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				if b, ok := v.(overBudget); ok {
					done <- b.msg
					return
				}
				done <- fmt.Sprintf("your function panicked: %v", v)
			}
		}()
		call()
		done <- ""
	}()
	select {
	case msg = <-done:
		return msg
	case <-time.After(Timeout):
		return fmt.Sprintf("no answer within %v: does your loop stop?", Timeout)
	}
}

// checker collects the PASS/FAIL lines of one checker. The checkers of the
// different chapters print one of three line families, all written here:
//
//   - a line per case, then a summary (chapters 01–03, 10, 11):
//     ok / fail / done print "PASS  …", "FAIL  …" + "      hint: …",
//     "PASS: name: all n checks passed";
//   - the first failure only, or one PASS line (chapters 12–16):
//     reject / verdict / guard print "FAIL name: …" or "PASS name: …";
//   - a FAIL line per failed hidden case, then a summary (chapters 04–06):
//     failf / summary print "FAIL name: …" + "     hint: …",
//     "PASS name: all n hidden cases";
//
// and claim (chapters 07–09) prints one "PASS what" or "FAIL what: why"
// per property checked.
type checker struct {
	name         string
	pass, failed int
	cases        int // hidden cases run (the failf/summary family)
}

// ok prints the PASS line of one case.
func (r *checker) ok(format string, a ...any) {
	r.pass++
	fmt.Fprintf(Out, "PASS  "+format+"\n", a...)
}

// fail prints the FAIL line of one case, and the hint if any.
func (r *checker) fail(hint, format string, a ...any) {
	r.failed++
	fmt.Fprintf(Out, "FAIL  "+format+"\n", a...)
	if hint != "" {
		fmt.Fprintf(Out, "      hint: %s\n", hint)
	}
}

// done prints the summary line of ok/fail and returns whether everything
// passed.
func (r *checker) done() bool {
	if r.failed == 0 {
		fmt.Fprintf(Out, "PASS: %s: all %d checks passed\n", r.name, r.pass)
		return true
	}
	fmt.Fprintf(Out, "FAIL: %s: %d of %d checks failed\n", r.name, r.failed, r.pass+r.failed)
	return false
}

// line prints "TAG name: detail".
func (r *checker) line(tag, detail string) {
	fmt.Fprintf(Out, "%s %s: %s\n", tag, r.name, detail)
}

// reject prints a FAIL line with a hint; only the first failure of a
// checker is printed, so that one mistake gives one hint.
func (r *checker) reject(format string, args ...any) {
	if r.failed > 0 {
		return
	}
	r.failed++
	r.line("FAIL", fmt.Sprintf(format, args...))
}

// verdict prints the PASS line (if nothing was rejected) and returns
// whether it passed.
func (r *checker) verdict(what string) bool {
	if r.failed == 0 {
		r.line("PASS", what)
	}
	return r.failed == 0
}

// guard runs f with safely and rejects a panic, an endless loop or a
// timeout.
func (r *checker) guard(f func()) bool {
	if msg := safely(f); msg != "" {
		r.reject("%s", msg)
		return false
	}
	return true
}

// failf prints the FAIL line of one hidden case, and the hint if any.
func (r *checker) failf(hint, format string, args ...any) {
	r.failed++
	r.line("FAIL", fmt.Sprintf(format, args...))
	if hint != "" {
		fmt.Fprintf(Out, "     hint: %s\n", hint)
	}
}

// summary prints the summary line of failf over r.cases hidden cases and
// returns whether all passed.
func (r *checker) summary() bool {
	if r.failed == 0 {
		r.line("PASS", fmt.Sprintf("all %d hidden cases", r.cases))
		return true
	}
	r.line("FAIL", fmt.Sprintf("%d of %d hidden cases failed", r.failed, r.cases))
	return false
}

// claim prints "PASS what" if ok and "FAIL what: why" otherwise, and
// returns ok.
func claim(ok bool, what, why string) bool {
	if ok {
		fmt.Fprintf(Out, "PASS %s\n", what)
	} else {
		fmt.Fprintf(Out, "FAIL %s: %s\n", what, why)
	}
	return ok
}

// call runs f with safely and returns its message as an error (nil if f
// returned normally).
func call(f func()) error {
	if msg := safely(f); msg != "" {
		return fmt.Errorf("%s", msg)
	}
	return nil
}

// near reports whether a and b agree to a relative 1e-12 (NaN equals NaN).
func near(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	if math.IsInf(a, 0) || math.IsInf(b, 0) {
		return a == b
	}
	return math.Abs(a-b) <= 1e-12*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func closeAll(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !near(a[i], b[i]) {
			return false
		}
	}
	return true
}
