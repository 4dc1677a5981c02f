package exercises

import (
	"context"
	"math"

	"github.com/optlab/optlab/pkg/onedim"
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
)

// budget is the most evaluations a checked function may make in one case.
const budget = 10000

// overLoop is the message of a 1-D checker past its budget.
const overLoop = "more than %d evaluations: does your loop stop?"

// scalarCase is a hidden test case of a 1-D checker.
type scalarCase struct {
	name       string
	f, df      func(float64) float64
	a, b, tol  float64
	xmin       float64
	x0, x1     float64
	ok         bool // bisection: should it find a minimum?
	noSignHint string
}

func quartic() problems.Scalar { return problems.Poly() }

// CheckGolden checks a golden-section search written by the student,
//
//	golden(f, a, b, tol) (x float64, n int)
//
// which must return a point x within tol of the minimizer of a unimodal f
// on [a, b] and the number n of evaluations of f it made. The hidden cases
// test the minimizer (including the case where the original MATLAB loop's
// wrong branch loses it, and a minimizer at an end), that n is the true
// count and at most N + 2 where N = ⌈log(tol/(b−a))/log(0.618)⌉ is the
// number of iterations (N + 1 is golden section's count: one new point per
// iteration), and that a > b is handled: either the ends are swapped, or
// the function returns NaN, 0 without evaluating f.
func CheckGolden(golden func(f func(float64) float64, a, b, tol float64) (x float64, n int)) bool {
	r := &checker{name: "CheckGolden"}
	if golden == nil {
		r.fail("pass your function, e.g. exercises.CheckGolden(myGolden)", "no function")
		return r.done()
	}
	q := quartic()
	cases := []scalarCase{
		{name: "quartic on [0, 2]", f: q.F, a: 0, b: 2, tol: 1e-6, xmin: q.XMin},
		{name: "(x−1)² on [0, 3]", f: func(x float64) float64 { return (x - 1) * (x - 1) }, a: 0, b: 3, tol: 1e-7, xmin: 1},
		{name: "cos on [0, 2π]", f: math.Cos, a: 0, b: 2 * math.Pi, tol: 1e-5, xmin: math.Pi},
		{name: "e⁻ˣ on [0, 1] (minimum at the end b)", f: func(x float64) float64 { return math.Exp(-x) }, a: 0, b: 1, tol: 1e-6, xmin: 1},
	}
	for _, c := range cases {
		f, calls := counted(c.f, budget, overLoop)
		var x float64
		var n int
		if msg := safely(func() { x, n = golden(f, c.a, c.b, c.tol) }); msg != "" {
			r.fail("", "%s: %s", c.name, msg)
			continue
		}
		iters := int(math.Ceil(math.Log(c.tol/(c.b-c.a)) / math.Log(1-onedim.Rho)))
		switch err := math.Abs(x - c.xmin); {
		case math.IsNaN(x):
			r.fail("return the best point of the final bracket", "%s: x = NaN", c.name)
		case err > 1.01*c.tol:
			r.fail("keep [a, d] when f(c) < f(d) and [c, b] otherwise: the other part can hold the minimizer",
				"%s: x = %.10g is %.2g from the minimizer %.10g (tol %g)", c.name, x, err, c.xmin, c.tol)
		case *calls < 2:
			r.fail("evaluate f: golden section compares f at two interior points", "%s: f was called %d times", c.name, *calls)
		case n != *calls:
			r.fail("count every call of f, the two first points included",
				"%s: you report n = %d evaluations but f was called %d times", c.name, n, *calls)
		case *calls > iters+2:
			r.fail("one of the two interior points survives each comparison at a golden position: reuse it and its f value, evaluate only the new point",
				"%s: %d evaluations; golden section needs %d (%d iterations + 1)", c.name, *calls, iters+1, iters)
		default:
			r.ok("%s: x = %.10g (error %.1e), %d evaluations (%d iterations + 1 = %d)", c.name, x, err, *calls, iters, iters+1)
		}
	}
	// Bad input: a > b.
	f, calls := counted(q.F, budget, overLoop)
	var x float64
	var n int
	msg := safely(func() { x, n = golden(f, 2, 0, 1e-6) })
	const hint = "with a > b, swap the ends (or return NaN, 0 before evaluating f)"
	switch {
	case msg != "":
		r.fail(hint, "a > b: golden(f, 2, 0, 1e-6): %s", msg)
	case math.IsNaN(x) && n == 0 && *calls == 0:
		r.ok("a > b: golden(f, 2, 0, 1e-6) refuses: NaN, 0 evaluations")
	case math.Abs(x-q.XMin) <= 1.01e-6 && n == *calls:
		r.ok("a > b: golden(f, 2, 0, 1e-6) swaps the ends: x = %.8f", x)
	default:
		r.fail(hint, "a > b: golden(f, 2, 0, 1e-6) returned x = %v, n = %d (f called %d times); the minimizer is %.8f", x, n, *calls, q.XMin)
	}
	return r.done()
}

