package exercises

import (
	"bytes"
	"strings"
	"testing"
)

// run calls check with the output captured and returns whether it passed
// and what it printed.
func run(t *testing.T, check func() bool) (bool, string) {
	t.Helper()
	var b bytes.Buffer
	old := Out
	Out = &b
	defer func() { Out = old }()
	ok := check()
	return ok, b.String()
}

// expect checks that a checker passes (hint "") or fails with a line
// containing hint, and that it prints exactly one line.
func expect(t *testing.T, name string, check func() bool, hint string) {
	t.Helper()
	ok, s := run(t, check)
	if strings.Count(s, "\n") != 1 {
		t.Errorf("%s: want one line, got %q", name, s)
	}
	if hint == "" {
		if !ok || !strings.HasPrefix(s, "PASS ") {
			t.Errorf("%s: want PASS, got %v %q", name, ok, s)
		}
		return
	}
	if ok || !strings.HasPrefix(s, "FAIL ") || !strings.Contains(s, hint) {
		t.Errorf("%s: want FAIL with %q, got %v %q", name, hint, ok, s)
	}
}
