// Package momentum is gradient descent with momentum: Polyak's heavy ball
// and Nesterov's accelerated gradient.
//
// # Heavy ball
//
// Gradient descent forgets everything but the current gradient, so in a
// narrow valley it zigzags from wall to wall while creeping along the floor.
// The heavy ball keeps a velocity v, an exponentially decaying sum of past
// steps:
//
//	v_{k+1} = μ v_k − η ∇f(x_k)
//	x_{k+1} = x_k + v_{k+1}
//
// with v₀ = 0, the learning rate η and the momentum μ ∈ [0, 1) (0 is plain
// gradient descent). Equivalently x_{k+1} = x_k − η∇f(x_k) + μ(x_k − x_{k−1}).
// Components of the gradient that keep their sign add up (up to a factor
// 1/(1−μ) along a constant slope) while those that alternate cancel, which
// damps the zigzag. On a quadratic with curvatures in [m, L] and condition
// number κ = L/m, Polyak's choice η = 4/(√L+√m)², μ = ((√κ−1)/(√κ+1))²
// converges at the rate (√κ−1)/(√κ+1) per step instead of gradient
// descent's (κ−1)/(κ+1): about √κ times fewer steps.
//
// # Nesterov
//
// Nesterov's method evaluates the gradient at the point the momentum is
// about to carry us to, x_k + μ v_k, which corrects the step before an
// overshoot rather than after. Method.Nesterov uses the equivalent form of
// PyTorch's SGD(momentum=μ, nesterov=True, dampening=0), whose iterate is
// that look-ahead point, so that f and ∇f are taken at the same x:
//
//	v_{k+1} = μ v_k − η ∇f(x_k)
//	x_{k+1} = x_k + μ v_{k+1} − η ∇f(x_k)
//
// (PyTorch stores b = −v/η and writes b ← μb + g, x ← x − η(g + μb).)
//
// # Using it
//
//	r, err := optim.Minimize(ctx, p, x0, nil, &momentum.Method{LR: 0.01, Mu: 0.8, Nesterov: true})
//
// [Method] is registered as "momentum"; its parameters are LR (η, default
// 1e-3, flag -lr), Mu (μ, default 0.9, flag -mu) and Nesterov (flag
// -nesterov). Both variants run in gd.Loop: one iteration is one step, with
// one evaluation of f and of its gradient at x_k (forward differences
// inside the box if Problem.Grad is nil), Settings.MaxIter steps (default
// 1000), the final iterate in Result.Detail (a *gd.Detail) and the best
// point evaluated in Result.X; with Settings.Record, Result.Path[k] holds
// x_k and f(x_k). See package gd for the stopping rules.
//
// See Kochenderfer & Wheeler, Algorithms for Optimization, §5.3–5.4;
// B. T. Polyak (1964), Some methods of speeding up the convergence of
// iteration methods; I. Sutskever et al. (2013), On the importance of
// initialization and momentum in deep learning.
package momentum
