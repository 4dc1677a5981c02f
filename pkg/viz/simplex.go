package viz

import (
	"errors"
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// AddSimplex draws a 2-D simplex (the triangle of a Nelder–Mead run) as a
// closed polygon in the plot's next style, with a marker at every vertex
// and a larger filled dot at vertices[0], which Nelder–Mead keeps as the
// best vertex. The vertices need two coordinates each; a simplex of more
// than three points is drawn as the polygon through them in order. An
// empty name adds no legend entry. It returns an error for fewer than two
// vertices, a vertex without two coordinates, or a non-finite coordinate.
func AddSimplex(p *plot.Plot, name string, vertices [][]float64) error {
	if p == nil {
		return errors.New("viz: AddSimplex: plot is nil")
	}
	xys, err := simplexXYs("AddSimplex", vertices)
	if err != nil {
		return err
	}
	closed := append(xys, xys[0])
	return addTrace(p, "AddSimplex", name, closed, xys, func(st Style) draw.GlyphStyle {
		return draw.GlyphStyle{Color: st.Line.Color, Radius: vg.Points(3.5), Shape: draw.CircleGlyph{}}
	})
}

// simplexXYs checks the vertices of a 2-D simplex and returns them as XYs.
func simplexXYs(what string, vertices [][]float64) (plotter.XYs, error) {
	if len(vertices) < 2 {
		return nil, fmt.Errorf("viz: %s: need at least 2 vertices, got %d", what, len(vertices))
	}
	xys := make(plotter.XYs, len(vertices))
	for i, v := range vertices {
		if len(v) != 2 {
			return nil, fmt.Errorf("viz: %s: vertex %d has %d coordinates, want 2", what, i, len(v))
		}
		if !isFinite(v[0]) || !isFinite(v[1]) {
			return nil, fmt.Errorf("viz: %s: vertex %d = %v is not finite", what, i, v)
		}
		xys[i] = plotter.XY{X: v[0], Y: v[1]}
	}
	return xys, nil
}

// SimplexFrames makes one plot per simplex of a 2-D Nelder–Mead run, for
// GIF or a slider: each frame is a fresh background() (typically a contour
// map of the objective, with fixed axes), the previous simplex as a thin
// grey outline, the current one (AddSimplex, best vertex first) and
// titles[i] as the title. simplices[i] is the simplex after iteration i
// (simplices[0] the initial one); titles may be nil (no title change).
// It returns an error if there is no simplex, titles has another length,
// background fails or returns nil, or a simplex is invalid (see
// AddSimplex).
func SimplexFrames(background func() (*plot.Plot, error), simplices [][][]float64, titles []string) ([]*plot.Plot, error) {
	if background == nil {
		return nil, errors.New("viz: SimplexFrames: background is nil")
	}
	if len(simplices) == 0 {
		return nil, errors.New("viz: SimplexFrames: no simplices")
	}
	if titles != nil && len(titles) != len(simplices) {
		return nil, fmt.Errorf("viz: SimplexFrames: %d titles for %d simplices", len(titles), len(simplices))
	}
	frames := make([]*plot.Plot, len(simplices))
	for i, s := range simplices {
		p, err := SimplexFrame(background, s, prevSimplex(simplices, i))
		if err != nil {
			return nil, fmt.Errorf("viz: SimplexFrames: frame %d: %w", i, err)
		}
		if titles != nil {
			p.Title.Text = titles[i]
		}
		frames[i] = p
	}
	return frames, nil
}

func prevSimplex(s [][][]float64, i int) [][]float64 {
	if i == 0 {
		return nil
	}
	return s[i-1]
}

// SimplexFrame is one frame of SimplexFrames: background() with the
// simplex prev (may be nil) as a thin grey outline and the simplex cur
// drawn by AddSimplex on top.
func SimplexFrame(background func() (*plot.Plot, error), cur, prev [][]float64) (*plot.Plot, error) {
	if background == nil {
		return nil, errors.New("viz: SimplexFrame: background is nil")
	}
	p, err := background()
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, errors.New("viz: SimplexFrame: background returned a nil plot")
	}
	if prev != nil {
		xys, err := simplexXYs("SimplexFrame", prev)
		if err != nil {
			return nil, err
		}
		l, err := plotter.NewLine(append(xys, xys[0]))
		if err != nil {
			return nil, fmt.Errorf("viz: SimplexFrame: %v", err)
		}
		l.LineStyle = draw.LineStyle{Color: color.Gray{Y: 0x70}, Width: vg.Points(0.8), Dashes: []vg.Length{vg.Points(2), vg.Points(2)}}
		p.Add(l)
	}
	if err := AddSimplex(p, "", cur); err != nil {
		return nil, err
	}
	return p, nil
}
