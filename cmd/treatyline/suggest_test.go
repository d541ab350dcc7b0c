package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// mentionSite has plain mentions to link (one a second mention through an
// alias), a date, a mention in code, and a draft that links its treaty.
const mentionSite = `
-- config.toml --
title = "Test timeline"
as_of = 2026-11-27
-- content/treaties/new-start.toml --
title = "New START"
aliases = ["Prague Treaty"]
parties = ["United States", "Russia"]

[[events]]
date = 2010-04-08
kind = "signed"
-- content/treaties/inf.toml --
title = "INF Treaty"
parties = ["United States", "Soviet Union"]
-- content/articles/2021/extension.md --
+++
title = "Extension agreed"
date = 2021-03-05
+++

The New START treaty was extended on 3 February 2021.
Unlike the INF Treaty, the Prague Treaty survives; New START caps warheads.

` + "`New START`" + ` in code stays.
-- content/articles/2021/linked.md --
+++
title = "Already linked"
date = 2021-02-03
draft = true
+++

[[new-start]] again: New START in March 2019.
`

var (
	extensionSuggestions = []string{
		`content/articles/2021/extension.md:6:5: suggestion: link "New START" to treaty new-start: [[new-start|New START]]`,
		`content/articles/2021/extension.md:6:38: suggestion: annotate "3 February 2021" as date=2021-02-03 treaty=new-start: [3 February 2021]{date=2021-02-03 treaty=new-start}`,
		`content/articles/2021/extension.md:7:12: suggestion: link "INF Treaty" to treaty inf: [[inf|INF Treaty]]`,
		`content/articles/2021/extension.md:7:28: suggestion: link "Prague Treaty" to treaty new-start: [[new-start|Prague Treaty]]`,
		`content/articles/2021/extension.md:7:52: suggestion: link "New START" to treaty new-start: [[new-start|New START]]`,
	}
	linkedSuggestions = []string{
		`content/articles/2021/linked.md:7:22: suggestion: link "New START" to treaty new-start: [[new-start|New START]]`,
		`content/articles/2021/linked.md:7:35: suggestion: annotate "March 2019" as date=2019-03 treaty=new-start: [March 2019]{date=2019-03 treaty=new-start}`,
	}
)

func TestSuggestPrintsEverySuggestion(t *testing.T) {
	dir := site(t, mentionSite)
	all := append(append([]string(nil), extensionSuggestions...), linkedSuggestions...)
	tests := []struct {
		name string
		dir  string // working folder, relative to the site root
		args []string
		want []string
	}{
		{"every article, drafts included", ".", nil, all},
		{"a file from the site root", ".", []string{"content/articles/2021/linked.md"}, linkedSuggestions},
		{"a folder", ".", []string{"content/articles"}, all},
		{"paths from the working folder", "content/articles", []string{"-s", "../..", "2021/linked.md", "2021/extension.md"}, all},
		{"a path from the root while elsewhere", "content", []string{"-s", "..", "content/articles/2021/extension.md"}, extensionSuggestions},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := treatyline(t, filepath.Join(dir, tt.dir), nil, append([]string{"suggest"}, tt.args...)...)
			r.want(t, 0)
			wantLines(t, "stdout", r.stdout, tt.want)
			wantLines(t, "stderr", r.stderr, nil)
		})
	}
}

func TestSuggestUsageErrors(t *testing.T) {
	dir := site(t, mentionSite)
	for _, args := range [][]string{
		{"suggest", "content/articles/2021/missing.md"},
		{"suggest", "content/treaties/inf.toml"},
		{"suggest", "--frobnicate"},
	} {
		r := treatyline(t, dir, nil, args...)
		if r.code != 2 || r.stderr == "" {
			t.Errorf("treatyline %q: exit status %d, stderr %q; want 2 and a message", args, r.code, r.stderr)
		}
	}
	r := treatyline(t, dir, nil, "suggest", "--help")
	r.want(t, 0)
	if !strings.Contains(r.stdout, "Usage: treatyline suggest") || !strings.Contains(r.stdout, "-write") {
		t.Errorf("suggest --help:\n%s", r.stdout)
	}
}

func TestSuggestWriteLinksFirstMentions(t *testing.T) {
	dir := site(t, mentionSite)
	extension := filepath.Join(dir, "content/articles/2021/extension.md")
	linked := filepath.Join(dir, "content/articles/2021/linked.md")
	if err := os.Chmod(extension, 0o640); err != nil {
		t.Fatal(err)
	}
	linkedBefore := readFile(t, linked)

	r := treatyline(t, dir, nil, "suggest", "--write")
	r.want(t, 0)
	wantLines(t, "stdout", r.stdout, []string{extensionSuggestions[0], extensionSuggestions[2]})
	wantLines(t, "stderr", r.stderr, []string{"linked 2 treaty mentions in 1 article"})

	want := `+++
title = "Extension agreed"
date = 2021-03-05
+++

The [[new-start|New START]] treaty was extended on 3 February 2021.
Unlike the [[inf|INF Treaty]], the Prague Treaty survives; New START caps warheads.

` + "`New START`" + ` in code stays.
`
	if got := readFile(t, extension); got != want {
		t.Errorf("extension.md after suggest --write:\n%s\nwant:\n%s", got, want)
	}
	if got := readFile(t, linked); got != linkedBefore {
		t.Errorf("linked.md, whose treaty is linked, changed:\n%s", got)
	}
	info, err := os.Stat(extension)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o640 {
		t.Errorf("extension.md mode = %v, want -rw-r-----", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(extension))
	if len(entries) != 2 {
		t.Errorf("the article folder holds %d files after writing, want 2 (no temporary files)", len(entries))
	}
	treatyline(t, dir, nil, "check").want(t, 0)

	// Once linked, a second run has nothing left to write.
	r = treatyline(t, dir, nil, "suggest", "--write")
	r.want(t, 0)
	wantLines(t, "stdout", r.stdout, nil)
	if got := readFile(t, extension); got != want {
		t.Errorf("a second suggest --write changed extension.md:\n%s", got)
	}
}

func TestSuggestWriteRefusesAFailingCheck(t *testing.T) {
	dir := site(t, mentionSite+`-- content/treaties/broken.toml --
title = "Broken"
parties = ["A"]
[[events]]
date = 2000-01-01
kind = "sigend"
`)
	extension := filepath.Join(dir, "content/articles/2021/extension.md")
	before := readFile(t, extension)
	infoBefore, _ := os.Stat(extension)

	r := treatyline(t, dir, nil, "suggest", "--write")
	r.want(t, 1)
	wantLines(t, "stdout", r.stdout, nil)
	wantLines(t, "stderr", r.stderr, []string{
		`content/articles/2021/extension.md:1:1: warning: article references no treaty`,
		`content/treaties/broken.toml:5:8: unknown event kind "sigend" (did you mean "signed"?)`,
	})
	if got := readFile(t, extension); got != before {
		t.Errorf("suggest --write changed an article of a failing site:\n%s", got)
	}
	if info, _ := os.Stat(extension); !info.ModTime().Equal(infoBefore.ModTime()) {
		t.Error("suggest --write touched an article of a failing site")
	}
	// Without --write, content errors also end the run.
	treatyline(t, dir, nil, "suggest").want(t, 1)
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
