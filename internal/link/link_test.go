package link

import (
	"strings"
	"testing"
)

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
		{strings.Repeat("a/", 20) + "index.html", "./", strings.Repeat("../", 20)},
	}
	for _, tt := range tests {
		if got := Rel(tt.file, tt.target); got != tt.want {
			t.Errorf("Rel(%q, %q) = %q, want %q", tt.file, tt.target, got, tt.want)
		}
	}
}

// TestPageFrom checks PageFrom against the Page and Rel it stands for, from
// pages at every depth, deeper than its table of parents too.
func TestPageFrom(t *testing.T) {
	files := []string{"index.html", "404.html", "treaties/index.html", "treaties/new-start/index.html",
		"tags/x/page/2/index.html", strings.Repeat("a/", 20) + "index.html"}
	for _, pretty := range []bool{false, true} {
		s := Style{Pretty: pretty}
		for _, file := range files {
			for _, dir := range []string{"", "/", "treaties", "treaties/new-start/", "/timeline/2021"} {
				for _, frag := range []string{"", "e-1"} {
					target := s.Page(dir)
					if frag != "" {
						target += "#" + frag
					}
					if got, want := s.PageFrom(file, dir, frag), Rel(file, target); got != want {
						t.Errorf("%+v.PageFrom(%q, %q, %q) = %q, want %q", s, file, dir, frag, got, want)
					}
				}
			}
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
