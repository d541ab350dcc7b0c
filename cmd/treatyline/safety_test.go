package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/treatyline/treatyline/internal/sitetest"
)

// safeSite lays out minimalSite in a folder of its own inside a fresh
// parent, so that a test can show nothing changed next to the site either.
func safeSite(t *testing.T) (parent, root string) {
	t.Helper()
	parent = t.TempDir()
	root = filepath.Join(parent, "site")
	sitetest.WriteDir(t, root, minimalSite)
	return parent, root
}

// setOutputDir appends output_dir to the site's config.toml.
func setOutputDir(t *testing.T, root, dir string) {
	t.Helper()
	path := filepath.Join(root, "config.toml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, []byte("output_dir = "+tomlString(dir)+"\n")...)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func tomlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// TestRefusedOutputFoldersChangeNothing names each output folder the SPEC
// forbids, through -o and through output_dir in config.toml, and checks exit
// status 1, a message that says why, and that neither the site root nor the
// folder around it changed.
func TestRefusedOutputFoldersChangeNothing(t *testing.T) {
	tests := []struct {
		name string
		// out is the folder, relative to the site root (where the command
		// runs, so -o and output_dir mean the same) unless absolute.
		out string
		// home is HOME for the command, relative to the parent of the site
		// root; empty means a folder elsewhere.
		home  string
		setup func(t *testing.T, parent, root string)
		want  string
	}{
		{name: "the site root", out: ".", want: "it is the site root"},
		{name: "the parent of the site root", out: "..", want: "it contains the site root"},
		{name: "the file system root", out: "/", want: "it is the root of the file system"},
		{name: "the home folder", out: "../home", home: "home", want: "it is your home folder",
			setup: func(t *testing.T, parent, _ string) { mkdir(t, filepath.Join(parent, "home")) }},
		{name: "an ancestor of the home folder", out: "../users", home: "users/me", want: "it contains your home folder",
			setup: func(t *testing.T, parent, _ string) { mkdir(t, filepath.Join(parent, "users", "me")) }},
		{name: "the content folder", out: "content", want: "content/ folder"},
		{name: "a folder inside content", out: "content/articles/2021", want: "content/ folder"},
		{name: "a new folder inside content", out: "content/public", want: "content/ folder"},
		{name: "the templates folder", out: "templates", want: "templates/ folder",
			setup: func(t *testing.T, _, root string) { mkdir(t, filepath.Join(root, "templates")) }},
		{name: "a foreign non-empty folder", out: "../downloads", want: "treatyline did not make it",
			setup: func(t *testing.T, parent, _ string) {
				sitetest.WriteDir(t, filepath.Join(parent, "downloads"), "-- report.pdf --\nkeep me\n")
			}},
		{name: "an existing regular file", out: "public", want: "is not a folder",
			setup: func(t *testing.T, _, root string) {
				sitetest.WriteDir(t, root, "-- public --\nnot a folder\n")
			}},
		{name: "a symlink to the site root", out: "../mirror", want: "it is the site root",
			setup: func(t *testing.T, parent, root string) { symlink(t, root, filepath.Join(parent, "mirror")) }},
	}
	for _, tt := range tests {
		for _, via := range []string{"-o", "output_dir"} {
			t.Run(tt.name+" via "+via, func(t *testing.T) {
				parent, root := safeSite(t)
				if tt.setup != nil {
					tt.setup(t, parent, root)
				}
				args := []string{"build"}
				if via == "-o" {
					args = append(args, "-o", tt.out)
				} else {
					setOutputDir(t, root, tt.out)
				}
				home := t.TempDir()
				if tt.home != "" {
					home = filepath.Join(parent, filepath.FromSlash(tt.home))
				}
				env := []string{"HOME=" + home}
				beforeRoot, beforeParent := sitetest.Manifest(t, root), sitetest.Manifest(t, parent)

				r := treatyline(t, root, env, args...)
				r.want(t, 1)
				r.stderrContains(t, "refused output folder", tt.want)
				if got := sitetest.Manifest(t, root); got != beforeRoot {
					t.Errorf("the site root changed:\nbefore:\n%s\nafter:\n%s", beforeRoot, got)
				}
				if got := sitetest.Manifest(t, parent); got != beforeParent {
					t.Errorf("the folder around the site changed:\nbefore:\n%s\nafter:\n%s", beforeParent, got)
				}
			})
		}
	}
}

// TestUnwritableOutputParentFailsCleanly gives an output folder whose parent
// may not be written to, once for a first build and once for a rebuild of
// an existing output folder: the staging folder cannot be made next to it.
func TestUnwritableOutputParentFailsCleanly(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: permissions do not bite, so the parent is writable")
	}
	for _, existing := range []bool{false, true} {
		t.Run(fmt.Sprintf("existing output %v", existing), func(t *testing.T) {
			parent, root := safeSite(t)
			locked := filepath.Join(parent, "locked")
			out := filepath.Join(locked, "public")
			mkdir(t, locked)
			if existing {
				treatyline(t, root, nil, "build", "--quiet", "-o", out).want(t, 0)
			}
			if err := os.Chmod(locked, 0o555); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(locked, 0o755) })
			beforeRoot, beforeParent := sitetest.Manifest(t, root), sitetest.Manifest(t, parent)

			r := treatyline(t, root, nil, "build", "-o", out, "--as-of", "2015-01-01")
			r.want(t, 1)
			r.stderrContains(t, "permission denied", "! panic", "! goroutine")
			if got := sitetest.Manifest(t, root); got != beforeRoot {
				t.Errorf("the site root changed:\nbefore:\n%s\nafter:\n%s", beforeRoot, got)
			}
			if got := sitetest.Manifest(t, parent); got != beforeParent {
				t.Errorf("the folder around the site changed:\nbefore:\n%s\nafter:\n%s", beforeParent, got)
			}
		})
	}
}

