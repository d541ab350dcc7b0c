package suggest

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// name is one title or alias of a treaty, split into words.
type name struct {
	id    string
	text  string
	words [][]byte
	// exact marks the words in capitals, which must match exactly.
	exact []bool
}

// nameIndex holds every treaty's names, longest first, so that the first
// name matching at a position is the longest.
type nameIndex struct {
	names  []name
	ids    map[string]bool
	lookup map[string]string // lower-cased id, title and alias -> id
}

func newNameIndex(treaties []Treaty) *nameIndex {
	x := &nameIndex{ids: make(map[string]bool), lookup: make(map[string]string)}
	for _, t := range treaties {
		x.ids[t.ID] = true
		x.lookup[strings.ToLower(t.ID)] = t.ID
		for _, n := range append([]string{t.Title}, t.Aliases...) {
			fields := strings.Fields(n)
			if len(fields) == 0 {
				continue
			}
			x.lookup[strings.ToLower(n)] = t.ID
			nm := name{id: t.ID, text: strings.Join(fields, " ")}
			for _, f := range fields {
				nm.words = append(nm.words, []byte(f))
				nm.exact = append(nm.exact, inCapitals(f))
			}
			x.names = append(x.names, nm)
		}
	}
	slices.SortFunc(x.names, func(a, b name) int {
		return cmp.Or(cmp.Compare(len(b.text), len(a.text)), cmp.Compare(a.text, b.text), cmp.Compare(a.id, b.id))
	})
	return x
}

// resolve returns the id of the treaty a link target names, as the site
// resolves it (id, title or alias, ignoring case), or "".
func (x *nameIndex) resolve(target string) string {
	return x.lookup[strings.ToLower(strings.TrimSpace(target))]
}

// find returns the treaty mentions in r.
func (x *nameIndex) find(src []byte, r run) []Suggestion {
	var out []Suggestion
	for p := r.start; p < r.end; {
		if !wordStart(src, p) {
			p++
			continue
		}
		end, id := x.matchAt(src, p, r.end)
		if end < 0 {
			p++
			continue
		}
		out = append(out, treatySuggestion(src, p, end, id, r.inTable))
		p = end
	}
	return out
}

// matchAt returns the end of the longest name starting at p and its
// treaty, or -1.
func (x *nameIndex) matchAt(src []byte, p, limit int) (int, string) {
	for _, n := range x.names {
		end := n.match(src, p, limit)
		if end < 0 || !wordEnd(src, end) || romanNumeralFollows(src, end, limit) || x.ids[string(src[p:end])] {
			continue
		}
		return end, n.id
	}
	return -1, ""
}

// match returns the end of n written at src[p:], its words separated by
// any white space, or -1.
func (n name) match(src []byte, p, limit int) int {
	for i, w := range n.words {
		if i > 0 {
			q := p
			for q < limit && isSpace(src[q]) {
				q++
			}
			if q == p {
				return -1
			}
			p = q
		}
		if p+len(w) > limit {
			return -1
		}
		got := src[p : p+len(w)]
		if n.exact[i] && !bytes.Equal(got, w) || !n.exact[i] && !bytes.EqualFold(got, w) {
			return -1
		}
		p += len(w)
	}
	return p
}

// inCapitals reports whether a word of a name is written in capitals
// ("INF", "START", "I"): such words are names, not English, and must match
// exactly.
func inCapitals(w string) bool {
	upper := false
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		upper = upper || unicode.IsUpper(r)
	}
	return upper
}

// isWordRune reports whether r continues a word. The hyphen does, so that
// "START-up" and "NPT-related" are not mentions.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_'
}

func wordStart(src []byte, p int) bool {
	if p == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRune(src[:p])
	return !isWordRune(r)
}

func wordEnd(src []byte, p int) bool {
	if p >= len(src) {
		return true
	}
	r, _ := utf8.DecodeRune(src[p:])
	return !isWordRune(r)
}

// romanNumeralFollows reports whether a Roman numeral follows src[:p], as
// in "START II", which names a different treaty than "START".
func romanNumeralFollows(src []byte, p, limit int) bool {
	q := p
	for q < limit && isSpace(src[q]) {
		q++
	}
	if q == p {
		return false
	}
	e := q
	for e < limit && (src[e] == 'I' || src[e] == 'V' || src[e] == 'X') {
		e++
	}
	return e > q && wordEnd(src, e)
}