// CheckGoldenIterations checks iterations(a, b, tol), the number of
// golden-section iterations needed to shrink [a, b] to a bracket at most
// tol wide, against what onedim.Golden does.
func CheckGoldenIterations(iterations func(a, b, tol float64) int) bool {
	r := &checker{name: "CheckGoldenIterations"}
	if iterations == nil {
		r.fail("pass your function", "no function")
		return r.done()
	}
	for _, c := range [][3]float64{{0, 2, 1e-8}, {0, 1, 0.5}, {0, 1, 0.7}, {-5, 5, 1e-3}, {3, 4, 1e-6}} {
		a, b, tol := c[0], c[1], c[2]
		p := onedim.Problem(func(x float64) float64 { return (x - a) * (x - b) }, nil, nil, a, b)
		res, err := optim.Minimize(context.Background(), p, nil, &optim.Settings{XTol: tol}, &onedim.Golden{})
		if err != nil {
			r.fail("", "internal: %v", err)
			continue
		}
		var got int
		if msg := safely(func() { got = iterations(a, b, tol) }); msg != "" {
			r.fail("", "[%g, %g], tol %g: %s", a, b, tol, msg)
			continue
		}
		if got != res.NIt {
			r.fail("the width after n iterations is (1−ρ)ⁿ(b−a); solve (1−ρ)ⁿ(b−a) ≤ tol for the smallest integer n (math.Ceil, and mind the sign of log(1−ρ))",
				"[%g, %g], tol %g: you say %d iterations, golden section takes %d", a, b, tol, got, res.NIt)
			continue
		}
		r.ok("[%g, %g], tol %g: %d iterations", a, b, tol, got)
	}
	return r.done()
}

// CheckBracket checks classify(ga, gb), which says what an interval [a, b]
// with f′(a) = ga and f′(b) = gb brackets, as onedim.Bisection decides it:
// "minimum" if f′(a) ≤ 0 ≤ f′(b) (an end where f′ = 0 is allowed),
// "maximum" if f′(a) > 0 > f′(b), and "none" otherwise (no sign change, or
// a NaN).
func CheckBracket(classify func(ga, gb float64) string) bool {
	r := &checker{name: "CheckBracket"}
	if classify == nil {
		r.fail("pass your function", "no function")
		return r.done()
	}
	nan := math.NaN()
	cases := []struct {
		ga, gb float64
		want   string
		hint   string
	}{
		{-1, 2, "minimum", "f falls at a and rises at b: a minimum lies between"},
		{-3, 0.5, "minimum", ""},
		{0, 3, "minimum", "an end where f′ = 0 counts: f′(a) ≤ 0 ≤ f′(b)"},
		{-2, 0, "minimum", "an end where f′ = 0 counts: f′(a) ≤ 0 ≤ f′(b)"},
		{1, -1, "maximum", "f rises at a and falls at b: that brackets a maximum"},
		{1, 2, "none", "f′ > 0 at both ends: no sign change"},
		{-1, -3, "none", "f′ < 0 at both ends: no sign change"},
		{nan, 1, "none", "a NaN compares false with everything: test the good cases explicitly, let everything else be \"none\""},
		{-1, nan, "none", "a NaN compares false with everything: test the good cases explicitly, let everything else be \"none\""},
	}
	for _, c := range cases {
		var got string
		if msg := safely(func() { got = classify(c.ga, c.gb) }); msg != "" {
			r.fail("", "f′(a) = %v, f′(b) = %v: %s", c.ga, c.gb, msg)
			continue
		}
		if got != c.want {
			r.fail(c.hint, "f′(a) = %v, f′(b) = %v: you say %q, want %q", c.ga, c.gb, got, c.want)
			continue
		}
		r.ok("f′(a) = %v, f′(b) = %v: %s", c.ga, c.gb, got)
	}
	return r.done()
}

