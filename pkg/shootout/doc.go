// Package shootout reproduces optlab's reference experiment: Adam, SLSQP,
// particle swarm, CMA-ES and dual annealing on the toy network, each with the
// reference settings and a budget of 100 iterations, compared by the
// best-so-far loss after every evaluation of the loss.
//
// The settings come from the embedded reference experiment
// (package reference): Adam from x0 with learning rate 1; SLSQP from x0 with
// finite-difference step 0.001; PSO and dual annealing in the box [−1, 1]^10
// (annealing with initial temperature 1); CMA-ES from x0 with σ0 = 0.5 and the
// default population of 10.
//
// A single run of a stochastic method is one draw from a distribution, so
// Config.Seeds > 1 repeats every method over consecutive seeds and reports
// the median and quartiles of the final losses next to the medians of the
// reference Python run over 21 seeds.
package shootout
