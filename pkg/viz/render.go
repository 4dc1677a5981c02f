package viz

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/color/palette"
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
	if needsLabelFix(p) {
		drawDetached(p, c)
		return nil
	}
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
	imgs := make([]image.Image, len(frames))
	for i, fr := range frames {
		if fr == nil {
			return nil, fmt.Errorf("viz: GIF: frame %d is nil", i)
		}
		c, err := Image(fr, w, h)
		if err != nil {
			return nil, fmt.Errorf("viz: GIF: frame %d: %w", i, err)
		}
		imgs[i] = c.Image()
	}
	return EncodeGIF(imgs, delay)
}

// EncodeGIF encodes images as an animated GIF that loops forever, showing
// each for delay (rounded to GIF's 1/100 s, at least 1/100 s). Colours are
// mapped to the nearest colour of the Plan 9 palette (as draw.Draw does,
// without dithering) through a cache of the colours already seen: frames of
// one plot repeat a few thousand colours, so this is many times faster than
// a palette search per pixel, with the same pixels. Every frame after the first stores only the
// rectangle that changed, which keeps animations of plots small.
func EncodeGIF(frames []image.Image, delay time.Duration) ([]byte, error) {
	if len(frames) == 0 {
		return nil, errors.New("viz: EncodeGIF: no frames")
	}
	if delay < 0 {
		return nil, fmt.Errorf("viz: EncodeGIF: negative delay %v", delay)
	}
	d := max(1, int((delay+5*time.Millisecond)/(10*time.Millisecond)))
	anim := &gif.GIF{LoopCount: 0}
	cache := map[color.RGBA]uint8{}
	var prev *image.Paletted
	for i, src := range frames {
		if src == nil {
			return nil, fmt.Errorf("viz: EncodeGIF: frame %d is nil", i)
		}
		pal := toPlan9(src, cache)
		frame := pal
		if prev != nil && prev.Rect == pal.Rect {
			frame = pal.SubImage(changedRect(prev, pal)).(*image.Paletted)
		}
		prev = pal
		anim.Image = append(anim.Image, frame)
		anim.Delay = append(anim.Delay, d)
		anim.Disposal = append(anim.Disposal, gif.DisposalNone)
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, anim); err != nil {
		return nil, fmt.Errorf("viz: EncodeGIF: %v", err)
	}
	return buf.Bytes(), nil
}

// toPlan9 maps src to the Plan 9 palette, pixel by pixel, to the nearest
// colour (color.Palette.Index, the search draw.Draw makes without
// dithering), looking colours up in cache first and adding new ones to it.
func toPlan9(src image.Image, cache map[color.RGBA]uint8) *image.Paletted {
	b := src.Bounds()
	pal := color.Palette(palette.Plan9)
	dst := image.NewPaletted(b, pal)
	rgba, _ := src.(*image.RGBA)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			var c color.RGBA
			if rgba != nil {
				c = rgba.RGBAAt(x, y)
			} else {
				c = color.RGBAModel.Convert(src.At(x, y)).(color.RGBA)
			}
			k, ok := cache[c]
			if !ok {
				k = uint8(pal.Index(c))
				cache[c] = k
			}
			dst.Pix[dst.PixOffset(x, y)] = k
		}
	}
	return dst
}

// changedRect returns the smallest rectangle holding every pixel that differs
// between a and b (same bounds), or a 1×1 rectangle if none does.
func changedRect(a, b *image.Paletted) image.Rectangle {
	r := b.Rect
	x0, y0, x1, y1 := r.Max.X, r.Max.Y, r.Min.X, r.Min.Y
	for y := r.Min.Y; y < r.Max.Y; y++ {
		ra := a.Pix[a.PixOffset(r.Min.X, y):][:r.Dx()]
		rb := b.Pix[b.PixOffset(r.Min.X, y):][:r.Dx()]
		for i := range rb {
			if ra[i] != rb[i] {
				x := r.Min.X + i
				x0, x1 = min(x0, x), max(x1, x+1)
				y0, y1 = min(y0, y), max(y1, y+1)
			}
		}
	}
	if x0 >= x1 {
		return image.Rect(r.Min.X, r.Min.Y, r.Min.X+1, r.Min.Y+1)
	}
	return image.Rect(x0, y0, x1, y1)
}
