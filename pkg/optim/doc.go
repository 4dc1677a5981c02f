// Package optim is the shared vocabulary of optlab's optimizers.
//
// Every method in optlab, from golden-section search to CMA-ES, is run the
// same way:
//
//	res, err := optim.Minimize(ctx, problem, x0, &optim.Settings{MaxEval: 5000, Seed: 1}, &cmaes.Method{Sigma0: 0.5})
//
// The pieces:
//
//   - a [Problem]: the objective f, optional gradient and Hessian, optional
//     box bounds and general [Constraint]s (one type, c(x) = 0 or c(x) ≥ 0);
//     a 1-D problem is a Problem with Dim 1 whose bounds are the interval;
//   - [Settings]: the budget (MaxIter, MaxEval), tolerances, the
//     finite-difference step, a seed, workers or a remote [Backend], a
//     callback and recording; zero means "the method's default" for every
//     field of every method;
//   - a [Method]: a value of the method's own type, whose fields are its
//     parameters (zero: default), registered by name with [Register];
//   - one [Result]: the answer X and F = f(X), the numbers of function,
//     gradient, Hessian evaluations and iterations, a [Status] with a
//     message, the trace of the best-so-far value after every evaluation,
//     the recorded [Iteration]s, and the method's own Detail.
//
// # Statuses
//
// Only Converged is a success. A used-up budget (IterationLimit,
// EvaluationLimit), a stop by the callback (Stopped) or by the context
// (Cancelled) returns the best point found but [Result.Err] reports it, as
// scipy reports success=False at maxiter and gonum's IterationLimit is an
// error. (Before the one-vocabulary change, Success also counted the budget
// statuses; code that relied on res.Err() == nil after an iteration limit
// must now look at res.Status.)
//
// # Errors and statuses
//
// Minimize returns an error for input that can never work, before any
// evaluation. Everything that happens while the method runs is a Status:
// a NaN (NonFinite), a panicking objective (EvaluationError, naming the
// point, with any number of workers), a cancelled context (Cancelled).
//
// # Writing a method
//
// A method gets a [*Task]: the validated problem and settings and the one
// evaluator. Task.Eval and Task.EvalBatch count, trace, enforce the budget
// and the context, and evaluate batches in index order (so results do not
// depend on Workers or Backend); Task.Grad gives the analytic gradient or
// forward differences that stay inside the box; Task.Iterate reports an
// iteration to the callback and the recorder. When the budget, the
// context, the callback or the objective ends the run, these calls do not
// return, so a method's code reads like its mathematics.
//
// MaxIter counts different things in different methods; each says what in
// Info.Iteration (`optlab methods` prints the table). MaxEval is the budget
// that compares methods fairly.
package optim
