// Package neldermead is the Nelder–Mead downhill simplex method (1965), the
// classic derivative-free local optimizer, as scipy runs it
// (scipy.optimize.minimize(method="Nelder-Mead"), with its xatol, fatol,
// maxiter = 200·n, bounds by projection and adaptive option), plus
// restarts after convergence (Restarts: -1 gives scipy's run exactly).
//
// # The idea
//
// A simplex of n+1 points in ℝⁿ (a triangle in the plane) tumbles downhill.
// Sort the vertices by value, v_0 the best, v_n the worst, and let x̄ be
// the centroid of all but the worst. The worst vertex is moved along the
// line through x̄:
//
//	reflect   x_r  = x̄ + α(x̄ − v_n)     accepted if f_0 ≤ f_r < f_{n−1}
//	expand    x_e  = x̄ + αγ(x̄ − v_n)    if f_r < f_0: the better of x_e and x_r
//	contract  x_c  = x̄ + αρ(x̄ − v_n)    if f_{n−1} ≤ f_r < f_n: x_c if f_c ≤ f_r
//	          x_cc = x̄ − ρ(x̄ − v_n)     if f_r ≥ f_n: x_cc if f_cc < f_n
//	shrink    v_i ← v_0 + σ(v_i − v_0)   when the contraction fails
//
// So the simplex stretches along a valley, turns with it, and shrinks
// around a minimum. Only values of f are compared: no gradient, and f may
// be non-smooth. The price is many evaluations, and no convergence theory
// beyond two dimensions (McKinnon's counterexample stalls on a smooth
// convex function).
//
// # Coefficients
//
// Nelder and Mead's standard coefficients are α = 1, γ = 2, ρ = ½, σ = ½.
// In high dimension they make the simplex flatten and stall: on a 30-D
// quadratic with curvatures 1…30 they are still at f ≈ 26 after 20000
// iterations. Gao and Han (2012) made them depend on n,
//
//	α = 1, γ = 1 + 2/n, ρ = ¾ − 1/(2n), σ = 1 − 1/n,
//
// which reach f ≈ 2e-8 on the same problem in 7513 iterations. They are
// scipy's adaptive=True and gonum's default. [Method]'s Coefficients field
// chooses: Auto (the zero value) is Adaptive for n ≥ 2 (for n = 2 both sets
// coincide) and Standard for n = 1, where the adaptive σ would be 0.
//
// # Using it
//
//	r, err := optim.Minimize(ctx, p, x0, nil, &neldermead.Method{})
//
// The method is registered as "neldermead" (flags -coefficients,
// -initialstep and -restarts). The initial simplex is x0 and the n points with x0_i
// replaced by 1.05·x0_i (0.00025 where x0_i = 0), as in scipy, or
// x0 + h·e_i with InitialStep h > 0. Its n+1 values are one batch, as
// are the n new vertices of a shrink, so Settings.Workers or a Backend
// evaluates them concurrently, with the same result.
//
// One iteration (Settings.MaxIter; 0 means 200·n, scipy's maxiter) is one
// simplex transformation: a reflection (1 evaluation), an expansion or a
// contraction (2) or a shrink (n+2), or a restart (n). Every iteration reports X = v_0 and
// F = f(v_0), the sorted simplex in Pop and PopF, and the [Op] in Detail;
// the initial simplex is the Result's [Detail].Start, so frames :=
// append([]optim.Iteration{d.Start}, r.Path...) animates the whole run.
//
// # Stopping
//
//   - Converged (after the restarts, below) when
//     max_{i,j} |v_i[j] − v_0[j]| ≤ Settings.XTol and
//     max_i |f(v_i) − f(v_0)| ≤ Settings.FTol (scipy's xatol and fatol,
//     both absolute, default 1e-4). This is a statement about the simplex,
//     not a guarantee of a minimum.
//   - Converged, too, when the simplex has collapsed onto its best vertex:
//     all n+1 vertices are equal, or a shrink moved none of them (the
//     simplex is at the float64 resolution around X, where tolerances below
//     that resolution cannot be met). The message says which.
//   - NumericalFailure when the initial simplex is flat: x0_i plus its step
//     rounds back to x0_i (InitialStep too small for |x0_i|), so the search
//     could never move along axis i. Only x0 is evaluated.
//   - NonFinite when every vertex is NaN or ±Inf. NaN and ±Inf count as +Inf,
//     the worst possible value (so a region where f is undefined repels the
//     simplex); the message warns how many there were.
//   - IterationLimit, EvaluationLimit, Stopped, Cancelled: the budget, the
//     callback, the context (no success).
//
// Settings.GTol and FDStep are not used.
//
// # Restarts
//
// A simplex that meets the tolerances has not necessarily found a
// minimum: it may have flattened, or shrunk onto a point where f is not
// stationary (McKinnon's example). So when it converges (either way
// above), Run restarts: v_0 stays, and v_1 … v_n are rebuilt as the
// initial simplex would be around v_0 (InitialStep, or 5% of each
// coordinate), one batch of n evaluations, one iteration with the Op
// Restart. The run ends Converged when a restart lowered f(v_0) by no
// more than FTol (a fresh simplex found nothing better), when
// Method.Restarts restarts were made (0 means DefaultRestarts = 10), or
// when the iteration limit leaves no room; the message says which and
// how many restarts there were, Detail.Restarts counts them. Restarts < 0
// switches them off. One restart usually suffices: with the defaults it
// costs 2-D Rosenbrock 52 evaluations more (211 instead of 159) and lowers
// f from 8.2e-10 to 3.1e-10; on the 100-D chained Rosenbrock function
// with the default tolerances it takes f from 3.9921 (‖∇f‖∞ = 0.069,
// where the simplex met XTol while still creeping) to the local minimum
// 3.98662 (‖∇f‖∞ = 0.0028) for 55000 evaluations more (10.10 instead of
// 10.04 million).
//
// Restarts do not cure the slow progress in high dimension, where the
// simplex creeps down the 100-D chained Rosenbrock valley with f falling
// by about 10 per million evaluations (tried while writing this:
// restarting every 20n or 100n iterations with the initial simplex's
// steps, or Kelley's oriented restart whenever his sufficient-decrease
// test on the simplex gradient fails, checked every 5n iterations, made
// it slower: f = 195, 98 and 1.8e4 after 2 million evaluations, against
// 64 without).
//
// # Reaching a small gradient
//
// The tolerances are absolute, as in scipy. To reach ‖∇f‖∞ ≤ 1e-6 on the
// Moré–Garbow–Hillstrom problems (the package's TestMGH) set XTol =
// FTol = 1e-20 for n ≤ 10 (Brown's badly scaled function needs x₂ = 2e-6
// to 5e-19) and 1e-12 for the 100-D chained Rosenbrock function, with
// Settings.MaxEval 2e7 and MaxIter 1e9: it converges to the local
// minimum f = 3.98662 with ‖∇f‖∞ = 8e-7 after 10.4 million evaluations
// and one restart (about 10 s). Measured (evaluations, ‖∇f‖∞): rosenbrock-2
// 543, 0; rosenbrock-pairs-10 10035, 4.4e-14; beale 476, 0; powell 2634,
// 1.5e-45; wood 2061, 8.9e-16; brown 594, 1.8e-9; chained rosenbrock-10
// 8511, 3.6e-7 (local minimum 3.98658); freudenstein 494, 3.2e-6 (local
// minimum 48.98). Freudenstein–Roth's 3.2e-6 is at the resolution of f:
// its rounding noise there is 1.4e-14 (2 ulps of 49), and points within
// 1e-8 of the minimizer whose computed f is below f(x*) have ‖∇f‖∞ up to
// 8.5e-6, so no method that compares values of f can do better.
//
// # Bounds
//
// As in scipy ≥ 1.7, every trial point (and every initial vertex) is
// clipped into the box [Lower, Upper]; an initial vertex that would leave
// the box steps the other way instead. The vertices may then gather on a
// face of the box, which is right when the minimum lies there.
//
// See Nelder and Mead, Computer Journal 7 (1965) 308–313; Lagarias, Reeds,
// Wright and Wright, SIAM J. Optim. 9 (1998) 112–147; Gao and Han, Comput.
// Optim. Appl. 51 (2012) 259–277; Kelley, SIAM J. Optim. 10 (1999)
// 43–55; Kochenderfer and Wheeler, Algorithms for
// Optimization, §7.5.
package neldermead
