package suggest

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"

	"github.com/treatyline/treatyline/internal/date"
)

// Treaty is what the engine needs to know of a treaty.
type Treaty struct {
	ID, Title string
	Aliases   []string
}

// Kind says what a [Suggestion] would add.
type Kind uint8

const (
	// TreatyMention is a plain treaty name that could be a treaty link.
	TreatyMention Kind = iota + 1
	// DateMention is a date phrase that could be a dated annotation.
	DateMention
)

// String returns "treaty" or "date".
func (k Kind) String() string {
	switch k {
	case TreatyMention:
		return "treaty"
	case DateMention:
		return "date"
	}
	return "unknown"
}

// Suggestion is one proposed edit of an article's source.
type Suggestion struct {
	// Offset and End delimit the bytes to replace in the article source
	// (the whole file, front matter included).
	Offset, End int
	Kind        Kind
	// Original is the text found, src[Offset:End].
	Original string
	// Replacement is the exact text to put in its place.
	Replacement string
	// Message says what the edit does, for people.
	Message string
	// Treaty is the id of the treaty mentioned; for a date, the treaty of
	// its sentence, or "" when that is not clear.
	Treaty string
	// Date is the date found; zero for a treaty mention.
	Date date.Date
	// Linked is true for a mention of a treaty that the article already
	// links elsewhere.
	Linked bool
}

// Find returns the suggestions for the article src, whose Markdown body
// starts at bodyOffset, sorted by Offset. articleDate resolves a day and
// month written without a year; with a zero or less than day-precise
// articleDate such phrases are skipped. Every mention of a treaty is
// returned; see [FirstMentions] for the edits worth making. A date is left
// out when its sentence already holds an annotation dated inside it.
func Find(src []byte, bodyOffset int, articleDate date.Date, treaties []Treaty) []Suggestion {
	if bodyOffset < 0 || bodyOffset > len(src) {
		return nil
	}
	names := newNameIndex(treaties)
	body := scanBody(src, bodyOffset, names)
	var out []Suggestion
	for _, r := range body.runs {
		for _, s := range names.find(src, r) {
			s.Linked = body.linked(s.Treaty)
			out = append(out, s)
		}
	}
	mentions := len(out)
	for _, r := range body.runs {
		for _, d := range findDates(src, r, articleDate) {
			sentence := sentenceAround(src, r.block, d.start, d.end)
			if body.annotated(sentence, d.date) {
				continue
			}
			out = append(out, d.suggestion(src, body.soleTreaty(sentence, d.start, out[:mentions])))
		}
	}
	slices.SortFunc(out, func(a, b Suggestion) int {
		return cmp.Or(cmp.Compare(a.Offset, b.Offset), cmp.Compare(a.End, b.End))
	})
	return out
}

// FirstMentions returns the suggestions worth applying in one go: every
// date, and the first mention of each treaty the article does not link yet,
// since a page links a treaty once rather than at every mention.
func FirstMentions(s []Suggestion) []Suggestion {
	seen := make(map[string]bool)
	var out []Suggestion
	for _, x := range s {
		if x.Kind == TreatyMention {
			if x.Linked || seen[x.Treaty] {
				continue
			}
			seen[x.Treaty] = true
		}
		out = append(out, x)
	}
	return out
}

// Apply returns src with the suggestions made, in Offset order. A suggestion
// that overlaps one already made, or whose Original no longer matches src,
// is left out, so Apply is safe on a file edited since [Find] ran.
func Apply(src []byte, s []Suggestion) []byte {
	sorted := slices.Clone(s)
	slices.SortStableFunc(sorted, func(a, b Suggestion) int { return cmp.Compare(a.Offset, b.Offset) })
	var b bytes.Buffer
	b.Grow(len(src))
	done := 0
	for _, x := range sorted {
		if x.Offset < done || x.End < x.Offset || x.End > len(src) ||
			string(src[x.Offset:x.End]) != x.Original {
			continue
		}
		b.Write(src[done:x.Offset])
		b.WriteString(x.Replacement)
		done = x.End
	}
	b.Write(src[done:])
	return b.Bytes()
}

func treatySuggestion(src []byte, start, end int, id string, inTable bool) Suggestion {
	text := collapseSpace(src[start:end])
	bar := "|"
	if inTable {
		// A bare bar would end the GFM table cell.
		bar = `\|`
	}
	return Suggestion{
		Offset:      start,
		End:         end,
		Kind:        TreatyMention,
		Original:    string(src[start:end]),
		Replacement: "[[" + id + bar + text + "]]",
		Message:     fmt.Sprintf("link %q to treaty %s", text, id),
		Treaty:      id,
	}
}
