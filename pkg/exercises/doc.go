// Package exercises checks the course's exercises: each checker runs a
// student's function on hidden cases and prints PASS/FAIL lines with hints.
//
// A checker never panics: a student's function that panics, loops for too
// long (more than a budget of evaluations) or returns NaN gets a FAIL line
// saying so. Every checker prints one line per case and a summary line, and
// returns true only if every case passed. Output goes to Out (os.Stdout;
// the tests redirect it).
package exercises

import (
	"fmt"
	"io"
	"os"
)

// Out is where the checkers print.
var Out io.Writer = os.Stdout

// report collects the PASS/FAIL lines of one checker.
type report struct {
	name         string
	pass, failed int
}

func (r *report) ok(format string, a ...any) {
	r.pass++
	fmt.Fprintf(Out, "PASS  "+format+"\n", a...)
}

func (r *report) fail(hint, format string, a ...any) {
	r.failed++
	fmt.Fprintf(Out, "FAIL  "+format+"\n", a...)
	if hint != "" {
		fmt.Fprintf(Out, "      hint: %s\n", hint)
	}
}

// done prints the summary line and returns whether everything passed.
func (r *report) done() bool {
	if r.failed == 0 {
		fmt.Fprintf(Out, "PASS: %s: all %d checks passed\n", r.name, r.pass)
		return true
	}
	fmt.Fprintf(Out, "FAIL: %s: %d of %d checks failed\n", r.name, r.failed, r.pass+r.failed)
	return false
}

// tooMany is the panic value of a counted function past its budget.
type tooMany struct{ budget int }

// counted wraps f so that it counts its calls and panics with tooMany
// after budget of them (caught by safely).
func counted(f func(float64) float64, budget int) (func(float64) float64, *int) {
	n := new(int)
	return func(x float64) float64 {
		*n++
		if *n > budget {
			panic(tooMany{budget})
		}
		return f(x)
	}, n
}

// safely runs call and turns a panic into an error message ("" if none).
func safely(call func()) (msg string) {
	defer func() {
		if v := recover(); v != nil {
			if t, ok := v.(tooMany); ok {
				msg = fmt.Sprintf("more than %d evaluations: does your loop stop?", t.budget)
				return
			}
			msg = fmt.Sprintf("your function panicked: %v", v)
		}
	}()
	call()
	return ""
}
