package cmaes

import (
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/optim"
)

// tolUpSigma stops a run whose σ·max√eig(C) grew beyond tolUpSigma·σ⁽⁰⁾
// (pycma's tolupsigma): the objective is then most likely unbounded below
// along some direction, or σ⁽⁰⁾ was far too small.
const tolUpSigma = 1e20

func (c *CMA) setStop(st optim.Status, msg string) {
	if c.status == optim.NotTerminated {
		c.status, c.message = st, msg
	}
}

// checkStop applies the termination criteria of the tutorial's Appendix B.3
// and pycma after a generation; popRange is the range of this generation's
// ranking values.
func (c *CMA) checkStop(popRange float64) {
	s := c.s
	n := len(s.m)
	dlo, dhi := minMax(s.D)
	switch {
	case s.failed != "":
		c.setStop(optim.NumericalFailure, s.failed)
	case s.ma && !optim.AllFinite(s.C):
		c.setStop(optim.NumericalFailure, "MA-ES: M is no longer finite")
	case s.chol && !optim.AllFinite(s.C):
		c.setStop(optim.NumericalFailure, "Cholesky-CMA-ES: A is no longer finite")
	case !optim.IsFinite(s.sigma) || s.sigma == 0:
		c.setStop(optim.NumericalFailure, fmt.Sprintf("step size σ = %v", s.sigma))
	}

	// tolfun: the best values of the last 10+⌈30n/λ⌉ generations and all
	// values of this generation lie within FTol (the history's range only
	// when this generation's is small).
	if popRange < c.ftol && histRange(c.hist) < c.ftol {
		c.setStop(optim.Converged, fmt.Sprintf("tolfun: objective values vary by less than %g over the last %d generations", c.ftol, len(c.hist)))
	}

	// tolx: every coordinate's standard deviation σ√c_ii and every σ·p_c,i
	// is below XTol.
	tolx := true
	for i := range n {
		if s.sigma*math.Sqrt(s.diagC(i)) >= c.xtol || s.sigma*math.Abs(s.pc[i]) >= c.xtol {
			tolx = false
			break
		}
	}
	if tolx {
		c.setStop(optim.Converged, fmt.Sprintf("tolx: σ·max(√diag C, |p_c|) < %g", c.xtol))
	}

	// noeffectaxis: adding 0.1 standard deviation along the principal axis
	// number gen mod n leaves m unchanged in floating point. MA-ES has no
	// principal axes: it uses column gen mod n of M, the image of a unit
	// vector under M; Cholesky-CMA-ES likewise column gen mod n of A.
	ax := s.gen % n
	same := true
	for j := range n {
		step := 0.1 * s.sigma * s.D[ax]
		if s.ma {
			step = 0.1 * s.sigma * s.mt.RawMatrix().Data[ax*n+j] // M_j,ax
		} else if s.chol {
			step = 0.1 * s.sigma * s.rt.RawMatrix().Data[ax*n+j] // A_j,ax = R_ax,j
		} else if s.B != nil {
			step *= s.B[j*n+ax]
		} else if j != ax { // B = I
			step = 0
		}
		if s.m[j]+step != s.m[j] {
			same = false
			break
		}
	}
	if same {
		c.setStop(optim.Converged, fmt.Sprintf("noeffectaxis: a 0.1σ step along principal axis %d does not change the mean", ax))
	}

	// noeffectcoord: adding 0.2 standard deviations in some coordinate
	// leaves it unchanged.
	for i := range n {
		if s.m[i]+0.2*s.sigma*math.Sqrt(s.diagC(i)) == s.m[i] {
			c.setStop(optim.Converged, fmt.Sprintf("noeffectcoord: a 0.2σ step in coordinate %d does not change the mean", i))
			break
		}
	}

	if cond := (dhi / dlo) * (dhi / dlo); cond > c.tolCov {
		c.setStop(optim.NumericalFailure, fmt.Sprintf("conditioncov: condition number of C %.3g > %g", cond, c.tolCov))
	}
	if s.chol { // max √c_ii ≥ max A_ii: the larger lower bound of max √eig(C)
		_, chi := minMax(s.C)
		dhi = math.Sqrt(chi)
	}
	if s.sigma*dhi > tolUpSigma*c.sigma0 {
		c.setStop(optim.NumericalFailure, fmt.Sprintf("tolupsigma: σ·max√eig(C) grew %g times beyond σ0 (is f unbounded below?)", tolUpSigma))
	}
}

// histRange returns max − min of the history (NaN if it holds a NaN).
func histRange(h []float64) float64 {
	lo, hi := minMax(h)
	return hi - lo
}

// diagC returns c_ii.
func (s *state) diagC(i int) float64 {
	if s.sep || s.ma || s.chol {
		return s.C[i]
	}
	n := len(s.m)
	return s.C[i*n+i]
}
