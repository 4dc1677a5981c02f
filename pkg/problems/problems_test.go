package problems

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/diff/fd"

	"github.com/optlab/optlab/pkg/optim"
)

func TestMinima(t *testing.T) {
	for _, s := range List() {
		for _, n := range dims(s) {
			p, err := s.Problem(n)
			if err != nil {
				t.Fatalf("%s(%d): %v", s.Name, n, err)
			}
			x := s.XMin(n)
			if len(x) != n {
				t.Fatalf("%s(%d): len(XMin) = %d", s.Name, n, len(x))
			}
			if f := p.Func(x); math.Abs(f-s.FMin) > 1e-9*math.Max(1, math.Abs(s.FMin)) {
				t.Errorf("%s(%d): f(XMin) = %.17g, want %.17g", s.Name, n, f, s.FMin)
			}
			// The gradient vanishes at the minimizer (except Ackley, where
			// it does not exist; Grad returns 0 there anyway).
			g := make([]float64, n)
			p.Grad(g, x)
			tol := 1e-7
			if s.Name == "toynet" {
				tol = 1e-3 // best known point, found numerically
			}
			for i, v := range g {
				if math.Abs(v) > tol {
					t.Errorf("%s(%d): gradient[%d] = %g at XMin", s.Name, n, i, v)
				}
			}
			// The minimum is lower than the start, and nearby points are not lower.
			x0 := s.X0(n)
			if len(x0) != n {
				t.Fatalf("%s(%d): len(X0) = %d", s.Name, n, len(x0))
			}
			if f0 := p.Func(x0); !(f0 > s.FMin) {
				t.Errorf("%s(%d): f(X0) = %g is not above the minimum %g", s.Name, n, f0, s.FMin)
			}
			rng := optim.NewRand(uint64(n))
			for k := 0; k < 20; k++ {
				y := append([]float64(nil), x...)
				for i := range y {
					y[i] += 1e-3 * (2*rng.Float64() - 1)
				}
				if f := p.Func(y); f < s.FMin-1e-12 {
					t.Errorf("%s(%d): f = %g < FMin = %g near the minimizer", s.Name, n, f, s.FMin)
				}
			}
			// X0 lies in the usual domain.
			lo, hi := s.Box(n)
			if err := optim.CheckInBounds("X0", x0, lo, hi); err != nil {
				t.Errorf("%s(%d): X0 outside the domain: %v", s.Name, n, err)
			}
		}
	}
}

func dims(s Spec) []int {
	if s.Dim != 0 {
		return []int{s.Dim}
	}
	return []int{s.MinDim, s.MinDim + 1, 5}
}

func TestHimmelblauMinima(t *testing.T) {
	p := Himmelblau()
	ms := HimmelblauMinima()
	if len(ms) != 4 {
		t.Fatalf("%d minima, want 4", len(ms))
	}
	g := make([]float64, 2)
	for _, m := range ms {
		if f := p.Func(m); f > 1e-20 {
			t.Errorf("f(%v) = %g, want 0", m, f)
		}
		p.Grad(g, m)
		if math.Hypot(g[0], g[1]) > 1e-9 {
			t.Errorf("gradient %v at %v", g, m)
		}
		if m[0] < -5 || m[0] > 5 || m[1] < -5 || m[1] > 5 {
			t.Errorf("minimum %v outside [-5, 5]²", m)
		}
	}
}

func TestGradientsMatchCentralDiff(t *testing.T) {
	rng := optim.NewRand(7)
	for _, s := range List() {
		for _, n := range dims(s) {
			p, err := s.Problem(n)
			if err != nil {
				t.Fatal(err)
			}
			for trial := 0; trial < 10; trial++ {
				x := make([]float64, n)
				for i := range x {
					x[i] = s.Lower + (s.Upper-s.Lower)*rng.Float64()
				}
				g := make([]float64, n)
				num := make([]float64, n)
				p.Grad(g, x)
				h := 1e-6 * math.Max(1, s.Upper-s.Lower)
				fd.Gradient(num, p.Func, x, &fd.Settings{Formula: fd.Central, Step: h})
				for i := range g {
					if d := math.Abs(g[i] - num[i]); d > 1e-5*math.Max(1, math.Abs(num[i])) {
						t.Errorf("%s(%d) at %v: grad[%d] = %g, central difference %g", s.Name, n, x, i, g[i], num[i])
					}
				}
			}
		}
	}
}

