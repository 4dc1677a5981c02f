package cmaes

import (
	"testing"

	"github.com/optlab/optlab/pkg/optim"
)

func TestMAESQuick(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func([]float64) float64
	}{{"sphere", sphere}, {"ellipsoid", ellipsoid(1e6)}, {"rosenbrock", rosenbrock}} {
		r := run(t, optim.Problem{Func: tc.f}, constVec(10, 3), &optim.Settings{Seed: 1}, &Method{Sigma0: 2, Variant: MAES})
		t.Logf("%s: f=%.3g nfev=%d %v %s", tc.name, r.F, r.NFev, r.Status, r.Message)
	}
}
