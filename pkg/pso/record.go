package pso

// Frame is a copy of the swarm after one iteration, for plots and
// animations.
type Frame struct {
	Iter int         // iterations done: 0 is the initial swarm
	X    [][]float64 // positions of the particles
	G    []float64   // the swarm's best position
	FG   float64     // its value (+Inf while there is none)
}

// Recorder keeps a Frame per iteration. Use it as Options.Observe:
//
//	rec := &pso.Recorder{}
//	o.Observe = rec.Observe
//
// after which rec.Frames holds MaxIter+1 frames (fewer if the search stopped
// early).
type Recorder struct {
	Frames []Frame
}

// Observe appends a copy of s's positions and best point to r.Frames.
func (r *Recorder) Observe(s *State) {
	f := Frame{Iter: s.Iter, X: make([][]float64, len(s.X)), G: append([]float64(nil), s.G...), FG: s.FG}
	for i, x := range s.X {
		f.X[i] = append([]float64(nil), x...)
	}
	r.Frames = append(r.Frames, f)
}
