package optim

// ForwardDiff writes the forward-difference approximation of the gradient of
// f at x into grad, with step h in every coordinate, and returns f(x):
//
//	grad[i] ≈ (f(x + h·e_i) − f(x)) / h
//
// It costs len(x)+1 evaluations of f. x is modified during the call and
// restored before it returns. This is scipy's approx_fprime with epsilon h.
func ForwardDiff(f func([]float64) float64, x []float64, h float64, grad []float64) float64 {
	f0 := f(x)
	for i := range x {
		xi := x[i]
		x[i] = xi + h
		grad[i] = (f(x) - f0) / h
		x[i] = xi
	}
	return f0
}

// CentralDiff writes the central-difference approximation of the gradient of
// f at x into grad, with step h: grad[i] ≈ (f(x+h·e_i) − f(x−h·e_i)) / 2h.
// It costs 2·len(x) evaluations; its error is O(h²) instead of O(h). x is
// restored before it returns.
func CentralDiff(f func([]float64) float64, x []float64, h float64, grad []float64) {
	for i := range x {
		xi := x[i]
		x[i] = xi + h
		fp := f(x)
		x[i] = xi - h
		fm := f(x)
		x[i] = xi
		grad[i] = (fp - fm) / (2 * h)
	}
}
