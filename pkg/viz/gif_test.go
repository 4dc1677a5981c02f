package viz

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"testing"
	"time"
)

func TestEncodeGIFMinimumDelay(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.White)
	b, err := EncodeGIF([]image.Image{img}, 0)
	if err != nil {
		t.Fatal(err)
	}
	g, err := gif.DecodeAll(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if g.Delay[0] != 1 {
		t.Fatalf("delay = %d, want 1", g.Delay[0])
	}
	if _, err := EncodeGIF(nil, time.Second); err == nil {
		t.Fatal("EncodeGIF(nil) did not fail")
	}
}

// Frames after the first store only what changed, and decode back to the
// same pictures.
func TestEncodeGIFDeltaFrames(t *testing.T) {
	a := image.NewRGBA(image.Rect(0, 0, 20, 10))
	draw.Draw(a, a.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	b := image.NewRGBA(a.Bounds())
	draw.Draw(b, b.Bounds(), a, image.Point{}, draw.Src)
	b.Set(5, 3, color.Black)
	b.Set(7, 6, color.Black)
	data, err := EncodeGIF([]image.Image{a, b, b}, 10*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	g, err := gif.DecodeAll(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := g.Image[1].Bounds(), image.Rect(5, 3, 8, 7); got != want {
		t.Errorf("frame 1 bounds = %v, want %v", got, want)
	}
	if got := g.Image[2].Bounds(); got.Dx()*got.Dy() != 1 {
		t.Errorf("unchanged frame 2 bounds = %v, want 1 pixel", got)
	}
	// Compose frame 1 over frame 0, as a viewer does, and compare with b.
	canvas := image.NewRGBA(a.Bounds())
	draw.Draw(canvas, canvas.Bounds(), g.Image[0], image.Point{}, draw.Src)
	draw.Draw(canvas, g.Image[1].Bounds(), g.Image[1], g.Image[1].Bounds().Min, draw.Src)
	for y := 0; y < 10; y++ {
		for x := 0; x < 20; x++ {
			r1, g1, b1, _ := canvas.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 {
				t.Fatalf("pixel (%d,%d) = %v, want %v", x, y, canvas.At(x, y), b.At(x, y))
			}
		}
	}
}
