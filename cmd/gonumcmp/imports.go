package main

// The methods to compare, registered with optim by their packages. The
// lead replaces this list with
//
//	import _ "github.com/optlab/optlab/pkg/methods"
//
// which imports every method package.
import (
	_ "github.com/optlab/optlab/pkg/gd"
	_ "github.com/optlab/optlab/pkg/neldermead"
)
