package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot/vg"

	"github.com/optlab/optlab/pkg/shootout"
	"github.com/optlab/optlab/pkg/viz"
)

// runShootout runs the reference experiment: the five optimizers on the toy
// network with the reference settings.
func runShootout(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("shootout", "[-seed S] [-seeds N] [-methods a,b] [-maxeval N] [-workers N] [-json] [-out DIR]", stderr)
	seed := fs.Uint64("seed", 42, "seed of the first run (run k uses seed+k)")
	seeds := fs.Int("seeds", 1, "runs per method; > 1 reports median and quartiles")
	list := fs.String("methods", "", "comma-separated methods: a subset of "+strings.Join(shootout.Methods(), ",")+
		", or any method or chain of optlab methods (e.g. cmaes+lbfgsb), run with -maxeval evaluations")
	maxEval := fs.Int("maxeval", 0, fmt.Sprintf("budget of the methods outside the reference set (default %d)", shootout.DefaultMaxEval))
	failAbove := fs.Float64("fail-above", 0, fmt.Sprintf("a run whose loss ends above this failed (default %g)", shootout.DefaultFailAbove))
	natsURL := fs.String("nats", "", "evaluate on remote workers (optlab worker -problem toynet) through the NATS server at `url`")
	workers := fs.Int("workers", 1, "goroutines evaluating a population (results do not depend on it)")
	asJSON := fs.Bool("json", false, "print the report as one JSON object instead of a table")
	out := fs.String("out", "", "directory to write shootout.json, shootout.txt, shootout.png and shootout.svg into")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *seeds < 1 {
		return usagef("-seeds must be at least 1, got %d", *seeds)
	}
	if *workers < 0 || *maxEval < 0 || !(*failAbove >= 0) {
		return usagef("-workers, -maxeval and -fail-above must be non-negative")
	}
	cfg := shootout.Config{Seed: *seed, Seeds: *seeds, Workers: *workers, MaxEval: *maxEval, FailAbove: *failAbove}
	ctx, stopSignals := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stopSignals()
	if *natsURL != "" {
		b, closer, err := remoteBackend(ctx, *natsURL, "toynet", toynetDim)
		if err != nil {
			return err
		}
		defer closer()
		cfg.Backend = b
	}
	if *list != "" {
		cfg.Methods = strings.Split(*list, ",")
	}
	rep, err := shootout.RunContext(ctx, cfg)
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

// reportJSON encodes the report; non-finite losses are null.
func reportJSON(rep *shootout.Report) ([]byte, error) { return json.MarshalIndent(rep, "", " ") }

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
