package exercises

import (
	"math"
	"slices"

	"github.com/optlab/optlab/pkg/mlp"
	"github.com/optlab/optlab/pkg/study"
)

// CountParamsFunc returns the number of parameters of a multilayer
// perceptron with layer sizes sizes (input, hidden..., output), as package
// mlp builds it: every layer has its weights, the output layer always has
// a bias, the hidden layers have one if hiddenBias (chapter 16).
type CountParamsFunc func(sizes []int, hiddenBias bool) int

// countCases are the hidden layer-size lists of CheckCountParams.
var countCases = []struct {
	sizes []int
	bias  bool
}{
	{[]int{2, 2, 2}, false}, // the toy network: 10
	{[]int{2, 2, 2}, true},
	{[]int{2, 25, 1}, true}, // the study's n ≈ 100
	{[]int{2, 250, 1}, true},
	{[]int{1, 1}, false}, // no hidden layer: only the output layer, with its bias
	{[]int{3, 1}, true},
	{[]int{2, 8, 8, 1}, true},
	{[]int{2, 8, 8, 1}, false},
	{[]int{784, 128, 64, 10}, true},
	{[]int{5, 3, 7, 2, 4}, false},
}

// CheckCountParams runs count on hidden layer-size lists (the toy network,
// the study's networks, no hidden layer, several hidden layers, with and
// without hidden biases) and compares it with mlp.New(...).NumParams(); it
// prints PASS or a FAIL line with a hint and reports whether it passed.
func CheckCountParams(count CountParamsFunc) bool {
	r := &checker{name: "parameter count"}
	if count == nil {
		r.reject("the function is nil")
		return r.verdict("")
	}
	for _, c := range countCases {
		net, err := mlp.New(c.sizes, mlp.Tanh, c.bias, [][]float64{make([]float64, c.sizes[0])}, [][]float64{make([]float64, c.sizes[len(c.sizes)-1])})
		if err != nil {
			r.reject("internal error: %v", err)
			return r.verdict("")
		}
		want := net.NumParams()
		var got int
		in := slices.Clone(c.sizes)
		if !r.guard(func() { got = count(in, c.bias) }) {
			return r.verdict("")
		}
		if got == want {
			continue
		}
		weights, all := 0, 0
		for l := 1; l < len(c.sizes); l++ {
			weights += c.sizes[l-1] * c.sizes[l]
			all += c.sizes[l-1]*c.sizes[l] + c.sizes[l]
		}
		out := c.sizes[len(c.sizes)-1]
		biased := 1 // layers with a bias
		if c.bias {
			biased = len(c.sizes) - 1
		}
		switch {
		case got == weights:
			r.reject("%v: got %d, the weights only; add the biases: the output layer's %d always, the hidden layers' only if hiddenBias", c.sizes, got, out)
		case !c.bias && got == all:
			r.reject("%v without hidden biases: got %d, want %d: with hiddenBias false only the output layer has a bias", c.sizes, got, want)
		case c.bias && got == weights+out:
			r.reject("%v with hidden biases: got %d, want %d: every hidden layer has one bias per unit too", c.sizes, got, want)
		case got == weights+biased:
			r.reject("%v: got %d, want %d: a layer has one bias per unit, not one per layer", c.sizes, got, want)
		default:
			r.reject("%v (hiddenBias %v): got %d, want %d; layer l has sizes[l−1]·sizes[l] weights and sizes[l] biases", c.sizes, c.bias, got, want)
		}
		return r.verdict("")
	}
	return r.verdict("the counts agree with mlp.New(...).NumParams() on 10 hidden layer-size lists")
}

// StopsAtFunc computes the conclusion of the scaling study for one method
// (chapter 16): given the sizes ns (increasing) and, at each, the method's
// median final loss and the reference's (Adam's), it returns the first n
// at which the method's loss is more than factor times the reference's —
// where it stops being competitive — or 0 if it never does. A NaN or +Inf
// loss is not competitive.
type StopsAtFunc func(ns []int, loss, ref []float64, factor float64) int

