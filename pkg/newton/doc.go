// Package newton is Newton's method in n dimensions, registered as
// "newton" (the 1-D method is onedim's Newton). Each iteration minimizes
// the quadratic model
//
//	m(p) = f(x) + ∇f(x)ᵀp + ½ pᵀ∇²f(x) p   ⇒   ∇²f(x) p = −∇f(x),
//
// then searches along p from the Newton step α = 1 (Armijo backtracking by
// default, or strong Wolfe). Near a minimizer with a positive definite
// Hessian the unit step is accepted and convergence is quadratic,
// ‖∇f(x_{k+1})‖ ≤ C ‖∇f(x_k)‖².
//
// # Hessian modification
//
// Far from a minimizer ∇²f may be indefinite and p need not be a descent
// direction. Following Nocedal & Wright Alg. 3.3 (Cholesky with added
// multiple of the identity), the method factors ∇²f + τI with the smallest
// τ in 0 (or −min_i H_ii + β), β, 2β, 4β, … (β = 10⁻³) that succeeds;
// then p is a descent direction. Step.Tau reports τ per iteration and
// Detail counts the modified iterations.
//
// The Hessian is Problem.Hess, or forward differences of the gradient
// (t.Hess: N more gradients per iteration, each N evaluations without
// Problem.Grad).
//
// # Statuses
//
// Converged when ‖∇f‖∞ ≤ GTol (default 1e-6) at a point where the Hessian
// is not indefinite: if the gradient vanishes where the Hessian has not
// been seen positive definite — x0 itself, or after a modified step — the
// method evaluates the Hessian there, and a clearly negative eigenvalue
// ends the run with NotMinimum ("a saddle point or maximum"), as onedim's
// Newton reports f″ ≤ 0. A NaN or ±Inf in f, ∇f or ∇²f ends it with
// NonFinite; a Hessian no shift repairs with NumericalFailure; a failed
// line search with LineSearchFailure. Each iteration costs O(n³) (dense
// Cholesky) and O(n²) memory.
//
// See Nocedal & Wright, Numerical Optimization, §3.3–3.4.
package newton
