package viz

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color/palette"
	stddraw "image/draw"
	"image/gif"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// DPI is the resolution of PNG and GIF images: a 6 × 4 inch plot is 576 ×
// 384 pixels.
const DPI = vgimg.DefaultDPI

// maxPixels bounds the size of a raster image.
const maxPixels = 50_000_000

func checkSize(w, h vg.Length, raster bool) error {
	if !(w > 0) || !(h > 0) || !isFinite(float64(w)) || !isFinite(float64(h)) {
		return fmt.Errorf("viz: image size %v × %v: both must be positive", w, h)
	}
	if raster {
		px := float64(w/vg.Inch*DPI) * float64(h/vg.Inch*DPI)
		if px > maxPixels {
			return fmt.Errorf("viz: image size %v × %v is too large (%.0f pixels)", w, h, px)
		}
	}
	return nil
}

// draw renders p onto c, turning a panic of the plotting library (which it
// uses for some impossible inputs) into an error.
func drawPlot(p *plot.Plot, c draw.Canvas) (err error) {
	if p == nil {
		return errors.New("viz: plot is nil")
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("viz: drawing the plot failed: %v", r)
		}
	}()
	p.Draw(c)
	return nil
}

// PNG renders p as a PNG image of w × h (at DPI pixels per inch; use
// vg.Inch, vg.Centimeter or vg.Points for the units).
func PNG(p *plot.Plot, w, h vg.Length) ([]byte, error) {
	img, err := Image(p, w, h)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("viz: encoding PNG: %v", err)
	}
	return buf.Bytes(), nil
}

// Image renders p onto a new raster canvas of w × h; its Image method
// gives the pixels.
func Image(p *plot.Plot, w, h vg.Length) (*vgimg.Canvas, error) {
	if err := checkSize(w, h, true); err != nil {
		return nil, err
	}
	c := vgimg.New(w, h)
	if err := drawPlot(p, draw.New(c)); err != nil {
		return nil, err
	}
	return c, nil
}

// SVG renders p as an SVG document of w × h.
func SVG(p *plot.Plot, w, h vg.Length) ([]byte, error) {
	if err := checkSize(w, h, false); err != nil {
		return nil, err
	}
	c := vgsvg.New(w, h)
	if err := drawPlot(p, draw.New(c)); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("viz: encoding SVG: %v", err)
	}
	return buf.Bytes(), nil
}

// GIF renders the frames as an animated GIF of w × h that loops forever,
// showing each frame for delay (rounded to hundredths of a second, at least
// one). Colours are mapped to the nearest colour of the Plan 9 palette,
// without dithering, which keeps lines and text crisp.
func GIF(frames []*plot.Plot, w, h vg.Length, delay time.Duration) ([]byte, error) {
	if len(frames) == 0 {
		return nil, errors.New("viz: GIF: no frames")
	}
	if delay < 0 {
		return nil, fmt.Errorf("viz: GIF: negative delay %v", delay)
	}
	if err := checkSize(w, h, true); err != nil {
		return nil, err
	}
	if px := float64(w/vg.Inch*DPI) * float64(h/vg.Inch*DPI) * float64(len(frames)); px > 20*maxPixels {
		return nil, fmt.Errorf("viz: GIF: %d frames of %v × %v are too many pixels", len(frames), w, h)
	}
	d := max(1, int((delay+5*time.Millisecond)/(10*time.Millisecond)))
	anim := &gif.GIF{LoopCount: 0}
	for i, fr := range frames {
		if fr == nil {
			return nil, fmt.Errorf("viz: GIF: frame %d is nil", i)
		}
		c, err := Image(fr, w, h)
		if err != nil {
			return nil, fmt.Errorf("viz: GIF: frame %d: %w", i, err)
		}
		src := c.Image()
		pal := image.NewPaletted(src.Bounds(), palette.Plan9)
		stddraw.Draw(pal, src.Bounds(), src, src.Bounds().Min, stddraw.Src)
		anim.Image = append(anim.Image, pal)
		anim.Delay = append(anim.Delay, d)
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, anim); err != nil {
		return nil, fmt.Errorf("viz: GIF: %v", err)
	}
	return buf.Bytes(), nil
}
