package onedim

import (
	"context"
	"flag"
	"fmt"
	"math"
	"slices"
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

var inf = math.Inf(1)

// solve runs m and fails the test on an error.
func solve(t *testing.T, m optim.Method, p optim.Problem, x0 []float64, s *optim.Settings) *optim.Result {
	t.Helper()
	r, err := optim.Minimize(context.Background(), p, x0, s, m)
	if err != nil {
		t.Fatalf("%s: %v", m.Info().Name, err)
	}
	return r
}

// on is f on [a, b] with its derivatives (which may be nil).
func on(f, df, d2f func(float64) float64, a, b float64) optim.Problem {
	return Problem(f, df, d2f, a, b)
}

func tol(xtol float64) *optim.Settings { return &optim.Settings{XTol: xtol, Record: true} }

func bracketing() []optim.Method { return []optim.Method{&Golden{}, &Fibonacci{}, &Brent{}} }

func all() []optim.Method {
	return []optim.Method{&Golden{}, &Fibonacci{}, &Brent{}, &Bisection{}, &Newton{}, &Secant{}}
}

// x0Of returns the start point a method takes: nil for the bracketing
// methods, [x0] for Newton and secant.
func x0Of(m optim.Method, x0 float64) []float64 {
	if m.Info().NoX0 {
		return nil
	}
	return []float64{x0}
}

func TestRegistered(t *testing.T) {
	for _, name := range []string{"golden", "fibonacci", "brent", "bisection", "newton1d", "secant"} {
		m, err := optim.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		in := m.Info()
		if in.Name != name || !in.OneD || in.MaxDim != 1 || in.Iteration == "" {
			t.Errorf("%s: %+v", name, in)
		}
		if bracket := name != "newton1d" && name != "secant"; in.NeedsBounds != bracket || in.NoX0 != bracket {
			t.Errorf("%s: NeedsBounds %v, NoX0 %v", name, in.NeedsBounds, in.NoX0)
		}
	}
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

// The reference numbers the notebooks quote, at the default settings on the
// quartic over [0, 2].
func TestReferenceCounts(t *testing.T) {
	xs := quarticMin(t)
	if got := fmt.Sprintf("%.8f", xs); got != "0.78088405" {
		t.Fatalf("x* = %s", got)
	}
	p := on(quartic, dquartic, d2quartic, 0, 2)
	cases := []struct {
		m          optim.Method
		x0         []float64
		nit, nfev  int
		ngev, nhev int
	}{
		{&Golden{}, nil, 40, 41, 0, 0},
		{&Fibonacci{}, nil, 40, 41, 0, 0},
		{&Brent{}, nil, 10, 11, 0, 0},
		{&Bisection{}, nil, 28, 1, 30, 0},
		{&Newton{}, []float64{1}, 4, 5, 5, 5},
	}
	for _, c := range cases {
		r := solve(t, c.m, p, c.x0, nil)
		if r.Status != optim.Converged || r.NIt != c.nit || r.NFev != c.nfev || r.NGev != c.ngev || r.NHev != c.nhev {
			t.Errorf("%s: %v, NGev %d, NHev %d; want nit %d nfev %d ngev %d nhev %d", r.Method, r, r.NGev, r.NHev, c.nit, c.nfev, c.ngev, c.nhev)
		}
		if e := math.Abs(r.X[0] - xs); e > DefaultXTol || r.F != quartic(r.X[0]) {
			t.Errorf("%s: x = %v, error %.2g, F = %v", r.Method, r.X[0], e, r.F)
		}
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
		{"endpoint-left", math.Exp, 0, 1, 0},
		{"endpoint-right", func(x float64) float64 { return -x * x }, -1, 3, 3},
	}
	for _, m := range bracketing() {
		for _, c := range cases {
			for _, xtol := range []float64{1e-4, 1e-6} {
				name := fmt.Sprintf("%s %s tol %g", m.Info().Name, c.name, xtol)
				r := solve(t, m, on(c.f, nil, nil, c.a, c.b), nil, tol(xtol))
				if r.Status != optim.Converged {
					t.Errorf("%s: status %v (%s)", name, r.Status, r.Message)
				}
				allowed := xtol
				if _, ok := m.(*Brent); ok {
					allowed += r.X[0] * DefaultRelTol
				}
				last, ok := optim.DetailOf[*Bracket](r)
				if !ok {
					t.Fatalf("%s: Detail %T", name, r.Detail)
				}
				if w := last.Width(); w > allowed*(1+1e-9) {
					t.Errorf("%s: final bracket %.3g wide", name, w)
				}
				if e := math.Abs(r.X[0] - c.xstar); e > allowed {
					t.Errorf("%s: x = %v, x* = %v, error %.3g", name, r.X[0], c.xstar, e)
				}
				if r.F != c.f(r.X[0]) {
					t.Errorf("%s: F = %v but f(X) = %v", name, r.F, c.f(r.X[0]))
				}
				for i, it := range r.Path {
					b := it.Detail.(Bracket)
					if !(b.A <= c.xstar && c.xstar <= b.B) {
						t.Fatalf("%s: iteration %d: x* = %v outside bracket %v", name, i+1, c.xstar, b)
					}
					if !(b.A <= it.X[0] && it.X[0] <= b.B) {
						t.Fatalf("%s: iteration %d: estimate %v outside bracket %v", name, i+1, it.X[0], b)
					}
				}
				if *last != r.Path[len(r.Path)-1].Detail.(Bracket) {
					t.Errorf("%s: Result.Detail %v is not the last bracket", name, *last)
				}
				checkCounts(t, name, r)
			}
		}
	}
}

// checkCounts checks what every f-based method must satisfy: the trace has
// one entry per evaluation and never increases, Path matches NIt, and the
// evaluated points add up to NFev.
func checkCounts(t *testing.T, name string, r *optim.Result) {
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
	if len(r.Path) != r.NIt {
		t.Errorf("%s: len(Path) = %d, NIt = %d", name, len(r.Path), r.NIt)
	}
	if r.Trace[len(r.Trace)-1] != r.F {
		t.Errorf("%s: last trace value %v ≠ F = %v", name, r.Trace[len(r.Trace)-1], r.F)
	}
	if n := len(Evaluated(r)); n != r.NFev {
		t.Errorf("%s: %d evaluated points recorded, NFev = %d", name, n, r.NFev)
	}
}

// Golden-section: n iterations = n+1 evaluations, the first iteration
// evaluates two points and each later one exactly one, and the bracket
// shrinks by exactly 1−ρ per iteration.
func TestGoldenEvaluationsAndShrink(t *testing.T) {
	for _, xtol := range []float64{1e-3, 1e-6, 1e-8} {
		r := solve(t, &Golden{}, on(quartic, nil, nil, 0, 2), nil, tol(xtol))
		if r.NFev != r.NIt+1 {
			t.Errorf("tol %g: %d iterations used %d evaluations, want n+1 = %d", xtol, r.NIt, r.NFev, r.NIt+1)
		}
		// The smallest n with (1−ρ)ⁿ·2 ≤ tol.
		want := int(math.Ceil(math.Log(xtol/2) / math.Log(1-Rho)))
		if r.NIt != want {
			t.Errorf("tol %g: %d iterations, want %d", xtol, r.NIt, want)
		}
		width := 2.0
		for i, it := range r.Path {
			wantPts := 1
			if i == 0 {
				wantPts = 2
			}
			if len(it.Pop) != wantPts || len(it.PopF) != wantPts {
				t.Errorf("iteration %d evaluated %d points, want %d", i+1, len(it.Pop), wantPts)
			}
			width *= 1 - Rho
			if got := it.Detail.(Bracket).Width(); math.Abs(got-width) > 1e-12*width+1e-15 {
				t.Errorf("tol %g: iteration %d: width %.17g, want (1−ρ)^%d·2 = %.17g", xtol, i+1, got, i+1, width)
			}
		}
		// The teaching version does the same.
		x, nfev := GoldenSection(quartic, 0, 2, xtol)
		if quartic(x) != r.F || math.Abs(x-r.X[0]) > xtol || nfev != r.NFev {
			t.Errorf("GoldenSection: x = %v, %d evaluations; Golden: %v, %d", x, nfev, r.X[0], r.NFev)
		}
	}
	// A fixed budget of iterations.
	r := solve(t, &Golden{}, on(quartic, nil, nil, 0, 2), nil, &optim.Settings{MaxIter: 10})
	if r.Status != optim.IterationLimit || r.NIt != 10 || r.NFev != 11 || r.Err() == nil {
		t.Errorf("MaxIter 10: status %v, NIt %d, NFev %d; want iteration limit, 10, 11", r.Status, r.NIt, r.NFev)
	}
}

// The bracket contains x* even at the default tolerance, at √ε (up to the
// rounding of f near x*, which makes comparisons within ~1e-8 a coin toss).
func TestGoldenDefaultTolerance(t *testing.T) {
	xs := quarticMin(t)
	r := solve(t, &Golden{}, on(quartic, nil, nil, 0, 2), nil, nil)
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
	p := on(quartic, nil, nil, 0, 2)
	for n := 2; n <= 30; n++ {
		r := solve(t, &Fibonacci{}, p, nil, &optim.Settings{XTol: 1e-15, MaxEval: n})
		if r.NFev != n || r.NIt != n-1 {
			t.Errorf("n = %d: NFev = %d, NIt = %d", n, r.NFev, r.NIt)
		}
		if r.Status != optim.EvaluationLimit {
			t.Errorf("n = %d: status %v, want evaluation limit", n, r.Status)
		}
		last, _ := optim.DetailOf[*Bracket](r)
		bound := (1 + 2*DefaultEps) * 2 / fib[n+1]
		if w := last.Width(); w > bound*(1+1e-9) {
			t.Errorf("n = %d: final width %.6g > bound %.6g", n, w, bound)
		}
		if !(last.A <= xs && xs <= last.B) {
			t.Errorf("n = %d: x* outside %v", n, *last)
		}
		if n >= 4 {
			g := solve(t, &Golden{}, p, nil, &optim.Settings{XTol: 1e-15, MaxIter: n - 1}) // n evaluations
			gl, _ := optim.DetailOf[*Bracket](g)
			if g.NFev != n || last.Width() >= gl.Width() {
				t.Errorf("n = %d: Fibonacci width %.4g not below golden's %.4g (golden NFev %d)", n, last.Width(), gl.Width(), g.NFev)
			}
		}
	}
	// n from the tolerance: the smallest n with (1+2ε)·L/Fₙ₊₁ ≤ XTol.
	for _, xtol := range []float64{1e-2, 1e-5, 1e-7} {
		r := solve(t, &Fibonacci{}, p, nil, tol(xtol))
		n := 2
		for (1+2*DefaultEps)*2/fib[n+1] > xtol {
			n++
		}
		if r.NFev != n || r.Status != optim.Converged {
			t.Errorf("tol %g: NFev = %d (want %d), status %v", xtol, r.NFev, n, r.Status)
		}
	}
	// A MaxIter below the plan: n = MaxIter+1 evaluations, not a success.
	r := solve(t, &Fibonacci{}, p, nil, &optim.Settings{MaxIter: 5})
	if r.Status != optim.IterationLimit || r.NIt != 5 || r.NFev != 6 || r.Err() == nil {
		t.Errorf("MaxIter 5: %v", r)
	}
}

// MaxIter = math.MaxInt used to overflow the plan (MaxIter+1) and panic.
func TestFibonacciHugeLimits(t *testing.T) {
	p := on(quartic, nil, nil, 0, 2)
	ref := solve(t, &Fibonacci{}, p, nil, nil)
	for _, s := range []*optim.Settings{
		{MaxIter: math.MaxInt},
		{MaxIter: math.MaxInt, MaxEval: math.MaxInt},
		{MaxIter: math.MaxInt, XTol: 1e-300},
		{MaxIter: math.MaxInt, XTol: math.SmallestNonzeroFloat64},
	} {
		r := solve(t, &Fibonacci{}, p, nil, s)
		if r.Status != optim.Converged || r.NFev > 1500 {
			t.Errorf("%+v: %v", *s, r)
		}
		if s.XTol == 0 && (r.NFev != ref.NFev || r.X[0] != ref.X[0]) {
			t.Errorf("%+v: %v, want %v", *s, r, ref)
		}
	}
}

func TestBisection(t *testing.T) {
	xs := quarticMin(t)
	p := on(quartic, dquartic, nil, 0, 2)
	for _, xtol := range []float64{1e-4, 1e-10} {
		r := solve(t, &Bisection{}, p, nil, tol(xtol))
		if r.Status != optim.Converged {
			t.Errorf("status %v: %s", r.Status, r.Message)
		}
		if r.NGev != r.NIt+2 || r.NFev != 1 || r.F != quartic(r.X[0]) {
			t.Errorf("NGev = %d, NIt = %d, NFev = %d, F = %v: want NGev = NIt+2, one f at X", r.NGev, r.NIt, r.NFev, r.F)
		}
		if want := int(math.Ceil(math.Log2(2 / xtol))); r.NIt != want {
			t.Errorf("tol %g: %d iterations, want %d", xtol, r.NIt, want)
		}
		width := 2.0
		for i, it := range r.Path {
			width /= 2
			b := it.Detail.(Bracket)
			if b.Width() != width || len(it.Pop) != 1 {
				t.Errorf("iteration %d: width %v, want %v; %d points", i+1, b.Width(), width, len(it.Pop))
			}
			if !(b.A <= xs && xs <= b.B) {
				t.Fatalf("iteration %d: x* outside %v", i+1, b)
			}
			if m := it.Pop[0][0]; (dquartic(m) < 0 && b.A != m) || (dquartic(m) > 0 && b.B != m) {
				t.Errorf("iteration %d: kept the wrong half at m = %v", i+1, m)
			}
			if i < len(r.Path)-1 && !math.IsNaN(it.F) {
				t.Errorf("iteration %d: F = %v, want NaN (f not evaluated)", i+1, it.F)
			}
		}
		if math.Abs(r.X[0]-xs) > xtol/2 {
			t.Errorf("x = %v, x* = %v", r.X[0], xs)
		}
	}
	// Non-smooth: the sign of |x − 0.3|'s derivative is enough.
	r := solve(t, &Bisection{}, on(func(x float64) float64 { return math.Abs(x - 0.3) }, func(x float64) float64 { return math.Copysign(1, x-0.3) }, nil, -1, 2), nil, nil)
	if math.Abs(r.X[0]-0.3) > DefaultXTol || r.Status != optim.Converged {
		t.Errorf("|x−0.3|: %v", r)
	}
	// Finite differences of f instead of f′: two evaluations of f per f′,
	// the root of the forward difference is FDStep/2 off.
	r = solve(t, &Bisection{}, on(quartic, nil, nil, 0, 2), nil, nil)
	if r.Status != optim.Converged || math.Abs(r.X[0]-xs) > 3e-8 || r.NGev != 0 || r.NFev != 2*(r.NIt+2)+1 {
		t.Errorf("finite differences: %v", r)
	}
	// MaxIter: the last allowed iteration evaluates f at its midpoint.
	r = solve(t, &Bisection{}, p, nil, &optim.Settings{MaxIter: 6})
	if r.Status != optim.IterationLimit || r.NIt != 6 || r.X == nil || r.F != quartic(r.X[0]) || math.Abs(r.X[0]-xs) > 2.0/64 {
		t.Errorf("MaxIter 6: %v", r)
	}
}

func TestBisectionExactZeros(t *testing.T) {
	df := func(x float64) float64 { return x - 1 }
	f := func(x float64) float64 { return (x - 1) * (x - 1) / 2 }
	r := solve(t, &Bisection{}, on(f, df, nil, 0, 2), nil, nil) // midpoint 1 is the root
	if r.X[0] != 1 || r.NIt != 1 || r.NGev != 3 || r.Status != optim.Converged {
		t.Errorf("midpoint root: %v", r)
	}
	// f′ = 0 at an end: bisection goes on and shrinks onto that end if it is
	// the minimizer...
	for _, ab := range [][2]float64{{1, 3}, {-2, 1}} {
		r = solve(t, &Bisection{}, on(f, df, nil, ab[0], ab[1]), nil, nil)
		if math.Abs(r.X[0]-1) > DefaultXTol || r.Status != optim.Converged {
			t.Errorf("root at an end of %v: %v", ab, r)
		}
	}
	// ... but not if it is a maximum: cos has f′(0) = 0 at its maximum.
	r = solve(t, &Bisection{}, on(math.Cos, func(x float64) float64 { return -math.Sin(x) }, nil, 0, 2*math.Pi), nil, nil)
	if math.Abs(r.X[0]-math.Pi) > DefaultXTol || r.Status != optim.Converged {
		t.Errorf("cos on [0, 2π]: %v", r)
	}
	// f′(a) < 0 = f′(b): f falls all the way, its minimizer on [0, 1] is b.
	r = solve(t, &Bisection{}, on(func(x float64) float64 { return -(x - 1) * (x - 1) * (x - 1) / 3 }, func(x float64) float64 { return -(x - 1) * (x - 1) }, nil, 0, 1), nil, nil)
	if math.Abs(r.X[0]-1) > DefaultXTol || r.Status != optim.Converged {
		t.Errorf("f′(a) < 0 = f′(b): %v", r)
	}
}

// No sign change, or one that brackets a maximum: a failure status after
// evaluating f′ at the two ends, never an error or a success.
func TestBisectionBadBrackets(t *testing.T) {
	// f = eˣ on [0, 1]: minimum at the end a, f′ > 0 throughout.
	r := solve(t, &Bisection{}, on(math.Exp, math.Exp, nil, 0, 1), nil, nil)
	if r.Status != optim.NumericalFailure || !strings.Contains(r.Message, "does not change sign") || r.NGev != 2 || r.NIt != 0 || r.Err() == nil {
		t.Errorf("same sign: %v", r)
	}
	// f′ > 0 on the whole interval, with a wide one.
	r = solve(t, &Bisection{}, on(func(x float64) float64 { return (x - 1) * (x - 1) }, func(x float64) float64 { return 2 * (x - 1) }, nil, 2, 1+1e9), nil, nil)
	if r.Status != optim.NumericalFailure {
		t.Errorf("f′ > 0: %v", r)
	}
	// The quartic's f′ goes + → − around its local maximum in (2, 5).
	r = solve(t, &Bisection{}, on(quartic, dquartic, nil, 2, 5), nil, nil)
	if r.Status != optim.NotMinimum || !strings.Contains(r.Message, "brackets a maximum") {
		t.Errorf("maximum: %v", r)
	}
}

// errors returns |x_k − x*| for the recorded iterates.
func errorsOf(r *optim.Result, xs float64) []float64 {
	var e []float64
	for _, x := range Iterates(r) {
		e = append(e, math.Abs(x-xs))
	}
	return e
}

// order estimates the order of convergence from the last three errors above
// floor: p ≈ log(e_{k+1}/e_k) / log(e_k/e_{k−1}).
func order(t *testing.T, e []float64, floor float64) float64 {
	t.Helper()
	k := len(e) - 1
	for k >= 0 && e[k] <= floor {
		k--
	}
	if k < 2 {
		t.Fatalf("too few errors above %g: %v", floor, e)
	}
	return math.Log(e[k]/e[k-1]) / math.Log(e[k-1]/e[k-2])
}

func TestNewton(t *testing.T) {
	// x²/2: f′ = x, f″ = 1: one step lands exactly on 0 from anywhere.
	for _, x0 := range []float64{-1e6, -3, 0.5, 7, 1e10} {
		r := solve(t, &Newton{}, on(func(x float64) float64 { return x * x / 2 }, func(x float64) float64 { return x }, func(float64) float64 { return 1 }, -inf, inf), []float64{x0}, &optim.Settings{Record: true})
		if r.NIt != 1 || r.Path[0].X[0] != 0 || r.X[0] != 0 || r.Status != optim.Converged || r.NGev != 2 || r.NHev != 2 {
			t.Errorf("x0 = %v: %v, NGev %d, NHev %d", x0, r, r.NGev, r.NHev)
		}
		if m := r.Path[0].Detail.(Model); m.X != x0 || m.G != x0 || m.H != 1 || m.Step != -x0 {
			t.Errorf("x0 = %v: model %+v", x0, m)
		}
	}
	// The quartic from 0.2: quadratic convergence, e_{k+1} ≤ C·e_k².
	xs := quarticMin(t)
	r := solve(t, &Newton{}, on(quartic, dquartic, d2quartic, -inf, inf), []float64{0.2}, &optim.Settings{Record: true})
	if r.Status != optim.Converged || math.Abs(r.X[0]-xs) > 1e-14 || r.NIt > 8 || r.F != quartic(r.X[0]) {
		t.Errorf("quartic: %v", r)
	}
	if r.NFev != r.NIt+1 || r.NGev != r.NIt+1 || r.NHev != r.NIt {
		t.Errorf("quartic: NFev %d, NGev %d, NHev %d, NIt %d", r.NFev, r.NGev, r.NHev, r.NIt)
	}
	prev := math.Abs(0.2 - xs)
	for i, e := range errorsOf(r, xs) {
		if e > 1e-13 && e > 10*prev*prev {
			t.Errorf("step %d: error %.3g vs previous %.3g: not quadratic", i+1, e, prev)
		}
		prev = e
	}
}

// The measured order of Newton's method is 2.
func TestNewtonOrder(t *testing.T) {
	xs := quarticMin(t)
	r := solve(t, &Newton{}, on(quartic, dquartic, d2quartic, -inf, inf), []float64{0.2}, &optim.Settings{Record: true, XTol: 1e-15})
	if p := order(t, errorsOf(r, xs), 1e-12); math.Abs(p-2) > 0.1 {
		t.Errorf("Newton: measured order %.4f, want ≈ 2", p)
	}
	r = solve(t, &Newton{}, on(func(x float64) float64 { return math.Exp(x) - 2*x }, func(x float64) float64 { return math.Exp(x) - 2 }, math.Exp, -inf, inf), []float64{2}, &optim.Settings{Record: true, XTol: 1e-15})
	if p := order(t, errorsOf(r, math.Ln2), 1e-12); math.Abs(p-2) > 0.1 {
		t.Errorf("Newton on eˣ − 2x: measured order %.4f, want ≈ 2", p)
	}
}

// |f′| ≤ GTol is tested before f″ ≤ 0: x⁴ started at its minimizer 0,
// where f″ = 0 too, converges at once; a stationary point with f″ < 0 is a
// maximum.
func TestNewtonAtStationaryPoint(t *testing.T) {
	p := on(func(x float64) float64 { return x * x * x * x }, func(x float64) float64 { return 4 * x * x * x }, func(x float64) float64 { return 12 * x * x }, -1, 1)
	for _, m := range []optim.Method{&Newton{}, &Secant{}} {
		r := solve(t, m, p, []float64{0}, nil)
		if r.Status != optim.Converged || r.X[0] != 0 || r.F != 0 || r.NIt != 0 {
			t.Errorf("%s on x⁴ from 0: %v", r.Method, r)
		}
		// From 1: linear convergence (f″(0) = 0), but it converges.
		r = solve(t, m, p, []float64{1}, nil)
		if r.Status != optim.Converged || math.Abs(r.X[0]) > 1e-4 {
			t.Errorf("%s on x⁴ from 1: %v", r.Method, r)
		}
		// cos at its maximum 0: f′ = 0 but f″ < 0.
		r = solve(t, m, on(math.Cos, func(x float64) float64 { return -math.Sin(x) }, func(x float64) float64 { return -math.Cos(x) }, -inf, inf), []float64{0}, nil)
		if r.Status != optim.NotMinimum || !strings.Contains(r.Message, "maximum") {
			t.Errorf("%s on cos from 0: %v", r.Method, r)
		}
	}
}

// Newton must not walk to a maximum: f″ ≤ 0 away from a stationary point
// stops it with NotMinimum.
func TestNewtonNotMinimum(t *testing.T) {
	cases := []struct {
		name        string
		f, df, d2f  func(float64) float64
		x0          float64
		minSteps    int
		wantMessage string
	}{
		// cos near 0 is near its maximum: f″ = −cos x < 0.
		{"cos", math.Cos, func(x float64) float64 { return -math.Sin(x) }, func(x float64) float64 { return -math.Cos(x) }, 0.3, 0, "head for a maximum"},
		// The quartic near its local maximum (f″ < 0 on (2, 5)).
		{"quartic", quartic, dquartic, d2quartic, 3, 0, "head for a maximum"},
		// f = sin x from x0 = 6, where f″ = −sin 6 > 0: the step overshoots
		// to x ≈ 2.56, where f″ < 0.
		{"sin-overshoot", math.Sin, math.Cos, func(x float64) float64 { return -math.Sin(x) }, 6, 1, "head for a maximum"},
		// f = x³ − 3x at its inflection point 0: f″ = 0 with f′ = −3. (x³ at
		// 0 is a stationary point, as x⁴ at 0 is: nothing in f′ and f″ tells
		// them apart, so both converge there.)
		{"inflection", func(x float64) float64 { return x*x*x - 3*x }, func(x float64) float64 { return 3*x*x - 3 }, func(x float64) float64 { return 6 * x }, 0, 0, "undefined"},
	}
	for _, c := range cases {
		r := solve(t, &Newton{}, on(c.f, c.df, c.d2f, -inf, inf), []float64{c.x0}, nil)
		if r.Status != optim.NotMinimum || !strings.Contains(r.Message, "f″(x) =") || !strings.Contains(r.Message, "≤ 0") || !strings.Contains(r.Message, c.wantMessage) {
			t.Errorf("%s: status %v, message %q", c.name, r.Status, r.Message)
		}
		if c.d2f(r.X[0]) > 0 || r.NIt < c.minSteps || r.Err() == nil {
			t.Errorf("%s: stopped at x = %v with f″ = %v after %d steps", c.name, r.X[0], c.d2f(r.X[0]), r.NIt)
		}
		if m, ok := optim.DetailOf[*Model](r); !ok || m.X != r.X[0] || m.H != c.d2f(r.X[0]) {
			t.Errorf("%s: Detail %+v", c.name, r.Detail)
		}
	}
}

// With bounds, iterates are clipped into them; a minimum outside the
// interval is found at the bound.
func TestNewtonSecantBounds(t *testing.T) {
	f := func(x float64) float64 { return (x - 3) * (x - 3) }
	df := func(x float64) float64 { return 2 * (x - 3) }
	d2f := func(x float64) float64 { return 2 }
	p := on(f, df, d2f, 0, 2.5) // f falls on the interval: the minimum is at 2.5
	for _, m := range []optim.Method{&Newton{}, &Secant{}} {
		var outside []float64
		s := &optim.Settings{Callback: func(it optim.Iteration) bool {
			if it.X[0] < 0 || it.X[0] > 2.5 {
				outside = append(outside, it.X[0])
			}
			return false
		}}
		r := solve(t, m, p, []float64{1}, s)
		if r.Status != optim.Converged || r.X[0] != 2.5 || outside != nil || r.NIt < 1 {
			t.Errorf("%s: %v, iterates outside %v", r.Method, r, outside)
		}
	}
	// The secant's default second point steps back from an upper bound.
	r := solve(t, &Secant{}, on(quartic, dquartic, nil, 0, 2), []float64{2}, nil)
	if r.Status != optim.Converged || math.Abs(r.X[0]-quarticMin(t)) > 1e-10 {
		t.Errorf("secant from the bound: %v", r)
	}
}

func TestSecant(t *testing.T) {
	xs := quarticMin(t)
	for _, x0 := range []float64{0.2, 1, 1.5} {
		r := solve(t, &Secant{}, on(quartic, dquartic, nil, 0, 2), []float64{x0}, &optim.Settings{Record: true})
		if r.Status != optim.Converged || math.Abs(r.X[0]-xs) > 1e-12 || r.F != quartic(r.X[0]) {
			t.Errorf("x0 = %v: %v", x0, r)
		}
		// One f and f′ per iterate, plus the second start point; no f″.
		if r.NGev != r.NIt+2 || r.NFev != r.NIt+2 || r.NHev != 0 {
			t.Errorf("x0 = %v: NFev %d, NGev %d, NHev %d, NIt %d", x0, r.NFev, r.NGev, r.NHev, r.NIt)
		}
		m := r.Path[0].Detail.(Model)
		if x1 := x0 + DefaultDelta*max(1, x0); m.X != x0 || m.H != (dquartic(x0)-dquartic(x1))/(x0-x1) {
			t.Errorf("x0 = %v: first model %+v", x0, m)
		}
	}
	// An explicit second point.
	r := solve(t, &Secant{Delta: 0.5}, on(quartic, dquartic, nil, 0, 2), []float64{0.2}, nil)
	if r.Status != optim.Converged || math.Abs(r.X[0]-xs) > 1e-12 {
		t.Errorf("Delta 0.5: %v", r)
	}
	// Without f′: forward differences through the Task, two f per point.
	r = solve(t, &Secant{}, on(quartic, nil, nil, 0, 2), []float64{0.2}, nil)
	if r.Status != optim.Converged || math.Abs(r.X[0]-xs) > 1e-7 || r.NGev != 0 {
		t.Errorf("finite differences: %v", r)
	}
	// A concave stretch: the secant slope is negative, NotMinimum.
	r = solve(t, &Secant{}, on(quartic, dquartic, nil, -inf, inf), []float64{3}, nil)
	if r.Status != optim.NotMinimum || !strings.Contains(r.Message, "no minimum") {
		t.Errorf("concave: %v", r)
	}
}

// The measured order of the secant method is the golden ratio ≈ 1.618.
func TestSecantOrder(t *testing.T) {
	cases := []struct {
		name   string
		f, df  func(float64) float64
		x0, xs float64
	}{
		{"eˣ − 2x", func(x float64) float64 { return math.Exp(x) - 2*x }, func(x float64) float64 { return math.Exp(x) - 2 }, -1, math.Ln2},
		{"quartic", quartic, dquartic, 0.2, quarticMin(t)},
	}
	for _, c := range cases {
		r := solve(t, &Secant{}, on(c.f, c.df, nil, -inf, inf), []float64{c.x0}, &optim.Settings{Record: true, XTol: 1e-15})
		if r.Status != optim.Converged {
			t.Fatalf("%s: %v", c.name, r)
		}
		if p := order(t, errorsOf(r, c.xs), 1e-12); p < 1.5 || p > 1.75 {
			t.Errorf("%s: measured order %.4f, want ≈ 1.618 in [1.5, 1.75]", c.name, p)
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
		g := solve(t, &Golden{}, on(c.f, nil, nil, c.a, c.b), nil, nil)
		b := solve(t, &Brent{}, on(c.f, nil, nil, c.a, c.b), nil, &optim.Settings{Record: true})
		if b.Status != optim.Converged || 2*b.NFev > g.NFev {
			t.Errorf("%s: Brent %d evaluations (%v), golden %d: want at most half", c.name, b.NFev, b.Status, g.NFev)
		}
		if b.NFev != b.NIt+1 || len(Evaluated(b)) != b.NFev {
			t.Errorf("%s: Brent NFev = %d, NIt = %d, %d points", c.name, b.NFev, b.NIt, len(Evaluated(b)))
		}
	}
	// RelTol tightens the bracket.
	r := solve(t, &Brent{RelTol: 1e-16}, on(quartic, nil, nil, 0, 2), nil, nil)
	if b, _ := optim.DetailOf[*Bracket](r); r.Status != optim.Converged || b.Width() > DefaultXTol+2*eps {
		t.Errorf("RelTol 1e-16: %v, bracket %v", r, b)
	}
}

func TestNonFinite(t *testing.T) {
	nanAbove := func(x float64) float64 {
		if x > 1.1 {
			return math.NaN()
		}
		return quartic(x)
	}
	for _, m := range bracketing() {
		r := solve(t, m, on(nanAbove, nil, nil, 0, 2), nil, nil)
		if r.Status != optim.NonFinite || !strings.Contains(r.Message, "NaN") || r.Err() == nil {
			t.Errorf("%s: status %v, message %q", r.Method, r.Status, r.Message)
		}
		if r.X != nil && math.IsNaN(r.F) {
			t.Errorf("%s: X = %v with NaN F", r.Method, r.X)
		}
		// Everywhere Inf: no X at all.
		r = solve(t, m, on(func(float64) float64 { return inf }, nil, nil, 0, 2), nil, nil)
		if r.Status != optim.NonFinite || r.X != nil || r.Status.Success() {
			t.Errorf("%s everywhere Inf: %v", r.Method, r)
		}
	}
	r := solve(t, &Bisection{}, on(quartic, func(x float64) float64 { return math.Log(x) - 1 }, nil, -1, 5), nil, nil)
	if r.Status != optim.NonFinite {
		t.Errorf("bisection: %v", r)
	}
	for _, m := range []optim.Method{&Newton{}, &Secant{}} {
		r = solve(t, m, on(quartic, func(x float64) float64 { return math.Sqrt(x) }, func(float64) float64 { return 1 }, -inf, inf), []float64{-0.5}, nil)
		if r.Status != optim.NonFinite || !strings.Contains(r.Message, "NaN") {
			t.Errorf("%s NaN f′: %v", r.Method, r)
		}
		r = solve(t, m, on(func(float64) float64 { return math.NaN() }, func(x float64) float64 { return x }, func(float64) float64 { return 1 }, -inf, inf), []float64{1}, nil)
		if r.Status != optim.NonFinite || r.X != nil {
			t.Errorf("%s NaN f: %v", r.Method, r)
		}
	}
	r = solve(t, &Newton{}, on(quartic, dquartic, func(float64) float64 { return math.NaN() }, -inf, inf), []float64{1}, nil)
	if r.Status != optim.NonFinite || !strings.Contains(r.Message, "f″") {
		t.Errorf("newton NaN f″: %v", r)
	}
}

func TestBadInput(t *testing.T) {
	nan := math.NaN()
	calls := 0
	f := func(x float64) float64 { calls++; return quartic(x) }
	df := func(x float64) float64 { calls++; return dquartic(x) }
	good := on(f, df, nil, 0, 2)
	nd := optim.Problem{Func: func(x []float64) float64 { calls++; return x[0] + x[1] }, Lower: []float64{0, 0}, Upper: []float64{1, 1}}
	cases := []struct {
		name string
		p    optim.Problem
		x0   float64
		s    optim.Settings
	}{
		{"a > b", on(f, df, nil, 2, 0), 1, optim.Settings{}},
		{"NaN a", on(f, df, nil, nan, 1), 1, optim.Settings{}},
		{"Inf b", on(f, df, nil, 0, inf), 1, optim.Settings{}},
		{"no bounds", optim.Problem{Func: good.Func, Grad: good.Grad, Dim: 1}, 1, optim.Settings{}},
		{"N-D", nd, 0.5, optim.Settings{}},
		{"nil f", on(nil, df, nil, 0, 2), 1, optim.Settings{}},
		{"MaxIter < 0", good, 1, optim.Settings{MaxIter: -1}},
		{"XTol < 0", good, 1, optim.Settings{XTol: -1e-8}},
		{"XTol NaN", good, 1, optim.Settings{XTol: nan}},
		{"GTol < 0", good, 1, optim.Settings{GTol: -1}},
		{"MaxEval < 0", good, 1, optim.Settings{MaxEval: -1}},
	}
	for _, c := range cases {
		for _, m := range all() {
			x0 := x0Of(m, c.x0)
			if c.name == "N-D" && x0 != nil {
				x0 = []float64{0.5, 0.5}
			}
			if (c.name == "no bounds" || c.name == "Inf b") && x0 != nil {
				continue // Newton and secant need none
			}
			r, err := optim.Minimize(context.Background(), c.p, x0, &c.s, m)
			if err == nil || r != nil {
				t.Errorf("%s %s: no error (%v)", m.Info().Name, c.name, r)
			}
		}
	}
	// Method parameters and start points.
	for _, c := range []struct {
		name string
		m    optim.Method
		x0   []float64
	}{
		{"RelTol < 0", &Brent{RelTol: -1}, nil},
		{"RelTol NaN", &Brent{RelTol: nan}, nil},
		{"Eps ≥ 0.5", &Fibonacci{Eps: 0.5}, nil},
		{"Eps < 0", &Fibonacci{Eps: -0.1}, nil},
		{"x0 for golden", &Golden{}, []float64{1}},
		{"x0 for bisection", &Bisection{}, []float64{1}},
		{"newton without x0", &Newton{}, nil},
		{"secant without x0", &Secant{}, nil},
		{"Delta outside", &Secant{Delta: 5}, []float64{1}},
		{"Delta NaN", &Secant{Delta: nan}, []float64{1}},
		{"Delta too small", &Secant{Delta: 1e-30}, []float64{1}},
		{"x0 outside", &Newton{}, []float64{3}},
	} {
		if r, err := optim.Minimize(context.Background(), good, c.x0, nil, c.m); err == nil || r != nil {
			t.Errorf("%s: no error (%v)", c.name, r)
		}
	}
	if calls != 0 {
		t.Errorf("bad input evaluated the function %d times", calls)
	}
	// A one-point interval is not an error: its point is the minimizer.
	for _, m := range all() {
		r := solve(t, m, on(quartic, dquartic, nil, 1, 1), x0Of(m, 1), nil)
		if r.Status != optim.Converged || r.X[0] != 1 || r.F != quartic(1) || r.NFev != 1 {
			t.Errorf("%s on [1, 1]: %v", r.Method, r)
		}
	}
	// A panicking objective is a status.
	for _, m := range all() {
		r := solve(t, m, on(func(float64) float64 { panic("boom") }, dquartic, nil, 0, 2), x0Of(m, 1), nil)
		if r.Status != optim.EvaluationError || !strings.Contains(r.Message, "boom") {
			t.Errorf("%s panicking f: %v", r.Method, r)
		}
	}
}

func TestLimitsAndCallback(t *testing.T) {
	p := on(quartic, dquartic, d2quartic, 0, 2)
	// x⁴ from 1: Newton and secant converge linearly (f″(0) = 0).
	slow := on(func(x float64) float64 { return x * x * x * x }, func(x float64) float64 { return 4 * x * x * x }, func(x float64) float64 { return 12 * x * x }, -inf, inf)
	for _, m := range all() {
		q, x0 := p, x0Of(m, 1)
		if x0 != nil {
			q = slow
		}
		name := m.Info().Name
		if _, ok := m.(*Bisection); ok {
			q = on(quartic, nil, nil, 0, 2) // with an analytic f′ MaxEval counts only f
		}
		r := solve(t, m, q, x0, &optim.Settings{MaxEval: 10})
		if r.Status != optim.EvaluationLimit || r.NFev != 10 || r.Err() == nil || r.X == nil {
			t.Errorf("%s MaxEval 10: %v", name, r)
		}
		r = solve(t, m, q, x0, &optim.Settings{MaxIter: 3})
		if r.Status != optim.IterationLimit || r.NIt != 3 || r.Err() == nil || r.X == nil || r.F != q.Func(r.X) {
			t.Errorf("%s MaxIter 3: %v", name, r)
		}
		seen := 0
		r = solve(t, m, q, x0, &optim.Settings{Callback: func(it optim.Iteration) bool { seen++; return it.Iter == 2 }})
		if r.Status != optim.Stopped || r.NIt != 2 || seen != 2 {
			t.Errorf("%s callback: %v, %d calls", name, r, seen)
		}
	}
}

func TestCancelled(t *testing.T) {
	p := on(quartic, dquartic, d2quartic, 0, 2)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, m := range all() {
		r, err := optim.Minimize(ctx, p, x0Of(m, 1), nil, m)
		if err != nil || r.Status != optim.Cancelled || r.NFev != 0 || r.NGev != 0 {
			t.Errorf("%s: %v %v", m.Info().Name, r, err)
		}
	}
	// Cancelled during the run, after the first iteration.
	for _, m := range all() {
		ctx, cancel := context.WithCancel(context.Background())
		s := &optim.Settings{XTol: 1e-12, Callback: func(optim.Iteration) bool { cancel(); return false }}
		r, err := optim.Minimize(ctx, p, x0Of(m, 0.2), s, m)
		if err != nil || r.Status != optim.Cancelled || r.NIt != 1 {
			t.Errorf("%s mid-run: %v %v", m.Info().Name, r, err)
		}
		cancel()
	}
}

// Near machine precision a tiny XTol stops cleanly instead of looping.
func TestTinyTolerance(t *testing.T) {
	for _, m := range []optim.Method{&Golden{}, &Brent{}, &Fibonacci{}} {
		r := solve(t, m, on(quartic, nil, nil, 0, 2), nil, tol(1e-300))
		if r.Status != optim.Converged || r.NIt >= DefaultMaxIter {
			t.Errorf("%s: %v", m.Info().Name, r)
		}
	}
	r := solve(t, &Bisection{}, on(quartic, dquartic, nil, 0, 2), nil, tol(1e-300))
	if r.Status != optim.Converged || math.Abs(r.X[0]-quarticMin(t)) > 1e-15 {
		t.Errorf("bisection: %v", r)
	}
	for _, m := range []optim.Method{&Newton{}, &Secant{}} {
		r := solve(t, m, on(quartic, dquartic, d2quartic, 0, 2), []float64{0.2}, &optim.Settings{XTol: 1e-300, GTol: 1e-300})
		if r.Status != optim.Converged || math.Abs(r.X[0]-quarticMin(t)) > 1e-15 {
			t.Errorf("%s: %v", m.Info().Name, r)
		}
	}
}

// The methods are deterministic: Workers (which evaluates finite-difference
// probes concurrently) changes nothing.
func TestWorkers(t *testing.T) {
	for _, m := range all() {
		p := on(quartic, nil, nil, 0, 2) // no derivatives: finite differences
		ref := solve(t, m, p, x0Of(m, 0.2), &optim.Settings{Workers: 1})
		r := solve(t, m, p, x0Of(m, 0.2), &optim.Settings{Workers: 4})
		if r.String() != ref.String() || !slices.Equal(r.Trace, ref.Trace) {
			t.Errorf("%s: Workers 4 %v, Workers 1 %v", r.Method, r, ref)
		}
	}
}

func TestFlags(t *testing.T) {
	for _, c := range []struct {
		m    optim.Method
		args []string
		want optim.Method
	}{
		{&Fibonacci{}, []string{"-fibeps", "0.05"}, &Fibonacci{Eps: 0.05}},
		{&Brent{}, []string{"-reltol", "1e-10"}, &Brent{RelTol: 1e-10}},
		{&Secant{}, []string{"-delta", "-0.25"}, &Secant{Delta: -0.25}},
	} {
		fs := flag.NewFlagSet("test", flag.ContinueOnError)
		c.m.(optim.Flagger).Flags(fs)
		if err := fs.Parse(c.args); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(c.m) != fmt.Sprint(c.want) {
			t.Errorf("%v: got %+v", c.args, c.m)
		}
	}
}
