package cmaes

import (
	"flag"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/optlab/optlab/pkg/optim"
	"gonum.org/v1/gonum/mat"
)

func init() { optim.Register(func() optim.Method { return &Method{} }) }

// Method is CMA-ES for [optim.Minimize], registered as "cmaes". The zero
// value is the default: σ⁽⁰⁾ from the box or 0.5, λ = 4 + ⌊3 ln n⌋, full
// covariance, active update, no restarts.
//
// Settings: MaxIter counts generations over all restarts (default 10000);
// MaxEval evaluations (a generation cut short by it is evaluated in part
// and not used); FTol is pycma's tolfun and XTol its tolx (default 1e-11
// each); Seed, Workers and Backend as usual (the result does not depend on
// Workers or Backend). x0 is the initial mean.
type Method struct {
	// Sigma0 is the initial step size σ⁽⁰⁾: about a quarter to a half of
	// the distance to the optimum one expects. Zero means 0.3 times the
	// narrowest finite width of the box, or 0.5 if no coordinate has two
	// finite bounds.
	Sigma0 float64

	// PopSize is the population size λ of the first run; 0 means
	// 4 + ⌊3 ln n⌋. Larger populations are slower but more robust on
	// multimodal functions.
	PopSize int

	// Variant selects the algorithm: Full (the default) is CMA-ES with a
	// full covariance matrix; Sep is sep-CMA-ES; MAES is the Matrix
	// Adaptation ES of Beyer and Sendhoff (2017), which adapts a square
	// root M of C and needs no eigendecomposition: O(n²) per candidate
	// and O(μn²) per generation, against full CMA-ES's O(n³) every
	// 1/((c₁+c_μ)·10n) generations. MA-ES always uses positive weights
	// (PositiveWeights is implied) and has no evolution path p_c.
	// Cholesky is the Cholesky-CMA-ES of Krause, Arbonès and Igel (2016):
	// full CMA-ES (p_c, h_σ, active update) on a triangular factor A of
	// C = A Aᵀ, O(n²) per candidate and O(λn²) per generation with no
	// decomposition; the choice for large n.
	Variant Variant

	// Separable selects sep-CMA-ES: a diagonal covariance matrix, O(n) work
	// per candidate, for 100 to 10000 parameters. It is the same as
	// Variant = Sep (kept for compatibility).
	Separable bool

	// Restarts is the number of IPOP restarts (Auger and Hansen 2005): when
	// a run stops on a convergence or numerical criterion, a new one starts
	// from x0 and Sigma0 with twice the population size, while the MaxIter
	// and MaxEval budgets last. 0 means a single run.
	Restarts int

	// PositiveWeights turns active CMA off: by default (as in the tutorial's
	// Table 1 and pycma) the λ−μ worst candidates enter the covariance
	// update with negative weights, which shrinks C along bad directions.
	PositiveWeights bool

	// TolConditionCov stops a run with NumericalFailure when the condition
	// number of C exceeds it (pycma's tolconditioncov); 0 means 1e14.
	TolConditionCov float64

	// SkipFinalMean turns off the evaluation of the final mean: by default,
	// as pycma's eval_final_mean, the mean m is evaluated once at the end of
	// each run (in its last generation, if the budget allows), because it is
	// often better than every sample.
	SkipFinalMean bool
}

// maxDimFull is the practical dimension of full CMA-ES: O(n²) work per
// sample, O(n³) per eigendecomposition, and O(n²) generations to learn C.
const maxDimFull = 1000

// Info describes CMA-ES. MaxDim is sep-CMA-ES's (10000); Run warns above
// 1000 variables for the full covariance.
func (m *Method) Info() optim.Info {
	return optim.Info{
		Name:           "cmaes",
		Summary:        "CMA-ES, active (μ/μ_w, λ) with IPOP restarts, sep-CMA, MA-ES and Cholesky-CMA (Hansen's tutorial, pycma's defaults)",
		Iteration:      "one generation of λ candidates (counted over all restarts)",
		DefaultMaxIter: 10000,
		MaxDim:         10000,
		Stochastic:     true,
	}
}

