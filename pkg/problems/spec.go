package problems

import (
	"fmt"
	"sort"
	"strings"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/reference"
	"github.com/optlab/optlab/pkg/toynet"
)

// Spec describes a test problem: how to build it in dimension n, its usual
// domain (the box [Lower, Upper]^n), a start point and the known minimum.
type Spec struct {
	Name    string // lower-case name, as used by the optlab command
	Summary string // one line

	// Dim is the fixed dimension of the problem, or 0 if it exists in any
	// dimension n >= MinDim. DefaultDim is the dimension to use when none
	// is given.
	Dim, MinDim, DefaultDim int

	// Problem builds the problem in dimension n; it returns an error if the
	// problem does not exist in that dimension. The problem has no bounds:
	// Lower and Upper below are its usual search domain.
	Problem func(n int) (optim.Problem, error)

	// Scalar is the 1-D form (with f' and f''), for 1-D problems only.
	Scalar *Scalar

	// Lower and Upper give the usual domain [Lower, Upper]^n.
	Lower, Upper float64

	// XMin returns a minimizer in dimension n (one of several for
	// Himmelblau; the best known point for toynet, which lies outside its
	// default box [−1, 1]^10). FMin is the minimum value (the best known
	// one, ≈ 0.78305, for toynet).
	XMin func(n int) []float64
	FMin float64

	// X0 returns the standard start point in dimension n.
	X0 func(n int) []float64
}

// CheckDim reports whether the problem exists in dimension n.
func (s Spec) CheckDim(n int) error {
	switch {
	case n < 1:
		return fmt.Errorf("problems: %s: dimension must be >= 1, got %d", s.Name, n)
	case s.Dim != 0 && n != s.Dim:
		return fmt.Errorf("problems: %s is %d-dimensional, got dimension %d", s.Name, s.Dim, n)
	case n < s.MinDim:
		return fmt.Errorf("problems: %s needs dimension >= %d, got %d", s.Name, s.MinDim, n)
	}
	return nil
}

// Box returns the usual domain in dimension n as bound vectors.
func (s Spec) Box(n int) (lower, upper []float64) {
	lower, upper = make([]float64, n), make([]float64, n)
	for i := range lower {
		lower[i], upper[i] = s.Lower, s.Upper
	}
	return lower, upper
}

// Dims describes the dimensions the problem exists in: "2", "n>=1", ...
func (s Spec) Dims() string {
	if s.Dim != 0 {
		return fmt.Sprint(s.Dim)
	}
	return fmt.Sprintf("n>=%d", s.MinDim)
}

func fill(n int, v float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = v
	}
	return x
}

// alternate returns (a, b, a, b, ...) of length n.
func alternate(n int, a, b float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = a
		if i%2 == 1 {
			x[i] = b
		}
	}
	return x
}

// ToyNet returns the loss of the reference toy network (package toynet):
// 10 parameters, so n must be 10.
func ToyNet(n int) (optim.Problem, error) {
	if n != toynet.NumParams {
		return optim.Problem{}, fmt.Errorf("problems: toynet has %d parameters, got dimension %d", toynet.NumParams, n)
	}
	return toynet.Reference().Problem(), nil
}

func scalarSpec(sc Scalar, summary string) Spec {
	return Spec{
		Name: sc.Name, Summary: summary,
		Dim: 1, MinDim: 1, DefaultDim: 1,
		Problem: func(n int) (optim.Problem, error) {
			if n != 1 {
				return optim.Problem{}, fmt.Errorf("problems: %s is 1-dimensional, got dimension %d", sc.Name, n)
			}
			return sc.Problem(), nil
		},
		Scalar: &sc,
		Lower:  sc.A, Upper: sc.B,
		XMin: func(int) []float64 { return []float64{sc.XMin} },
		FMin: sc.FMin,
		X0:   func(int) []float64 { return []float64{sc.X0} },
	}
}

