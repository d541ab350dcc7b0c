package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// child is a long-running treatyline (watch or serve) started by a test,
// with its stderr collected line by line.
type child struct {
	cmd  *exec.Cmd
	done chan struct{} // closed once the process has exited
	err  error         // the result of Wait, set before done is closed

	mu      sync.Mutex
	lines   []string
	changed chan struct{} // closed and replaced when a line arrives
	next    int           // the first line waitLine has not consumed
}

// startChild starts treatyline in dir and kills it when the test ends,
// should it still run then.
func startChild(t *testing.T, dir string, args ...string) *child {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, done: make(chan struct{}), changed: make(chan struct{})}
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			c.mu.Lock()
			c.lines = append(c.lines, sc.Text())
			close(c.changed)
			c.changed = make(chan struct{})
			c.mu.Unlock()
		}
		c.err = cmd.Wait()
		close(c.done)
	}()
	t.Cleanup(func() {
		select {
		case <-c.done:
		default:
			cmd.Process.Kill()
			<-c.done
		}
	})
	return c
}

// waitLine waits up to limit for a line of stderr that matches re and that
// no earlier waitLine consumed, and returns it with the lines before it.
func (c *child) waitLine(t *testing.T, re *regexp.Regexp, limit time.Duration) (line string, before []string) {
	t.Helper()
	line, before, err := c.tryLine(re, limit)
	if err != nil {
		t.Fatalf("%v; stderr:\n%s", err, c.stderr())
	}
	return line, before
}

// tryLine is waitLine that reports failure as an error.
func (c *child) tryLine(re *regexp.Regexp, limit time.Duration) (line string, before []string, err error) {
	deadline := time.After(limit)
	exited := false
	for {
		c.mu.Lock()
		for i := c.next; i < len(c.lines); i++ {
			if re.MatchString(c.lines[i]) {
				before = c.lines[c.next:i]
				c.next = i + 1
				c.mu.Unlock()
				return c.lines[i], before, nil
			}
		}
		changed := c.changed
		c.mu.Unlock()
		if exited {
			return "", nil, fmt.Errorf("treatyline exited (%v) before printing a line matching %s", c.err, re)
		}
		select {
		case <-changed:
		case <-c.done:
			// Every line is in once the process is reaped: look once more.
			exited = true
		case <-deadline:
			return "", nil, fmt.Errorf("no line matching %s within %s", re, limit)
		}
	}
}

// warmUp saves path with save until a rebuild follows. "watching for
// changes" is printed as the watcher starts, not once its watches are in
// place, so the first change after it can go unseen.
func (c *child) warmUp(t *testing.T, save func(attempt int)) {
	t.Helper()
	for attempt := range 20 {
		save(attempt)
		if _, _, err := c.tryLine(finished, 500*time.Millisecond); err == nil {
			return
		}
	}
	t.Fatalf("no rebuild after 20 saves; stderr:\n%s", c.stderr())
}

// since returns the lines not consumed by waitLine yet, and consumes them.
func (c *child) since() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	rest := append([]string(nil), c.lines[c.next:]...)
	c.next = len(c.lines)
	return rest
}

// stderr is everything the child printed so far.
func (c *child) stderr() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return strings.Join(c.lines, "\n")
}

// stop sends sig and waits for the child to exit, returning how long that
// took and its exit status.
func (c *child) stop(t *testing.T, sig syscall.Signal) (time.Duration, int) {
	t.Helper()
	start := time.Now()
	if err := c.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	select {
	case <-c.done:
	case <-time.After(10 * time.Second):
		t.Fatalf("treatyline still runs 10s after %v; stderr:\n%s", sig, c.stderr())
	}
	took := time.Since(start)
	var exit *exec.ExitError
	switch {
	case c.err == nil:
		return took, 0
	case errors.As(c.err, &exit):
		return took, exit.ExitCode()
	}
	t.Fatalf("waiting for treatyline: %v", c.err)
	return took, -1
}

// waitFor polls cond until it holds or limit passes.
func waitFor(t *testing.T, what string, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s", what, limit)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