// CheckBisection checks a bisection on f′ written by the student,
//
//	bisect(df, a, b, tol) (x float64, ok bool)
//
// which must check the sign change first (ok = false, after at most the
// two evaluations at the ends, if f′(a) ≤ 0 ≤ f′(b) fails) and otherwise
// halve [a, b] until it is at most tol wide and return its midpoint, within
// tol/2 of the stationary point, with about ⌈log₂((b−a)/tol)⌉ + 2
// evaluations of f′.
func CheckBisection(bisect func(df func(float64) float64, a, b, tol float64) (x float64, ok bool)) bool {
	r := &checker{name: "CheckBisection"}
	if bisect == nil {
		r.fail("pass your function", "no function")
		return r.done()
	}
	q := quartic()
	sign := func(x float64) float64 {
		if x == 0.3 {
			return 0
		}
		return math.Copysign(1, x-0.3)
	}
	neg := func(x float64) float64 { return -math.Sin(x) }
	cases := []scalarCase{
		{name: "quartic's f′ on [0, 2]", df: q.DF, a: 0, b: 2, tol: 1e-10, xmin: q.XMin, ok: true},
		{name: "cos′ = −sin on [2, 4]", df: neg, a: 2, b: 4, tol: 1e-9, xmin: math.Pi, ok: true},
		{name: "|x − 0.3|′ = sign(x − 0.3) on [−1, 2] (a kink)", df: sign, a: -1, b: 2, tol: 1e-9, xmin: 0.3, ok: true},
		{name: "cos′ on [0, 2π] (f′(0) = 0 at a maximum)", df: neg, a: 0, b: 2 * math.Pi, tol: 1e-9, xmin: math.Pi, ok: true},
		{name: "eˣ on [0, 1]: f′ = eˣ > 0, no sign change", df: math.Exp, a: 0, b: 1, tol: 1e-9, ok: false,
			noSignHint: "check f′(a) ≤ 0 ≤ f′(b) before the loop and return ok = false if it fails"},
		{name: "quartic's f′ on [2, 5]: + to −, a maximum", df: q.DF, a: 2, b: 5, tol: 1e-9, ok: false,
			noSignHint: "f′(a) > 0 > f′(b) brackets a MAXIMUM: return ok = false"},
	}
	for _, c := range cases {
		df, calls := counted(c.df, budget, overLoop)
		var x float64
		var ok bool
		if msg := safely(func() { x, ok = bisect(df, c.a, c.b, c.tol) }); msg != "" {
			r.fail("", "%s: %s", c.name, msg)
			continue
		}
		if !c.ok {
			switch {
			case ok:
				r.fail(c.noSignHint, "%s: you return ok = true (x = %v)", c.name, x)
			case *calls == 0:
				r.fail("evaluate f′(a) and f′(b) to find out", "%s: ok = false without evaluating f′", c.name)
			case *calls > 2:
				r.fail("decide from f′(a) and f′(b) alone, before the loop", "%s: ok = false, but after %d evaluations of f′", c.name, *calls)
			default:
				r.ok("%s: ok = false after %d evaluations", c.name, *calls)
			}
			continue
		}
		n := int(math.Ceil(math.Log2((c.b - c.a) / c.tol)))
		switch err := math.Abs(x - c.xmin); {
		case !ok:
			r.fail("f′(a) ≤ 0 ≤ f′(b) holds here (an end with f′ = 0 is allowed)", "%s: you return ok = false", c.name)
		case !(err <= 0.51*c.tol):
			r.fail("f′(m) < 0: the minimizer is right of m, keep [m, b]; f′(m) > 0: keep [a, m]; return the midpoint of the final bracket",
				"%s: x = %.12g is %.2g from %.12g (tol %g)", c.name, x, err, c.xmin, c.tol)
		case *calls > n+3:
			r.fail("one evaluation of f′ per halving (at the midpoint), plus the two ends at the start",
				"%s: %d evaluations of f′, bisection needs %d (%d halvings + 2)", c.name, *calls, n+2, n)
		default:
			r.ok("%s: x = %.12g (error %.1e), %d evaluations of f′", c.name, x, err, *calls)
		}
	}
	return r.done()
}

