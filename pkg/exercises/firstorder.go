package exercises

import (
	"math"
	"slices"

	"github.com/optlab/optlab/pkg/adam"
	"github.com/optlab/optlab/pkg/optim"
)

// Checkers of chapter 10 (gradient descent, momentum, Adam).

// AdamStepFunc is the signature of an Adam update, as adam.Step: the t-th
// step (t = 1, 2, ...) of x with gradient g, updating the moments m and v
// in place.
type AdamStepFunc func(x, g, m, v []float64, t int, lr, beta1, beta2, eps float64)

// CheckAdamStep checks a student's Adam update against adam.Step on hidden
// vectors: a first step with gradients of very different sizes, a run of
// several steps with other β's, and a zero gradient with a large ε. It
// compares x, m and v after every step (relative tolerance 1e-10: the
// textbook formula and PyTorch's order of operations differ only by
// rounding). It prints PASS/FAIL lines with hints and returns true if all
// passed.
func CheckAdamStep(step AdamStepFunc) bool {
	r := &checker{name: "Adam update"}
	if step == nil {
		r.fail("pass your function, e.g. exercises.CheckAdamStep(myAdamStep)", "no function given")
		return r.done()
	}
	type hidden struct {
		name                  string
		x, m, v               []float64
		grads                 [][]float64
		lr, beta1, beta2, eps float64
	}
	cases := []hidden{
		{name: "first step, gradients from 1e-3 to 1e3", x: []float64{0.5, -1, 2, 0},
			m: make([]float64, 4), v: make([]float64, 4),
			grads: [][]float64{{1e3, -1e-3, 0.5, -40}}, lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8},
		{name: "six steps, β₁ = 0.8, β₂ = 0.99", x: []float64{1, 2, -3},
			m: make([]float64, 3), v: make([]float64, 3),
			grads: [][]float64{{1, -2, 0.5}, {0.8, -1, -0.5}, {0.1, 3, 0.2}, {-0.4, 2, 0.1}, {2, -0.5, 0}, {1e-3, 1e2, -7}},
			lr:    0.01, beta1: 0.8, beta2: 0.99, eps: 1e-8},
		{name: "a zero gradient and ε = 1e-3 (after warm moments, step 4)", x: []float64{3, -2},
			m: []float64{0.2, -0.1}, v: []float64{0.04, 0.01},
			grads: [][]float64{{0, 1e-4}}, lr: 0.5, beta1: 0.9, beta2: 0.999, eps: 1e-3},
	}
	close := func(a, b []float64) (int, bool) {
		for i := range b {
			if !(math.Abs(a[i]-b[i]) <= 1e-12+1e-10*math.Abs(b[i])) {
				return i, false
			}
		}
		return -1, true
	}
	for _, c := range cases {
		wx, wm, wv := slices.Clone(c.x), slices.Clone(c.m), slices.Clone(c.v)
		sx, sm, sv := slices.Clone(c.x), slices.Clone(c.m), slices.Clone(c.v)
		t0 := 1
		if c.m[0] != 0 {
			t0 = 4
		}
		failed := false
		for k, g := range c.grads {
			t := t0 + k
			adam.Step(wx, slices.Clone(g), wm, wv, t, c.lr, c.beta1, c.beta2, c.eps)
			gs := slices.Clone(g)
			if msg := safely(func() { step(sx, gs, sm, sv, t, c.lr, c.beta1, c.beta2, c.eps) }); msg != "" {
				r.fail("", "%s: %s", c.name, msg)
				failed = true
				break
			}
			if i, ok := close(sm, wm); !ok {
				hint := "m ← β₁ m + (1−β₁) g, updated in place (the checker reads m back)"
				if sm[i] == c.m[i] || (k > 0 && sm[i] == 0) {
					hint = "m and v are not updated: write into m[i] and v[i], the moments carry over to the next step"
				}
				r.fail(hint, "%s, step t = %d: m[%d] = %.10g, want %.10g", c.name, t, i, sm[i], wm[i])
				failed = true
				break
			}
			if i, ok := close(sv, wv); !ok {
				r.fail("v ← β₂ v + (1−β₂) g² (the square of the gradient, element by element)",
					"%s, step t = %d: v[%d] = %.10g, want %.10g", c.name, t, i, sv[i], wv[i])
				failed = true
				break
			}
			if i, ok := close(sx, wx); !ok {
				hint := "x ← x − lr·m̂/(√v̂ + ε) with m̂ = m/(1−β₁ᵗ) and v̂ = v/(1−β₂ᵗ) (t counts from 1); ε goes outside the square root"
				if sx[i] == c.x[i] && k == 0 {
					hint = "x did not change: update x[i] in place"
				}
				r.fail(hint, "%s, step t = %d: x[%d] = %.12g, want %.12g", c.name, t, i, sx[i], wx[i])
				failed = true
				break
			}
		}
		if !failed {
			r.ok("%s: x, m and v agree with adam.Step", c.name)
		}
	}
	return r.done()
}

