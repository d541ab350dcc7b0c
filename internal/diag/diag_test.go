package diag

import (
	"fmt"
	"testing"
)

func TestLinesPos(t *testing.T) {
	src := []byte("\ufeffa = 1\r\nbb = 2\nccc")
	l := NewLines("x.toml", src)
	tests := []struct {
		offset int
		want   string
	}{
		{0, "x.toml:1:1"},
		{3, "x.toml:1:4"}, // after the BOM's three bytes
		{9, "x.toml:1:10"},
		{10, "x.toml:2:1"},
		{17, "x.toml:3:1"},
		{19, "x.toml:3:3"},
		{99, "x.toml:3:4"},
	}
	for _, tt := range tests {
		if got := l.Pos(tt.offset).String(); got != tt.want {
			t.Errorf("Pos(%d) = %s, want %s", tt.offset, got, tt.want)
		}
		p := l.Pos(tt.offset)
		if back := l.Offset(p.Line, p.Col); back != min(tt.offset, len(src)) {
			t.Errorf("Offset(Pos(%d)) = %d", tt.offset, back)
		}
	}
}

func TestListSortsAndReportsErrors(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Fatal("empty list has an error")
	}
	l.Warn(Pos{"b.md", 1, 1}, "no reference")
	if l.Err() != nil {
		t.Fatal("a warning alone is an error")
	}
	l.Add(Pos{"a.toml", 5, 8}, "unknown event kind %q", "sigend")
	l.Add(Pos{"a.toml", 2, 1}, "missing %q", "title")
	l.Add(Pos{"a.toml", 2, 1}, "missing %q", "title")
	l.Sort()
	want := []string{
		`a.toml:2:1: missing "title"`,
		`a.toml:5:8: unknown event kind "sigend"`,
		`b.md:1:1: warning: no reference`,
	}
	if len(l) != len(want) {
		t.Fatalf("got %d diagnostics, want %d: %v", len(l), len(want), l)
	}
	for i, d := range l {
		if d.String() != want[i] {
			t.Errorf("diagnostic %d = %s, want %s", i, d, want[i])
		}
	}
	if len(l.Errors()) != 2 || l.Err() == nil {
		t.Errorf("Errors() = %v", l.Errors())
	}
}

func TestSuggest(t *testing.T) {
	kinds := []string{"negotiations", "opened", "signed", "ratified", "in-force", "extended", "expired"}
	tests := []struct{ in, want string }{
		{"sigend", "signed"},
		{"Signed", "signed"},
		{"inforce", "in-force"},
		{"extnded", "extended"},
		{"banana", ""},
		{"x", ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.in, kinds); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func ExampleDidYouMean() {
	fmt.Printf("unknown event kind %q%s\n", "sigend", DidYouMean("sigend", []string{"signed", "opened"}))
	// Output: unknown event kind "sigend" (did you mean "signed"?)
}

func TestAddUnknownNamesItsSuggestion(t *testing.T) {
	kinds := []string{"signed", "opened", "extended"}
	tests := []struct {
		name, in       string
		wantMsg, wantS string
	}{
		{"close name is suggested", "sigend", `unknown event kind "sigend" (did you mean "signed"?)`, "signed"},
		{"other case is suggested", "Signed", `unknown event kind "Signed" (did you mean "signed"?)`, "signed"},
		{"far name has no suggestion", "banana", `unknown event kind "banana"`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l List
			l.AddUnknown(Pos{"a.toml", 5, 8}, tt.in, kinds, "unknown event kind %q", tt.in)
			if len(l) != 1 {
				t.Fatalf("AddUnknown added %d diagnostics, want 1", len(l))
			}
			d := l[0]
			if d.Msg != tt.wantMsg || d.Suggestion != tt.wantS || d.Severity != Error {
				t.Errorf("AddUnknown(%q) = %q, suggestion %q, %v; want %q, suggestion %q, error",
					tt.in, d.Msg, d.Suggestion, d.Severity, tt.wantMsg, tt.wantS)
			}
		})
	}
}
