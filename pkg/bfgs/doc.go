// Package bfgs is dense quasi-Newton minimization, registered as "bfgs"
// (Broyden–Fletcher–Goldfarb–Shanno) and "dfp" (Davidon–Fletcher–Powell).
//
// Both keep H_k ≈ ∇²f(x_k)⁻¹ and step along p_k = −H_k ∇f(x_k) with a
// strong Wolfe line search (c₁ = 1e-4, c₂ = 0.9 for BFGS and 0.01 for DFP,
// trying α = 1 first). After
// the step s_k = x_{k+1} − x_k, with y_k = ∇f(x_{k+1}) − ∇f(x_k), H is
// updated so that it satisfies the secant equation
//
//	H_{k+1} y_k = s_k
//
// and stays symmetric positive definite, which needs the curvature
// condition y_kᵀs_k > 0 (the Wolfe conditions guarantee it). BFGS, N&W
// (6.17), is the update closest to H_k in a weighted norm ([UpdateBFGS]):
//
//	H_{k+1} = (I − ρ_k s_k y_kᵀ) H_k (I − ρ_k y_k s_kᵀ) + ρ_k s_k s_kᵀ,   ρ_k = 1/y_kᵀs_k;
//
// DFP, N&W (6.15) dualized to the inverse ([UpdateDFP]):
//
//	H_{k+1} = H_k − H_k y_k y_kᵀ H_k / (y_kᵀ H_k y_k) + s_k s_kᵀ / (y_kᵀ s_k).
//
// BFGS corrects a bad H quickly; DFP is much less effective at it. With
// BFGS's loose line search (DFP{C2: 0.9}, the textbook DFP) it stalls on
// the pairwise and chained Rosenbrock functions and on Brown's badly scaled
// function. With exact line searches the two methods take the same steps
// (Dixon 1972), so DFP's default is the nearly exact c₂ = 0.01: it then
// converges on every MGH problem of the tests, at four to seven function
// evaluations per iteration (see [DFP]).
//
// H₀ = I for the first step (tried with α = min(1, 1/‖∇f‖₂)); before the
// first update it is rescaled to (y₀ᵀs₀ / y₀ᵀy₀) I, N&W (6.20). An update
// whose yᵀs ≤ 0 is skipped and counted in Detail.Skipped; if rounding makes
// −H∇f an ascent direction, H is reset to I (Detail.Resets).
//
// Converged when ‖∇f‖∞ ≤ GTol (default 1e-6). Statuses: LineSearchFailure
// (with the search's reason), NonFinite. One iteration costs O(n²) flops,
// plus the line search; memory is n² (use L-BFGS for large n).
//
// See Nocedal & Wright, Numerical Optimization, §6.1.
package bfgs