// refStopsAt is study.Table.Conclusion's answer for one method.
func refStopsAt(ns []int, loss, ref []float64, factor float64) int {
	tab := &study.Table{Reference: "ref"}
	for i, n := range ns {
		tab.Rows = append(tab.Rows,
			study.Row{Method: "ref", N: n, Budget: study.Evals, Median: ref[i]},
			study.Row{Method: "m", N: n, Budget: study.Evals, Median: loss[i]})
	}
	vs := tab.Conclusion(factor)
	if len(vs) != 1 {
		return -1
	}
	return vs[0].StopsAt
}

// CheckStopsAt runs stopsAt on hidden small tables (a method that is
// always competitive, one that never is, one that stops at the middle
// size, a loss exactly at the factor, a loss that becomes competitive
// again after it stopped, NaN and +Inf losses, other factors) and compares
// it with study.Table.Conclusion; it prints PASS or a FAIL line with a
// hint and reports whether it passed.
func CheckStopsAt(stopsAt StopsAtFunc) bool {
	r := &checker{name: "competitive verdict"}
	if stopsAt == nil {
		r.reject("the function is nil")
		return r.verdict("")
	}
	nan, inf := math.NaN(), math.Inf(1)
	ns := []int{9, 29, 101, 301, 1001}
	adam := []float64{2e-2, 1e-3, 2e-4, 1e-4, 5e-5}
	cases := []struct {
		name   string
		loss   []float64
		factor float64
		hint   string
	}{
		{"always competitive", []float64{1e-2, 3e-3, 1e-3, 5e-4, 4e-4}, 10, "return 0 when the method is competitive at every n"},
		{"stops at 101", []float64{1e-2, 5e-3, 5e-3, 1e-3, 1e-3}, 10, "compare the losses at the same n and return the FIRST n where loss[i] > factor·ref[i]"},
		{"never competitive", []float64{1, 1, 1, 1, 1}, 10, "return the FIRST n at which the method loses (here ns[0], it loses from the start)"},
		{"exactly at the factor", []float64{2e-1, 1e-2, 2e-3, 1e-2, 1e-2}, 10, "a loss exactly factor times the reference's is still competitive: stop only when loss > factor·ref"},
		{"competitive again later", []float64{1e-2, 1e-1, 1e-3, 1e-4, 1e-4}, 10, "return the FIRST n where it stops being competitive, even if it catches up later"},
		{"NaN loss", []float64{1e-2, nan, 1e-3, 1e-4, 1e-4}, 10, "a NaN loss is not competitive: test !(loss <= factor·ref), which is true for NaN"},
		{"+Inf loss", []float64{1e-2, 1e-3, 1e-3, inf, 1e-4}, 10, "a +Inf loss (every run failed) is not competitive"},
		{"factor 2", []float64{3e-2, 1.5e-3, 5e-4, 1e-4, 1e-4}, 2, "use the factor you are given, not a fixed 10"},
		{"factor 100", []float64{1, 1e-2, 1e-2, 1e-1, 1e-1}, 100, "use the factor you are given, not a fixed 10"},
	}
	for _, c := range cases {
		want := refStopsAt(ns, c.loss, adam, c.factor)
		var got int
		nsIn, lossIn, refIn := slices.Clone(ns), slices.Clone(c.loss), slices.Clone(adam)
		if !r.guard(func() { got = stopsAt(nsIn, lossIn, refIn, c.factor) }) {
			return r.verdict("")
		}
		if got != want {
			switch {
			case got == 0:
				r.reject("%s: losses %v against %v, factor %g: got 0 (always competitive), but the method stops being competitive at n = %d; %s", c.name, c.loss, adam, c.factor, want, c.hint)
			case got > 0 && got < len(ns) && ns[got] == want:
				r.reject("%s: got %d, an index: return the number of parameters ns[i], not i", c.name, got)
			default:
				r.reject("%s: losses %v against %v, factor %g: got %d, want %d; %s", c.name, c.loss, adam, c.factor, got, want, c.hint)
			}
			return r.verdict("")
		}
	}
	// A table with a single size.
	want := refStopsAt([]int{9}, []float64{1}, []float64{1e-3}, 10)
	var got int
	if !r.guard(func() { got = stopsAt([]int{9}, []float64{1}, []float64{1e-3}, 10) }) {
		return r.verdict("")
	}
	if got != want {
		r.reject("one size, 9, with loss 1 against 1e-3: got %d, want %d", got, want)
	}
	return r.verdict("the verdicts agree with study.Table.Conclusion on 10 hidden tables (ties, NaN, +Inf, other factors)")
}
