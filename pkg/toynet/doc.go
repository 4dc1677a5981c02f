// Package toynet is the toy network of optlab's reference experiment, small
// enough to write out by hand and hard enough to separate the optimizers.
//
// The network maps a point u ∈ ℝ² to
//
//	h = ReLU(W1·u)        W1 ∈ ℝ^{2×2}, no bias
//	y = W2·h + b          W2 ∈ ℝ^{2×2}, b ∈ ℝ²
//
// and is trained to reproduce its input (the target is u itself) on 32
// points whose second coordinate is about a thousand times larger than the
// first. The loss is the mean squared error over all 64 outputs, as
// PyTorch's MSELoss computes it:
//
//	L(θ) = 1/64 · Σ_k Σ_j (y_kj − u_kj)²
//
// The 10 parameters θ are ordered W1 (row-major), W2 (row-major), b.
//
// The gradient is written by hand (backpropagation), with the ReLU's
// derivative taken as 0 at 0 like PyTorch's. Loss and Grad allocate nothing
// and are safe for concurrent use: every gradient-free method calls them
// thousands of times.
package toynet
