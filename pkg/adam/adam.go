package adam

import (
	"flag"
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/gd"
	"github.com/optlab/optlab/pkg/optim"
)

func init() { optim.Register(func() optim.Method { return &Method{} }) }

// PyTorch's defaults, used for zero fields of Method.
const (
	DefaultLR    = 1e-3  // lr
	DefaultBeta1 = 0.9   // betas[0]
	DefaultBeta2 = 0.999 // betas[1]
	DefaultEps   = 1e-8  // eps
)

// Method is Adam, registered as "adam", exactly as torch.optim.Adam
// computes it (no weight decay, amsgrad off). It runs in gd.Loop: one
// iteration is one step, Settings.MaxIter steps (default 1000),
// Settings.GTol (default 1e-6) stops when ‖P(∇f)‖₂ ≤ GTol. A zero field means PyTorch's
// default (so β₁ = 0 or ε = 0 exactly cannot be asked for; use a tiny
// value).
type Method struct {
	LR    float64 // learning rate γ > 0 (PyTorch: lr); 0 means 1e-3
	Beta1 float64 // decay of the first moment, in [0, 1) (betas[0]); 0 means 0.9
	Beta2 float64 // decay of the second moment, in [0, 1) (betas[1]); 0 means 0.999
	// Eps is Adam's ε ≥ 0 added to the denominator (PyTorch: eps); 0 means
	// 1e-8. It is not a finite-difference step (that is Settings.FDStep).
	Eps float64
}

// Info describes Adam.
func (o *Method) Info() optim.Info {
	return optim.Info{
		Name:           "adam",
		Summary:        "Adam, as torch.optim.Adam (per-coordinate steps from gradient moments)",
		Iteration:      gd.IterationDoc,
		DefaultMaxIter: gd.DefaultMaxIter,
		MaxDim:         gd.MaxDim,
		Gradient:       true,
	}
}

// Flags defines -lr, -beta1 and -beta2 (ε has no flag: PyTorch's 1e-8 is
// nearly always kept).
func (o *Method) Flags(fs *flag.FlagSet) {
	fs.Float64Var(&o.LR, "lr", o.LR, "learning rate γ (default 0.001)")
	fs.Float64Var(&o.Beta1, "beta1", o.Beta1, "decay β₁ of the first moment, in [0, 1) (default 0.9)")
	fs.Float64Var(&o.Beta2, "beta2", o.Beta2, "decay β₂ of the second moment, in [0, 1) (default 0.999)")
}

// Run minimizes t's problem; it rejects a negative or non-finite LR,
// betas outside [0, 1) and a negative or non-finite Eps.
func (o *Method) Run(t *optim.Task) error {
	lr, err := gd.CheckLR("adam", o.LR, DefaultLR)
	if err != nil {
		return err
	}
	if !(o.Beta1 >= 0 && o.Beta1 < 1) {
		return fmt.Errorf("adam: Beta1 must be in [0, 1) (0 = default %g), got %v", DefaultBeta1, o.Beta1)
	}
	if !(o.Beta2 >= 0 && o.Beta2 < 1) {
		return fmt.Errorf("adam: Beta2 must be in [0, 1) (0 = default %g), got %v", DefaultBeta2, o.Beta2)
	}
	if !(o.Eps >= 0) || math.IsInf(o.Eps, 0) {
		return fmt.Errorf("adam: Eps must be finite and non-negative (0 = default %g), got %v", DefaultEps, o.Eps)
	}
	b1, b2 := optim.Or(o.Beta1, DefaultBeta1), optim.Or(o.Beta2, DefaultBeta2)
	eps := optim.Or(o.Eps, DefaultEps)
	m := make([]float64, t.N) // first moment, m₀ = 0
	v := make([]float64, t.N) // second moment, v₀ = 0
	return gd.Loop(t, func(k int, x, g []float64) { Step(x, g, m, v, k+1, lr, b1, b2, eps) })
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
