package mlp

import (
	"fmt"
	"math"
	"sync"
	"testing"

	"gonum.org/v1/gonum/diff/fd"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/reference"
	"github.com/optlab/optlab/pkg/toynet"
)

func relErr(got, want float64) float64 {
	return math.Abs(got-want) / math.Max(math.Abs(want), 1e-300)
}

// toyNet is toynet's network as an mlp: 2-2-2, ReLU, no hidden bias, the
// inputs as targets.
func toyNet(t testing.TB) *Net {
	t.Helper()
	ref := reference.MustGet()
	u := make([][]float64, len(ref.Inputs))
	for k, p := range ref.Inputs {
		u[k] = []float64{p[0], p[1]}
	}
	nt, err := New([]int{2, 2, 2}, ReLU, false, u, u)
	if err != nil {
		t.Fatal(err)
	}
	if nt.NumParams() != toynet.NumParams {
		t.Fatalf("NumParams = %d, toynet has %d", nt.NumParams(), toynet.NumParams)
	}
	return nt
}

// The 2-2-2 case is toynet: same loss and gradient at x0, at the best known
// point and at random points (which also have hidden units switched off),
// to 1e-12 relative.
func TestMatchesToyNet(t *testing.T) {
	ref := toynet.Reference()
	nt := toyNet(t)
	rng := optim.NewRand(7)
	points := [][]float64{toynet.X0(), toynet.BestKnownX()}
	for range 50 {
		p := make([]float64, toynet.NumParams)
		for i := range p {
			p[i] = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(4)-2))
		}
		points = append(points, p)
	}
	g, gr := make([]float64, toynet.NumParams), make([]float64, toynet.NumParams)
	worst := 0.0
	for k, p := range points {
		f, fr := nt.Loss(p), ref.Loss(p)
		fg := nt.Grad(g, p)
		ref.Grad(gr, p)
		worst = max(worst, relErr(f, fr), relErr(fg, fr))
		if relErr(f, fr) > 1e-12 || relErr(fg, fr) > 1e-12 {
			t.Errorf("point %d: loss %.17g (Grad's %.17g), toynet %.17g", k, f, fg, fr)
		}
		scale := 0.0
		for i := range gr {
			scale = max(scale, math.Abs(gr[i]))
		}
		for i := range g {
			e := math.Abs(g[i]-gr[i]) / math.Max(math.Abs(gr[i]), 1e-300)
			if g[i] == gr[i] {
				e = 0
			}
			worst = max(worst, e)
			if e > 1e-12 {
				t.Errorf("point %d: grad[%d] = %.17g, toynet %.17g", k, i, g[i], gr[i])
			}
		}
	}
	t.Logf("largest relative difference from toynet over %d points: %.2g", len(points), worst)
	// And the PyTorch reference values themselves.
	e := reference.MustGet()
	nt.Grad(g, e.X0)
	if relErr(nt.Loss(e.X0), e.LossAtX0) > 1e-9 {
		t.Errorf("loss at x0 %.15g, reference %.15g", nt.Loss(e.X0), e.LossAtX0)
	}
	for i := range g {
		if relErr(g[i], e.GradAtX0[i]) > 1e-9 {
			t.Errorf("grad[%d] at x0 %.15g, PyTorch %.15g", i, g[i], e.GradAtX0[i])
		}
	}
}

// smoothNets are networks of every kind for the gradient check.
func smoothNets(t testing.TB) map[string]*Net {
	rng := optim.NewRand(11)
	data := func(n, in, out int) (u, y [][]float64) {
		for range n {
			a, b := make([]float64, in), make([]float64, out)
			for i := range a {
				a[i] = rng.NormFloat64()
			}
			for i := range b {
				b[i] = rng.NormFloat64()
			}
			u, y = append(u, a), append(y, b)
		}
		return u, y
	}
	nets := map[string]*Net{}
	for _, c := range []struct {
		name  string
		sizes []int
		act   Activation
		bias  bool
	}{
		{"tanh 3-5-4-2 bias", []int{3, 5, 4, 2}, Tanh, true},
		{"tanh 2-7-1 nobias", []int{2, 7, 1}, Tanh, false},
		{"relu 4-6-3 bias", []int{4, 6, 3}, ReLU, true},
		{"relu 2-3-3-3-1 bias", []int{2, 3, 3, 3, 1}, ReLU, true},
		{"identity 3-2", []int{3, 2}, Identity, false},
		{"identity 2-4-2", []int{2, 4, 2}, Identity, true},
		{"tanh 2-80-1 (pool)", []int{2, 80, 1}, Tanh, true},
		{"tanh 2-30-30-1 (pool)", []int{2, 30, 30, 1}, Tanh, true},
	} {
		u, y := data(9, c.sizes[0], c.sizes[len(c.sizes)-1])
		nt, err := New(c.sizes, c.act, c.bias, u, y)
		if err != nil {
			t.Fatal(err)
		}
		nets[c.name] = nt
	}
	return nets
}

