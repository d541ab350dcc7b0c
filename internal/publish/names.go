package publish

import (
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"slices"
	"strings"
)

const (
	// markerName is the marker file in the output folder. Every top-level
	// name starting with it belongs to treatyline, never to a page.
	markerName = ".treatyline"
	// tmpFolder, inside the output folder, holds the files of an incremental
	// build until Commit renames them into place.
	tmpFolder = markerName + "-tmp"
	// stagingSuffix and asideSuffix name the folders next to the output
	// folder: ".public" + suffix.
	stagingSuffix = ".treatyline-new"
	asideSuffix   = ".treatyline-old"
)

// checkName rejects a name that is not a clean slash path inside the output
// folder, or that falls in the marker's namespace.
func checkName(name string) error {
	reason := ""
	switch {
	case name == "":
		reason = "empty"
	case strings.ContainsRune(name, 0):
		reason = "contains a NUL byte"
	case strings.Contains(name, `\`):
		reason = "contains a backslash"
	case path.IsAbs(name):
		reason = "absolute"
	case climbs(name):
		reason = "climbs out with .."
	case name == "." || !fs.ValidPath(name):
		reason = "not a clean slash path"
	case strings.HasPrefix(name, markerName):
		reason = "reserved for the " + markerName + " marker"
	}
	if reason != "" {
		return fmt.Errorf("invalid output file name %q: %s", name, reason)
	}
	return nil
}

// climbs reports whether a slash path has a ".." element. It runs on every
// line of the marker, so it does not allocate.
func climbs(name string) bool {
	for part := range strings.SplitSeq(name, "/") {
		if part == ".." {
			return true
		}
	}
	return false
}

// encodeMarker gives the marker's content: names sorted, one per line, so
// that the same build gives the same bytes.
func encodeMarker(names []string) []byte {
	slices.Sort(names)
	var b strings.Builder
	for _, n := range names {
		b.WriteString(n)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// parseMarker reads a marker's list of files. A line that is not a valid
// name is skipped, so an edited marker can never point outside the folder.
// canonical reports whether data is exactly what encodeMarker makes of the
// names, so that a commit adding and removing none may leave it as it is.
func parseMarker(data []byte, log *slog.Logger) (names map[string]bool, canonical bool) {
	names = make(map[string]bool)
	canonical = true
	prev := ""
	for line := range strings.Lines(string(data)) {
		line, ended := strings.CutSuffix(line, "\n")
		if !ended || line <= prev {
			// Unterminated, empty, repeated or out of order.
			canonical = false
		}
		prev = line
		if line == "" {
			continue
		}
		if err := checkName(line); err != nil {
			log.Warn("skipping a line of the marker", "line", line, "err", err)
			canonical = false
			continue
		}
		names[line] = true
	}
	return names, canonical
}
