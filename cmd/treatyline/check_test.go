package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/treatyline/treatyline/internal/diag"
)

// brokenSite has errors with and without a suggestion, a file name and a
// message that need escaping in workflow commands, and a warning.
const brokenSite = `
-- config.toml --
title = "Test timeline"
as_of = 2026-11-27
-- content/treaties/new-start.toml --
title = "New START"
parties = ["United States", "Russia"]

[[events]]
date = 2010-04-08
kind = "sigend"

[[events]]
date = 2011-02-05
kind = "100%"
-- content/articles/x,y.md --
+++
title = "Comma"
date = 2021-02-03
+++
-- content/articles/ref.md --
+++
title = "Ref"
date = 2021-02-03
treaties = ["new-stat"]
+++
-- content/articles/unlinked.md --
+++
title = "Unlinked"
date = 2021-02-03
+++
`

func TestCheckFormats(t *testing.T) {
	dir := site(t, brokenSite)
	tests := []struct {
		format         string
		stdout, stderr []string
	}{
		{"text", nil, []string{
			`content/articles/ref.md:4:13: unknown treaty "new-stat" (did you mean "new-start"?)`,
			`content/articles/unlinked.md:1:1: warning: article references no treaty`,
			`content/articles/x,y.md:1:1: invalid slug "x,y": a slug must match [a-z0-9-]+`,
			`content/treaties/new-start.toml:6:8: unknown event kind "sigend" (did you mean "signed"?)`,
			`content/treaties/new-start.toml:10:8: unknown event kind "100%"`,
		}},
		{"json", []string{
			`{"file":"content/articles/ref.md","line":4,"col":13,"severity":"error","message":"unknown treaty \"new-stat\" (did you mean \"new-start\"?)","suggestion":"new-start"}`,
			`{"file":"content/articles/unlinked.md","line":1,"col":1,"severity":"warning","message":"article references no treaty","suggestion":null}`,
			`{"file":"content/articles/x,y.md","line":1,"col":1,"severity":"error","message":"invalid slug \"x,y\": a slug must match [a-z0-9-]+","suggestion":null}`,
			`{"file":"content/treaties/new-start.toml","line":6,"col":8,"severity":"error","message":"unknown event kind \"sigend\" (did you mean \"signed\"?)","suggestion":"signed"}`,
			`{"file":"content/treaties/new-start.toml","line":10,"col":8,"severity":"error","message":"unknown event kind \"100%\"","suggestion":null}`,
		}, nil},
		{"github", []string{
			`::error file=content/articles/ref.md,line=4,col=13::unknown treaty "new-stat" (did you mean "new-start"?)`,
			`::warning file=content/articles/unlinked.md,line=1,col=1::article references no treaty`,
			`::error file=content/articles/x%2Cy.md,line=1,col=1::invalid slug "x,y": a slug must match [a-z0-9-]+`,
			`::error file=content/treaties/new-start.toml,line=6,col=8::unknown event kind "sigend" (did you mean "signed"?)`,
			`::error file=content/treaties/new-start.toml,line=10,col=8::unknown event kind "100%25"`,
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			r := treatyline(t, dir, nil, "check", "--format", tt.format)
			r.want(t, 1)
			wantLines(t, "stdout", r.stdout, tt.stdout)
			wantLines(t, "stderr", r.stderr, tt.stderr)
		})
	}
}

func TestCheckDefaultFormatIsText(t *testing.T) {
	dir := site(t, brokenSite)
	text := treatyline(t, dir, nil, "check", "--format", "text")
	def := treatyline(t, dir, nil, "check")
	if def.code != text.code || def.stderr != text.stderr || def.stdout != text.stdout {
		t.Errorf("check = %d %q %q, want check --format text = %d %q %q",
			def.code, def.stdout, def.stderr, text.code, text.stdout, text.stderr)
	}
}

func TestCheckJSONParses(t *testing.T) {
	r := treatyline(t, site(t, brokenSite), nil, "check", "--format=json")
	r.want(t, 1)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("check --format json printed %d lines, want 5:\n%s", len(lines), r.stdout)
	}
	for _, line := range lines {
		var d map[string]any
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		for _, key := range []string{"file", "line", "col", "severity", "message", "suggestion"} {
			if _, ok := d[key]; !ok {
				t.Errorf("line %q has no %q", line, key)
			}
		}
	}
}

func TestCheckFormatsOfAValidSite(t *testing.T) {
	dir := site(t, minimalSite)
	for _, format := range checkFormats {
		r := treatyline(t, dir, nil, "check", "--format", format)
		r.want(t, 0)
		if r.stdout != "" || r.stderr != "" {
			t.Errorf("check --format %s of a valid site printed %q and %q, want nothing", format, r.stdout, r.stderr)
		}
	}
}

func TestCheckUnknownFormatIsAUsageError(t *testing.T) {
	r := treatyline(t, site(t, minimalSite), nil, "check", "--format", "xml")
	r.want(t, 2)
	if !strings.Contains(r.stderr, `unknown format "xml"`) {
		t.Errorf("stderr = %q, want it to name the format", r.stderr)
	}
}

func TestWorkflowCommandEscapes(t *testing.T) {
	tests := []struct {
		name string
		d    diag.Diagnostic
		want string
	}{
		{"error", diag.Diagnostic{Pos: diag.Pos{File: "a.toml", Line: 5, Col: 8}, Msg: "bad"},
			"::error file=a.toml,line=5,col=8::bad"},
		{"warning", diag.Diagnostic{Pos: diag.Pos{File: "a.md", Line: 1, Col: 1}, Severity: diag.Warning, Msg: "w"},
			"::warning file=a.md,line=1,col=1::w"},
		{"whole file has no line", diag.Diagnostic{Pos: diag.Pos{File: "config.toml"}, Msg: "missing"},
			"::error file=config.toml::missing"},
		{"line without column", diag.Diagnostic{Pos: diag.Pos{File: "a.toml", Line: 3}, Msg: "m"},
			"::error file=a.toml,line=3::m"},
		{"message escapes percent and line ends", diag.Diagnostic{Pos: diag.Pos{File: "a", Line: 1, Col: 1}, Msg: "50% a:b,c\r\nnext"},
			"::error file=a,line=1,col=1::50%25 a:b,c%0D%0Anext"},
		{"property escapes colon and comma", diag.Diagnostic{Pos: diag.Pos{File: "a:b,c%\n", Line: 1, Col: 1}, Msg: "m"},
			"::error file=a%3Ab%2Cc%25%0A,line=1,col=1::m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := workflowCommand(tt.d); got != tt.want {
				t.Errorf("workflowCommand(%+v)\ngot  %s\nwant %s", tt.d, got, tt.want)
			}
		})
	}
}

// wantLines compares output with its expected lines exactly.
func wantLines(t *testing.T, name, output string, want []string) {
	t.Helper()
	var got []string
	if output != "" {
		got = strings.Split(strings.TrimSuffix(output, "\n"), "\n")
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\ngot:\n\t%s\nwant:\n\t%s", name, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}
