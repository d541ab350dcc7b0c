package content

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/treatyline/treatyline/internal/diag"
)

// archive turns a txtar-like text, "-- path --" lines each followed by the
// file's content, into a site.
func archive(text string) fstest.MapFS {
	fsys := fstest.MapFS{}
	var name string
	var body strings.Builder
	flush := func() {
		if name != "" {
			fsys[name] = &fstest.MapFile{Data: []byte(body.String())}
		}
		body.Reset()
	}
	for line := range strings.SplitAfterSeq(text, "\n") {
		if rest, ok := strings.CutPrefix(line, "-- "); ok && strings.HasSuffix(strings.TrimSpace(rest), " --") {
			flush()
			name = strings.TrimSuffix(strings.TrimSpace(rest), " --")
			continue
		}
		body.WriteString(line)
	}
	flush()
	return fsys
}

const (
	config = `-- config.toml --
title = "Arms Control Timeline"
`
	newStart = `-- content/treaties/new-start.toml --
title   = "New START"
aliases = ["START III"]
parties = ["United States", "Russia"]
expires = 2021-02-05
tags    = ["nuclear"]

[[events]]
date  = 2010-04-08
kind  = "signed"
[[events]]
date  = 2011-02-05
kind  = "in-force"
[[events]]
date  = 2021-02-03
kind  = "extended"
until = 2026-02-05
`
	article = `-- content/articles/antonov.md --
+++
title = "Antonov proposes a meeting"
date  = 2021-03-05
+++
On [[new-start]] and more.
`
)

func lines(l diag.List) []string {
	var out []string
	for _, d := range l {
		out = append(out, d.String())
	}
	return out
}

