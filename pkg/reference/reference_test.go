package reference

import "testing"

func TestEmbedded(t *testing.T) {
	e, err := Get()
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Inputs) != 32 || len(e.X0) != 10 || len(e.BestKnownX) != 10 || len(e.GradAtX0) != 10 {
		t.Fatalf("unexpected sizes: %d inputs, %d x0, %d best, %d grad", len(e.Inputs), len(e.X0), len(e.BestKnownX), len(e.GradAtX0))
	}
	if e.Settings.PSO.SwarmSize != 100 || e.Settings.SLSQP.Eps != 0.001 || e.Settings.DualAnnealing.Visit != 2.62 {
		t.Errorf("settings not parsed: %+v", e.Settings)
	}
	if e.ReferenceResults.AdamFinalLoss != 91.85612831227456 || e.ReferenceResults.Stochastic.CMA.Median == 0 {
		t.Errorf("results not parsed: %+v", e.ReferenceResults)
	}
	e.X0[0] = 1e9
	if f, _ := Get(); f.X0[0] == 1e9 {
		t.Error("Get must return a copy")
	}
}
