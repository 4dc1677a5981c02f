// Package cg is the conjugate gradient method: [Linear] for Ax = b with A
// symmetric positive definite, and nonlinear CG for minimization,
// registered as "cg".
//
// # Linear CG
//
// Minimizing ½ xᵀAx − bᵀx is solving Ax = b. CG takes steps along
// directions that are conjugate, p_iᵀ A p_j = 0 for i ≠ j, each built from
// the residual r = Ax − b and the previous direction (N&W Alg. 5.2):
//
//	α_k = r_kᵀr_k / p_kᵀAp_k,   x_{k+1} = x_k + α_k p_k,   r_{k+1} = r_k + α_k Ap_k,
//	β_{k+1} = r_{k+1}ᵀr_{k+1} / r_kᵀr_k,   p_{k+1} = −r_{k+1} + β_{k+1} p_k.
//
// Each step minimizes the quadratic exactly along p_k and over the whole
// Krylov space spanned so far, so in exact arithmetic CG ends after at most
// n steps (as many as A has distinct eigenvalues). In floating point the
// conjugacy decays: on an ill-conditioned A, such as a Hilbert matrix, CG
// needs more than n steps.
//
// # Nonlinear CG
//
// For a general f, r becomes ∇f, the exact step a strong Wolfe line search
// (c₂ = 0.1: accurate enough that p stays a descent direction), and β one
// of (Variant):
//
//	HS+ (Hestenes–Stiefel+) β = max(0, g₊ᵀy / pᵀy), y = g₊ − g   (default)
//	PR+ (Polak–Ribière+)    β = max(0, g₊ᵀ(g₊ − g) / gᵀg)
//	FR  (Fletcher–Reeves)   β = g₊ᵀg₊ / gᵀg
//	HS  (Hestenes–Stiefel)  β = g₊ᵀy / pᵀy
//	HZ  (Hager–Zhang)       β = (y − 2p ‖y‖²/pᵀy)ᵀ g₊ / pᵀy, bounded below by −1/(‖p‖ min(0.01, ‖g‖))
//
// On a quadratic with exact line searches all of them equal linear CG. The
// method restarts with p = −∇f every Restart iterations, whenever β would
// give an ascent direction, and when consecutive gradients are far from
// orthogonal: for FR, HS and HZ Powell's test |g₊ᵀg| ≥ 0.1 ‖g₊‖² (N&W
// (5.52)), with Restart = n by default. HS+ and PR+ restart by themselves
// (β = 0) when their steps stall, so they restart only when the gradients
// point in nearly opposite directions, cos(g₊, g) ≤ −0.9, and every 6n
// steps (as gonum's CG): on the MGH problems that takes about 35% fewer
// evaluations than Powell's test and restarts every n steps. Memory is
// O(n): CG suits large problems.
//
// The line search (LineSearch) is, by default, Moré–Thuente
// (linesearch.MoreThuente) for HS+ and N&W's strong Wolfe search
// (linesearch.StrongWolfe) for the other variants. Moré–Thuente evaluates
// f and ∇f at every trial and starts from α₀ = 1/‖∇f‖∞, then
// α_{k−1}φ′_{k−1}(0)/φ′_k(0), kept in [1e-3, 1] (gonum's first-order
// step): HS+ with it is gonum's default CG and needs about as many
// evaluations. With Moré–Thuente, PR+, FR and HZ stop early on Brown badly
// scaled (f turns into rounding noise near x₁ ≈ 10⁶ before the search
// finds a strong Wolfe step), so they keep the N&W search, which skips ∇f
// at rejected trials.
//
// Converged when ‖∇f‖∞ ≤ GTol (default 1e-6); a failed line search ends
// the run with LineSearchFailure (or NonFinite for NaN) and a message.
//
// See Nocedal & Wright, Numerical Optimization, chapter 5; Hager & Zhang,
// "A new conjugate gradient method with guaranteed descent and an efficient
// line search", SIAM J. Optim. 16 (2005).
package cg
