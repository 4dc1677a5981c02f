package mlp

import (
	"fmt"
	"math"

	"github.com/optlab/optlab/pkg/optim"
)

// TaskSamples is the number of samples of the scaling-study data set.
const TaskSamples = 64

// TaskTarget is the smooth function the scaling-study networks fit:
//
//	t(u, v) = sin(2u) · cos(1.5v)     on [−1, 1]²
func TaskTarget(u, v float64) float64 { return math.Sin(2*u) * math.Cos(1.5*v) }

// TaskData returns the scaling-study data set, the same on every call:
// TaskSamples points of the 2-D Halton sequence (bases 2 and 3, points
// 1..TaskSamples) mapped to [−1, 1]², each with the target TaskTarget(u, v).
func TaskData() (inputs, targets [][]float64) {
	inputs = make([][]float64, TaskSamples)
	targets = make([][]float64, TaskSamples)
	for k := range TaskSamples {
		u, v := 2*halton(k+1, 2)-1, 2*halton(k+1, 3)-1
		inputs[k] = []float64{u, v}
		targets[k] = []float64{TaskTarget(u, v)}
	}
	return inputs, targets
}

// halton is the k-th element of the van der Corput sequence in base b.
func halton(k, b int) float64 {
	f, r := 1.0, 0.0
	for ; k > 0; k /= b {
		f /= float64(b)
		r += f * float64(k%b)
	}
	return r
}

// TaskSizes returns the layer sizes of the scaling-study network with about
// nParams parameters: one tanh hidden layer of h units with biases,
// [2, h, 1], which has 4h + 1 parameters, with h = max(1, round((nParams −
// 1)/4)). So 10, 30, 100, 300, 1000 give 9, 29, 101, 301, 1001 parameters.
// nParams must be between 1 and MaxParams.
func TaskSizes(nParams int) ([]int, error) {
	if nParams < 1 || nParams > MaxParams {
		return nil, fmt.Errorf("mlp: the task needs between 1 and %d parameters, got %d", MaxParams, nParams)
	}
	h := max(1, int(math.Round(float64(nParams-1)/4)))
	return []int{2, h, 1}, nil
}

// Task returns the scaling-study network of about nParams parameters (see
// TaskSizes) on the data of TaskData, and the start point Init(seed).
func Task(nParams int, seed uint64) (*Net, []float64, error) {
	sizes, err := TaskSizes(nParams)
	if err != nil {
		return nil, nil, err
	}
	u, t := TaskData()
	nt, err := New(sizes, Tanh, true, u, t)
	if err != nil {
		return nil, nil, err
	}
	return nt, nt.Init(seed), nil
}

// Init returns a start point drawn with seed: every weight of a layer with
// fan-in a and fan-out b uniform in ±√(6/(a+b)) (Glorot & Bengio's
// initialization), every bias 0. The same seed gives the same point.
func (nt *Net) Init(seed uint64) []float64 {
	rng := optim.NewRand(seed)
	p := make([]float64, nt.nParams)
	for _, ly := range nt.layers {
		r := math.Sqrt(6 / float64(ly.in+ly.out))
		for i := ly.w; i < ly.w+ly.in*ly.out; i++ {
			p[i] = r * (2*rng.Float64() - 1)
		}
	}
	return p
}

// Variance returns the variance of the targets over all samples and
// outputs: the loss of the best constant prediction (every output its
// mean), a scale for "how good is a loss".
func (nt *Net) Variance() float64 {
	m := nt.sizes[len(nt.sizes)-1]
	var s float64
	for j := range m {
		var mean float64
		for k := range nt.n {
			mean += nt.y[k*m+j]
		}
		mean /= float64(nt.n)
		for k := range nt.n {
			d := nt.y[k*m+j] - mean
			s += d * d
		}
	}
	return s / float64(nt.n*m)
}
