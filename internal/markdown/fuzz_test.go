package markdown

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/text"
)

// FuzzScanAttrs runs the annotation attribute scanner alone: it never
// panics, and what it accepts is well formed and points back into the source.
func FuzzScanAttrs(f *testing.F) {
	for _, s := range []string{
		"{date=2021-02-03 treaty=new-start kind=in-force} rest",
		"{date=1972}",
		`{party="United States" label="a } b"}`,
		`{label="say \"no\" \\ \x"}`,
		`{label=""}`,
		"{date=2021\n  treaty=x}",
		"{}", "{date}", "{=x}", `{a="unterminated}`, "{a=b\"c}", "{a=b",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		attrs, ok := scanAttrs(text.NewReader([]byte(src)))
		if !ok {
			return
		}
		if len(attrs) == 0 {
			t.Fatalf("scanAttrs(%q) accepted an empty list", src)
		}
		for _, a := range attrs {
			if a.Key == "" || !isASCIILetter(a.Key[0]) {
				t.Errorf("scanAttrs(%q): key %q does not start with a letter", src, a.Key)
			}
			if a.Offset < 0 || a.Offset >= len(src) || !strings.HasPrefix(src[a.Offset:], a.Key+"=") {
				t.Errorf("scanAttrs(%q): offset %d of key %q does not point at it", src, a.Offset, a.Key)
			}
			if strings.ContainsAny(a.Value, "\n\r") {
				t.Errorf("scanAttrs(%q): value %q holds a line break", src, a.Value)
			}
		}
	})
}

// FuzzTreatyLink parses bodies holding treaty links: every link found has a
// trimmed, non-empty target on one line, its offset points at "[[", and the
// same input always gives the same links.
func FuzzTreatyLink(f *testing.F) {
	for _, s := range []string{
		"[[new-start]]", "[[New START|the treaty]]", "[[a\\|b]]", "| [[x\\|y]] |\n|---|\n| z |",
		"[[]]", "[[ | ]]", "[[a]b]]", "`[[code]]`", "[[[x]]]", "[[a|b|c]]", "[[x\n]]", "[[é|ü]]",
	} {
		f.Add(s)
	}
	m := New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		doc := m.Parse([]byte(src))
		for _, l := range doc.Links {
			if l.Target == "" || l.Target != strings.TrimSpace(l.Target) {
				t.Errorf("Parse(%q): target %q is empty or untrimmed", src, l.Target)
			}
			if strings.ContainsAny(l.Target+l.Text, "\n\r") {
				t.Errorf("Parse(%q): link %q|%q spans lines", src, l.Target, l.Text)
			}
			if l.Offset < 0 || l.Offset+1 >= len(src) || src[l.Offset:l.Offset+2] != "[[" {
				t.Errorf("Parse(%q): offset %d does not point at [[", src, l.Offset)
			}
		}
		again := m.Parse([]byte(src))
		if len(again.Links) != len(doc.Links) {
			t.Fatalf("Parse(%q) found %d links, then %d", src, len(doc.Links), len(again.Links))
		}
		for i := range doc.Links {
			if *doc.Links[i] != *again.Links[i] {
				t.Errorf("Parse(%q) link %d: %+v, then %+v", src, i, *doc.Links[i], *again.Links[i])
			}
		}
	})
}
