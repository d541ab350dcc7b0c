package watch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// tree writes files (slash path -> content) under root.
func tree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		write(t, root, name, body)
	}
}

func write(t *testing.T, root, name, body string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func rename(t *testing.T, root, from, to string) {
	t.Helper()
	if err := os.Rename(filepath.Join(root, from), filepath.Join(root, to)); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, root, name string) {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(root, name)); err != nil {
		t.Fatal(err)
	}
}

// session is one Run under test; its batches arrive on a channel.
type session struct {
	t       *testing.T
	root    string
	quiet   time.Duration
	batches chan Batch
}

// start runs Run on opts (Root, Quiet and Logger filled in when unset) until
// the test ends, and returns once the watches are in place.
func start(t *testing.T, opts Options) *session {
	t.Helper()
	if opts.Quiet == 0 {
		opts.Quiet = 50 * time.Millisecond
	}
	if opts.Interval == 0 {
		opts.Interval = 20 * time.Millisecond
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(t.Output(), nil))
	}
	s := &session{t: t, root: opts.Root, quiet: opts.Quiet, batches: make(chan Batch, 1000)}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, opts, func(b Batch) { s.batches <- b }) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run = %v, want nil after cancel", err)
		}
	})
	s.ready()
	return s
}

// ready waits until a change to config.toml is seen, which proves the
// initial watches or snapshot are in place, and drains what the probe
// writes caused.
func (s *session) ready() {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for i := 0; ; i++ {
		if time.Now().After(deadline) {
			s.t.Fatal("watcher never reported the probe change to config.toml")
		}
		write(s.t, s.root, "config.toml", fmt.Sprintf("title = %q\n", strings.Repeat("x", i)))
		select {
		case b := <-s.batches:
			if slices.Contains(b.Paths, "config.toml") {
				// Earlier probe writes may still come in batches of their own.
				s.settle(map[string]bool{})
				return
			}
		case <-time.After(100*time.Millisecond + s.quiet):
		}
	}
}

// expect collects batches until their paths cover want, then checks that
// nothing else came but paths in maybe.
func (s *session) expect(want, maybe []string) {
	s.t.Helper()
	slices.Sort(want)
	got := map[string]bool{}
	deadline := time.After(10 * time.Second)
	for !covers(got, want) {
		select {
		case b := <-s.batches:
			for _, p := range b.Paths {
				got[p] = true
			}
		case <-deadline:
			s.t.Fatalf("changed paths = %q, want %q (timed out)", slices.Sorted(maps.Keys(got)), want)
		}
	}
	s.settle(got)
	for _, m := range maybe {
		delete(got, m)
	}
	if g := slices.Sorted(maps.Keys(got)); !slices.Equal(g, want) {
		s.t.Errorf("changed paths = %q, want %q", g, want)
	}
}

func covers(got map[string]bool, want []string) bool {
	for _, w := range want {
		if !got[w] {
			return false
		}
	}
	return true
}

// settle adds to got whatever arrives before things stay quiet.
func (s *session) settle(got map[string]bool) {
	for {
		select {
		case b := <-s.batches:
			for _, p := range b.Paths {
				got[p] = true
			}
		case <-time.After(4*s.quiet + 100*time.Millisecond):
			return
		}
	}
}

// expectNone checks that no batch comes while things stay quiet.
func (s *session) expectNone() {
	s.t.Helper()
	got := map[string]bool{}
	s.settle(got)
	if len(got) > 0 {
		s.t.Errorf("changed paths = %q, want none", slices.Sorted(maps.Keys(got)))
	}
}

var sampleSite = map[string]string{
	"config.toml":                   "title = \"x\"\n",
	"content/treaties/new-start.md": "+++\ntitle = \"New START\"\n+++\n",
	"content/articles/a.md":         "+++\ntitle = \"A\"\n+++\n",
	"public/index.html":             "<p>built</p>\n",
	"notes.txt":                     "not watched\n",
}

func sampleOptions(root string) Options {
	return Options{Root: root, Paths: []string{"content", "templates", "config.toml"}, Exclude: []string{"public"}}
}

// step is one edit to the site and the paths it must report.
type step struct {
	edit  func(t *testing.T, root string)
	want  []string // nil: no batch at all
	maybe []string // may be reported too: polling misses short-lived files, notifications the files of a folder moved away
}

