package adam

import (
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/gd"
	"github.com/optlab/optlab/pkg/optim"
)

// Options are Adam's settings; the defaults are PyTorch's.
type Options struct {
	optim.Settings // MaxIter = number of steps; GTol > 0 stops when ‖∇f‖₂ ≤ GTol

	LR    float64 // learning rate γ > 0 (PyTorch: lr)
	Beta1 float64 // decay of the first moment, in [0, 1) (betas[0])
	Beta2 float64 // decay of the second moment, in [0, 1) (betas[1])
	Eps   float64 // ε ≥ 0, added to the denominator (eps)

	// ForwardDiff and DiffStep choose the finite differences used when the
	// problem has no gradient (see gd.Config).
	ForwardDiff bool
	DiffStep    float64
}

// DefaultOptions returns PyTorch's defaults, lr = 1e-3, β₁ = 0.9,
// β₂ = 0.999, ε = 1e-8, and 1000 steps.
func DefaultOptions() *Options {
	return &Options{Settings: optim.Settings{MaxIter: 1000}, LR: 1e-3, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}
}

// Minimize minimizes p.Func with Adam from x0. The Result holds the best
// point evaluated (the minimum of the trace); the loop, the counts and the
// stopping rules are those of gd.Loop. A nil o means DefaultOptions().
func Minimize(p optim.Problem, x0 []float64, o *Options) (*optim.Result, error) {
	r, _, err := run(p, x0, o, false)
	return r, err
}

// MinimizePath is Minimize that also returns the path: every iterate, the
// loss and gradient norm measured there (Path.F is what a PyTorch training
// loop records), and the last iterate.
func MinimizePath(p optim.Problem, x0 []float64, o *Options) (*optim.Result, *gd.Path, error) {
	return run(p, x0, o, true)
}

func run(p optim.Problem, x0 []float64, o *Options, record bool) (*optim.Result, *gd.Path, error) {
	if o == nil {
		o = DefaultOptions()
	}
	if !(o.LR > 0) || math.IsInf(o.LR, 0) {
		return nil, nil, fmt.Errorf("adam: the learning rate LR must be positive and finite, got %v", o.LR)
	}
	if !(o.Beta1 >= 0 && o.Beta1 < 1) {
		return nil, nil, fmt.Errorf("adam: Beta1 must be in [0, 1), got %v", o.Beta1)
	}
	if !(o.Beta2 >= 0 && o.Beta2 < 1) {
		return nil, nil, fmt.Errorf("adam: Beta2 must be in [0, 1), got %v", o.Beta2)
	}
	if !(o.Eps >= 0) || math.IsInf(o.Eps, 0) {
		return nil, nil, fmt.Errorf("adam: Eps must be finite and non-negative, got %v", o.Eps)
	}
	m := make([]float64, len(x0)) // first moment, m₀ = 0
	v := make([]float64, len(x0)) // second moment, v₀ = 0
	c := gd.Config{Settings: o.Settings, ForwardDiff: o.ForwardDiff, DiffStep: o.DiffStep, Record: record}
	return gd.Loop(p, x0, c, func(k int, x, g []float64) {
		Step(x, g, m, v, k+1, o.LR, o.Beta1, o.Beta2, o.Eps)
	})
}

// Step is Adam's t-th update (t = 1, 2, ...) of x, with gradient g and the
// moments m and v, all updated in place. It performs torch.optim.Adam's
// floating-point operations in PyTorch's order (amsgrad off, no weight
// decay), so its iterates agree with PyTorch's to the last bits:
//
//	m ← β₁ m + (1−β₁) g
//	v ← β₂ v + (1−β₂) g²
//	x ← x − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε)
//
// which is x ← x − lr · m̂ / (√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).
// The float64(...) conversions forbid fused multiply-adds, which PyTorch's
// CPU kernels do not use for such small tensors.
func Step(x, g, m, v []float64, t int, lr, beta1, beta2, eps float64) {
	for i := range x {
		m[i] = float64(m[i]*beta1) + float64((1-beta1)*g[i])
		v[i] = float64(v[i]*beta2) + float64(float64((1-beta2)*g[i])*g[i])
	}
	bc1 := 1 - math.Pow(beta1, float64(t)) // bias corrections
	bc2 := 1 - math.Pow(beta2, float64(t))
	stepSize := lr / bc1
	bc2Sqrt := math.Sqrt(bc2)
	for i := range x {
		denom := math.Sqrt(v[i])/bc2Sqrt + eps
		x[i] += float64(-stepSize*m[i]) / denom
	}
}
