package optim

import (
	"fmt"
	"math"
)

// Dimension returns the problem's dimension given x0 (which may be nil) and
// checks that Dim, x0 and the bounds agree.
func (p *Problem) Dimension(x0 []float64) (int, error) {
	if p.Func == nil {
		return 0, fmt.Errorf("optim: Problem.Func is nil")
	}
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

// CheckBounds checks that lower[i] <= upper[i] for all i and that no bound is
// NaN. If finite is true, the bounds must also be finite (methods that sample
// the box need that).
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
		case finite && (math.IsInf(l, 0) || math.IsInf(u, 0)):
			return fmt.Errorf("optim: bounds must be finite, coordinate %d is [%g, %g]", i, l, u)
		}
	}
	return nil
}

// CheckInBounds checks that x is finite and lies within [lower, upper]
// (nil bounds accept any finite x).
func CheckInBounds(x, lower, upper []float64) error {
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("optim: x0[%d] = %v is not finite", i, v)
		}
		if lower != nil && (v < lower[i] || v > upper[i]) {
			return fmt.Errorf("optim: x0[%d] = %g is outside the bounds [%g, %g]", i, v, lower[i], upper[i])
		}
	}
	return nil
}

// IsFinite reports whether v is neither NaN nor ±Inf.
func IsFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
