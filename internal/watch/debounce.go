package watch

import (
	"context"
	"maps"
	"slices"
	"sync"
	"time"
)

// debouncer collects changed paths and hands them out as one [Batch] once
// quiet has passed without a new one (fsnotify's cmd/fsnotify/dedup.go).
// A change that comes after a pause, and the others that come with it
// within settle, wait for settle alone: see [Options.Settle]. add is safe
// to call from any goroutine, concurrently with run.
type debouncer struct {
	quiet, settle time.Duration

	mu    sync.Mutex
	paths map[string]struct{}

	// kick holds one token while changes wait for the quiet period to start.
	kick chan struct{}
}

func newDebouncer(quiet, settle time.Duration) *debouncer {
	if quiet <= 0 {
		quiet = 50 * time.Millisecond
	}
	return &debouncer{quiet: quiet, settle: min(max(settle, 0), quiet), paths: map[string]struct{}{}, kick: make(chan struct{}, 1)}
}

// add records a change at path and restarts the quiet period.
func (d *debouncer) add(path string) {
	d.mu.Lock()
	d.paths[path] = struct{}{}
	d.mu.Unlock()
	select {
	case d.kick <- struct{}{}:
	default:
	}
}

// take returns the collected paths, sorted, and forgets them.
func (d *debouncer) take() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	paths := slices.Sorted(maps.Keys(d.paths))
	clear(d.paths)
	return paths
}

// run calls onBatch after every quiet period that follows changes, until ctx
// is done. Changes added while onBatch runs restart the wait once it returns.
func (d *debouncer) run(ctx context.Context, onBatch func(Batch)) {
	timer := time.NewTimer(d.quiet)
	timer.Stop()
	defer timer.Stop()
	var fire <-chan time.Time // nil while nothing waits
	// last is when the last change came or the last batch ended; settling
	// is when the change after a pause came that the pending batch began
	// with, zero once the batch has outgrown settle.
	var last, settling time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case <-d.kick:
			now := time.Now()
			if fire == nil && now.Sub(last) >= d.quiet {
				settling = now
			}
			wait := d.quiet
			if !settling.IsZero() && now.Sub(settling) < d.settle {
				wait = d.settle
			} else {
				settling = time.Time{}
			}
			last = now
			timer.Reset(wait)
			fire = timer.C
		case <-fire:
			fire, settling = nil, time.Time{}
			if paths := d.take(); len(paths) > 0 {
				onBatch(Batch{Paths: paths})
			}
			// Changes made while onBatch ran are no pause's first.
			last = time.Now()
		}
	}
}
