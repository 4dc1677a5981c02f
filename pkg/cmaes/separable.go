package cmaes

// sep-CMA-ES (R. Ros and N. Hansen, "A Simple Modification in CMA-ES
// Achieving Linear Time and Space Complexity", PPSN 2008) restricts C to a
// diagonal matrix. Sampling and the update then cost O(n) per candidate
// instead of O(n²), no eigendecomposition is needed, and since a diagonal
// has only n free entries instead of n(n+1)/2 it can be learned faster: the
// learning rates c1 and cμ are multiplied by (n+2)/3.

// sepRates returns the sep-CMA-ES learning rates c1·(n+2)/3 and
// min(1 − c1', cμ·(n+2)/3).
func sepRates(n int, c1, cmu float64) (float64, float64) {
	f := float64(n+2) / 3
	c1 *= f
	return c1, min(1-c1, cmu*f)
}

// updateDiagC is equation (47) restricted to the diagonal of C.
func (s *state) updateDiagC(keep float64, ysel [][]float64) {
	p := &s.p
	for i := range s.C {
		rankMu := 0.0
		for k, w := range s.wo {
			rankMu += w * ysel[k][i] * ysel[k][i]
		}
		s.C[i] = keep*s.C[i] + p.c1*s.pc[i]*s.pc[i] + p.cmu*rankMu
	}
}
