package neldermead

import (
	"flag"
	"fmt"
	"math"
	"slices"

	"github.com/optlab/optlab/pkg/optim"
)

func init() { optim.Register(func() optim.Method { return &Method{} }) }

// Defaults, as in scipy.optimize.minimize(method="Nelder-Mead").
const (
	DefaultXTol = 1e-4 // scipy: xatol, Settings.XTol
	DefaultFTol = 1e-4 // scipy: fatol, Settings.FTol
	// DefaultIterPerDim: a zero Settings.MaxIter means 200·n iterations
	// (scipy: maxiter = 200·n).
	DefaultIterPerDim = 200
	// DefaultRestarts: a zero Method.Restarts allows at most 10 restarts
	// (the MGH problems need 1 to 4).
	DefaultRestarts = 10
	// The initial simplex without InitialStep (scipy: nonzdelt, zdelt):
	// vertex i is x0 with x0_i multiplied by 1.05, or set to 0.00025 where
	// x0_i = 0.
	RelStep  = 0.05
	ZeroStep = 0.00025
)

// Coefficients chooses the reflection, expansion, contraction and shrink
// coefficients α, γ, ρ, σ.
type Coefficients int

const (
	// Auto (the zero value) is Adaptive for n ≥ 2 and Standard for n = 1.
	// For n = 2 the two sets are the same.
	Auto Coefficients = iota
	// Standard is Nelder and Mead's α = 1, γ = 2, ρ = ½, σ = ½ (scipy's
	// default, adaptive=False).
	Standard
	// Adaptive is Gao and Han's (2012) α = 1, γ = 1 + 2/n, ρ = ¾ − 1/(2n),
	// σ = 1 − 1/n (scipy's adaptive=True, gonum's default): in high
	// dimension the standard coefficients make the simplex degenerate and
	// stall; these keep it in shape.
	Adaptive
)

var coefNames = [...]string{Auto: "auto", Standard: "standard", Adaptive: "adaptive"}

func (c Coefficients) String() string {
	if c >= 0 && int(c) < len(coefNames) {
		return coefNames[c]
	}
	return fmt.Sprintf("Coefficients(%d)", int(c))
}

// Set parses "auto", "standard" or "adaptive" (flag.Value).
func (c *Coefficients) Set(s string) error {
	for i, n := range coefNames {
		if s == n {
			*c = Coefficients(i)
			return nil
		}
	}
	return fmt.Errorf("unknown coefficients %q (auto, standard or adaptive)", s)
}

// Coef holds the coefficients of one run.
type Coef struct {
	Alpha, Gamma, Rho, Sigma float64 // reflection, expansion, contraction, shrink
}

// Resolve returns the coefficients c stands for in dimension n.
func (c Coefficients) Resolve(n int) Coef {
	if c == Standard || (c == Auto && n < 2) {
		return Coef{Alpha: 1, Gamma: 2, Rho: 0.5, Sigma: 0.5}
	}
	d := float64(n)
	return Coef{Alpha: 1, Gamma: 1 + 2/d, Rho: 0.75 - 1/(2*d), Sigma: 1 - 1/d}
}

// Method is the Nelder–Mead simplex method, registered as "neldermead".
// The zero value is scipy's Nelder-Mead with adaptive coefficients for
// n ≥ 2 (Auto), restarted after convergence (up to DefaultRestarts times,
// see Restarts); Restarts: -1 is scipy's run exactly.
//
// Of the common Settings it uses MaxIter (0: 200·n; one iteration is one
// simplex transformation), MaxEval, XTol (scipy's xatol, default 1e-4),
// FTol (scipy's fatol, default 1e-4), Workers and Backend (the n points of
// the initial simplex and of a shrink are one batch), Callback and Record.
type Method struct {
	// Coefficients: Auto (0), Standard or Adaptive.
	Coefficients Coefficients
	// InitialStep h > 0 builds the initial simplex from x0 and the n points
	// x0 + h·e_i (x0 − h·e_i where x0 + h·e_i leaves the box); 0 means
	// scipy's relative steps (RelStep, ZeroStep).
	InitialStep float64
	// Restarts is the most restarts after convergence: when the simplex
	// meets XTol and FTol (or collapses), it is replaced by a fresh one
	// around its best vertex, built like the initial simplex, and the
	// search goes on; the run ends when a restart did not lower f by more
	// than FTol. 0 means DefaultRestarts; a negative value switches
	// restarts off (scipy's Nelder-Mead, which stops at the first
	// convergence).
	Restarts int
}