// The analytic gradient agrees with gonum's central differences at random
// points, for every activation, with and without hidden biases, on the
// stack and on the pool path.
func TestGradFiniteDifferences(t *testing.T) {
	rng := optim.NewRand(5)
	for name, nt := range smoothNets(t) {
		n := nt.NumParams()
		g, num := make([]float64, n), make([]float64, n)
		for trial := range 5 {
			p := make([]float64, n)
			for i := range p {
				p[i] = 0.7 * rng.NormFloat64()
			}
			f := nt.Grad(g, p)
			if f != nt.Loss(p) {
				t.Errorf("%s: Grad's loss %.17g, Loss %.17g", name, f, nt.Loss(p))
			}
			fd.Gradient(num, nt.Loss, p, &fd.Settings{Formula: fd.Central, Step: 1e-6})
			for i := range g {
				if math.Abs(g[i]-num[i])/math.Max(math.Abs(g[i]), 1) > 1e-6 {
					t.Errorf("%s trial %d: grad[%d] = %g, central difference %g", name, trial, i, g[i], num[i])
				}
			}
		}
	}
}

// The parameter order is the documented one: perturbing W_l[j][i] or b_l[j]
// changes only unit j of layer l.
func TestLayout(t *testing.T) {
	u := [][]float64{{1, 2}}
	nt, err := New([]int{2, 3, 1}, Identity, true, u, [][]float64{{0}})
	if err != nil {
		t.Fatal(err)
	}
	// W1 (6), b1 (3), W2 (3), b2 (1).
	if nt.NumParams() != 13 {
		t.Fatalf("NumParams = %d", nt.NumParams())
	}
	p := make([]float64, 13)
	p[1*2+1] = 1 // W1[1][1] = 1: h1 = u1 = 2
	p[6+1] = 0.5 // b1[1]: h1 = 2.5
	p[9+1] = 2   // W2[0][1]: y = 2·h1 = 5
	p[12] = 1    // b2: y = 6
	if f := nt.Loss(p); f != 36 {
		t.Errorf("loss %g, want 36", f)
	}
	nb, _ := New([]int{2, 3, 1}, Identity, false, u, [][]float64{{0}})
	if nb.NumParams() != 10 { // W1 (6), W2 (3), b2 (1)
		t.Errorf("no hidden bias: NumParams = %d, want 10", nb.NumParams())
	}
}

func TestNoAllocs(t *testing.T) {
	nets := smoothNets(t)
	for _, n := range []int{10, 100, 1000} {
		nt, x0, err := Task(n, 1)
		if err != nil {
			t.Fatal(err)
		}
		nets[fmt.Sprintf("task %d", n)] = nt
		_ = x0
	}
	for name, nt := range nets {
		p := nt.Init(3)
		g := make([]float64, nt.NumParams())
		nt.Loss(p) // warm the pool
		nt.Grad(g, p)
		if a := testing.AllocsPerRun(50, func() { nt.Loss(p) }); a != 0 {
			t.Errorf("%s: Loss allocates %v times", name, a)
		}
		if a := testing.AllocsPerRun(50, func() { nt.Grad(g, p) }); a != 0 {
			t.Errorf("%s: Grad allocates %v times", name, a)
		}
	}
}

// Many goroutines share one Net (on the pool path too).
func TestConcurrentUse(t *testing.T) {
	for _, n := range []int{10, 1000} {
		nt, x0, err := Task(n, 2)
		if err != nil {
			t.Fatal(err)
		}
		want := nt.Loss(x0)
		wg := make([]float64, nt.NumParams())
		nt.Grad(wg, x0)
		var w sync.WaitGroup
		for range 4 {
			w.Add(1)
			go func() {
				defer w.Done()
				g := make([]float64, nt.NumParams())
				for range 50 {
					if nt.Loss(x0) != want || nt.Grad(g, x0) != want || g[0] != wg[0] || g[len(g)-1] != wg[len(g)-1] {
						t.Error("concurrent Loss or Grad differs")
						return
					}
				}
			}()
		}
		w.Wait()
	}
}

