package content

import (
	"os"
	"strings"
	"testing"
)

// TestContentDocsListEveryKey holds docs/content.md to the code: every key
// that Load accepts, and every event kind, has a row in the table of its
// section, so a key added without documentation fails here.
func TestContentDocsListEveryKey(t *testing.T) {
	src, err := os.ReadFile("../../docs/content.md")
	if err != nil {
		t.Fatal(err)
	}
	sections := docSections(string(src))
	tests := []struct {
		what, section string
		keys          []string
	}{
		{"config key", "Config", configKeys},
		{"[markdown] key", "Config", markdownKeys},
		{"treaty key", "Treaty records", treatyKeys},
		{"links key", "Treaty records", linkKeys},
		{"treaty event key", "Treaty records", treatyEventKeys},
		{"event kind", "Treaty records", kindNames()},
		{"article key", "Articles", articleKeys},
		{"article event key", "Articles", articleEventKeys},
		{"annotation key", "Annotations", annotationKeys},
	}
	for _, tt := range tests {
		body, ok := sections[tt.section]
		if !ok {
			t.Errorf("docs/content.md has no section %q", tt.section)
			continue
		}
		for _, k := range tt.keys {
			if !strings.Contains(body, "\n| `"+k+"` |") {
				t.Errorf("%s %q: no row \"| `%s` |\" in section %q of docs/content.md", tt.what, k, k, tt.section)
			}
		}
	}
}

// docSections splits Markdown at its "## " headings: heading text to body,
// sub-sections included.
func docSections(md string) map[string]string {
	out := map[string]string{}
	parts := strings.Split("\n"+md, "\n## ")
	for _, part := range parts[1:] {
		heading, body, _ := strings.Cut(part, "\n")
		out[heading] = "\n" + body
	}
	return out
}

func TestDocSections(t *testing.T) {
	got := docSections("# Title\nintro\n## A\n| `x` |\n### Sub\n| `y` |\n## B\ntext\n")
	want := map[string]string{"A": "\n| `x` |\n### Sub\n| `y` |", "B": "\ntext\n"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("docSections()[%q] = %q, want %q", k, got[k], v)
		}
	}
}
