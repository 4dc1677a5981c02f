package exercises

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/optlab/optlab/pkg/gd"
	"github.com/optlab/optlab/pkg/optim"
)

// textbookAdam is Adam as the paper writes it.
func textbookAdam(x, g, m, v []float64, t int, lr, b1, b2, eps float64) {
	for i := range x {
		m[i] = b1*m[i] + (1-b1)*g[i]
		v[i] = b2*v[i] + (1-b2)*g[i]*g[i]
		mh := m[i] / (1 - math.Pow(b1, float64(t)))
		vh := v[i] / (1 - math.Pow(b2, float64(t)))
		x[i] -= lr * mh / (math.Sqrt(vh) + eps)
	}
}

func TestCheckAdamStep(t *testing.T) {
	ok, out := run(t, func() bool { return CheckAdamStep(textbookAdam) })
	if !ok || !strings.Contains(out, "PASS: Adam update") {
		t.Errorf("the textbook Adam failed:\n%s", out)
	}
	wrong := map[string]AdamStepFunc{
		"stub": func(x, g, m, v []float64, t int, lr, b1, b2, eps float64) {},
		"no bias correction": func(x, g, m, v []float64, t int, lr, b1, b2, eps float64) {
			for i := range x {
				m[i] = b1*m[i] + (1-b1)*g[i]
				v[i] = b2*v[i] + (1-b2)*g[i]*g[i]
				x[i] -= lr * m[i] / (math.Sqrt(v[i]) + eps)
			}
		},
		"ε inside the root": func(x, g, m, v []float64, t int, lr, b1, b2, eps float64) {
			for i := range x {
				m[i] = b1*m[i] + (1-b1)*g[i]
				v[i] = b2*v[i] + (1-b2)*g[i]*g[i]
				mh := m[i] / (1 - math.Pow(b1, float64(t)))
				vh := v[i] / (1 - math.Pow(b2, float64(t)))
				x[i] -= lr * mh / math.Sqrt(vh+eps)
			}
		},
		"panics": func(x, g, m, v []float64, t int, lr, b1, b2, eps float64) { _ = x[len(x)] },
	}
	for name, f := range wrong {
		ok, out := run(t, func() bool { return CheckAdamStep(f) })
		if ok || !strings.Contains(out, "FAIL: Adam update") || !strings.Contains(out, "hint") && name != "panics" {
			t.Errorf("%s: passed or gave no hint:\n%s", name, out)
		}
	}
	if ok, _ := run(t, func() bool { return CheckAdamStep(nil) }); ok {
		t.Error("nil passed")
	}
}

// bisectLR is the reference solution: bisection on η between a rate at
// which the loss does not grow in 400 steps and one at which it does.
func bisectLR(p optim.Problem, x0 []float64) float64 {
	// lo: a rate that does not diverge (f does not grow); hi: one that does.
	stable := func(lr float64) bool {
		r, err := optim.Minimize(context.Background(), p, x0, &optim.Settings{MaxIter: 400, GTol: 1e-300, Record: true}, &gd.Method{LR: lr})
		return err == nil && len(r.Path) > 0 && optim.IsFinite(r.Path[len(r.Path)-1].F) && r.Path[len(r.Path)-1].F <= r.Path[0].F
	}
	lo, hi := 0.0, 1.0
	for stable(hi) {
		lo, hi = hi, 10*hi
	}
	for hi-lo > 1e-4*hi {
		if mid := (lo + hi) / 2; stable(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

func TestCheckLargestStableLR(t *testing.T) {
	ok, out := run(t, func() bool { return CheckLargestStableLR(bisectLR) })
	if !ok {
		t.Errorf("bisection failed:\n%s", out)
	}
	for name, f := range map[string]StableLRFunc{
		"stub":   func(optim.Problem, []float64) float64 { return 0 },
		"1/L":    func(optim.Problem, []float64) float64 { return 0.04 },
		"panics": func(p optim.Problem, x []float64) float64 { return x[10] },
		"loops": func(p optim.Problem, x []float64) float64 {
			g := make([]float64, len(x))
			for {
				p.Grad(g, x)
			}
		},
	} {
		ok, out := run(t, func() bool { return CheckLargestStableLR(f) })
		if ok || !strings.Contains(out, "FAIL") {
			t.Errorf("%s passed:\n%s", name, out)
		}
	}
}
