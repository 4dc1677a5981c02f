package neldermead_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/optlab/optlab/pkg/neldermead"
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
)

var bg = context.Background()

func TestRosenbrock2D(t *testing.T) {
	p, _ := problems.Rosenbrock(2)
	r, err := optim.Minimize(bg, p, []float64{-1.2, 1}, nil, &neldermead.Method{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != optim.Converged || math.Abs(r.X[0]-1) > 1e-4 || math.Abs(r.X[1]-1) > 1e-4 || r.F > 1e-8 {
		t.Fatalf("%v", r)
	}
	// Measured: 111 iterations (one a restart), 211 evaluations,
	// f = 3.1e-10; without restarts (scipy) 84 iterations, 159 evaluations,
	// f = 8.2e-10.
	if r.NIt > 130 || r.NFev > 250 || r.NGev != 0 {
		t.Errorf("too expensive: %v", r)
	}
	d, ok := optim.DetailOf[*neldermead.Detail](r)
	if !ok || d.Coef != (neldermead.Coef{Alpha: 1, Gamma: 2, Rho: 0.5, Sigma: 0.5}) {
		t.Fatalf("detail %+v", d)
	}
	if d.Restarts != 1 || d.Ops[neldermead.Restart] != 1 || !strings.Contains(r.Message, "1 restart from the best vertex") {
		t.Errorf("restarts %d: %v", d.Restarts, r)
	}
	scipy, _ := optim.Minimize(bg, p, []float64{-1.2, 1}, nil, &neldermead.Method{Restarts: -1})
	ds, _ := optim.DetailOf[*neldermead.Detail](scipy)
	if scipy.Status != optim.Converged || scipy.NIt != 84 || scipy.NFev != 159 || ds.Restarts != 0 || scipy.F < r.F ||
		strings.Contains(scipy.Message, "restart") {
		t.Errorf("Restarts: -1 (scipy): %v", scipy)
	}
	sum := 0
	for _, c := range d.Ops {
		sum += c
	}
	if sum != r.NIt || !slices.Equal(d.Simplex[0], r.X) || d.Values[0] != r.F {
		t.Errorf("detail %+v vs %v", d, r)
	}
}

// On an ill-conditioned 30-D quadratic the standard coefficients stall (the
// simplex flattens); Gao and Han's adaptive ones reach the tolerance.
func TestAdaptiveBeatsStandardInHighDimension(t *testing.T) {
	const n = 30
	a, c, x0 := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range a {
		a[i], x0[i] = 1+float64(i), 1
	}
	q, _ := problems.Quadratic(a, c)
	s := &optim.Settings{MaxIter: 20000}
	ad, _ := optim.Minimize(bg, q, x0, s, &neldermead.Method{Coefficients: neldermead.Adaptive})
	auto, _ := optim.Minimize(bg, q, x0, s, &neldermead.Method{})
	st, _ := optim.Minimize(bg, q, x0, s, &neldermead.Method{Coefficients: neldermead.Standard})
	t.Logf("adaptive: f = %.3g after %d iterations, %d evaluations (%v)", ad.F, ad.NIt, ad.NFev, ad.Status)
	t.Logf("standard: f = %.3g after %d iterations, %d evaluations (%v)", st.F, st.NIt, st.NFev, st.Status)
	// Measured: adaptive converged, f = 1.9e-8, 7513 iterations, 9973
	// evaluations; standard f = 24 after 20000 iterations.
	if ad.Status != optim.Converged || ad.F > 1e-6 || ad.NIt > 10000 {
		t.Errorf("adaptive: %v", ad)
	}
	if auto.F != ad.F || auto.NFev != ad.NFev {
		t.Errorf("Auto should be Adaptive for n = 30: %v", auto)
	}
	if st.Status == optim.Converged || st.F < 1e4*ad.F+1 {
		t.Errorf("standard coefficients did not stall: %v", st)
	}
	// Default budget: 200·n iterations.
	r, _ := optim.Minimize(bg, q, x0, nil, &neldermead.Method{Coefficients: neldermead.Standard})
	if r.Status != optim.IterationLimit || r.NIt != 200*n || !strings.Contains(r.Message, "200·n") {
		t.Errorf("default MaxIter: %v", r)
	}
}

// Coefficients for n = 1 are the standard ones (the adaptive σ would be 0);
// for n = 2 both sets agree.
func TestCoefficients(t *testing.T) {
	std := neldermead.Coef{Alpha: 1, Gamma: 2, Rho: 0.5, Sigma: 0.5}
	if neldermead.Auto.Resolve(1) != std || neldermead.Adaptive.Resolve(2) != std || neldermead.Standard.Resolve(10) != std {
		t.Error("standard coefficients")
	}
	if c := neldermead.Auto.Resolve(10); c != (neldermead.Coef{Alpha: 1, Gamma: 1.2, Rho: 0.7, Sigma: 0.9}) {
		t.Errorf("adaptive n = 10: %+v", c)
	}
	p := optim.Problem{Func: func(x []float64) float64 { return (x[0] - 2) * (x[0] - 2) }}
	r, err := optim.Minimize(bg, p, []float64{0}, nil, &neldermead.Method{})
	if err != nil || r.Status != optim.Converged || math.Abs(r.X[0]-2) > 1e-4 {
		t.Errorf("1-D: %v %v", r, err)
	}
}

// Every trial point is clipped into the box: with the minimum (3, −3) of
// ½‖x − c‖² outside [−1, 1]², no evaluation leaves the box and X is the
// corner (1, −1). x0 on the upper bound makes the initial simplex step the
// other way.
func TestBounds(t *testing.T) {
	q, _ := problems.Quadratic([]float64{1, 1}, []float64{3, -3})
	lo, up := []float64{-1, -1}, []float64{1, 1}
	outside := 0
	p := optim.Problem{Lower: lo, Upper: up, Func: func(x []float64) float64 {
		if optim.CheckInBounds("x", x, lo, up) != nil {
			outside++
		}
		return q.Func(x)
	}}
	for _, x0 := range [][]float64{{0, 0}, {1, 1}, {-1, -1}, {1, -1}} {
		for _, m := range []*neldermead.Method{{}, {InitialStep: 5}} {
			r, err := optim.Minimize(bg, p, x0, &optim.Settings{Record: true}, m)
			if err != nil {
				t.Fatal(err)
			}
			if outside > 0 {
				t.Fatalf("x0 %v: %d evaluations outside the box", x0, outside)
			}
			if r.Status != optim.Converged || math.Abs(r.X[0]-1) > 1e-4 || math.Abs(r.X[1]+1) > 1e-4 {
				t.Errorf("x0 %v, %+v: %v", x0, *m, r)
			}
			for _, it := range r.Path {
				for _, v := range it.Pop {
					if optim.CheckInBounds("vertex", v, lo, up) != nil {
						t.Fatalf("vertex %v outside the box", v)
					}
				}
			}
		}
	}
	// A fixed coordinate (lower = upper) stays put.
	pf := optim.Problem{Func: q.Func, Lower: []float64{-1, 0.5}, Upper: []float64{1, 0.5}}
	r, _ := optim.Minimize(bg, pf, []float64{0, 0.5}, nil, &neldermead.Method{})
	if r.Status != optim.Converged || r.X[1] != 0.5 || math.Abs(r.X[0]-1) > 1e-4 {
		t.Errorf("fixed coordinate: %v", r)
	}
}

func TestCollapse(t *testing.T) {
	sq := func(v float64) float64 { return v * v }
	// A step that rounds away: 1e16 + 1 = 1e16, the initial simplex is flat.
	p := optim.Problem{Func: func(x []float64) float64 { return sq(x[0]-1) + sq(x[1]) }}
	r, err := optim.Minimize(bg, p, []float64{1e16, 0}, nil, &neldermead.Method{InitialStep: 1})
	if err != nil || r.Status != optim.NumericalFailure || !strings.Contains(r.Message, "degenerate") || r.NFev != 1 || r.X[0] != 1e16 {
		t.Errorf("flat initial simplex: %v, %v", r, err)
	}
	// With unreachable tolerances the simplex collapses onto the minimum
	// (1, 1) exactly: all vertices equal, which is convergence.
	tiny := &optim.Settings{XTol: 1e-300, FTol: 1e-300}
	p = optim.Problem{Func: func(x []float64) float64 { return sq(x[0]-1) + sq(x[1]-1) }}
	r, _ = optim.Minimize(bg, p, []float64{3, 0}, tiny, &neldermead.Method{})
	if r.Status != optim.Converged || !strings.Contains(r.Message, "collapsed onto one point") || r.X[0] != 1 || r.X[1] != 1 {
		t.Errorf("collapse onto a point: %v", r)
	}
	// Where f is flat at the float64 resolution (1 + 1e-17 = 1), a shrink
	// may stop changing the simplex: it has collapsed onto its best vertex.
	p = optim.Problem{Func: func(x []float64) float64 { return sq(x[0]-0.3) + sq(x[1]-0.7) + 1 }}
	r, _ = optim.Minimize(bg, p, []float64{3, 0.5}, tiny, &neldermead.Method{})
	if r.Status != optim.Converged || !strings.Contains(r.Message, "shrink left every vertex") ||
		math.Abs(r.X[0]-0.3) > 1e-7 || math.Abs(r.X[1]-0.7) > 1e-7 || r.NIt > 1000 {
		t.Errorf("collapse at the resolution: %v", r)
	}
	// A constant: every reflection fails, the simplex shrinks onto x0.
	p = optim.Problem{Func: func(x []float64) float64 { return 1 }}
	r, _ = optim.Minimize(bg, p, []float64{3, 0.5}, tiny, &neldermead.Method{})
	if r.Status != optim.Converged || !strings.Contains(r.Message, "collapsed") || !slices.Equal(r.X, []float64{3, 0.5}) {
		t.Errorf("constant: %v", r)
	}
}

func TestBudgetAndCancel(t *testing.T) {
	p, _ := problems.Rosenbrock(2)
	x0 := []float64{-1.2, 1}
	r, _ := optim.Minimize(bg, p, x0, &optim.Settings{MaxIter: 10}, &neldermead.Method{})
	if r.Status != optim.IterationLimit || r.NIt != 10 || r.Err() == nil {
		t.Errorf("MaxIter: %v", r)
	}
	r, _ = optim.Minimize(bg, p, x0, &optim.Settings{MaxEval: 20}, &neldermead.Method{})
	if r.Status != optim.EvaluationLimit || r.NFev != 20 || r.Status.Success() {
		t.Errorf("MaxEval: %v", r)
	}
	// A budget smaller than the initial simplex.
	r, _ = optim.Minimize(bg, p, x0, &optim.Settings{MaxEval: 2}, &neldermead.Method{})
	if r.Status != optim.EvaluationLimit || r.NFev != 2 || r.X == nil {
		t.Errorf("MaxEval 2: %v", r)
	}
	ctx, cancel := context.WithCancel(bg)
	cancel()
	r, err := optim.Minimize(ctx, p, x0, nil, &neldermead.Method{})
	if err != nil || r.Status != optim.Cancelled || r.NFev != 0 {
		t.Errorf("cancelled: %v %v", r, err)
	}
	// Cancelled while running: returns promptly.
	ctx, cancel = context.WithCancel(bg)
	slow := optim.Problem{Func: func(x []float64) float64 {
		time.Sleep(time.Millisecond)
		return p.Func(x)
	}}
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	start := time.Now()
	r, _ = optim.Minimize(ctx, slow, x0, &optim.Settings{XTol: 1e-300, FTol: 1e-300, MaxIter: 1 << 30}, &neldermead.Method{})
	if r.Status != optim.Cancelled || time.Since(start) > 2*time.Second {
		t.Errorf("cancelled while running: %v after %v", r, time.Since(start))
	}
	r, _ = optim.Minimize(bg, p, x0, &optim.Settings{Callback: func(it optim.Iteration) bool { return it.Iter == 3 }}, &neldermead.Method{})
	if r.Status != optim.Stopped || r.NIt != 3 {
		t.Errorf("callback: %v", r)
	}
}

func TestBadInput(t *testing.T) {
	p, _ := problems.Rosenbrock(2)
	for _, m := range []*neldermead.Method{{InitialStep: -1}, {InitialStep: math.NaN()}, {InitialStep: math.Inf(1)}, {Coefficients: 7}} {
		if _, err := optim.Minimize(bg, p, []float64{-1.2, 1}, nil, m); err == nil {
			t.Errorf("%+v accepted", *m)
		}
	}
	if _, err := optim.Minimize(bg, p, nil, nil, &neldermead.Method{}); err == nil {
		t.Error("nil x0 accepted")
	}
	// NaN and ±Inf are the worst vertices; NaN everywhere is NonFinite.
	nan := optim.Problem{Func: func(x []float64) float64 { return math.NaN() }}
	r, err := optim.Minimize(bg, nan, []float64{1, 2}, nil, &neldermead.Method{})
	if err != nil || r.Status != optim.NonFinite || r.NFev != 3 {
		t.Errorf("NaN: %v %v", r, err)
	}
	hole := optim.Problem{Func: func(x []float64) float64 {
		if x[0] > 1.5 {
			return math.NaN()
		}
		return p.Func(x)
	}}
	r, _ = optim.Minimize(bg, hole, []float64{-1.2, 1}, nil, &neldermead.Method{})
	if r.Status != optim.Converged || math.Abs(r.X[0]-1) > 1e-3 {
		t.Errorf("NaN region: %v", r)
	}
	boom := optim.Problem{Func: func(x []float64) float64 {
		if x[0] > 0 {
			panic("boom")
		}
		return x[0] * x[0]
	}}
	for _, w := range []int{1, 4} {
		r, err := optim.Minimize(bg, boom, []float64{-1, 2}, &optim.Settings{Workers: w}, &neldermead.Method{})
		if err != nil || r.Status != optim.EvaluationError || !strings.Contains(r.Message, "boom") {
			t.Errorf("panic, workers %d: %v %v", w, r, err)
		}
	}
}

// The initial simplex and every shrink are batches: Workers 1 and 4 give
// the same Result.
func TestWorkersIdentical(t *testing.T) {
	p, _ := problems.Rosenbrock(6)
	sq := func(v float64) float64 { return v * v }
	flat := func(x []float64) float64 { return sq(x[0]-0.3) + sq(x[1]-0.7) + 1 }
	for _, c := range []struct {
		f  func([]float64) float64
		x0 []float64
		s  optim.Settings
	}{
		{p.Func, []float64{-1.2, 1, -1.2, 1, -1.2, 1}, optim.Settings{}},
		{flat, []float64{3, 0.5}, optim.Settings{XTol: 1e-300, FTol: 1e-300}},
	} {
		var rs [2]*optim.Result
		for i, w := range []int{1, 4} {
			s := c.s
			s.Workers = w
			rs[i], _ = optim.Minimize(bg, optim.Problem{Func: c.f}, c.x0, &s, &neldermead.Method{})
		}
		a, b := rs[0], rs[1]
		if !slices.Equal(a.X, b.X) || a.F != b.F || !slices.Equal(a.Trace, b.Trace) || a.NIt != b.NIt || a.Status != b.Status {
			t.Errorf("workers 1 %v, workers 4 %v", a, b)
		}
		d, _ := optim.DetailOf[*neldermead.Detail](a)
		t.Logf("n = %d: ops %v", len(c.x0), d.Ops)
		if len(c.x0) == 2 && d.Ops[neldermead.Shrink] == 0 {
			t.Error("no shrink: the batch path was only used for the start")
		}
	}
}

// Record: Detail.Start is frame 0, every Iteration holds the sorted simplex
// and the operation, and the best vertex's value never increases.
func TestRecord(t *testing.T) {
	p, _ := problems.Rosenbrock(2)
	r, _ := optim.Minimize(bg, p, []float64{-1.2, 1}, &optim.Settings{Record: true}, &neldermead.Method{})
	d, _ := optim.DetailOf[*neldermead.Detail](r)
	frames := append([]optim.Iteration{d.Start}, r.Path...)
	if len(frames) != r.NIt+1 || d.Start.Iter != 0 || d.Start.NFev != 3 || len(d.Start.Pop) != 3 {
		t.Fatalf("%d frames, start %+v", len(frames), d.Start)
	}
	for k, it := range frames {
		if len(it.Pop) != 3 || !slices.IsSorted(it.PopF) || !slices.Equal(it.X, it.Pop[0]) || it.F != it.PopF[0] {
			t.Fatalf("frame %d: %+v", k, it)
		}
		if k > 0 {
			if _, ok := it.Detail.(neldermead.Op); !ok || it.F > frames[k-1].F {
				t.Fatalf("frame %d: %+v", k, it)
			}
		}
	}
	var ops [neldermead.NumOps]int
	for _, it := range r.Path {
		ops[it.Detail.(neldermead.Op)]++
	}
	if ops != d.Ops || ops[neldermead.Expand] == 0 || ops[neldermead.ContractInside] == 0 {
		t.Errorf("ops %v, detail %v", ops, d.Ops)
	}
	t.Logf("ops on Rosenbrock: %v", ops)
}

func TestRegistryAndFlags(t *testing.T) {
	m, err := optim.Lookup("neldermead")
	if err != nil {
		t.Fatal(err)
	}
	info := m.Info()
	if info.Gradient || info.DefaultMaxIter != 0 || info.Iteration != neldermead.IterationDoc {
		t.Errorf("info %+v", info)
	}
	fs := flag.NewFlagSet("nm", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	m.(optim.Flagger).Flags(fs)
	if err := fs.Parse([]string{"-coefficients=standard", "-initialstep=0.5", "-restarts=-1"}); err != nil {
		t.Fatal(err)
	}
	if *m.(*neldermead.Method) != (neldermead.Method{Coefficients: neldermead.Standard, InitialStep: 0.5, Restarts: -1}) {
		t.Errorf("flags set %+v", m)
	}
	if err := fs.Parse([]string{"-coefficients=bogus"}); err == nil {
		t.Error("bogus coefficients accepted")
	}
}

// TestMGH: with tight tolerances, and the default restarts, Nelder–Mead
// reaches the minimum of every MGH problem of the descent set, and the
// local minimum f ≈ 3.9866 of the chained Rosenbrock function in 10 and
// 100 dimensions (from (−1.2, 1, …) every method here ends there), with
// ‖∇f‖∞ ≤ 1e-6. The settings (see the package documentation):
//
//   - n ≤ 10: XTol = FTol = 1e-20. Brown's x₂* = 2e-6 has to be found to
//     5e-19 (∂²f/∂x₂² = 2e12), far below an absolute tolerance of 1e-12;
//     the simplex then runs until it collapses, at most 10035 evaluations.
//   - n = 100: XTol = FTol = 1e-12, MaxEval 2e7, MaxIter 1e9:
//     10.4 million evaluations, about 10 s, so only without -short. (With
//     1e-20 the 101 vertices never collapse around f = 3.9866.)
//
// Freudenstein–Roth is the one exception, and no method that uses values
// of f only can do better: at its local minimum (f = 48.98, Hessian
// eigenvalues 0.82 and 905) the rounding noise of f is 1.4e-14 (2 ulps),
// and among a million points within 1e-8 of the minimizer those whose
// computed f is below f(x*) have ‖∇f‖∞ up to 8.5e-6. Nelder–Mead ends at
// ‖∇f‖∞ = 3.2e-6 there; the test asks for the 1e-5 that f can resolve.
func TestMGH(t *testing.T) {
	r10, _ := problems.ExtendedRosenbrock(10)
	r100, _ := problems.ExtendedRosenbrock(100)
	cases := append(problems.MGHDescentSet(), r10, r100)
	for _, c := range cases {
		n := len(c.X0)
		s := &optim.Settings{XTol: 1e-20, FTol: 1e-20, MaxIter: 1e6, MaxEval: 1e5}
		if n == 100 {
			if testing.Short() {
				t.Log("rosenbrock-100 skipped with -short (10.4 million evaluations, about 10 s)")
				continue
			}
			s = &optim.Settings{XTol: 1e-12, FTol: 1e-12, MaxIter: 1e9, MaxEval: 2e7}
		}
		r, gn := problems.SolveMGH(t, &neldermead.Method{}, c, s)
		d, _ := optim.DetailOf[*neldermead.Detail](r)
		fmin, gtol := c.FMin, 1e-6
		switch {
		case c.LocalXMin != nil: // Freudenstein–Roth: f's resolution, see above
			fmin, gtol = c.LocalFMin, 1e-5
		case c.Name == r10.Name || c.Name == r100.Name:
			fmin = 3.9866
		}
		if r.Status != optim.Converged || !(gn <= gtol) || math.Abs(r.F-fmin) > 1e-4*max(1, math.Abs(fmin)) ||
			d.Restarts < 1 || !strings.Contains(r.Message, "restart") {
			t.Errorf("%s: ‖∇f‖∞ = %.2g (want ≤ %g), f = %.6g (want %g), %d restarts: %v", c.Name, gn, gtol, r.F, fmin, d.Restarts, r)
		}
	}
}

// Restarts bounds the restarts; each is one iteration (Op Restart) that
// keeps the best vertex. On Powell's singular function with unreachable
// tolerances every restart still lowers f (f ~ ‖x‖⁴ near 0), so the
// limit is what ends the run.
func TestRestarts(t *testing.T) {
	c := problems.PowellSingular()
	tiny := &optim.Settings{XTol: 1e-300, FTol: 1e-300, MaxIter: 1e6, Record: true}
	for _, k := range []int{-1, 1, 3} {
		r, _ := optim.Minimize(bg, c.Problem, c.X0, tiny, &neldermead.Method{Restarts: k})
		d, _ := optim.DetailOf[*neldermead.Detail](r)
		want := max(k, 0)
		if r.Status != optim.Converged || d.Restarts != want || d.Ops[neldermead.Restart] != want {
			t.Errorf("Restarts %d: %d restarts, %v", k, d.Restarts, r)
		}
		if k > 0 && !strings.Contains(r.Message, fmt.Sprintf("stopped after the %d restarts allowed", k)) {
			t.Errorf("Restarts %d: message %q", k, r.Message)
		}
		seen := 0
		for i, it := range r.Path {
			if it.Detail == neldermead.Restart {
				seen++
				if i == 0 || it.F != r.Path[i-1].F || len(it.Pop) != 5 {
					t.Errorf("restart frame %d: %+v", i, it)
				}
			}
		}
		if seen != want {
			t.Errorf("Restarts %d: %d restart frames", k, seen)
		}
	}
}
