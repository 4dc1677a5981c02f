package anneal_test

import (
	"math"
	"testing"

	"github.com/optlab/optlab/pkg/anneal"
	"github.com/optlab/optlab/pkg/optim"
)

// A quadratic with its unconstrained minimum at c = (2, −3, 0.5, 1) and the
// box [−1, 1]^4: the solution is c clipped to the box, with two coordinates
// on a bound.
func TestLocalSearchBoundedQuadratic(t *testing.T) {
	c := []float64{2, -3, 0.5, 1}
	d := []float64{1, 10, 100, 0.1} // ill-conditioned diagonal
	f := func(x []float64) float64 {
		s := 0.0
		for i := range x {
			s += d[i] * (x[i] - c[i]) * (x[i] - c[i])
		}
		// a coupling term keeps it from being separable
		return s + 0.5*(x[2]-c[2])*(x[3]-c[3])
	}
	grad := func(g, x []float64) {
		for i := range x {
			g[i] = 2 * d[i] * (x[i] - c[i])
		}
		g[2] += 0.5 * (x[3] - c[3])
		g[3] += 0.5 * (x[2] - c[2])
	}
	l, u := box(4, -1, 1)
	want := []float64{1, -1, 0.5, 1}
	for _, withGrad := range []bool{true, false} {
		p := optim.Problem{Func: f, Lower: l, Upper: u}
		if withGrad {
			p.Grad = grad
		}
		r, err := anneal.LocalSearch(p, []float64{-0.9, 0.9, -0.2, 0}, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("grad %v: %v", withGrad, r)
		if r.Status != optim.Converged {
			t.Errorf("status %v", r.Status)
		}
		for i := range want {
			if math.Abs(r.X[i]-want[i]) > 1e-5 {
				t.Errorf("grad %v: x[%d] = %v, want %v", withGrad, i, r.X[i], want[i])
			}
		}
		if r.X[0] != 1 || r.X[1] != -1 {
			t.Errorf("grad %v: the active bounds are not met exactly: %v", withGrad, r.X)
		}
		if withGrad && r.NGev == 0 || !withGrad && r.NGev != 0 {
			t.Errorf("grad %v: NGev = %d", withGrad, r.NGev)
		}
		checkTrace(t, r)
	}
}

func TestLocalSearchUnbounded(t *testing.T) {
	p := optim.Problem{Func: rosenbrock, Grad: rosenbrockGrad}
	x0 := []float64{-1.2, 1, -1.2, 1, 0}
	r, err := anneal.LocalSearch(p, x0, &anneal.LocalOptions{MaxIter: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range r.X {
		if math.Abs(v-1) > 1e-4 {
			t.Errorf("x[%d] = %v, want 1 (%v)", i, v, r)
		}
	}
	// The evaluation limit holds, finite differences included.
	p.Grad = nil
	r, err = anneal.LocalSearch(p, x0, &anneal.LocalOptions{MaxEval: 100})
	if err != nil {
		t.Fatal(err)
	}
	if r.NFev > 100 || r.Status != optim.EvaluationLimit {
		t.Errorf("MaxEval 100: %v", r)
	}
}

func TestLocalSearchBadInput(t *testing.T) {
	l, u := box(2, -1, 1)
	p := optim.Problem{Func: sphere, Lower: l, Upper: u}
	for name, tc := range map[string]struct {
		x0 []float64
		o  *anneal.LocalOptions
	}{
		"nil x0":       {nil, nil},
		"x0 outside":   {[]float64{2, 0}, nil},
		"x0 length":    {[]float64{0}, nil},
		"negative tol": {[]float64{0, 0}, &anneal.LocalOptions{GTol: -1}},
		"NaN eps":      {[]float64{0, 0}, &anneal.LocalOptions{Eps: math.NaN()}},
	} {
		if _, err := anneal.LocalSearch(p, tc.x0, tc.o); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	nan := optim.Problem{Func: func([]float64) float64 { return math.NaN() }, Lower: l, Upper: u}
	r, err := anneal.LocalSearch(nan, []float64{0, 0}, nil)
	if err != nil || r.Status != optim.NonFinite {
		t.Errorf("NaN objective: %v, %v", r, err)
	}
}
