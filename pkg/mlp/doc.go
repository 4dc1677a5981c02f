// Package mlp is a multilayer perceptron as an optimization problem: any
// layer sizes, ReLU, tanh or identity hidden layers, a linear output layer,
// the mean squared error and its gradient by backpropagation.
//
// The network [New] makes maps an input u ∈ ℝ^{n₀} through L layers,
//
//	a₀ = u,   a_l = σ(W_l a_{l−1} + b_l)  (l < L),   y = W_L a_{L−1} + b_L,
//
// with σ the hidden activation, and its loss on N samples (u_k, t_k) with m
// outputs is
//
//	L(θ) = 1/(N·m) · Σ_k Σ_j (y_kj − t_kj)²
//
// (PyTorch's MSELoss). The output layer always has its bias b_L; the hidden
// biases are optional.
//
// # Parameter order
//
// θ lists the layers from the input: for each layer l, W_l row-major (the
// row W_l[j] holds the weights into unit j), then b_l if the layer has a
// bias. The toy network of package toynet — 2-2-2, ReLU, no hidden bias,
// the inputs as targets — is New([]int{2, 2, 2}, ReLU, false, u, u), and
// its parameters are in toynet's order W1, W2, b; Loss and Grad agree with
// toynet's to rounding (a test checks 1e-12).
//
// # Speed
//
// Loss and Grad allocate nothing (scratch on the stack for small
// networks, from a sync.Pool for large ones) and are safe for concurrent
// use, so population methods can evaluate them with Settings.Workers > 1.
// A Loss costs about N·P multiply-adds for P parameters, a Grad about
// three times as much.
//
// # The scaling-study task
//
// [Task] builds the networks of optlab's scaling study: [2, h, 1] tanh
// networks with about 10, 30, 100, 300 or 1000 parameters fitting the
// smooth [TaskTarget] on a fixed set of 64 Halton points ([TaskData]),
// started from a seeded Glorot initialization ([Net.Init]).
package mlp
