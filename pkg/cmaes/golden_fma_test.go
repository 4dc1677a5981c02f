//go:build !amd64 || amd64.v3

package cmaes

// fusedMultiplyAdd: the compiler may fuse x*y + z into one FMA here
// (arm64, ppc64le, s390x, riscv64, or amd64 with GOAMD64=v3), in this
// package's loops and in gonum's pure-Go LAPACK, which changes the rounding
// of every result: testdata/golden_results.txt holds the bits of amd64
// without FMA (GOAMD64=v1 or v2).
const fusedMultiplyAdd = true
