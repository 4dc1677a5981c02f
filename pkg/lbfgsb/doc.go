// Package lbfgsb is L-BFGS-B: the limited-memory BFGS quasi-Newton method
// with box bounds l ≤ x ≤ u, registered as "lbfgsb". On a problem without
// bounds (or with infinite ones) it is plain L-BFGS with a strong-Wolfe
// line search.
//
// # The method
//
// A quasi-Newton method steps along d = −H·g, where H approximates the
// inverse Hessian. BFGS builds H from the pairs s_k = x_{k+1} − x_k,
// y_k = ∇f(x_{k+1}) − ∇f(x_k); L-BFGS keeps only the M newest pairs and
// never forms H: the two-loop recursion (Nocedal & Wright, Algorithm 7.4,
// twoLoop) computes H·g in O(M·n) from the pairs and the initial scaling
// H₀ = γI, γ = sᵀy / yᵀy of the newest pair.
//
// # Bounds
//
// The bounds are handled by projection, P(x) = min(max(x, l), u):
//
//   - x is stationary in the box when the projected gradient
//     P(x − g) − x is zero; its largest component is compared with GTol,
//     as scipy's pgtol;
//   - a variable on a bound whose gradient pushes outward is held fixed
//     for the step; the quasi-Newton direction is computed for
//     the others;
//   - if the whole step fits in the box, a line search for the strong Wolfe
//     conditions chooses its length (interior steps are plain L-BFGS);
//     otherwise a backtracking search along the projected path P(x + α·d)
//     takes the first α with sufficient decrease, which puts variables
//     onto their bounds.
//
// This is a compact form of L-BFGS-B (Byrd, Lu, Nocedal & Zhu 1995): it
// uses the projected path instead of the generalized Cauchy point and
// subspace minimization, and a bisection/cubic zoom instead of the
// Moré–Thuente line search. It reaches the same kind of point (projected
// gradient below GTol) with a different sequence of iterates.
//
// # Stopping
//
// Converged when the largest component of the projected gradient is at
// most Settings.GTol (default 1e-5, scipy's pgtol), or when a step reduced
// f by a relative amount (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) of at
// most Settings.FTol (default 2.2e-9, scipy's factr·ε with factr = 1e7).
// LineSearchFailure when no step along the direction gives a decrease,
// NonFinite when f or the gradient is NaN or ±Inf at the start point.
// One iteration is one quasi-Newton step, line search included; the
// default MaxIter is scipy's 15000.
//
// The gradient is Problem.Grad, or the Task's forward differences, which
// stay inside the box (step Settings.FDStep).
//
// # Use inside another method
//
// [Local] runs the same iterations inside another method's Task (dual
// annealing polishes its best points with it), sharing its evaluator,
// budget and trace, without counting iterations of its own.
//
// # References
//
//   - J. Nocedal, S. J. Wright, Numerical Optimization, 2nd ed., Springer
//     2006: Algorithm 7.4 (two-loop recursion), Algorithms 3.5 and 3.6
//     (strong Wolfe line search and zoom).
//   - R. H. Byrd, P. Lu, J. Nocedal, C. Zhu, A limited memory algorithm for
//     bound constrained optimization, SIAM J. Sci. Comput. 16 (1995)
//     1190–1208.
//   - scipy.optimize.minimize(method="L-BFGS-B").
package lbfgsb
