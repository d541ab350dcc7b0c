package markdown

import (
	"strings"
	"testing"
)

// TestOffsets checks that every treaty link, annotation and attribute
// records the byte offset of its first character, whatever precedes it.
func TestOffsets(t *testing.T) {
	tests := []struct {
		name string
		src  string
	}{
		{"plain text", "See [[new-start]] and [the text]{date=2021 treaty=jcpoa}.\n"},
		{"CRLF line endings", "First line.\r\nSecond [[new-start|x]]\r\n\r\nThird [a\r\nb]{date=2021\r\nkind=signed}.\r\n"},
		{"multibyte characters before", "Ünïcödé — “quotes” 日本語 [[jcpoa]] ëh [ü]{date=1972 label=\"ß\"}\n"},
		{"inside a block quote and a list", "> quoted\n> [[new-start]] [x]{date=2021\n> kind=signed}\n\n- item [y]{date=2022}\n"},
		{"inside a table cell", "| a | b |\n|---|---|\n| é [[new-start\\|t]] | [z]{date=2023} |\n"},
		{"after a footnote", "Text.[^1]\n\n[^1]: Note [[jcpoa]] and [n]{date=2024}.\n"},
	}
	m := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := m.Parse([]byte(tt.src))
			if len(doc.Links) == 0 || len(doc.Annotations) == 0 {
				t.Fatalf("Parse(%q) found %d links and %d annotations, want some of each", tt.src, len(doc.Links), len(doc.Annotations))
			}
			for _, l := range doc.Links {
				if got := tt.src[l.Offset:]; !strings.HasPrefix(got, "[["+l.Target) {
					t.Errorf("link %q at offset %d: source there is %q, want it to start with [[%s", l.Target, l.Offset, got, l.Target)
				}
			}
			for _, a := range doc.Annotations {
				if got := tt.src[a.Offset:]; !strings.HasPrefix(got, "[") || !strings.Contains(got, "]{") {
					t.Errorf("annotation %q at offset %d: source there is %q, want its [", a.Text, a.Offset, got)
				}
				for _, at := range a.Attrs {
					if got := tt.src[at.Offset:]; !strings.HasPrefix(got, at.Key+"=") {
						t.Errorf("attribute %s at offset %d: source there is %q, want %s=", at.Key, at.Offset, got, at.Key)
					}
				}
			}
		})
	}
}

// TestOffsetsExact pins the offsets of one body with CRLF line endings and
// multibyte characters, as the content package turns them into line:col.
func TestOffsetsExact(t *testing.T) {
	src := "Ü “q”\r\n[[new-start]] [é]{date=2021\r\nkind=signed}\r\n"
	doc := New(Options{}).Parse([]byte(src))
	if len(doc.Links) != 1 || doc.Links[0].Offset != 12 {
		t.Errorf("links = %+v, want one at offset 12", doc.Links)
	}
	if len(doc.Annotations) != 1 {
		t.Fatalf("annotations = %+v, want one", doc.Annotations)
	}
	a := doc.Annotations[0]
	if a.Offset != 26 {
		t.Errorf("annotation offset = %d, want 26", a.Offset)
	}
	want := []Attr{{"date", "2021", 31}, {"kind", "signed", 42}}
	for i, at := range a.Attrs {
		if i >= len(want) || at != want[i] {
			t.Errorf("attrs = %+v, want %+v", a.Attrs, want)
			break
		}
	}
}
