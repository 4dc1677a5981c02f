package nbshow

import (
	"encoding/base64"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

func linePlot(t *testing.T) *plot.Plot {
	t.Helper()
	p := plot.New()
	p.Title.Text = "test"
	pts := plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}, {X: 2, Y: 4}}
	l, err := plotter.NewLine(pts)
	if err != nil {
		t.Fatal(err)
	}
	p.Add(l)
	return p
}

func TestImgTag(t *testing.T) {
	tag := ImgTag("image/gif", []byte("GIF89a"), `a "b"`)
	want := `<img src="data:image/gif;base64,` + base64.StdEncoding.EncodeToString([]byte("GIF89a")) + `" alt="a &#34;b&#34;">`
	if tag != want {
		t.Fatalf("ImgTag = %s, want %s", tag, want)
	}
	if !strings.HasPrefix(tag, `<img src="data:image/`) {
		t.Fatal("not a data URI img tag")
	}
}

// Outside a GoNB kernel the display functions must be harmless no-ops.
func TestDisplayOutsideNotebook(t *testing.T) {
	PNG([]byte("x"))
	SVG([]byte("<svg></svg>"))
	GIF([]byte("GIF89a"))
	Markdown("# title")
	HTML("<b>x</b>")
	if err := Plot(linePlot(t), 4*vg.Centimeter, 3*vg.Centimeter); err != nil {
		t.Fatal(err)
	}
}
