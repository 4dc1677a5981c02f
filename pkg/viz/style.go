package viz

import (
	"fmt"
	"image/color"
	"math"
	"runtime"
	"strconv"
	"sync"
	"weak"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Colors is the colour cycle of the series: the Okabe–Ito palette, which
// stays distinguishable for colour-blind readers (its yellow is left out
// because it is too pale on white).
var Colors = []color.Color{
	color.RGBA{R: 0x00, G: 0x72, B: 0xB2, A: 0xFF}, // blue
	color.RGBA{R: 0xD5, G: 0x5E, B: 0x00, A: 0xFF}, // vermillion
	color.RGBA{R: 0x00, G: 0x9E, B: 0x73, A: 0xFF}, // bluish green
	color.RGBA{R: 0xCC, G: 0x79, B: 0xA7, A: 0xFF}, // reddish purple
	color.RGBA{R: 0xE6, G: 0x9F, B: 0x00, A: 0xFF}, // orange
	color.RGBA{R: 0x56, G: 0xB4, B: 0xE9, A: 0xFF}, // sky blue
	color.RGBA{R: 0x00, G: 0x00, B: 0x00, A: 0xFF}, // black
}

// dashes and glyphs cycle with periods coprime to len(Colors), so that
// series stay distinguishable in grayscale too.
var dashes = [][]vg.Length{
	nil,
	{vg.Points(6), vg.Points(3)},
	{vg.Points(1.5), vg.Points(2)},
	{vg.Points(7), vg.Points(2), vg.Points(1.5), vg.Points(2)},
	{vg.Points(12), vg.Points(4)},
}

var glyphs = []draw.GlyphDrawer{
	draw.CircleGlyph{},
	draw.SquareGlyph{},
	draw.TriangleGlyph{},
	draw.CrossGlyph{},
	draw.RingGlyph{},
	draw.PlusGlyph{},
	draw.BoxGlyph{},
	draw.PyramidGlyph{},
}

// Style is the look of the i-th series: colour, dash pattern and marker.
type Style struct {
	Line  draw.LineStyle
	Glyph draw.GlyphStyle
}

// SeriesStyle returns the style of the i-th series (i >= 0; it cycles).
// Consecutive series differ in colour, dash pattern and marker shape.
func SeriesStyle(i int) Style {
	if i < 0 {
		i = -i
	}
	c := Colors[i%len(Colors)]
	return Style{
		Line: draw.LineStyle{
			Color:  c,
			Width:  vg.Points(1.6),
			Dashes: dashes[i%len(dashes)],
		},
		Glyph: draw.GlyphStyle{
			Color:  c,
			Radius: vg.Points(3),
			Shape:  glyphs[i%len(glyphs)],
		},
	}
}

// newPlot returns a plot with a title, axis labels and readable fonts.
func newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(13)
	p.Title.Padding = vg.Points(6)
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.X.Label.TextStyle.Font.Size = vg.Points(11)
	p.Y.Label.TextStyle.Font.Size = vg.Points(11)
	p.X.Tick.Label.Font.Size = vg.Points(9)
	p.Y.Tick.Label.Font.Size = vg.Points(9)
	p.Legend.TextStyle.Font.Size = vg.Points(9)
	p.Legend.Top = true
	p.Legend.ThumbnailWidth = vg.Points(28)
	p.Legend.Padding = vg.Points(2)
	p.X.Tick.Marker = linTicks{}
	p.Y.Tick.Marker = linTicks{}
	return p
}

// addGrid adds light grid lines under everything else.
func addGrid(p *plot.Plot) {
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{Y: 225}
	g.Horizontal.Color = color.Gray{Y: 225}
	g.Vertical.Width = vg.Points(0.5)
	g.Horizontal.Width = vg.Points(0.5)
	p.Add(g)
}

// LogFloor is how values <= 0 are drawn on a log axis: at the smallest
// positive value of the data divided by LogFloor (one decade lower), or at
// 1e-16 when no value is positive. A zero loss or error, common once a method
// has converged exactly, thus shows as a drop to the bottom of the plot
// instead of making the log axis impossible.
const LogFloor = 10

// logFloor returns the value at which non-positive data is drawn.
func logFloor(ys ...[]float64) float64 {
	m := math.Inf(1)
	for _, y := range ys {
		for _, v := range y {
			if v > 0 && v < m && !math.IsInf(v, 0) {
				m = v
			}
		}
	}
	if math.IsInf(m, 1) {
		return 1e-16
	}
	if m/LogFloor > 0 {
		return m / LogFloor
	}
	return m // m is subnormal
}

// setLogY makes the y axis logarithmic with readable tick labels.
func setLogY(p *plot.Plot) {
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = logTicks{}
}

