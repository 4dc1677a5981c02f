// Package methods links every optimizer of optlab into a program: import
// it for its side effect and each method is registered with optim.Register,
// so that optim.Lookup, optim.Names, the CLI, the shoot-out and the
// conformance test see them all.
//
//	import _ "github.com/optlab/optlab/pkg/methods"
//
// Adding a method means: a package under pkg/ that implements optim.Method
// and registers itself in an init function, and one import line here. The
// conformance test fails if a package under pkg/ registers a method that is
// not imported here.
package methods

import (
	_ "github.com/optlab/optlab/pkg/adam"
	_ "github.com/optlab/optlab/pkg/anneal"
	_ "github.com/optlab/optlab/pkg/bfgs"
	_ "github.com/optlab/optlab/pkg/cg"
	_ "github.com/optlab/optlab/pkg/cmaes"
	_ "github.com/optlab/optlab/pkg/gd"
	_ "github.com/optlab/optlab/pkg/lbfgsb"
	_ "github.com/optlab/optlab/pkg/momentum"
	_ "github.com/optlab/optlab/pkg/neldermead"
	_ "github.com/optlab/optlab/pkg/newton"
	_ "github.com/optlab/optlab/pkg/onedim"
	_ "github.com/optlab/optlab/pkg/pso"
	_ "github.com/optlab/optlab/pkg/slsqp"
	_ "github.com/optlab/optlab/pkg/steepest"
)