var scenarios = []struct {
	name  string
	steps []step
}{
	{"write in place", []step{{
		func(t *testing.T, root string) { write(t, root, "content/articles/a.md", "edited") },
		[]string{"content/articles/a.md"},
		nil,
	}}},
	{"write config.toml in the root folder", []step{{
		func(t *testing.T, root string) { write(t, root, "config.toml", "title = \"y\"\n") },
		[]string{"config.toml"},
		nil,
	}}},
	{"rename and replace, as Vim saves", []step{{
		func(t *testing.T, root string) {
			rename(t, root, "content/articles/a.md", "content/articles/a.md~")
			write(t, root, "content/articles/a.md", "saved by vim")
			remove(t, root, "content/articles/a.md~")
		},
		[]string{"content/articles/a.md"},
		nil,
	}}},
	{"safe write, as JetBrains editors save", []step{{
		func(t *testing.T, root string) {
			write(t, root, "content/articles/a.md___jb_tmp___", "saved by goland")
			rename(t, root, "content/articles/a.md", "content/articles/a.md___jb_old___")
			rename(t, root, "content/articles/a.md___jb_tmp___", "content/articles/a.md")
			remove(t, root, "content/articles/a.md___jb_old___")
		},
		[]string{"content/articles/a.md"},
		nil,
	}}},
	{"write a temp file and rename it over", []step{{
		func(t *testing.T, root string) {
			write(t, root, "content/articles/a.md.tmp", "new text, longer")
			rename(t, root, "content/articles/a.md.tmp", "content/articles/a.md")
		},
		[]string{"content/articles/a.md"},
		[]string{"content/articles/a.md.tmp"},
	}}},
	{"delete then create", []step{
		{
			func(t *testing.T, root string) { remove(t, root, "content/articles/a.md") },
			[]string{"content/articles/a.md"},
			nil,
		},
		{
			func(t *testing.T, root string) { write(t, root, "content/articles/a.md", "back again") },
			[]string{"content/articles/a.md"},
			nil,
		},
	}},
	{"folder created after the start, with files", []step{
		{
			func(t *testing.T, root string) { write(t, root, "content/articles/2026/deep/b.md", "new") },
			[]string{"content/articles/2026", "content/articles/2026/deep", "content/articles/2026/deep/b.md"},
			nil,
		},
		{
			func(t *testing.T, root string) {
				write(t, root, "content/articles/2026/deep/b.md", "edited in the new folder")
			},
			[]string{"content/articles/2026/deep/b.md"},
			nil,
		},
	}},
	{"watched folder missing at the start", []step{
		{
			func(t *testing.T, root string) { write(t, root, "templates/page.html", "<main></main>") },
			[]string{"templates", "templates/page.html"},
			nil,
		},
		{
			func(t *testing.T, root string) { write(t, root, "templates/page.html", "<main>edited</main>") },
			[]string{"templates/page.html"},
			nil,
		},
	}},
	{"folder deleted and recreated", []step{
		{
			func(t *testing.T, root string) { remove(t, root, "content/treaties") },
			[]string{"content/treaties", "content/treaties/new-start.md"},
			nil,
		},
		{
			func(t *testing.T, root string) { write(t, root, "content/treaties/jcpoa.toml", "title = \"JCPOA\"") },
			[]string{"content/treaties", "content/treaties/jcpoa.toml"},
			nil,
		},
		{
			func(t *testing.T, root string) {
				write(t, root, "content/treaties/jcpoa.toml", "title = \"JCPOA\"\n# edited")
			},
			[]string{"content/treaties/jcpoa.toml"},
			nil,
		},
	}},
	{"folder renamed", []step{
		{
			func(t *testing.T, root string) { rename(t, root, "content/treaties", "content/records") },
			[]string{"content/treaties", "content/records", "content/records/new-start.md"},
			[]string{"content/treaties/new-start.md"},
		},
		{
			func(t *testing.T, root string) {
				write(t, root, "content/records/new-start.md", "edited after the move")
			},
			[]string{"content/records/new-start.md"},
			nil,
		},
	}},
	{"editor temp files are ignored", []step{{
		func(t *testing.T, root string) {
			for _, name := range []string{".a.md.swp", ".a.md.swx", "4913", "a.md~", "#a.md#", ".#a.md", ".goutputstream-XYZ", ".DS_Store", "a.md___jb_tmp___"} {
				write(t, root, "content/articles/"+name, "scratch")
			}
			write(t, root, "content/.git/HEAD", "ref")
			write(t, root, "content/articles/a.md", "the real save")
		},
		[]string{"content/articles/a.md"},
		nil,
	}}},
	{"files outside the watched paths are ignored", []step{{
		func(t *testing.T, root string) {
			write(t, root, "notes.txt", "edited")
			write(t, root, "public/index.html", "<p>rebuilt</p>")
			write(t, root, "public/new/index.html", "<p>new page</p>")
		},
		nil,
		nil,
	}}},
	{"chmod alone is no change", []step{{
		func(t *testing.T, root string) {
			if err := os.Chmod(filepath.Join(root, "content/articles/a.md"), 0o600); err != nil {
				t.Fatal(err)
			}
		},
		nil,
		nil,
	}}},
	{"touch is a change", []step{{
		func(t *testing.T, root string) { touch(t, filepath.Join(root, "content/articles/a.md")) },
		[]string{"content/articles/a.md"},
		nil,
	}}},
}

