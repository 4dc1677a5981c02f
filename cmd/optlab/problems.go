package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/optlab/optlab/pkg/optim"
	"github.com/optlab/optlab/pkg/problems"
)

// methodInfo is the JSON form of a method's Info.
type methodInfo struct {
	Name           string `json:"name"`
	Summary        string `json:"summary"`
	Iteration      string `json:"iteration"`
	DefaultMaxIter int    `json:"default_maxiter"`
	DefaultMaxEval int    `json:"default_maxeval"`
	MaxDim         int    `json:"max_dim"`
	OneD           bool   `json:"one_d"`
	NeedsBounds    bool   `json:"needs_bounds"`
	StartPoint     bool   `json:"start_point"`
	Constraints    bool   `json:"constraints"`
	Gradient       bool   `json:"gradient"`
	Hessian        bool   `json:"hessian"`
	Stochastic     bool   `json:"stochastic"`
}

func runMethods(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("methods", "[-json]", stderr)
	asJSON := fs.Bool("json", false, "print the methods as a JSON array")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	var list []methodInfo
	for _, name := range optim.Names() {
		m, err := optim.Lookup(name)
		if err != nil {
			return err
		}
		i := m.Info()
		list = append(list, methodInfo{
			Name: i.Name, Summary: oneLine(i.Summary), Iteration: i.Iteration,
			DefaultMaxIter: i.DefaultMaxIter, DefaultMaxEval: i.DefaultMaxEval, MaxDim: i.MaxDim,
			OneD: i.OneD, NeedsBounds: i.NeedsBounds, StartPoint: !i.NoX0, Constraints: i.Constraints,
			Gradient: i.Gradient, Hessian: i.SecondOrder, Stochastic: i.Stochastic,
		})
	}
	if *asJSON {
		return writeJSON(stdout, list)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "METHOD\tPROBLEMS\tNEEDS\tMAXITER\tONE ITERATION IS\tSUMMARY")
	for _, m := range list {
		kind := "n-D"
		if m.OneD {
			kind = "1-D"
		}
		var needs []string
		for _, c := range []struct {
			on   bool
			name string
		}{{m.Gradient, "f′"}, {m.Hessian, "f″"}, {m.NeedsBounds, "bounds"}, {m.Constraints, "(constraints)"}, {m.Stochastic, "seed"}} {
			if c.on {
				needs = append(needs, c.name)
			}
		}
		maxIter := "by n" // the method sets it from the dimension (Nelder–Mead: 200·n, as scipy)
		if m.DefaultMaxIter > 0 {
			maxIter = fmt.Sprint(m.DefaultMaxIter)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", m.Name, kind, strings.Join(needs, " "), maxIter, m.Iteration, m.Summary)
	}
	return tw.Flush()
}

// problemInfo is the JSON form of a problem spec.
type problemInfo struct {
	Name       string    `json:"name"`
	Summary    string    `json:"summary"`
	Dims       string    `json:"dims"`
	DefaultDim int       `json:"default_dim"`
	Lower      float64   `json:"lower"`
	Upper      float64   `json:"upper"`
	FMin       jsonFloat `json:"fmin"`
}

func runProblems(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("problems", "[-json]", stderr)
	asJSON := fs.Bool("json", false, "print the problems as a JSON array")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *asJSON {
		var list []problemInfo
		for _, s := range problems.List() {
			list = append(list, problemInfo{s.Name, s.Summary, s.Dims(), s.DefaultDim, s.Lower, s.Upper, jsonFloat(s.FMin)})
		}
		return writeJSON(stdout, list)
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

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