// IterationDoc is Info.Iteration.
const IterationDoc = "one simplex transformation: reflection, expansion, contraction or shrink (1, 2, 2 or n+2 evaluations), or a restart (n)"

// Info describes Nelder–Mead.
func (m *Method) Info() optim.Info {
	return optim.Info{
		Name:      "neldermead",
		Summary:   "Nelder–Mead downhill simplex (scipy's xatol/fatol and maxiter 200·n; adaptive coefficients for n ≥ 2; restarts after convergence)",
		Iteration: IterationDoc,
		// DefaultMaxIter is 0: Run applies 200·n itself.
		// The cost grows fast with n: the 100-D chained Rosenbrock
		// function takes about 1e7 evaluations (see the package
		// documentation); beyond that a gradient method is the right tool.
		MaxDim: 100,
	}
}

// Flags defines -coefficients, -initialstep and -restarts.
func (m *Method) Flags(fs *flag.FlagSet) {
	fs.Var(&m.Coefficients, "coefficients", "Nelder–Mead: auto, standard (α=1, γ=2, ρ=σ=½) or adaptive (Gao–Han) (default auto: adaptive for n ≥ 2)")
	fs.Float64Var(&m.InitialStep, "initialstep", m.InitialStep, "Nelder–Mead: edge of the initial simplex along each axis (default 0: 5% of x0_i, 0.00025 where x0_i = 0)")
	fs.IntVar(&m.Restarts, "restarts", m.Restarts, "Nelder–Mead: most restarts after convergence (default 0: 10; negative: none, as scipy)")
}

// Op is the transformation one iteration applied: the Detail of every
// Iteration.
type Op int

const (
	Reflect Op = iota
	Expand
	ContractOutside
	ContractInside
	Shrink
	// Restart replaced v_1 … v_n by a fresh simplex around v_0 after the
	// simplex had converged (n evaluations); see Method.Restarts.
	Restart
	NumOps
)

var opNames = [...]string{"reflect", "expand", "contract outside", "contract inside", "shrink", "restart"}

func (o Op) String() string {
	if o >= 0 && o < NumOps {
		return opNames[o]
	}
	return fmt.Sprintf("Op(%d)", int(o))
}

// Detail is Result.Detail.
type Detail struct {
	// Start is the initial simplex as an Iteration with Iter 0 (no
	// Iteration reports it): vertices in Pop, values in PopF, sorted, best
	// in X and F. Prepend it to Result.Path to animate every frame.
	Start optim.Iteration
	// Simplex and Values are the final simplex, sorted by value (Simplex[0]
	// is the best vertex); non-finite values are +Inf.
	Simplex [][]float64
	Values  []float64
	// Ops counts the iterations by transformation, indexed by Op.
	Ops [NumOps]int
	// Coef are the coefficients used.
	Coef Coef
	// Restarts is the number of restarts (also Ops[Restart]).
	Restarts int
}

