package main

import (
	"fmt"
	"sort"

	"github.com/optlab/optlab/pkg/optim"
)

// Scalar is a 1-D problem on an interval, with optional derivatives.
type Scalar struct {
	F    func(float64) float64
	DF   func(float64) float64 // f', nil if unknown
	D2F  func(float64) float64 // f'', nil if unknown
	A, B float64               // search interval
	X0   float64               // start point for Newton's method
}

// Job is what the CLI hands to a method: the problem and the flags.
type Job struct {
	Problem optim.Problem // N-D view of the problem (for 1-D problems too, with Dim 1)
	Scalar  *Scalar       // non-nil for 1-D problems
	X0      []float64     // start point
	// Lower and Upper are the search box: the problem's bounds, or its
	// usual domain when it has none (always set).
	Lower, Upper []float64
	MaxIter      int     // 0 = the method's default
	Seed         uint64  // for stochastic methods
	Workers      int     // concurrent evaluations for population methods
	Eps          float64 // finite-difference step; > 0 also means Problem.Grad is nil
	Sigma0       float64 // initial step size (CMA-ES); 0 = default
	LR           float64 // learning rate (gradient methods); 0 = default
	Bounded      bool    // the problem itself is bounded (vs. a default box)
}

// Method is one optimizer the CLI can run. Each method registers itself in
// its own file, method_<name>.go, from an init function.
type Method struct {
	Name    string
	Summary string
	OneD    bool // needs a 1-D problem (Job.Scalar)
	Run     func(job Job) (*optim.Result, error)
}

var methods = map[string]Method{}

func registerMethod(m Method) {
	if _, dup := methods[m.Name]; dup {
		panic("optlab: method registered twice: " + m.Name)
	}
	methods[m.Name] = m
}

func methodNames() []string {
	names := make([]string, 0, len(methods))
	for n := range methods {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func lookupMethod(name string) (Method, error) {
	m, ok := methods[name]
	if !ok {
		return Method{}, fmt.Errorf("unknown method %q; known: %v", name, methodNames())
	}
	return m, nil
}
