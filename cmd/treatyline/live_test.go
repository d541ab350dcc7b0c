package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/treatyline/treatyline/internal/sitetest"
)

var (
	watching = regexp.MustCompile(`^watching for changes`)
	// finished matches the line that ends a rebuild, good or bad.
	finished = regexp.MustCompile(`\b\d+ pages?\b|build failed`)
	failed   = regexp.MustCompile(`build failed`)
	serving  = regexp.MustCompile(`^serving (http://\S+)`)
)

// liveArticle is minimalSite's article with text in its body.
func liveArticle(text string) string {
	return "+++\ntitle = \"Extension agreed\"\ndate = 2021-02-03\n+++\n\n[[New START]] was extended. " + text + "\n"
}

// brokenArticle refers to an unknown treaty on line 6, column 1.
const brokenArticle = "+++\ntitle = \"Extension agreed\"\ndate = 2021-02-03\n+++\n\n[[no-such-treaty]] was extended.\n"

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// renameOver saves data at path all at once, as editors that write a
// temporary file and rename it do: the watcher never sees half a file.
func renameOver(t *testing.T, path, data string) {
	t.Helper()
	writeFile(t, path+"___jb_tmp___", data)
	if err := os.Rename(path+"___jb_tmp___", path); err != nil {
		t.Fatal(err)
	}
}

