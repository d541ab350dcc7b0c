package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/treatyline/treatyline/internal/sitegen"
)

// screen is a writer that the progress goroutine and the test share.
type screen struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

func TestProgressStaysQuietForAQuickBuild(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var s screen
		p := startProgress(&s, time.Second, 100*time.Millisecond)
		p.update(0, 10)
		p.update(10, 10)
		time.Sleep(999 * time.Millisecond)
		p.stop()
		if got := s.String(); got != "" {
			t.Errorf("a build of less than a second printed %q, want nothing", got)
		}
	})
}

func TestProgressRewritesOneLineAndClearsIt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var s screen
		p := startProgress(&s, time.Second, 100*time.Millisecond)
		time.Sleep(time.Second)
		synctest.Wait()
		if got, want := s.String(), "\rloading content…"; got != want {
			t.Fatalf("after a second of loading: %q, want %q", got, want)
		}

		p.update(0, 120)
		p.update(7, 120)
		p.update(6, 120) // a worker that reports late
		time.Sleep(100 * time.Millisecond)
		synctest.Wait()
		time.Sleep(100 * time.Millisecond) // nothing new: no redraw
		synctest.Wait()
		p.stop()

		want := "\rloading content…" +
			"\rrendering pages: 7 of 120" +
			"\r" + strings.Repeat(" ", len("rendering pages: 7 of 120")) + "\r"
		if got := s.String(); got != want {
			t.Errorf("progress wrote\n%q\nwant\n%q", got, want)
		}
	})
}

func TestProgressPadsAShorterLine(t *testing.T) {
	var s screen
	p := &progress{w: &s}
	p.draw("rendering pages: 100 of 120")
	p.draw("short")
	if got, want := s.String(), "\rrendering pages: 100 of 120\rshort"+strings.Repeat(" ", 22); got != want {
		t.Errorf("draw wrote %q, want %q", got, want)
	}
}

func TestIsTerminal(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if isTerminal(w) {
		t.Error("isTerminal(pipe) = true, want false")
	}
	if isTerminal(&bytes.Buffer{}) {
		t.Error("isTerminal(buffer) = true, want false")
	}
}

// A build long enough to show progress on a terminal shows none through a
// pipe, where "\r" would garble logs.
func TestBuildShowsNoProgressOnAPipe(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated site of some size")
	}
	dir := t.TempDir()
	if err := sitegen.Write(dir, sitegen.Options{Treaties: 20, Articles: 120}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r := treatyline(t, dir, nil, "build", "-o", filepath.Join(t.TempDir(), "public"))
	took := time.Since(start)
	r.want(t, 0)
	if strings.Contains(r.stderr, "\r") || strings.Contains(r.stderr, "rendering pages") {
		t.Errorf("build printed progress to a pipe:\n%q", r.stderr)
	}
	if !strings.HasPrefix(r.stderr, "built ") || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("stderr = %q, want the summary line alone", r.stderr)
	}
	if took < progressDelay {
		t.Logf("the build took %s, less than the progress delay of %s", took, progressDelay)
	}
}
