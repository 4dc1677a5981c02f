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

// The helpers below serve every test of the package: run captures a
// checker's output; expect (one PASS/FAIL line), expectOneDim (a summary
// line), want (FAIL lines with a hint) and qnRun (texts in the output)
// check it.

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

// expectOneDim checks that check returns want and prints a PASS: summary
// (or a FAIL line); it returns the output.
func expectOneDim(t *testing.T, name string, want bool, check func() bool) string {
	t.Helper()
	got, out := run(t, check)
	if got != want {
		t.Errorf("%s: got %v, want %v; output:\n%s", name, got, want, out)
	}
	if want && !strings.Contains(out, "PASS:") || !want && !strings.Contains(out, "FAIL") {
		t.Errorf("%s: output lacks the PASS/FAIL line:\n%s", name, out)
	}
	return out
}

// want fails t unless check returns ok and its output agrees (PASS line
// for a pass, FAIL lines mentioning hint for a failure).
func want(t *testing.T, name string, ok bool, hint string, check func() bool) {
	t.Helper()
	got, out := run(t, check)
	if got != ok {
		t.Errorf("%s: checker returned %v, want %v; output:\n%s", name, got, ok, out)
		return
	}
	if ok && !strings.HasPrefix(out, "PASS ") {
		t.Errorf("%s: output should be one PASS line:\n%s", name, out)
	}
	if !ok && (!strings.Contains(out, "FAIL ") || !strings.Contains(out, hint)) {
		t.Errorf("%s: output should have FAIL lines with %q:\n%s", name, hint, out)
	}
}

// qnRun checks that check returns wantOK, prints every wantText, and
// prints a FAIL line exactly when it fails.
func qnRun(t *testing.T, check func() bool, wantOK bool, wantText ...string) {
	t.Helper()
	ok, out := run(t, check)
	if ok != wantOK {
		t.Errorf("ok = %v, want %v:\n%s", ok, wantOK, out)
	}
	for _, s := range wantText {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
	if wantOK && strings.Contains(out, "FAIL") || !wantOK && !strings.Contains(out, "FAIL") {
		t.Errorf("PASS/FAIL lines do not match ok = %v:\n%s", ok, out)
	}
}
