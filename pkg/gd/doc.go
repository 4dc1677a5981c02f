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
// # Using it
//
//	r, err := optim.Minimize(ctx, p, x0, &optim.Settings{MaxIter: 500}, &gd.Method{LR: 0.05})
//
// [Method] is registered as "gd"; its one parameter is the learning rate
// (LR, default 1e-3, flag -lr). gd is fixed-step gradient descent only:
// steepest descent with a line search is a method of its own (package
// linesearch).
//
// # The loop shared with momentum and Adam
//
// [Loop] runs any update rule x ← step(x, ∇f(x)) on an [optim.Task]. One
// iteration is one step: f and its gradient are evaluated at the current
// iterate x_k (t.FuncGrad: Problem.Grad, or forward differences that stay
// inside the box, step Settings.FDStep, counted in NFev), then the step
// moves to x_{k+1}, which is projected onto the box if the problem has
// bounds (projected gradient descent), then the iteration is reported with
// X = x_k, F = f(x_k) and an [IterDetail] holding ‖∇f(x_k)‖₂. This is a
// PyTorch training loop that computes the loss and calls backward() before
// each optimizer.step(): Settings.MaxIter (default 1000) is the number of
// steps, and the final iterate, produced by the last step, is not
// evaluated; it is Result.Detail's [Detail].Last.
//
// With Settings.Record, Result.Path[k] is step k+1's iteration, so
// Result.Path[len(Result.Path)−1].F is the loss measured before the last
// step (also the F of the last Iteration a Settings.Callback sees).
// Result.X is the best point evaluated, the minimum of the trace.
//
// The run stops with Converged once the projected gradient ‖P(∇f(x_k))‖₂ ≤ Settings.GTol (default
// 1e-6; components pushing against an active bound do not count), with NonFinite if f or its
// gradient is NaN or ±Inf (a too large step ends that way when f
// overflows), and otherwise at the budget (IterationLimit, EvaluationLimit),
// the callback (Stopped) or the context (Cancelled), none of them a success.
//
// See Kochenderfer & Wheeler, Algorithms for Optimization, §5.1 and §4.3
// and Nocedal & Wright, Numerical Optimization, §3.1.
package gd
