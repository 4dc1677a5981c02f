package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/optlab/optlab/pkg/optim"
)

// One pair on Beale: both Nelder–Meads reach the minimum 0 at (3, 0.5),
// and the Markdown table has its header, one row and the note.
func TestNelderMeadOnBeale(t *testing.T) {
	rows, notes, err := Run(DefaultConfig, []string{"neldermead"}, []string{"beale"})
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 0 || len(rows) != 1 {
		t.Fatalf("rows %+v, notes %v", rows, notes)
	}
	r := rows[0]
	t.Logf("%+v", r)
	if r.Problem != "beale" || r.Ours != "neldermead" || r.Gonum != "NelderMead" {
		t.Errorf("row %+v", r)
	}
	for _, s := range []Side{r.Us, r.Them} {
		if !s.Reached || s.F > 1e-10 || s.NFev == 0 || s.NGev != 0 || s.Time <= 0 {
			t.Errorf("side %+v", s)
		}
	}
	if r.Us.Status != optim.Converged.String() {
		t.Errorf("ours: %s", r.Us.Status)
	}
	if r.Us.ToTarget == 0 || r.Us.ToTarget > r.Us.NFev || r.Them.ToTarget == 0 || r.Them.ToTarget > r.Them.NFev {
		t.Errorf("evaluations to the target: %d of %d, gonum %d of %d", r.Us.ToTarget, r.Us.NFev, r.Them.ToTarget, r.Them.NFev)
	}
	if (r.Us.ToTarget > r.Them.ToTarget) != (r.Flag == "MORE EVALS") {
		t.Errorf("flag %q for %d vs %d evaluations to the target", r.Flag, r.Us.ToTarget, r.Them.ToTarget)
	}
	var b bytes.Buffer
	WriteMarkdown(&b, rows, DefaultConfig)
	lines := strings.Split(b.String(), "\n")
	if !strings.HasPrefix(lines[0], "| problem | ours ↔ gonum | f |") || !strings.HasPrefix(lines[1], "| --- |") ||
		!strings.HasPrefix(lines[2], "| beale | neldermead ↔ NelderMead | ") || strings.Count(lines[2], " | ") != 10 {
		t.Errorf("markdown:\n%s", b.String())
	}
	b.Reset()
	WriteText(&b, rows)
	if !strings.Contains(b.String(), "neldermead ↔ NelderMead") {
		t.Errorf("text:\n%s", b.String())
	}
}

func TestFlagsAndUnknownNames(t *testing.T) {
	us := Side{Reached: true, NFev: 10, NGev: 10}
	them := Side{Reached: true, NFev: 5, NGev: 5}
	for _, c := range []struct {
		us, them Side
		flag     string
	}{
		{us, them, "MORE EVALS"},
		{them, us, ""},
		{Side{NFev: 1}, them, "NOT REACHED"},
		{Side{NFev: 1}, Side{NFev: 1}, ""},
	} {
		row := Row{Us: c.us, Them: c.them, Gradient: true}
		if got := flagOf(row); got != c.flag {
			t.Errorf("%+v vs %+v: flag %q, want %q", c.us, c.them, got, c.flag)
		}
	}
	if _, _, err := Run(DefaultConfig, nil, []string{"bealee"}); err == nil || !strings.Contains(err.Error(), `"beale"`) {
		t.Errorf("unknown problem: %v", err)
	}
	if _, _, err := Run(DefaultConfig, []string{"nelder"}, []string{"beale"}); err == nil {
		t.Error("unknown method accepted")
	}
	// A pair whose method is not built in is skipped with a note.
	rows, notes, err := Run(DefaultConfig, []string{"bfgs"}, []string{"beale"})
	if _, lerr := optim.Lookup("bfgs"); lerr != nil && (err != nil || len(rows) != 0 || len(notes) != 1) {
		t.Errorf("missing bfgs: %v %v %v", rows, notes, err)
	}
}
