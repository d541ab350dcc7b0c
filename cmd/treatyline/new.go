package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/treatyline/treatyline/internal/date"
)

const newSynopsis = `treatyline new article "Title" [--date DATE] [--treaty ID ...] [-s DIR]
       treatyline new treaty ID [--title TITLE] [-s DIR]`

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func (c *cli) newContent(args []string) int {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	var (
		source, when, title string
		treaties            listFlag
	)
	fs.StringVar(&source, "s", ".", "site root")
	fs.StringVar(&source, "source", ".", "site root (same as -s)")
	fs.StringVar(&when, "date", "", "article date YYYY-MM-DD (default: today)")
	fs.Var(&treaties, "treaty", "id of a treaty the article references (repeatable)")
	fs.StringVar(&title, "title", "", "treaty title (default: from the id)")
	err := func() error {
		rest, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(rest) != 2 {
			return usagef("new takes a kind (article or treaty) and a title or id")
		}
		var rel, text string
		switch rest[0] {
		case "article":
			rel, text, err = c.articleScaffold(rest[1], when, treaties)
		case "treaty":
			rel, text, err = treatyScaffold(rest[1], title)
		default:
			return usagef("unknown kind %q: want article or treaty", rest[0])
		}
		if err != nil {
			return err
		}
		return create(source, rel, text, c)
	}()
	return c.finish(fs, newSynopsis, err)
}

var validID = regexp.MustCompile(`^[a-z0-9-]+$`)

func (c *cli) articleScaffold(title, when string, treaties []string) (rel, text string, err error) {
	if strings.TrimSpace(title) == "" {
		return "", "", usagef("the article needs a title")
	}
	d := date.Of(c.now().UTC())
	if when != "" {
		if d, err = date.Parse(when); err != nil {
			return "", "", usagef("--date: %v", err)
		}
	}
	slug := asciiSlug(title)
	if slug == "" {
		return "", "", usagef("cannot make a file name from %q: use a title with latin letters or digits", title)
	}
	for _, id := range treaties {
		if !validID.MatchString(id) {
			return "", "", usagef("--treaty %q: an id is lower-case letters, digits and dashes", id)
		}
	}
	quoted := make([]string, len(treaties))
	for i, id := range treaties {
		quoted[i] = strconv.Quote(id)
	}
	text = fmt.Sprintf(`+++
title    = %s
date     = %s
summary  = ""
author   = ""
treaties = [%s]
tags     = []
draft    = true
+++

Write the article here. Link a treaty with [[new-start]] or [[new-start|the treaty]],
and put a reported event on the timeline with a dated annotation:
[the treaty was extended]{date=2021-02-03 treaty=new-start kind=extended until=2026-02-05}.
`, strconv.Quote(title), d, strings.Join(quoted, ", "))
	return fmt.Sprintf("content/articles/%04d/%s.md", d.Year(), slug), text, nil
}

func treatyScaffold(id, title string) (rel, text string, err error) {
	if !validID.MatchString(id) {
		return "", "", usagef("treaty id %q: use lower-case letters, digits and dashes", id)
	}
	if title == "" {
		title = strings.ToUpper(id[:1]) + strings.ReplaceAll(id[1:], "-", " ")
	}
	text = fmt.Sprintf(`title      = %s    # required: the short name
# full_title = ""
# aliases    = []                 # other names, usable in [[links]]
parties    = []                   # required: at least one
# expires    = 2030-01-01         # lapses on this date unless extended
# summary    = ""                 # Markdown, one paragraph
# tags       = []
# links      = [{ title = "Treaty text", url = "https://" }]

# One [[events]] table per lifecycle event. kind is one of: negotiations,
# opened, signed, ratified, in-force, extended, suspended, resumed, withdrawn,
# terminated, expired, superseded, other (other needs a label).
# Optional keys: party (one of parties), place, note, source (a URL), label,
# until (extended only: a date or "indefinite"), by (superseded: successor id).
#
# [[events]]
# date  = 2010-04-08
# kind  = "signed"
# place = ""
`, strconv.Quote(title))
	return "content/treaties/" + id + ".toml", text, nil
}

// create writes a new content file and prints its path; it never overwrites.
func create(source, rel, text string, c *cli) error {
	path := filepath.Join(source, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; not overwriting it", rel)
	}
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, rel)
	return nil
}

// asciiSlug makes a file name of a title: the [a-z0-9-]+ form that article
// slugs must have, so letters outside ASCII are left out.
func asciiSlug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		if r != '\'' && r != '’' {
			dash = true
		}
	}
	return b.String()
}
