package study_test

import (
	"context"
	"fmt"

	"github.com/optlab/optlab/pkg/study"
)

// A small study at equal evaluations: Adam and L-BFGS-B on the 9- and
// 29-parameter networks, 2 seeds each.
func Example() {
	cfg := study.Config{
		Methods:       []string{"adam -lr 0.01", "lbfgsb"},
		Sizes:         []int{10, 30},
		Seeds:         2,
		Budgets:       []study.Budget{study.Evals},
		EvalsPerParam: 50,
	}
	tab, err := study.Run(context.Background(), cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range tab.Rows {
		fmt.Printf("%-14s n=%-3d runs=%d median loss %.2g\n", r.Method, r.N, r.Runs, r.Median)
	}
	for _, v := range tab.Conclusion(10) {
		fmt.Printf("%s stops being competitive with %s at n = %d (0: never)\n", v.Method, v.Reference, v.StopsAt)
	}
	// Output:
	// adam -lr 0.01  n=9   runs=2 median loss 0.026
	// lbfgsb         n=9   runs=2 median loss 0.0084
	// adam -lr 0.01  n=29  runs=2 median loss 0.0011
	// lbfgsb         n=29  runs=2 median loss 1.8e-05
	// lbfgsb stops being competitive with adam -lr 0.01 at n = 0 (0: never)
}
