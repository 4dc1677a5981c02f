// Package neldermead is the Nelder–Mead downhill simplex method (1965), the
// classic derivative-free local optimizer, as scipy runs it
// (scipy.optimize.minimize(method="Nelder-Mead"), with its xatol, fatol,
// maxiter = 200·n, bounds by projection and adaptive option).
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
// The method is registered as "neldermead" (flags -coefficients and
// -initialstep). The initial simplex is x0 and the n points with x0_i
// replaced by 1.05·x0_i (0.00025 where x0_i = 0), as in scipy, or
// x0 + h·e_i with InitialStep h > 0. Its n+1 values are one batch, as
// are the n new vertices of a shrink, so Settings.Workers or a Backend
// evaluates them concurrently, with the same result.
//
// One iteration (Settings.MaxIter; 0 means 200·n, scipy's maxiter) is one
// simplex transformation: a reflection (1 evaluation), an expansion or a
// contraction (2) or a shrink (n+2). Every iteration reports X = v_0 and
// F = f(v_0), the sorted simplex in Pop and PopF, and the [Op] in Detail;
// the initial simplex is the Result's [Detail].Start, so frames :=
// append([]optim.Iteration{d.Start}, r.Path...) animates the whole run.
//
// # Stopping
//
//   - Converged when max_{i,j} |v_i[j] − v_0[j]| ≤ Settings.XTol and
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
// # Bounds
//
// As in scipy ≥ 1.7, every trial point (and every initial vertex) is
// clipped into the box [Lower, Upper]; an initial vertex that would leave
// the box steps the other way instead. The vertices may then gather on a
// face of the box, which is right when the minimum lies there.
//
// See Nelder and Mead, Computer Journal 7 (1965) 308–313; Lagarias, Reeds,
// Wright and Wright, SIAM J. Optim. 9 (1998) 112–147; Gao and Han, Comput.
// Optim. Appl. 51 (2012) 259–277; Kochenderfer and Wheeler, Algorithms for
// Optimization, §7.5.
package neldermead
