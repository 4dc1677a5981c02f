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
// defaults, 100 + 100·100 = 10100. (A MaxEval budget may end the run in the
// middle of a move, after the points it allows.)
//
// # Using it
//
// PSO is the registered method "pso", run through optim.Minimize with a
// *Method; the zero Method is pyswarm's defaults, and PSO takes no start
// point (x0 must be nil: the swarm starts at random in the box):
//
//	p := optim.Problem{Func: f, Lower: lb, Upper: ub}
//	r, err := optim.Minimize(ctx, p, nil, &optim.Settings{Seed: 1}, &pso.Method{SwarmSize: 40})
//
// The bounds are required and must be finite (optim checks them); a
// coordinate with lb = ub simply stays put. One iteration (MaxIter,
// default 100 as pyswarm's maxiter) is one move of the whole swarm.
//
// # Stopping
//
// pyswarm's minfunc and minstep are Settings.FTol and Settings.XTol, both
// 1e-8 by default. They only fire when the swarm's best improves: a swarm
// that stops finding better points runs until MaxIter. Method.NoEarlyStop
// switches both off (pyswarm's minfunc = minstep = 0). Result.Message keeps
// pyswarm's messages, and the Status says what they mean:
//
//	Stopping search: Swarm best objective change less than 1e-08   Converged
//	Stopping search: Swarm best position change less than 1e-08    Converged
//	Stopping search: maximum iterations reached --> 100            IterationLimit (not a success)
//
// At the iteration limit, the status is optim.Infeasible if no feasible
// point was found (pyswarm: "However, the optimization couldn't find a
// feasible design"), optim.NonFinite if every value was NaN or ±Inf. The
// Task's own statuses end a run too: EvaluationLimit (MaxEval), Stopped
// (the callback), Cancelled (the context), EvaluationError (a panicking
// objective or constraint, with any Workers).
//
// # The parameters
//
// ω (Method.Omega) is the inertia: with ω close to 1 particles keep flying
// and explore; with small ω they brake quickly and the swarm contracts. φp
// (PhiP) and φg (PhiG) weigh the pulls: a large φg makes every particle
// rush to the current best (fast, but it may get trapped), a large φp keeps
// particles around their own finds (more diverse). pyswarm's defaults,
// ω = φp = φg = 0.5, make a calm swarm that contracts within a few dozen
// iterations: good for a budget of 100 iterations, but on harder problems
// (10-D Rosenbrock) the swarm collapses before it finds the valley's end.
// The constriction parameters of Clerc and Kennedy (2002), ω = 0.7298 and
// φp = φg = 1.49618, keep the swarm exploring much longer. More particles
// (SwarmSize) explore more of the box at the price of more evaluations per
// iteration.
//
// A zero field means its default (the optim convention), so a weight of
// exactly zero is not available; 1e-300 is zero for every practical
// purpose. Run rejects, before any evaluation, ω outside [0, 1] (above 1
// the unclipped velocities grow like ωᵏ and overflow), φp or φg outside
// [0, 4] (no published parameter set uses more; larger weights make the
// particles oscillate ever wider), NaN or ±Inf, a negative SwarmSize and
// swarms of more than MaxSwarmFloats numbers. Within these limits the
// velocities stay bounded (ω < 1) or grow linearly (ω = 1), so they can
// only overflow in a box of width near the largest float64; should a
// velocity become ±Inf or NaN, the run stops with optim.NumericalFailure
// and no such point is evaluated.
//
// # Constraints
//
// Problem.Constraints of kind optim.Inequality, c(x) ≥ 0, are pyswarm's
// ieqcons; equality constraints are rejected (pyswarm has none). As in
// pyswarm, infeasible particles keep flying, but an infeasible point never
// becomes a personal or the swarm's best, so Result.X is always feasible
// when the status is not Infeasible. The constraints are evaluated on the
// calling goroutine, after the objective, in particle order; a NaN value
// counts as violated. Result.Trace counts every evaluation, infeasible ones
// too, so with constraints it may end below Result.F. One difference from
// pyswarm: it starts the personal best of an infeasible particle at the
// origin, this package at the particle's start (the origin may lie outside
// the box).
//
// # Non-finite values
//
// NaN and ±Inf from the objective count as +Inf: such a point never becomes
// a best (Iteration.PopF shows them as +Inf). Result.Message says how many
// there were.
//
// # Randomness and parallelism
//
// All random numbers come from the Task's generator, seeded by
// Settings.Seed, and are drawn on the calling goroutine in a fixed order
// (positions, velocities, then per iteration all of r_p and all of r_g).
// The whole swarm is evaluated as one batch through Task.EvalBatch, with up
// to Settings.Workers goroutines or a remote Backend, and recorded in
// particle order, so the Result is bit-for-bit the same for any Workers.
// The numbers differ from pyswarm's (NumPy's Mersenne Twister), so single
// runs are not reproduced, only their statistics.
//
// # Watching the swarm
//
// After every move, Settings.Callback receives an optim.Iteration with the
// swarm's best in X and F, the positions in Pop and their values in PopF,
// and the velocities, personal bests and feasibility in Detail, a *Swarm.
// Settings.Record keeps a deep copy of each in Result.Path. The initial
// swarm, before the first move, is Result.Detail's Start (a *Detail):
// prepend it to Result.Path for the NIt+1 frames of an animation.
//
// References: J. Kennedy and R. Eberhart, Particle swarm optimization, Proc.
// ICNN 1995; M. Clerc and J. Kennedy, The particle swarm: explosion,
// stability, and convergence in a multidimensional complex space, IEEE
// Trans. Evol. Comput. 6(1), 2002; pyswarm by Abraham Lee,
// https://github.com/tisimst/pyswarm; M. Kochenderfer and T. Wheeler,
// Algorithms for Optimization, section 9.4.
package pso
