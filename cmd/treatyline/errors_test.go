package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/treatyline/treatyline/internal/sitetest"
)

// TestContentErrorsArePositionedAndLeaveTheOutputAlone builds a good site,
// breaks it in each way SPEC §5.5 names, and checks the exact diagnostic,
// exit status 1 and that the previous output is untouched (bytes and mtimes).
func TestContentErrorsArePositionedAndLeaveTheOutputAlone(t *testing.T) {
	tests := []struct {
		name  string
		edit  string // a txtar archive of files to add or replace
		want  string
		check bool // also expected from `check`
	}{
		{"missing required key", `
-- content/treaties/inf.toml --
parties = ["United States", "Russia"]
`, "content/treaties/inf.toml:1:1: missing required key \"title\"", true},
		{"unknown key", `
-- content/treaties/inf.toml --
title = "INF"
partys = ["United States", "Russia"]
`, `content/treaties/inf.toml:2:1: unknown key "partys" (did you mean "parties"?)`, true},
		{"date that does not parse", `
-- content/treaties/inf.toml --
title = "INF"
parties = ["United States", "Russia"]
[[events]]
date = "1987-12-32"
kind = "signed"
`, `content/treaties/inf.toml:4:8: invalid date "1987-12-32" (want YYYY, YYYY-MM or YYYY-MM-DD)`, true},
		{"unknown event kind", `
-- content/treaties/inf.toml --
title = "INF"
parties = ["United States", "Russia"]
[[events]]
date = 1987-12-08
kind = "sigend"
`, `content/treaties/inf.toml:5:8: unknown event kind "sigend" (did you mean "signed"?)`, true},
		{"extended without until", `
-- content/treaties/inf.toml --
title = "INF"
parties = ["United States", "Russia"]
expires = 2000-01-01
[[events]]
date = 1999-06-01
kind = "extended"
`, `content/treaties/inf.toml:4:1: an extended event needs until: the new expiry date or "indefinite"`, true},
		{"until not later than the expiry it extends", `
-- content/treaties/inf.toml --
title = "INF"
parties = ["United States", "Russia"]
expires = 2000-01-01
[[events]]
date = 1999-06-01
kind = "extended"
until = 1999-12-31
`, `content/treaties/inf.toml:7:9: until 1999-12-31 is not later than the expiry it extends (2000-01-01)`, true},
		{"in force before signature", `
-- content/treaties/inf.toml --
title = "INF"
parties = ["United States", "Russia"]
[[events]]
date = 1987-12-08
kind = "signed"
[[events]]
date = 1987-06-01
kind = "in-force"
`, `content/treaties/inf.toml:7:8: in-force on 1987-06-01 is before the treaty was first signed or opened (1987-12-08)`, true},
		{"party not in parties", `
-- content/treaties/inf.toml --
title = "INF"
parties = ["United States", "Russia"]
[[events]]
date = 2019-08-02
kind = "withdrawn"
party = "United Sates"
`, `content/treaties/inf.toml:6:9: party "United Sates" is not among the treaty's parties (did you mean "United States"?)`, true},
		{"duplicate treaty id", `
-- content/treaties/new-start.md --
+++
title = "New START again"
parties = ["Russia"]
+++
`, `content/treaties/new-start.toml:1:1: duplicate treaty id "new-start" (also content/treaties/new-start.md)`, true},
		{"duplicate article slug", `
-- content/articles/2022/other.md --
+++
title = "Another"
date = 2022-01-01
slug = "extension"
treaties = ["new-start"]
+++
`, `content/articles/2022/other.md:4:8: duplicate article slug "extension" (also content/articles/2021/extension.md:1:1)`, true},
		{"unknown treaty in a link", `
-- content/articles/2021/extension.md --
+++
title = "Extension agreed"
date = 2021-02-03
+++

The [[New STRAT]] was extended.
`, `content/articles/2021/extension.md:6:5: unknown treaty "New STRAT" (did you mean "New START"?)`, true},
		{"malformed TOML", `
-- content/treaties/inf.toml --
title = "INF"
parties = ["United States" "Russia"]
`, `content/treaties/inf.toml:2:28: malformed TOML`, true},
		{"missing config", `
-- config.toml --
titel = "x"
`, `config.toml:1:1: unknown key "titel" (did you mean "title"?)`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := site(t, minimalSite)
			treatyline(t, dir, nil, "build", "--quiet").want(t, 0)
			before := sitetest.Manifest(t, filepath.Join(dir, "public"))

			sitetest.WriteDir(t, dir, tt.edit)
			r := treatyline(t, dir, nil, "build")
			r.want(t, 1)
			if !strings.Contains(r.stderr, tt.want) {
				t.Errorf("build printed:\n%s\nwant a line with:\n%s", r.stderr, tt.want)
			}
			if after := sitetest.Manifest(t, filepath.Join(dir, "public")); after != before {
				t.Errorf("a failed build changed the output:\nbefore:\n%s\nafter:\n%s", before, after)
			}
			if tt.check {
				c := treatyline(t, dir, nil, "check")
				c.want(t, 1)
				if !strings.Contains(c.stderr, tt.want) {
					t.Errorf("check printed:\n%s\nwant a line with:\n%s", c.stderr, tt.want)
				}
			}
		})
	}
}

func TestAllErrorsAreReportedInOneRun(t *testing.T) {
	dir := site(t, minimalSite+`
-- content/treaties/inf.toml --
title = "INF"
parties = ["United States", "Russia"]
[[events]]
date = 1987-12-08
kind = "sigend"
[[events]]
date = 2019-08-02
kind = "withdrawn"
party = "Untied States"
-- content/articles/2019/inf.md --
+++
title = "INF ends"
date = 2019-08-02
treaties = ["inff"]
+++
`)
	r := treatyline(t, dir, nil, "build")
	r.want(t, 1)
	want := []string{
		`content/articles/2019/inf.md:4:13: unknown treaty "inff" (did you mean "inf"?)`,
		`content/treaties/inf.toml:5:8: unknown event kind "sigend" (did you mean "signed"?)`,
		`content/treaties/inf.toml:9:9: party "Untied States" is not among the treaty's parties (did you mean "United States"?)`,
	}
	got := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("build printed:\n%s\nwant:\n%s", r.stderr, strings.Join(want, "\n"))
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("a failed first build created the output folder")
	}
}

func TestWarningsDoNotStopTheBuild(t *testing.T) {
	dir := site(t, minimalSite+`
-- content/articles/2022/note.md --
+++
title = "A note"
date = 2022-01-01
+++
No treaty here.
-- content/treaties/start-i.toml --
title = "START I"
parties = ["United States", "Russia"]
expires = 2009-12-05
[[events]]
date = 1991-07-31
kind = "signed"
[[events]]
date = 1994-12-05
kind = "in-force"
[[events]]
date = 2009-12-06
kind = "expired"
`)
	r := treatyline(t, dir, nil, "build")
	r.want(t, 0)
	sitetest.AssertContains(t, "stderr", r.stderr,
		"content/articles/2022/note.md:1:1: warning: article references no treaty",
		"content/treaties/start-i.toml:11:8: warning: expired on 2009-12-06, but the record's final expiry is 2009-12-05",
		"built ")
}
