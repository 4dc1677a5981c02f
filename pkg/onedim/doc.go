// Package onedim minimizes functions of one variable: golden-section,
// Fibonacci, Brent's method, bisection on f′, Newton's and the secant
// method, as optim methods registered as "golden", "fibonacci", "brent",
// "bisection", "newton1d" and "secant".
//
// These are the building blocks of everything else in optlab: a line search
// is a one-dimensional minimization along a direction, and the ideas met
// here (bracketing, reusing evaluations, local models, safeguards) come back
// in every N-dimensional method.
//
// # Bracketing a minimum
//
// A function f is unimodal on [a, b] if it has a single minimizer x* there
// and falls before it and rises after it. Compare f at two interior points
// c < d: if f(c) < f(d), the minimizer cannot lie in (d, b] (f would have to
// rise and then fall again), so [a, d] still brackets it; otherwise [c, b]
// does. The invariant "x* ∈ [a, b]" holds after every comparison, and the
// bracket shrinks.
//
// Golden-section search ([Golden]) places the points so that the interior
// point that survives sits exactly where the next iteration needs one:
// with c = a + ρ(b−a), d = b − ρ(b−a) and
//
//	ρ = (3 − √5)/2 ≈ 0.382,   1 − ρ = (√5 − 1)/2 = 1/φ ≈ 0.618,
//
// if [a, d] survives, its length is (1−ρ)(b−a) and c lies at the fraction
// ρ/(1−ρ) = 1−ρ of it, that is at the right-hand golden position of the new
// bracket, because ρ² − 3ρ + 1 = 0. So each iteration after the first costs
// ONE evaluation, and n iterations cost n+1 evaluations and shrink the
// bracket by (1−ρ)ⁿ ≈ 0.618ⁿ. A version that evaluates f at both interior
// points every time pays twice as much (three times if it also evaluates the
// midpoint), and a version that keeps the wrong part of the bracket can throw
// the minimizer away: the comparison proves x* ∈ [a, d] or x* ∈ [c, b],
// nothing narrower.
//
// Fibonacci search ([Fibonacci]) is the optimal scheme when the number n of
// evaluations is fixed in advance (Kiefer 1953): with Fibonacci numbers
// F₁ = F₂ = 1, Fₖ = Fₖ₋₁ + Fₖ₋₂ it shrinks [a, b] to (b−a)/Fₙ₊₁ (plus a small
// ε for the last, perturbed point). Since Fₙ₊₁ ≈ φⁿ⁺¹/√5, this beats
// golden-section by the constant factor φ²/√5 ≈ 1.17 only; golden section is
// the limit of Fibonacci search as n → ∞.
//
// # Using derivatives
//
// At an interior minimizer of a differentiable f, f′(x*) = 0. Bisection
// ([Bisection]) keeps a bracket with f′(a) ≤ 0 ≤ f′(b) and halves it at the
// midpoint by the sign of f′ there: one derivative evaluation per
// iteration, width (b−a)/2ⁿ after n iterations. It needs the sign change;
// f′(a) > 0 > f′(b) would bracket a maximum. Without one it stops with a
// failure status (NumericalFailure, or NotMinimum for a maximum), not an
// error, since it found out by evaluating.
//
// Newton's method ([Newton]) minimizes the local quadratic model
//
//	f(x+s) ≈ f(x) + f′(x)·s + ½·f″(x)·s²,   s = −f′(x)/f″(x),
//
// which converges quadratically near a minimizer with f″(x*) > 0: the number
// of correct digits roughly doubles each step. But the model has a minimum
// only if f″(x) > 0. Where f″(x) < 0 the same formula jumps to the model's
// MAXIMUM, and Newton's method happily converges to a maximum of f, since a
// maximum is a root of f′ too. This package stops instead, with status
// optim.NotMinimum and a message naming the point where f″ ≤ 0. It tests
// |f′(x)| ≤ GTol first, so a stationary point where f″ = 0 (x⁴ at 0)
// converges, and one where f″ < 0 (a maximum) is NotMinimum.
//
// The secant method ([Secant]) replaces f″(x_k) by the slope of f′ between
// the last two iterates, s_k = (f′(x_k) − f′(x_{k−1}))/(x_k − x_{k−1}): one
// derivative per step instead of two, and order (1+√5)/2 ≈ 1.618 instead
// of 2 (e_{k+1} ≈ C·e_k·e_{k−1}).
//
// # Brent's method
//
// Brent's method ([Brent]) fits a parabola through the three best points and
// jumps to its vertex, which converges superlinearly on smooth functions,
// and falls back on a golden-section step whenever the parabola misbehaves
// (the vertex leaves the bracket, or the steps stop shrinking fast enough).
// It keeps golden-section's guarantee and usually needs far fewer
// evaluations: it is what scipy.optimize.minimize_scalar and most libraries
// use.
//
// # Accuracy
//
// Near a minimizer f(x* + δ) ≈ f(x*) + ½f″δ², so once δ ≲ √ε·|x*|
// (ε ≈ 2.2e-16) the difference drowns in f's rounding error: a method that
// compares values of f cannot locate x* better than about 1e-8 relative.
// Methods that use f′ (bisection, Newton, secant) can go down to about ε.
//
// # The core steps
//
// Each algorithm's step is a short function next to its mathematics, shown
// in the notebooks: goldenStep, fibonacciStep, brentStep, bisectionStep,
// newtonStep and secantStep; [GoldenSection] is golden-section search on a
// plain func(float64) float64 for teaching.
//
// # The API
//
// Every method is a type whose fields are its parameters (zero = default),
// run with optim.Minimize on a 1-D [optim.Problem]: Dim 1, the interval as
// Lower = [a], Upper = [b], f′ as Grad (grad[0] = f′(x[0])), f″ as Hess (a
// 1×1 SymDense). [Problem] builds one from plain float64 functions:
//
//	p := onedim.Problem(f, df, d2f, 0, 2) // df, d2f may be nil
//	r, err := optim.Minimize(ctx, p, nil, nil, &onedim.Golden{})
//	r, err = optim.Minimize(ctx, p, []float64{1}, nil, &onedim.Newton{})
//
// Golden, Fibonacci, Brent and Bisection need the finite interval and take
// no x0; Newton and Secant need x0, and clip their iterates into the
// bounds if there are any (pass ±Inf to [Problem] for none). Missing
// derivatives are forward differences through the optim.Task.
//
// Settings: XTol is the interval tolerance (the final bracket's width, or
// the last step's length for Newton and secant; default [DefaultXTol] =
// 1e-8), GTol the derivative tolerance of Newton and secant (default
// [DefaultGTol] = 1e-12), MaxIter defaults to [DefaultMaxIter] = 200.
// Input that can never work is an error of Minimize, before any
// evaluation; what happens while a method runs is a status: NaN or ±Inf
// gives optim.NonFinite, never a NaN result presented as a success; a used-up
// budget is IterationLimit or EvaluationLimit, not a success.
//
// With Settings.Record, Result.Path holds every iteration: X the estimate,
// Pop the points it evaluated, Detail the [Bracket] (bracketing methods) or
// the [Model] (Newton, secant); [Brackets], [Iterates] and [Evaluated]
// extract them for plots. Result.Detail is the final *Bracket or *Model.
//
// References: J. Kiefer, "Sequential minimax search for a maximum", Proc.
// AMS 4 (1953); R. P. Brent, "Algorithms for Minimization without
// Derivatives" (1973), ch. 5; M. J. Kochenderfer and T. A. Wheeler,
// "Algorithms for Optimization" (2019), ch. 3.
package onedim
