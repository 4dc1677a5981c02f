// Package exercises checks the course's exercises: each checker runs a student's function on hidden cases and prints PASS/FAIL lines with hints.
package exercises
