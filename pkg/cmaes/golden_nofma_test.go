//go:build amd64 && !amd64.v3

package cmaes

// fusedMultiplyAdd is false: amd64 below GOAMD64=v3 never fuses x*y + z,
// the setting testdata/golden_results.txt was produced with.
const fusedMultiplyAdd = false