func TestScalarDerivatives(t *testing.T) {
	for _, sc := range []Scalar{Poly(), Cos(), HalfSquare()} {
		if !(sc.A < sc.XMin && sc.XMin < sc.B) {
			t.Errorf("%s: minimizer %g not inside [%g, %g]", sc.Name, sc.XMin, sc.A, sc.B)
		}
		if f := sc.F(sc.XMin); math.Abs(f-sc.FMin) > 1e-12 {
			t.Errorf("%s: F(XMin) = %.17g, want %.17g", sc.Name, f, sc.FMin)
		}
		if d := sc.DF(sc.XMin); math.Abs(d) > 1e-12 {
			t.Errorf("%s: F'(XMin) = %g", sc.Name, d)
		}
		if d2 := sc.D2F(sc.XMin); d2 <= 0 {
			t.Errorf("%s: F''(XMin) = %g, want > 0", sc.Name, d2)
		}
		// XMin is the minimum of F on a fine grid of [A, B].
		for i := 0; i <= 2000; i++ {
			x := sc.A + (sc.B-sc.A)*float64(i)/2000
			if sc.F(x) < sc.FMin-1e-12 {
				t.Errorf("%s: F(%g) = %g below FMin %g", sc.Name, x, sc.F(x), sc.FMin)
				break
			}
		}
		for _, x := range []float64{sc.A, sc.X0, 0.3*sc.A + 0.7*sc.B, sc.B} {
			const h = 1e-5
			d := (sc.F(x+h) - sc.F(x-h)) / (2 * h)
			d2 := (sc.DF(x+h) - sc.DF(x-h)) / (2 * h)
			if math.Abs(d-sc.DF(x)) > 1e-6*math.Max(1, math.Abs(d)) {
				t.Errorf("%s: F'(%g) = %g, central difference %g", sc.Name, x, sc.DF(x), d)
			}
			if math.Abs(d2-sc.D2F(x)) > 1e-6*math.Max(1, math.Abs(d2)) {
				t.Errorf("%s: F''(%g) = %g, central difference %g", sc.Name, x, sc.D2F(x), d2)
			}
		}
		p := sc.Problem()
		g := []float64{0}
		p.Grad(g, []float64{sc.X0})
		if p.Dim != 1 || p.Func([]float64{sc.X0}) != sc.F(sc.X0) || g[0] != sc.DF(sc.X0) {
			t.Errorf("%s: Problem() disagrees with F, DF", sc.Name)
		}
	}
	// The published value of the polynomial's minimizer.
	if x := Poly().XMin; math.Abs(x-0.7809) > 5e-5 {
		t.Errorf("Poly minimizer %g, want ≈ 0.7809", x)
	}
}

func TestBadDimensions(t *testing.T) {
	for _, f := range []struct {
		name string
		f    func(int) (optim.Problem, error)
		bad  []int
	}{
		{"Sphere", Sphere, []int{0, -1}},
		{"Rosenbrock", Rosenbrock, []int{0, 1, -3}},
		{"Rastrigin", Rastrigin, []int{0}},
		{"Ackley", Ackley, []int{0, -2}},
		{"ToyNet", ToyNet, []int{0, 2, 9, 11}},
	} {
		for _, n := range f.bad {
			if _, err := f.f(n); err == nil {
				t.Errorf("%s(%d): no error", f.name, n)
			}
		}
	}
	for _, s := range List() {
		for _, n := range []int{0, -1, s.MinDim - 1} {
			if n >= 1 && s.Dim == 0 {
				continue
			}
			if _, err := s.Problem(n); err == nil {
				t.Errorf("%s: Problem(%d): no error", s.Name, n)
			}
			if s.CheckDim(n) == nil {
				t.Errorf("%s: CheckDim(%d) = nil", s.Name, n)
			}
		}
		if s.Dim != 0 {
			if _, err := s.Problem(s.Dim + 1); err == nil {
				t.Errorf("%s: Problem(%d): no error", s.Name, s.Dim+1)
			}
		}
		if err := s.CheckDim(s.DefaultDim); err != nil {
			t.Errorf("%s: default dimension: %v", s.Name, err)
		}
	}
}

