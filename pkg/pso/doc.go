// Package pso minimizes a function in a box with particle swarm optimization
// (PSO), with the semantics and defaults of pyswarm 0.6.
//
// # The idea
//
// Kennedy and Eberhart (1995) modelled a flock of birds looking for food. A
// swarm of S particles flies through the search box; particle i has a
// position x_i, a velocity v_i, and remembers the best point it has seen
// itself, p_i. The whole swarm also shares the best point any particle has
// seen, g. At every step each particle is pulled, at random strengths,
// towards its own best (the "cognitive" pull) and towards the swarm's best
// (the "social" pull), while keeping part of its previous velocity (its
// "inertia"). No gradient is used, only values of f: PSO works on noisy,
// non-smooth and multimodal functions, at the price of many evaluations and
// no guarantee of optimality.
//
// # The method, as pyswarm runs it
//
// Given the box [lb, ub] ⊂ ℝⁿ, the weights ω, φp, φg and the swarm size S:
//
//  1. Start every particle at a uniformly random point of the box,
//     x_i ~ U[lb, ub], and evaluate f at all of them (S evaluations). Each
//     particle's best is its start, p_i = x_i (if feasible), and g is the
//     best of them.
//  2. Draw every velocity uniformly in [−|ub − lb|, |ub − lb|], coordinate
//     by coordinate.
//  3. Repeat for k = 1, ..., maxiter: move the swarm, evaluate it, update
//     the bests, as follows.
//
// The move draws r_p, r_g ~ U[0, 1] independently for every particle and
// every coordinate, and updates every particle (⊙ is the coordinate-wise
// product):
//
//	v_i ← ω v_i + φp r_p ⊙ (p_i − x_i) + φg r_g ⊙ (g − x_i)
//	x_i ← clip(x_i + v_i, lb, ub)
//
// The position is clipped to the box; the velocity is not. Then f is
// evaluated at all the new positions (S evaluations), and each personal best
// p_i moves to x_i where x_i is feasible and f(x_i) < f(p_i). Finally, once
// for the whole swarm, let p_j be the best of the personal bests. If
// f(p_j) < f(g) the swarm's best improves: if it improved by at most
// minfunc, or moved by ‖p_j − g‖ ≤ minstep, the search stops (converged)
// with p_j; otherwise g ← p_j.
//
// The cost is exactly S·(1 + k) evaluations after k iterations: with the
// defaults, 100 + 100·100 = 10100.
//
// The stopping rules only fire when the swarm's best improves: a swarm that
// stops finding better points runs until maxiter. The messages in
// Result.Message are pyswarm's ("Stopping search: Swarm best objective
// change less than 1e-08", ...).
//
// # The parameters
//
// ω (Omega) is the inertia: with ω close to 1 particles keep flying and
// explore; with small ω they brake quickly and the swarm contracts. φp
// (PhiP) and φg (PhiG) weigh the pulls: a large φg makes every particle rush
// to the current best (fast, but it may get trapped), a large φp keeps
// particles around their own finds (more diverse). pyswarm's defaults,
// ω = φp = φg = 0.5, make a calm swarm that contracts within a few dozen
// iterations: good for a budget of 100 iterations, but on harder problems
// (10-D Rosenbrock) the swarm collapses before it finds the valley's end.
// The constriction parameters of Clerc and Kennedy (2002), ω = 0.7298 and
// φp = φg = 1.49618, keep the swarm exploring much longer. More particles
// explore more of the box at the price of more evaluations per iteration.
//
// # Constraints
//
// Options.Ieqcons are inequality constraints c(x) ≥ 0. As in pyswarm,
// infeasible particles keep flying, but an infeasible point never becomes a
// personal or the swarm's best, so Result.X is always feasible; if no
// feasible point is ever found, the status is optim.Infeasible. One
// difference: pyswarm starts the personal best of an infeasible particle at
// the origin, this package at the particle's start (the origin may lie
// outside the box).
//
// # Non-finite values
//
// NaN and ±Inf from the objective count as +Inf: such a point never becomes
// a best. Result.Message says how many there were; if every evaluation was
// non-finite the status is optim.NonFinite.
//
// # Randomness and parallelism
//
// All random numbers come from optim.NewRand(Seed) and are drawn on the
// calling goroutine in a fixed order (positions, velocities, then per
// iteration all of r_p and all of r_g). The objective is evaluated for the
// whole swarm at once through optim.Evaluator.EvalBatch, with up to Workers
// goroutines, so the result is bit-for-bit the same for any Workers.
// The numbers differ from pyswarm's (NumPy's Mersenne Twister), so single
// runs are not reproduced, only their statistics.
//
// # Watching the swarm
//
// Options.Observe sees the whole swarm after every iteration; a Recorder
// keeps copies of the positions for plots and animations.
//
// References: J. Kennedy and R. Eberhart, Particle swarm optimization, Proc.
// ICNN 1995; M. Clerc and J. Kennedy, The particle swarm: explosion,
// stability, and convergence in a multidimensional complex space, IEEE
// Trans. Evol. Comput. 6(1), 2002; pyswarm by Abraham Lee,
// https://github.com/tisimst/pyswarm; M. Kochenderfer and T. Wheeler,
// Algorithms for Optimization, section 9.4.
package pso
