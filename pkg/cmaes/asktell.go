package cmaes

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/optlab/optlab/pkg/optim"
	"gonum.org/v1/gonum/mat"
)

// CMA is one run of CMA-ES driven from outside, in the ask/tell style: Ask
// returns λ candidates, the caller evaluates them however it likes (in
// parallel, on a cluster, by hand) and gives the values back with Tell.
//
//	c, err := cmaes.New(x0, 0.5, nil)
//	for {
//		xs := c.Ask()
//		for i, x := range xs {
//			fs[i] = f(x)
//		}
//		c.Tell(fs)
//		if _, _, stop := c.Stop(); stop {
//			break
//		}
//	}
//
// A CMA is not safe for concurrent use.
type CMA struct {
	o      Options
	s      *state
	rng    *rand.Rand
	sigma0 float64
	lower  []float64 // nil: unbounded
	upper  []float64

	z, y, x, xf [][]float64 // λ×n: N(0,I) draws, steps, raw and repaired candidates
	fit         []float64   // ranking values: f (+Inf for NaN) plus bound penalty
	order       []int
	ysel        [][]float64
	asked       bool

	nfev      int
	nonFinite int
	bestX     []float64
	bestF     float64
	hist      []float64 // best ranking value of the last generations (tolfun)

	status  optim.Status
	message string
}

// New starts a CMA-ES run at mean x0 with step size sigma0. It uses
// o.PopSize, o.Separable, o.Seed, o.Lower/o.Upper, o.MaxIter, o.MaxEval and
// the tolerances of o (nil means DefaultOptions); o.Sigma0 is ignored.
func New(x0 []float64, sigma0 float64, o *Options) (*CMA, error) {
	opt, err := withDefaults(o)
	if err != nil {
		return nil, err
	}
	if !(sigma0 > 0) || math.IsInf(sigma0, 0) {
		return nil, fmt.Errorf("cmaes: sigma0 must be positive and finite, got %v", sigma0)
	}
	if len(x0) == 0 {
		return nil, fmt.Errorf("cmaes: x0 is empty")
	}
	if err := checkBox(len(x0), opt.Lower, opt.Upper); err != nil {
		return nil, err
	}
	if err := optim.CheckInBounds(x0, opt.Lower, opt.Upper); err != nil {
		return nil, fmt.Errorf("cmaes: %w", err)
	}
	return newCMA(x0, sigma0, opt, optim.NewRand(opt.Seed)), nil
}

// newCMA builds a run from validated options and a random source (shared by
// the runs of a restart sequence).
func newCMA(x0 []float64, sigma0 float64, o Options, rng *rand.Rand) *CMA {
	n := len(x0)
	p := newParams(n, o.PopSize, o.Separable, !o.PositiveWeights)
	c := &CMA{o: o, s: newState(x0, sigma0, p, o.Separable), rng: rng, sigma0: sigma0,
		lower: o.Lower, upper: o.Upper, bestF: math.Inf(1),
		fit: make([]float64, p.lambda), order: make([]int, p.lambda), ysel: make([][]float64, p.lambda)}
	alloc := func() [][]float64 {
		m := make([][]float64, p.lambda)
		for i := range m {
			m[i] = make([]float64, n)
		}
		return m
	}
	c.z, c.y, c.x = alloc(), alloc(), alloc()
	c.xf = c.x
	if c.lower != nil {
		c.xf = alloc()
	}
	return c
}

// PopSize returns λ, the number of candidates Ask returns.
func (c *CMA) PopSize() int { return c.s.p.lambda }

// Ask samples λ new candidates from N(m, σ²C) and returns them, repaired
// into the bounds if there are any. The slices belong to the CMA and are
// overwritten by the next Ask; do not modify them. Each call draws new
// candidates, and Tell refers to those of the latest Ask.
func (c *CMA) Ask() [][]float64 {
	for k := range c.x {
		c.s.sample(c.rng, c.z[k], c.y[k], c.x[k])
		if c.lower != nil {
			project(c.xf[k], c.x[k], c.lower, c.upper)
		}
	}
	c.asked = true
	return c.xf
}

