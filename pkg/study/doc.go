// Package study is optlab's scaling study: how the optimizers fare on
// neural-network training as the number of parameters grows.
//
// Each method runs on the networks of mlp.Task — [2, h, 1] tanh networks
// with about 10, 30, 100 (and, in the [Large] study, 300 and 1000)
// parameters, fitting a smooth 2-D function on 64 fixed points — from the
// same seeded start points, in the box [−5, 5]ⁿ, under two budgets:
//
//   - equal evaluations ([Evals]): MaxEval = EvalsPerParam·n objective
//     evaluations (100·n by default; min(100·n, 20 000) in Large, with a
//     one-minute guard per run). An analytic gradient
//     is not counted as an evaluation; the time per evaluation, which
//     includes it, shows its price;
//   - equal wall time ([Time]): a context deadline per run (0.1 s by
//     default, 1 s in Large), after which the run ends Cancelled, its
//     normal end.
//
// A study entry is a registered method name and the method's own flags, as
// on the command line: "adam -lr 0.01", "pso -noearlystop", "cmaes -sep".
// Entries whose method this build lacks (slsqp and cmaes while they are
// being ported) are skipped with a note.
//
// The [Table] has one [Row] per entry, size and budget: the median and
// quartiles of the final loss over the seeds, the fraction of failed runs
// (a non-finite loss, or a run that did not converge and ended above
// FailLoss = 10 % of the targets' variance, the loss of the best constant
// prediction), the median number of evaluations, the median time per run
// and per evaluation. [Table.Conclusion] says, for every entry, from which
// n its median loss at equal evaluations is more than 10 times the
// reference's (Adam's) and what an evaluation costs it; [Table.LossPlot]
// and [Table.TimePlot] draw loss and time against n on log-log axes.
//
//	tab, err := study.Run(ctx, study.Default())
//	tab.Write(os.Stdout)
//	tab.WriteConclusion(os.Stdout, 10)
//	p, err := tab.LossPlot()
//
// Runs are made one after the other, so that their times are comparable;
// at equal evaluations the same configuration gives the same losses and
// counts, bit for bit.
package study
