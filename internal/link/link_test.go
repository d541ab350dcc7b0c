package link

import "testing"

func TestPage(t *testing.T) {
	tests := []struct {
		dir           string
		plain, pretty string
	}{
		{"", "index.html", "./"},
		{"treaties/new-start", "treaties/new-start/index.html", "treaties/new-start/"},
		{"/timeline/2021/", "timeline/2021/index.html", "timeline/2021/"},
	}
	for _, tt := range tests {
		if got := (Style{}).Page(tt.dir); got != tt.plain {
			t.Errorf("Page(%q) = %q, want %q", tt.dir, got, tt.plain)
		}
		if got := (Style{Pretty: true}).Page(tt.dir); got != tt.pretty {
			t.Errorf("pretty Page(%q) = %q, want %q", tt.dir, got, tt.pretty)
		}
	}
}

func TestRel(t *testing.T) {
	tests := []struct{ file, target, want string }{
		{"index.html", "treaties/new-start/index.html", "treaties/new-start/index.html"},
		{"treaties/new-start/index.html", "timeline/2021/index.html#e-1", "../../timeline/2021/index.html#e-1"},
		{"treaties/new-start/index.html", "index.html", "../../index.html"},
		{"treaties/new-start/index.html", "./", "../../"},
		{"index.html", "./", "./"},
		{"index.html", "#top", "./#top"},
		{"404.html", "assets/style.css", "assets/style.css"},
		{"tags/x/page/2/index.html", "tags/x/", "../../../../tags/x/"},
	}
	for _, tt := range tests {
		if got := Rel(tt.file, tt.target); got != tt.want {
			t.Errorf("Rel(%q, %q) = %q, want %q", tt.file, tt.target, got, tt.want)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"United States", "united-states"},
		{"  Soviet Union (USSR) ", "soviet-union-ussr"},
		{"Côte d’Ivoire", "côte-d-ivoire"},
		{"../../etc", "etc"},
		{`a\b/c`, "a-b-c"},
		{"日本", "日本"},
		{"--", ""},
		{"Nuclear", "nuclear"},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
