package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/treatyline/treatyline/internal/build"
	"github.com/treatyline/treatyline/internal/diag"
)

const checkSynopsis = "treatyline check [-s DIR] [--as-of DATE] [--format text|json|github]"

// checkFormats are the values of check --format.
var checkFormats = []string{"text", "json", "github"}

func (c *cli) check(args []string) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	var f buildFlags
	f.register(fs, false)
	format := "text"
	fs.StringVar(&format, "format", format, "diagnostics as text (to stderr), json (a JSON object a line) or github (workflow commands)")
	err := func() error {
		rest, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(rest) > 0 {
			return usagef("unexpected argument %q", rest[0])
		}
		if !slices.Contains(checkFormats, format) {
			return usagef("unknown format %q: want text, json or github", format)
		}
		opts, err := c.options(&f)
		if err != nil {
			return err
		}
		opts.Drafts = true // check validates drafts too
		_, diags := build.Load(opts)
		diags.Sort()
		c.printAs(format, diags)
		if diags.HasErrors() {
			return errReported
		}
		return nil
	}()
	return c.finish(fs, checkSynopsis, err)
}

// printAs prints the sorted list l in format, one of checkFormats. Text
// is for people and goes to stderr, as with every other command; json and
// github are the command's output, for tools, and go to stdout.
func (c *cli) printAs(format string, l diag.List) {
	for _, d := range l {
		switch format {
		case "json":
			writeJSON(c.stdout, d)
		case "github":
			fmt.Fprintln(c.stdout, workflowCommand(d))
		default:
			fmt.Fprintln(c.stderr, d)
		}
	}
}

// jsonDiagnostic is a diagnostic as check --format json writes it. Line
// and Col are 0 for a diagnostic about a whole file; Suggestion is null
// when the message offers none.
type jsonDiagnostic struct {
	File       string  `json:"file"`
	Line       int     `json:"line"`
	Col        int     `json:"col"`
	Severity   string  `json:"severity"`
	Message    string  `json:"message"`
	Suggestion *string `json:"suggestion"`
}

func writeJSON(w io.Writer, d diag.Diagnostic) {
	jd := jsonDiagnostic{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Severity: d.Severity.String(), Message: d.Msg}
	if d.Suggestion != "" {
		jd.Suggestion = &d.Suggestion
	}
	// Encoding cannot fail: the struct holds only strings and ints.
	b, _ := json.Marshal(jd)
	fmt.Fprintf(w, "%s\n", b)
}

// workflowCommand writes d as a GitHub Actions workflow command, which the
// runner shows as an annotation on the file and line:
// ::error file=F,line=L,col=C::MESSAGE.
func workflowCommand(d diag.Diagnostic) string {
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(d.Severity.String())
	b.WriteString(" file=")
	b.WriteString(escapeProperty(d.Pos.File))
	if d.Pos.Line > 0 {
		b.WriteString(",line=" + strconv.Itoa(d.Pos.Line))
	}
	if d.Pos.Col > 0 {
		b.WriteString(",col=" + strconv.Itoa(d.Pos.Col))
	}
	b.WriteString("::")
	b.WriteString(escapeData(d.Msg))
	return b.String()
}

// escapeData escapes a workflow command's message as the runner unescapes
// it (actions/toolkit, command.ts): % first, so escapes are not doubled.
func escapeData(s string) string { return dataEscaper.Replace(s) }

// escapeProperty escapes a property value, where ":" and "," would end it.
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)
