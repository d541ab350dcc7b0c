// Command treatyline builds treaty-timeline sites: treaty records and
// annotated articles in, a linked, deterministic static site out.
//
// Usage:
//
//	treatyline build  [-s DIR] [-o DIR] [--as-of DATE] [--base-url URL] [--drafts] [--quiet]
//	treatyline check  [-s DIR] [--as-of DATE] [--format text|json|github]
//	treatyline suggest [-s DIR] [--write] [PATH ...]
//	treatyline watch  [build flags] [--poll]
//	treatyline serve  [build flags] [--poll] [--addr HOST:PORT]
//	treatyline new article "Title" [--date DATE] [--treaty ID ...]
//	treatyline new treaty ID [--title TITLE]
//	treatyline version
//
// Exit codes: 0 success, 1 content or build errors, 2 usage errors.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/treatyline/treatyline/internal/date"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

const (
	exitOK      = 0
	exitErrors  = 1
	exitUsage   = 2
	usageHeader = `treatyline builds treaty-timeline sites.

Usage:
  treatyline build  [-s DIR] [-o DIR] [--as-of DATE] [--base-url URL] [--drafts] [--quiet]
  treatyline check  [-s DIR] [--as-of DATE] [--format text|json|github]
                                                     validate only, write nothing
  treatyline suggest [-s DIR] [--write] [PATH ...]   propose treaty links and dated annotations
  treatyline watch  [build flags] [--poll]           build, then rebuild on change
  treatyline serve  [build flags] [--poll] [--addr HOST:PORT]
                                                     build, watch, serve with live reload
  treatyline new article "Title" [--date DATE] [--treaty ID ...]
  treatyline new treaty ID [--title TITLE]           scaffold a content file
  treatyline version

Run "treatyline COMMAND --help" for a command's flags.
`
)

// env gives the process environment; tests pass their own.
type env func(string) string

// cli carries what every command writes to and reads from.
type cli struct {
	stdout, stderr io.Writer
	getenv         env
	now            func() time.Time
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv env) int {
	c := &cli{stdout: stdout, stderr: stderr, getenv: getenv, now: time.Now}
	if len(args) == 0 {
		fmt.Fprint(stderr, usageHeader)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "build":
		return c.build(ctx, rest)
	case "check":
		return c.check(rest)
	case "suggest":
		return c.suggest(rest)
	case "watch":
		return c.watch(ctx, rest, false)
	case "serve":
		return c.watch(ctx, rest, true)
	case "new":
		return c.newContent(rest)
	case "version":
		return c.version(rest)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usageHeader)
		return exitOK
	}
	fmt.Fprintf(stderr, "treatyline: unknown command %q\n\n%s", cmd, usageHeader)
	return exitUsage
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// parse parses args with fs, allowing flags after positional arguments
// (`new article "Title" --date 2021-03-05`), and returns the positional ones.
// It returns flag.ErrHelp for -h/--help.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// finish maps a command's outcome to an exit status, printing usage errors
// with the command's flags.
func (c *cli) finish(fs *flag.FlagSet, synopsis string, err error) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errReported):
		return exitErrors
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprintf(c.stdout, "Usage: %s\n\nFlags:\n", synopsis)
		fs.SetOutput(c.stdout)
		fs.PrintDefaults()
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(c.stderr, "treatyline: %s\nUsage: %s\nRun with --help for the flags.\n", ue.msg, synopsis)
		return exitUsage
	}
	fmt.Fprintf(c.stderr, "treatyline: %v\n", err)
	return exitErrors
}

// fallbackAsOf is the status date when neither --as-of nor the config sets
// one: SOURCE_DATE_EPOCH (reproducible-builds.org), else today in UTC.
func (c *cli) fallbackAsOf() (date.Date, error) {
	v := c.getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return date.Of(c.now().UTC()), nil
	}
	secs, err := strconv.ParseInt(v, 10, 64)
	if err != nil || secs < 0 || secs > 253402300799 {
		return date.Date{}, usagef("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970-01-01", v)
	}
	return date.Of(time.Unix(secs, 0).UTC()), nil
}
