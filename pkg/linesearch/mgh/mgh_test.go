package mgh

import (
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestGradients(t *testing.T) {
	for _, c := range All() {
		n := len(c.X0)
		x := slices.Clone(c.X0)
		for i := range x {
			x[i] += 0.1 * float64(i+1) // away from special points
		}
		if c.Name == "BrownBadlyScaled" { // f ~ 1e12 at x0: differences cancel
			x = []float64{1e6 + 0.3, 2.1e-6}
		}
		g := make([]float64, n)
		c.P.Grad(g, x)
		for i := range n {
			h := 1e-6 * math.Max(1, math.Abs(x[i]))
			xp, xm := slices.Clone(x), slices.Clone(x)
			xp[i] += h
			xm[i] -= h
			fd := (c.P.Func(xp) - c.P.Func(xm)) / (2 * h)
			if math.Abs(fd-g[i]) > 1e-5*math.Max(1, math.Abs(g[i])) {
				t.Errorf("%s: g[%d] = %g, central difference %g", c.Name, i, g[i], fd)
			}
		}
		if c.XMin != nil {
			if f := c.P.Func(c.XMin); math.Abs(f-c.FMin) > 1e-12 {
				t.Errorf("%s: f(xmin) = %g, want %g", c.Name, f, c.FMin)
			}
		}
	}
	r := ExtendedRosenbrock(4)
	x := []float64{-1.1, 0.9, 0.3, 0.2}
	h := mat.NewSymDense(4, nil)
	r.P.Hess(h, x)
	for j := range 4 {
		xp, xm := slices.Clone(x), slices.Clone(x)
		xp[j] += 1e-6
		xm[j] -= 1e-6
		gp, gm := make([]float64, 4), make([]float64, 4)
		r.P.Grad(gp, xp)
		r.P.Grad(gm, xm)
		for i := range 4 {
			if fd := (gp[i] - gm[i]) / 2e-6; math.Abs(fd-h.At(i, j)) > 1e-4*math.Max(1, math.Abs(fd)) {
				t.Errorf("Hess[%d][%d] = %g, fd %g", i, j, h.At(i, j), fd)
			}
		}
	}
	fr := FreudensteinRoth()
	if f := fr.P.Func([]float64{11.4127789, -0.896805253}); math.Abs(f-FreudensteinRothLocal) > 1e-6 {
		t.Errorf("Freudenstein–Roth local minimum value %v", f)
	}
}
