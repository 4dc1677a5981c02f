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
)

var variantNames = [...]string{Full: "full", Sep: "sep", MAES: "maes"}

func (v Variant) String() string {
	if v >= 0 && int(v) < len(variantNames) {
		return variantNames[v]
	}
	return fmt.Sprintf("Variant(%d)", int(v))
}

// Set parses "full", "sep" or "maes" (for flag.Var).
func (v *Variant) Set(s string) error {
	for i, n := range variantNames {
		if strings.EqualFold(s, n) {
			*v = Variant(i)
			return nil
		}
	}
	return fmt.Errorf("unknown CMA-ES variant %q (known: full, sep, maes)", s)
}

// resolveVariant combines Variant with the older Separable flag.
func resolveVariant(v Variant, separable bool) (Variant, error) {
	switch {
	case v < Full || v > MAES:
		return 0, fmt.Errorf("cmaes: unknown Variant %d", int(v))
	case separable && v == MAES:
		return 0, fmt.Errorf("cmaes: Separable and Variant MAES exclude each other")
	case separable:
		return Sep, nil
	}
	return v, nil
}
