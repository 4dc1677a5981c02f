// Command optlab runs the optimizers of optlab on its test problems.
//
// Usage:
//
//	optlab methods [-json]         list the methods: what they need, what one iteration is, MaxIter default
//	optlab problems [-json]        list the test problems (dimensions, domain, minimum)
//	optlab solve -method NAME -problem NAME [flags]
//	                               run one method on one problem and print the result
//	optlab shootout [flags]        the reference experiment: five optimizers on the toy network
//	optlab study [-quick] [flags]  the scaling study: which method for how many parameters
//	optlab worker -nats URL -problem NAME
//	                               serve evaluations of a problem to remote runs (-nats)
//	optlab nats-server             an embedded NATS server on 127.0.0.1:4222, to try -nats on one machine
//	optlab help [COMMAND]          show help
//
// The flags of solve are the settings every method shares (-maxiter,
// -maxeval, -gtol, -ftol, -xtol, -fdstep, -seed, -workers, -nats), the
// problem (-problem, -dim, -x0, -box) and the output (-json); each method
// adds its own parameters (optlab solve -method cmaes -h lists them). Every
// default is the library's.
//
// 1-D methods (golden section, Newton, ...) need a 1-D problem: poly, cos,
// halfsquare, or an N-D problem with -dim 1. Methods that need bounds (and
// 1-D methods, whose interval they are) search the problem's usual domain,
// the box that optlab problems shows; -box makes every method do so.
// Methods without a start point (pso, golden, ...) reject -x0.
//
// The JSON object has the fields method, problem, dim, x, fun, nfev, ngev,
// nhev, nit, status, success, message, seconds (wall time of the run),
// trace_len (number of evaluations traced), seed and known_fmin; a value
// that is NaN or infinite is written as null.
//
// Exit status: 0 if the method converged; 1 if it ran but did not converge
// (an iteration or evaluation limit — like scipy's success=False — or a
// failure such as a non-finite value or "not a minimum"; the status says
// which); 2 for invalid input (unknown method or problem, bad flag values,
// a 1-D method on an N-D problem, or input the method rejects); 3 for an
// internal error.
//
// Example:
//
//	optlab solve -method golden -problem poly -json
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	_ "github.com/optlab/optlab/pkg/methods" // every method registers itself
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// command is one subcommand of optlab. To add one, add an entry to
// commands.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"methods", "list the methods", runMethods},
		{"problems", "list the test problems", runProblems},
		{"solve", "run a method on a problem", runSolve},
		{"shootout", "run the reference experiment: five optimizers on the toy network", runShootout},
		{"study", "the scaling study: the methods on MLP training tasks of 10 to 1000 parameters", runStudy},
		{"worker", "serve evaluations of a problem to remote runs over NATS", runWorker},
		{"nats-server", "run an embedded NATS server on loopback, to try -nats on one machine", runNATSServer},
	}
}

// usageError is an error in the command line or in the input; it exits
// with status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// internalError exits with status 3.
type internalError struct{ msg string }

func (e *internalError) Error() string { return e.msg }

// exitCode is an error that only sets the exit status (the output already
// says what happened).
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// run runs optlab with the given arguments (without the program name) and
// returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	name, rest := args[0], args[1:]
	if name == "help" || name == "-h" || name == "-help" || name == "--help" {
		if len(rest) > 0 {
			return run([]string{rest[0], "-h"}, stdout, stderr)
		}
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		err := c.run(rest, stdout, stderr)
		var ue *usageError
		var ec exitCode
		var ie *internalError
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, &ec):
			return int(ec)
		case errors.As(err, &ie):
			fmt.Fprintf(stderr, "optlab %s: %v\n", name, err)
			return 3
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "optlab %s: %v\n", name, err)
			fmt.Fprintf(stderr, "run 'optlab help %s' for usage\n", name)
			return 2
		default:
			fmt.Fprintf(stderr, "optlab %s: %v\n", name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "optlab: unknown command %q\n", name)
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: optlab COMMAND [flags]")
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, c := range commands() {
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, c.summary)
	}
	fmt.Fprintf(tw, "  help [COMMAND]\tshow help\n")
	tw.Flush()
	fmt.Fprintln(w)
	fmt.Fprintln(w, "example: optlab solve -method golden -problem poly -json")
}

// newFlagSet returns a flag set that reports errors instead of exiting.
func newFlagSet(name, args string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("optlab "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: optlab %s %s\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and turns flag errors into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		// The flag package has printed the error and the usage already.
		return exitCode(2)
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %q", fs.Args())
	}
	return nil
}
