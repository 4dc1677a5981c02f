package exercises

import (
	"fmt"
	"math"
)

// verdict collects the result of one checker.
type verdict struct {
	name   string
	failed bool
}

// fail prints a FAIL line with a hint; only the first failure of a
// checker is printed, so that one mistake gives one hint.
func (r *verdict) fail(format string, args ...any) {
	if r.failed {
		return
	}
	r.failed = true
	fmt.Fprintf(Out, "FAIL %s: %s\n", r.name, fmt.Sprintf(format, args...))
}

// done prints the PASS line (if nothing failed) and returns whether it passed.
func (r *verdict) done(what string) bool {
	if !r.failed {
		fmt.Fprintf(Out, "PASS %s: %s\n", r.name, what)
	}
	return !r.failed
}

// safely runs f and turns a panic of the student's code into a FAIL line.
func (r *verdict) safely(f func()) (ok bool) {
	defer func() {
		if e := recover(); e != nil {
			r.fail("your function panicked: %v", e)
			ok = false
		}
	}()
	f()
	return true
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