func TestListAndLookup(t *testing.T) {
	want := []string{"ackley", "beale", "brown", "cos", "freudenstein", "halfsquare", "himmelblau", "poly", "powell", "rastrigin", "rosenbrock", "sphere", "toynet", "wood"}
	l := List()
	var got []string
	for _, s := range l {
		got = append(got, s.Name)
		if s.Summary == "" || s.Problem == nil || s.XMin == nil || s.X0 == nil || !(s.Lower < s.Upper) {
			t.Errorf("%s: incomplete spec", s.Name)
		}
		if (s.Scalar != nil) != (s.Dim == 1) {
			t.Errorf("%s: Scalar set iff 1-D", s.Name)
		}
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("List names %v, want %v", got, want)
	}
	// List returns fresh values.
	l[0].Name = "changed"
	if List()[0].Name == "changed" {
		t.Error("List shares state between calls")
	}
	s, err := Lookup("Rosenbrock")
	if err != nil || s.Name != "rosenbrock" {
		t.Errorf("Lookup(Rosenbrock) = %v, %v", s.Name, err)
	}
	if _, err := Lookup("nope"); err == nil || !strings.Contains(err.Error(), "sphere") {
		t.Errorf("Lookup(nope) error %v should list the known problems", err)
	}
}

func TestToyNetSpec(t *testing.T) {
	s, err := Lookup("toynet")
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Problem(10)
	if err != nil {
		t.Fatal(err)
	}
	if f := p.Func(s.X0(10)); math.Abs(f-307090.483492672)/307090.483492672 > 1e-9 {
		t.Errorf("toynet loss at X0 = %.15g, want the reference 307090.483492672", f)
	}
	if s.Lower != -1 || s.Upper != 1 {
		t.Errorf("toynet box [%g, %g], want [-1, 1]", s.Lower, s.Upper)
	}
}

func TestQuadratic(t *testing.T) {
	a, c := []float64{1, 100}, []float64{2, -3}
	p, err := Quadratic(a, c)
	if err != nil {
		t.Fatal(err)
	}
	if f := p.Func(c); f != 0 {
		t.Errorf("f(c) = %v, want 0", f)
	}
	x := []float64{3, -1}
	if f, want := p.Func(x), 0.5*(1*1+100*2*2); f != want {
		t.Errorf("f(%v) = %v, want %v", x, f, want)
	}
	g, num := make([]float64, 2), make([]float64, 2)
	p.Grad(g, x)
	fd.Gradient(num, p.Func, x, &fd.Settings{Formula: fd.Central, Step: 1e-6})
	for i := range g {
		if math.Abs(g[i]-num[i]) > 1e-6*math.Max(1, math.Abs(g[i])) {
			t.Errorf("grad[%d] = %v, central difference %v", i, g[i], num[i])
		}
	}
	a[0] = -5 // Quadratic keeps its own copy
	if p.Func(c) != 0 {
		t.Error("Quadratic must copy a and c")
	}
	for _, bad := range [][2][]float64{{{1}, {1, 2}}, {nil, nil}, {{0}, {0}}, {{-1}, {0}}, {{math.Inf(1)}, {0}}, {{1}, {math.NaN()}}} {
		if _, err := Quadratic(bad[0], bad[1]); err == nil {
			t.Errorf("Quadratic(%v, %v) accepted", bad[0], bad[1])
		}
	}
}
