package viz

import (
	"context"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"

	"github.com/optlab/optlab/pkg/onedim"
	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
)

func TestOneDimCosts(t *testing.T) {
	costs, err := OneDimCosts(context.Background(), problems.Poly(), 1e-8)
	if err != nil {
		t.Fatal(err)
	}
	if len(costs) != 6 {
		t.Fatalf("got %d methods, want 6", len(costs))
	}
	for _, c := range costs {
		if c.Evals <= 0 || c.Err > 1e-7 || c.Status != optim.Converged {
			t.Errorf("%s: %+v", c.Method, c)
		}
	}
	if costs[0].Evals != 41 || costs[0].Of != "f" {
		t.Errorf("golden: %+v, want 41 evaluations of f", costs[0])
	}
	tab := OneDimCostTable(costs)
	if strings.Count(tab, "\n") != 8 || !strings.Contains(tab, "secant") {
		t.Errorf("table:\n%s", tab)
	}
	p, err := OneDimCostBars("costs", costs)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := PNG(p, 12*vg.Centimeter, 8*vg.Centimeter); err != nil {
		t.Fatal(err)
	}
	if _, err := OneDimCosts(context.Background(), problems.Scalar{}, 1e-8); err == nil {
		t.Error("no error for an empty Scalar")
	}
	if _, err := CostBars("x", "y", []string{"a"}, nil); err == nil {
		t.Error("no error for mismatched names and values")
	}
	if _, err := CostBars("x", "y", []string{"a"}, []float64{math.NaN()}); err == nil {
		t.Error("no error for NaN")
	}
}

func TestAddCurveAndOneDimRun(t *testing.T) {
	s := problems.Poly()
	r, err := optim.Minimize(context.Background(), onedim.Problem(s.F, nil, nil, 0, 2), nil,
		&optim.Settings{MaxIter: 6, Record: true}, &onedim.Golden{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := OneDimRun("golden", "", s.F, 0, 2, r)
	if err != nil {
		t.Fatal(err)
	}
	model := func(x float64) float64 { return -20 + 30*(x-1)*(x-1) }
	if err := AddCurve(p, "model", model, 0, 2, -30, 2); err != nil {
		t.Fatal(err)
	}
	if _, err := PNG(p, 12*vg.Centimeter, 8*vg.Centimeter); err != nil {
		t.Fatal(err)
	}
	if err := AddCurve(p, "off the plot", model, 0, 2, 100, 200); err == nil {
		t.Error("no error for a curve with no point in range")
	}
	if err := AddCurve(p, "bad", model, 2, 0, -30, 2); err == nil {
		t.Error("no error for a > b")
	}
	if _, err := OneDimRun("none", "f(x)", s.F, 0, 2, &optim.Result{}); err == nil {
		t.Error("no error for an unrecorded run")
	}
}

func TestOrders(t *testing.T) {
	// e_{k+1} = e_k²: order 2; e_{k+1} = e_k/2: order 1.
	sq := []float64{1e-1, 1e-2, 1e-4, 1e-8, 1e-16, 1e-32}
	ks, qs := Orders(sq, 1e-20)
	if len(qs) != 3 || ks[0] != 1 {
		t.Fatalf("ks %v qs %v", ks, qs)
	}
	for _, q := range qs {
		if math.Abs(q-2) > 1e-9 {
			t.Errorf("order %v, want 2", q)
		}
	}
	_, qs = Orders([]float64{1, 0.5, 0.25, 0.125}, 0)
	for _, q := range qs {
		if math.Abs(q-1) > 1e-12 {
			t.Errorf("order %v, want 1", q)
		}
	}
	if e := Errors([]float64{1, 3}, 2); e[0] != 1 || e[1] != 1 {
		t.Errorf("Errors = %v", e)
	}
}
