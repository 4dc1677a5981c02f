package main

// The methods to compare, registered with optim by their packages.
import _ "github.com/optlab/optlab/pkg/methods"
