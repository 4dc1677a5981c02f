package cmaes

import (
	"fmt"
	"strings"
)

// Variant selects how the search distribution's shape is represented and
// adapted. The zero value is Full.
type Variant int

const (
	// Full is CMA-ES with a full covariance matrix C = B D² Bᵀ (an
	// eigendecomposition every 1/((c₁+c_μ)·10n) generations).
	Full Variant = iota
	// Sep is sep-CMA-ES: a diagonal C, O(n) per candidate (the same as
	// Separable = true).
	Sep
	// MAES is the Matrix Adaptation ES of Beyer and Sendhoff (2017): it
	// adapts a square root M of C = M Mᵀ directly, with no covariance
	// matrix, no evolution path p_c and no decomposition (see maes.go).
	MAES
	// Cholesky is the Cholesky-CMA-ES of Krause, Arbonès and Igel (2016):
	// full CMA-ES (the same constants, p_c, h_σ and active update) on a
	// triangular factor A of C = A Aᵀ, updated by O(n²) rank-one updates,
	// with no decomposition (see cholesky.go).
	Cholesky
)

var variantNames = [...]string{Full: "full", Sep: "sep", MAES: "maes", Cholesky: "cholesky"}

func (v Variant) String() string {
	if v >= 0 && int(v) < len(variantNames) {
		return variantNames[v]
	}
	return fmt.Sprintf("Variant(%d)", int(v))
}

// Set parses "full", "sep", "maes" or "cholesky" (for flag.Var).
func (v *Variant) Set(s string) error {
	for i, n := range variantNames {
		if strings.EqualFold(s, n) {
			*v = Variant(i)
			return nil
		}
	}
	return fmt.Errorf("unknown CMA-ES variant %q (known: %s)", s, strings.Join(variantNames[:], ", "))
}

// resolveVariant combines Variant with the older Separable flag.
func resolveVariant(v Variant, separable bool) (Variant, error) {
	switch {
	case v < Full || int(v) >= len(variantNames):
		return 0, fmt.Errorf("cmaes: unknown Variant %d", int(v))
	case separable && (v == MAES || v == Cholesky):
		return 0, fmt.Errorf("cmaes: Separable and Variant %v exclude each other", v)
	case separable:
		return Sep, nil
	}
	return v, nil
}
