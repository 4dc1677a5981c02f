package onedim

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/optlab/optlab/pkg/optim"
)

// The quartic of Kochenderfer & Wheeler's examples and many course notes:
// unimodal on [0, 2] with its minimizer near 0.78, a local maximum in (2, 5)
// where f″ = 12(x−2)(x−5) < 0.
func quartic(x float64) float64   { return x*x*x*x - 14*x*x*x + 60*x*x - 70*x }
func dquartic(x float64) float64  { return 4*x*x*x - 42*x*x + 120*x - 70 }
func d2quartic(x float64) float64 { return 12*x*x - 84*x + 120 }

// quarticMin solves f′(x) = 0 by Newton's method, written out here, run until
// the iterate stops moving: a reference independent of the package.
func quarticMin(t *testing.T) float64 {
	x := 0.8
	for range 100 {
		xn := x - dquartic(x)/d2quartic(x)
		if xn == x {
			break
		}
		x = xn
	}
	if math.Abs(dquartic(x)) > 1e-12 || d2quartic(x) <= 0 {
		t.Fatalf("reference Newton failed: x = %v, f′ = %g", x, dquartic(x))
	}
	return x
}

type method struct {
	name string
	run  func(f func(float64) float64, a, b float64, o *Options) (*Result, error)
}

var bracketing = []method{
	{"golden", Golden},
	{"fibonacci", Fibonacci},
	{"brent", Brent},
}

func opts(xtol float64) *Options {
	o := DefaultOptions()
	o.XTol = xtol
	return o
}

func TestRho(t *testing.T) {
	want := (3 - math.Sqrt(5)) / 2
	if math.Abs(Rho-want) > 1e-16 {
		t.Errorf("Rho = %v, want (3−√5)/2 = %v", Rho, want)
	}
	if r := Rho*Rho - 3*Rho + 1; math.Abs(r) > 1e-15 {
		t.Errorf("ρ² − 3ρ + 1 = %g, want 0", r)
	}
}

// Every bracketing method finds the known minimizers, with its bracket
// containing x* after every iteration.
func TestBracketingMethodsFindMinimum(t *testing.T) {
	xq := quarticMin(t)
	cases := []struct {
		name  string
		f     func(float64) float64
		a, b  float64
		xstar float64
	}{
		{"quartic", quartic, 0, 2, xq},
		{"cos", math.Cos, 0, 2 * math.Pi, math.Pi},
		{"abs", func(x float64) float64 { return math.Abs(x - 0.3) }, -1, 2, 0.3},
		{"endpoint-left", func(x float64) float64 { return math.Exp(x) }, 0, 1, 0},
		{"endpoint-right", func(x float64) float64 { return -x * x }, -1, 3, 3},
	}
	for _, m := range bracketing {
		for _, c := range cases {
			for _, tol := range []float64{1e-4, 1e-6} {
				r, err := m.run(c.f, c.a, c.b, opts(tol))
				if err != nil {
					t.Fatalf("%s %s: %v", m.name, c.name, err)
				}
				if r.Status != optim.Converged {
					t.Errorf("%s %s tol %g: status %v (%s)", m.name, c.name, tol, r.Status, r.Message)
				}
				last := r.Steps[len(r.Steps)-1]
				allowed := tol
				if m.name == "brent" {
					allowed += r.X[0] * DefaultRelTol
				}
				if w := last.B - last.A; w > allowed*(1+1e-9) {
					t.Errorf("%s %s tol %g: final bracket %.3g wide", m.name, c.name, tol, w)
				}
				if e := math.Abs(r.X[0] - c.xstar); e > allowed {
					t.Errorf("%s %s tol %g: x = %v, x* = %v, error %.3g", m.name, c.name, tol, r.X[0], c.xstar, e)
				}
				if r.F != c.f(r.X[0]) {
					t.Errorf("%s %s: F = %v but f(X) = %v", m.name, c.name, r.F, c.f(r.X[0]))
				}
				for i, s := range r.Steps {
					if !(s.A <= c.xstar && c.xstar <= s.B) {
						t.Fatalf("%s %s tol %g: iteration %d: x* = %v outside bracket [%v, %v]", m.name, c.name, tol, i+1, c.xstar, s.A, s.B)
					}
					if !(s.A <= s.X && s.X <= s.B) {
						t.Fatalf("%s %s: iteration %d: estimate %v outside bracket [%v, %v]", m.name, c.name, i+1, s.X, s.A, s.B)
					}
				}
				checkCounts(t, m.name+" "+c.name, r)
			}
		}
	}
}

