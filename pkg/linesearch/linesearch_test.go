package linesearch

import (
	"context"
	"math"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/optlab/optlab/pkg/optim"
)

// probe is a test method that runs fn on the Task.
type probe struct{ fn func(t *optim.Task) }

func (probe) Info() optim.Info { return optim.Info{Name: "probe", Gradient: true} }
func (m probe) Run(t *optim.Task) error {
	m.fn(t)
	t.Finish(optim.Converged, "done")
	return nil
}

// onLine runs search on p from x0 along dir and returns its result and the
// task's counts (NFev, NGev).
func onLine(t *testing.T, p optim.Problem, x0, dir []float64, search func(*Line) Result) (Result, *optim.Result) {
	t.Helper()
	var r Result
	res, err := optim.Minimize(context.Background(), p, x0, nil, probe{func(tk *optim.Task) {
		g := make([]float64, len(x0))
		f := tk.FuncGrad(g, tk.X0)
		r = search(New(tk, tk.X0, f, g, dir))
		if r.X != nil {
			r.X = append([]float64(nil), r.X...)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	return r, res
}

// scalar makes a 1-D problem from φ and φ′.
func scalar(f, df func(a float64) float64) optim.Problem {
	return optim.Problem{Func: func(x []float64) float64 { return f(x[0]) },
		Grad: func(g, x []float64) { g[0] = df(x[0]) }}
}

// The line-search test functions of Moré & Thuente (1994), used by Nocedal
// & Wright to test Alg. 3.5/3.6, as φ(α) on x = α, p = 1.
func moreThuente() []struct {
	name  string
	f, df func(float64) float64
} {
	yanai := func(b1, b2 float64) (func(float64) float64, func(float64) float64) {
		g := func(b float64) float64 { return math.Sqrt(1+b*b) - b }
		return func(a float64) float64 {
				return g(b1)*math.Sqrt((1-a)*(1-a)+b2*b2) + g(b2)*math.Sqrt(a*a+b1*b1)
			}, func(a float64) float64 {
				return -g(b1)*(1-a)/math.Sqrt((1-a)*(1-a)+b2*b2) + g(b2)*a/math.Sqrt(a*a+b1*b1)
			}
	}
	const b3, l = 0.01, 39.0
	f4, d4 := yanai(0.001, 0.001)
	f5, d5 := yanai(0.01, 0.001)
	f6, d6 := yanai(0.001, 0.01)
	return []struct {
		name  string
		f, df func(float64) float64
	}{
		{"MT1 -a/(a²+2)", func(a float64) float64 { return -a / (a*a + 2) },
			func(a float64) float64 { return (a*a - 2) / ((a*a + 2) * (a*a + 2)) }},
		{"MT2 (a+b)^5-2(a+b)^4", func(a float64) float64 { b := a + 0.004; return math.Pow(b, 5) - 2*math.Pow(b, 4) },
			func(a float64) float64 { b := a + 0.004; return 5*math.Pow(b, 4) - 8*math.Pow(b, 3) }},
		{"MT3 wiggly", func(a float64) float64 {
			var p float64
			switch {
			case a <= 1-b3:
				p = 1 - a
			case a >= 1+b3:
				p = a - 1
			default:
				p = (a-1)*(a-1)/(2*b3) + b3/2
			}
			return p + 2*(1-b3)/(l*math.Pi)*math.Sin(l*math.Pi*a/2)
		}, func(a float64) float64 {
			var d float64
			switch {
			case a <= 1-b3:
				d = -1
			case a >= 1+b3:
				d = 1
			default:
				d = (a - 1) / b3
			}
			return d + (1-b3)*math.Cos(l*math.Pi*a/2)
		}},
		{"MT4 Yanai", f4, d4},
		{"MT5 Yanai", f5, d5},
		{"MT6 Yanai", f6, d6},
	}
}

func TestStrongWolfeOnMoreThuente(t *testing.T) {
	for _, fn := range moreThuente() {
		for _, c2 := range []float64{0.1, 0.9} {
			for _, a0 := range []float64{1e-3, 1e-1, 10, 1e3} {
				w := StrongWolfe{C2: c2}
				r, res := onLine(t, scalar(fn.f, fn.df), []float64{0}, []float64{1}, func(l *Line) Result { return w.Search(l, a0) })
				if r.Reason != OK {
					t.Errorf("%s c2=%g α0=%g: %s", fn.name, c2, a0, r.Message())
					continue
				}
				phi0, d0 := fn.f(0), fn.df(0)
				if r.F > phi0+1e-4*r.Alpha*d0 || math.Abs(fn.df(r.Alpha)) > c2*math.Abs(d0) {
					t.Errorf("%s c2=%g α0=%g: α = %g violates strong Wolfe: φ = %g, φ′ = %g (φ′(0) = %g)", fn.name, c2, a0, r.Alpha, r.F, fn.df(r.Alpha), d0)
				}
				if r.G == nil || r.G[0] != fn.df(r.Alpha) || r.X[0] != r.Alpha {
					t.Errorf("%s: G/X not those of the accepted point", fn.name)
				}
				// Counts: the search's plus FuncGrad at x0 are the task's.
				if res.NFev != r.NFunc+1 || res.NGev != r.NGrad+1 {
					t.Errorf("%s: counts %d f, %d g; task %d f, %d g", fn.name, r.NFunc, r.NGrad, res.NFev, res.NGev)
				}
				t.Logf("%s c2=%.1f α0=%-6g α=%-10.4g nf=%d ng=%d", fn.name, c2, a0, r.Alpha, r.NFunc, r.NGrad)
			}
		}
	}
}

// Wolfe on a multi-dimensional function, with finite-difference gradients:
// the counts then include the N probes of each φ′.
func TestStrongWolfeRosenbrockFD(t *testing.T) {
	p := optim.Problem{Func: func(x []float64) float64 {
		a, b := x[1]-x[0]*x[0], 1-x[0]
		return 100*a*a + b*b
	}}
	x0 := []float64{-1.2, 1}
	var gx [2]float64
	_ = gx
	r, res := onLine(t, p, x0, []float64{1, 0.5}, func(l *Line) Result { return StrongWolfe{}.Search(l, 1) })
	// At x0 the gradient is (−215.6, −88): p = (1, 0.5) is a descent direction.
	if r.Reason != OK {
		t.Fatal(r.Message())
	}
	if res.NFev != 3+r.NFunc+2*r.NGrad || res.NGev != 0 {
		t.Errorf("FD counts: search %d f %d g, task %d f", r.NFunc, r.NGrad, res.NFev)
	}
	if d := floats.Dot(r.G, []float64{1, 0.5}); math.Abs(d) > 0.9*(215.6+44) {
		t.Errorf("curvature condition: φ′ = %g", d)
	}
}

func TestArmijo(t *testing.T) {
	sq := optim.Problem{Func: func(x []float64) float64 { return x[0] * x[0] }, Grad: func(g, x []float64) { g[0] = 2 * x[0] }}
	// φ(α) = (1 − 2α)²: α = 1 gives 1 (no decrease), α = ½ gives 0.
	r, res := onLine(t, sq, []float64{1}, []float64{-2}, func(l *Line) Result { return Armijo{}.Search(l, 1) })
	if r.Reason != OK || r.Alpha != 0.5 || r.F != 0 || r.NFunc != 2 || r.NGrad != 0 || r.G != nil || res.NFev != 3 {
		t.Errorf("Armijo: %+v, task nfev %d", r, res.NFev)
	}
	// ρ = 0.1 from α = 1: 1 → 0.1 (φ = 0.64 ≤ 1 − 1e-4·0.1·4): 2 evaluations.
	r, _ = onLine(t, sq, []float64{1}, []float64{-2}, func(l *Line) Result { return Armijo{Rho: 0.1}.Search(l, 1) })
	if r.Reason != OK || math.Abs(r.Alpha-0.1) > 1e-15 || r.NFunc != 2 {
		t.Errorf("Armijo ρ=0.1: %+v", r)
	}
}

func TestFailures(t *testing.T) {
	sq := optim.Problem{Func: func(x []float64) float64 { return x[0] * x[0] }, Grad: func(g, x []float64) { g[0] = 2 * x[0] }}
	searches := map[string]func(*Line) Result{
		"armijo": func(l *Line) Result { return Armijo{}.Search(l, 1) },
		"wolfe":  func(l *Line) Result { return StrongWolfe{}.Search(l, 1) },
		"exact":  func(l *Line) Result { return Exact(l, mat.NewSymDense(1, []float64{2})) },
	}
	for name, s := range searches {
		// p = +g: uphill.
		r, res := onLine(t, sq, []float64{1}, []float64{1}, s)
		if r.Reason != NotDescent || r.X != nil || !math.IsNaN(r.F) || res.NFev != 1 || r.Reason.Status() != optim.LineSearchFailure {
			t.Errorf("%s uphill: %+v", name, r)
		}
		// NaN at x0.
		nan := optim.Problem{Func: func(x []float64) float64 { return math.NaN() }, Grad: func(g, x []float64) { g[0] = math.NaN() }}
		r, _ = onLine(t, nan, []float64{1}, []float64{-1}, s)
		if r.Reason != NonFinite || r.Reason.Status() != optim.NonFinite {
			t.Errorf("%s NaN: %+v", name, r)
		}
		// Bounds: x0 on the upper bound, p pointing out.
		b := sq
		b.Lower, b.Upper = []float64{-2}, []float64{1}
		r, _ = onLine(t, b, []float64{1}, []float64{1}, s)
		if r.Reason != NotDescent {
			t.Errorf("%s bound uphill: %+v", name, r)
		}
		lin := optim.Problem{Func: func(x []float64) float64 { return -x[0] }, Grad: func(g, x []float64) { g[0] = -1 }, Lower: []float64{0}, Upper: []float64{1}}
		r, _ = onLine(t, lin, []float64{1}, []float64{1}, s)
		if r.Reason != AtBound || !optim.IsFinite(r.Alpha) {
			t.Errorf("%s at bound: %+v", name, r)
		}
		r, res = onLine(t, lin, []float64{0.5}, []float64{1}, s)
		if name != "exact" && (r.Reason != AtBound || r.Alpha != 0.5 || r.X[0] != 1) {
			t.Errorf("%s capped by the bound: %+v (%v)", name, r, res)
		}
	}
	// A gradient that lies: f increases along the "descent" direction.
	liar := optim.Problem{Func: func(x []float64) float64 { return x[0] }, Grad: func(g, x []float64) { g[0] = -1 }}
	r, _ := onLine(t, liar, []float64{0}, []float64{1}, func(l *Line) Result { return Armijo{MaxTries: 200}.Search(l, 1) })
	if r.Reason != StepTooSmall || r.NFunc > 60 {
		t.Errorf("Armijo liar: %+v", r)
	}
	r, _ = onLine(t, liar, []float64{0}, []float64{1}, func(l *Line) Result { return Armijo{MaxTries: 3}.Search(l, 1) })
	if r.Reason != NoAcceptableStep || r.NFunc != 3 {
		t.Errorf("Armijo max tries: %+v", r)
	}
	r, _ = onLine(t, liar, []float64{0}, []float64{1}, func(l *Line) Result { return StrongWolfe{MaxIter: 200}.Search(l, 1) })
	if r.Reason != StepTooSmall || r.NFunc > 100 {
		t.Errorf("Wolfe liar: %+v", r)
	}
	r, _ = onLine(t, liar, []float64{0}, []float64{1}, func(l *Line) Result { return StrongWolfe{MaxIter: 5}.Search(l, 1) })
	if r.Reason != NoAcceptableStep || r.NFunc != 5 {
		t.Errorf("Wolfe max iter: %+v", r)
	}
	// Non-finite beyond some α is backtracked from.
	wall := optim.Problem{Func: func(x []float64) float64 {
		if x[0] > 0.7 {
			return math.Inf(1)
		}
		return (x[0] - 0.5) * (x[0] - 0.5)
	}, Grad: func(g, x []float64) { g[0] = 2 * (x[0] - 0.5) }}
	for name, s := range map[string]func(*Line) Result{"armijo": searches["armijo"], "wolfe": searches["wolfe"]} {
		r, _ = onLine(t, wall, []float64{0}, []float64{1}, s)
		if r.Reason != OK || !(r.X[0] <= 0.7) {
			t.Errorf("%s wall: %+v", name, r)
		}
	}
	// Exact: negative curvature, and a wrong A.
	r, _ = onLine(t, sq, []float64{1}, []float64{-1}, func(l *Line) Result { return Exact(l, mat.NewSymDense(1, []float64{-2})) })
	if r.Reason != NegativeCurvature || r.Reason.Status() != optim.NotMinimum {
		t.Errorf("exact negative curvature: %+v", r)
	}
	r, _ = onLine(t, sq, []float64{1}, []float64{-1}, func(l *Line) Result { return Exact(l, mat.NewSymDense(1, []float64{0.1})) })
	if r.Reason != NoAcceptableStep {
		t.Errorf("exact with a wrong A: %+v", r)
	}
}

func TestExactQuadratic(t *testing.T) {
	// f = ½ xᵀAx − bᵀx with A SPD 3×3.
	A := mat.NewSymDense(3, []float64{4, 1, 0, 1, 3, 1, 0, 1, 2})
	b := []float64{1, 2, 3}
	p := optim.Problem{
		Func: func(x []float64) float64 {
			v := mat.NewVecDense(3, x)
			return 0.5*mat.Inner(v, A, v) - floats.Dot(b, x)
		},
		Grad: func(g, x []float64) {
			gv := mat.NewVecDense(3, g)
			gv.MulVec(A, mat.NewVecDense(3, x))
			floats.Sub(g, b)
		},
	}
	x0 := []float64{1, -1, 2}
	g0 := make([]float64, 3)
	p.Grad(g0, x0)
	dir := floats.ScaleTo(make([]float64, 3), -1, g0)
	for name, s := range map[string]func(*Line) Result{
		"A": func(l *Line) Result { return Exact(l, A) },
		"Hv": func(l *Line) Result {
			return ExactHv(l, func(dst, v []float64) { mat.NewVecDense(3, dst).MulVec(A, mat.NewVecDense(3, v)) })
		},
	} {
		r, res := onLine(t, p, x0, dir, s)
		pv := mat.NewVecDense(3, dir)
		want := floats.Dot(g0, g0) / mat.Inner(pv, A, pv)
		if r.Reason != OK || math.Abs(r.Alpha-want) > 1e-15*want || r.NFunc != 1 || r.NGrad != 1 || res.NFev != 2 {
			t.Errorf("%s: %+v, want α = %g", name, r, want)
		}
		if d := floats.Dot(r.G, dir); math.Abs(d) > 1e-12*floats.Dot(g0, g0) {
			t.Errorf("%s: new gradient not orthogonal to p: %g", name, d)
		}
		// The exact step minimizes φ: also strong Wolfe for any c₂.
		if r.F > res.Trace[0] {
			t.Errorf("%s: no decrease", name)
		}
	}
}
