// Package nbshow displays rich output (plots, images, animations, Markdown,
// HTML) in GoNB notebooks.
//
// It is the only package of optlab that imports GoNB's gonbui package
// (github.com/janpfeifer/gonb/gonbui); every other package stays free of
// notebook dependencies and notebooks call nbshow to show results:
//
//	p := plot.New()
//	... // add lines, points, etc.
//	nbshow.Plot(p, 12*vg.Centimeter, 8*vg.Centimeter)
//
// The display functions are:
//
//   - [Figure], [FigureImage]: a plot or image with an alt text saying what
//     it shows (the caption of the figure in the tutorial). Prefer them.
//
//   - [Source]: the source of named functions, methods or types of this
//     module, as a highlighted Go block.
//
//   - [Interact]: sliders and a plot redrawn when they move.
//
//   - [PNG], [SVG]: show an already-encoded image inline.
//
//   - [Plot]: render a gonum/plot plot to PNG and show it.
//
//   - [GIF]: show a (possibly animated) GIF, such as one made by viz.GIF
//     from a plot per optimizer step.
//
//   - [Markdown], [HTML]: show formatted text (Markdown supports $\LaTeX$ math).
//
// Each display function waits until GoNB has received the output
// (gonbui.Sync), so outputs keep their order relative to what the cell prints
// afterwards, and none is lost when the cell's program ends right after it.
//
// Outside a GoNB kernel (plain "go run" or "go test") the display functions
// do nothing, so code that uses them can be tested normally. Rendering and
// encoding live in package viz, which works everywhere; [ImgTag] does too.
//
// Errors returned by nbshow start with "nbshow: " and, in a notebook, are
// also written to the cell's stderr, which fails the notebook checker.
//
// Every display function produces an output that the notebook checker
// (scripts/check_notebooks.py) counts as an image, except Markdown and HTML,
// and that the tutorial builder (scripts/build_tutorial.sh) writes to a file
// next to the chapter's Markdown: PNG and SVG are sent with their own MIME
// type, and a GIF is sent as HTML holding an <img> with a data: URI, because
// Jupyter has no MIME type for GIF.
package nbshow
