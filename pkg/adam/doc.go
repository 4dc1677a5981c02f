// Package adam is the Adam optimizer, exactly as torch.optim.Adam computes
// it (no weight decay, amsgrad off).
//
// # The method
//
// Adam (Kingma & Ba, 2015) combines momentum with a per-coordinate step
// size. It keeps two exponential moving averages, of the gradient g_t and of
// its element-wise square,
//
//	m_t = β₁ m_{t−1} + (1−β₁) g_t          (first moment, "momentum")
//	v_t = β₂ v_{t−1} + (1−β₂) g_t²         (second moment)
//
// from m₀ = v₀ = 0. Because they start at zero, both are biased towards zero
// in the first steps; dividing by the total weight removes that bias:
//
//	m̂_t = m_t / (1−β₁ᵗ),   v̂_t = v_t / (1−β₂ᵗ).
//
// The step is then, coordinate by coordinate,
//
//	x_t = x_{t−1} − γ m̂_t / (√v̂_t + ε).
//
// The ratio m̂/√v̂ has no units: multiply a coordinate's gradient by 1000 and
// the step in that coordinate does not change. At t = 1 it is exactly
// sign(g), so every parameter moves by about γ whatever its gradient's
// scale; later it is below 1 in size where the gradient's sign keeps
// changing. This is what makes Adam robust to badly scaled problems. The
// price is that the step does not shrink with the gradient: with a fixed γ
// Adam does not settle in a minimum but hovers around it, in a region whose
// size is set by γ, and in a curved valley it keeps bouncing between the
// walls at a pace set by γ rather than following the floor.
//
// # Bit-for-bit with PyTorch
//
// [Step] does PyTorch's floating-point operations in its order:
//
//	m ← m·β₁ + (1−β₁)·g
//	v ← v·β₂ + ((1−β₂)·g)·g
//	denom ← √v / √(1−β₂ᵗ) + ε
//	x ← x + (−(γ/(1−β₁ᵗ))·m) / denom
//
// which differs from the textbook formula only by rounding. On the toy
// network of the reference experiment (γ = 1, 100 steps from x0, the loss
// recorded before each step) the last recorded loss agrees with PyTorch's
// 91.85612831227 to about 2e-13 relative; the remaining difference comes
// from the gradient, whose sums PyTorch's autograd adds in another order.
//
// # Using it
//
//	r, err := optim.Minimize(ctx, p, x0, &optim.Settings{MaxIter: 100, Record: true}, &adam.Method{LR: 1})
//
// [Method] is registered as "adam". Its fields default to PyTorch's values:
// LR γ = 1e-3 (flag -lr), Beta1 β₁ = 0.9 (-beta1), Beta2 β₂ = 0.999
// (-beta2), Eps ε = 1e-8 (Adam's own ε; the finite-difference step is
// Settings.FDStep).
//
// Adam runs in gd.Loop. One iteration is one step: f and its gradient at
// the iterate x_k (forward differences inside the box if Problem.Grad is
// nil), then the update to x_{k+1}. Settings.MaxIter (default 1000) is the
// number of steps and the final iterate is not evaluated, as in a PyTorch
// training loop; it is in Result.Detail (a *gd.Detail). With
// Settings.Record, Result.Path[k].F is the loss measured before step k+1,
// so the reference experiment's "final loss" is
// Result.Path[len(Result.Path)−1].F (or the F of the last Iteration a
// Callback sees). Result.X is the best point evaluated.
//
// See D. P. Kingma and J. Ba (2015), Adam: A Method for Stochastic
// Optimization; Kochenderfer & Wheeler, Algorithms for Optimization, §5.8;
// and the torch.optim.Adam documentation.
package adam
