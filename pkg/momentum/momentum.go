package momentum

import (
	"flag"
	"fmt"

	"github.com/optlab/optlab/pkg/gd"
	"github.com/optlab/optlab/pkg/optim"
)

func init() { optim.Register(func() optim.Method { return &Method{} }) }

// Defaults of the momentum method.
const (
	DefaultLR = 1e-3 // the learning rate η
	DefaultMu = 0.9  // the momentum μ
)

// Method is gradient descent with momentum, registered as "momentum":
// Polyak's heavy ball, or Nesterov's accelerated gradient in PyTorch's form.
// It runs in gd.Loop: one iteration is one step, Settings.MaxIter steps
// (default 1000), Settings.GTol (default 1e-6) stops when ‖P(∇f)‖₂ ≤ GTol.
type Method struct {
	// LR is the learning rate η > 0; 0 means DefaultLR = 1e-3.
	LR float64
	// Mu is the momentum μ ∈ (0, 1); 0 means DefaultMu = 0.9. (μ = 0 would
	// be plain gradient descent: use method gd.)
	Mu float64
	// Nesterov selects Nesterov's accelerated gradient instead of the
	// heavy ball.
	Nesterov bool
}

// Info describes the momentum method.
func (m *Method) Info() optim.Info {
	return optim.Info{
		Name:           "momentum",
		Summary:        "gradient descent with momentum (heavy ball or Nesterov)",
		Iteration:      gd.IterationDoc,
		DefaultMaxIter: gd.DefaultMaxIter,
		MaxDim:         gd.MaxDim,
		Gradient:       true,
	}
}

// Flags defines -lr, -mu and -nesterov.
func (m *Method) Flags(fs *flag.FlagSet) {
	fs.Float64Var(&m.LR, "lr", m.LR, "learning rate η (default 0.001)")
	fs.Float64Var(&m.Mu, "mu", m.Mu, "momentum μ in (0, 1) (default 0.9)")
	fs.BoolVar(&m.Nesterov, "nesterov", m.Nesterov, "Nesterov's accelerated gradient instead of the heavy ball")
}

// Run minimizes t's problem; it rejects a negative or non-finite LR and a
// Mu outside [0, 1).
func (m *Method) Run(t *optim.Task) error {
	lr, err := gd.CheckLR("momentum", m.LR, DefaultLR)
	if err != nil {
		return err
	}
	if !(m.Mu >= 0 && m.Mu < 1) {
		return fmt.Errorf("momentum: Mu must be in [0, 1) (0 = default %g), got %v", DefaultMu, m.Mu)
	}
	mu := optim.Or(m.Mu, DefaultMu)
	step := HeavyBall
	if m.Nesterov {
		step = Nesterov
	}
	v := make([]float64, t.N) // the velocity, v₀ = 0
	return gd.Loop(t, func(_ int, x, g []float64) { step(x, v, g, lr, mu) })
}

// HeavyBall is one step of Polyak's heavy-ball method, with g = ∇f(x):
//
//	v ← μ v − η g
//	x ← x + v
func HeavyBall(x, v, g []float64, lr, mu float64) {
	for i := range x {
		v[i] = mu*v[i] - lr*g[i]
		x[i] += v[i]
	}
}

// Nesterov is one step of Nesterov's accelerated gradient in the form of
// PyTorch's SGD(nesterov=True), with g = ∇f(x) taken at the current iterate:
//
//	v ← μ v − η g
//	x ← x + μ v − η g
//
// (PyTorch keeps b = −v/η: b ← μ b + g, x ← x − η (g + μ b).)
func Nesterov(x, v, g []float64, lr, mu float64) {
	for i := range x {
		v[i] = mu*v[i] - lr*g[i]
		x[i] += mu*v[i] - lr*g[i]
	}
}
