package nbshow

import (
	"encoding/base64"
	"errors"
	"fmt"
	"html"
	"regexp"
	"strings"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// FigureClass is the class of the <figure> element [Figure] sends. The
// tutorial builder (scripts/render_tutorial.py) looks for it and writes the
// image to a file, with the alt text as its alt and caption.
const FigureClass = "nbshow-figure"

// Figure renders p to PNG (w × h) and displays it with an alt text that says
// what the plot shows (for screen readers, and the caption of the figure in
// the tutorial). alt must not be empty. Errors are reported like [Plot]'s.
func Figure(p *plot.Plot, w, h vg.Length, alt string) error {
	b, err := plotPNG(p, w, h)
	if err != nil {
		return err
	}
	return FigureImage("image/png", b, alt)
}

// FigureImage displays an encoded image (mime "image/png", "image/gif",
// "image/jpeg" or "image/svg+xml") with an alt text, as [Figure] does; use
// it for an animation made with viz.GIF.
func FigureImage(mime string, b []byte, alt string) error {
	h, err := FigureHTML(mime, b, alt)
	if err != nil {
		return err
	}
	displayFigure(h)
	return nil
}

// displayFigure sends a figure made by FigureHTML, with its alt text as the
// plain-text alternative.
func displayFigure(h string) {
	if !gonbui.IsNotebook {
		return
	}
	alt := ""
	if m := altRE.FindStringSubmatch(h); m != nil {
		alt = html.UnescapeString(m[1])
	}
	gonbui.SendData(&protocol.DisplayData{Data: map[protocol.MIMEType]any{
		protocol.MIMETextHTML:  h,
		protocol.MIMETextPlain: "Figure: " + alt,
	}})
	gonbui.Sync()
}

var altRE = regexp.MustCompile(` alt="([^"]*)"`)

// FigureHTML returns the HTML that [FigureImage] displays: a <figure> of
// class [FigureClass] holding an <img> (data: URI, alt text) and a
// <figcaption> with the same text.
func FigureHTML(mime string, b []byte, alt string) (string, error) {
	if strings.TrimSpace(alt) == "" {
		return "", report(errors.New("Figure: empty alt text (say what the figure shows)"))
	}
	if !strings.HasPrefix(mime, "image/") || len(b) == 0 {
		return "", report(fmt.Errorf("Figure: not an image: %q, %d bytes", mime, len(b)))
	}
	a := html.EscapeString(alt)
	return fmt.Sprintf(`<figure class="%s" style="margin:0.5em 0"><img src="data:%s;base64,%s" alt="%s">`+
		`<figcaption style="font-size:90%%;color:#555">%s</figcaption></figure>`,
		FigureClass, mime, base64.StdEncoding.EncodeToString(b), a, a), nil
}
