package linesearch

import (
	"fmt"

	"github.com/optlab/optlab/pkg/optim"
)

// Armijo is backtracking with the sufficient-decrease (Armijo) condition,
// Nocedal & Wright Alg. 3.1. The zero value of each field is its default.
type Armijo struct {
	C1       float64 // sufficient-decrease constant c₁ ∈ (0, 1); default 1e-4
	Rho      float64 // backtracking factor ρ ∈ (0, 1); default 0.5
	MaxTries int     // trial steps before NoAcceptableStep; default 50
}

// Validate checks the parameters.
func (a Armijo) Validate() error {
	if a.C1 != 0 && !(a.C1 > 0 && a.C1 < 1) {
		return fmt.Errorf("linesearch: Armijo C1 must be in (0, 1), got %v", a.C1)
	}
	if a.Rho != 0 && !(a.Rho > 0 && a.Rho < 1) {
		return fmt.Errorf("linesearch: Armijo Rho must be in (0, 1), got %v", a.Rho)
	}
	if a.MaxTries < 0 {
		return fmt.Errorf("linesearch: Armijo MaxTries must be >= 0, got %d", a.MaxTries)
	}
	return nil
}

// Search tries α = alpha0, ρα, ρ²α, … until
//
//	φ(α) ≤ φ(0) + c₁ α φ′(0),
//
// one objective evaluation per trial and no gradient (Result.G is nil). A
// non-finite φ(α) counts as "too long" and is backtracked from.
func (a Armijo) Search(l *Line, alpha0 float64) Result {
	if r, ok := l.start(); !ok {
		return r
	}
	c1, rho := optim.Or(a.C1, 1e-4), optim.Or(a.Rho, 0.5)
	alpha := min(alpha0, l.MaxStep)
	for range optim.Or(a.MaxTries, 50) {
		f := l.Value(alpha)
		if optim.IsFinite(f) && f <= l.F0+c1*alpha*l.D0 {
			if alpha == l.MaxStep && alpha < alpha0 {
				return l.result(alpha, AtBound, "the box caps the step at α = %g", alpha)
			}
			return l.result(alpha, OK, "")
		}
		alpha *= rho
		if l.tooSmall(alpha) {
			return l.fail(StepTooSmall, "α = %g no longer moves x (φ(0) = %g)", alpha, l.F0)
		}
	}
	return l.fail(NoAcceptableStep, "no sufficient decrease in %d trials down to α = %g", optim.Or(a.MaxTries, 50), alpha)
}