// checkCounts checks what every f-based method must satisfy: the trace has
// one entry per evaluation and never increases, Steps matches NIt, and the
// evaluated points add up to NFev.
func checkCounts(t *testing.T, name string, r *Result) {
	t.Helper()
	if len(r.Trace) != r.NFev {
		t.Errorf("%s: len(Trace) = %d, NFev = %d", name, len(r.Trace), r.NFev)
	}
	for i := 1; i < len(r.Trace); i++ {
		if r.Trace[i] > r.Trace[i-1] {
			t.Errorf("%s: trace increases at %d", name, i)
			break
		}
	}
	if len(r.Steps) != r.NIt {
		t.Errorf("%s: len(Steps) = %d, NIt = %d", name, len(r.Steps), r.NIt)
	}
	if r.Trace[len(r.Trace)-1] != r.F {
		t.Errorf("%s: last trace value %v ≠ F = %v", name, r.Trace[len(r.Trace)-1], r.F)
	}
	if n := len(r.Evaluated()); n != r.NFev {
		t.Errorf("%s: %d evaluated points recorded, NFev = %d", name, n, r.NFev)
	}
}

// Golden-section: n iterations = n+1 evaluations, the first iteration
// evaluates two points and each later one exactly one, and the bracket
// shrinks by exactly 1−ρ per iteration.
func TestGoldenEvaluationsAndShrink(t *testing.T) {
	for _, tol := range []float64{1e-3, 1e-6, 1e-8} {
		r, err := Golden(quartic, 0, 2, opts(tol))
		if err != nil {
			t.Fatal(err)
		}
		if r.NFev != r.NIt+1 {
			t.Errorf("tol %g: %d iterations used %d evaluations, want n+1 = %d", tol, r.NIt, r.NFev, r.NIt+1)
		}
		// The smallest n with (1−ρ)ⁿ·2 ≤ tol.
		want := int(math.Ceil(math.Log(tol/2) / math.Log(1-Rho)))
		if r.NIt != want {
			t.Errorf("tol %g: %d iterations, want %d", tol, r.NIt, want)
		}
		width := 2.0
		for i, s := range r.Steps {
			wantPts := 1
			if i == 0 {
				wantPts = 2
			}
			if len(s.Points) != wantPts {
				t.Errorf("iteration %d evaluated %d points, want %d", i+1, len(s.Points), wantPts)
			}
			width *= 1 - Rho
			if got := s.B - s.A; math.Abs(got-width) > 1e-12*width+1e-15 {
				t.Errorf("tol %g: iteration %d: width %.17g, want (1−ρ)^%d·2 = %.17g", tol, i+1, got, i+1, width)
			}
		}
	}
	// A fixed budget of iterations.
	o := DefaultOptions()
	o.MaxIter = 10
	r, _ := Golden(quartic, 0, 2, o)
	if r.Status != optim.IterationLimit || r.NIt != 10 || r.NFev != 11 {
		t.Errorf("MaxIter 10: status %v, NIt %d, NFev %d; want iteration limit, 10, 11", r.Status, r.NIt, r.NFev)
	}
}