// List returns the specs of all test problems, sorted by name. It returns
// a new slice every time, which the caller may modify.
func List() []Spec {
	specs := []Spec{
		{
			Name: "sphere", Summary: "Σ x_i², convex, min 0 at 0",
			MinDim: 1, DefaultDim: 2, Problem: Sphere,
			Lower: -5.12, Upper: 5.12,
			XMin: func(n int) []float64 { return fill(n, 0) },
			X0:   func(n int) []float64 { return alternate(n, 3, -2) },
		},
		{
			Name: "rosenbrock", Summary: "curved valley, min 0 at (1,...,1)",
			MinDim: 2, DefaultDim: 2, Problem: Rosenbrock,
			Lower: -2.048, Upper: 2.048,
			XMin: func(n int) []float64 { return fill(n, 1) },
			X0:   func(n int) []float64 { return alternate(n, -1.2, 1) },
		},
		{
			Name: "rastrigin", Summary: "many local minima, min 0 at 0",
			MinDim: 1, DefaultDim: 2, Problem: Rastrigin,
			Lower: -5.12, Upper: 5.12,
			XMin: func(n int) []float64 { return fill(n, 0) },
			X0:   func(n int) []float64 { return alternate(n, 2.5, -3.5) },
		},
		{
			Name: "ackley", Summary: "flat with a central funnel, min 0 at 0",
			MinDim: 1, DefaultDim: 2, Problem: Ackley,
			Lower: -32.768, Upper: 32.768,
			XMin: func(n int) []float64 { return fill(n, 0) },
			X0:   func(n int) []float64 { return alternate(n, 15, -20) },
		},
		{
			Name: "himmelblau", Summary: "four minima of value 0, e.g. (3,2)",
			Dim: 2, MinDim: 2, DefaultDim: 2,
			Problem: func(n int) (optim.Problem, error) {
				if n != 2 {
					return optim.Problem{}, fmt.Errorf("problems: himmelblau is 2-dimensional, got dimension %d", n)
				}
				return Himmelblau(), nil
			},
			Lower: -5, Upper: 5,
			XMin: func(int) []float64 { return HimmelblauMinima()[0] },
			X0:   func(int) []float64 { return []float64{0, 0} },
		},
		{
			Name: "toynet", Summary: "loss of the reference 2-2-2 ReLU network (best known min)",
			Dim: toynet.NumParams, MinDim: toynet.NumParams, DefaultDim: toynet.NumParams,
			Problem: ToyNet,
			Lower:   -1, Upper: 1,
			XMin: func(int) []float64 { return toynet.BestKnownX() },
			FMin: reference.MustGet().BestKnownLoss,
			X0:   func(int) []float64 { return toynet.X0() },
		},
		mghSpec(Beale(), "Beale (MGH 5), min 0 at (3, 0.5)", -4.5, 4.5),
		mghSpec(PowellSingular(), "Powell singular (MGH 13), singular Hessian at the min 0 at 0", -4, 4),
		mghSpec(Wood(), "Wood (MGH 14), two coupled valleys, min 0 at (1,1,1,1)", -4, 4),
		mghSpec(BrownBadlyScaled(), "Brown badly scaled (MGH 4), min 0 at (1e6, 2e-6)", -2e6, 2e6),
		mghSpec(FreudensteinRoth(), "Freudenstein–Roth (MGH 2), min 0 at (5,4), local min 48.98 at (11.41,-0.897)", -20, 20),
		scalarSpec(Poly(), "x⁴ − 14x³ + 60x² − 70x on [0, 2], min ≈ −24.3696 at ≈ 0.7809"),
		scalarSpec(Cos(), "cos x on [0, 2π], min −1 at π"),
		scalarSpec(HalfSquare(), "x²/2 on [−1, 2], min 0 at 0"),
	}
	sort.Slice(specs, func(i, j int) bool { return specs[i].Name < specs[j].Name })
	return specs
}

// Lookup returns the spec with the given name (case-insensitive).
func Lookup(name string) (Spec, error) {
	var names []string
	for _, s := range List() {
		if strings.EqualFold(s.Name, name) {
			return s, nil
		}
		names = append(names, s.Name)
	}
	return Spec{}, optim.UnknownName("problem", name, names)
}
