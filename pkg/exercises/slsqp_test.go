package exercises

import (
	"math"
	"strings"
	"testing"

	"github.com/optlab/optlab/pkg/optim"
)

// kktResidual is the reference solution (used by the tests): the largest
// violation of the four KKT conditions.
func kktResidual(p optim.Problem, x, lambda []float64) float64 {
	n := len(x)
	g := make([]float64, n)
	p.Grad(g, x)
	res := 0.0
	cg := make([]float64, n)
	for j, c := range p.Constraints {
		c.Grad(cg, x)
		for i := range g {
			g[i] -= lambda[j] * cg[i]
		}
		v := c.Func(x)
		if c.Kind == optim.Equality {
			res = math.Max(res, math.Abs(v))
			continue
		}
		res = math.Max(res, math.Max(-v, 0))
		res = math.Max(res, math.Max(-lambda[j], 0))
		res = math.Max(res, math.Abs(lambda[j]*v))
	}
	for _, gi := range g {
		res = math.Max(res, math.Abs(gi))
	}
	return res
}

func ineq(f func(x []float64) float64, g func(g, x []float64)) optim.Constraint {
	return optim.Constraint{Kind: optim.Inequality, Func: f, Grad: g}
}

func goodSetup() (optim.Problem, []float64) {
	return optim.Problem{
		Func: func(x []float64) float64 { return (x[0]-2)*(x[0]-2) + (x[1]-1)*(x[1]-1) },
		Grad: func(g, x []float64) { g[0], g[1] = 2*(x[0]-2), 2*(x[1]-1) },
		Constraints: []optim.Constraint{
			ineq(func(x []float64) float64 { return 2 - x[0] - x[1] }, func(g, x []float64) { g[0], g[1] = -1, -1 }),
			ineq(func(x []float64) float64 { return x[1] - x[0]*x[0] }, nil),
		},
	}, []float64{0, 0}
}

func TestCheckConstrainedSetup(t *testing.T) {
	ok, out := run(t, func() bool { return CheckConstrainedSetup(goodSetup) })
	if !ok || !strings.Contains(out, "PASS: constrained") {
		t.Errorf("the right set-up failed:\n%s", out)
	}
	withGrads := func() (optim.Problem, []float64) {
		p, x0 := goodSetup()
		p.Constraints[1].Grad = func(g, x []float64) { g[0], g[1] = -2*x[0], 1 }
		return p, x0
	}
	if ok, out := run(t, func() bool { return CheckConstrainedSetup(withGrads) }); !ok {
		t.Errorf("the right set-up with every gradient failed:\n%s", out)
	}
	flipped := func() (optim.Problem, []float64) {
		p, x0 := goodSetup()
		p.Constraints[0] = ineq(func(x []float64) float64 { return x[0] + x[1] - 2 }, nil)
		return p, x0
	}
	equality := func() (optim.Problem, []float64) {
		p, x0 := goodSetup()
		p.Constraints[1].Kind = optim.Equality
		return p, x0
	}
	for name, f := range map[string]SetupFunc{
		"stub":     func() (optim.Problem, []float64) { return optim.Problem{}, nil },
		"flipped":  flipped,
		"equality": equality,
		"one": func() (optim.Problem, []float64) {
			p, x0 := goodSetup()
			p.Constraints = p.Constraints[:1]
			return p, x0
		},
		"panics": func() (optim.Problem, []float64) { var p *optim.Problem; return *p, nil },
	} {
		ok, out := run(t, func() bool { return CheckConstrainedSetup(f) })
		if ok || !strings.Contains(out, "FAIL") {
			t.Errorf("%s passed:\n%s", name, out)
		}
		if name == "flipped" && !strings.Contains(out, "c(x) ≥ 0") {
			t.Errorf("flipped: no sign hint:\n%s", out)
		}
	}
}

func TestCheckKKT(t *testing.T) {
	ok, out := run(t, func() bool { return CheckKKT(kktResidual) })
	if !ok {
		t.Errorf("the reference residual failed:\n%s", out)
	}
	stationarityOnly := func(p optim.Problem, x, l []float64) float64 {
		g := make([]float64, len(x))
		p.Grad(g, x)
		cg := make([]float64, len(x))
		for j, c := range p.Constraints {
			c.Grad(cg, x)
			for i := range g {
				g[i] -= l[j] * cg[i]
			}
		}
		return math.Hypot(g[0], g[1])
	}
	for name, f := range map[string]KKTFunc{
		"stub":         func(optim.Problem, []float64, []float64) float64 { return 0 },
		"stationarity": stationarityOnly,
		"NaN":          func(optim.Problem, []float64, []float64) float64 { return math.NaN() },
		"panics":       func(p optim.Problem, x, l []float64) float64 { return l[5] },
	} {
		ok, out := run(t, func() bool { return CheckKKT(f) })
		if ok || !strings.Contains(out, "FAIL: KKT") {
			t.Errorf("%s passed:\n%s", name, out)
		}
	}
}
