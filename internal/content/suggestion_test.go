package content

import "testing"

// Every "did you mean" that Load writes also names its suggestion on its
// own, for tools that read diagnostics as data (check --format json).
func TestDiagnosticsNameTheirSuggestion(t *testing.T) {
	fsys := archive(`-- config.toml --
titel = "Arms Control Timeline"
-- content/treaties/new-start.toml --
title   = "New START"
parties = ["United States", "Russia"]

[[events]]
date  = 2010-04-08
kind  = "sigend"
party = "Rusia"
-- content/treaties/inf.toml --
title   = "INF Treaty"
parties = ["United States", "Russia"]
-- content/articles/antonov.md --
+++
title = "Antonov proposes a meeting"
date  = 2021-03-05
treaties = ["new-stat"]
+++
[extended]{date=2021-02-03 treaty=inf kind=extnded party="Rusia" labl=x}
`)
	_, diags := Load(fsys, LoadOptions{})
	want := map[string]string{
		"config.toml:1:1":                     "title",
		"content/treaties/new-start.toml:6:9": "signed",
		"content/treaties/new-start.toml:7:9": "Russia",
		"content/articles/antonov.md:4:13":    "new-start",
		"content/articles/antonov.md:6:39":    "extended",
		"content/articles/antonov.md:6:52":    "Russia",
		"content/articles/antonov.md:6:66":    "label",
	}
	got := map[string]string{}
	for _, d := range diags {
		got[d.Pos.String()] = d.Suggestion
	}
	for pos, s := range want {
		if got[pos] != s {
			t.Errorf("suggestion at %s = %q, want %q", pos, got[pos], s)
		}
	}
	if t.Failed() {
		for _, d := range diags {
			t.Logf("%s (suggestion %q)", d, d.Suggestion)
		}
	}
}