// TestSymlinksInTheOutputFolderAreNeverFollowed plants symbolic links to a
// folder outside the site in the output folder and runs builds that change
// every page: the outside folder must stay exactly as it was. A link of the
// user's is kept as it is, a page that became a link is replaced by the
// page, and a folder of pages that became a link stops the build, which
// says so.
func TestSymlinksInTheOutputFolderAreNeverFollowed(t *testing.T) {
	tests := []struct {
		name string
		// plant replaces or adds something in the built output folder.
		plant func(t *testing.T, public, outside string)
		code  int
		want  string
		check func(t *testing.T, public, outside string)
	}{
		{"a link of the user's to a folder outside",
			func(t *testing.T, public, outside string) { symlink(t, outside, filepath.Join(public, "user-link")) },
			0, "built",
			func(t *testing.T, public, outside string) {
				if target, err := os.Readlink(filepath.Join(public, "user-link")); err != nil || target != outside {
					t.Errorf("the user's symlink is gone or changed: %q, %v", target, err)
				}
			}},
		{"a page replaced by a link to a file outside",
			func(t *testing.T, public, outside string) {
				page := filepath.Join(public, "treaties", "new-start", "index.html")
				if err := os.Remove(page); err != nil {
					t.Fatal(err)
				}
				symlink(t, filepath.Join(outside, "index.html"), page)
			},
			0, "built",
			func(t *testing.T, public, _ string) {
				fi, err := os.Lstat(filepath.Join(public, "treaties", "new-start", "index.html"))
				if err != nil || !fi.Mode().IsRegular() {
					t.Errorf("the page is not a regular file again: %v, %v", fi, err)
				}
			}},
		{"a folder of pages replaced by a link to a folder outside",
			func(t *testing.T, public, outside string) {
				articles := filepath.Join(public, "articles")
				if err := os.RemoveAll(articles); err != nil {
					t.Fatal(err)
				}
				symlink(t, filepath.Join(outside, "articles"), articles)
			},
			1, "articles is in the output folder and treatyline did not write it", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent, root := safeSite(t)
			outside := filepath.Join(parent, "outside")
			sitetest.WriteDir(t, outside, "-- index.html --\nprecious\n-- secret.txt --\nsecret\n-- articles/keep.txt --\nkeep\n")
			treatyline(t, root, nil, "build", "--quiet").want(t, 0)
			public := filepath.Join(root, "public")
			tt.plant(t, public, outside)
			before := sitetest.Manifest(t, outside)

			for i, asOf := range []string{"2015-01-01", "2023-06-01"} {
				r := treatyline(t, root, nil, "build", "--as-of", asOf)
				r.want(t, tt.code)
				r.stderrContains(t, tt.want)
				if got := sitetest.Manifest(t, outside); got != before {
					t.Fatalf("build %d changed a folder outside the site through a symlink:\nbefore:\n%s\nafter:\n%s", i+1, before, got)
				}
			}
			if tt.check != nil {
				tt.check(t, public, outside)
			}
		})
	}
}

