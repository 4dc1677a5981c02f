package onedim

import (
	"flag"
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/optim"
)

func init() {
	optim.Register(func() optim.Method { return &Brent{} })
}

// Brent is Brent's method on [Lower[0], Upper[0]] (registered as "brent";
// Brent 1973, "Algorithms for Minimization without Derivatives", ch. 5):
// parabolic interpolation through the three best points when it behaves, a
// golden-section step when it does not.
//
// It keeps a bracket [a, b] and three points: x, the best so far; w, the
// second best; v, the previous w. Each iteration fits the parabola through
// (v, w, x) and tries its vertex (brentStep). The parabolic step is refused,
// and a golden-section step into the larger part of the bracket taken
// instead, when it would leave the bracket or is not less than half the
// step before last: that guarantees at least golden-section's progress
// every two iterations, while near a smooth minimum the parabolic steps
// converge superlinearly (order ≈ 1.32). No step is shorter than tol, the
// tolerance at x, so that f(u) differs from f(x) by more than rounding.
//
// It converges when the bracket is at most XTol + RelTol·|x| wide
// (Settings.XTol, default DefaultXTol), so x is within that of every point
// of the bracket. Brent evaluates f once at x = a + ρ(b−a), then once per
// iteration: n iterations cost n+1 evaluations (Pop of iteration 1 lists
// both). Iteration and Result fields are as for Golden.
type Brent struct {
	// RelTol is the relative tolerance: Brent stops when the bracket is
	// narrower than XTol + RelTol·|x|; 0 means DefaultRelTol = √ε. Brent
	// never uses less than 2ε, since a step below ε·|x| changes nothing.
	RelTol float64
}

// Info describes Brent's method.
func (*Brent) Info() optim.Info {
	return optim.Info{
		Name:           "brent",
		Summary:        "Brent's method on [a, b]: parabolic interpolation with golden-section safeguard",
		Iteration:      "one parabolic or golden-section step: one evaluation of f (two in the first)",
		DefaultMaxIter: DefaultMaxIter,
		MaxDim:         1,
		OneD:           true,
		NeedsBounds:    true,
		NoX0:           true,
	}
}

// Flags defines -reltol.
func (m *Brent) Flags(fs *flag.FlagSet) {
	fs.Float64Var(&m.RelTol, "reltol", m.RelTol, "Brent: relative tolerance, the bracket must be below xtol + reltol·|x| (default √ε ≈ 1.5e-8)")
}

// brent is the state of Brent's method.
type brent struct {
	a, b       float64 // the bracket
	x, w, v    float64 // the best point, the second best, the previous w
	fx, fw, fv float64
	d, e       float64 // the step just taken, and the one before it
}

// brentStep returns the next point u: the vertex x + p/q of the parabola
// through (v, fv), (w, fw), (x, fx) if it lies inside the bracket and the
// step is less than half the one before last, otherwise a golden-section
// step from x into the larger part of the bracket; never closer than tol
// to x. m is the bracket's midpoint.
func brentStep(s *brent, tol float64) (u float64) {
	m := s.a + (s.b-s.a)/2
	golden := true
	if math.Abs(s.e) > tol {
		t1 := (s.x - s.w) * (s.fx - s.fv)
		t2 := (s.x - s.v) * (s.fx - s.fw)
		p, q := (s.x-s.v)*t2-(s.x-s.w)*t1, 2*(t2-t1)
		if q > 0 {
			p = -p
		}
		q = math.Abs(q)
		eOld := s.e
		s.e = s.d
		if math.Abs(p) < math.Abs(q*eOld/2) && p > q*(s.a-s.x) && p < q*(s.b-s.x) {
			s.d, golden = p/q, false // the parabolic step
			if u := s.x + s.d; u-s.a < 2*tol || s.b-u < 2*tol {
				s.d = math.Copysign(tol, m-s.x)
			}
		}
	}
	if golden {
		if s.x >= m {
			s.e = s.a - s.x
		} else {
			s.e = s.b - s.x
		}
		s.d = Rho * s.e
	}
	if math.Abs(s.d) < tol {
		return s.x + math.Copysign(tol, s.d)
	}
	return s.x + s.d
}

// tell shrinks the bracket with f(u) and updates x, w, v.
func (s *brent) tell(u, fu float64) {
	if fu <= s.fx {
		if u >= s.x {
			s.a = s.x
		} else {
			s.b = s.x
		}
		s.v, s.fv, s.w, s.fw, s.x, s.fx = s.w, s.fw, s.x, s.fx, u, fu
		return
	}
	if u < s.x {
		s.a = u
	} else {
		s.b = u
	}
	switch {
	case fu <= s.fw || s.w == s.x:
		s.v, s.fv, s.w, s.fw = s.w, s.fw, u, fu
	case fu <= s.fv || s.v == s.x || s.v == s.w:
		s.v, s.fv = u, fu
	}
}

// Run minimizes t's 1-D problem by Brent's method.
func (m *Brent) Run(t *optim.Task) error {
	if m.RelTol < 0 || !optim.IsFinite(m.RelTol) {
		return fmt.Errorf("onedim: Brent.RelTol must be finite and non-negative (0 = default), got %v", m.RelTol)
	}
	a, b, ok := interval(t)
	if !ok {
		return nil
	}
	rel := max(optim.Or(m.RelTol, DefaultRelTol), 2*eps)
	xtol := optim.Or(t.Settings.XTol, DefaultXTol)
	x := a + Rho*(b-a)
	fx := evalF(t, x)
	s := brent{a: a, b: b, x: x, w: x, v: x, fx: fx, fw: fx, fv: fx}
	pop, popF := [][]float64{{x}}, []float64{fx} // iteration 1 lists the first point too
	for {
		// tol is a quarter of the allowed final width: the test reads
		// max(x−a, b−x) ≤ 2·tol, i.e. b − a ≤ 4·tol.
		tol := (rel*math.Abs(s.x) + xtol) / 4
		if math.Abs(s.x-(s.a+(s.b-s.a)/2)) <= 2*tol-(s.b-s.a)/2 {
			t.Finish(optim.Converged, "bracket [%v, %v] is %.3g wide ≤ XTol + RelTol·|x| = %.3g", s.a, s.b, s.b-s.a, 4*tol)
			return nil
		}
		u := brentStep(&s, tol)
		fu := evalF(t, u)
		s.tell(u, fu)
		pop, popF = append(pop, []float64{u}), append(popF, fu)
		t.Detail = &Bracket{s.a, s.b}
		t.Iterate(optim.Iteration{X: []float64{s.x}, F: s.fx, Pop: pop, PopF: popF, Detail: Bracket{s.a, s.b}})
		pop, popF = nil, nil
	}
}
