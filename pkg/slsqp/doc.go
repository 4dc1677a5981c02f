// Package slsqp implements Kraft's Sequential Least-Squares Quadratic
// Programming, the method behind scipy.optimize.minimize(method='SLSQP'):
//
//	minimize f(x)  subject to  c_eq(x) = 0,  c_in(x) ≥ 0,  lower ≤ x ≤ upper
//
// (D. Kraft, "A software package for sequential quadratic programming",
// DFVLR-FB 88-28, 1988). It is the optim method "slsqp":
//
//	res, err := optim.Minimize(ctx, p, x0, &optim.Settings{FTol: 1e-9}, slsqp.Method{})
//	d := res.Detail.(*slsqp.Detail) // or optim.DetailOf[*slsqp.Detail](res)
//
// The constraints are Problem.Constraints, each an optim.Constraint of Kind
// optim.Equality (c(x) = 0) or optim.Inequality (c(x) ≥ 0, scipy's
// convention); the bounds are Problem.Lower and Problem.Upper, and no point
// outside them is ever evaluated. Result.X is the last iterate, as in scipy
// (Info.AnswerIsIterate): the best point evaluated may be an infeasible
// finite-difference probe. The Detail holds Kraft's exit mode, the
// Lagrange multipliers (Multipliers[j] for Problem.Constraints[j],
// MultLower and MultUpper for the bounds) and the final violation. One
// iteration (Settings.MaxIter, default 100) is one SQP step: a QP
// subproblem, its line search and the BFGS update; each is reported to
// the Callback and, with Settings.Record, to Result.Path, with the new
// iterate as X and a Step (step length, trials, violation) as Detail.
//
// # Sequential quadratic programming
//
// At a KKT point x* there are multipliers λ with
//
//	∇f(x*) = Σ_j λ_j ∇c_j(x*),   λ_j ≥ 0 and λ_j c_j(x*) = 0 for inequalities,
//
// the stationarity of the Lagrangian L(x, λ) = f(x) − Σ λ_j c_j(x). SQP is
// Newton's method on these conditions: at the iterate x_k it solves the
// quadratic program
//
//	minimize ½ dᵀB_k d + ∇f(x_k)ᵀd
//	subject to ∇c_j(x_k)ᵀd + c_j(x_k) = 0   (equalities)
//	           ∇c_j(x_k)ᵀd + c_j(x_k) ≥ 0   (inequalities)
//	           lower − x_k ≤ d ≤ upper − x_k
//
// in which B_k approximates the Hessian of the Lagrangian, and whose
// multipliers estimate λ. The step d_k is then shortened by a line search,
// x_{k+1} = x_k + α d_k.
//
// # The quadratic program as a least-squares problem
//
// Kraft keeps B = UᵀU factored (we keep the triangle U in a mat.TriDense;
// Kraft stores LDLᵀ, the same thing with U = D^{1/2}Lᵀ). Then, with
// Uᵀf = −∇f,
//
//	½ dᵀB d + ∇fᵀd = ½‖U d − f‖² − ½‖f‖²,
//
// so the QP is a linearly constrained least-squares problem, solved by the
// chain of Lawson & Hanson ("Solving Least Squares Problems", 1974): LSEI
// removes the equalities through a QR factorization of their Jacobian, LSI
// turns the remaining inequality-constrained problem into a least-distance
// problem LDP (minimize ‖z‖ subject to G z ≥ h), and LDP is solved through
// its dual, a non-negative least-squares problem NNLS, by the active-set
// method. The bounds are rows of the inequality system. See lsq.go.
//
// If the linearized constraints are inconsistent (LDP finds no z), Kraft
// adds a variable δ ∈ [0, 1] that relaxes every violated constraint value to
// (1 − δ)·c_j and a term ½ρ²δ² (ρ = 100) to the objective: the augmented
// problem is always feasible (d = 0, δ = 1) and its step removes a fraction
// 1 − δ of the violation. If even with larger ρ no step reduces the
// violation (δ = 1), the run stops with "Inequality constraints
// incompatible" (Status Infeasible): this is how an infeasible problem ends.
//
// The code follows these steps: state.iterate is one SQP iteration, made
// of subproblem (the QP), updatePenalty, meritSlope, lineSearch and
// updateB; lsq.go holds the chain lsq → lsei → lsi → ldp → nnls. The long
// loops of the subproblem call Task.Check, so that a cancelled context
// stops even a large subproblem within a fraction of a second.
//
// # Line search on the L1 merit function
//
// A step is judged by the exact penalty function
//
//	φ(x) = f(x) + Σ_eq μ_j |c_j(x)| + Σ_in μ_j max(−c_j(x), 0)
//
// with weights updated from the QP multipliers r as μ_j ← max(|r_j|,
// (μ_j + |r_j|)/2). Its directional derivative along d is estimated as
// D = ∇fᵀd − (1 − δ)·Σ μ_j·violation_j; if D ≥ 0, B is reset to the identity
// (at most four times in a run). Otherwise α = 1 is tried and, while the
// Armijo test Δφ = φ(x + αd) − φ(x) ≤ α D/10 fails, multiplied by the
// minimizer of the quadratic interpolating φ, max(αD / (2(αD − Δφ)), 0.1),
// until the test holds, or 11 trials are used up (the last trial is
// then accepted anyway, as in Kraft's code).
//
// # BFGS with Powell's damping
//
// After the step s = x_{k+1} − x_k, with y the change of ∇ₓL (the
// multipliers held fixed), B is updated by
//
//	B ← B + y yᵀ/(sᵀy) − B s sᵀB/(sᵀB s)
//
// where y is first replaced by θ y + (1 − θ) B s, θ = 0.8 sᵀBs/(sᵀBs − sᵀy),
// if sᵀy < 0.2 sᵀBs (Powell 1978): B stays positive definite although the
// Hessian of the Lagrangian need not be. The two rank-one terms change U
// directly, by LINPACK's update and downdate (dchud, dchdd), in O(n²); if
// the downdate fails, B is reset to the identity.
//
// # Stopping
//
// With acc = Settings.FTol (scipy's ftol, default 1e-6) the run converges
// when, before a step, |∇fᵀd| + Σ|r_j c_j| < acc and the total violation
// Σ|c_eq| + Σ max(−c_in, 0) < acc, or when, after a step, |f_{k+1} − f_k| < acc
// or ‖s‖ < acc, with violation < acc. The exit codes are scipy's
// (Detail.Mode, with scipy's messages, ModeMessage), mapped onto
// optim.Status: 0 Converged, 4 incompatible constraints (Infeasible), 8
// positive directional derivative (LineSearchFailure), 9 iteration limit
// (IterationLimit, not a success), 3/5/6/7 failures of the subproblem
// (NumericalFailure); a NaN or ±Inf in f, c or a gradient is NonFinite.
// The evaluation limit, the callback and the context end the run with
// Detail.Mode = ModeOther. A stop at an infeasible point is never
// reported as a success. More equality constraints than variables (mode
// 2) is an error of Minimize.
//
// # Gradients
//
// Problem.Grad and Constraint.Grad are used when set; otherwise gradients are
// the Task's forward differences with step Settings.FDStep (scipy's eps,
// default √ε), n evaluations per gradient, counted in Result.NFev as scipy
// counts them (constraint probes are not counted). Probes stay inside the
// bounds (the step goes backwards near an upper bound), and with
// Settings.Workers they are evaluated in parallel, with identical results.
//
// # Cost
//
// B is a dense n×n matrix. Without bounds and constraints a subproblem is
// two triangular solves, O(n²); every bound and inequality adds a dense
// row to the LDP subproblem, whose NNLS is O(n³) or worse (see MaxDim).
//
// # Differences from scipy
//
// x0 outside the bounds is an error (scipy clips it); the gradient after the
// last permitted iteration is not computed (scipy computes it, then stops);
// an inconsistent linearization that no step can reduce ends with mode 4
// instead of a step that ignores the constraints.
//
// # The reference experiment
//
// On the toy network of package toynet from its reference start, with
// FDStep = 0.001 and MaxIter = 100, scipy 1.10 ends at loss 3.0970 after
// 1855 evaluations; this package ends at 3.0969 after 1866 (see the tests).
package slsqp