// Run minimizes t's problem; it rejects a negative or non-finite
// InitialStep and unknown Coefficients.
func (m *Method) Run(t *optim.Task) error {
	if !(m.InitialStep >= 0) || math.IsInf(m.InitialStep, 0) {
		return fmt.Errorf("neldermead: InitialStep must be finite and non-negative (0 = scipy's relative steps), got %v", m.InitialStep)
	}
	if m.Coefficients < Auto || m.Coefficients > Adaptive {
		return fmt.Errorf("neldermead: unknown Coefficients %v", m.Coefficients)
	}
	xtol, ftol := optim.Or(t.Settings.XTol, DefaultXTol), optim.Or(t.Settings.FTol, DefaultFTol)
	limit, which := t.Settings.MaxIter, "MaxIter"
	if limit == math.MaxInt { // Settings.MaxIter was 0
		limit, which = DefaultIterPerDim*t.N, "the default MaxIter = 200·n"
	}
	s := newSimplex(t, m.Coefficients.Resolve(t.N))
	d := &Detail{Simplex: s.v, Values: s.f, Coef: s.Coef}
	t.Detail = d
	if j := s.start(t, m.InitialStep); j >= 0 {
		s.finish(t, optim.NumericalFailure, "the initial simplex is degenerate: x0[%d] = %g plus its step rounds to x0[%d], so the simplex is flat (set a larger InitialStep)", j, s.v[0][j], j)
		return nil
	}
	d.Start = cloneIteration(s.iteration(-1))
	d.Start.NFev = t.NFev()
	d.Start.BestX, d.Start.BestF = slices.Clone(s.v[0]), s.f[0]
	maxRestarts := m.Restarts
	if maxRestarts == 0 {
		maxRestarts = DefaultRestarts
	}
	fRestart := math.Inf(1) // f(v_0) when the last restart began
	for {
		if !(s.f[0] < math.Inf(1)) {
			s.finish(t, optim.NonFinite, "f is NaN or ±Inf at every vertex of the simplex")
			return nil
		}
		if why := s.converged(xtol, ftol); why != "" {
			gain := fRestart - s.f[0]
			if d.Restarts < maxRestarts && gain > ftol && t.NIt() < limit {
				fRestart = s.f[0]
				s.restart(t, m.InitialStep)
				d.Restarts++
				d.Ops[Restart]++
				t.Iterate(s.iteration(Restart))
				continue
			}
			switch {
			case maxRestarts < 0:
			case d.Restarts == 0:
				why += " (no restart: the iteration limit)"
			case gain > ftol && d.Restarts == maxRestarts:
				why += fmt.Sprintf("; stopped after the %d restarts allowed (Restarts), the last lowered f by %.3g", d.Restarts, gain)
			case gain > ftol:
				why += fmt.Sprintf("; %d restarts (no more: the iteration limit)", d.Restarts)
			default:
				why += fmt.Sprintf("; %d restart%s from the best vertex, the last lowered f by %.3g ≤ FTol", d.Restarts, plural(d.Restarts), gain)
			}
			s.finish(t, optim.Converged, "%s after %d iterations", why, t.NIt())
			return nil
		}
		if t.NIt() >= limit {
			s.finish(t, optim.IterationLimit, "did %d iterations (%s)", t.NIt(), which)
			return nil
		}
		op := s.step(t)
		d.Ops[op]++
		t.Iterate(s.iteration(op))
	}
}

// converged returns why the simplex has converged (within XTol and FTol,
// or collapsed onto its best vertex), or "".
func (s *simplex) converged(xtol, ftol float64) string {
	switch {
	case s.within(xtol, ftol):
		if dx, df := s.size(); dx > 0 {
			return fmt.Sprintf("max |v_i − v_0| = %.3g ≤ XTol = %g and max |f(v_i) − f(v_0)| = %.3g ≤ FTol = %g", dx, xtol, df, ftol)
		}
		return fmt.Sprintf("the simplex collapsed onto one point (all %d vertices equal)", s.n+1)
	case s.stuck:
		return fmt.Sprintf("the simplex collapsed onto its best vertex: a shrink left every vertex where it was (size %.3g, below the float64 resolution at X; XTol = %g and FTol = %g cannot be met there)", s.dx(), xtol, ftol)
	}
	return ""
}

func plural(k int) string {
	if k == 1 {
		return ""
	}
	return "s"
}

// simplex is the state of a run: n+1 vertices sorted by value.
type simplex struct {
	Coef
	n      int
	lo, up []float64
	v      [][]float64 // vertices, v[0] the best, v[n] the worst
	f      []float64   // their values, ascending; NaN and ±Inf stored as +Inf
	xbar   []float64   // centroid of v[0..n−1]
	sum    []float64   // Σ v_i over all n+1 vertices, updated by replace
	stale  int         // replacements since sum was last summed afresh (−1: now)
	xr, xt []float64   // the reflected point, another trial point
	stuck  bool        // the last shrink moved no vertex
}

func newSimplex(t *optim.Task, c Coef) *simplex {
	n := t.N
	s := &simplex{Coef: c, n: n, lo: t.Problem.Lower, up: t.Problem.Upper,
		v: make([][]float64, n+1), f: make([]float64, n+1),
		xbar: make([]float64, n), sum: make([]float64, n), stale: -1,
		xr: make([]float64, n), xt: make([]float64, n)}
	for i := range s.v {
		s.v[i] = slices.Clone(t.X0)
	}
	return s
}

