package watch

import (
	"context"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// batchLog records the batches a debouncer hands out, with the fake time
// at which each one came.
type batchLog struct {
	mu    sync.Mutex
	start time.Time
	got   []string // "at: paths"
}

func (l *batchLog) add(b Batch) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.got = append(l.got, time.Since(l.start).String()+": "+joinPaths(b.Paths))
}

func (l *batchLog) batches() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.got)
}

func joinPaths(paths []string) string {
	s := ""
	for i, p := range paths {
		if i > 0 {
			s += " "
		}
		s += p
	}
	return s
}

// startDebouncer runs a debouncer with a 50ms quiet period, and the given
// settle, inside the current synctest bubble; the returned stop ends it and
// waits.
func startDebouncer(settle time.Duration, onBatch func(Batch)) (d *debouncer, stop func()) {
	d = newDebouncer(50*time.Millisecond, settle)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		d.run(ctx, onBatch)
		close(done)
	}()
	return d, func() { cancel(); <-done }
}

// debounceCase is a run of changes and pauses, and the batches it gives.
type debounceCase struct {
	name  string
	steps []any // a string is a change, a time.Duration a pause
	want  []string
}

func (tt debounceCase) run(t *testing.T, settle time.Duration) {
	t.Run(tt.name, func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			log := &batchLog{start: time.Now()}
			d, stop := startDebouncer(settle, log.add)
			for _, s := range tt.steps {
				switch s := s.(type) {
				case string:
					d.add(s)
				case time.Duration:
					time.Sleep(s)
				}
			}
			time.Sleep(time.Second)
			stop()
			if got := log.batches(); !slices.Equal(got, tt.want) {
				t.Errorf("batches = %q, want %q", got, tt.want)
			}
		})
	})
}

func TestDebounceWaitsForQuiet(t *testing.T) {
	tests := []debounceCase{
		{
			name:  "one change is reported after the quiet period",
			steps: []any{"a"},
			want:  []string{"50ms: a"},
		},
		{
			name:  "changes closer than the quiet period make one batch, sorted and unique",
			steps: []any{"c", 40 * time.Millisecond, "a", 40 * time.Millisecond, "c", 40 * time.Millisecond, "b"},
			want:  []string{"170ms: a b c"},
		},
		{
			name:  "every change restarts the quiet period",
			steps: []any{"a", 49 * time.Millisecond, "a", 49 * time.Millisecond, "a", 49 * time.Millisecond, "a"},
			want:  []string{"197ms: a"},
		},
		{
			name:  "changes further apart than the quiet period make separate batches",
			steps: []any{"a", 60 * time.Millisecond, "b", 100 * time.Millisecond, "c"},
			want:  []string{"50ms: a", "110ms: b", "210ms: c"},
		},
		{
			name: "no change, no batch",
			want: nil,
		},
	}
	for _, tt := range tests {
		tt.run(t, 0)
	}
}

// TestDebounceSettlesAfterAPause runs a debouncer whose quiet period is
// 50ms, and 10ms for a change after a pause.
func TestDebounceSettlesAfterAPause(t *testing.T) {
	tests := []debounceCase{
		{
			name:  "a change after a pause waits for settle",
			steps: []any{"a"},
			want:  []string{"10ms: a"},
		},
		{
			name:  "the events of one save within settle make one batch",
			steps: []any{"b", 2 * time.Millisecond, "a", 3 * time.Millisecond, "b"},
			want:  []string{"15ms: a b"},
		},
		{
			name:  "a burst longer than settle waits for quiet",
			steps: []any{"a", 5 * time.Millisecond, "b", 6 * time.Millisecond, "c", 40 * time.Millisecond, "d"},
			want:  []string{"101ms: a b c d"},
		},
		{
			name:  "a change soon after a batch waits for quiet",
			steps: []any{"a", 20 * time.Millisecond, "b"},
			want:  []string{"10ms: a", "70ms: b"},
		},
		{
			name:  "changes a pause apart settle each",
			steps: []any{"a", 100 * time.Millisecond, "b"},
			want:  []string{"10ms: a", "110ms: b"},
		},
	}
	for _, tt := range tests {
		tt.run(t, 10*time.Millisecond)
	}
}

func TestDebounceChangeDuringBatchGivesOneMore(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		log := &batchLog{start: time.Now()}
		var d *debouncer
		calls := 0
		d, stop := startDebouncer(10*time.Millisecond, func(b Batch) {
			log.add(b)
			calls++
			if calls == 1 {
				// A slow rebuild, during which the user keeps saving.
				d.add("b")
				time.Sleep(100 * time.Millisecond)
				d.add("c")
				d.add("b")
				time.Sleep(100 * time.Millisecond)
			}
		})
		d.add("a")
		time.Sleep(time.Second)
		stop()
		want := []string{"10ms: a", "260ms: b c"}
		if got := log.batches(); !slices.Equal(got, want) {
			t.Errorf("batches = %q, want %q", got, want)
		}
	})
}

func TestDebounceStopsWithContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		log := &batchLog{start: time.Now()}
		d, stop := startDebouncer(0, log.add)
		d.add("a")
		time.Sleep(10 * time.Millisecond)
		stop() // returns only once run has returned
		time.Sleep(time.Second)
		if got := log.batches(); len(got) != 0 {
			t.Errorf("batches after cancel = %q, want none", got)
		}
	})
}