// TestChanges runs every scenario with notifications and with polling:
// both must report the same paths.
func TestChanges(t *testing.T) {
	for _, mode := range []string{"notify", "poll"} {
		t.Run(mode, func(t *testing.T) {
			for _, sc := range scenarios {
				t.Run(sc.name, func(t *testing.T) {
					t.Parallel()
					root := t.TempDir()
					tree(t, root, sampleSite)
					// Old modification times, so a chmod is told from a touch.
					old := time.Now().Add(-time.Hour)
					os.Chtimes(filepath.Join(root, "content/articles/a.md"), old, old)
					opts := sampleOptions(root)
					opts.Poll = mode == "poll"
					s := start(t, opts)
					for _, st := range sc.steps {
						st.edit(t, root)
						if st.want == nil {
							s.expectNone()
						} else {
							s.expect(st.want, st.maybe)
						}
					}
				})
			}
		})
	}
}

func TestBurstGivesOneBatch(t *testing.T) {
	for _, poll := range []bool{false, true} {
		t.Run(fmt.Sprintf("poll=%v", poll), func(t *testing.T) {
			root := t.TempDir()
			tree(t, root, sampleSite)
			opts := sampleOptions(root)
			opts.Poll = poll
			opts.Quiet = 200 * time.Millisecond
			s := start(t, opts)
			var want []string
			for i := range 50 {
				name := fmt.Sprintf("content/articles/burst-%02d.md", i)
				write(t, root, name, "burst")
				want = append(want, name)
			}
			select {
			case b := <-s.batches:
				if !slices.Equal(b.Paths, want) {
					t.Errorf("batch = %q, want the 50 files %q", b.Paths, want)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("no batch after 50 writes")
			}
			s.expectNone()
		})
	}
}

func TestChangeDuringBatchGivesExactlyOneMore(t *testing.T) {
	root := t.TempDir()
	tree(t, root, sampleSite)
	opts := sampleOptions(root)
	opts.Root = root
	opts.Quiet = 50 * time.Millisecond
	opts.Logger = slog.New(slog.NewTextHandler(t.Output(), nil))

	var (
		calls   = make(chan Batch, 10)
		release = make(chan struct{})
		seen    = make(chan struct{}, 1)
	)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, opts, func(b Batch) {
			calls <- b
			if slices.Contains(b.Paths, "content/articles/a.md") && len(calls) == 1 {
				seen <- struct{}{}
				<-release // a slow rebuild
			}
		})
	}()
	defer func() { cancel(); <-done }()

	// Wait for the watches with probe writes; each probe batch is dropped.
	deadline := time.Now().Add(10 * time.Second)
	for ready := false; !ready; {
		if time.Now().After(deadline) {
			t.Fatal("watcher never reported the probe change")
		}
		write(t, root, "config.toml", time.Now().String())
		select {
		case <-calls:
			ready = true
		case <-time.After(200 * time.Millisecond):
		}
	}
	time.Sleep(300 * time.Millisecond)
	for len(calls) > 0 {
		<-calls
	}

	write(t, root, "content/articles/a.md", "first save")
	select {
	case <-seen:
	case <-time.After(10 * time.Second):
		t.Fatal("no batch for the first save")
	}
	<-calls
	for i := range 5 { // saves while the rebuild runs
		write(t, root, "content/articles/a.md", fmt.Sprint("save ", i))
		write(t, root, "content/articles/b.md", fmt.Sprint("save ", i))
	}
	time.Sleep(200 * time.Millisecond)
	close(release)

	select {
	case b := <-calls:
		if want := []string{"content/articles/a.md", "content/articles/b.md"}; !slices.Equal(b.Paths, want) {
			t.Errorf("batch after the slow one = %q, want %q", b.Paths, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("changes made during onBatch were lost")
	}
	select {
	case b := <-calls:
		t.Errorf("another batch %q, want exactly one after the slow one", b.Paths)
	case <-time.After(500 * time.Millisecond):
	}
}

func TestExcludeAbsolute(t *testing.T) {
	root := t.TempDir()
	tree(t, root, sampleSite)
	s := start(t, Options{Root: root, Exclude: []string{filepath.Join(root, "public")}})
	write(t, root, "public/index.html", "<p>rebuilt</p>")
	write(t, root, "public/sub/index.html", "<p>new</p>")
	write(t, root, "notes.txt", "watched: no Paths means the whole root")
	s.expect([]string{"notes.txt"}, nil)
}

func TestMissingRootIsAnError(t *testing.T) {
	root := filepath.Join(t.TempDir(), "missing")
	for _, poll := range []bool{false, true} {
		err := Run(t.Context(), Options{Root: root, Poll: poll}, func(Batch) {})
		if !errors.Is(err, os.ErrNotExist) {
			t.Errorf("Run(poll=%v) on a missing root = %v, want an error wrapping os.ErrNotExist", poll, err)
		}
	}
}

func TestLimitErrorsNameTheFix(t *testing.T) {
	tests := []struct {
		err          error
		initializing bool
		want         string
	}{
		{syscall.ENOSPC, false, "sysctl fs.inotify.max_user_watches=524288"},
		{fmt.Errorf("adding: %w", syscall.ENOSPC), false, "sysctl fs.inotify.max_user_watches=524288"},
		{syscall.EMFILE, true, "sysctl fs.inotify.max_user_instances="},
		{syscall.EMFILE, false, "ulimit -n"},
	}
	for _, tt := range tests {
		var limit *limitError
		if !errors.As(asLimit(tt.err, tt.initializing), &limit) {
			t.Errorf("asLimit(%v, %v) is no limit error", tt.err, tt.initializing)
			continue
		}
		msg := limit.Error()
		if !strings.Contains(msg, tt.want) || !strings.Contains(msg, "polling") || strings.Contains(msg, "\n") {
			t.Errorf("asLimit(%v, %v) = %q, want one line naming polling and %q", tt.err, tt.initializing, msg, tt.want)
		}
	}
	if err := asLimit(os.ErrPermission, false); err != os.ErrPermission {
		t.Errorf("asLimit(ErrPermission) = %v, want it unchanged", err)
	}
}

// TestNoLeaks starts and stops Run 200 times, each time creating, editing
// and removing a folder, and checks that no goroutine or file descriptor
// outlives it.
func TestNoLeaks(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("counts file descriptors in /proc/self/fd")
	}
	root := t.TempDir()
	tree(t, root, sampleSite)
	fds := func() int {
		entries, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			t.Fatal(err)
		}
		return len(entries)
	}
	runtime.GC()
	fdsBefore, goroutinesBefore := fds(), runtime.NumGoroutine()

	opts := sampleOptions(root)
	opts.Quiet = 5 * time.Millisecond
	for i := range 200 {
		ctx, cancel := context.WithCancel(t.Context())
		batches := make(chan Batch, 100)
		done := make(chan error, 1)
		go func() { done <- Run(ctx, opts, func(b Batch) { batches <- b }) }()
		dir := fmt.Sprintf("content/cycle-%d", i)
		got := false
		for deadline := time.Now().Add(5 * time.Second); !got && time.Now().Before(deadline); {
			write(t, root, dir+"/a.md", "cycle")
			select {
			case <-batches:
				got = true
			case <-time.After(50 * time.Millisecond):
			}
		}
		if !got {
			t.Fatalf("cycle %d: no batch", i)
		}
		remove(t, root, dir)
		cancel()
		if err := <-done; err != nil {
			t.Fatalf("cycle %d: Run = %v", i, err)
		}
	}

	// Goroutines of closed HTTP-less code end promptly; allow the runtime a moment.
	var goroutinesAfter, fdsAfter int
	for range 50 {
		runtime.GC()
		goroutinesAfter, fdsAfter = runtime.NumGoroutine(), fds()
		if goroutinesAfter <= goroutinesBefore && fdsAfter <= fdsBefore {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if goroutinesAfter > goroutinesBefore {
		t.Errorf("goroutines after 200 runs = %d, want at most %d", goroutinesAfter, goroutinesBefore)
	}
	if fdsAfter > fdsBefore {
		t.Errorf("open file descriptors after 200 runs = %d, want at most %d", fdsAfter, fdsBefore)
	}
}
