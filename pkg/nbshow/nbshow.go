package nbshow

import (
	"encoding/base64"
	"fmt"
	"html"
	"os"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
	"github.com/optlab/optlab/pkg/viz"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// PNG displays a PNG-encoded image inline.
func PNG(b []byte) {
	gonbui.DisplayPng(b)
	gonbui.Sync()
}

// SVG displays an SVG document inline, as an image/svg+xml output.
func SVG(b []byte) {
	if !gonbui.IsNotebook {
		return
	}
	gonbui.SendData(&protocol.DisplayData{
		Data: map[protocol.MIMEType]any{protocol.MIMEImageSVG: string(b)},
	})
	gonbui.Sync()
}

// GIF displays a GIF image inline; animated GIFs play in the notebook.
// Jupyter has no GIF output type, so it is sent as HTML: an <img> tag with
// the image embedded as a data: URI (see [ImgTag]).
func GIF(b []byte) {
	gonbui.DisplayHTML(ImgTag("image/gif", b, "animation"))
	gonbui.Sync()
}

// Markdown displays Markdown text; $...$ and $$...$$ are rendered as math.
func Markdown(s string) {
	gonbui.DisplayMarkdown(s)
	gonbui.Sync()
}

// HTML displays an HTML fragment.
func HTML(s string) {
	gonbui.DisplayHTML(s)
	gonbui.Sync()
}

// Plot renders p to PNG with the given size and displays it.
// A rendering error is returned and, in a notebook, also written to the
// cell's stderr as a line starting with "nbshow: ", which the notebook checker
// (scripts/check_notebooks.py) reports as a failure. [Figure] does the same
// with an alt text, which is better for the tutorial.
func Plot(p *plot.Plot, width, height vg.Length) error {
	b, err := plotPNG(p, width, height)
	if err != nil {
		return err
	}
	PNG(b)
	return nil
}

// plotPNG is viz.PNG with its error reported.
func plotPNG(p *plot.Plot, w, h vg.Length) ([]byte, error) {
	b, err := viz.PNG(p, w, h)
	if err != nil {
		return nil, report(err)
	}
	return b, nil
}

// report returns err with the prefix "nbshow: " and, in a notebook, also
// writes it to the cell's stderr, where the notebook checker
// (scripts/check_notebooks.py) finds it and fails the notebook. Every error
// an nbshow function returns goes through report.
func report(err error) error {
	err = fmt.Errorf("nbshow: %w", err)
	if gonbui.IsNotebook {
		fmt.Fprintln(os.Stderr, err)
	}
	return err
}

// ImgTag returns an HTML <img> tag embedding b, of the given MIME type (for
// instance "image/gif"), as a base64 data: URI, with an optional alt text.
func ImgTag(mime string, b []byte, alt string) string {
	return fmt.Sprintf(`<img src="data:%s;base64,%s" alt="%s">`,
		mime, base64.StdEncoding.EncodeToString(b), html.EscapeString(alt))
}
