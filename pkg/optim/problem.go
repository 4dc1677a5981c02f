package optim

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Problem is a minimization problem in n variables:
//
//	minimize f(x)  subject to  Lower ≤ x ≤ Upper,  c_i(x) = 0 (Equality),  c_j(x) ≥ 0 (Inequality).
//
// A 1-D problem is a Problem with Dim 1 whose bounds are the search
// interval; its Grad is f′ and its Hess f″.
type Problem struct {
	// Func is the objective. It must not modify x. Population methods with
	// Settings.Workers > 1 call it from several goroutines at once, so it
	// must then be safe for concurrent use. It may be nil only when
	// Settings.Backend evaluates the objective elsewhere.
	Func func(x []float64) float64

	// Grad, if not nil, writes the gradient of Func at x into grad
	// (len(grad) == len(x)). Methods that need a gradient and find none use
	// forward differences with step Settings.FDStep, inside the bounds.
	Grad func(grad, x []float64)

	// Hess, if not nil, writes the Hessian of Func at x into hess (n×n).
	// Newton-type methods use it; without it they use differences of Grad.
	Hess func(hess *mat.SymDense, x []float64)

	// Dim is the number of variables. Zero means: take it from x0 or from
	// the bounds.
	Dim int

	// Lower and Upper are optional box bounds; nil means unbounded. Use
	// ±Inf for a side without a bound. Both or neither must be given.
	Lower, Upper []float64

	// Constraints are general constraints, for the methods whose
	// Info.Constraints is true; the others reject a problem that has any.
	Constraints []Constraint
}

// ConstraintKind says whether a constraint is c(x) = 0 or c(x) ≥ 0.
type ConstraintKind int

const (
	// Inequality is c(x) ≥ 0 (scipy's "ineq").
	Inequality ConstraintKind = iota
	// Equality is c(x) = 0 (scipy's "eq").
	Equality
)

func (k ConstraintKind) String() string {
	if k == Equality {
		return "equality"
	}
	return "inequality"
}

// Constraint is one general constraint, the single type every method that
// takes constraints shares.
type Constraint struct {
	Kind ConstraintKind
	// Func is c(x).
	Func func(x []float64) float64
	// Grad, if not nil, writes ∇c(x) into grad; otherwise methods use
	// forward differences.
	Grad func(grad, x []float64)
}

// Dimension returns the problem's dimension given x0 (which may be nil) and
// checks that Dim, x0 and the bounds agree.
func (p *Problem) Dimension(x0 []float64) (int, error) {
	n := p.Dim
	for _, s := range []struct {
		name string
		v    []float64
	}{{"x0", x0}, {"Lower", p.Lower}, {"Upper", p.Upper}} {
		if s.v == nil {
			continue
		}
		if n == 0 {
			n = len(s.v)
		}
		if len(s.v) != n {
			return 0, fmt.Errorf("optim: dimension mismatch: len(%s) = %d, want %d", s.name, len(s.v), n)
		}
	}
	if n <= 0 {
		return 0, fmt.Errorf("optim: cannot tell the dimension: set Problem.Dim, x0 or bounds")
	}
	if (p.Lower == nil) != (p.Upper == nil) {
		return 0, fmt.Errorf("optim: give both Lower and Upper bounds, or neither")
	}
	return n, nil
}

// CheckBounds checks that no bound is NaN, that lower[i] ≤ upper[i], and
// that every coordinate bounded on both sides has a finite width
// upper[i] − lower[i] (±1e308 overflows to Inf). If finite is true, every
// bound must also be finite (methods that sample the box need that).
func CheckBounds(lower, upper []float64, finite bool) error {
	if len(lower) != len(upper) {
		return fmt.Errorf("optim: len(Lower) = %d but len(Upper) = %d", len(lower), len(upper))
	}
	for i := range lower {
		l, u := lower[i], upper[i]
		switch {
		case math.IsNaN(l) || math.IsNaN(u):
			return fmt.Errorf("optim: bound %d is NaN", i)
		case l > u:
			return fmt.Errorf("optim: lower bound %g > upper bound %g in coordinate %d", l, u, i)
		case math.IsInf(l, 1) || math.IsInf(u, -1):
			return fmt.Errorf("optim: coordinate %d has the empty bounds [%g, %g]", i, l, u)
		case finite && (math.IsInf(l, 0) || math.IsInf(u, 0)):
			return fmt.Errorf("optim: this method needs finite bounds, coordinate %d is [%g, %g]", i, l, u)
		case !math.IsInf(l, 0) && !math.IsInf(u, 0) && math.IsInf(u-l, 0):
			return fmt.Errorf("optim: the width of coordinate %d, [%g, %g], is not finite", i, l, u)
		}
	}
	return nil
}

// CheckInBounds checks that x is finite and lies within [lower, upper]
// (nil bounds accept any finite x). name is used in the message ("x0").
func CheckInBounds(name string, x, lower, upper []float64) error {
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("optim: %s[%d] = %v is not finite", name, i, v)
		}
		if lower != nil && (v < lower[i] || v > upper[i]) {
			return fmt.Errorf("optim: %s[%d] = %g is outside the bounds [%g, %g]", name, i, v, lower[i], upper[i])
		}
	}
	return nil
}

// Clip projects x onto the box [lower, upper] in place (nil bounds: no-op).
func Clip(x, lower, upper []float64) {
	if lower == nil {
		return
	}
	for i := range x {
		x[i] = min(max(x[i], lower[i]), upper[i])
	}
}

// IsFinite reports whether v is neither NaN nor ±Inf.
func IsFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// AllFinite reports whether every element of x is finite.
func AllFinite(x []float64) bool {
	for _, v := range x {
		if !IsFinite(v) {
			return false
		}
	}
	return true
}
