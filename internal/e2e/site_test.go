package e2e

import (
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/treatyline/treatyline/internal/build"
	"github.com/treatyline/treatyline/internal/date"
)

// repoRoot is the sample site: the repository itself.
const repoRoot = "../.."

var (
	siteOnce sync.Once
	siteDir  string
	siteErr  error
)

// sampleSite builds the repository's sample site once per test binary into a
// temporary folder and returns that folder.
func sampleSite(t *testing.T) string {
	t.Helper()
	siteOnce.Do(func() {
		dir, err := os.MkdirTemp("", "treatyline-e2e")
		if err != nil {
			siteErr = err
			return
		}
		siteDir = filepath.Join(dir, "public")
		_, diags, err := build.Build(context.Background(), build.Options{Source: repoRoot, Output: siteDir, Fallback: date.New(2026, 11, 27)})
		if err == nil {
			err = diags.Err()
		}
		siteErr = err
	})
	if siteErr != nil {
		t.Fatalf("building the sample site: %v", siteErr)
	}
	return siteDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if siteDir != "" {
		os.RemoveAll(filepath.Dir(siteDir))
	}
	os.Exit(code)
}

// require skips the test when a tool is missing, or fails it under CI,
// where every check must run.
func require(t *testing.T, what string, ok bool) {
	t.Helper()
	if ok {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is missing; CI must run this test (.ci/run installs it)", what)
	}
	t.Skipf("%s is missing", what)
}

// chromiumPath finds Debian's chromium.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	require(t, "chromium", false)
	return ""
}

// nodeModule returns the path of a file of an npm package installed by the
// repository's package.json.
func nodeModule(t *testing.T, rel string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join(repoRoot, "node_modules", rel))
	if err != nil {
		t.Fatal(err)
	}
	_, err = os.Stat(p)
	require(t, "node_modules/"+rel+" (run npm ci)", err == nil)
	return p
}

// basePath is the path of the sample site's base_url: the site is served
// under it, as it will be published, so 404.html's links work too.
const basePath = "/timeline/"

// serveDir serves dir over HTTP on 127.0.0.1 under basePath for the length of
// the test and returns the site's URL.
func serveDir(t *testing.T, dir string) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle(basePath, http.StripPrefix(basePath, http.FileServer(http.Dir(dir))))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL + basePath
}

// htmlPages lists the HTML files of the site, slash paths, sorted.
func htmlPages(t *testing.T, dir string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dir, p)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(pages)
	return pages
}

// firstPage returns the first page whose path has the prefix and is not a
// list's later page.
func firstPage(t *testing.T, pages []string, prefix string) string {
	t.Helper()
	for _, p := range pages {
		if strings.HasPrefix(p, prefix) && p != prefix+"index.html" && !strings.Contains(p, "/page/") {
			return p
		}
	}
	t.Fatalf("no page under %s", prefix)
	return ""
}
