package optim

import "slices"

// Iteration is what a method reports after each iteration: to the
// Settings.Callback, and (deep-copied) into Result.Path with
// Settings.Record. It is the one recording mechanism of optlab: iterates,
// populations, brackets and distributions all travel in it.
type Iteration struct {
	Iter int // iterations done so far (1 after the first)
	NFev int // objective evaluations so far
	// X is the method's current point: the iterate, a distribution's
	// mean, a bracket's best point; F = f(X), NaN if it was not evaluated.
	X []float64
	F float64
	// BestX and BestF are the best point evaluated so far and its value.
	BestX []float64
	BestF float64
	// Pop and PopF are the points this iteration evaluated and their
	// values: a population (a swarm, a CMA-ES generation, the moves of an
	// annealing chain), a simplex, or a 1-D method's new points; nil for
	// methods that report only their iterate.
	Pop  [][]float64
	PopF []float64
	// Detail is the method's own state (documented per method, e.g.
	// onedim.Bracket, *cmaes.Distribution). A method passes a value it
	// does not change afterwards, or one with a Clone() any method, which
	// Record then calls.
	Detail any
}

func (it Iteration) clone() Iteration {
	c := it
	c.X = slices.Clone(it.X)
	c.BestX = slices.Clone(it.BestX)
	c.PopF = slices.Clone(it.PopF)
	if it.Pop != nil {
		c.Pop = make([][]float64, len(it.Pop))
		for i, p := range it.Pop {
			c.Pop[i] = slices.Clone(p)
		}
	}
	if cl, ok := it.Detail.(interface{ Clone() any }); ok {
		c.Detail = cl.Clone()
	}
	return c
}
