package templates

import (
	"html/template"
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// TestThemeParses parses every template of the theme together, as the
// renderer does.
func TestThemeParses(t *testing.T) {
	if _, err := template.New("").ParseFS(FS, "*.html"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"base.html", "home.html", "treaty.html", "article.html", "year.html", "404.html", "assets/style.css"} {
		if _, err := fs.Stat(FS, name); err != nil {
			t.Errorf("the theme has no %s", name)
		}
	}
}

// externalRef finds what would make a browser fetch from another site: a
// src, href or url() with a scheme and host, or an @import.
var externalRef = regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:)?//|url\(\s*["']?(https?:)?//|@import`)

// TestThemeMakesNoExternalRequests keeps the theme self-contained: no web
// fonts, CDNs or trackers, so pages work offline and from file://.
func TestThemeMakesNoExternalRequests(t *testing.T) {
	err := fs.WalkDir(FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(FS, path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(data), "\n") {
			if externalRef.MatchString(line) {
				t.Errorf("%s:%d: external reference: %s", path, i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