// step is one iteration of Nelder–Mead on the sorted simplex v_0 … v_n
// (best to worst), x̄ the centroid of all but the worst vertex:
//
//	reflect   x_r = x̄ + α(x̄ − v_n);       if f_0 ≤ f_r < f_{n−1} accept x_r
//	expand    x_e = x̄ + αγ(x̄ − v_n);      if f_r < f_0 accept the better of x_e, x_r
//	contract  x_c = x̄ + αρ(x̄ − v_n);      if f_{n−1} ≤ f_r < f_n accept x_c if f_c ≤ f_r
//	          x_cc = x̄ − ρ(x̄ − v_n);      if f_r ≥ f_n accept x_cc if f_cc < f_n
//	shrink    v_i = v_0 + σ(v_i − v_0)     otherwise
//
// Every trial point is clipped into the box.
func (s *simplex) step(t *optim.Task) Op {
	n := s.n
	s.centroid()
	fr := s.trial(t, s.xr, s.Alpha)
	switch {
	case fr < s.f[0]:
		if fe := s.trial(t, s.xt, s.Alpha*s.Gamma); fe < fr {
			return s.replace(s.xt, fe, Expand)
		}
		return s.replace(s.xr, fr, Reflect)
	case fr < s.f[n-1]:
		return s.replace(s.xr, fr, Reflect)
	case fr < s.f[n]:
		if fc := s.trial(t, s.xt, s.Alpha*s.Rho); fc <= fr {
			return s.replace(s.xt, fc, ContractOutside)
		}
	default:
		if fc := s.trial(t, s.xt, -s.Rho); fc < s.f[n] {
			return s.replace(s.xt, fc, ContractInside)
		}
	}
	s.shrink(t)
	return Shrink
}

// trial sets x = clip(x̄ + c(x̄ − v_n)) and returns f(x).
func (s *simplex) trial(t *optim.Task, x []float64, c float64) float64 {
	w := s.v[s.n]
	for j := range x {
		x[j] = s.xbar[j] + c*(s.xbar[j]-w[j])
	}
	optim.Clip(x, s.lo, s.up)
	return value(t.Eval(x))
}

// replace puts x, with value f, in place of the worst vertex and moves it
// up to its rank (after the vertices of equal value).
func (s *simplex) replace(x []float64, f float64, op Op) Op {
	n := s.n
	for j, xj := range x {
		s.sum[j] += xj - s.v[n][j]
	}
	s.stale++
	copy(s.v[n], x)
	s.f[n] = f
	for i := n; i > 0 && s.f[i-1] > s.f[i]; i-- {
		s.v[i-1], s.v[i] = s.v[i], s.v[i-1]
		s.f[i-1], s.f[i] = s.f[i], s.f[i-1]
	}
	return op
}

// shrink moves every vertex towards the best, v_i ← v_0 + σ(v_i − v_0),
// evaluates the n new vertices as one batch and sorts the simplex.
func (s *simplex) shrink(t *optim.Task) {
	b := s.v[0]
	s.stuck = true
	for _, v := range s.v[1:] {
		for j, vj := range v {
			v[j] = b[j] + s.Sigma*(vj-b[j])
			s.stuck = s.stuck && v[j] == vj
		}
		optim.Clip(v, s.lo, s.up)
	}
	s.evaluate(t, 1)
}

// start builds the initial simplex around x0 (vertex 0), evaluates it and
// sorts it. It returns a coordinate j in which the simplex is flat
// although the box has room, or −1.
func (s *simplex) start(t *optim.Task, h float64) int {
	if j := s.build(h); j >= 0 {
		t.Eval(s.v[0])
		return j
	}
	s.evaluate(t, 0)
	return -1
}

// restart replaces v_1 … v_n by the vertices a start from v_0 would have,
// v_0 + d_i e_i with the same steps d_i as the initial simplex (relative to
// v_0 now), and evaluates them as one batch. A fresh simplex is in good
// shape again, and as large as the first: a simplex that converged by
// flattening, or onto a point that is not a minimum, moves on.
func (s *simplex) restart(t *optim.Task, h float64) {
	for _, v := range s.v[1:] {
		copy(v, s.v[0])
	}
	s.build(h) // a flat coordinate stays flat: the search converges again
	s.stuck = false
	s.evaluate(t, 1)
}

// build sets vertex i+1 to v_0 with coordinate i moved by its step (h, or
// RelStep·v_0[i], or ZeroStep), into the box; the other coordinates of
// v_1 … v_n must equal v_0's. It returns a coordinate j in which the
// simplex is flat although the box has room, or −1.
func (s *simplex) build(h float64) int {
	x0, flat := s.v[0], -1
	for i := range s.n {
		d := h
		switch {
		case h > 0:
		case x0[i] != 0:
			d = RelStep * x0[i]
		default:
			d = ZeroStep
		}
		lo, up := math.Inf(-1), math.Inf(1)
		if s.lo != nil {
			lo, up = s.lo[i], s.up[i]
		}
		v := s.v[i+1]
		v[i] = edge(x0[i], d, lo, up)
		if v[i] == x0[i] && lo < up && flat < 0 {
			flat = i
		}
	}
	return flat
}

