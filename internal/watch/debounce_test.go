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

// startDebouncer runs a debouncer with a 50ms quiet period inside the
// current synctest bubble; the returned stop ends it and waits.
func startDebouncer(onBatch func(Batch)) (d *debouncer, stop func()) {
	d = newDebouncer(50 * time.Millisecond)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		d.run(ctx, onBatch)
		close(done)
	}()
	return d, func() { cancel(); <-done }
}

func TestDebounceWaitsForQuiet(t *testing.T) {
	tests := []struct {
		name  string
		steps []any // a string is a change, a time.Duration a pause
		want  []string
	}{
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
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				log := &batchLog{start: time.Now()}
				d, stop := startDebouncer(log.add)
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
}

func TestDebounceChangeDuringBatchGivesOneMore(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		log := &batchLog{start: time.Now()}
		var d *debouncer
		calls := 0
		d, stop := startDebouncer(func(b Batch) {
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
		want := []string{"50ms: a", "300ms: b c"}
		if got := log.batches(); !slices.Equal(got, want) {
			t.Errorf("batches = %q, want %q", got, want)
		}
	})
}

func TestDebounceStopsWithContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		log := &batchLog{start: time.Now()}
		d, stop := startDebouncer(log.add)
		d.add("a")
		time.Sleep(10 * time.Millisecond)
		stop() // returns only once run has returned
		time.Sleep(time.Second)
		if got := log.batches(); len(got) != 0 {
			t.Errorf("batches after cancel = %q, want none", got)
		}
	})
}
