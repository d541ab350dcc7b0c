// Package diag holds positioned diagnostics: the errors and warnings that
// treatyline reports about a site's content, as path:line:col: message.
package diag

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Pos is a place in a file of the site. File is a slash path relative to the
// site root; Line and Col are 1-based and Col counts bytes, as go/token does.
// A zero Line means the whole file.
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Compare orders positions by file, line and column.
func (p Pos) Compare(q Pos) int {
	if c := strings.Compare(p.File, q.File); c != 0 {
		return c
	}
	if p.Line != q.Line {
		return p.Line - q.Line
	}
	return p.Col - q.Col
}

// Severity tells an error, which stops a build, from a warning, which does not.
type Severity uint8

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem found in the content.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Msg      string
	// Suggestion is the known name that Msg offers in its "did you mean"
	// suffix, or "", so that tools need not parse the message.
	Suggestion string
}

func (d Diagnostic) String() string {
	if d.Severity == Warning {
		return d.Pos.String() + ": warning: " + d.Msg
	}
	return d.Pos.String() + ": " + d.Msg
}

// List collects diagnostics, modelled on go/scanner.ErrorList. The zero value
// is ready to use. A List is not safe for concurrent use.
type List []Diagnostic

// Add records an error at pos.
func (l *List) Add(pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warn records a warning at pos.
func (l *List) Warn(pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// AddUnknown records an error at pos about name, which is not one of known:
// the message is format and args followed by [DidYouMean]'s suffix, and the
// diagnostic's Suggestion is the name that suffix offers.
func (l *List) AddUnknown(pos Pos, name string, known []string, format string, args ...any) {
	d := Diagnostic{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)}
	if s := Suggest(name, known); s != "" && s != name {
		d.Msg += didYouMean(s)
		d.Suggestion = s
	}
	*l = append(*l, d)
}

// Append adds every diagnostic of m.
func (l *List) Append(m List) { *l = append(*l, m...) }

// Sort orders the list by position, then message, and drops exact repeats.
func (l *List) Sort() {
	slices.SortStableFunc(*l, func(a, b Diagnostic) int {
		if c := a.Pos.Compare(b.Pos); c != 0 {
			return c
		}
		return strings.Compare(a.Msg, b.Msg)
	})
	*l = slices.Compact(*l)
}

// HasErrors reports whether any diagnostic is an error rather than a warning.
func (l List) HasErrors() bool {
	return slices.ContainsFunc(l, func(d Diagnostic) bool { return d.Severity == Error })
}

// Errors returns only the errors of l.
func (l List) Errors() List {
	var out List
	for _, d := range l {
		if d.Severity == Error {
			out = append(out, d)
		}
	}
	return out
}

// Err returns l as an error if it holds any error, else nil.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return l.Errors()
}

func (l List) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].String()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

// Lines maps byte offsets of one file to positions, as go/token.File does.
type Lines struct {
	file  string
	start []int // offset of the first byte of each line
	size  int
}

// NewLines indexes src, a file at the slash path file. Both "\n" and "\r\n"
// end a line; a UTF-8 byte order mark counts as bytes of the first line.
func NewLines(file string, src []byte) *Lines {
	start := make([]int, 1, 1+bytes.Count(src, []byte{'\n'}))
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		start = append(start, i)
	}
	return &Lines{file: file, start: start, size: len(src)}
}

// File returns the slash path the lines belong to.
func (l *Lines) File() string { return l.file }

// Pos returns the position of the byte at offset; offsets past the end of
// the file are clamped to it.
func (l *Lines) Pos(offset int) Pos {
	offset = max(0, min(offset, l.size))
	i := sort.Search(len(l.start), func(i int) bool { return l.start[i] > offset }) - 1
	return Pos{File: l.file, Line: i + 1, Col: offset - l.start[i] + 1}
}

// Offset returns the byte offset of line and col, the inverse of Pos.
func (l *Lines) Offset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(l.start) {
		return l.size
	}
	return min(l.start[line-1]+col-1, l.size)
}