// The bracket contains x* even at the default tolerance, at √ε (up to the
// rounding of f near x*, which makes comparisons within ~1e-8 a coin toss).
func TestGoldenDefaultTolerance(t *testing.T) {
	xs := quarticMin(t)
	r, err := Golden(quartic, 0, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(r.X[0]-xs) > 3e-8 {
		t.Errorf("x = %v, x* = %v", r.X[0], xs)
	}
}

// Fibonacci search uses exactly n evaluations and reaches the width bound
// (1+2ε)(b−a)/Fₙ₊₁, which beats golden section with the same evaluations.
func TestFibonacciEvaluations(t *testing.T) {
	xs := quarticMin(t)
	fib := []float64{0, 1, 1}
	for k := 3; k < 40; k++ {
		fib = append(fib, fib[k-1]+fib[k-2])
	}
	for n := 2; n <= 30; n++ {
		o := DefaultOptions()
		o.XTol = 1e-15
		o.MaxEval = n
		r, err := Fibonacci(quartic, 0, 2, o)
		if err != nil {
			t.Fatal(err)
		}
		if r.NFev != n || r.NIt != n-1 {
			t.Errorf("n = %d: NFev = %d, NIt = %d", n, r.NFev, r.NIt)
		}
		if r.Status != optim.EvaluationLimit {
			t.Errorf("n = %d: status %v, want evaluation limit", n, r.Status)
		}
		last := r.Steps[len(r.Steps)-1]
		bound := (1 + 2*o.Eps) * 2 / fib[n+1]
		if w := last.B - last.A; w > bound*(1+1e-9) {
			t.Errorf("n = %d: final width %.6g > bound %.6g", n, w, bound)
		}
		if !(last.A <= xs && xs <= last.B) {
			t.Errorf("n = %d: x* outside [%v, %v]", n, last.A, last.B)
		}
		if n >= 4 {
			og := DefaultOptions()
			og.XTol = 1e-15
			og.MaxIter = n - 1 // n evaluations
			g, _ := Golden(quartic, 0, 2, og)
			gl := g.Steps[len(g.Steps)-1]
			if g.NFev != n || last.B-last.A >= gl.B-gl.A {
				t.Errorf("n = %d: Fibonacci width %.4g not below golden's %.4g (golden NFev %d)", n, last.B-last.A, gl.B-gl.A, g.NFev)
			}
		}
	}
	// n from the tolerance: the smallest n with (1+2ε)·L/Fₙ₊₁ ≤ XTol.
	for _, tol := range []float64{1e-2, 1e-5, 1e-7} {
		r, err := Fibonacci(quartic, 0, 2, opts(tol))
		if err != nil {
			t.Fatal(err)
		}
		n := 2
		for (1+2*DefaultEps)*2/fib[n+1] > tol {
			n++
		}
		if r.NFev != n || r.Status != optim.Converged {
			t.Errorf("tol %g: NFev = %d (want %d), status %v", tol, r.NFev, n, r.Status)
		}
	}
}

func TestBisection(t *testing.T) {
	xs := quarticMin(t)
	for _, tol := range []float64{1e-4, 1e-10} {
		r, err := Bisection(dquartic, 0, 2, opts(tol))
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != optim.Converged {
			t.Errorf("status %v: %s", r.Status, r.Message)
		}
		if r.NGev != r.NIt+2 || r.NFev != 0 || !math.IsNaN(r.F) {
			t.Errorf("NGev = %d, NIt = %d, NFev = %d, F = %v: want NGev = NIt+2, no f", r.NGev, r.NIt, r.NFev, r.F)
		}
		if want := int(math.Ceil(math.Log2(2 / tol))); r.NIt != want {
			t.Errorf("tol %g: %d iterations, want %d", tol, r.NIt, want)
		}
		width := 2.0
		for i, s := range r.Steps {
			width /= 2
			if s.B-s.A != width || len(s.Points) != 1 {
				t.Errorf("iteration %d: width %v, want %v; %d points", i+1, s.B-s.A, width, len(s.Points))
			}
			if !(s.A <= xs && xs <= s.B) {
				t.Fatalf("iteration %d: x* outside [%v, %v]", i+1, s.A, s.B)
			}
			if s.G != dquartic(s.Points[0]) {
				t.Errorf("Step.G is not f′ at the midpoint")
			}
		}
		if math.Abs(r.X[0]-xs) > tol/2 {
			t.Errorf("x = %v, x* = %v", r.X[0], xs)
		}
	}
	// With Options.F, F is filled with one call.
	o := DefaultOptions()
	o.F = quartic
	r, _ := Bisection(dquartic, 0, 2, o)
	if r.NFev != 1 || r.F != quartic(r.X[0]) {
		t.Errorf("with Options.F: NFev = %d, F = %v", r.NFev, r.F)
	}
	// Non-smooth: the sign of |x − 0.3|'s derivative is enough.
	r, _ = Bisection(func(x float64) float64 { return math.Copysign(1, x-0.3) }, -1, 2, nil)
	if math.Abs(r.X[0]-0.3) > DefaultXTol {
		t.Errorf("|x−0.3|: x = %v", r.X[0])
	}
}

func TestBisectionExactZeros(t *testing.T) {
	df := func(x float64) float64 { return x - 1 }
	r, err := Bisection(df, 0, 2, nil) // midpoint 1 is the root
	if err != nil || r.X[0] != 1 || r.NIt != 1 || r.NGev != 3 || r.Status != optim.Converged {
		t.Errorf("midpoint root: %v, err %v", r, err)
	}
	// f′ = 0 at an end: bisection goes on and shrinks onto that end if it is
	// the minimizer...
	r, err = Bisection(df, 1, 3, nil)
	if err != nil || math.Abs(r.X[0]-1) > DefaultXTol || r.Status != optim.Converged {
		t.Errorf("root at a: %v, err %v", r, err)
	}
	r, err = Bisection(df, -2, 1, nil)
	if err != nil || math.Abs(r.X[0]-1) > DefaultXTol || r.Status != optim.Converged {
		t.Errorf("root at b: %v, err %v", r, err)
	}
	// ... but not if it is a maximum: cos has f′(0) = 0 at its maximum.
	r, err = Bisection(func(x float64) float64 { return -math.Sin(x) }, 0, 2*math.Pi, nil)
	if err != nil || math.Abs(r.X[0]-math.Pi) > DefaultXTol {
		t.Errorf("cos on [0, 2π]: %v, err %v", r, err)
	}
	// f′ > 0 throughout: no sign change.
	if _, err = Bisection(df, 2, 1+1e9, nil); err == nil {
		t.Errorf("f′ > 0 on the whole interval accepted")
	}
	// f′(a) < 0 = f′(b): f falls all the way, its minimizer on [0, 1] is b.
	r, err = Bisection(func(x float64) float64 { return -(x - 1) * (x - 1) }, 0, 1, nil)
	if err != nil || math.Abs(r.X[0]-1) > DefaultXTol {
		t.Errorf("f′(a) < 0 = f′(b): %v, err = %v", r, err)
	}
}

func TestBisectionBadBrackets(t *testing.T) {
	// f = eˣ on [0, 1]: minimum at the end a, f′ > 0 throughout.
	_, err := Bisection(math.Exp, 0, 1, nil)
	if !errors.Is(err, ErrNoSignChange) || !strings.Contains(err.Error(), "same sign") {
		t.Errorf("same sign: err = %v", err)
	}
	// The quartic's f′ goes + → − around its local maximum in (2, 5).
	_, err = Bisection(dquartic, 2, 5, nil)
	if !errors.Is(err, ErrBracketsMaximum) {
		t.Errorf("maximum: err = %v", err)
	}
}

func TestNewton(t *testing.T) {
	// x²/2: f′ = x, f″ = 1: one step lands exactly on 0 from anywhere.
	for _, x0 := range []float64{-1e6, -3, 0.5, 7, 1e10} {
		r, err := Newton(func(x float64) float64 { return x }, func(float64) float64 { return 1 }, x0, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.NIt != 1 || r.Steps[0].X != 0 || r.X[0] != 0 || r.Status != optim.Converged || r.NGev != 2 || r.NHev != 2 {
			t.Errorf("x0 = %v: %v, NGev %d, NHev %d", x0, r, r.NGev, r.NHev)
		}
	}
	// The quartic from 0.2: quadratic convergence, e_{k+1} ≤ C·e_k².
	xs := quarticMin(t)
	o := DefaultOptions()
	o.F = quartic
	r, err := Newton(dquartic, d2quartic, 0.2, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != optim.Converged || math.Abs(r.X[0]-xs) > 1e-14 || r.NIt > 8 {
		t.Errorf("quartic: %v", r)
	}
	if r.NFev != 1 || r.F != quartic(r.X[0]) || r.NGev != r.NHev {
		t.Errorf("quartic: NFev %d, F %v, NGev %d, NHev %d", r.NFev, r.F, r.NGev, r.NHev)
	}
	prev := math.Abs(0.2 - xs)
	for i, s := range r.Steps {
		e := math.Abs(s.X - xs)
		if e > 1e-13 && e > 10*prev*prev {
			t.Errorf("step %d: error %.3g vs previous %.3g: not quadratic", i+1, e, prev)
		}
		prev = e
	}
}

// Newton must not walk to a maximum: f″ ≤ 0 stops it with NotMinimum.
func TestNewtonNotMinimum(t *testing.T) {
	cases := []struct {
		name     string
		df, d2f  func(float64) float64
		x0       float64
		minSteps int
	}{
		// cos near 0 is near its maximum: f″ = −cos x < 0.
		{"cos", func(x float64) float64 { return -math.Sin(x) }, func(x float64) float64 { return -math.Cos(x) }, 0.3, 0},
		// The quartic near its local maximum (f″ < 0 on (2, 5)).
		{"quartic", dquartic, d2quartic, 3, 0},
		// f = sin x from x0 = 6, where f″ = −sin 6 > 0: the step overshoots
		// to x ≈ 2.56, where f″ < 0.
		{"sin-overshoot", math.Cos, func(x float64) float64 { return -math.Sin(x) }, 6, 1},
		// f = x³: f″ = 0 at the inflection point.
		{"inflection", func(x float64) float64 { return 3 * x * x }, func(x float64) float64 { return 6 * x }, 0, 0},
	}
	for _, c := range cases {
		r, err := Newton(c.df, c.d2f, c.x0, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != optim.NotMinimum || !strings.Contains(r.Message, "f″(x) =") || !strings.Contains(r.Message, "≤ 0") {
			t.Errorf("%s: status %v, message %q", c.name, r.Status, r.Message)
		}
		if c.d2f(r.X[0]) > 0 || r.NIt < c.minSteps || r.Err() == nil {
			t.Errorf("%s: stopped at x = %v with f″ = %v after %d steps", c.name, r.X[0], c.d2f(r.X[0]), r.NIt)
		}
	}
}

func TestBrentFewerEvaluations(t *testing.T) {
	for _, c := range []struct {
		name string
		f    func(float64) float64
		a, b float64
	}{
		{"quartic", quartic, 0, 2},
		{"cos", math.Cos, 0, 2 * math.Pi},
		{"exp-x", func(x float64) float64 { return math.Exp(x) - 2*x }, -1, 3},
	} {
		g, _ := Golden(c.f, c.a, c.b, nil)
		b, _ := Brent(c.f, c.a, c.b, nil)
		if b.Status != optim.Converged || 2*b.NFev > g.NFev {
			t.Errorf("%s: Brent %d evaluations (%v), golden %d: want at most half", c.name, b.NFev, b.Status, g.NFev)
		}
		if b.NFev != b.NIt+1 {
			t.Errorf("%s: Brent NFev = %d, NIt = %d", c.name, b.NFev, b.NIt)
		}
	}
}

func TestNonFinite(t *testing.T) {
	nanAbove := func(x float64) float64 {
		if x > 1.1 {
			return math.NaN()
		}
		return quartic(x)
	}
	for _, m := range bracketing {
		r, err := m.run(nanAbove, 0, 2, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != optim.NonFinite || !strings.Contains(r.Message, "NaN") || r.Err() == nil {
			t.Errorf("%s: status %v, message %q", m.name, r.Status, r.Message)
		}
		if r.X != nil && math.IsNaN(r.F) {
			t.Errorf("%s: X = %v with NaN F", m.name, r.X)
		}
		// Everywhere NaN: no X at all.
		r, _ = m.run(func(float64) float64 { return math.Inf(1) }, 0, 2, nil)
		if r.Status != optim.NonFinite || r.X != nil || r.Status.Success() {
			t.Errorf("%s everywhere Inf: %v", m.name, r)
		}
	}
	r, _ := Bisection(func(x float64) float64 { return math.Log(x) - 1 }, -1, 5, nil)
	if r.Status != optim.NonFinite {
		t.Errorf("bisection: %v", r)
	}
	r, _ = Newton(func(x float64) float64 { return math.Sqrt(x) }, func(float64) float64 { return 1 }, 0.5, nil)
	if r.Status != optim.NonFinite || !strings.Contains(r.Message, "NaN") {
		t.Errorf("newton: %v", r)
	}
	o := DefaultOptions()
	o.F = func(float64) float64 { return math.NaN() }
	r, _ = Newton(func(x float64) float64 { return x }, func(float64) float64 { return 1 }, 1, o)
	if r.Status != optim.NonFinite {
		t.Errorf("newton with NaN F: %v", r)
	}
}

func TestBadInput(t *testing.T) {
	f := quartic
	nan, inf := math.NaN(), math.Inf(1)
	bad := func(mod func(*Options)) *Options { o := DefaultOptions(); mod(o); return o }
	cases := []struct {
		name string
		a, b float64
		o    *Options
	}{
		{"a = b", 1, 1, nil},
		{"a > b", 2, 0, nil},
		{"NaN a", nan, 1, nil},
		{"Inf b", 0, inf, nil},
		{"MaxIter 0", 0, 2, &Options{}},
		{"MaxIter < 0", 0, 2, bad(func(o *Options) { o.MaxIter = -1 })},
		{"XTol < 0", 0, 2, bad(func(o *Options) { o.XTol = -1e-8 })},
		{"XTol NaN", 0, 2, bad(func(o *Options) { o.XTol = nan })},
		{"GTol < 0", 0, 2, bad(func(o *Options) { o.GTol = -1 })},
		{"RelTol < 0", 0, 2, bad(func(o *Options) { o.RelTol = -1 })},
		{"Eps ≥ 0.5", 0, 2, bad(func(o *Options) { o.Eps = 0.5 })},
		{"MaxEval < 0", 0, 2, bad(func(o *Options) { o.MaxEval = -1 })},
	}
	calls := 0
	counted := func(x float64) float64 { calls++; return f(x) }
	dcounted := func(x float64) float64 { calls++; return dquartic(x) }
	for _, c := range cases {
		for _, m := range append(bracketing, method{"bisection", func(_ func(float64) float64, a, b float64, o *Options) (*Result, error) {
			return Bisection(dcounted, a, b, o)
		}}) {
			r, err := m.run(counted, c.a, c.b, c.o)
			if err == nil || r != nil {
				t.Errorf("%s %s: no error", m.name, c.name)
			}
		}
	}
	if calls != 0 {
		t.Errorf("bad input evaluated the function %d times", calls)
	}
	for _, m := range bracketing {
		if _, err := m.run(nil, 0, 1, nil); err == nil {
			t.Errorf("%s: nil f accepted", m.name)
		}
	}
	for _, m := range bracketing[:2] {
		if _, err := m.run(f, 0, 1, bad(func(o *Options) { o.MaxEval = 1 })); err == nil {
			t.Errorf("%s: MaxEval 1 accepted", m.name)
		}
	}
	if _, err := Bisection(nil, 0, 1, nil); err == nil {
		t.Error("Bisection: nil f′ accepted")
	}
	if _, err := Newton(dquartic, nil, 0, nil); err == nil || !strings.Contains(err.Error(), "f″") {
		t.Errorf("Newton nil f″: %v", err)
	}
	if _, err := Newton(dquartic, d2quartic, nan, nil); err == nil {
		t.Error("Newton NaN x0 accepted")
	}
	if _, err := Newton(dquartic, d2quartic, 0, &Options{}); err == nil {
		t.Error("Newton MaxIter 0 accepted")
	}
	// A zero tolerance in a hand-built Options means the default.
	r, err := Golden(f, 0, 2, &Options{Settings: optim.Settings{MaxIter: 100}})
	if err != nil || r.Status != optim.Converged {
		t.Errorf("zero XTol: %v %v", r, err)
	}
}

func TestLimitsAndCallback(t *testing.T) {
	o := DefaultOptions()
	o.MaxEval = 10
	for _, m := range bracketing {
		r, _ := m.run(quartic, 0, 2, o)
		if r.Status != optim.EvaluationLimit || r.NFev != 10 {
			t.Errorf("%s MaxEval 10: %v", m.name, r)
		}
	}
	o = DefaultOptions()
	o.MaxIter = 3
	for _, m := range bracketing {
		r, _ := m.run(quartic, 0, 2, o)
		if r.Status != optim.IterationLimit || r.NIt != 3 {
			t.Errorf("%s MaxIter 3: %v", m.name, r)
		}
	}
	o = DefaultOptions()
	seen := 0
	o.Callback = func(it optim.Iteration) bool { seen++; return it.Iter == 4 }
	for _, m := range bracketing {
		seen = 0
		r, _ := m.run(quartic, 0, 2, o)
		if r.Status != optim.Stopped || r.NIt != 4 || seen != 4 {
			t.Errorf("%s callback: %v, %d calls", m.name, r, seen)
		}
	}
	seen = 0
	r, _ := Bisection(dquartic, 0, 2, o)
	if r.Status != optim.Stopped || r.NIt != 4 {
		t.Errorf("bisection callback: %v", r)
	}
	o.MaxIter = 2
	r, _ = Newton(func(x float64) float64 { return math.Atan(x) }, func(x float64) float64 { return 1 / (1 + x*x) }, 1.5, o)
	if r.Status != optim.IterationLimit || r.NIt != 2 {
		t.Errorf("newton MaxIter 2 on diverging atan: %v", r)
	}
}

// Near machine precision a tiny XTol stops cleanly instead of looping.
func TestTinyTolerance(t *testing.T) {
	for _, m := range append(bracketing[:1], bracketing[2]) {
		r, err := m.run(quartic, 0, 2, opts(1e-300))
		if err != nil || r.Status != optim.Converged || r.NIt >= DefaultMaxIter {
			t.Errorf("%s: %v %v", m.name, r, err)
		}
	}
	r, err := Bisection(dquartic, 0, 2, opts(1e-300))
	if err != nil || r.Status != optim.Converged || math.Abs(r.X[0]-quarticMin(t)) > 1e-15 {
		t.Errorf("bisection: %v %v", r, err)
	}
}
