package content

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/diag"
)

// file is one content file being loaded. Its diagnostics go to its own
// list, so a caller can tell whether the file had errors and can drop the
// diagnostics of a draft that is left out.
type file struct {
	path  string
	lines *diag.Lines
	diags diag.List
}

func newFile(path string, src []byte) *file {
	return &file{path: path, lines: diag.NewLines(path, src)}
}

func (f *file) errorAt(offset int, format string, args ...any) {
	f.diags.Add(f.lines.Pos(offset), format, args...)
}

func (f *file) failed() bool { return f.diags.HasErrors() }

// tomlDoc is TOML text inside a file (the whole file, or its front matter)
// with the locator that positions its keys and values.
type tomlDoc struct {
	*file
	base int // offset of the TOML text in the file
	loc  *locator
}

// decodeTOML parses text, found at offset base of f, into a generic map;
// malformed TOML is reported at the position BurntSushi/toml gives.
func decodeTOML(f *file, text []byte, base int) (table, bool) {
	doc := &tomlDoc{file: f, base: base, loc: locate(text)}
	m := map[string]any{}
	if _, err := toml.NewDecoder(bytes.NewReader(text)).Decode(&m); err != nil {
		off := 0
		msg := err.Error()
		var perr toml.ParseError
		if errors.As(err, &perr) {
			off = diag.NewLines("", text).Offset(perr.Position.Line, perr.Position.Col)
			msg = perr.Message
		}
		f.errorAt(base+off, "malformed TOML: %s", msg)
		return table{}, false
	}
	return table{doc: doc, m: m}, true
}

// keyPos is where the key at p is written, else where its table starts.
func (d *tomlDoc) keyPos(p keyPath) diag.Pos {
	if off, ok := d.loc.key(p); ok {
		return d.lines.Pos(d.base + off)
	}
	return d.tablePos(p)
}

// valuePos is where the value at p starts, else where its key or table is.
func (d *tomlDoc) valuePos(p keyPath) diag.Pos {
	if off, ok := d.loc.value(p); ok {
		return d.lines.Pos(d.base + off)
	}
	return d.keyPos(p)
}

// tablePos is the header of the table at p, or of the nearest enclosing one;
// the document itself is at the start of the file.
func (d *tomlDoc) tablePos(p keyPath) diag.Pos {
	if off, ok := d.loc.enclosing(p); ok {
		return d.lines.Pos(d.base + off)
	}
	return d.lines.Pos(0)
}

// table is a decoded TOML table and its place in the document.
type table struct {
	doc  *tomlDoc
	path keyPath
	m    map[string]any
}

func (t table) keyPos(key string) diag.Pos   { return t.doc.keyPos(t.path.with(key)) }
func (t table) valuePos(key string) diag.Pos { return t.doc.valuePos(t.path.with(key)) }
func (t table) pos() diag.Pos                { return t.doc.tablePos(t.path) }

func (t table) errorAt(pos diag.Pos, format string, args ...any) {
	t.doc.diags.Add(pos, format, args...)
}

// checkKeys reports every key of t that is not in known, with a suggestion.
func (t table) checkKeys(known []string) {
	for _, k := range slices.Sorted(maps.Keys(t.m)) {
		if !slices.Contains(known, k) {
			t.doc.diags.AddUnknown(t.keyPos(k), k, known, "unknown key %q", k)
		}
	}
}

// require reports each key that t lacks at t's header, and reports whether
// all are present.
func (t table) require(keys ...string) bool {
	ok := true
	for _, k := range keys {
		if _, has := t.m[k]; !has {
			t.errorAt(t.pos(), "missing required key %q", k)
			ok = false
		}
	}
	return ok
}

func (t table) has(key string) bool { _, ok := t.m[key]; return ok }