func TestBadInput(t *testing.T) {
	u := [][]float64{{1, 2}, {3, 4}}
	y := [][]float64{{1}, {2}}
	cases := []struct {
		name  string
		sizes []int
		act   Activation
		u, y  [][]float64
	}{
		{"one layer", []int{2}, ReLU, u, y},
		{"no layers", nil, ReLU, u, y},
		{"zero units", []int{2, 0, 1}, ReLU, u, y},
		{"negative units", []int{2, -3, 1}, ReLU, u, y},
		{"bad activation", []int{2, 2, 1}, Activation(7), u, y},
		{"no samples", []int{2, 2, 1}, ReLU, nil, nil},
		{"count mismatch", []int{2, 2, 1}, ReLU, u, y[:1]},
		{"input length", []int{3, 2, 1}, ReLU, u, y},
		{"target length", []int{2, 2, 2}, ReLU, u, y},
		{"NaN input", []int{2, 2, 1}, ReLU, [][]float64{{1, math.NaN()}, {3, 4}}, y},
		{"Inf target", []int{2, 2, 1}, ReLU, u, [][]float64{{1}, {math.Inf(1)}}},
		{"too many parameters", []int{2, 1 << 20, 1 << 20, 1}, ReLU, u, y},
	}
	for _, c := range cases {
		if _, err := New(c.sizes, c.act, true, c.u, c.y); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
	nt, err := New([]int{2, 2, 1}, Tanh, true, u, y)
	if err != nil {
		t.Fatal(err)
	}
	if v := nt.Loss(make([]float64, 3)); !math.IsNaN(v) {
		t.Errorf("Loss of a short vector = %v", v)
	}
	g := make([]float64, 2)
	if v := nt.Grad(g, make([]float64, nt.NumParams())); !math.IsNaN(v) || !math.IsNaN(g[0]) {
		t.Error("Grad with a short grad must give NaN")
	}
	for _, n := range []int{0, -1, MaxParams + 1} {
		if _, _, err := Task(n, 1); err == nil {
			t.Errorf("Task(%d): no error", n)
		}
	}
	// The data are copied.
	y[0][0] = 100
	if nt.Loss(make([]float64, nt.NumParams())) != 2.5 {
		t.Error("New must copy the data")
	}
}

func TestTask(t *testing.T) {
	for _, c := range []struct{ n, want int }{{10, 9}, {30, 29}, {100, 101}, {300, 301}, {1000, 1001}, {1, 5}} {
		nt, x0, err := Task(c.n, 1)
		if err != nil {
			t.Fatal(err)
		}
		if nt.NumParams() != c.want || len(x0) != c.want {
			t.Errorf("Task(%d): %d parameters, want %d", c.n, nt.NumParams(), c.want)
		}
		_, x1, _ := Task(c.n, 1)
		_, x2, _ := Task(c.n, 2)
		for i := range x0 {
			if x0[i] != x1[i] {
				t.Fatalf("Task(%d): the same seed gave different start points", c.n)
			}
		}
		if x0[0] == x2[0] {
			t.Errorf("Task(%d): seeds 1 and 2 gave the same start", c.n)
		}
	}
	u, y := TaskData()
	u2, y2 := TaskData()
	if len(u) != TaskSamples || u[5][0] != u2[5][0] || y[7][0] != y2[7][0] {
		t.Error("TaskData is not fixed")
	}
	for k := range u {
		if math.Abs(u[k][0]) > 1 || math.Abs(u[k][1]) > 1 || y[k][0] != TaskTarget(u[k][0], u[k][1]) {
			t.Fatalf("sample %d: %v → %v", k, u[k], y[k])
		}
	}
	nt, _, _ := Task(100, 1)
	if v := nt.Variance(); !(v > 0.05 && v < 1) {
		t.Errorf("target variance %g", v)
	}
	// The zero network predicts its output bias, 0: loss = mean of t².
	var ms float64
	for _, t := range y {
		ms += t[0] * t[0]
	}
	if got := nt.Loss(make([]float64, nt.NumParams())); relErr(got, ms/TaskSamples) > 1e-14 {
		t.Errorf("loss at 0: %g, want %g", got, ms/TaskSamples)
	}
}

var sink float64

func BenchmarkLoss(b *testing.B) {
	for _, n := range []int{10, 30, 100, 300, 1000} {
		nt, x0, _ := Task(n, 1)
		b.Run(fmt.Sprintf("n=%d", nt.NumParams()), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = nt.Loss(x0)
			}
		})
	}
}

func BenchmarkGrad(b *testing.B) {
	for _, n := range []int{10, 30, 100, 300, 1000} {
		nt, x0, _ := Task(n, 1)
		g := make([]float64, nt.NumParams())
		b.Run(fmt.Sprintf("n=%d", nt.NumParams()), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = nt.Grad(g, x0)
			}
		})
	}
}

func BenchmarkToyNet(b *testing.B) {
	nt := toyNet(b)
	p := toynet.X0()
	g := make([]float64, len(p))
	b.Run("mlp", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink = nt.Grad(g, p)
		}
	})
	ref := toynet.Reference()
	b.Run("toynet", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink = ref.Grad(g, p)
		}
	})
}