// Flags defines -sigma0, -popsize, -variant, -sep, -restarts,
// -positive-weights, -tolconditioncov and -skip-final-mean.
func (m *Method) Flags(fs *flag.FlagSet) {
	fs.Var(&m.Variant, "variant", "CMA-ES `variant`: full (covariance matrix), sep (diagonal), maes (matrix adaptation, no eigendecomposition) or cholesky (triangular factor of C, no eigendecomposition; for large n) (default full)")
	fs.Float64Var(&m.Sigma0, "sigma0", m.Sigma0, "CMA-ES initial step size σ0 (default 0.3·narrowest box width, or 0.5)")
	fs.IntVar(&m.PopSize, "popsize", m.PopSize, "CMA-ES population size λ (default 4+⌊3 ln n⌋)")
	fs.BoolVar(&m.Separable, "sep", m.Separable, "sep-CMA-ES: diagonal covariance, for large n")
	fs.IntVar(&m.Restarts, "restarts", m.Restarts, "CMA-ES IPOP restarts with doubling population (default 0)")
	fs.BoolVar(&m.PositiveWeights, "positive-weights", m.PositiveWeights, "CMA-ES without the active (negative-weight) covariance update")
	fs.Float64Var(&m.TolConditionCov, "tolconditioncov", m.TolConditionCov, "CMA-ES stops when cond(C) exceeds this (default 1e14)")
	fs.BoolVar(&m.SkipFinalMean, "skip-final-mean", m.SkipFinalMean, "CMA-ES does not evaluate the final mean")
}

// Distribution is the search distribution N(Mean, Sigma²·C) of one
// generation. In Iteration.Detail it is the distribution that
// Iteration.Pop was sampled from (before the update; Iteration.X is the
// updated mean); in [Detail] the final one. Its slices belong to the
// method during a callback: Clone what you keep (Settings.Record does).
type Distribution struct {
	Restart int       // run number, 0 for the first
	Gen     int       // generations of this run done before the sample
	PopSize int       // λ
	Mean    []float64 // m
	Sigma   float64   // σ
	// Cov is C (without σ²); nil for sep-CMA-ES, whose C is Diag, and for
	// MA-ES and Cholesky-CMA-ES, whose C is M Mᵀ (see CovDense).
	Cov *mat.SymDense
	// Diag is the diagonal of C.
	Diag []float64
	// M is a square root of C = M Mᵀ: MA-ES's matrix M, or the
	// Cholesky variant's lower-triangular factor A (nil for full and sep).
	M *mat.Dense
}

// Clone returns a deep copy (as an any, for optim's recording).
func (d *Distribution) Clone() any {
	c := *d
	c.Mean = slices.Clone(d.Mean)
	c.Diag = slices.Clone(d.Diag)
	if d.Cov != nil {
		c.Cov = mat.NewSymDense(d.Cov.SymmetricDim(), nil)
		c.Cov.CopySym(d.Cov)
	}
	if d.M != nil {
		c.M = mat.DenseCopyOf(d.M)
	}
	return &c
}

// CovDense returns C as a matrix in every variant (diagonal for
// sep-CMA-ES, M Mᵀ computed on the call for MA-ES and Cholesky-CMA-ES).
func (d *Distribution) CovDense() *mat.SymDense {
	if d.Cov != nil {
		return d.Cov
	}
	if d.M != nil {
		return covMA(d.M)
	}
	c := mat.NewSymDense(len(d.Diag), nil)
	for i, v := range d.Diag {
		c.SetSym(i, i, v)
	}
	return c
}

// RunStats summarises one run of a restart sequence.
type RunStats struct {
	PopSize int          // λ
	Gens    int          // generations done
	NFev    int          // evaluations used
	BestF   float64      // best value found in this run
	Status  optim.Status // why the run stopped (NotTerminated if the whole minimization was stopped in it)
	Message string
}

// Detail is CMA-ES's Result.Detail.
type Detail struct {
	// Final is the last distribution (of the last run).
	Final *Distribution
	// Restarts is the number of restarts done (len(Runs) − 1).
	Restarts int
	// Cond is the condition number of the final C (at its last
	// eigendecomposition).
	Cond float64
	// Runs summarises every run.
	Runs []RunStats
	// SkippedDowndates counts, over all runs, the negative (active)
	// rank-one downdates of Cholesky-CMA-ES that were skipped because they
	// would have left C (nearly) singular (see [CMA.SkippedDowndates]).
	SkippedDowndates int
}

func (m *Method) options() Options {
	return Options{PopSize: m.PopSize, Variant: m.Variant, Separable: m.Separable, PositiveWeights: m.PositiveWeights, TolConditionCov: m.TolConditionCov}
}

func (m *Method) check() error {
	if err := checkOptions(m.options()); err != nil {
		return err
	}
	switch {
	case m.Restarts < 0:
		return fmt.Errorf("cmaes: Restarts must be non-negative, got %d", m.Restarts)
	case m.Sigma0 < 0 || math.IsNaN(m.Sigma0) || math.IsInf(m.Sigma0, 0):
		return fmt.Errorf("cmaes: Sigma0 must be positive and finite (or 0 for the default), got %v", m.Sigma0)
	}
	return nil
}