// edge returns x + d if it lies in [lo, up], else x − d if that does, else
// the farther bound.
func edge(x, d, lo, up float64) float64 {
	for _, y := range []float64{x + d, x - d} {
		if y >= lo && y <= up {
			return y
		}
	}
	if up-x >= x-lo {
		return up
	}
	return lo
}

// evaluate computes f at the vertices from the k-th on (one batch) and
// sorts the simplex by value, stably.
func (s *simplex) evaluate(t *optim.Task, k int) {
	s.stale = -1 // the vertices moved
	t.EvalBatch(s.v[k:], s.f[k:])
	idx := make([]int, s.n+1)
	for i := range idx {
		idx[i] = i
		s.f[i] = value(s.f[i])
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case s.f[a] < s.f[b]:
			return -1
		case s.f[a] > s.f[b]:
			return 1
		}
		return 0
	})
	v, f := slices.Clone(s.v), slices.Clone(s.f)
	for i, j := range idx {
		s.v[i], s.f[i] = v[j], f[j]
	}
}

// centroid sets x̄ to the mean of all vertices but the worst, from the
// running sum of the vertices in O(n); the sum is recomputed in O(n²) after
// a shrink and every n replacements, against drift.
func (s *simplex) centroid() {
	if s.stale < 0 || s.stale >= s.n {
		clear(s.sum)
		for _, v := range s.v {
			for j, vj := range v {
				s.sum[j] += vj
			}
		}
		s.stale = 0
	}
	w := s.v[s.n]
	for j := range s.xbar {
		s.xbar[j] = (s.sum[j] - w[j]) / float64(s.n)
	}
	optim.Clip(s.xbar, s.lo, s.up) // against rounding
}

// within reports whether size() is within (xtol, ftol), cheaply: the
// values first, and the vertices only as far as needed.
func (s *simplex) within(xtol, ftol float64) bool {
	for _, f := range s.f[1:] {
		if !(math.Abs(f-s.f[0]) <= ftol) {
			return false
		}
	}
	for _, v := range s.v[1:] {
		for j, vj := range v {
			if !(math.Abs(vj-s.v[0][j]) <= xtol) {
				return false
			}
		}
	}
	return true
}

// dx returns max_{i,j} |v_i[j] − v_0[j]|.
func (s *simplex) dx() float64 {
	dx, _ := s.size()
	return dx
}

// size returns scipy's convergence measures max_{i,j} |v_i[j] − v_0[j]|
// and max_i |f_i − f_0|.
func (s *simplex) size() (dx, df float64) {
	for i, v := range s.v[1:] {
		for j, vj := range v {
			dx = max(dx, math.Abs(vj-s.v[0][j]))
		}
		df = max(df, math.Abs(s.f[i+1]-s.f[0]))
	}
	if math.IsNaN(df) { // +Inf − +Inf
		df = math.Inf(1)
	}
	return dx, df
}

// iteration is the Iteration of the current simplex; op < 0 for none.
func (s *simplex) iteration(op Op) optim.Iteration {
	it := optim.Iteration{X: s.v[0], F: s.f[0], Pop: s.v, PopF: s.f}
	if op >= 0 {
		it.Detail = op
	}
	return it
}

// finish ends the run with a status and message, warning about non-finite
// values.
func (s *simplex) finish(t *optim.Task, status optim.Status, format string, args ...any) {
	if bad := t.NonFinite(); bad > 0 {
		t.Warn(fmt.Sprintf("%d of %d evaluations were NaN or ±Inf and were counted as +Inf", bad, t.NFev()))
	}
	t.Finish(status, format, args...)
}

// value orders NaN and ±Inf as +Inf: the worst possible vertex.
func value(f float64) float64 {
	if !optim.IsFinite(f) {
		return math.Inf(1)
	}
	return f
}

func cloneIteration(it optim.Iteration) optim.Iteration {
	c := it
	c.X = slices.Clone(it.X)
	c.PopF = slices.Clone(it.PopF)
	c.Pop = make([][]float64, len(it.Pop))
	for i, p := range it.Pop {
		c.Pop[i] = slices.Clone(p)
	}
	return c
}