// fixLogRange makes sure a log axis has a positive, non-empty range.
func fixLogRange(a *plot.Axis) {
	if a.Min <= 0 || math.IsNaN(a.Min) {
		a.Min = 1e-16
	}
	if a.Max < a.Min || math.IsNaN(a.Max) {
		a.Max = a.Min
	}
	if a.Max/a.Min < 1.5 {
		mid := math.Sqrt(a.Min * a.Max)
		a.Min, a.Max = mid/1.5, mid*1.5
	}
}

// logTicks labels a log axis. Unlike plot.LogTicks it also works for ranges
// shorter than a decade (labels at 1, 2 and 5 times powers of ten) and
// thins out labels when the range spans many decades.
type logTicks struct{}

func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(lo > 0) || !(hi > lo) || math.IsInf(hi, 0) {
		return nil
	}
	e0 := int(math.Floor(math.Log10(lo)))
	e1 := int(math.Ceil(math.Log10(hi)))
	decades := e1 - e0
	var ticks []plot.Tick
	add := func(v float64, label bool) {
		if v < lo*(1-1e-9) || v > hi*(1+1e-9) {
			return
		}
		t := plot.Tick{Value: v}
		if label {
			t.Label = formatLog(v)
		}
		ticks = append(ticks, t)
	}
	switch {
	case hi/lo < 10:
		for e := e0; e <= e1; e++ {
			d := math.Pow(10, float64(e))
			for m := 1; m < 10; m++ {
				add(float64(m)*d, true)
			}
		}
	case decades <= 2:
		for e := e0; e <= e1; e++ {
			d := math.Pow(10, float64(e))
			for m := 1; m < 10; m++ {
				add(float64(m)*d, m == 1 || m == 2 || m == 5)
			}
		}
	case decades <= 8:
		for e := e0; e <= e1; e++ {
			d := math.Pow(10, float64(e))
			for m := 1; m < 10; m++ {
				add(float64(m)*d, m == 1)
			}
		}
	default:
		step := 1
		for _, s := range []int{2, 5, 10, 20, 50, 100} {
			if decades/step <= 8 {
				break
			}
			step = s
		}
		for e := e0; e <= e1; e++ {
			if e%step == 0 {
				add(math.Pow(10, float64(e)), true)
			}
		}
	}
	n := 0
	for _, t := range ticks {
		if t.Label != "" {
			n++
		}
	}
	if n < 2 { // too short a range: label the ends
		ticks = append(ticks, plot.Tick{Value: lo, Label: formatLog(lo)}, plot.Tick{Value: hi, Label: formatLog(hi)})
	}
	return ticks
}

// linTicks labels a linear axis with about six "nice" values (1, 2 or 5
// times a power of ten apart), with unlabelled minor ticks between them.
type linTicks struct{}

func (linTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || !isFinite(lo) || !isFinite(hi) {
		return nil
	}
	raw := (hi - lo) / 6
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * p
	for _, m := range []float64{1, 2, 5} {
		if m*p >= raw {
			step = m * p
			break
		}
	}
	minor := step / 5
	if step == 2*p {
		minor = step / 4
	}
	var ticks []plot.Tick
	first := math.Ceil(lo/minor-1e-9) * minor
	for i := 0; ; i++ {
		v := first + float64(i)*minor
		if v > hi+1e-9*step {
			break
		}
		t := plot.Tick{Value: v}
		if r := v / step; math.Abs(r-math.Round(r)) < 1e-6 {
			v = math.Round(r) * step
			if math.Abs(v) < 1e-9*step {
				v = 0
			}
			t.Value = v
			t.Label = strconv.FormatFloat(v, 'g', 6, 64)
		}
		ticks = append(ticks, t)
		if i > 1000 {
			break
		}
	}
	return ticks
}

// headroom raises the top of a y axis so that the top fraction frac of
// the plot is empty, leaving room for the legend.
func headroom(a *plot.Axis, logScale bool, frac float64) {
	if frac <= 0 || !(a.Max > a.Min) {
		return
	}
	if logScale {
		r := math.Log10(a.Max / a.Min)
		a.Max = a.Min * math.Pow(10, r/(1-frac))
		return
	}
	a.Max = a.Min + (a.Max-a.Min)/(1-frac)
}

// legendFrac is the fraction of the height to leave free for n legend
// entries.
func legendFrac(n int) float64 { return math.Min(0.5, 0.02+0.06*float64(n)) }

