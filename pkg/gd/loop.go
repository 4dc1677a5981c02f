package gd

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"

	"github.com/optlab/optlab/pkg/optim"
)

// IterationDoc is what one iteration of gd, momentum and adam is (their
// Info.Iteration).
const IterationDoc = "one step: f and ∇f at x_k, then x_{k+1}"

// IterDetail is the Iteration.Detail that [Loop] reports with every step:
// Iteration.X is the iterate x_k the step started from, Iteration.F =
// f(x_k) (the loss a PyTorch training loop prints before optimizer.step())
// and GNorm = ‖∇f(x_k)‖₂.
type IterDetail struct {
	GNorm float64
}

// GNorm returns ‖∇f(x_k)‖₂ of an Iteration reported by [Loop], or NaN if
// it carries no [IterDetail].
func GNorm(it optim.Iteration) float64 {
	if d, ok := it.Detail.(IterDetail); ok {
		return d.GNorm
	}
	return math.NaN()
}

// Detail is Result.Detail of gd, momentum and adam.
type Detail struct {
	// Last is the final iterate. After an iteration limit it is the point
	// produced by the last step, which was never evaluated (like the
	// parameters after a PyTorch loop); after any other stop it is the
	// last point where f was evaluated (or the non-finite point a
	// diverging step produced).
	Last []float64
	// GNorm is the last gradient norm measured (NaN before any).
	GNorm float64
}

// StepFunc is an update rule: it moves x = x_k to x_{k+1} in place, given
// g = ∇f(x_k); k = 0, 1, ... counts the steps.
type StepFunc func(k int, x, g []float64)

// Loop is the driver of optlab's first-order methods (gd, momentum, adam).
// From x0 it repeats, once per iteration:
//
//  1. f_k, g_k = t.FuncGrad(x_k): Problem.Grad, or forward differences
//     inside the box (N more evaluations, step Settings.FDStep);
//  2. stop with NonFinite if f_k or g_k is not finite, with Converged if
//     the projected gradient's norm ‖P(g_k)‖₂ ≤ GTol (default
//     [DefaultGTol]; P zeroes the components that push against an active
//     bound, so a minimum on the boundary converges too);
//  3. step(k, x, g) moves x to x_{k+1}, which is clipped to the box
//     (projected gradient descent);
//  4. t.Iterate reports X = x_k, F = f_k and [IterDetail]{‖g_k‖}.
//
// So one iteration is one step, MaxIter is the number of steps, and the
// final iterate is not evaluated (the Task's iteration limit stops the run
// at the evaluation after the MaxIter-th step), exactly like a PyTorch
// training loop that computes the loss before each optimizer.step(). With
// Settings.Record, Result.Path[k] is step k+1's Iteration and
// Result.Path[len−1].F is the loss measured before the last step. The
// Result holds the best point evaluated (the minimum of the trace); the
// final iterate is in Result.Detail, a [*Detail].
//
// Loop returns an error, before any evaluation, for a nil step or a
// MaxEval smaller than the 1 + GradCost evaluations of one step.
func Loop(t *optim.Task, step StepFunc) error {
	if step == nil {
		return fmt.Errorf("gd: Loop needs a step function")
	}
	if me, c := t.Settings.MaxEval, 1+t.GradCost(); me > 0 && me < c {
		return fmt.Errorf("gd: MaxEval = %d is less than the %d evaluations of one step", me, c)
	}
	gtol := optim.Or(t.Settings.GTol, DefaultGTol)
	x := slices.Clone(t.X0)
	xk, g := make([]float64, t.N), make([]float64, t.N)
	d := &Detail{Last: x, GNorm: math.NaN()} // Last follows x as it moves
	t.Detail = d
	for k := 0; ; k++ {
		if !optim.AllFinite(x) {
			t.Finish(optim.NonFinite, "step %d gave a non-finite x (the learning rate is too large?)", k)
			return nil
		}
		f := t.FuncGrad(g, x)
		d.GNorm = floats.Norm(g, 2)
		switch {
		case !optim.IsFinite(f):
			t.Finish(optim.NonFinite, "f(x_%d) = %v", k, f)
			return nil
		case !optim.IsFinite(d.GNorm):
			t.Finish(optim.NonFinite, "the gradient at x_%d is not finite (‖∇f‖ = %v)", k, d.GNorm)
			return nil
		case projNorm(x, g, t.Problem.Lower, t.Problem.Upper) <= gtol:
			t.Finish(optim.Converged, "‖P(∇f)‖ = %g ≤ GTol = %g after %d steps", projNorm(x, g, t.Problem.Lower, t.Problem.Upper), gtol, k)
			return nil
		}
		copy(xk, x)
		step(k, x, g)
		optim.Clip(x, t.Problem.Lower, t.Problem.Upper)
		t.Iterate(optim.Iteration{X: xk, F: f, Detail: IterDetail{GNorm: d.GNorm}})
	}
}

// DefaultGTol is the default of Settings.GTol for the first-order methods.
const DefaultGTol = 1e-6

// projNorm returns ‖P(g)‖₂, the norm of the gradient without the
// components that point out of the box at an active bound (a step along
// −g would be clipped away there).
func projNorm(x, g, lower, upper []float64) float64 {
	if lower == nil {
		return floats.Norm(g, 2)
	}
	var s float64
	for i, gi := range g {
		if (x[i] <= lower[i] && gi > 0) || (x[i] >= upper[i] && gi < 0) {
			continue
		}
		s += gi * gi
	}
	return math.Sqrt(s)
}

// CheckLR resolves a learning rate: 0 means def; a negative, NaN or
// infinite one is an error naming the method.
func CheckLR(method string, lr, def float64) (float64, error) {
	if lr < 0 || !optim.IsFinite(lr) {
		return 0, fmt.Errorf("%s: the learning rate LR must be positive and finite (0 = default %g), got %v", method, def, lr)
	}
	return optim.Or(lr, def), nil
}
