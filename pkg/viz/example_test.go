package viz_test

import (
	"bytes"
	"fmt"
	"image/png"
	"log"

	"github.com/optlab/optlab/pkg/viz"
	"gonum.org/v1/plot/vg"
)

// Plot how the error of two methods falls, and render the plot as a PNG
// image into memory (write it to a file, or show it with nbshow.PNG).
func Example() {
	bisection := make([]float64, 30) // error halves every step
	newton := []float64{0.5, 0.1, 4e-3, 6e-6, 1e-11, 0}
	e := 1.0
	for k := range bisection {
		bisection[k] = e
		e /= 2
	}
	p, err := viz.Convergence("Error per iteration", "|x_k − x*|",
		viz.Series{Name: "bisection", Y: bisection},
		viz.Series{Name: "Newton", Y: newton},
	)
	if err != nil {
		log.Fatal(err)
	}
	b, err := viz.PNG(p, 6*vg.Inch, 4*vg.Inch)
	if err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer
	buf.Write(b)
	img, err := png.Decode(&buf)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("PNG size:", img.Bounds().Dx(), "x", img.Bounds().Dy())
	// Output:
	// PNG size: 576 x 384
}
