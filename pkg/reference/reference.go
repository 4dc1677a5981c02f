// Package reference holds optlab's reference experiment: a copy of
// seed_experiment.json, embedded in the module, with the toy network's data,
// the start point, the settings of every optimizer and the results of the
// original article and of the reference Python run (PyTorch 1.13, SciPy
// 1.10.1, pycma 4.4.0, pyswarm 0.6).
//
// The data are parsed once, on first use; Get returns a fresh copy each time,
// so callers may modify what they get.
package reference

import (
	_ "embed"
	"encoding/json"
	"sync"
)

//go:embed seed_experiment.json
var raw []byte

// Quartiles are a stochastic method's final losses over 21 seeds.
type Quartiles struct {
	Q25    float64 `json:"q25"`
	Median float64 `json:"median"`
	Q75    float64 `json:"q75"`
	Best   float64 `json:"best"`
}

// Experiment is the content of seed_experiment.json.
type Experiment struct {
	About  string       `json:"about"`
	Inputs [][2]float64 `json:"inputs"` // 32 inputs; column 2 is scaled by 1e3
	X0     []float64    `json:"x0"`     // start point, 10 parameters

	Settings struct {
		Adam struct {
			LR    float64 `json:"lr"`
			Steps int     `json:"steps"`
		} `json:"adam"`
		SLSQP struct {
			MaxIter int     `json:"maxiter"`
			Eps     float64 `json:"eps"`
		} `json:"slsqp"`
		PSO struct {
			MaxIter   int     `json:"maxiter"`
			LB        float64 `json:"lb"`
			UB        float64 `json:"ub"`
			SwarmSize int     `json:"swarmsize"`
			Omega     float64 `json:"omega"`
			PhiP      float64 `json:"phip"`
			PhiG      float64 `json:"phig"`
			MinStep   float64 `json:"minstep"`
			MinFunc   float64 `json:"minfunc"`
		} `json:"pso"`
		CMAES struct {
			MaxIter int     `json:"maxiter"`
			Sigma0  float64 `json:"sigma0"`
		} `json:"cmaes"`
		DualAnnealing struct {
			MaxIter          int     `json:"maxiter"`
			LB               float64 `json:"lb"`
			UB               float64 `json:"ub"`
			InitialTemp      float64 `json:"initial_temp"`
			Visit            float64 `json:"visit"`
			Accept           float64 `json:"accept"`
			RestartTempRatio float64 `json:"restart_temp_ratio"`
		} `json:"dual_annealing"`
	} `json:"settings"`

	// ArticleResults are the final losses printed in the original article.
	ArticleResults struct {
		Adam          float64 `json:"adam"`
		SLSQP         float64 `json:"slsqp"`
		PSO           float64 `json:"pso"`
		CMAES         float64 `json:"cmaes"`
		DualAnnealing float64 `json:"dual_annealing"`
	} `json:"article_results"`

	// ReferenceResults are those of the reference Python run on this data.
	ReferenceResults struct {
		Versions      string  `json:"versions"`
		AdamFinalLoss float64 `json:"adam_final_loss"`
		SLSQP         struct {
			Fun  float64 `json:"fun"`
			NFev int     `json:"nfev"`
		} `json:"slsqp"`
		Stochastic struct {
			PSO           Quartiles `json:"pso"`
			CMA           Quartiles `json:"cma"`
			DualAnnealing Quartiles `json:"dual_annealing"`
		} `json:"stochastic_over_21_seeds"`
		SingleRunSeed42 struct {
			PSO           float64 `json:"pso"`
			CMAES         float64 `json:"cmaes"`
			DualAnnealing float64 `json:"dual_annealing"`
		} `json:"single_run_seed42"`
	} `json:"reference_results"`

	BestKnownLoss float64   `json:"best_known_loss"`
	BestKnownX    []float64 `json:"best_known_x"`
	LossAtX0      float64   `json:"loss_at_x0"`
	GradAtX0      []float64 `json:"grad_at_x0"` // PyTorch autograd gradient at X0
}

var (
	once   sync.Once
	parsed Experiment
	err    error
)

// Get returns a copy of the reference experiment. The error is non-nil only
// if the embedded file is corrupt, which a test guards against.
func Get() (Experiment, error) {
	once.Do(func() { err = json.Unmarshal(raw, &parsed) })
	if err != nil {
		return Experiment{}, err
	}
	e := parsed
	e.Inputs = append([][2]float64(nil), parsed.Inputs...)
	e.X0 = append([]float64(nil), parsed.X0...)
	e.BestKnownX = append([]float64(nil), parsed.BestKnownX...)
	e.GradAtX0 = append([]float64(nil), parsed.GradAtX0...)
	return e, nil
}

// MustGet is Get for package initialization and tests: the embedded file is
// part of the module, so an error here is a build defect, not user input.
func MustGet() Experiment {
	e, err := Get()
	if err != nil {
		panic("reference: embedded seed_experiment.json is corrupt: " + err.Error())
	}
	return e
}

// JSON returns the embedded file's bytes.
func JSON() []byte { return append([]byte(nil), raw...) }