// Tell gives the objective values of the candidates of the latest Ask, in
// the same order, and updates the distribution. NaN and ±Inf rank as worst;
// if no value is finite the distribution is left as it is and the run
// stops with status NonFinite.
func (c *CMA) Tell(fitness []float64) error {
	if !c.asked {
		return fmt.Errorf("cmaes: Tell called before Ask")
	}
	lambda := c.s.p.lambda
	if len(fitness) != lambda {
		return fmt.Errorf("cmaes: Tell got %d values, want %d (one per candidate of Ask)", len(fitness), lambda)
	}
	c.asked = false
	c.nfev += lambda
	finite := 0
	for k, f := range fitness {
		if !optim.IsFinite(f) {
			c.nonFinite++
			c.fit[k] = math.Inf(1)
			continue
		}
		finite++
		c.fit[k] = f
		if f < c.bestF {
			c.bestF = f
			c.bestX = append(c.bestX[:0], c.xf[k]...)
		}
	}
	if finite == 0 {
		c.s.gen++
		c.setStop(optim.NonFinite, fmt.Sprintf("all %d objective values of generation %d are NaN or ±Inf", lambda, c.s.gen))
		return nil
	}
	if c.lower != nil {
		c.addBoundPenalty()
	}

	// Rank: sort the indices by value, ties by index (deterministic).
	for k := range c.order {
		c.order[k] = k
	}
	slices.SortStableFunc(c.order, func(a, b int) int { return cmp.Compare(c.fit[a], c.fit[b]) })
	for i := range c.ysel {
		c.ysel[i] = c.y[c.order[i]]
	}
	c.s.update(c.ysel)

	histLen := 10 + int(math.Ceil(30*float64(len(c.s.m))/float64(lambda)))
	c.hist = append(c.hist, c.fit[c.order[0]])
	if len(c.hist) > histLen {
		c.hist = c.hist[1:]
	}
	c.checkStop(c.fit[c.order[lambda-1]] - c.fit[c.order[0]])
	return nil
}

// Stop reports whether the run should stop, with the status and a message
// naming the criterion as pycma does (tolfun, tolx, maxiter, ...).
func (c *CMA) Stop() (optim.Status, string, bool) {
	return c.status, c.message, c.status != optim.NotTerminated
}

// Mean returns a copy of the mean m of the search distribution.
func (c *CMA) Mean() []float64 { return append([]float64(nil), c.s.m...) }

// Sigma returns the step size σ.
func (c *CMA) Sigma() float64 { return c.s.sigma }

// Cov returns a copy of the covariance matrix C; the search distribution is
// N(m, σ²C). For sep-CMA-ES it is diagonal.
func (c *CMA) Cov() *mat.SymDense {
	n := len(c.s.m)
	if c.s.sep {
		d := mat.NewSymDense(n, nil)
		for i, v := range c.s.C {
			d.SetSym(i, i, v)
		}
		return d
	}
	return mat.NewSymDense(n, append([]float64(nil), c.s.C...))
}

// Best returns a copy of the best candidate told so far and its value, or
// nil and +Inf if no finite value was told yet.
func (c *CMA) Best() ([]float64, float64) {
	if c.bestX == nil {
		return nil, math.Inf(1)
	}
	return append([]float64(nil), c.bestX...), c.bestF
}

// Generation returns the number of generations told so far.
func (c *CMA) Generation() int { return c.s.gen }

// NFev returns the number of objective values told so far.
func (c *CMA) NFev() int { return c.nfev }

// ConditionNumber returns the condition number of C at its last
// eigendecomposition, max eig(C) / min eig(C).
func (c *CMA) ConditionNumber() float64 {
	lo, hi := minMax(c.s.D)
	return (hi / lo) * (hi / lo)
}

func minMax(v []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, x := range v {
		lo, hi = min(lo, x), max(hi, x)
	}
	return lo, hi
}
