// Package cmaes implements the Covariance Matrix Adaptation Evolution
// Strategy, CMA-ES, the (μ/μ_w, λ)-CMA-ES of N. Hansen, "The CMA Evolution
// Strategy: A Tutorial" (arXiv:1604.00772), with IPOP restarts, the
// separable variant sep-CMA-ES, two decomposition-free variants (the Matrix
// Adaptation ES, MA-ES, and the Cholesky-CMA-ES), box bounds and an ask/tell
// interface.
//
// # The idea
//
// CMA-ES searches with a multivariate normal distribution N(m, σ²C). Each
// generation it
//
//  1. samples λ candidates x_k = m + σ y_k with y_k ~ N(0, C),
//  2. evaluates them and ranks them by f (only the ranking matters: CMA-ES
//     is invariant under any increasing transformation of f),
//  3. moves the mean to a weighted average of the μ = ⌊λ/2⌋ best,
//  4. adapts the step size σ from the length of an evolution path, and the
//     covariance C from the successful steps,
//
// so that the distribution learns the local shape of f: on a convex
// quadratic f(x) = ½ xᵀHx, C becomes proportional to H⁻¹ and the search
// proceeds as on the sphere. This is a derivative-free relative of a
// quasi-Newton method that needs only ranks.
//
// # The equations
//
// The file cma.go follows the summary in Appendix A of the tutorial line by
// line; the numbers are the tutorial's:
//
//	z_k ~ N(0, I),  y_k = B D z_k,  x_k = m + σ y_k                    (38)–(40)
//	⟨y⟩_w = Σ_{i=1}^{μ} w_i y_{i:λ}                                     (41)
//	m ← m + c_m σ ⟨y⟩_w                                                 (42)
//	p_σ ← (1 − c_σ) p_σ + √(c_σ(2 − c_σ)μ_eff) C^{-1/2} ⟨y⟩_w          (43)
//	σ ← σ exp((c_σ/d_σ)(‖p_σ‖ / E‖N(0,I)‖ − 1))                        (44)
//	p_c ← (1 − c_c) p_c + h_σ √(c_c(2 − c_c)μ_eff) ⟨y⟩_w               (45)
//	C ← (1 + c₁δ(h_σ) − c₁ − c_μ Σ w_j) C + c₁ p_c p_cᵀ
//	      + c_μ Σ_i w°_i y_{i:λ} y_{i:λ}ᵀ                                (47)
//
// Here y_{i:λ} is the step of the i-th best candidate, C = B D² Bᵀ its
// eigendecomposition (computed with gonum's mat.EigenSym, lazily as in
// Appendix B.2: every generation for small n, every 1/((c₁+c_μ)·10n)
// generations otherwise, about 9 for n = 1000), μ_eff =
// 1/Σw_i² the variance effective selection mass, and h_σ ∈ {0, 1} stalls
// the update of p_c while ‖p_σ‖ is large (σ is growing fast), with δ(h_σ) =
// (1 − h_σ)c_c(2 − c_c) compensating the variance that p_c then loses.
//
// The two evolution paths accumulate the mean's successive steps. The
// conjugate path p_σ is, under random selection, a standard normal vector: if
// it is longer than expected the steps point consistently in one direction
// and σ grows, if shorter they cancel and σ shrinks (cumulative step-size
// adaptation, CSA). The path p_c feeds the rank-one update c₁ p_c p_cᵀ, which
// learns a single good direction fast; the rank-μ term learns from the whole
// population.
//
// The default parameters are those of the tutorial's Table 1: λ = 4 +
// ⌊3 ln n⌋, μ = ⌊λ/2⌋, w_i ∝ ln((λ+1)/2) − ln i for i ≤ μ normalised to
// Σ w_i = 1, d_σ = 1 + 2 max(0, √((μ_eff−1)/(n+1)) − 1) + c_σ, c_c =
// (4+μ_eff/n)/(n+4+2μ_eff/n), c₁ = 2/((n+1.3)²+μ_eff), c_μ = min(1−c₁,
// 2(¼+μ_eff+1/μ_eff−2)/((n+2)²+μ_eff)), except c_σ = (μ_eff+2)/(n+μ_eff+3)
// as in pycma (Table 1 has n+μ_eff+5). The two differ little (0.32 against
// 0.28 for n = 10), but on the toy network of package toynet pycma's value
// gives lower final losses (median about 5.3 against 6.1 over 420 seeds,
// 100 generations). As in Table 1 and in pycma
// the update is "active": the λ−μ worst candidates get negative weights in
// (47), scaled by (46) and (50)–(53), which shrinks C along bad directions.
// Method.PositiveWeights restricts the update to the μ positive weights.
//
// The whole population is sampled with one matrix product Y = Z (BD)ᵀ, and
// the rank-μ term is two symmetric rank-k products (positive and negative
// weights), so large n runs at BLAS-3 speed. Since y = B D z, the whitened
// steps need no product with C^{-1/2}: C^{-1/2} ⟨y⟩_w = B ⟨z⟩_w in (43) and
// ‖C^{-1/2} y_{i:λ}‖ = ‖z_{i:λ}‖ in (46).
//
// Two details of pycma are not copied because they make no measurable
// difference: pycma stalls p_c when ‖p_σ‖²/n (bias-corrected) exceeds
// 2 + 4/(n+1), a squared version of the tutorial's test used here, and it
// clips the exponent of (44) to [−1, 1].
//
// # Using it
//
// [Method] is CMA-ES for [optim.Minimize], registered as "cmaes"; its
// fields are its parameters (zero: default) and x0 is the initial mean:
//
//	res, err := optim.Minimize(ctx, optim.Problem{Func: f}, x0,
//		&optim.Settings{Seed: 1, Workers: 4, Record: true},
//		&cmaes.Method{Sigma0: 0.5}) // about a quarter of the distance to the optimum
//
// One iteration is one generation, counted over all restarts. Each
// generation is evaluated with one Task.EvalBatch in index order and the
// random numbers are drawn on the calling goroutine in a fixed order, so a
// seed gives bit-identical results whatever Settings.Workers or Backend is.
// With Settings.Record, Result.Path[i] holds generation i: Pop and PopF are
// the candidates as evaluated and their values, Detail a *[Distribution],
// the N(m, σ²C) they were sampled from, and X the updated mean (F = f(X)
// in the last generation of a run, NaN otherwise). Result.Detail is a
// *[Detail]: the final distribution, the condition number of C and a
// summary of every run.
//
// The ask/tell interface ([New], [CMA.Ask], [CMA.Tell], [CMA.Stop]) leaves
// the evaluation, and the budget, to the caller.
//
// # Restarts
//
// With Method.Restarts > 0, Run uses IPOP-CMA-ES (A. Auger and N.
// Hansen, CEC 2005): each time a run stops on a convergence or numerical
// criterion it restarts from x0 and σ⁽⁰⁾ with twice the population. Large
// populations see the global structure of multimodal functions such as
// Rastrigin's and find the global minimum far more often.
//
// # Separable CMA-ES
//
// Method.Separable keeps C diagonal (R. Ros and N. Hansen, PPSN 2008): O(n)
// work per candidate instead of O(n²) and no eigendecomposition, with c₁ and
// c_μ multiplied by (n+2)/3 because a diagonal has fewer entries to learn.
// It suits 100–1000 parameters or more, and functions whose variables are
// not too correlated.
//
// # MA-ES
//
// Method.Variant = MAES (flag -variant maes) selects the Matrix Adaptation
// ES of H.-G. Beyer and B. Sendhoff, "Simplify Your Covariance Matrix
// Adaptation Evolution Strategy", IEEE TEC 21(5), 2017. It adapts a square
// root M of C = M Mᵀ directly and has neither a covariance matrix, nor the
// path p_c, nor an eigendecomposition:
//
//	z_i ~ N(0, I),  d_i = M z_i,  x_i = m + σ d_i
//	m ← m + σ Σ w_i d_{i:λ}
//	s ← (1 − c_σ) s + √(μ_eff c_σ(2 − c_σ)) Σ w_i z_{i:λ}
//	M ← M (I + (c₁/2)(s sᵀ − I) + (c_w/2)(Σ w_i z_{i:λ} z_{i:λ}ᵀ − I))
//	σ ← σ exp((c_σ/d_σ)(‖s‖/E‖N(0,I)‖ − 1))
//
// As M z_{i:λ} = d_{i:λ} is known, the M update is a rank-(μ+1) update plus
// a scaling (one matrix product, O(μn²)), and the population is one product
// D = Z Mᵀ: a generation costs O(λn²) with no O(n³) step. The constants
// are this package's CMA-ES defaults, as in the paper (which uses the
// standard CMA-ES settings): the μ positive weights, μ_eff, c_σ (pycma's),
// d_σ, c₁ and c_w = c_μ. MA-ES has no active update (PositiveWeights is
// implied) and no h_σ.
//
// Everything else is shared with full CMA-ES: the Task integration, the
// bound handling (projection and penalty, with c_ii = Σ_j M_ij²), IPOP
// restarts, the final mean, the termination criteria with three
// differences: tolx tests σ√c_ii only (there is no p_c); noeffectaxis
// steps along the columns of M instead of the principal axes; conditioncov
// and tolupsigma use the diagonal of C (max c_ii/min c_ii ≤ cond(C), and
// σ·max√c_ii ≤ σ·max√eig(C)), since C is never decomposed — they therefore
// trigger later than with the eigenvalues, and Detail.Cond is that lower
// bound. Distribution.M holds M; Distribution.CovDense computes M Mᵀ.
//
// Measured against full CMA-ES (2 shared cores, CPU time per generation on
// the sphere from 3·1, σ₀ = 2, default λ; BenchmarkGeneration): about 5 µs
// against 19 µs at n = 10, 0.21 ms against 1.8 ms at n = 100, and 22–25 ms
// against 240–265 ms at n = 1000 (pycma 4.4.0: 49–61 ms). The price is paid in
// evaluations on ill-conditioned functions, because MA-ES has no active
// update (it matches full CMA-ES with PositiveWeights) and no cumulation
// in p_c. Median evaluations to f < 1e-8 from 3·1 with σ₀ = 2
// (TestEvalsToTarget):
//
//	                      MA-ES   full   full, PositiveWeights   pycma
//	n = 10  sphere         1488   1449    1438                    1469
//	n = 10  ellipsoid 1e6  5208   4021    5567                    4071
//	n = 10  Rosenbrock     6496   5464    6571                    5374
//	n = 100 sphere        11756  11786                           11707
//	n = 100 ellipsoid 1e6 382502 299258                          299298
//	n = 100 Rosenbrock   463517 395981                          390680
//
// (51 seeds at n = 10, 11 at n = 100; pycma 4.4.0 in the same loop,
// testdata/pycma_ett.py.) MA-ES suits large n and cheap
// objectives; for expensive objectives full CMA-ES needs fewer evaluations.
// Cholesky-CMA-ES (next section) is nearly as fast as MA-ES and needs full
// CMA-ES's evaluations.
//
// # Cholesky-CMA-ES
//
// Method.Variant = Cholesky (flag -variant cholesky) is the Cholesky-CMA-ES
// of O. Krause, D. R. Arbonès and C. Igel, "CMA-ES with Optimal Covariance
// Update and Storage Complexity", NIPS 2016. It is full CMA-ES — the same
// constants, p_c, h_σ and active update — on a lower-triangular factor A of
// C = A Aᵀ instead of C and its eigendecomposition:
//
//	y_i = A z_i,  p_σ ← (1 − c_σ) p_σ + √(c_σ(2 − c_σ) μ_eff) Σ w_i z_{i:λ}
//	A Aᵀ ← keep·A Aᵀ + c₁ p_c p_cᵀ + c_μ Σ w°_i y_{i:λ} y_{i:λ}ᵀ
//
// (A⁻¹ replaces C^{-1/2} in p_σ; A⁻¹ of the mean step is ⟨z⟩_w, no solve).
// The update of A is a scaling plus one O(n²) rank-one Cholesky update per
// term; the negative (active) terms are downdates, each checked first with
// one triangular solve (C − βvvᵀ stays positive definite iff β‖A⁻¹v‖² < 1;
// one with β‖A⁻¹v‖² ≥ 1/2 is skipped and counted in
// Detail.SkippedDowndates — with the weights of (53) this only happens
// through rounding). A generation costs O(λn²), with no O(n³) step; A is
// stored transposed so that every inner loop is one of gonum's axpy, scal
// or triangular kernels, and the population is one product Y = Z Aᵀ.
//
// Choose it for large n (a few hundred to a few thousand variables), where
// the algorithm's own time matters next to the objective's: it needs the
// evaluations of full CMA-ES (table below) at a fraction of its time. CPU
// time per generation on the sphere (scripts/bench_cmaes_pycma.sh, one run
// on 2 shared cores, BENCHMARKS.md): 24 ms at n = 1000 against 187 ms for
// full CMA-ES, 17 ms for MA-ES and 82 ms for pycma 4.4.0; 0.28 ms at
// n = 100 against 1.6 ms (full) and 3.6 ms (pycma). At n = 1000 three
// quarters of it is the update of A (the rank-one updates and the solves
// of the downdate checks), the rest sampling. Median evaluations to
// f < 1e-8 from 3·1 with σ₀ = 2, pycma 4.4.0 in the same loop
// (testdata/pycma_ett.py):
//
//	                      Cholesky    full   pycma
//	n = 10  sphere            1470    1449    1469
//	n = 10  ellipsoid 1e6     4070    4021    4071
//	n = 10  Rosenbrock        5421    5464    5374
//	n = 100 sphere           11886   11786   11707
//	n = 100 ellipsoid 1e6   297968  299258  299298
//	n = 100 Rosenbrock      394324  395981  390680
//
// (51 seeds at n = 10, 11 at n = 100; pycma's seeds are 1, 2, …, ours
// 0, 1, …; a run that stops in a local minimum of Rosenbrock, 3 to 4 of 51
// at n = 10, counts as +Inf.)
//
// Termination and bounds are as for MA-ES, with c_ii = Σ_j A_ij²;
// noeffectaxis steps along the columns of A; conditioncov and Detail.Cond
// use (max A_ii/min A_ii)², a lower bound of cond(C) (the eigenvalues of
// the triangular A are its diagonal), and tolupsigma σ·max√c_ii.
// Distribution.M holds A; Distribution.CovDense computes A Aᵀ.
//
// # Bounds
//
// Box bounds (Problem.Lower/Upper, or Options.Lower/Upper for New) are
// handled as in pycma's BoundPenalty, without touching the distribution:
// each candidate x is evaluated at its projection x̃ onto the box, so f is
// only ever called inside the bounds and every point returned or recorded is
// feasible, and it is ranked by f(x̃) + γ‖x − x̃‖², where γ = IQR(f)/(σ²·
// mean(diag C)) scales the penalty to the spread of this generation's values.
// Candidates outside rank behind equally good ones inside, so the mean stays
// near the box and settles on a bound if the optimum lies there.
//
// # Termination
//
// After each generation a run stops when (pycma's names appear in
// Result.Message):
//
//   - tolfun: the best values of the last 10+⌈30n/λ⌉ generations and all
//     values of the current one lie within Settings.FTol, default 1e-11
//     (Converged);
//   - tolx: σ·√c_ii and σ·|p_c,i| are below Settings.XTol (default 1e-11)
//     in every coordinate (Converged);
//   - noeffectaxis / noeffectcoord: adding 0.1σ along a principal axis, or
//     0.2σ√c_ii in a coordinate, no longer changes the mean in floating point
//     (Converged: the search has reached the resolution of float64);
//   - conditioncov: the condition number of C exceeds
//     Method.TolConditionCov, default 1e14 (NumericalFailure: C is about to
//     become numerically singular; the best point found is still returned);
//   - tolupsigma: σ·max√eig(C) grew beyond 1e20·σ⁽⁰⁾ (NumericalFailure: f is
//     most likely unbounded below);
//   - all values of a generation are NaN or ±Inf (NonFinite). Single NaN or
//     Inf values are ranked worst and counted in the message.
//
// The budgets end the whole minimization, not a run: Settings.MaxIter
// generations (IterationLimit, default 10000) and Settings.MaxEval
// evaluations (EvaluationLimit; the last generation is then evaluated only
// in part and not used). Neither is a success. A cancelled context stops
// the run within a generation, also during a long eigendecomposition
// (Cancelled).
//
// At the end of each run CMA-ES also evaluates the final mean m, as pycma's
// eval_final_mean does (one evaluation, if the budget allows, within the
// last generation so that MaxIter leaves room for it; see
// Method.SkipFinalMean): the mean averages the best candidates and is often
// better than any of them.
//
// With restarts, a run that stops on a Converged or NumericalFailure
// criterion is followed by the next one; the Result's Status is that of the
// last run and its Message lists every run.
//
// # Dimension
//
// Full CMA-ES costs O(n²) per sample and O(n³) per eigendecomposition and
// needs O(n²) generations to learn C: it is practical up to about 1000
// variables (Run warns above); MA-ES and Cholesky-CMA-ES avoid the O(n³)
// step but still need O(n²) generations. sep-CMA-ES costs O(n) per sample
// and is practical up to about 10000 (Info.MaxDim, where Minimize warns).
package cmaes
