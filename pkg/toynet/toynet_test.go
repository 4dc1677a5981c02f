package toynet

import (
	"math"
	"sync"
	"testing"

	"gonum.org/v1/gonum/diff/fd"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/reference"
)

func relErr(got, want float64) float64 {
	return math.Abs(got-want) / math.Max(math.Abs(want), 1e-300)
}

func TestLossMatchesReference(t *testing.T) {
	ref := reference.MustGet()
	n := Reference()
	if got := n.Loss(ref.X0); relErr(got, ref.LossAtX0) > 1e-9 {
		t.Errorf("loss at x0 = %.15g, want %.15g", got, ref.LossAtX0)
	}
	if got := n.Loss(ref.BestKnownX); relErr(got, ref.BestKnownLoss) > 1e-9 {
		t.Errorf("loss at best_known_x = %.15g, want %.15g", got, ref.BestKnownLoss)
	}
}

func TestGradMatchesPyTorch(t *testing.T) {
	ref := reference.MustGet()
	n := Reference()
	g := make([]float64, NumParams)
	f := n.Grad(g, ref.X0)
	if relErr(f, ref.LossAtX0) > 1e-9 {
		t.Errorf("Grad's loss = %.15g, want %.15g", f, ref.LossAtX0)
	}
	for i := range g {
		if relErr(g[i], ref.GradAtX0[i]) > 1e-9 {
			t.Errorf("grad[%d] = %.15g, want %.15g", i, g[i], ref.GradAtX0[i])
		}
	}
}

// The analytic gradient agrees with central differences at points where no
// hidden unit sits on its kink.
func TestGradFiniteDifferences(t *testing.T) {
	n := Reference()
	rng := optim.NewRand(1)
	g := make([]float64, NumParams)
	num := make([]float64, NumParams)
	for trial := range 20 {
		p := make([]float64, NumParams)
		for i := range p {
			p[i] = rng.NormFloat64()
		}
		n.Grad(g, p)
		fd.Gradient(num, n.Loss, p, &fd.Settings{Formula: fd.Central, Step: 1e-6})
		for i := range g {
			scale := math.Max(math.Abs(g[i]), 1)
			if math.Abs(g[i]-num[i])/scale > 1e-4 {
				t.Errorf("trial %d: grad[%d] = %g, central difference %g", trial, i, g[i], num[i])
			}
		}
	}
}

func TestBadInput(t *testing.T) {
	n := Reference()
	if v := n.Loss(make([]float64, 9)); !math.IsNaN(v) {
		t.Errorf("Loss of 9 parameters = %v, want NaN", v)
	}
	if _, err := n.Evaluate(make([]float64, 11)); err == nil {
		t.Error("Evaluate accepted 11 parameters")
	}
	if _, err := n.Evaluate([]float64{0, 0, 0, 0, 0, 0, 0, 0, 0, math.Inf(1)}); err == nil {
		t.Error("Evaluate accepted an infinite parameter")
	}
	if _, err := New(make([][2]float64, 3)); err == nil {
		t.Error("New accepted 3 inputs")
	}
	if _, err := Unflatten(nil); err == nil {
		t.Error("Unflatten accepted nil")
	}
	g := make([]float64, 3)
	if v := n.Grad(g, make([]float64, NumParams)); !math.IsNaN(v) || !math.IsNaN(g[0]) {
		t.Error("Grad with a short grad slice must return NaN")
	}
}

func TestLayersAgreeWithLoss(t *testing.T) {
	n := Reference()
	p := BestKnownX()
	l, err := Unflatten(p)
	if err != nil {
		t.Fatal(err)
	}
	var s float64
	for _, u := range n.Inputs() {
		y, _ := l.Forward(u)
		s += (y[0]-u[0])*(y[0]-u[0]) + (y[1]-u[1])*(y[1]-u[1])
	}
	if got, want := s/64, n.Loss(p); relErr(got, want) > 1e-12 {
		t.Errorf("Forward-based loss %g, Loss %g", got, want)
	}
	q := l.Flatten()
	for i := range p {
		if q[i] != p[i] {
			t.Fatalf("Flatten(Unflatten(p)) != p at %d", i)
		}
	}
}

func TestNoAllocs(t *testing.T) {
	n := Reference()
	p := X0()
	g := make([]float64, NumParams)
	if a := testing.AllocsPerRun(100, func() { n.Loss(p) }); a != 0 {
		t.Errorf("Loss allocates %v times", a)
	}
	if a := testing.AllocsPerRun(100, func() { n.Grad(g, p) }); a != 0 {
		t.Errorf("Grad allocates %v times", a)
	}
}

func TestConcurrentUse(t *testing.T) {
	n := Reference()
	want := n.Loss(X0())
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := X0()
			for range 1000 {
				if n.Loss(p) != want {
					t.Error("concurrent Loss differs")
					return
				}
			}
		}()
	}
	wg.Wait()
}

var sink float64

func BenchmarkLoss(b *testing.B) {
	n := Reference()
	p := X0()
	b.ReportAllocs()
	for b.Loop() {
		sink = n.Loss(p)
	}
}

func BenchmarkGrad(b *testing.B) {
	n := Reference()
	p := X0()
	g := make([]float64, NumParams)
	b.ReportAllocs()
	for b.Loop() {
		sink = n.Grad(g, p)
	}
}
