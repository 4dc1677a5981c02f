package nbshow

import (
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

func TestSourceFunction(t *testing.T) {
	got, err := SourceText("pkg/optim", "Or")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"*`pkg/optim/settings.go`*\n\n```go\n", "\nfunc Or[", "\n```"} {
		if !strings.Contains(got, want) {
			t.Errorf("SourceText(pkg/optim, Or) lacks %q:\n%s", want, got)
		}
	}
	if !strings.HasSuffix(got, "}\n```") {
		t.Errorf("the function's body should end the block:\n%s", got)
	}
	// The doc comment comes with it.
	if !strings.Contains(got, "```go\n// Or") {
		t.Errorf("doc comment missing:\n%s", got)
	}
}

func TestSourceForms(t *testing.T) {
	// This package's own declarations, found through the module path too.
	for _, c := range []struct{ name, want string }{
		{"Slider", "type Slider struct {"},
		{"FigureClass", `const FigureClass = "nbshow-figure"`},
		{"InteractIdle", "var InteractIdle = 2 * time.Minute"},
		{"srcFile", "type srcFile struct"},
	} {
		got, err := SourceText(ModulePath+"/pkg/nbshow", c.name)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: no %q in\n%s", c.name, c.want, got)
		}
	}
}

func TestSplitName(t *testing.T) {
	for in, want := range map[string][2]string{
		"tell": {"", "tell"}, "state.tell": {"state", "tell"},
		"(*state).tell": {"state", "tell"}, "(state).tell": {"state", "tell"},
	} {
		r, f := splitName(in)
		if r != want[0] || f != want[1] {
			t.Errorf("splitName(%q) = %q, %q; want %q, %q", in, r, f, want[0], want[1])
		}
	}
}

func TestSourceMethodAndSeveral(t *testing.T) {
	// pkg/optim is stable: a function and a pointer method, in one block.
	got, err := SourceText("pkg/optim", "Or", "(*Task).Eval")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "func (t *Task) Eval(") || !strings.Contains(got, "func Or[") {
		t.Errorf("want Or and (*Task).Eval:\n%s", got)
	}
	if strings.Count(got, "```go") != 1 {
		t.Errorf("want one code block:\n%s", got)
	}
}

func TestSourceNotFound(t *testing.T) {
	for _, c := range [][2]string{{"pkg/optim", "NoSuchThing"}, {"pkg/optim", "Task.noSuchMethod"}, {"pkg/nope", "X"}, {"pkg/optim", "Task.Or"}} {
		_, err := SourceText(c[0], c[1])
		if err == nil {
			t.Errorf("SourceText(%q, %q): want an error", c[0], c[1])
			continue
		}
		if !strings.HasPrefix(err.Error(), "nbshow: ") {
			t.Errorf("error %q should start with \"nbshow: \"", err)
		}
	}
	if err := Source("pkg/optim"); err == nil {
		t.Error("Source without names: want an error")
	}
}

func TestFigureHTML(t *testing.T) {
	h, err := FigureHTML("image/png", []byte{1, 2, 3}, `f(x) = x² on "[-2, 2]"`)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<figure class="nbshow-figure"`, `<img src="data:image/png;base64,AQID" alt="f(x) = x² on &#34;[-2, 2]&#34;">`, `f(x) = x² on &#34;[-2, 2]&#34;</figcaption></figure>`} {
		if !strings.Contains(h, want) {
			t.Errorf("FigureHTML lacks %q:\n%s", want, h)
		}
	}
	if _, err := FigureHTML("image/png", []byte{1}, " "); err == nil || !strings.HasPrefix(err.Error(), "nbshow: ") {
		t.Errorf("empty alt: err = %v, want an nbshow error", err)
	}
	if err := Figure(linePlot(t), 4*vg.Centimeter, 3*vg.Centimeter, "a line"); err != nil {
		t.Fatal(err)
	}
	if err := Figure(linePlot(t), 0, 3*vg.Centimeter, "a line"); err == nil || !strings.HasPrefix(err.Error(), "nbshow: viz: ") {
		t.Errorf("zero width: err = %v", err)
	}
}

func TestInteractOutsideNotebook(t *testing.T) {
	calls := 0
	draw := func(v Values) (*plot.Plot, error) {
		calls++
		if v["a"] != 1.5 {
			t.Errorf("initial value a = %v, want 1.5", v["a"])
		}
		return linePlot(t), nil
	}
	if err := Interact(4*vg.Centimeter, 3*vg.Centimeter, "test", draw, Slider{"a", -2, 2, 0.5, 1.5}); err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Errorf("draw called %d times, want 1 (the initial frame)", calls)
	}
	for _, s := range []Slider{{"a", 1, 1, 0.1, 1}, {"a", 0, 1, 0, 0}, {"a", 0, 1, 0.1, 2}} {
		if err := Interact(4*vg.Centimeter, 3*vg.Centimeter, "x", draw, s); err == nil {
			t.Errorf("slider %+v: want an error", s)
		}
	}
}
