package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/treatyline/treatyline/internal/build"
)

// Progress is shown only for builds that take long enough to wonder about,
// and redrawn at a pace a person can read.
const (
	progressDelay = time.Second
	progressTick  = 100 * time.Millisecond
)

// showProgress makes a build report its progress on stderr when stderr is
// a terminal, and returns the function that clears it, to call before
// anything else is printed. Anywhere else (a pipe, a file, a log) progress
// would be noise, so nothing is shown.
func (c *cli) showProgress(opts *build.Options) (stop func()) {
	if !isTerminal(c.stderr) {
		return func() {}
	}
	p := startProgress(c.stderr, progressDelay, progressTick)
	opts.Progress = p.update
	return p.stop
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// progress draws a build's progress on one line, rewritten in place with
// "\r": "loading content…" until rendering starts, then the pages rendered.
// Its goroutine, owned by stop, draws only after delay, so a quick build
// prints nothing.
type progress struct {
	w           io.Writer
	done, total atomic.Int64 // total is -1 while the content loads
	quit        chan struct{}
	exited      chan struct{}
	width       int // of the line on screen, in runes
}

func startProgress(w io.Writer, delay, tick time.Duration) *progress {
	p := &progress{w: w, quit: make(chan struct{}), exited: make(chan struct{})}
	p.total.Store(-1)
	go p.run(delay, tick)
	return p
}

// update records that done of total pages are rendered; it is
// [build.Options.Progress], so it is called concurrently, and a smaller
// done that arrives late is ignored.
func (p *progress) update(done, total int) {
	p.total.Store(int64(total))
	for {
		cur := p.done.Load()
		if int64(done) <= cur || p.done.CompareAndSwap(cur, int64(done)) {
			return
		}
	}
}

// stop clears the line, if one was drawn, and returns once the progress
// goroutine has exited, so the caller's next output starts on a clean line.
func (p *progress) stop() {
	close(p.quit)
	<-p.exited
}

func (p *progress) run(delay, tick time.Duration) {
	defer close(p.exited)
	wait := time.NewTimer(delay)
	defer wait.Stop()
	select {
	case <-p.quit:
		return
	case <-wait.C:
	}
	ticker := time.NewTicker(tick)
	defer ticker.Stop()
	shown := ""
	for {
		if line := p.line(); line != shown {
			p.draw(line)
			shown = line
		}
		select {
		case <-p.quit:
			p.draw("")
			fmt.Fprint(p.w, "\r")
			return
		case <-ticker.C:
		}
	}
}

func (p *progress) line() string {
	total := p.total.Load()
	if total < 0 {
		return "loading content…"
	}
	return fmt.Sprintf("rendering pages: %d of %d", p.done.Load(), total)
}

// draw writes s over the line on screen, padded to cover a longer one.
func (p *progress) draw(s string) {
	n := utf8.RuneCountInString(s)
	fmt.Fprint(p.w, "\r"+s+strings.Repeat(" ", max(0, p.width-n)))
	p.width = n
}
