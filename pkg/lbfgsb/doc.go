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
// In a box l ≤ x ≤ u (some bound finite) each step is L-BFGS-B's:
//
//   - x is stationary in the box when the projected gradient
//     P(x − g) − x is zero, where P clips a point into the box; its
//     largest component is compared with GTol, as scipy's pgtol;
//   - the quadratic model of f, with B the L-BFGS Hessian approximation
//     in compact form (B = θI − W M Wᵀ, Byrd, Nocedal & Schnabel 1994), is
//     minimized along the projected steepest-descent path P(x − t g) up to
//     its first local minimizer, the generalized Cauchy point; the
//     variables that reached a bound there are fixed;
//   - the model is then minimized over the free variables (the direct
//     primal method) and that step is cut short at the box;
//   - the line search (strong Wolfe) runs along d = x̄ − x from the point
//     x̄ found, which stays in the box for every step length up to 1.
//
// Without pairs (the first step) B = I and x̄ is P(x − g): the first step
// goes towards the projected steepest-descent point, not along −g (its
// first trial is at most a unit step). On a problem
// whose gradients are large next to the bounds (package anneal's toy
// network) that decides which minimum a search reaches.
//
// This follows L-BFGS-B (Byrd, Lu, Nocedal & Zhu 1995) except for the line
// search (a bracketing/zoom search of its own instead of Moré–Thuente) and
// the handling of a failed line search (the search stops). Without finite
// bounds it is plain L-BFGS: the two-loop recursion for the direction and
// the same line search.
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
//   - R. H. Byrd, J. Nocedal, R. B. Schnabel, Representations of
//     quasi-Newton matrices and their use in limited memory methods,
//     Math. Programming 63 (1994) 129–156 (the compact form).
//   - R. H. Byrd, P. Lu, J. Nocedal, C. Zhu, A limited memory algorithm for
//     bound constrained optimization, SIAM J. Sci. Comput. 16 (1995)
//     1190–1208.
//   - scipy.optimize.minimize(method="L-BFGS-B").
package lbfgsb
