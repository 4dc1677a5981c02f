// Package optim is the shared vocabulary of optlab's optimizers.
//
// Every method in optlab, from golden-section search to CMA-ES, speaks the
// same small language:
//
//   - a [Problem]: the objective f, an optional gradient, and optional box
//     bounds;
//   - [Settings]: the budget (iterations, evaluations), tolerances, a seed for
//     stochastic methods, a worker count for population methods and an
//     optional callback;
//   - a [Result]: the best point X and its value F, the numbers of function,
//     gradient and iteration steps, a [Status] with a human message, and a
//     trace of the best-so-far value after every objective evaluation.
//
// The trace is what the reference experiment plots: it lets methods with very
// different notions of "iteration" be compared on one axis, the number of
// objective evaluations.
//
// Methods follow one pattern, so that adding a method means writing one file
// and its test:
//
//	func Minimize(p optim.Problem, x0 []float64, o *Options) (*optim.Result, error)
//
// A nil *Options means the method's defaults. The error is reserved for input
// that can never work (lower bound above upper bound, x0 of the wrong length,
// a non-positive iteration limit, ...): no function is evaluated then. What
// happens while the method runs (a NaN from the objective, an iteration limit,
// a failed line search) is reported in Result.Status and Result.Message; use
// [Result.Err] to turn an unsuccessful status into an error.
//
// An [Evaluator] wraps the objective for method authors: it counts
// evaluations, keeps the best point, records the trace, notices non-finite
// values and evaluates a population concurrently without changing the result.
package optim
