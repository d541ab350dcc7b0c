package build

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/sitegen"
)

// TestBuildSkipsOnlyWhenNothingChanged builds a site, changes one input
// or output file, and builds again: only a build of the same inputs into
// an untouched output folder may stop before rendering, and every build
// leaves the output a fresh build makes.
func TestBuildSkipsOnlyWhenNothingChanged(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, site, out string, opts *Options)
		skip   bool
	}{
		{"nothing changed", func(*testing.T, string, string, *Options) {}, true},
		{"an article's body edited", func(t *testing.T, site, _ string, _ *Options) {
			appendTo(t, filepath.Join(site, "content", "articles", "edited.md"), "\nMore.\n")
		}, false},
		{"config.toml edited", func(t *testing.T, site, _ string, _ *Options) {
			appendTo(t, filepath.Join(site, "config.toml"), "\n")
		}, false},
		{"a template added", func(t *testing.T, site, _ string, _ *Options) {
			write(t, filepath.Join(site, "templates", "assets", "extra.css"), "p{}")
		}, false},
		{"a file added under content", func(t *testing.T, site, _ string, _ *Options) {
			write(t, filepath.Join(site, "content", "notes.txt"), "x")
		}, false},
		{"the as-of date changed", func(_ *testing.T, _, _ string, opts *Options) {
			opts.AsOf = date.MustParse("2027-01-01")
		}, false},
		{"a symbolic link in the site", func(t *testing.T, site, _ string, _ *Options) {
			if err := os.Symlink("edited.md", filepath.Join(site, "content", "articles", "link.md")); err != nil {
				t.Skip(err)
			}
		}, false},
		{"an output page deleted", func(t *testing.T, _, out string, _ *Options) {
			if err := os.Remove(filepath.Join(out, "index.html")); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"an output page altered", func(t *testing.T, _, out string, _ *Options) {
			appendTo(t, filepath.Join(out, "articles", "edited", "index.html"), "<!-- x -->")
		}, false},
		{"a site with warnings built again", func(t *testing.T, site, _ string, opts *Options) {
			write(t, filepath.Join(site, "content", "articles", "warned.md"), "+++\ntitle = \"Warned\"\ndate = 2020-01-03\n+++\n\nNo treaty.\n")
			if _, diags, err := Build(t.Context(), *opts); err != nil || len(diags) == 0 {
				t.Fatalf("Build: %v, diagnostics %v, want a warning", err, diags)
			}
		}, false},
		{"the record altered", func(t *testing.T, _, out string, _ *Options) {
			appendTo(t, filepath.Join(out, recordName), "1 index.html\n")
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, site := recordTestSite(t)
			opts := benchOptions(site, filepath.Join(dir, "public"))
			if _, diags, err := Build(t.Context(), opts); err != nil || len(diags) > 0 {
				t.Fatalf("first Build: %v %v", err, diags)
			}
			tt.change(t, site, opts.Output, &opts)
			stats, diags, err := Build(t.Context(), opts)
			if err != nil || diags.HasErrors() {
				t.Fatalf("second Build: %v %v", err, diags)
			}
			if skipped := stats.Rendered == 0; skipped != tt.skip {
				t.Errorf("skipped = %v (%d pages rendered of %d), want %v", skipped, stats.Rendered, stats.Pages, tt.skip)
			}
			if stats.Pages == 0 || stats.Written+stats.Unchanged != stats.Pages {
				t.Errorf("stats %v: want every page written or unchanged", stats)
			}
			assertFreshBuild(t, tt.name, dir, opts)
		})
	}
}

// recordTestSite writes a small site into a new folder dir, at site, with
// an article the tests edit at content/articles/edited.md.
func recordTestSite(t *testing.T) (dir, site string) {
	t.Helper()
	dir = t.TempDir()
	site = filepath.Join(dir, "site")
	if err := sitegen.Write(site, sitegen.Options{Seed: 1, Articles: 8, Treaties: 3}); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(site, "content", "articles", "edited.md"), "+++\ntitle = \"Edited\"\ndate = 2020-01-02\ntreaties = [\"treaty-000\"]\n+++\n\nText.\n")
	return dir, site
}

