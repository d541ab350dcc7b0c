package content

import (
	"fmt"
	"testing"

	"github.com/treatyline/treatyline/internal/diag"
)

func TestLocator(t *testing.T) {
	const src = `title = "New START" # a comment with = and [brackets]
"quoted key" = 1
'literal.key' = 2
a . "b.c" . d = 3
links = [
  { title = "Text", url = "https://example.org" },
  {url='x', nested = { deep = [1, {z = 2}] }},
]
multi = """
[[events]] inside a string
"""
date = 1979-05-27 07:32:00Z

[[events]]
kind = "signed"
[[events]]
  kind   =   "sigend"
[events.place]
name = "Prague"
[[events.parts]]
x = 1
[[events.parts]]
x = 2
[markdown]
unsafe_html = true
`
	lines := diag.NewLines("f", []byte(src))
	loc := locate([]byte(src))
	at := func(off int, ok bool) string {
		if !ok {
			return "missing"
		}
		p := lines.Pos(off)
		return fmt.Sprintf("%d:%d", p.Line, p.Col)
	}
	tests := []struct {
		what string
		path keyPath
		want string
	}{
		{"key", keyPath{"title"}, "1:1"},
		{"value", keyPath{"title"}, "1:9"},
		{"key", keyPath{"quoted key"}, "2:1"},
		{"value", keyPath{"quoted key"}, "2:16"},
		{"key", keyPath{"literal.key"}, "3:1"},
		{"key", keyPath{"a"}, "4:1"},
		{"key", keyPath{"a", "b.c"}, "4:5"},
		{"key", keyPath{"a", "b.c", "d"}, "4:13"},
		{"value", keyPath{"a", "b.c", "d"}, "4:17"},
		{"value", keyPath{"links"}, "5:9"},
		{"value", keyPath{"links", 0}, "6:3"},
		{"key", keyPath{"links", 0, "url"}, "6:21"},
		{"value", keyPath{"links", 0, "url"}, "6:27"},
		{"value", keyPath{"links", 1, "url"}, "7:8"},
		{"key", keyPath{"links", 1, "nested", "deep"}, "7:24"},
		{"value", keyPath{"links", 1, "nested", "deep", 1, "z"}, "7:40"},
		{"value", keyPath{"date"}, "12:8"},
		{"table", keyPath{"events"}, "14:1"},
		{"table", keyPath{"events", 0}, "14:1"},
		{"table", keyPath{"events", 1}, "16:1"},
		{"key", keyPath{"events", 1, "kind"}, "17:3"},
		{"value", keyPath{"events", 1, "kind"}, "17:14"},
		{"table", keyPath{"events", 1, "place"}, "18:1"},
		{"value", keyPath{"events", 1, "place", "name"}, "19:8"},
		{"table", keyPath{"events", 1, "parts", 1}, "22:1"},
		{"value", keyPath{"events", 1, "parts", 1, "x"}, "23:5"},
		{"key", keyPath{"markdown", "unsafe_html"}, "25:1"},
		{"table", keyPath{"events", 2}, "missing"},
		{"key", keyPath{"multi", "events"}, "missing"},
		{"enclosing", keyPath{"events", 1, "until"}, "16:1"},
		{"enclosing", keyPath{"links", 1, "title"}, "7:3"},
		{"enclosing", keyPath{"nowhere"}, "missing"},
	}
	for _, tt := range tests {
		var off int
		var ok bool
		switch tt.what {
		case "key":
			off, ok = loc.key(tt.path)
		case "value":
			off, ok = loc.value(tt.path)
		case "table":
			off, ok = loc.table(tt.path)
		case "enclosing":
			off, ok = loc.enclosing(tt.path)
		}
		if got := at(off, ok); got != tt.want {
			t.Errorf("locate: %s of %v at %s, want %s", tt.what, tt.path, got, tt.want)
		}
	}
}

// FuzzLocate holds the locator to what Load needs of it: any text, valid
// TOML or not, gives offsets inside the text and no panic.
func FuzzLocate(f *testing.F) {
	f.Add(`a = "x`)
	f.Add("[[events]]\nkind = 'sig\n")
	f.Add(`x = [{a = [1, {b = """`)
	f.Fuzz(func(t *testing.T, src string) {
		loc := locate([]byte(src))
		for _, m := range []map[string]int{loc.keys, loc.values, loc.tables} {
			for k, off := range m {
				if off < 0 || off > len(src) {
					t.Errorf("offset %d of %q outside the text of %d bytes", off, k, len(src))
				}
			}
		}
	})
}