func checkDiags(t *testing.T, fsys fstest.MapFS, opts LoadOptions, want ...string) *Site {
	t.Helper()
	site, diags := Load(fsys, opts)
	got := lines(diags)
	if !slices.Equal(got, want) {
		t.Errorf("Load diagnostics:\ngot:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
	if diags.HasErrors() != (site == nil) {
		t.Errorf("Load returned site %v with errors %v", site != nil, diags.HasErrors())
	}
	return site
}

func TestLoadValidSite(t *testing.T) {
	fsys := archive(config + newStart + article + `-- content/treaties/inf.md --
+++
title   = "INF Treaty"
parties = ["United States", "Soviet Union"]
links   = [{ title = "Text", url = "https://example.org/inf" }]
+++
The *INF* treaty, see [[New START]].
-- config.toml --
title    = "Timeline"
base_url = "https://example.org/tl"
as_of    = 2026-11-27
[markdown]
unsafe_html = true
-- templates/page.html --
x
`)
	site := checkDiags(t, fsys, LoadOptions{})
	if site == nil {
		return
	}
	c := site.Config
	if c.BaseURL != "https://example.org/tl/" || c.Language != "en" || c.OutputDir != "public" || c.Paginate != 100 ||
		c.FeedItems != 20 || !c.UnsafeHTML || c.AsOf.String() != "2026-11-27" {
		t.Errorf("Config = %+v", c)
	}
	if !site.Templates {
		t.Errorf("Templates = false, want true with a templates folder")
	}
	if got := len(site.Treaties); got != 2 {
		t.Fatalf("loaded %d treaties, want 2", got)
	}
	ns := site.Treaty("new-start")
	if ns == nil || ns.Title != "New START" || len(ns.Events) != 3 || ns.Events[2].Until.String() != "2026-02-05" || ns.Expires.String() != "2021-02-05" {
		t.Errorf("new-start = %+v", ns)
	}
	if site.Lookup("start iii") != ns {
		t.Errorf("Lookup(alias) did not find new-start")
	}
	inf := site.Treaty("inf")
	if inf == nil || inf.Description == nil || len(inf.Links) != 1 || inf.Links[0].URL != "https://example.org/inf" {
		t.Errorf("inf = %+v", inf)
	}
	if len(site.Articles) != 1 {
		t.Fatalf("loaded %d articles, want 1", len(site.Articles))
	}
	a := site.Articles[0]
	if a.Slug != "antonov" || a.Date.String() != "2021-03-05" || !slices.Equal(a.Refs, []string{"new-start"}) {
		t.Errorf("article = %+v", a)
	}
}

func TestLoadReportsMissingConfig(t *testing.T) {
	checkDiags(t, archive(newStart), LoadOptions{},
		"config.toml: missing site config: want config.toml at the site root")
}

func TestLoadConfigErrors(t *testing.T) {
	tests := []struct {
		name   string
		config string
		want   []string
	}{
		{"unknown key with suggestion", "titel = \"x\"\n",
			[]string{`config.toml:1:1: unknown key "titel" (did you mean "title"?)`}},
		{"unknown key in markdown table", "[markdown]\nunsafehtml = true\n",
			[]string{`config.toml:2:1: unknown key "unsafehtml" (did you mean "unsafe_html"?)`}},
		{"unknown dotted key", "markdown.unsafe = true\n",
			[]string{`config.toml:1:10: unknown key "unsafe"`}},
		{"relative base_url", "base_url = \"example.org/tl\"\n",
			[]string{`config.toml:1:12: base_url "example.org/tl" must be an absolute http or https URL`}},
		{"paginate zero", "paginate = 0\nfeed_items = -1\n",
			[]string{
				`config.toml:1:12: paginate must be greater than 0, not 0`,
				`config.toml:2:14: feed_items must be greater than 0, not -1`,
			}},
		{"wrong type", "pretty_urls = \"yes\"\n",
			[]string{`config.toml:1:15: pretty_urls must be true or false, not a string`}},
		{"bad as_of", "as_of = \"2026-13\"\n",
			[]string{`config.toml:1:9: invalid date "2026-13" (want YYYY, YYYY-MM or YYYY-MM-DD)`}},
		{"malformed", "title = \"x\"\nbase_url = \n",
			[]string{`config.toml:2:12: malformed TOML: expected value but found '\n' instead`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkDiags(t, archive("-- config.toml --\n"+tt.config+newStart+article), LoadOptions{}, tt.want...)
		})
	}
}

func TestLoadTreatyErrors(t *testing.T) {
	tests := []struct {
		name string
		site string
		want []string
	}{
		{"unknown event kind", `-- content/treaties/new-start.toml --
title = "New START"
parties = ["United States", "Russia"]

[[events]]
kind = "sigend"
date = 2010-04-08
`, []string{`content/treaties/new-start.toml:5:8: unknown event kind "sigend" (did you mean "signed"?)`}},

		{"missing required keys at the top", `-- content/treaties/x.toml --
full_titel = "X"
`, []string{
			`content/treaties/x.toml:1:1: missing required key "parties"`,
			`content/treaties/x.toml:1:1: missing required key "title"`,
			`content/treaties/x.toml:1:1: unknown key "full_titel" (did you mean "full_title"?)`,
		}},

		{"missing event keys at the table header", `-- content/treaties/x.toml --
title = "X"
parties = ["A"]
[[events]]
date = 2000
kind = "signed"
[[events]]
place = "Rome"
`, []string{
			`content/treaties/x.toml:6:1: missing required key "date"`,
			`content/treaties/x.toml:6:1: missing required key "kind"`,
		}},

		{"unparseable dates", `-- content/treaties/x.toml --
title = "X"
parties = ["A"]
expires = "2021-02-30"
[[events]]
date = "1972-5"
kind = "signed"
`, []string{
			`content/treaties/x.toml:3:11: invalid date "2021-02-30" (want YYYY, YYYY-MM or YYYY-MM-DD)`,
			`content/treaties/x.toml:5:8: invalid date "1972-5" (want YYYY, YYYY-MM or YYYY-MM-DD)`,
		}},

		{"event rules", `-- content/treaties/x.toml --
title = "X"
parties = ["United States", "Russia"]
expires = 2021-02-05
[[events]]
date = 2010-04-08
kind = "signed"
[[events]]
date = 2010-01-01
kind = "in-force"
[[events]]
date = 2011
kind = "other"
[[events]]
date = 2020-01-01
kind = "extended"
[[events]]
date = 2021-01-01
kind = "extended"
until = 2021-02-05
[[events]]
date = 2022-01-01
kind = "suspended"
party = "Russa"
until = 2023-01-01
by = "y"
[[events]]
date = 2023-01-01
kind = "superseded"
by = "new-strat"
source = "javascript:alert(1)"
`, []string{
			`content/treaties/x.toml:8:8: in-force on 2010-01-01 is before the treaty was first signed or opened (2010-04-08)`,
			`content/treaties/x.toml:10:1: an event of kind "other" needs a label`,
			`content/treaties/x.toml:13:1: an extended event needs until: the new expiry date or "indefinite"`,
			`content/treaties/x.toml:19:9: until 2021-02-05 is not later than the expiry it extends (2021-02-05)`,
			`content/treaties/x.toml:23:9: party "Russa" is not among the treaty's parties (did you mean "Russia"?)`,
			`content/treaties/x.toml:24:1: until is only allowed on an extended event`,
			`content/treaties/x.toml:25:1: by is only allowed on a superseded event`,
			`content/treaties/x.toml:29:6: unknown treaty "new-strat" (did you mean "new-start"?)`,
			`content/treaties/x.toml:30:10: source "javascript:alert(1)" must be an http, https or mailto URL`,
		}},

		{"until measured against the previous extension", `-- content/treaties/x.toml --
title = "X"
parties = ["A"]
expires = 2000
[[events]]
date = 2001
kind = "extended"
until = 2004
[[events]]
date = 1999
kind = "extended"
until = 2005
`, []string{
			`content/treaties/x.toml:7:9: until 2004 is not later than the expiry it extends (2005)`,
		}},

		{"expired event differing from the final expiry warns", `-- content/treaties/x.toml --
title = "X"
parties = ["A"]
expires = 2000
[[events]]
date = 1990
kind = "signed"
[[events]]
date = 1999
kind = "extended"
until = 2005
[[events]]
date = 2004-12-31
kind = "expired"
`, []string{
			`content/treaties/x.toml:12:8: warning: expired on 2004-12-31, but the record's final expiry is 2005`,
		}},

		{"links", `-- content/treaties/x.toml --
title = "X"
parties = ["A"]
links = [{ title = "Text", url = "https://example.org" }, { titel = "Y", url = "ftp://example.org" }, {}]
`, []string{
			`content/treaties/x.toml:3:61: unknown key "titel" (did you mean "title"?)`,
			`content/treaties/x.toml:3:80: url "ftp://example.org" must be an http, https or mailto URL`,
			`content/treaties/x.toml:3:103: missing required key "url"`,
		}},

		{"wrong types", `-- content/treaties/x.toml --
title = 5
parties = "A"
aliases = ["B", 2]
events = 3
`, []string{
			`content/treaties/x.toml:1:9: title must be a string, not an integer`,
			`content/treaties/x.toml:2:11: parties must be an array of strings, not a string`,
			`content/treaties/x.toml:3:17: aliases must hold strings, not an integer`,
			`content/treaties/x.toml:4:10: events must be an array of tables, not an integer`,
		}},

		{"empty parties", `-- content/treaties/x.toml --
title = "X"
parties = []
`, []string{`content/treaties/x.toml:2:11: parties must name at least one party`}},

		{"invalid id", `-- content/treaties/New_Start.toml --
title = "X"
parties = ["A"]
`, []string{`content/treaties/New_Start.toml:1:1: invalid treaty id "New_Start": the file name must match [a-z0-9-]+`}},

		{"duplicate id", `-- content/treaties/x.toml --
title = "X"
parties = ["A"]
-- content/treaties/x.md --
+++
title = "X"
parties = ["A"]
+++
`, []string{`content/treaties/x.toml:1:1: duplicate treaty id "x" (also content/treaties/x.md)`}},

		{"malformed TOML", `-- content/treaties/x.toml --
title = "X"
parties = ["A"
[[events]]
`, []string{`content/treaties/x.toml:4:1: malformed TOML: expected a comma (',') or array terminator (']'), but got '['`}},

		{"malformed front matter shifted", `-- content/treaties/x.md --
+++
title = "X"
parties = ["A"]
kind "signed"
+++
`, []string{`content/treaties/x.md:4:6: malformed TOML: expected '.' or '=', but got '"' instead`}},

		{"shared title or alias", `-- content/treaties/a.toml --
title = "START"
parties = ["A"]
-- content/treaties/b.toml --
title = "B"
aliases = ["x", "start", "a"]
parties = ["A"]
`, []string{
			`content/treaties/b.toml:2:17: alias "start" also names the treaty at content/treaties/a.toml:1:9`,
			`content/treaties/b.toml:2:26: alias "a" also names the treaty at content/treaties/a.toml:1:1`,
		}},

		{"unknown link in a description", `-- content/treaties/x.md --
+++
title = "X"
parties = ["A"]
+++
Followed by [[new-strat]].
`, []string{`content/treaties/x.md:5:13: unknown treaty "new-strat" (did you mean "new-start"?)`}},

		{"record files that are not records", `-- content/treaties/x.json --
{}
-- content/treaties/old/y.toml --
title = "Y"
`, []string{`content/treaties/old: warning: folder ignored: treaty records sit directly in content/treaties`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkDiags(t, archive(config+newStart+article+tt.site), LoadOptions{}, tt.want...)
		})
	}
}

func TestLoadArticleErrors(t *testing.T) {
	tests := []struct {
		name string
		site string
		want []string
	}{
		{"missing required keys", `-- content/articles/a.md --
+++
summary = "S"
+++
[[new-start]]
`, []string{
			`content/articles/a.md:1:1: missing required key "date"`,
			`content/articles/a.md:1:1: missing required key "title"`,
		}},

		{"unknown keys and bad values", `-- content/articles/a.md --
+++
title = "A"
date = "2021-02-30"
tresties = ["new-start"]
source_url = "javascript:alert(1)"
draft = "no"
+++
`, []string{
			`content/articles/a.md:3:8: invalid date "2021-02-30" (want YYYY, YYYY-MM or YYYY-MM-DD)`,
			`content/articles/a.md:4:1: unknown key "tresties" (did you mean "treaties"?)`,
			`content/articles/a.md:5:14: source_url "javascript:alert(1)" must be an http, https or mailto URL`,
			`content/articles/a.md:6:9: draft must be true or false, not a string`,
		}},

		{"unknown treaties everywhere, at the construct", `-- content/articles/a.md --
+++
title = "A"
date = 2021
treaties = ["new-start", "new-strat"]

[[events]]
date = 2021-02-03
treaty = "START II"
kind = "extended"
until = 2026
+++
See [[New Strat|it]] and [the extension]{date=2021-02-03 treaty=inff kind=extnded}.

` + "`[[not-a-link]]`" + `
`, []string{
			`content/articles/a.md:4:26: unknown treaty "new-strat" (did you mean "new-start"?)`,
			`content/articles/a.md:8:10: unknown treaty "START II" (did you mean "START III"?)`,
			`content/articles/a.md:12:5: unknown treaty "New Strat" (did you mean "New START"?)`,
			`content/articles/a.md:12:26: unknown treaty "inff"`,
			`content/articles/a.md:12:70: unknown event kind "extnded" (did you mean "extended"?)`,
		}},

		{"annotation checks", `-- content/articles/a.md --
+++
title = "A"
date = 2021
+++
[one]{treaty=new-start}
[two]{date=2021-13 kind=signed}
[three]{date=2023-02-21 treaty=new-start party=Russa dat=1}
`, []string{
			`content/articles/a.md:5:1: missing required key "date"`,
			`content/articles/a.md:6:7: invalid date "2021-13" (want YYYY, YYYY-MM or YYYY-MM-DD)`,
			`content/articles/a.md:7:42: party "Russa" is not among the parties of new-start (did you mean "Russia"?)`,
			`content/articles/a.md:7:54: unknown key "dat" (did you mean "date"?)`,
		}},

		{"article event checks", `-- content/articles/a.md --
+++
title = "A"
date = 2021
[[events]]
date = "2021-02"
treaty = "new-start"
kind = "suspended"
party = "Ukraine"
[[events]]
kind = "signed"
+++
`, []string{
			`content/articles/a.md:8:9: party "Ukraine" is not among the parties of new-start`,
			`content/articles/a.md:9:1: missing required key "date"`,
			`content/articles/a.md:9:1: missing required key "treaty"`,
		}},

		{"no reference warns", `-- content/articles/a.md --
+++
title = "A"
date = 2021
+++
Nothing to see.
`, []string{`content/articles/a.md:1:1: warning: article references no treaty`}},

		{"slugs", `-- content/articles/2021/b.md --
+++
title = "B"
date = 2021
slug = "antonov"
treaties = ["new-start"]
+++
-- content/articles/Bad_Name.md --
+++
title = "C"
date = 2021
treaties = ["new-start"]
+++
-- content/articles/d.md --
+++
title = "D"
date = 2021
slug = "d d"
treaties = ["new-start"]
+++
`, []string{
			`content/articles/Bad_Name.md:1:1: invalid slug "Bad_Name": a slug must match [a-z0-9-]+`,
			`content/articles/antonov.md:1:1: duplicate article slug "antonov" (also content/articles/2021/b.md:4:8)`,
			`content/articles/d.md:4:8: invalid slug "d d": a slug must match [a-z0-9-]+`,
		}},

		{"front matter problems", `-- content/articles/a.md --
+++
title = "A"
-- content/articles/b.md --
Just text.
-- content/articles/c.md --
`, []string{
			`content/articles/a.md:1:1: unterminated front matter: no closing +++ line`,
			`content/articles/b.md:1:1: missing front matter: the file must start with a +++ line`,
			`content/articles/c.md:1:1: empty file: want front matter between +++ lines`,
		}},

		{"tag and party slug collisions", `-- content/treaties/x.toml --
title = "X"
parties = ["United States", "United-States", "!!"]
tags = ["Nuclear"]
-- content/articles/a.md --
+++
title = "A"
date = 2021
tags = ["nuclear", "nuclear", "*"]
treaties = ["x"]
+++
`, []string{
			`content/articles/a.md:4:31: tag "*" has no letter or digit to make a folder name of`,
			`content/treaties/x.toml:2:29: party "United-States" and party "United States" at content/treaties/new-start.toml:3:12 share the folder name "united-states"`,
			`content/treaties/x.toml:2:46: party "!!" has no letter or digit to make a folder name of`,
			`content/treaties/x.toml:3:9: tag "Nuclear" and tag "nuclear" at content/articles/a.md:4:9 share the folder name "nuclear"`,
		}},

		{"references to a record with errors are not unknown", `-- content/treaties/inf.toml --
title = "INF"
parties = ["A", "B"]
expires = "never"
-- content/treaties/abm.toml --
title = "ABM
-- content/articles/a.md --
+++
title = "A"
date = 2021
treaties = ["inf", "abm"]
[[events]]
date = 2021
treaty = "inf"
kind = "withdrawn"
party = "C"
+++
[[abm]] [x]{date=2021 treaty=inf party=D}
`, []string{
			`content/treaties/abm.toml:1:13: malformed TOML: strings cannot contain newlines`,
			`content/treaties/inf.toml:3:11: invalid date "never" (want YYYY, YYYY-MM or YYYY-MM-DD)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkDiags(t, archive(config+newStart+article+tt.site), LoadOptions{}, tt.want...)
		})
	}
}

func TestLoadEncodings(t *testing.T) {
	tests := []struct {
		name string
		file string // a path under content/
		src  string
		want []string
	}{
		{"BOM and CRLF in a record", "treaties/x.toml",
			"\ufefftitel = \"X\"\r\nparties = [\"A\"]\r\n[[events]]\r\nkind = \"sigend\"\r\ndate = 2000\r\n",
			[]string{
				`content/treaties/x.toml:1:1: missing required key "title"`,
				`content/treaties/x.toml:1:4: unknown key "titel" (did you mean "title"?)`,
				`content/treaties/x.toml:4:8: unknown event kind "sigend" (did you mean "signed"?)`,
			}},
		{"BOM before malformed TOML", "treaties/x.toml",
			"\ufefftitle = \r\n",
			[]string{`content/treaties/x.toml:1:12: malformed TOML: expected value but found '\r' instead`}},
		{"BOM and CRLF in an article", "articles/a.md",
			"\ufeff+++\r\ntitle = \"A\"\r\ndate = 2021\r\nslug = \"A\"\r\n+++\r\nSee [[nope]].\r\n",
			[]string{
				`content/articles/a.md:4:8: invalid slug "A": a slug must match [a-z0-9-]+`,
				`content/articles/a.md:6:5: unknown treaty "nope"`,
			}},
		{"BOM before unterminated front matter", "articles/a.md",
			"\ufeff+++\r\ntitle = \"A\"\r\n",
			[]string{`content/articles/a.md:1:4: unterminated front matter: no closing +++ line`}},
		{"NUL byte", "articles/a.md",
			"+++\ntitle = \"A\x00\"\n+++\n",
			[]string{`content/articles/a.md:2:11: NUL byte: the file must be UTF-8 text`}},
		{"invalid UTF-8", "treaties/x.toml",
			"title = \"X\"\nparties = [\"A\xff\"]\n",
			[]string{`content/treaties/x.toml:2:14: invalid UTF-8: the file must be UTF-8 text`}},
		{"UTF-16", "treaties/x.toml",
			"\xff\xfet\x00i\x00",
			[]string{`content/treaties/x.toml:1:1: file is UTF-16: save it as UTF-8`}},
		{"UTF-16 without a byte order mark", "treaties/x.toml",
			"t\x00i\x00",
			[]string{`content/treaties/x.toml:1:2: NUL byte: the file must be UTF-8 text`}},
		{"empty record", "treaties/x.toml", "",
			[]string{
				`content/treaties/x.toml:1:1: missing required key "parties"`,
				`content/treaties/x.toml:1:1: missing required key "title"`,
			}},
		{"empty markdown record", "treaties/x.md", "",
			[]string{`content/treaties/x.md:1:1: empty file: want front matter between +++ lines`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := archive(config + newStart + article)
			fsys["content/"+tt.file] = &fstest.MapFile{Data: []byte(tt.src)}
			checkDiags(t, fsys, LoadOptions{}, tt.want...)
		})
	}
}

func TestLoadDrafts(t *testing.T) {
	fsys := archive(config + newStart + article + `-- content/articles/draft.md --
+++
title = "Draft"
date = 2022
draft = true
treaties = ["new-strat"]
+++
`)
	t.Run("left out with their errors", func(t *testing.T) {
		site := checkDiags(t, fsys, LoadOptions{})
		if site != nil && len(site.Articles) != 1 {
			t.Errorf("loaded %d articles, want 1 without the draft", len(site.Articles))
		}
	})
	t.Run("checked with Drafts", func(t *testing.T) {
		checkDiags(t, fsys, LoadOptions{Drafts: true},
			`content/articles/draft.md:5:13: unknown treaty "new-strat" (did you mean "new-start"?)`)
	})
	t.Run("included with Drafts", func(t *testing.T) {
		fsys["content/articles/draft.md"].Data = []byte("+++\ntitle = \"Draft\"\ndate = 2022\ndraft = true\ntreaties = [\"new-start\"]\n+++\n")
		site := checkDiags(t, fsys, LoadOptions{Drafts: true})
		if site != nil && (len(site.Articles) != 2 || !site.Articles[0].Draft) {
			t.Errorf("articles = %v, want the draft first", site.Articles)
		}
	})
}

func TestLoadNestedArticlesAndEditorFiles(t *testing.T) {
	fsys := archive(config + newStart + `-- content/articles/2021/03/antonov.md --
+++
title = "A"
date = 2021-03-05
+++
[[new-start]]
-- content/articles/2021/notes.txt --
not an article
-- content/articles/2021/.antonov.md.swp --
binary
-- content/articles/2021/antonov.md~ --
+++
-- content/articles/.drafts/x.md --
+++
-- content/articles/#antonov.md# --
+++
-- content/articles/.#antonov.md --
+++
-- content/articles/4913 --
-- content/treaties/new-start.toml___jb_tmp___ --
x
-- content/treaties/.goutputstream-XYZ --
x
`)
	site := checkDiags(t, fsys, LoadOptions{})
	if site == nil {
		return
	}
	if len(site.Articles) != 1 || site.Articles[0].Slug != "antonov" || site.Articles[0].File != "content/articles/2021/03/antonov.md" {
		t.Errorf("articles = %+v, want the nested antonov only", site.Articles)
	}
}

func TestLoadSymlinks(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skipf("symlinks unavailable: %v", err)
		}
	}
	for name, f := range archive(config + newStart + article) {
		write("site/"+name, string(f.Data))
	}
	write("outside.md", "+++\ntitle = \"Secret\"\ndate = 2021\n+++\n[[new-start]]\n")
	write("site/shared/inside.md", "+++\ntitle = \"Inside\"\ndate = 2021\n+++\n[[new-start]]\n")
	link("../../../outside.md", "site/content/articles/outside.md")
	link("../../shared/inside.md", "site/content/articles/inside.md")
	link("../../../", "site/content/articles/up")

	root, err := os.OpenRoot(site)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	loaded, diags := Load(root.FS(), LoadOptions{})
	want := []string{
		"content/articles/outside.md: symlink target is outside the site root",
		"content/articles/up: symlink target is outside the site root",
	}
	if got := lines(diags); !slices.Equal(got, want) {
		t.Errorf("Load diagnostics:\ngot:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
	if loaded != nil {
		t.Errorf("Load returned a site despite errors")
	}

	for _, name := range []string{"outside.md", "up"} {
		if err := os.Remove(filepath.Join(site, "content", "articles", name)); err != nil {
			t.Fatal(err)
		}
	}
	loaded, diags = Load(root.FS(), LoadOptions{})
	if len(diags) != 0 || loaded == nil {
		t.Fatalf("Load with a symlink inside the root: %v", diags)
	}
	if len(loaded.Articles) != 2 || loaded.Articles[1].Slug != "inside" {
		t.Errorf("articles = %+v, want antonov and the linked inside", loaded.Articles)
	}
}

// FuzzLoad holds Load to its promise that no content makes it panic, and
// that it returns a site exactly when there is no error.
func FuzzLoad(f *testing.F) {
	fsys := archive(config + newStart + article)
	f.Add(fsys["content/treaties/new-start.toml"].Data, fsys["content/articles/antonov.md"].Data)
	f.Add([]byte("title = \"X\"\nparties = [\"A\"]\n[[events]]\nkind = \"extended\"\nuntil = \"indefinite\"\ndate = 1"),
		[]byte("+++\ntitle = \"A\"\ndate = 2021\n[[events]]\ntreaty = \"x\"\n+++\n[a]{date=2021 treaty=x kind=other party=A}"))
	f.Fuzz(func(t *testing.T, record, art []byte) {
		fsys := archive(config + newStart)
		fsys["content/treaties/x.toml"] = &fstest.MapFile{Data: record}
		fsys["content/articles/a.md"] = &fstest.MapFile{Data: art}
		site, diags := Load(fsys, LoadOptions{Drafts: true})
		if diags.HasErrors() != (site == nil) {
			t.Fatalf("site returned: %v, errors: %v", site != nil, diags)
		}
		for _, d := range diags {
			if d.Pos.File == "" || d.Pos.Line < 0 || d.Pos.Col < 0 {
				t.Fatalf("diagnostic without a position: %v", d)
			}
		}
	})
}
