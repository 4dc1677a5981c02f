package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot/vg"

	"github.com/optlab/optlab/pkg/shootout"
	"github.com/optlab/optlab/pkg/viz"
)

// runShootout runs the reference experiment: the five optimizers on the toy
// network with the reference settings.
func runShootout(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("shootout", "[-seed S] [-seeds N] [-methods a,b] [-workers N] [-json] [-out DIR]", stderr)
	seed := fs.Uint64("seed", 42, "seed of the first run (run k uses seed+k)")
	seeds := fs.Int("seeds", 1, "runs per method; > 1 reports median and quartiles")
	list := fs.String("methods", "", "comma-separated subset of "+strings.Join(shootout.Methods(), ","))
	workers := fs.Int("workers", 1, "goroutines evaluating a population (results do not depend on it)")
	asJSON := fs.Bool("json", false, "print the report as one JSON object instead of a table")
	out := fs.String("out", "", "directory to write shootout.json, shootout.txt, shootout.png and shootout.svg into")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *seeds < 1 {
		return usagef("-seeds must be at least 1, got %d", *seeds)
	}
	if *workers < 1 {
		return usagef("-workers must be at least 1, got %d", *workers)
	}
	cfg := shootout.Config{Seed: *seed, Seeds: *seeds, Workers: *workers}
	if *list != "" {
		cfg.Methods = strings.Split(*list, ",")
	}
	rep, err := shootout.Run(cfg)
	if err != nil {
		return usagef("%v", err)
	}
	js, err := reportJSON(rep)
	if err != nil {
		return err
	}
	if *asJSON {
		_, err = stdout.Write(append(js, '\n'))
	} else {
		_, err = io.WriteString(stdout, rep.Table())
	}
	if err != nil || *out == "" {
		return err
	}
	return writeShootoutFiles(*out, rep, js, stderr)
}

// reportJSON encodes the report with non-finite losses as null.
func reportJSON(rep *shootout.Report) ([]byte, error) {
	clean := *rep
	clean.Methods = append([]shootout.MethodReport(nil), rep.Methods...)
	for i := range clean.Methods {
		m := &clean.Methods[i]
		if !finite(m.Loss) {
			m.Loss = math.MaxFloat64 // JSON has no Inf; the status says why
		}
		m.Trace = finiteOnly(m.Trace)
		m.Losses = finiteOnly(m.Losses)
	}
	return json.MarshalIndent(&clean, "", " ")
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// finiteOnly replaces ±Inf and NaN (a trace before any finite value) by the
// largest float64, which JSON can carry.
func finiteOnly(v []float64) []float64 {
	if v == nil {
		return nil
	}
	w := make([]float64, len(v))
	for i, x := range v {
		if !finite(x) {
			x = math.MaxFloat64
		}
		w[i] = x
	}
	return w
}

func writeShootoutFiles(dir string, rep *shootout.Report, js []byte, stderr io.Writer) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	p, err := rep.Chart()
	if err != nil {
		return err
	}
	png, err := viz.PNG(p, 8*vg.Inch, 5*vg.Inch)
	if err != nil {
		return err
	}
	svg, err := viz.SVG(p, 8*vg.Inch, 5*vg.Inch)
	if err != nil {
		return err
	}
	for name, data := range map[string][]byte{
		"shootout.json": js, "shootout.txt": []byte(rep.Table()),
		"shootout.png": png, "shootout.svg": svg,
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "wrote %s\n", path)
	}
	return nil
}
