package study

import (
	"context"
	"os"
	"testing"
	"time"
)

func TestTry2(t *testing.T) {
	if os.Getenv("TRY") == "" {
		t.Skip()
	}
	c := tiny()
	c.Methods = []string{"pso -noearlystop -swarmsize 20"}
	c.Budgets = []Budget{Time}
	c.Seeds = 5
	c.Progress = func(r Trial) { t.Logf("%+v", r) }
	start := time.Now()
	_, err := Run(context.Background(), c)
	t.Log(err, time.Since(start))
}
