// Package problems provides standard test problems for optimizers, each
// with its analytic gradient, its usual search domain, a standard start
// point and its known minimum, so that a method's result can be checked.
//
// # N-dimensional problems
//
//	Sphere      f(x) = Σ x_i²                                   min 0 at 0
//	Rosenbrock  f(x) = Σ 100(x_{i+1} − x_i²)² + (1 − x_i)²      min 0 at (1, ..., 1)
//	Rastrigin   f(x) = 10n + Σ (x_i² − 10 cos 2πx_i)             min 0 at 0
//	Ackley      f(x) = −20 e^{−0.2 √(Σx_i²/n)} − e^{Σ cos(2πx_i)/n} + 20 + e   min 0 at 0
//	Himmelblau  f(x, y) = (x² + y − 11)² + (x + y² − 7)²         four minima of value 0
//	ToyNet      loss of the reference toy network (package toynet), 10 parameters
//
// They test different things. The sphere is the easy case every method
// must solve. Rosenbrock's valley is easy to reach and hard to follow: the
// gradient points across it, not along it, so steepest descent zig-zags
// while Newton-type and adaptive methods (BFGS, CMA-ES) follow the curve.
// Rastrigin and Ackley are riddled with local minima: a local method stops
// in the nearest one, and only global strategies (populations, restarts,
// annealing) reach 0. Himmelblau has several global minima, so which one a
// method finds depends on its start.
//
// # 1-D problems
//
// Scalar holds a function of one variable with f′ and f″, an interval for
// bracketing methods (golden section, bisection) and a start for Newton's
// method: Poly (x⁴ − 14x³ + 60x² − 70x on [0, 2]), Cos (cos x on [0, 2π])
// and HalfSquare (x²/2, where Newton's method converges in one step).
//
// # Specs
//
// List returns a Spec for every problem (name, dimensions, domain, start,
// minimum); Lookup finds one by name. Both build fresh values on every
// call: the package has no global state to corrupt.
package problems