// Run minimizes t's problem with CMA-ES and IPOP restarts.
func (m *Method) Run(t *optim.Task) error {
	if err := m.check(); err != nil {
		return err
	}
	switch v, _ := resolveVariant(m.Variant, m.Separable); {
	case t.N <= maxDimFull || t.N > m.Info().MaxDim:
	case v == Full:
		t.Warn(fmt.Sprintf("n = %d is above the %d variables full CMA-ES is practical for (O(n²) per sample, O(n³) per decomposition); consider Separable", t.N, maxDimFull))
	case v == MAES:
		t.Warn(fmt.Sprintf("n = %d is above the %d variables MA-ES is practical for (O(n²) per sample, O(n²) generations to learn M); consider Separable", t.N, maxDimFull))
	case v == Cholesky:
		t.Warn(fmt.Sprintf("n = %d is above the %d variables Cholesky-CMA-ES is practical for (O(n²) per sample, O(n²) generations to learn C); consider Separable", t.N, maxDimFull))
	}
	o := m.options()
	o.Lower, o.Upper = t.Problem.Lower, t.Problem.Upper
	o.FTol, o.XTol = t.Settings.FTol, t.Settings.XTol
	sigma0 := optim.Or(m.Sigma0, defaultSigma0(o.Lower, o.Upper))
	rng := t.Rand()
	d := &Detail{}
	t.Detail = d
	var c *CMA
	skipped := 0   // downdates skipped in the runs before c
	defer func() { // also when the budget or the context unwinds the run
		d.Final, d.Cond = c.distribution(d.Restarts), c.ConditionNumber()
		d.SkippedDowndates = skipped + c.SkippedDowndates()
	}()
	for run := 0; ; run++ {
		c = newCMA(t.X0, sigma0, o, rng)
		c.s.check = t.Check
		if t.N >= 100 { // a decomposition takes milliseconds or more
			c.s.interrupt = t.Interruptible
		}
		d.Restarts = run
		d.Runs = append(d.Runs, RunStats{PopSize: c.PopSize(), BestF: math.Inf(1)})
		st := m.run(t, c, run, d)
		if !(st == optim.Converged || st == optim.NumericalFailure) || run >= m.Restarts {
			t.Finish(st, "%s", finalMessage(t, d))
			return nil
		}
		o.PopSize = 2 * c.PopSize()
		skipped += c.SkippedDowndates()
	}
}

// run does the generations of one run until a stopping criterion.
func (m *Method) run(t *optim.Task, c *CMA, restart int, d *Detail) optim.Status {
	fs := make([]float64, c.PopSize())
	rs := &d.Runs[len(d.Runs)-1]
	nfev0 := t.NFev()
	observed := t.Settings.Record || t.Settings.Callback != nil
	mean := make([]float64, t.N)
	for {
		xs := c.Ask()
		t.EvalBatch(xs, fs)
		rs.Gens++
		rs.NFev = t.NFev() - nfev0
		rs.BestF = minFinite(rs.BestF, fs)
		var snap *Distribution
		if observed {
			snap = c.distribution(restart).Clone().(*Distribution)
		}
		c.Tell(fs) // cannot fail: right length, after Ask
		st, msg, stop := c.Stop()
		// pycma's eval_final_mean, inside the last generation so that the
		// iteration limit leaves room for it.
		f := math.NaN()
		copy(mean, c.s.m)
		optim.Clip(mean, t.Problem.Lower, t.Problem.Upper)
		if (stop || t.IterationsLeft() == 1) && !m.SkipFinalMean && t.Remaining() > 0 {
			f = t.Eval(mean)
			rs.NFev++
			rs.BestF = minFinite(rs.BestF, []float64{f})
		}
		if stop {
			rs.Status, rs.Message = st, msg
		}
		t.Iterate(optim.Iteration{X: mean, F: f, Pop: xs, PopF: fs, Detail: snap})
		if stop {
			return st
		}
	}
}

func finalMessage(t *optim.Task, d *Detail) string {
	msgs := make([]string, len(d.Runs))
	for i, r := range d.Runs {
		msgs[i] = r.Message
		if len(d.Runs) > 1 {
			msgs[i] = fmt.Sprintf("run %d (λ=%d, best %.6g): %s", i+1, r.PopSize, r.BestF, r.Message)
		}
	}
	msg := strings.Join(msgs, "; ")
	if k := t.NonFinite(); k > 0 {
		msg += fmt.Sprintf(" (%d NaN/Inf objective values were ranked as worst)", k)
	}
	return msg
}

func minFinite(m float64, fs []float64) float64 {
	for _, f := range fs {
		if optim.IsFinite(f) && f < m {
			m = f
		}
	}
	return m
}

// defaultSigma0 is 0.3 times the narrowest positive finite box width, and
// 0.5 if there is none.
func defaultSigma0(lower, upper []float64) float64 {
	w := math.Inf(1)
	for i := range lower {
		if d := upper[i] - lower[i]; d > 0 {
			w = min(w, d)
		}
	}
	if math.IsInf(w, 0) {
		return 0.5
	}
	return 0.3 * w
}