func fileHolds(path, text string) bool {
	data, err := os.ReadFile(path)
	return err == nil && strings.Contains(string(data), text)
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// TestWatchRebuildsOnEverySaveStyle runs `treatyline watch` on a site and
// changes it the ways editors and users do, waiting each time for the
// rebuild line and the new output on disk.
func TestWatchRebuildsOnEverySaveStyle(t *testing.T) {
	root := site(t, minimalSite)
	article := filepath.Join(root, "content", "articles", "2021", "extension.md")
	page := filepath.Join(root, "public", "articles", "extension", "index.html")
	c := startChild(t, root, "watch")
	c.waitLine(t, watching, 30*time.Second)
	c.warmUp(t, func(i int) { renameOver(t, article, liveArticle(fmt.Sprintf("Warm-up %d.", i))) })

	// rebuilt waits for a good rebuild and then for want in the page.
	rebuilt := func(t *testing.T, path, want string) {
		t.Helper()
		line, before := c.waitLine(t, finished, 10*time.Second)
		if failed.MatchString(line) {
			t.Fatalf("rebuild failed: %s\n%s", line, strings.Join(before, "\n"))
		}
		waitFor(t, fmt.Sprintf("%s holds %q", path, want), 5*time.Second, func() bool { return fileHolds(path, want) })
	}

	saves := []struct {
		name string
		save func(t *testing.T, text string)
	}{
		{"write in place", func(t *testing.T, text string) { writeFile(t, article, liveArticle(text)) }},
		{"write a temporary file and rename it over (JetBrains)", func(t *testing.T, text string) {
			tmp := article + "___jb_tmp___"
			writeFile(t, tmp, liveArticle(text))
			if err := os.Rename(tmp, article); err != nil {
				t.Fatal(err)
			}
		}},
		{"move the old file to a backup, write anew, delete the backup (vim)", func(t *testing.T, text string) {
			backup := article + "~"
			if err := os.Rename(article, backup); err != nil {
				t.Fatal(err)
			}
			writeFile(t, article, liveArticle(text))
			if err := os.Remove(backup); err != nil {
				t.Fatal(err)
			}
		}},
		{"delete then create", func(t *testing.T, text string) {
			if err := os.Remove(article); err != nil {
				t.Fatal(err)
			}
			writeFile(t, article, liveArticle(text))
		}},
	}
	for i, s := range saves {
		t.Run(s.name, func(t *testing.T) {
			text := fmt.Sprintf("Saved by style %d.", i)
			s.save(t, text)
			rebuilt(t, page, text)
		})
	}

	fresh := filepath.Join(root, "content", "articles", "2024", "autumn", "fresh.md")
	freshPage := filepath.Join(root, "public", "articles", "fresh", "index.html")
	t.Run("an article in a folder made after the start", func(t *testing.T) {
		writeFile(t, fresh, "+++\ntitle = \"Fresh\"\ndate = 2024-10-01\n+++\n\n[[New START]], freshly written.\n")
		rebuilt(t, freshPage, "freshly written")
	})
	t.Run("a folder deleted", func(t *testing.T) {
		if err := os.RemoveAll(filepath.Join(root, "content", "articles", "2024")); err != nil {
			t.Fatal(err)
		}
		c.waitLine(t, finished, 10*time.Second)
		waitFor(t, "the deleted article's page is gone", 5*time.Second, func() bool { return !exists(freshPage) })
	})
	t.Run("a burst of 50 writes gives one rebuild", func(t *testing.T) {
		for i := range 50 {
			writeFile(t, article, liveArticle(fmt.Sprintf("Burst write %d.", i)))
		}
		// A write in place truncates first: a rebuild that reads the file
		// in between fails, and the next write brings one more.
		waitFor(t, "the page holds the last write", 10*time.Second, func() bool { return fileHolds(page, "Burst write 49.") })
		// Give a late batch the time to show up before counting.
		time.Sleep(time.Second)
		var lines []string
		for _, line := range c.since() {
			if finished.MatchString(line) {
				lines = append(lines, line)
			}
		}
		if len(lines) == 0 || len(lines) > 2 {
			t.Errorf("50 writes gave %d rebuilds, want 1 (2 at most):\n%s", len(lines), strings.Join(lines, "\n"))
		}
	})
	t.Run("a broken file keeps the last good output, its fix recovers", func(t *testing.T) {
		public := filepath.Join(root, "public")
		before := sitetest.Manifest(t, public)
		writeFile(t, article, brokenArticle)
		want := `content/articles/2021/extension.md:6:1: unknown treaty "no-such-treaty"`
		for {
			// A rebuild may catch the file half-written and fail on that
			// first; the error of the whole file follows.
			line, printed := c.waitLine(t, finished, 10*time.Second)
			if !failed.MatchString(line) {
				t.Fatalf("a broken article gave %q, want a failed build", line)
			}
			if strings.Contains(strings.Join(printed, "\n"), want) {
				break
			}
		}
		if got := sitetest.Manifest(t, public); got != before {
			t.Errorf("a failed rebuild changed the output:\nbefore:\n%s\nafter:\n%s", before, got)
		}
		writeFile(t, article, liveArticle("Fixed again."))
		rebuilt(t, page, "Fixed again.")
	})
}

// sseEvent is one Server-Sent Event.
type sseEvent struct{ name, data string }

// listen opens the live-reload stream at url and sends its events to the
// returned channel until the test ends.
func listen(t *testing.T, url string) <-chan sseEvent {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		resp.Body.Close()
		t.Fatalf("GET %s: %s %q", url, resp.Status, resp.Header.Get("Content-Type"))
	}
	events := make(chan sseEvent, 16)
	go func() {
		defer resp.Body.Close()
		defer close(events)
		sc := bufio.NewScanner(resp.Body)
		var e sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if e.name != "" {
					events <- e
				}
				e = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				e.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				e.data += strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return events
}

func nextEvent(t *testing.T, events <-chan sseEvent, limit time.Duration) sseEvent {
	t.Helper()
	select {
	case e, ok := <-events:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return e
	case <-time.After(limit):
		t.Fatalf("no event within %s", limit)
	}
	return sseEvent{}
}

// TestServePushesReloadAndErrors runs `treatyline serve` with a client on
// the live-reload stream: a good save sends reload, a bad one the errors as
// JSON, and the fix reload again.
func TestServePushesReloadAndErrors(t *testing.T) {
	root := site(t, minimalSite)
	article := filepath.Join(root, "content", "articles", "2021", "extension.md")
	c := startChild(t, root, "serve", "--addr", "127.0.0.1:0")
	line, _ := c.waitLine(t, serving, 30*time.Second)
	base := serving.FindStringSubmatch(line)[1]
	c.waitLine(t, watching, 10*time.Second)
	c.warmUp(t, func(i int) { renameOver(t, article, liveArticle(fmt.Sprintf("Warm-up %d.", i))) })
	events := listen(t, strings.TrimSuffix(base, "/")+"/_treatyline/events")

	renameOver(t, article, liveArticle("A good save."))
	if e := nextEvent(t, events, 10*time.Second); e.name != "reload" {
		t.Fatalf("after a good save: event %q %s, want reload", e.name, e.data)
	}

	renameOver(t, article, brokenArticle)
	e := nextEvent(t, events, 10*time.Second)
	if e.name != "errors" {
		t.Fatalf("after a bad save: event %q %s, want errors", e.name, e.data)
	}
	var list []struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Col     int    `json:"col"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal([]byte(e.data), &list); err != nil {
		t.Fatalf("errors event data %s: %v", e.data, err)
	}
	if len(list) != 1 || list[0].File != "content/articles/2021/extension.md" || list[0].Line != 6 || list[0].Col != 1 ||
		!strings.Contains(list[0].Message, `unknown treaty "no-such-treaty"`) {
		t.Errorf("errors event data = %s, want the unknown treaty at content/articles/2021/extension.md:6:1", e.data)
	}
	var raw []map[string]any
	json.Unmarshal([]byte(e.data), &raw)
	for _, d := range raw {
		for _, key := range []string{"file", "line", "col", "message"} {
			if _, ok := d[key]; !ok {
				t.Errorf("errors event entry %v has no %q", d, key)
			}
		}
	}

	renameOver(t, article, liveArticle("Fixed."))
	if e := nextEvent(t, events, 10*time.Second); e.name != "reload" {
		t.Fatalf("after the fix: event %q %s, want reload", e.name, e.data)
	}

	// An open event stream must not hold the server up.
	took, code := c.stop(t, syscall.SIGINT)
	if code != 0 || took > 2*time.Second {
		t.Errorf("with a stream open, SIGINT stopped serve in %s with exit status %d, want under a second and 0", took, code)
	}
}

// TestSignalsStopWatchAndServeAtOnce sends SIGINT and SIGTERM to watch and
// serve and measures how long they take to exit, with status 0.
func TestSignalsStopWatchAndServeAtOnce(t *testing.T) {
	for _, args := range [][]string{{"watch"}, {"serve", "--addr", "127.0.0.1:0"}} {
		for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
			t.Run(args[0]+" "+sig.String(), func(t *testing.T) {
				root := site(t, minimalSite)
				c := startChild(t, root, args...)
				c.waitLine(t, watching, 30*time.Second)
				took, code := c.stop(t, sig)
				if code != 0 {
					t.Errorf("exit status %d after %v, want 0; stderr:\n%s", code, sig, c.stderr())
				}
				// The promise is a second; the margin absorbs a loaded machine.
				if took > 2*time.Second {
					t.Errorf("stopping took %s after %v, want under a second", took, sig)
				}
				t.Logf("stopped in %s", took)
			})
		}
	}
}