// CheckNewtonStep checks step(g, h), the Newton step for f′(x) = g and
// f″(x) = h: s = −g/h with ok = true where the quadratic model has a
// minimum (h > 0), and ok = false where it has none (h ≤ 0: the step would
// head for a maximum, or is undefined).
func CheckNewtonStep(step func(g, h float64) (s float64, ok bool)) bool {
	r := &checker{name: "CheckNewtonStep"}
	if step == nil {
		r.fail("pass your function", "no function")
		return r.done()
	}
	cases := []struct {
		g, h, s float64
		ok      bool
	}{
		{2, 4, -0.5, true}, {-3, 1, 3, true}, {0, 5, 0, true}, {1e-3, 1e3, -1e-6, true},
		{1, -2, 0, false}, {-1, -0.5, 0, false}, {1, 0, 0, false}, {0, -1, 0, false},
	}
	for _, c := range cases {
		var s float64
		var ok bool
		if msg := safely(func() { s, ok = step(c.g, c.h) }); msg != "" {
			r.fail("", "f′ = %v, f″ = %v: %s", c.g, c.h, msg)
			continue
		}
		switch {
		case c.ok && !ok:
			r.fail("f″ > 0: the model has a minimum, so the step is fine", "f′ = %v, f″ = %v: you return ok = false", c.g, c.h)
		case c.ok && math.Abs(s-c.s) > 1e-12*math.Max(1, math.Abs(c.s)):
			r.fail("the model f + f′s + f″s²/2 is smallest where f′ + f″s = 0", "f′ = %v, f″ = %v: s = %v, want %v", c.g, c.h, s, c.s)
		case !c.ok && ok:
			r.fail("f″ ≤ 0: the model has no minimum (it opens downwards, or is a line); the step would head for a maximum — return ok = false",
				"f′ = %v, f″ = %v: you return ok = true (s = %v)", c.g, c.h, s)
		case c.ok:
			r.ok("f′ = %v, f″ = %v: s = %v", c.g, c.h, s)
		default:
			r.ok("f′ = %v, f″ = %v: refused (f″ ≤ 0)", c.g, c.h)
		}
	}
	return r.done()
}

// CheckSecant checks a secant method on f′ written by the student,
//
//	secant(df, x0, x1, tol) (x float64, n int)
//
// which starts from the two points x0, x1, steps x_{k+1} = x_k − f′(x_k)/s_k
// with the slope s_k = (f′(x_k) − f′(x_{k−1}))/(x_k − x_{k−1}), and stops
// when a step is shorter than tol (or f′(x_k) = 0); it returns the last
// iterate and the number n of evaluations of f′. The hidden cases check the
// stationary point (within 1e-8), that n is the true count, and that the
// convergence is superlinear: a dozen evaluations or so, where bisection
// would need about 35.
func CheckSecant(secant func(df func(float64) float64, x0, x1, tol float64) (x float64, n int)) bool {
	r := &checker{name: "CheckSecant"}
	if secant == nil {
		r.fail("pass your function", "no function")
		return r.done()
	}
	q := quartic()
	cases := []scalarCase{
		{name: "quartic's f′ from 0.2, 0.3", df: q.DF, x0: 0.2, x1: 0.3, tol: 1e-10, xmin: q.XMin},
		{name: "f′ = x³ + x − 1 from 0, 1", df: func(x float64) float64 { return x*x*x + x - 1 }, x0: 0, x1: 1, tol: 1e-10, xmin: 0.6823278038280193},
		{name: "cos′ = −sin from 3, 3.5", df: func(x float64) float64 { return -math.Sin(x) }, x0: 3, x1: 3.5, tol: 1e-10, xmin: math.Pi},
		{name: "f′ = x (f = x²/2) from 5, 4: one step", df: func(x float64) float64 { return x }, x0: 5, x1: 4, tol: 1e-10, xmin: 0},
	}
	for _, c := range cases {
		df, calls := counted(c.df, budget, overLoop)
		var x float64
		var n int
		if msg := safely(func() { x, n = secant(df, c.x0, c.x1, c.tol) }); msg != "" {
			r.fail("stop when |x_{k+1} − x_k| < tol or f′(x_k) = 0", "%s: %s", c.name, msg)
			continue
		}
		switch err := math.Abs(x - c.xmin); {
		case *calls < 2:
			r.fail("evaluate f′ at both start points: the first slope needs them", "%s: f′ was called %d times", c.name, *calls)
		case !(err <= 1e-8):
			r.fail("the step is −f′(x_k)/s_k with s_k = (f′(x_k) − f′(x_{k−1}))/(x_k − x_{k−1}); then shift: x_{k−1} ← x_k, x_k ← x_{k+1}",
				"%s: x = %.12g is %.2g from %.12g", c.name, x, err, c.xmin)
		case n != *calls:
			r.fail("count every call of f′, the two start points included", "%s: you report n = %d but f′ was called %d times", c.name, n, *calls)
		case *calls > 16:
			r.fail("evaluate f′ once per new point and keep f′ of the previous point: the secant method needs one new evaluation per step",
				"%s: %d evaluations of f′ is too many for a superlinear method", c.name, *calls)
		default:
			r.ok("%s: x = %.12g (error %.1e), %d evaluations of f′", c.name, x, err, *calls)
		}
	}
	return r.done()
}
