package linesearch

import (
	"math"
	"testing"

	"github.com/optlab/optlab/pkg/optim"
)

// Moré & Thuente's Tables 1–6: their (μ, η) per function, and the number
// of function evaluations their search used from α0 = 1e-3, 1e-1, 10, 1e3.
var mtTables = []struct {
	mu, eta float64
	nf      [4]int
}{
	{0.001, 0.1, [4]int{6, 3, 1, 4}},
	{0.1, 0.1, [4]int{12, 8, 8, 11}},
	{0.1, 0.1, [4]int{12, 12, 10, 13}},
	{0.001, 0.001, [4]int{4, 1, 3, 4}},
	{0.001, 0.001, [4]int{6, 3, 7, 8}},
	{0.001, 0.001, [4]int{13, 11, 8, 11}},
}

func TestMoreThuenteOnMoreThuente(t *testing.T) {
	alpha0 := []float64{1e-3, 1e-1, 10, 1e3}
	for k, fn := range moreThuente() {
		for _, par := range []struct{ c1, c2 float64 }{{mtTables[k].mu, mtTables[k].eta}, {1e-4, 0.1}, {1e-4, 0.9}} {
			for j, a0 := range alpha0 {
				m := MoreThuente{C1: par.c1, C2: par.c2}
				r, res := onLine(t, scalar(fn.f, fn.df), []float64{0}, []float64{1}, func(l *Line) Result { return m.Search(l, a0) })
				if r.Reason != OK {
					t.Errorf("%s c1=%g c2=%g α0=%g: %s", fn.name, par.c1, par.c2, a0, r.Message())
					continue
				}
				phi0, d0 := fn.f(0), fn.df(0)
				if r.F > phi0+par.c1*r.Alpha*d0 || math.Abs(fn.df(r.Alpha)) > par.c2*math.Abs(d0) {
					t.Errorf("%s c1=%g c2=%g α0=%g: α = %g violates strong Wolfe: φ = %g, φ′ = %g (φ′(0) = %g)", fn.name, par.c1, par.c2, a0, r.Alpha, r.F, fn.df(r.Alpha), d0)
				}
				if r.G == nil || r.G[0] != fn.df(r.Alpha) || r.X[0] != r.Alpha {
					t.Errorf("%s: G/X not those of the accepted point", fn.name)
				}
				if r.NFunc != r.NGrad || res.NFev != r.NFunc+1 || res.NGev != r.NGrad+1 {
					t.Errorf("%s: counts %d f, %d g; task %d f, %d g", fn.name, r.NFunc, r.NGrad, res.NFev, res.NGev)
				}
				if par.c1 == mtTables[k].mu && par.c2 == mtTables[k].eta {
					if r.NFunc > mtTables[k].nf[j] {
						t.Errorf("%s α0=%g: %d evaluations, the paper's search %d", fn.name, a0, r.NFunc, mtTables[k].nf[j])
					}
					t.Logf("%s μ=%g η=%g α0=%-6g α=%-10.4g nf=%d (paper %d)", fn.name, par.c1, par.c2, a0, r.Alpha, r.NFunc, mtTables[k].nf[j])
				}
			}
		}
	}
}

func TestMoreThuenteFailures(t *testing.T) {
	sq := optim.Problem{Func: func(x []float64) float64 { return x[0] * x[0] }, Grad: func(g, x []float64) { g[0] = 2 * x[0] }}
	mt := func(m MoreThuente) func(*Line) Result { return func(l *Line) Result { return m.Search(l, 1) } }
	r, res := onLine(t, sq, []float64{1}, []float64{1}, mt(MoreThuente{}))
	if r.Reason != NotDescent || r.X != nil || !math.IsNaN(r.F) || res.NFev != 1 {
		t.Errorf("uphill: %+v", r)
	}
	nan := optim.Problem{Func: func(x []float64) float64 { return math.NaN() }, Grad: func(g, x []float64) { g[0] = math.NaN() }}
	if r, _ = onLine(t, nan, []float64{1}, []float64{-1}, mt(MoreThuente{})); r.Reason != NonFinite || r.Reason.Status() != optim.NonFinite {
		t.Errorf("NaN: %+v", r)
	}
	// φ′ NaN at a trial with a finite φ.
	nang := optim.Problem{Func: sq.Func, Grad: func(g, x []float64) {
		g[0] = 2 * x[0]
		if x[0] != 1 {
			g[0] = math.NaN()
		}
	}}
	if r, _ = onLine(t, nang, []float64{1}, []float64{-1}, mt(MoreThuente{})); r.Reason != NonFinite {
		t.Errorf("NaN φ′: %+v", r)
	}
	lin := optim.Problem{Func: func(x []float64) float64 { return -x[0] }, Grad: func(g, x []float64) { g[0] = -1 }, Lower: []float64{0}, Upper: []float64{1}}
	if r, _ = onLine(t, lin, []float64{1}, []float64{1}, mt(MoreThuente{})); r.Reason != AtBound {
		t.Errorf("at bound: %+v", r)
	}
	if r, _ = onLine(t, lin, []float64{0.5}, []float64{1}, mt(MoreThuente{})); r.Reason != AtBound || r.Alpha != 0.5 || r.X[0] != 1 {
		t.Errorf("capped by the bound: %+v", r)
	}
	// A linear f extrapolates by up to 4× per trial until MaxIter.
	free := optim.Problem{Func: lin.Func, Grad: lin.Grad}
	if r, _ = onLine(t, free, []float64{0}, []float64{1}, mt(MoreThuente{MaxIter: 5})); r.Reason != NoAcceptableStep || r.NFunc != 5 || r.NGrad != 5 {
		t.Errorf("linear: %+v", r)
	}
	// A gradient that lies: f increases along the "descent" direction.
	liar := optim.Problem{Func: func(x []float64) float64 { return x[0] }, Grad: func(g, x []float64) { g[0] = -1 }}
	if r, _ = onLine(t, liar, []float64{0}, []float64{1}, mt(MoreThuente{MaxIter: 200})); r.Reason != StepTooSmall || r.NFunc > 100 {
		t.Errorf("liar: %+v", r)
	}
	if r, _ = onLine(t, liar, []float64{0}, []float64{1}, mt(MoreThuente{MaxIter: 5})); r.Reason != NoAcceptableStep || r.NFunc != 5 {
		t.Errorf("max iter: %+v", r)
	}
	// Non-finite beyond some α is backtracked from.
	wall := optim.Problem{Func: func(x []float64) float64 {
		if x[0] > 0.7 {
			return math.Inf(1)
		}
		return (x[0] - 0.5) * (x[0] - 0.5)
	}, Grad: func(g, x []float64) { g[0] = 2 * (x[0] - 0.5) }}
	if r, _ = onLine(t, wall, []float64{0}, []float64{1}, mt(MoreThuente{})); r.Reason != OK || !(r.X[0] <= 0.7) {
		t.Errorf("wall: %+v", r)
	}
	for _, m := range []MoreThuente{{C1: 0.5, C2: 0.4}, {C2: 1}, {C1: -1}, {MaxIter: -1}} {
		if m.Validate() == nil {
			t.Errorf("%+v: no error", m)
		}
	}
	if (MoreThuente{C2: 0.1}).Validate() != nil {
		t.Error("C2 = 0.1 rejected")
	}
}
