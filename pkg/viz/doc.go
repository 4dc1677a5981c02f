// Package viz draws the figures of optlab: a 1-D function with the iterates
// and brackets of a line-search method, convergence and loss curves on log
// axes, contour maps of 2-D functions with optimizer paths, population
// points and search ellipses, box plots of results over many seeds, and
// animations of all of these as GIFs.
//
// Every function returns an ordinary *plot.Plot of gonum.org/v1/plot, so
// you can change its title, axes or legend, or add your own plotters,
// before rendering it with PNG, SVG or GIF (or nbshow in a notebook).
//
// # What the figures show
//
// An optimizer produces numbers that span many orders of magnitude: the
// error of Newton's method squares every step, a bracket shrinks by a
// constant factor, a loss falls from 10 to 1e-8. On a linear axis all of
// that is a flat line at zero, so Convergence, LossTraces and (optionally)
// BoxPlot use a logarithmic y axis, where
//
//	linear convergence  e_{k+1} ≈ c·e_k   is a straight line of slope log c,
//	quadratic convergence e_{k+1} ≈ C·e_k² is a line that bends down ever faster.
//
// A log axis cannot show zero or negative values; viz draws them at a floor
// one decade below the smallest positive value (see LogFloor), so an exact
// zero shows as a drop to the bottom of the plot. NaN values are an error.
//
// Contour maps of functions such as Rosenbrock's, whose valley lies many
// orders of magnitude below the values elsewhere, need levels spaced evenly
// in log(f − min f): ContourLog does that, Contour spaces them evenly in f.
//
// # Readability
//
// Each series gets its own colour (the colour-blind friendly Okabe–Ito
// palette), dash pattern and marker (see SeriesStyle), so curves stay
// apart in grayscale prints. Legends go to the top right, with the y axis
// extended so that they do not cover the data. Paths, points and ellipses
// added to the same plot with AddPath, AddPoints and AddEllipse each take
// the next style.
//
// # Errors
//
// Bad input — no series, an empty series, X and Y of different lengths,
// NaN data, an empty interval or box — gives an error, never a panic. PNG,
// SVG and GIF also turn a panic of the plotting library into an error.
package viz
