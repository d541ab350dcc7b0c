package content

import (
	"slices"
	"strings"

	"github.com/treatyline/treatyline/internal/diag"
	"github.com/treatyline/treatyline/internal/link"
)

// use is a name written somewhere in the content.
type use struct {
	name string
	pos  diag.Pos
}

// checkNames runs the checks on names that become folders: article slugs
// must be unique, and two tags (or two parties) must not share a slug.
// Each clash is reported at the later place in path order.
func (l *loader) checkNames(articles []*articleFile) {
	slugs := make([]use, 0, len(articles))
	var tags, parties []use
	for _, tf := range l.treaties {
		tags = append(tags, tf.tags...)
		parties = append(parties, tf.parties...)
	}
	for _, af := range articles {
		slugs = append(slugs, use{af.article.Slug, af.slugPos})
		tags = append(tags, af.tags...)
	}

	sortUses(slugs)
	first := map[string]use{}
	for _, u := range slugs {
		if f, dup := first[u.name]; dup {
			l.diags.Add(u.pos, "duplicate article slug %q (also %s)", u.name, f.pos)
			continue
		}
		first[u.name] = u
	}
	l.checkSlugs("tag", tags)
	l.checkSlugs("party", parties)
}

// checkSlugs reports names whose slug is empty or taken by another name.
func (l *loader) checkSlugs(what string, uses []use) {
	sortUses(uses)
	first := map[string]use{}
	slugs := map[string]string{} // by name: thousands of uses share a few names
	for _, u := range uses {
		slug, ok := slugs[u.name]
		if !ok {
			slug = link.Slug(u.name)
			slugs[u.name] = slug
		}
		if slug == "" {
			l.diags.Add(u.pos, "%s %q has no letter or digit to make a folder name of", what, u.name)
			continue
		}
		f, taken := first[slug]
		switch {
		case !taken:
			first[slug] = u
		case f.name != u.name:
			l.diags.Add(u.pos, "%s %q and %s %q at %s share the folder name %q", what, u.name, what, f.name, f.pos, slug)
		}
	}
}

func names(uses []use) []string {
	var out []string
	for _, u := range uses {
		out = append(out, u.name)
	}
	return out
}

func sortUses(uses []use) {
	slices.SortStableFunc(uses, func(a, b use) int {
		if c := a.pos.Compare(b.pos); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
}
