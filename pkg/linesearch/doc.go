// Package linesearch chooses the step length α along a search direction p
// for the descent methods (steepest, newton, cg, bfgs): the one-dimensional
// problem
//
//	minimize φ(α) = f(x + α p),   φ′(α) = ∇f(x + αp)·p,
//
// solved only as accurately as the outer method needs. Every evaluation
// goes through the caller's *optim.Task ([New] builds φ from it), so it is
// counted, traced and budgeted like any other; a used-up budget unwinds
// the run from inside the search.
//
// # Conditions
//
// A step is acceptable when it decreases f enough — the Armijo, or
// sufficient-decrease, condition
//
//	φ(α) ≤ φ(0) + c₁ α φ′(0),            0 < c₁ < 1 (1e-4),
//
// and, for the Wolfe searches, when the slope has flattened — the strong
// curvature condition
//
//	|φ′(α)| ≤ c₂ |φ′(0)|,                 c₁ < c₂ < 1.
//
// c₂ = 0.9 suits Newton and quasi-Newton methods, whose unit step is
// usually accepted; nonlinear CG needs the more accurate c₂ = 0.1 (Fletcher–
// Reeves needs c₂ < ½ to stay a descent method). The curvature condition
// guarantees yᵀs > 0 for s = αp, y = ∇f(x+s) − ∇f(x): the BFGS update
// then stays positive definite.
//
// # The searches
//
//   - [Armijo]: backtracking α, ρα, ρ²α, … until sufficient decrease
//     (Nocedal & Wright Alg. 3.1); objective evaluations only.
//   - [StrongWolfe]: N&W Alg. 3.5 extrapolates until a step violates
//     sufficient decrease, or φ rises, or φ′ ≥ 0 — then [α_lo, α_hi]
//     brackets a strong Wolfe step — and Alg. 3.6 ("zoom") shrinks the
//     bracket by the minimizer of the cubic through φ and φ′ at both ends,
//     safeguarded to stay 10% inside the interval.
//   - [MoreThuente]: Moré & Thuente (1994) evaluate φ and φ′ at every trial
//     and keep an interval that, once it brackets a minimizer, holds a
//     strong Wolfe step; each trial is a safeguarded cubic, quadratic or
//     secant step from both ends (bisection when the interval shrinks too
//     slowly). Gonum's CG uses it; so does cg's default (HS+).
//   - [Exact] and [ExactHv]: for a quadratic ½ xᵀAx − bᵀx, α = −∇fᵀp / pᵀAp.
//
// Each returns a [Result]: α, φ(α), the new point and (Wolfe, Moré–Thuente, exact) its
// gradient, the numbers of φ and φ′ evaluations, and a [Reason] —
// NotDescent, NoAcceptableStep, NonFinite, StepTooSmall, NegativeCurvature
// or AtBound — that [Reason.Status] turns into the method's optim.Status.
//
// # Bounds
//
// These searches are for unbounded problems. If the problem has bounds,
// α is capped at the largest step that stays in the box (Line.MaxStep),
// so no point outside is ever evaluated, and a search stopped by the cap
// returns Reason AtBound. Methods treat that as a failure: use a projected
// method (lbfgsb) for bound constraints.
//
// The Moré–Garbow–Hillstrom test problems the descent packages' tests run
// on are in package problems (MGHDescentSet, SolveMGH).
//
// See Nocedal & Wright, Numerical Optimization (2nd ed.), §3.1 and §3.5;
// Moré & Thuente, "Line search algorithms with guaranteed sufficient
// decrease", ACM TOMS 20 (1994).
package linesearch
