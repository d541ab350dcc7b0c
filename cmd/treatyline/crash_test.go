package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/treatyline/treatyline/internal/sitegen"
)

// inputRecord is the record of a build's inputs that lets an unchanged build
// skip its work: a cache kept with the output, not a page of it.
const inputRecord = ".treatyline-inputs"

// contents lists every file below dir with a digest of its bytes, one per
// line, sorted: two folders with the same contents give the same string,
// wherever they are and whatever their mtimes.
func contents(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		switch {
		case rel == inputRecord:
		case d.Type().IsRegular():
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			lines = append(lines, filepath.ToSlash(rel)+" "+hex.EncodeToString(sum[:8]))
		case !d.IsDir():
			lines = append(lines, filepath.ToSlash(rel)+" "+d.Type().String())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// firstDifference names the first line where two contents listings differ.
func firstDifference(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d: %q vs %q", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines vs %d lines", len(al), len(bl))
}

// changeEveryArticle appends a paragraph to every article of the site.
func changeEveryArticle(t *testing.T, root string) {
	t.Helper()
	n := 0
	err := filepath.WalkDir(filepath.Join(root, "content", "articles"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".md" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n++
		return os.WriteFile(path, append(data, []byte("\nA later paragraph.\n")...), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("the generated site has no articles")
	}
}

// TestKilledBuildLeavesTheOutputWhollyOldOrWhollyNew kills `treatyline
// build` with SIGKILL at random moments of a build that changes every page
// and checks, after each kill, that the output folder holds exactly the
// previous build or exactly the new one; then that a normal build completes
// and cleans up what the killed ones left.
func TestKilledBuildLeavesTheOutputWhollyOldOrWhollyNew(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills a site of hundreds of pages many times")
	}
	parent := t.TempDir()
	// Two site roots, the second with every article changed and another
	// status date (shown on every page), build into one output folder: a
	// killed build goes from whichever state the folder is in to the other.
	roots := [2]string{filepath.Join(parent, "old"), filepath.Join(parent, "new")}
	asOf := [2]string{"2020-01-01", "2024-06-01"}
	for _, root := range roots {
		if err := sitegen.Write(root, sitegen.Options{Seed: 7, Articles: 400, Treaties: sitegen.TreatiesFor(400)}); err != nil {
			t.Fatal(err)
		}
	}
	changeEveryArticle(t, roots[1])
	out := filepath.Join(parent, "public")
	buildArgs := func(i int, output string) []string {
		return []string{"build", "--quiet", "-o", output, "--as-of", asOf[i]}
	}

	var want [2]string
	treatyline(t, roots[0], nil, buildArgs(0, out)...).want(t, 0)
	want[0] = contents(t, out)
	reference := filepath.Join(parent, "reference")
	start := time.Now()
	treatyline(t, roots[1], nil, buildArgs(1, reference)...).want(t, 0)
	took := time.Since(start)
	want[1] = contents(t, reference)
	if err := os.RemoveAll(reference); err != nil {
		t.Fatal(err)
	}
	if want[0] == want[1] {
		t.Fatal("the two sites build to the same output")
	}
	if n := strings.Count(want[1], "\n") + 1; n < 400 {
		t.Fatalf("the new build has %d files; the test needs a site large enough to kill mid-write", n)
	}

	seed := uint64(time.Now().UnixNano())
	t.Logf("a build takes %s; random seed %d", took, seed)
	rng := rand.New(rand.NewPCG(seed, seed))
	state, killed, landed := 0, 0, 0
	deadline := time.Now().Add(20 * time.Second)
	for attempt := 0; attempt < 8 && (attempt < 3 || time.Now().Before(deadline)); attempt++ {
		to := 1 - state
		delay := time.Duration(rng.Int64N(int64(took) * 6 / 5))
		cmd := exec.Command(binary, buildArgs(to, out)...)
		cmd.Dir = roots[to]
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		select {
		case err := <-exited:
			if err != nil {
				t.Fatalf("build finished before the kill with %v\n%s", err, stderr.String())
			}
		case <-time.After(delay):
			cmd.Process.Kill()
			<-exited
			killed++
		}
		switch got := contents(t, out); got {
		case want[state]:
		case want[to]:
			state = to
			landed++
		default:
			t.Fatalf("after a kill %s into a build, the output is neither the old tree (%s) nor the new one (%s)",
				delay, firstDifference(got, want[state]), firstDifference(got, want[to]))
		}
	}
	if killed == 0 {
		t.Error("no build was killed mid-way; every one finished first")
	}
	t.Logf("%d builds killed; %d of all builds got the new tree in place", killed, landed)

	treatyline(t, roots[1], nil, buildArgs(1, out)...).want(t, 0)
	if got := contents(t, out); got != want[1] {
		t.Errorf("the build after the kills is not the new tree: %s", firstDifference(got, want[1]))
	}
	leftovers, _ := filepath.Glob(filepath.Join(parent, ".public.treatyline-*"))
	inside, _ := filepath.Glob(filepath.Join(out, ".treatyline-*"))
	inside = slices.DeleteFunc(inside, func(p string) bool { return filepath.Base(p) == inputRecord })
	if all := append(leftovers, inside...); len(all) > 0 {
		t.Errorf("killed builds left %q behind", all)
	}
}