// TestNamesFromContentCannotEscapeTheOutputFolder gives tags, parties and a
// slug that try to climb out of their folder or nest into another.
func TestNamesFromContentCannotEscapeTheOutputFolder(t *testing.T) {
	parent, root := safeSite(t)
	sitetest.WriteDir(t, root, `
-- content/treaties/inf.toml --
title = "INF"
parties = ["../../etc", "a/b", "..\\x"]
tags = ["../../etc", "a/b", "..\\x"]

[[events]]
date = 1987-12-08
kind = "signed"
party = "../../etc"
-- content/articles/escape.md --
+++
title = "Escape"
date = 2021-02-03
tags = ["../../../../tmp/evil", "..\\..\\win"]
treaties = ["inf"]
+++
Text.
`)
	beforeParent := sitetest.Manifest(t, parent)
	r := treatyline(t, root, nil, "build")
	r.want(t, 0)

	// Every file written is inside public/, and no name has a separator
	// or a dot-dot in it.
	public := filepath.Join(root, "public")
	err := filepath.WalkDir(public, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(public, path)
		if strings.Contains(d.Name(), "..") || strings.Contains(d.Name(), `\`) {
			t.Errorf("output holds %q", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"tags/etc", "tags/a-b", "tags/x", "tags/tmp-evil", "tags/win", "parties/etc", "parties/a-b", "parties/x"} {
		if _, err := os.Stat(filepath.Join(public, filepath.FromSlash(dir), "index.html")); err != nil {
			t.Errorf("no page for %s: %v", dir, err)
		}
	}
	// Outside the site only the site's own folder may differ.
	after := sitetest.Manifest(t, parent)
	if got, want := outsideSite(after), outsideSite(beforeParent); got != want {
		t.Errorf("the build wrote outside the site:\nbefore:\n%s\nafter:\n%s", want, got)
	}

	sitetest.WriteDir(t, root, `
-- content/articles/empty.md --
+++
title = "Empty"
date = 2021-02-03
tags = ["/", ".."]
treaties = ["inf"]
+++
Text.
`)
	before := sitetest.Manifest(t, parent)
	r = treatyline(t, root, nil, "build")
	r.want(t, 1)
	r.stderrContains(t, `content/articles/empty.md:4:9: tag "/" has no letter or digit`, `content/articles/empty.md:4:14: tag ".." has no letter or digit`)
	if got := sitetest.Manifest(t, parent); got != before {
		t.Errorf("a refused tag changed files:\nbefore:\n%s\nafter:\n%s", before, got)
	}
	if err := os.Remove(filepath.Join(root, "content", "articles", "empty.md")); err != nil {
		t.Fatal(err)
	}

	slug := `
-- content/articles/slug.md --
+++
title = "Slug"
date = 2021-02-03
slug = "../../etc"
treaties = ["inf"]
+++
Text.
`
	sitetest.WriteDir(t, root, slug)
	before = sitetest.Manifest(t, parent)
	r = treatyline(t, root, nil, "build")
	r.want(t, 1)
	r.stderrContains(t, "content/articles/slug.md:4:", `"../../etc"`)
	if got := sitetest.Manifest(t, parent); got != before {
		t.Errorf("a refused slug changed files:\nbefore:\n%s\nafter:\n%s", before, got)
	}
}

// outsideSite keeps the lines of a manifest of the site's parent that are
// not about the site folder itself.
func outsideSite(manifest string) string {
	var keep []string
	for _, line := range strings.Split(manifest, "\n") {
		if line != "" && !strings.HasPrefix(line, "site") && !strings.HasPrefix(line, ". ") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

// TestNamesThatCollideAfterSluggingNameBothPlaces checks that two different
// tags or parties that would share a folder are an error naming both.
func TestNamesThatCollideAfterSluggingNameBothPlaces(t *testing.T) {
	tests := []struct {
		name string
		edit string
		want []string
	}{
		{"tags in one article", `
-- content/articles/2021/extension.md --
+++
title = "Extension agreed"
date = 2021-02-03
tags = ["Arms Control", "arms-control"]
+++

[[New START]] was extended.
`, []string{"content/articles/2021/extension.md:4:25:", `"arms-control"`, `"Arms Control"`, "content/articles/2021/extension.md:4:9", `"arms-control"`}},
		{"tags in two files", `
-- content/treaties/inf.toml --
title = "INF"
parties = ["United States", "Russia"]
tags = ["Nuclear!"]
-- content/articles/2021/extension.md --
+++
title = "Extension agreed"
date = 2021-02-03
tags = ["nuclear"]
+++

[[New START]] was extended.
`, []string{"content/articles/2021/extension.md", "content/treaties/inf.toml", `"Nuclear!"`, `"nuclear"`}},
		{"parties", `
-- content/treaties/inf.toml --
title = "INF"
parties = ["United States", "united states!"]
`, []string{"content/treaties/inf.toml:2:", `"United States"`, `"united states!"`, `"united-states"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent, root := safeSite(t)
			sitetest.WriteDir(t, root, tt.edit)
			before := sitetest.Manifest(t, parent)
			r := treatyline(t, root, nil, "build")
			r.want(t, 1)
			r.stderrContains(t, tt.want...)
			if got := sitetest.Manifest(t, parent); got != before {
				t.Errorf("a build with a collision changed files:\nbefore:\n%s\nafter:\n%s", before, got)
			}
		})
	}
}

// stderrContains checks r's stderr as [sitetest.AssertContains] does, and
// shows all of it when a line is missing.
func (r result) stderrContains(t *testing.T, want ...string) {
	t.Helper()
	sitetest.AssertContains(t, "stderr", r.stderr, want...)
	if t.Failed() {
		t.Logf("stderr:\n%s", r.stderr)
	}
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
}