// assertFreshBuild checks that the output of opts is what a fresh build of
// its site into a new folder of dir gives.
func assertFreshBuild(t *testing.T, name, dir string, opts Options) {
	t.Helper()
	fresh := opts
	fresh.Output = filepath.Join(dir, "fresh")
	if _, _, err := New(fresh).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	compareTrees(t, name, tree(t, opts.Output), tree(t, fresh.Output))
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func appendTo(t *testing.T, name, data string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(data); err != nil {
		t.Fatal(err)
	}
}

// TestChangesDuringABuildAreNotRecordedAsBuilt changes the site while a
// first build renders, after it has read the site, and checks that the
// next build does not take the record of the first for its own inputs.
func TestChangesDuringABuildAreNotRecordedAsBuilt(t *testing.T) {
	article := func(site, name string) string { return filepath.Join(site, "content", "articles", name) }
	tests := []struct {
		name   string
		change func(t *testing.T, site string)
	}{
		{"an article added", func(t *testing.T, site string) {
			write(t, article(site, "added.md"), "+++\ntitle = \"Added\"\ndate = 2020-01-04\ntreaties = [\"treaty-000\"]\n+++\n\nNew.\n")
		}},
		{"an article moved in", func(t *testing.T, site string) {
			// A rename keeps the file's modification time from before
			// the build.
			if err := os.Rename(filepath.Join(site, "outside.md"), article(site, "moved.md")); err != nil {
				t.Fatal(err)
			}
		}},
		{"an article removed", func(t *testing.T, site string) {
			if err := os.Remove(article(site, "edited.md")); err != nil {
				t.Fatal(err)
			}
		}},
		{"an article edited", func(t *testing.T, site string) {
			appendTo(t, article(site, "edited.md"), "\nMore.\n")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, site := recordTestSite(t)
			write(t, filepath.Join(site, "outside.md"), "+++\ntitle = \"Moved\"\ndate = 2020-01-05\ntreaties = [\"treaty-000\"]\n+++\n\nMoved.\n")
			old := time.Now().Add(-time.Hour)
			if err := os.Chtimes(filepath.Join(site, "outside.md"), old, old); err != nil {
				t.Fatal(err)
			}
			opts := benchOptions(site, filepath.Join(dir, "public"))
			changed := false
			first := opts
			first.Progress = func(done, total int) {
				if done == 0 && !changed {
					changed = true
					tt.change(t, site)
				}
			}
			if _, diags, err := Build(t.Context(), first); err != nil || len(diags) > 0 || !changed {
				t.Fatalf("first Build: %v %v, changed during it: %v", err, diags, changed)
			}
			stats, diags, err := Build(t.Context(), opts)
			if err != nil || diags.HasErrors() {
				t.Fatalf("second Build: %v %v", err, diags)
			}
			if stats.Rendered == 0 {
				t.Errorf("the second build took the first one's record and rendered nothing")
			}
			assertFreshBuild(t, tt.name, dir, opts)
		})
	}
}

// TestFirstBuildRecordsItsTheme checks that a first build logs the reads of
// a site's own templates too, so that a build of the same site skips.
func TestFirstBuildRecordsItsTheme(t *testing.T) {
	dir, site := recordTestSite(t)
	write(t, filepath.Join(site, "templates", "assets", "extra.css"), "p{}")
	write(t, filepath.Join(site, "templates", "my-theme.html"), `{{define "title"}}Mine: {{.Title}}{{end}}`)
	opts := benchOptions(site, filepath.Join(dir, "public"))
	for i, want := range []bool{false, true} {
		stats, diags, err := Build(t.Context(), opts)
		if err != nil || len(diags) > 0 {
			t.Fatalf("Build %d: %v %v", i+1, err, diags)
		}
		if skipped := stats.Rendered == 0; skipped != want {
			t.Errorf("Build %d skipped = %v, want %v", i+1, skipped, want)
		}
	}
	assertFreshBuild(t, "a site with templates", dir, opts)
}
