// Package gd is gradient descent, the simplest first-order method, and the
// loop that optlab's other first-order methods (packages momentum and adam)
// share.
//
// # The method
//
// Near x the function is about its first-order Taylor model
//
//	f(x + d) ≈ f(x) + ∇f(x)·d,
//
// and among all steps d of a given length the one that decreases this model
// most points along −∇f(x). Gradient descent takes that direction with a
// fixed step size η, the learning rate:
//
//	x_{k+1} = x_k − η ∇f(x_k).
//
// # How big may η be?
//
// On a quadratic f(x) = ½ xᵀA x with eigenvalues 0 < m ≤ λ_i ≤ L, each
// eigen-component of the error is multiplied by (1 − η λ_i) per step. The
// method converges if and only if |1 − η λ_i| < 1 for all i, that is
//
//	0 < η < 2/L,
//
// and the best fixed step, η = 2/(L+m), gives the rate (κ−1)/(κ+1) with
// κ = L/m the condition number. When κ is large — a long narrow valley —
// the step is limited by the steep direction while progress is made along
// the flat one, and the iterates zigzag across the valley. Too small an η
// crawls; η slightly above 2/L oscillates with a growing amplitude and
// diverges (the run then ends with Status NonFinite when f overflows).
//
// # Backtracking line search
//
// With Options.LineSearch the step is chosen anew at each iteration: start
// from α = η and multiply α by ρ (Shrink, default ½) until the Armijo
// sufficient-decrease condition
//
//	f(x − α∇f(x)) ≤ f(x) − c₁ α ‖∇f(x)‖²      (c₁ = Armijo, default 1e-4)
//
// holds. It always holds for small enough α when ∇f(x) ≠ 0, so the method no
// longer needs L; it pays with extra evaluations of f (counted in NFev and
// traced). When the problem has bounds the trial points are projected onto
// the box and the condition uses ∇f(x)·(y − x) for −α‖∇f(x)‖².
//
// # The loop shared with momentum and Adam
//
// [Loop] runs any update rule x ← step(x, ∇f(x)): MaxIter steps, each
// preceded by one evaluation of f and one of its gradient at the current
// iterate, like a PyTorch training loop that computes the loss and calls
// backward() before each optimizer.step(). The final iterate, produced by the
// last step, is not evaluated; it is in [Path].Last. The Result holds the
// best point evaluated, which is the minimum of the trace. Without
// Problem.Grad the gradient is approximated by central (default) or forward
// differences whose evaluations count in NFev. If the problem has bounds
// every iterate is projected onto the box (projected gradient descent).
// With GTol > 0 the run stops, Converged, once ‖∇f(x_k)‖₂ ≤ GTol.
//
// See Kochenderfer & Wheeler, Algorithms for Optimization, §5.1 and §4.3
// (backtracking line search), and Nocedal & Wright, Numerical Optimization, §3.1.
package gd
