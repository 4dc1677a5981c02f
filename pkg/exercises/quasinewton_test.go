package exercises

import (
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/optlab/optlab/pkg/bfgs"
)

// dense wraps bfgs.UpdateBFGS or bfgs.UpdateDFP as a student's function.
func dense(update func(H *mat.SymDense, s, y []float64)) func(H [][]float64, s, y []float64) [][]float64 {
	return func(H [][]float64, s, y []float64) [][]float64 {
		n := len(s)
		h := mat.NewSymDense(n, nil)
		for i := range n {
			for j := i; j < n; j++ {
				h.SetSym(i, j, H[i][j])
			}
		}
		update(h, s, y)
		return qnRows(h)
	}
}

func TestCheckBFGSUpdate(t *testing.T) {
	qnRun(t, func() bool { return CheckBFGSUpdate(dense(bfgs.UpdateBFGS)) }, true, "PASS secant")
	// DFP satisfies the secant condition but is not BFGS.
	qnRun(t, func() bool { return CheckBFGSUpdate(dense(bfgs.UpdateDFP)) }, false, "PASS secant", "FAIL agrees", "DFP")
	// the starter's stub
	qnRun(t, func() bool {
		return CheckBFGSUpdate(func(H [][]float64, s, y []float64) [][]float64 { return nil })
	}, false, "returned nil")
	// a panicking one
	qnRun(t, func() bool {
		return CheckBFGSUpdate(func(H [][]float64, s, y []float64) [][]float64 { return [][]float64{H[9]} })
	}, false, "panicked")
	// returning H unchanged breaks the secant condition
	qnRun(t, func() bool {
		return CheckBFGSUpdate(func(H [][]float64, s, y []float64) [][]float64 { return H })
	}, false, "FAIL secant")
}

// a correct two-loop recursion, written as a student would
func twoLoopOK(q []float64, s, y [][]float64) []float64 {
	r := append([]float64(nil), q...)
	k := len(s)
	a := make([]float64, k)
	for i := k - 1; i >= 0; i-- {
		a[i] = qnDot(s[i], r) / qnDot(y[i], s[i])
		for j := range r {
			r[j] -= a[i] * y[i][j]
		}
	}
	if k > 0 {
		g := qnDot(s[k-1], y[k-1]) / qnDot(y[k-1], y[k-1])
		for j := range r {
			r[j] *= g
		}
	}
	for i := range k {
		b := qnDot(y[i], r) / qnDot(y[i], s[i])
		for j := range r {
			r[j] += (a[i] - b) * s[i][j]
		}
	}
	return r
}

func TestCheckTwoLoop(t *testing.T) {
	qnRun(t, func() bool { return CheckTwoLoop(twoLoopOK) }, true, "PASS r = H·q with 6 pairs")
	// without the γ scaling of H₀ (H₀ = I)
	noScale := func(q []float64, s, y [][]float64) []float64 {
		out := twoLoopOK(q, s, y)
		if k := len(s); k > 0 {
			g := qnDot(s[k-1], y[k-1]) / qnDot(y[k-1], y[k-1])
			for j := range out {
				out[j] /= g
			}
		}
		return out
	}
	qnRun(t, func() bool { return CheckTwoLoop(noScale) }, false, "PASS r = H·q with 0 pairs", "FAIL r = H·q with 3 pairs")
	qnRun(t, func() bool {
		return CheckTwoLoop(func(q []float64, s, y [][]float64) []float64 { return nil })
	}, false, "the stub returns nil")
}
