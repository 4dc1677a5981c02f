package study

import (
	"context"
	"os"
	"testing"
	"time"
)

func TestTry(t *testing.T) {
	if os.Getenv("TRY") == "" {
		t.Skip()
	}
	c := Default()
	start := time.Now()
	tab, err := Run(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	tab.Write(os.Stdout)
	tab.WriteConclusion(os.Stdout, 0)
	t.Log(time.Since(start))
}
