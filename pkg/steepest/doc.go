// Package steepest is steepest descent with a line search, registered as
// "steepest":
//
//	p_k = −∇f(x_k),   x_{k+1} = x_k + α_k p_k,
//
// with α_k from Armijo backtracking (default), a strong Wolfe search, or the
// exact minimizer along p for a quadratic, α_k = ‖g_k‖² / g_kᵀ A g_k (A
// from Problem.Hess).
//
// The default backtracks from α₀ = the minimizer of the parabola fitted to
// the previous line search ([QuadraticStep], gonum's QuadraticStepSize
// without its clamp). That α₀ is not a line minimizer for the new
// direction, and not insisting on one breaks the zig-zag: on Rosenbrock
// 2-D it converges in about 70 steps, where the Wolfe or Armijo searches
// from the (3.60) step α₀ = α_{k−1} φ′_{k−1}(0)/φ′_k(0), which chase the
// line minimum, need about 8000-11000. It stops, Converged, when ‖∇f‖∞ ≤ GTol (default
// 1e-6, the same tolerance for every descent method of optlab; gonum's
// default is a stricter 1e-12 on ‖∇f‖∞, scipy's BFGS 1e-5).
//
// # Rate
//
// On a quadratic with Hessian eigenvalues 0 < λ_min ≤ … ≤ λ_max, κ =
// λ_max/λ_min, steepest descent with exact line search satisfies (N&W
// Thm. 3.3, Luenberger's bound)
//
//	f(x_{k+1}) − f* ≤ ((κ − 1)/(κ + 1))² (f(x_k) − f*),
//
// with equality from the worst start x₀ − x* ∝ (1/λ_min, 1/λ_max) in the
// eigenbasis. Exact line search makes consecutive directions orthogonal,
// g_{k+1}ᵀ g_k = 0 — the zig-zag across a narrow valley. For κ = 100 the
// factor is 0.96 per step: about 290 steps per six decimal digits of f.
// On Rosenbrock, steepest descent needs thousands of steps.
//
// # Statuses
//
// A line search that fails ends the run: LineSearchFailure (no acceptable
// step, the step too small for floating point, the box bounds reached — the
// method is for unbounded problems), NonFinite (NaN or ±Inf in f or ∇f),
// NotMinimum (exact search: gᵀAg ≤ 0). One iteration is one step; its
// Iteration.Detail is a [Step] with ‖∇f‖∞ and α; the answer is the last
// iterate.
//
// See Nocedal & Wright, Numerical Optimization, §3.3; Kochenderfer & Wheeler,
// Algorithms for Optimization, §5.1.
package steepest
