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

// Options configure a [CMA] driven by hand. The zero value of every field
// is its default.
type Options struct {
	// PopSize is λ; 0 means 4 + ⌊3 ln n⌋.
	PopSize int
	// Variant selects full CMA-ES (default), sep-CMA-ES, MA-ES or
	// Cholesky-CMA-ES (see [Method]).
	Variant Variant
	// Separable selects sep-CMA-ES (a diagonal C), as Variant = Sep.
	Separable bool
	// PositiveWeights turns active CMA off (see [Method]).
	PositiveWeights bool
	// FTol and XTol are pycma's tolfun and tolx (default 1e-11 each);
	// TolConditionCov is its tolconditioncov (default 1e14).
	FTol, XTol, TolConditionCov float64
	// Lower and Upper are optional box bounds (±Inf for an open side).
	Lower, Upper []float64
	// Seed seeds the random numbers.
	Seed uint64
}

// CMA is one run of CMA-ES driven from outside, in the ask/tell style: Ask
// returns λ candidates, the caller evaluates them however it likes (in
// parallel, on a cluster, by hand) and gives the values back with Tell.
// [Method] drives the same type with an [optim.Task]; use it through
// [optim.Minimize] unless you need to evaluate the candidates yourself.
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
// A CMA does not count evaluations or enforce budgets: the caller does.
// It is not safe for concurrent use.
type CMA struct {
	s      *state
	rng    *rand.Rand
	sigma0 float64
	lower  []float64 // nil: unbounded
	upper  []float64
	ftol   float64
	xtol   float64
	tolCov float64

	Z, Y        *mat.Dense  // λ×n: N(0,I) draws z_k and steps y_k in rows
	z, y, x, xf [][]float64 // rows of Z and Y, raw and repaired candidates
	fit         []float64   // ranking values: f (+Inf for NaN) plus bound penalty
	order       []int
	ysel, zsel  [][]float64
	asked       bool

	bestX []float64
	bestF float64
	hist  []float64 // best ranking value of the last generations (tolfun)

	status  optim.Status
	message string
}

// New starts a CMA-ES run at mean x0 with step size sigma0 (nil o: the
// defaults).
func New(x0 []float64, sigma0 float64, o *Options) (*CMA, error) {
	var opt Options
	if o != nil {
		opt = *o
	}
	if !(sigma0 > 0) || math.IsInf(sigma0, 0) {
		return nil, fmt.Errorf("cmaes: sigma0 must be positive and finite, got %v", sigma0)
	}
	if len(x0) == 0 {
		return nil, fmt.Errorf("cmaes: x0 is empty")
	}
	if err := checkOptions(opt); err != nil {
		return nil, err
	}
	if opt.Lower != nil || opt.Upper != nil {
		p := optim.Problem{Lower: opt.Lower, Upper: opt.Upper}
		if _, err := p.Dimension(x0); err != nil {
			return nil, fmt.Errorf("cmaes: %w", err)
		}
		if err := optim.CheckBounds(opt.Lower, opt.Upper, false); err != nil {
			return nil, fmt.Errorf("cmaes: %w", err)
		}
	}
	if err := optim.CheckInBounds("x0", x0, opt.Lower, opt.Upper); err != nil {
		return nil, fmt.Errorf("cmaes: %w", err)
	}
	return newCMA(x0, sigma0, opt, optim.NewRand(opt.Seed)), nil
}

func checkOptions(o Options) error {
	if _, err := resolveVariant(o.Variant, o.Separable); err != nil {
		return err
	}
	switch {
	case o.PopSize < 0 || o.PopSize == 1:
		return fmt.Errorf("cmaes: PopSize must be at least 2 (or 0 for the default), got %d", o.PopSize)
	case o.TolConditionCov != 0 && (!(o.TolConditionCov > 1) || math.IsInf(o.TolConditionCov, 0)):
		return fmt.Errorf("cmaes: TolConditionCov must be a finite number > 1 (or 0 for 1e14), got %v", o.TolConditionCov)
	case !(o.FTol >= 0) || !(o.XTol >= 0) || math.IsInf(o.FTol, 0) || math.IsInf(o.XTol, 0):
		return fmt.Errorf("cmaes: FTol and XTol must be finite and non-negative, got %v and %v", o.FTol, o.XTol)
	}
	return nil
}

