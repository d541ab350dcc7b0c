package link

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSlug holds the slug rule to its promise: nothing from content can
// make a path out of a tag or party name.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"", "Nuclear", "United States", "../../etc", "a/b", `..\x`, "Côte d'Ivoire", " -- ", "日本", "\x00\xff/..", "İstanbul", "ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		s := Slug(name)
		if strings.ContainsAny(s, `/\`) || strings.Contains(s, "..") {
			t.Errorf("Slug(%q) = %q, which holds a path separator or ..", name, s)
		}
		if strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") || strings.Contains(s, "--") {
			t.Errorf("Slug(%q) = %q, not trimmed to single dashes", name, s)
		}
		if !utf8.ValidString(s) {
			t.Errorf("Slug(%q) = %q, not valid UTF-8", name, s)
		}
		if again := Slug(s); again != s {
			t.Errorf("Slug(Slug(%q)) = %q, want %q (idempotent)", name, again, s)
		}
	})
}