// formatLog formats a tick value: plain notation between 0.001 and 10000,
// "1e-06" style otherwise.
func formatLog(v float64) string {
	if v >= 1e-3 && v < 1e4 {
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
	return strconv.FormatFloat(v, 'e', 0, 64)
}

// styleCounter remembers, per plot, how many series AddPath, AddPoints and
// AddEllipse have added, so that each gets the next style. Entries are
// keyed by weak pointers and vanish with their plot.
var styleCounter = struct {
	sync.Mutex
	m map[weak.Pointer[plot.Plot]]int
}{m: map[weak.Pointer[plot.Plot]]int{}}

// nextStyle returns the style index for the next series added to p.
func nextStyle(p *plot.Plot) int {
	k := weak.Make(p)
	styleCounter.Lock()
	defer styleCounter.Unlock()
	i, ok := styleCounter.m[k]
	if !ok {
		runtime.AddCleanup(p, func(k weak.Pointer[plot.Plot]) {
			styleCounter.Lock()
			delete(styleCounter.m, k)
			styleCounter.Unlock()
		}, k)
	}
	styleCounter.m[k] = i + 1
	return i
}

// setStyleStart makes the next series added to p use style i.
func setStyleStart(p *plot.Plot, i int) {
	k := weak.Make(p)
	styleCounter.Lock()
	defer styleCounter.Unlock()
	if _, ok := styleCounter.m[k]; !ok {
		runtime.AddCleanup(p, func(k weak.Pointer[plot.Plot]) {
			styleCounter.Lock()
			delete(styleCounter.m, k)
			styleCounter.Unlock()
		}, k)
	}
	styleCounter.m[k] = i
}

// checkXY checks a pair of coordinate slices.
func checkXY(what string, xs, ys []float64) error {
	if len(xs) == 0 {
		return fmt.Errorf("viz: %s: no points", what)
	}
	if len(xs) != len(ys) {
		return fmt.Errorf("viz: %s: len(xs) = %d but len(ys) = %d", what, len(xs), len(ys))
	}
	for i := range xs {
		if !isFinite(xs[i]) || !isFinite(ys[i]) {
			return fmt.Errorf("viz: %s: point %d = (%v, %v) is not finite", what, i, xs[i], ys[i])
		}
	}
	return nil
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// The y label of a log axis. gonum/plot v0.15.2 makes room for a centred y
// label as if it sat at the arithmetic midpoint of the axis range, which on
// a log axis is near the top: the label's box then juts out above the data
// area and pushes the data area (and the label, drawn at its middle) down,
// by half the label's length. drawDetached draws such a plot (every log-y
// chart of Lines, Convergence, LossTraces, LinesLegendOutside, ...) with
// the label taken off the axis and drawn by a yLabel plotter at the same x,
// with its box at the middle of the axis, as gonum does for a linear axis.

// needsLabelFix reports whether p has a centred y label on a log axis.
func needsLabelFix(p *plot.Plot) bool {
	_, logScale := p.Y.Scale.(plot.LogScale)
	return logScale && p.Y.Label.Text != "" && p.Y.Label.Position == draw.PosCenter
}

// drawDetached draws p onto c as p.Draw does, but with the y label drawn
// by a yLabel (see needsLabelFix). p itself is not changed, except that its
// axis ranges are sanitized as p.Draw would.
func drawDetached(p *plot.Plot, c draw.Canvas) {
	q := *p // a shallow copy: p's plotters and legend entries are shared, not changed
	if q.BackgroundColor != nil {
		c.SetColor(q.BackgroundColor)
		c.Fill(c.Rectangle.Path())
		q.BackgroundColor = nil
	}
	if q.Title.Text != "" { // as p.Draw: the title is centred on the whole canvas
		descent := q.Title.TextStyle.FontExtents().Descent
		c.FillText(q.Title.TextStyle, vg.Point{X: c.Center().X, Y: c.Max.Y + descent}, q.Title.Text)
		c.Max.Y -= q.Title.TextStyle.Rectangle(q.Title.Text).Size().Y + q.Title.Padding
		q.Title.Text = ""
	}
	lab := q.Y.Label
	descent := lab.TextStyle.FontExtents().Descent
	height := lab.TextStyle.Height(lab.Text)
	q.Y.Label.Text = ""
	// The axis without its label is narrower by exactly this strip.
	strip := descent + height + lab.Padding
	q.Add(yLabel{text: lab.Text, style: lab.TextStyle, x: c.Min.X + height - descent})
	q.Draw(draw.Crop(c, strip, 0, 0, 0))
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = q.X.Min, q.X.Max, q.Y.Min, q.Y.Max
}

// yLabel draws a y axis label at x, centred on the data area's height; its
// glyph box sits at the middle of the y axis.
type yLabel struct {
	text  string
	style text.Style
	x     vg.Length
}

func (l yLabel) rotated() text.Style {
	s := l.style
	s.Rotation += math.Pi / 2
	return s
}

func (l yLabel) Plot(c draw.Canvas, _ *plot.Plot) {
	c.FillText(l.rotated(), vg.Point{X: l.x, Y: c.Center().Y}, l.text)
}

func (l yLabel) GlyphBoxes(*plot.Plot) []plot.GlyphBox {
	r := l.rotated().Rectangle(l.text)
	r.Min.X, r.Max.X = 0, 0 // only its height matters, for the vertical layout
	return []plot.GlyphBox{{X: 0.5, Y: 0.5, Rectangle: r}}
}