// str returns the string at key; ok is false when it is absent or not a string.
func (t table) str(key string) (s string, ok bool) {
	v, has := t.m[key]
	if !has {
		return "", false
	}
	if s, ok = v.(string); !ok {
		t.errorAt(t.valuePos(key), "%s must be a string, not %s", key, typeName(v))
	}
	return s, ok
}

// nonEmpty is str for keys whose value must say something.
func (t table) nonEmpty(key string) (string, bool) {
	s, ok := t.str(key)
	if ok && strings.TrimSpace(s) == "" {
		t.errorAt(t.valuePos(key), "%s must not be empty", key)
		return "", false
	}
	return s, ok
}

// uses returns the array of strings at key, with the place of each.
// Elements that are not strings are reported and left out.
func (t table) uses(key string) []use {
	v, has := t.m[key]
	if !has {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		t.errorAt(t.valuePos(key), "%s must be an array of strings, not %s", key, typeName(v))
		return nil
	}
	out := make([]use, 0, len(arr))
	for i, e := range arr {
		s, ok := e.(string)
		if !ok {
			t.errorAt(t.elemPos(key, i), "%s must hold strings, not %s", key, typeName(e))
			continue
		}
		out = append(out, use{s, t.elemPos(key, i)})
	}
	return out
}

// elemPos is where element i of the array at key starts.
func (t table) elemPos(key string, i int) diag.Pos { return t.doc.valuePos(t.path.with(key, i)) }

// date returns the date at key.
func (t table) date(key string) (date.Date, bool) {
	v, has := t.m[key]
	if !has {
		return date.Date{}, false
	}
	d, err := date.FromTOML(v)
	if err != nil {
		t.errorAt(t.valuePos(key), "%s", err)
		return date.Date{}, false
	}
	return d, true
}

func (t table) boolean(key string) (bool, bool) {
	v, has := t.m[key]
	if !has {
		return false, false
	}
	b, ok := v.(bool)
	if !ok {
		t.errorAt(t.valuePos(key), "%s must be true or false, not %s", key, typeName(v))
	}
	return b, ok
}

func (t table) integer(key string) (int, bool) {
	v, has := t.m[key]
	if !has {
		return 0, false
	}
	n, ok := v.(int64)
	if !ok {
		t.errorAt(t.valuePos(key), "%s must be an integer, not %s", key, typeName(v))
	}
	return int(n), ok
}

// sub returns the table at key.
func (t table) sub(key string) (table, bool) {
	v, has := t.m[key]
	if !has {
		return table{}, false
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.errorAt(t.valuePos(key), "%s must be a table, not %s", key, typeName(v))
		return table{}, false
	}
	return table{doc: t.doc, path: t.path.with(key), m: m}, true
}

// tables returns the array of tables at key: [[key]] tables or an inline
// array of inline tables.
func (t table) tables(key string) []table {
	v, has := t.m[key]
	if !has {
		return nil
	}
	var elems []any
	switch v := v.(type) {
	case []map[string]any:
		for _, m := range v {
			elems = append(elems, m)
		}
	case []any:
		elems = v
	default:
		t.errorAt(t.valuePos(key), "%s must be an array of tables, not %s", key, typeName(v))
		return nil
	}
	var out []table
	for i, e := range elems {
		m, ok := e.(map[string]any)
		if !ok {
			t.errorAt(t.elemPos(key, i), "%s must hold tables, not %s", key, typeName(e))
			continue
		}
		out = append(out, table{doc: t.doc, path: t.path.with(key, i), m: m})
	}
	return out
}

// url returns the URL at key, which must be http, https or mailto: nothing
// else may reach an href.
func (t table) url(key string) (string, bool) {
	s, ok := t.str(key)
	if !ok {
		return "", false
	}
	if !safeURL(s) {
		t.errorAt(t.valuePos(key), "%s %q must be an http, https or mailto URL", key, s)
		return "", false
	}
	return s, true
}

func safeURL(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.Host != ""
	case "mailto":
		return u.Opaque != ""
	}
	return false
}

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case time.Time:
		return "a date"
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}