// StableLRFunc is a student's search for the largest learning rate at
// which gradient descent converges on the problem p from x0.
type StableLRFunc func(p optim.Problem, x0 []float64) float64

// CheckLargestStableLR runs a student's search on hidden quadratics
// ½ (x − c)ᵀ A (x − c), one of them rotated (A not diagonal), and checks the
// answer against the theory, η_max = 2/L with L the largest eigenvalue of A,
// to within 2%. The student's function sees only Func and Grad (it may run
// optim.Minimize with gd.Method as often as it likes, up to 2 million
// gradient evaluations per case). It prints PASS/FAIL lines with hints and
// returns true if all passed.
func CheckLargestStableLR(find StableLRFunc) bool {
	r := &checker{name: "largest stable learning rate"}
	if find == nil {
		r.fail("pass your function, e.g. exercises.CheckLargestStableLR(largestLR)", "no function given")
		return r.done()
	}
	type hidden struct {
		name string
		a    [][]float64 // the Hessian
		c    []float64   // the minimizer
		x0   []float64
		lmax float64
	}
	th := 0.6
	co, si := math.Cos(th), math.Sin(th)
	l1, l2 := 2.0, 10.0
	rot := [][]float64{ // R diag(l1, l2) Rᵀ
		{l1*co*co + l2*si*si, (l1 - l2) * co * si},
		{(l1 - l2) * co * si, l1*si*si + l2*co*co},
	}
	cases := []hidden{
		{"diag(1, 25)", [][]float64{{1, 0}, {0, 25}}, []float64{0, 0}, []float64{-4.5, 1.5}, 25},
		{"diag(3, 40, 0.5), minimum at (1, −2, 3)", [][]float64{{3, 0, 0}, {0, 40, 0}, {0, 0, 0.5}}, []float64{1, -2, 3}, []float64{0, 0, 0}, 40},
		{"a rotated quadratic with eigenvalues 2 and 10", rot, []float64{1, 1}, []float64{-2, 3}, l2},
	}
	for _, c := range cases {
		n := len(c.c)
		const budget = 2_000_000
		tick, evals := meter(budget, "more than %d gradient evaluations: does your search stop?")
		p := optim.Problem{
			Dim: n,
			Func: func(x []float64) float64 {
				s := 0.0
				for i := range n {
					for j := range n {
						s += (x[i] - c.c[i]) * c.a[i][j] * (x[j] - c.c[j])
					}
				}
				return s / 2
			},
			Grad: func(g, x []float64) {
				tick()
				for i := range n {
					g[i] = 0
					for j := range n {
						g[i] += c.a[i][j] * (x[j] - c.c[j])
					}
				}
			},
		}
		var eta float64
		if msg := safely(func() { eta = find(p, slices.Clone(c.x0)) }); msg != "" {
			r.fail("", "%s: %s", c.name, msg)
			continue
		}
		want := 2 / c.lmax
		switch {
		case math.IsNaN(eta) || eta <= 0:
			r.fail("return the largest η for which gradient descent still converges (run gd.Method{LR: η} and look at the loss)",
				"%s: got η = %v", c.name, eta)
		case math.Abs(eta-want) > 0.02*want:
			hint := "bisect on η: a run converges if its last loss is far below the first (set GTol tiny, e.g. 1e-300, so runs do not stop early, and use a few hundred steps)"
			if eta < want {
				hint += "; your η is too small — near the threshold the decay is slow, so compare the loss after many steps"
			}
			r.fail(hint, "%s: got η = %.5g, the threshold is %.5g (off by %.1f%%)", c.name, eta, want, 100*(eta-want)/want)
		default:
			r.ok("%s: η = %.5g, threshold 2/L = %.5g (%d gradients)", c.name, eta, want, *evals)
		}
	}
	return r.done()
}
