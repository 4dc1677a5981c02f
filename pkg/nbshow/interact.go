package nbshow

import (
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/comms"
	"github.com/janpfeifer/gonb/gonbui/dom"
	"github.com/janpfeifer/gonb/gonbui/widgets"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// Slider is one parameter of [Interact]: a value from Min to Max in steps of
// Step, starting at Value.
type Slider struct {
	Name                  string
	Min, Max, Step, Value float64
}

// Values are the current slider values of [Interact], by slider name.
type Values map[string]float64

// StaticEnv is the environment variable that makes [Interact] draw only its
// initial frame, without widgets. The headless notebook checker
// (scripts/check_notebooks.py) sets it: GoNB's widgets wait for the browser,
// which a headless run does not have.
const StaticEnv = "NBSHOW_STATIC"

// InteractIdle ends an [Interact] cell after this long without a slider
// move (so that Run All goes on by itself); the Done button ends it at once.
var InteractIdle = 2 * time.Minute

// connectTimeout is how long Interact waits for the browser's widgets to
// answer before it falls back to the initial frame.
const connectTimeout = 30 * time.Second

// Interact shows sliders and the plot draw returns for their values (w × h
// PNG, with alt text alt followed by the values), redrawn whenever a slider
// moves. The cell runs until its Done button is clicked, or InteractIdle
// passes without a move; then the sliders go away and the last frame stays
// as an ordinary [Figure], which is what a saved notebook and the tutorial
// show. Outside a live Jupyter page (headless runs, with [StaticEnv] set, or
// when the widgets do not answer) only the initial frame is shown.
func Interact(w, h vg.Length, alt string, draw func(Values) (*plot.Plot, error), sliders ...Slider) error {
	if len(sliders) == 0 || draw == nil {
		return report(errors.New("Interact: no sliders or no draw function"))
	}
	pos := make([]int, len(sliders))
	for i, s := range sliders {
		if !(s.Step > 0) || !(s.Max > s.Min) || s.Value < s.Min || s.Value > s.Max || math.IsInf(s.Max-s.Min, 0) {
			return report(fmt.Errorf("Interact: slider %q: need Min < Max, Step > 0 and Min ≤ Value ≤ Max", s.Name))
		}
		if (s.Max-s.Min)/s.Step > 10000 {
			return report(fmt.Errorf("Interact: slider %q: more than 10000 steps", s.Name))
		}
		pos[i] = int(math.Round((s.Value - s.Min) / s.Step))
	}
	frame := func() (Values, string, error) {
		v := Values{}
		var parts []string
		for i, s := range sliders {
			v[s.Name] = math.Min(s.Max, s.Min+float64(pos[i])*s.Step)
			parts = append(parts, fmt.Sprintf("%s = %g", s.Name, v[s.Name]))
		}
		a := fmt.Sprintf("%s (%s)", alt, strings.Join(parts, ", "))
		p, err := draw(v)
		if err != nil {
			return v, "", report(fmt.Errorf("Interact: draw(%s): %w", strings.Join(parts, ", "), err))
		}
		b, err := plotPNG(p, w, h)
		if err != nil {
			return v, "", err
		}
		img, err := FigureHTML("image/png", b, a)
		return v, img, err
	}
	if !gonbui.IsNotebook || os.Getenv(StaticEnv) != "" {
		return staticFrame(frame)
	}

	// The live page: a transient block with sliders, value labels and a Done button.
	root := dom.CreateTransientDiv()
	imgID := "nbshow_interact_" + gonbui.UniqueId()
	_, img, err := frame()
	if err != nil {
		return err
	}
	gonbui.UpdateHTML(imgID, img)
	built := make(chan []*widgets.SliderBuilder, 1)
	var clicks *comms.AddressChan[int]
	labels := make([]string, len(sliders))
	go func() {
		var ws []*widgets.SliderBuilder
		for i, s := range sliders {
			row := "nbshow_row_" + gonbui.UniqueId()
			labels[i] = "nbshow_val_" + gonbui.UniqueId()
			dom.Append(root, fmt.Sprintf(`<div id="%s" class="nbshow-slider" data-name="%s" style="display:flex;gap:0.5em;align-items:center">`+
				`<code style="min-width:4em">%s</code></div>`, row, s.Name, s.Name))
			n := int(math.Round((s.Max - s.Min) / s.Step))
			ws = append(ws, widgets.Slider(0, n, pos[i]).AppendTo(row).Done())
			dom.Append(row, fmt.Sprintf(`<span id="%s">%g</span>`, labels[i], s.Min+float64(pos[i])*s.Step))
		}
		// Listen to the Done button before building it. The builder's own
		// listener, closed once the button exists, unsubscribes the address
		// from GoNB if it is the only one, and that can race with a
		// listener opened afterwards: the clicks would be lost. The first
		// value, 0, is the button announcing itself.
		button := widgets.Button("Done").AppendTo(root)
		clicks = comms.Listen[int](button.Address())
		button.Done()
		built <- ws
	}()
	var ws []*widgets.SliderBuilder
	select {
	case ws = <-built:
	case <-time.After(connectTimeout):
		// Take away the sliders built so far: they would not answer.
		gonbui.UpdateHTML(imgID, "")
		dom.Remove(root)
		fmt.Println("(the sliders did not connect to the page: showing the initial values)")
		return staticFrame(frame)
	}
	chans := make([]*comms.AddressChan[int], len(ws))
	type move struct{ slider, pos int }
	moved := make(chan move, 16)
	for i, s := range ws {
		chans[i] = s.Listen().LatestOnly()
		go func(i int, c *comms.AddressChan[int]) {
			for p := range c.C {
				moved <- move{i, p}
			}
		}(i, chans[i])
	}
	defer func() {
		for _, c := range chans {
			c.Close()
		}
		clicks.Close()
	}()
	// A move made while the widgets were still being built reached only the
	// slider's own record of its value: take it up now, so it is not lost.
	steps := func(i int) int { return int(math.Round((sliders[i].Max - sliders[i].Min) / sliders[i].Step)) }
	redraw := func() error {
		v, img, err := frame()
		if err != nil {
			return err
		}
		for i, s := range sliders {
			dom.SetInnerText(labels[i], fmt.Sprintf("%g", v[s.Name]))
		}
		gonbui.UpdateHTML(imgID, img)
		return nil
	}
	stale := false
	for i, s := range ws {
		if p := s.Value(); p != pos[i] {
			pos[i], stale = min(max(p, 0), steps(i)), true
		}
	}
	if stale {
		if err := redraw(); err != nil {
			return err
		}
	}
	// Every listener is in place: say so on the page (the browser test
	// waits for this mark before it moves a slider).
	dom.Append(root, `<span class="nbshow-ready" hidden></span>`)
	idle := time.NewTimer(InteractIdle)
loop:
	for {
		select {
		case m := <-moved:
			pos[m.slider] = min(max(m.pos, 0), steps(m.slider))
			idle.Reset(InteractIdle)
			if redraw() != nil {
				break loop
			}
		case c := <-clicks.C:
			if c > 0 {
				break loop
			}
		case <-idle.C:
			break loop
		}
	}
	// Replace the transient sliders and image by the last frame, saved with the notebook.
	gonbui.UpdateHTML(imgID, "")
	dom.Remove(root)
	return staticFrame(frame)
}

func staticFrame(frame func() (Values, string, error)) error {
	_, img, err := frame()
	if err != nil {
		return err
	}
	displayFigure(img)
	return nil
}
