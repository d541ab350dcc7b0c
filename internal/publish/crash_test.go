package publish

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// crashEnv makes the test binary a build to be killed: "dir|generation".
const crashEnv = "TREATYLINE_PUBLISH_KILLED_BUILD"

// crashSite is generation g of a site of a couple of thousand pages: from one
// generation to the next, a tenth of the pages come or go and half change.
func crashSite(g int) map[string]string {
	const pages = 2000
	files := make(map[string]string, pages)
	for i := range pages {
		if (i+g)%10 == 0 {
			continue
		}
		page := fmt.Sprintf("page %d, stable\n", i)
		if i%4 == g%4 {
			page = fmt.Sprintf("page %d of generation %d\n", i, g)
		}
		files[fmt.Sprintf("p%02d/%04d/index.html", i%20, i)] = page
	}
	return files
}

func TestKilledBuildIsAllOldOrAllNew(t *testing.T) {
	if spec := os.Getenv(crashEnv); spec != "" {
		dir, gen, _ := strings.Cut(spec, "|")
		g, err := strconv.Atoi(gen)
		if err != nil {
			t.Fatal(err)
		}
		publish(t, dir, Options{}, crashSite(g))
		return
	}
	if testing.Short() {
		t.Skip("builds a site of thousands of files many times")
	}
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	user := map[string]string{"CNAME": "treaties.example.org"}
	publish(t, out, Options{}, crashSite(0))
	writeTree(t, out, user)
	want := func(g int) map[string]string { return withMarker(crashSite(g), user) }

	// build runs generation g in a child process and kills it after the
	// delay, if it is still running then. It reports whether it was killed.
	build := func(g int, kill time.Duration) bool {
		cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestKilledBuildIsAllOldOrAllNew$")
		cmd.Env = append(os.Environ(), crashEnv+"="+out+"|"+strconv.Itoa(g))
		var output bytes.Buffer
		cmd.Stdout, cmd.Stderr = &output, &output
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if kill >= 0 {
			timer := time.AfterFunc(kill, func() { cmd.Process.Kill() })
			defer timer.Stop()
		}
		err := cmd.Wait()
		var exit *exec.ExitError
		if errors.As(err, &exit) && !exit.Exited() {
			return true
		}
		if err != nil {
			t.Fatalf("build of generation %d: %v\n%s", g, err, output.Bytes())
		}
		return false
	}

	start := time.Now()
	build(1, -1)
	whole := time.Since(start)
	assertTree(t, out, want(1))

	current, outcomes := 1, map[string]int{}
	for range 6 {
		next := current + 1
		kill := rand.N(whole * 6 / 5)
		killed := build(next, kill)
		got := readTree(t, out)
		switch {
		case diffMaps(got, want(current)) == "":
			outcomes["old"]++
		case diffMaps(got, want(next)) == "":
			outcomes["new"]++
			current = next
		default:
			t.Fatalf("killed after %v, the output is neither generation %d nor %d; against %d:\n%s",
				kill, current, next, current, summarize(diffMaps(got, want(current))))
		}
		if len(entries(t, parent)) > 1 {
			outcomes["leftovers"]++
		}
		t.Logf("killed=%v after %v: generation %d", killed, kill, current)
	}
	t.Logf("outcomes: %v (a whole build took %v)", outcomes, whole)

	// The next build deletes what the killed ones left.
	publish(t, out, Options{}, crashSite(current+1))
	assertTree(t, out, want(current+1))
	assertOnly(t, parent, "public")
}

// summarize keeps the first lines of a long difference.
func summarize(diff string) string {
	lines := strings.SplitAfter(diff, "\n")
	if len(lines) > 10 {
		return strings.Join(lines[:10], "") + fmt.Sprintf("  ... and %d more\n", len(lines)-10)
	}
	return diff
}
