package study

import (
	"encoding/json"
	"strconv"

	"github.com/optlab/optlab/pkg/optim"
)

// jsonFloat writes a non-finite value (a median over failed runs, a NaN
// loss) as null, which encoding/json cannot do for a float64.
type jsonFloat float64

func (f jsonFloat) MarshalJSON() ([]byte, error) {
	if !optim.IsFinite(float64(f)) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, float64(f), 'g', -1, 64), nil
}

// MarshalJSON writes the row with null for non-finite values.
func (r Row) MarshalJSON() ([]byte, error) {
	type plain Row
	return json.Marshal(struct {
		plain
		Median, Q25, Q75, Failed, MedianEvals, Seconds, SecondsPerEval jsonFloat
	}{plain(r), jsonFloat(r.Median), jsonFloat(r.Q25), jsonFloat(r.Q75), jsonFloat(r.Failed),
		jsonFloat(r.MedianEvals), jsonFloat(r.Seconds), jsonFloat(r.SecondsPerEval)})
}

// MarshalJSON writes the trial with null for a non-finite loss.
func (t Trial) MarshalJSON() ([]byte, error) {
	type plain Trial
	return json.Marshal(struct {
		plain
		F, Time jsonFloat
	}{plain(t), jsonFloat(t.F), jsonFloat(t.Time)})
}

// MarshalJSON writes the verdict with null for non-finite values.
func (v Verdict) MarshalJSON() ([]byte, error) {
	type plain Verdict
	return json.Marshal(struct {
		plain
		Ratio, SecondsPerEval, RefSecondsPerEval jsonFloat
	}{plain(v), jsonFloat(v.Ratio), jsonFloat(v.SecondsPerEval), jsonFloat(v.RefSecondsPerEval)})
}