// newCMA builds a run from validated options and a random source (shared by
// the runs of a restart sequence).
func newCMA(x0 []float64, sigma0 float64, o Options, rng *rand.Rand) *CMA {
	n := len(x0)
	v, _ := resolveVariant(o.Variant, o.Separable) // checked by checkOptions
	var s *state
	switch v {
	case MAES: // positive weights only, no decomposition
		p := newParams(n, o.PopSize, false, false)
		p.eigenGap = 0
		s = newMAState(x0, sigma0, p)
	case Cholesky:
		s = newCholState(x0, sigma0, newParams(n, o.PopSize, false, !o.PositiveWeights))
	default:
		s = newState(x0, sigma0, newParams(n, o.PopSize, v == Sep, !o.PositiveWeights), v == Sep)
	}
	p := s.p
	c := &CMA{s: s, rng: rng, sigma0: sigma0,
		lower: o.Lower, upper: o.Upper, bestF: math.Inf(1),
		ftol: optim.Or(o.FTol, 1e-11), xtol: optim.Or(o.XTol, 1e-11), tolCov: optim.Or(o.TolConditionCov, 1e14),
		fit: make([]float64, p.lambda), order: make([]int, p.lambda), ysel: make([][]float64, p.lambda), zsel: make([][]float64, p.lambda)}
	alloc := func() [][]float64 {
		m := make([][]float64, p.lambda)
		for i := range m {
			m[i] = make([]float64, n)
		}
		return m
	}
	c.Z, c.Y = mat.NewDense(p.lambda, n, nil), mat.NewDense(p.lambda, n, nil)
	c.z, c.y = rows(c.Z), rows(c.Y)
	c.x = alloc()
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
	c.s.sample(c.rng, c.Z, c.Y, c.x)
	if c.lower != nil {
		for k := range c.x {
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
	finite := 0
	for k, f := range fitness {
		if !optim.IsFinite(f) {
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

	rank(c.order, c.fit)
	for i := range c.ysel {
		c.ysel[i], c.zsel[i] = c.y[c.order[i]], c.z[c.order[i]]
	}
	c.s.update(c.ysel, c.zsel)

	histLen := 10 + int(math.Ceil(30*float64(len(c.s.m))/float64(lambda)))
	c.hist = append(c.hist, c.fit[c.order[0]])
	if len(c.hist) > histLen {
		c.hist = c.hist[1:]
	}
	c.checkStop(c.fit[c.order[lambda-1]] - c.fit[c.order[0]])
	return nil
}

// Stop reports whether the run should stop, with the status and a message
// naming the criterion as pycma does (tolfun, tolx, conditioncov, ...).
// Budgets are the caller's business.
func (c *CMA) Stop() (optim.Status, string, bool) {
	return c.status, c.message, c.status != optim.NotTerminated
}

// Mean returns a copy of the mean m of the search distribution.
func (c *CMA) Mean() []float64 { return append([]float64(nil), c.s.m...) }

// Sigma returns the step size σ.
func (c *CMA) Sigma() float64 { return c.s.sigma }

// Cov returns a copy of the covariance matrix C; the search distribution is
// N(m, σ²C). For sep-CMA-ES it is diagonal; for MA-ES it is M Mᵀ, for
// Cholesky-CMA-ES A Aᵀ.
func (c *CMA) Cov() *mat.SymDense {
	n := len(c.s.m)
	switch {
	case c.s.ma:
		return covMA(c.s.matM())
	case c.s.chol:
		return covMA(c.s.matA())
	}
	if c.s.sep {
		d := mat.NewSymDense(n, nil)
		for i, v := range c.s.C {
			d.SetSym(i, i, v)
		}
		return d
	}
	d := mat.NewSymDense(n, nil)
	d.CopySym(c.s.cm)
	return d
}

// Best returns a copy of the best candidate told so far and its value, or
// nil and +Inf if no finite value was told yet.
func (c *CMA) Best() ([]float64, float64) {
	if c.bestX == nil {
		return nil, math.Inf(1)
	}
	return append([]float64(nil), c.bestX...), c.bestF
}

// SkippedDowndates returns the number of negative (active) rank-one
// downdates of Cholesky-CMA-ES skipped so far because they would have
// left C (nearly) singular; it is 0 for the other variants.
func (c *CMA) SkippedDowndates() int { return c.s.skipped }

// Gen returns the number of generations told so far.
func (c *CMA) Gen() int { return c.s.gen }

// ConditionNumber returns the condition number of C at its last
// eigendecomposition, max eig(C) / min eig(C). For sep-CMA-ES and MA-ES it
// is max c_ii / min c_ii, which for MA-ES (whose C = M Mᵀ is never
// decomposed) is a lower bound of the condition number. For
// Cholesky-CMA-ES it is (max A_ii / min A_ii)², also a lower bound.
func (c *CMA) ConditionNumber() float64 {
	lo, hi := minMax(c.s.D)
	return (hi / lo) * (hi / lo)
}

// distribution returns the current distribution, sharing c's slices.
func (c *CMA) distribution(restart int) *Distribution {
	d := &Distribution{Restart: restart, Gen: c.s.gen, PopSize: c.s.p.lambda, Mean: c.s.m, Sigma: c.s.sigma}
	n := len(c.s.m)
	switch {
	case c.s.ma:
		d.Diag, d.M = c.s.C, c.s.matM() // a copy: M is stored transposed
	case c.s.chol:
		d.Diag, d.M = c.s.C, c.s.matA() // a copy: A is stored transposed
	case c.s.sep:
		d.Diag = c.s.C
	default:
		d.Cov = c.s.cm
		d.Diag = make([]float64, n)
		for i := range n {
			d.Diag[i] = c.s.C[i*n+i]
		}
	}
	return d
}

// rank sets order to the indices of fit sorted by value, ties by index
// (deterministic), NaN first as in cmp.Compare. A stable order is unique,
// so the insertion sort for small λ (no comparator closure) gives the
// same order as slices.SortStableFunc, used for large populations.
func rank(order []int, fit []float64) {
	if len(order) > 32 {
		for k := range order {
			order[k] = k
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(fit[a], fit[b]) })
		return
	}
	for k := range order {
		f, j := fit[k], k
		for ; j > 0 && cmp.Less(f, fit[order[j-1]]); j-- {
			order[j] = order[j-1]
		}
		order[j] = k
	}
}

// rows returns the rows of m as slices of its data.
func rows(m *mat.Dense) [][]float64 {
	r, n := m.Dims()
	data := m.RawMatrix().Data
	rs := make([][]float64, r)
	for i := range rs {
		rs[i] = data[i*n : (i+1)*n : (i+1)*n]
	}
	return rs
}

// minMax returns min and max of v (+Inf and −Inf if v is empty) with the
// semantics of the built-in min and max: NaN if some x is NaN, −0 before
// +0. The common case is plain comparisons, which branch predictably and
// carry no dependency from one element to the next as min and max do (it
// runs every generation on the history of tolfun); NaN or a zero extreme
// take the built-ins.
func minMax(v []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, x := range v {
		if x < lo {
			lo = x
		}
		if x > hi {
			hi = x
		}
		if x != x {
			return minMaxBuiltin(v)
		}
	}
	if lo == 0 || hi == 0 {
		return minMaxBuiltin(v)
	}
	return lo, hi
}

func minMaxBuiltin(v []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, x := range v {
		lo, hi = min(lo, x), max(hi, x)
	}
	return lo, hi
}
