// Package exercises checks the course's exercises: each checker runs a
// student's function on hidden cases and prints PASS/FAIL lines with hints.
//
// A checker never panics: a student's function that panics, loops for too
// long (more than a budget of evaluations) or returns NaN gets a FAIL line
// saying so. Every checker prints one line per case and a summary line, and
// returns true only if every case passed. Output goes to Out (os.Stdout;
// the tests redirect it).
package exercises
