// Package link makes the site's URLs: page paths in the site's link style,
// relative links between pages, and the slug rule for tags and parties.
// Every link treatyline writes into a page comes from here, so the whole site
// follows one rule and works under any base path and from file://.
package link

import (
	"path"
	"strconv"
	"strings"
	"unicode"
)

// Style is the link style of a site.
type Style struct {
	// Pretty links end in the folder ("treaties/new-start/") rather than
	// naming the file ("treaties/new-start/index.html").
	Pretty bool
}

// Page returns the URL of the page in folder dir (a slash path from the site
// root, "" for the home page), relative to the site root, in style s.
func (s Style) Page(dir string) string {
	dir = strings.Trim(dir, "/")
	switch {
	case s.Pretty && dir == "":
		return "./"
	case s.Pretty:
		return dir + "/"
	case dir == "":
		return "index.html"
	}
	return dir + "/index.html"
}

// PageFrom returns the URL of the page in folder dir, with #fragment when
// fragment is not empty, relative to the page written at file:
// Rel(file, s.Page(dir)+"#"+fragment) made in one allocation, since a
// large site makes millions of them.
func (s Style) PageFrom(file, dir, fragment string) string {
	dir = strings.Trim(dir, "/")
	up := parents(file)
	end := "/index.html"
	switch {
	case dir == "" && s.Pretty:
		end = ""
	case dir == "":
		end = "index.html"
	case s.Pretty:
		end = "/"
	}
	if up == "" && dir == "" && end == "" {
		// Otherwise nothing, or a bare #fragment, which is a link to the
		// page itself, not the home page.
		up = "./"
	}
	hash := ""
	if fragment != "" {
		hash = "#"
	}
	return up + dir + end + hash + fragment
}

// ups serves parents without an allocation for all but deep pages.
const ups = "../../../../../../../../../../../../../../../../"

// parents returns "../" for each folder above the page written at file.
func parents(file string) string {
	n := 3 * strings.Count(file, "/")
	if n <= len(ups) {
		return ups[:n]
	}
	return strings.Repeat("../", n/3)
}

// File returns the output file of the page in folder dir: always
// "dir/index.html", whatever the style.
func File(dir string) string {
	dir = strings.Trim(dir, "/")
	if dir == "" {
		return "index.html"
	}
	return dir + "/index.html"
}

// Rel returns a relative URL that leads from the page written at file (a
// slash path from the site root, such as "treaties/new-start/index.html") to
// target (a URL relative to the site root, possibly with a #fragment).
func Rel(file, target string) string {
	target = strings.TrimPrefix(target, "./")
	rel := parents(file) + target
	if rel == "" || strings.HasPrefix(rel, "#") {
		return "./" + rel
	}
	return rel
}

// Slug turns a tag or party name into a folder name: lower case, Unicode
// letters and digits kept, every other run of characters one "-", trimmed.
// It returns "" when nothing is left.
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// The folders of the site's pages, relative to the site root; pass them to
// [Style.Page] for a URL or to [File] for the file.

func Treaty(id string) string    { return "treaties/" + id }
func Article(slug string) string { return "articles/" + slug }
func Year(y int) string          { return "timeline/" + strconv.Itoa(y) }
func Tag(name string) string     { return "tags/" + Slug(name) }
func Party(name string) string   { return "parties/" + Slug(name) }

// Paged returns the folder of page n (1-based) of a list whose first page is
// in dir: dir itself, then dir/page/2 and on.
func Paged(dir string, n int) string {
	if n <= 1 {
		return dir
	}
	return path.Join(dir, "page", strconv.Itoa(n))
}
