package watch

import (
	"context"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

// TestReadyMeansTheNextChangeIsSeen writes a file the moment Ready is
// called, with no other wait, and expects it reported, with notifications
// and with polling; Ready runs once.
func TestReadyMeansTheNextChangeIsSeen(t *testing.T) {
	for _, poll := range []bool{false, true} {
		name := "notify"
		if poll {
			name = "poll"
		}
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			tree(t, root, sampleSite)
			opts := sampleOptions(root)
			opts.Poll = poll
			opts.Quiet = 50 * time.Millisecond
			opts.Interval = 20 * time.Millisecond
			var calls atomic.Int32
			opts.Ready = func() {
				calls.Add(1)
				write(t, root, "content/articles/after-ready.md", "written once ready")
			}
			batches := make(chan Batch, 100)
			ctx, cancel := context.WithCancel(t.Context())
			done := make(chan error, 1)
			go func() { done <- Run(ctx, opts, func(b Batch) { batches <- b }) }()
			defer func() {
				cancel()
				if err := <-done; err != nil {
					t.Errorf("Run = %v, want nil after cancel", err)
				}
			}()
			select {
			case b := <-batches:
				if !slices.Contains(b.Paths, "content/articles/after-ready.md") {
					t.Errorf("first batch = %q, want the file written in Ready", b.Paths)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the file written in Ready was never reported")
			}
			if n := calls.Load(); n != 1 {
				t.Errorf("Ready called %d times, want 1", n)
			}
		})
	}
}
