package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/optlab/optlab/pkg/problems"
)

func runProblems(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("problems", "", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PROBLEM\tDIM\tDEFAULT\tDOMAIN\tMIN f\tSUMMARY")
	for _, s := range problems.List() {
		domain := fmt.Sprintf("[%.6g, %.6g]", s.Lower, s.Upper)
		switch {
		case s.Dim == 0:
			domain += "^n"
		case s.Dim > 1:
			domain += fmt.Sprintf("^%d", s.Dim)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%.10g\t%s\n", s.Name, s.Dims(), s.DefaultDim, domain, s.FMin, s.Summary)
	}
	return tw.Flush()
}
