package timeline

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// hash returns 10 hex digits of a hash of what the entry says, never of its
// position, so its anchor survives edits elsewhere in the site. Notes,
// places and sources are left out: correcting them keeps links working.
func (e *Entry) hash() string {
	var fields []string
	switch e.Kind {
	case TreatyEvent:
		fields = append([]string{"treaty-event", e.Treaty.ID}, e.fact().fields()...)
	case Expiry:
		fields = []string{"expiry", e.Treaty.ID, e.Date.String()}
	case ReportedEvent:
		f := e.fact()
		fields = append([]string{"report", e.Article.Slug, f.treaty}, f.fields()...)
		fields = append(fields, f.text)
	case ArticleEntry:
		fields = []string{"article", e.Article.Slug}
	}
	sum := sha256.Sum256([]byte(strings.Join(fields, "\x00")))
	return hex.EncodeToString(sum[:5])
}

// numberTwins makes the ids of sorted unique. Entries that say the same
// thing share a hash and sit side by side; the second and later get "-2",
// "-3", which keeps sorted sorted by id.
func numberTwins(sorted []*Entry) {
	prev, n := "", 1
	for _, e := range sorted {
		base := e.ID
		if base == prev {
			n++
			e.ID += "-" + strconv.Itoa(n)
		} else {
			n = 1
		}
		prev = base
	}
}

// SourceAnchor returns the id of the anchor that the entry's dated
// annotation carries in its article page, so the two can link to each other:
// "a-" and the entry's hash. It returns "" for an entry not made from an
// annotation.
func (e *Entry) SourceAnchor() string {
	if e.Annotation == nil {
		return ""
	}
	return "a-" + strings.TrimPrefix(e.ID, "e-")
}
