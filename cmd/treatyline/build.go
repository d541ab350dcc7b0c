package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/treatyline/treatyline/internal/build"
	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/diag"
)

// buildMemoryLimit is the soft limit of the Go runtime's memory during a
// build, unless GOMEMLIMIT sets another. A build holds about 4 KB per
// article while it renders, and while the collector marks a large heap,
// for seconds, the pages rendering meanwhile pile up beside it: left to
// itself the heap of a 100,000-article build grows to several times what it
// holds. The limit makes the collector run sooner when the heap nears it,
// which costs CPU time only when it does; a site small enough to build
// under it builds as before.
const buildMemoryLimit = 900 << 20

// buildGCPercent is the collector's GOGC during a build, unless GOGC sets
// another. A build keeps what it loads until its pages are written, while
// Markdown parsing makes garbage many times that size; at Go's default of
// 100 the collector marks the loaded site again each time the garbage
// matches it. At 400 it marks a quarter as often. Against 200, five
// alternating 10,000-article builds took 7% less user time (9.0 s against
// 9.6 s) for a peak of about 240 MB instead of 185 MB. The memory limit
// still bounds the largest sites.
const buildGCPercent = 400

// buildFlags are the flags shared by build, watch and serve.
type buildFlags struct {
	source, output, asOf, baseURL string
	drafts, quiet                 bool
}

func (f *buildFlags) register(fs *flag.FlagSet, writes bool) {
	fs.StringVar(&f.source, "s", ".", "site root, the folder that holds config.toml")
	fs.StringVar(&f.source, "source", ".", "site root (same as -s)")
	fs.StringVar(&f.asOf, "as-of", "", "status date YYYY-MM-DD (default: config as_of, SOURCE_DATE_EPOCH, today)")
	if !writes {
		return
	}
	fs.StringVar(&f.output, "o", "", "output folder (default: the config's output_dir, relative to the site root)")
	fs.StringVar(&f.output, "output", "", "output folder (same as -o)")
	fs.StringVar(&f.baseURL, "base-url", "", "override the config's base_url")
	fs.BoolVar(&f.drafts, "drafts", false, "include draft articles")
	fs.BoolVar(&f.quiet, "quiet", false, "print no summary line")
}

// options turns the flags into build options; errors are usage errors.
func (c *cli) options(f *buildFlags) (build.Options, error) {
	opts := build.Options{Source: f.source, BaseURL: f.baseURL, Drafts: f.drafts, Now: c.now}
	if f.output != "" {
		// A relative -o is relative to the working folder, as usual for
		// command-line tools; output_dir in config.toml is relative to the root.
		out, err := filepath.Abs(f.output)
		if err != nil {
			return opts, err
		}
		opts.Output = out
	}
	if f.asOf != "" {
		d, err := date.Parse(f.asOf)
		if err != nil {
			return opts, usagef("--as-of: %v", err)
		}
		opts.AsOf = d
	}
	fallback, err := c.fallbackAsOf()
	if err != nil {
		return opts, err
	}
	opts.Fallback = fallback
	return opts, nil
}

const buildSynopsis = "treatyline build [-s DIR] [-o DIR] [--as-of DATE] [--base-url URL] [--drafts] [--quiet]"

func (c *cli) build(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	var f buildFlags
	f.register(fs, true)
	return c.finish(fs, buildSynopsis, c.runBuild(ctx, fs, &f, args))
}

func (c *cli) runBuild(ctx context.Context, fs *flag.FlagSet, f *buildFlags, args []string) error {
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("unexpected argument %q", rest[0])
	}
	opts, err := c.options(f)
	if err != nil {
		return err
	}
	stopProgress := func() {}
	if !f.quiet {
		stopProgress = c.showProgress(&opts)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(buildMemoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(buildGCPercent)
	}
	stats, diags, err := build.Build(ctx, opts)
	stopProgress()
	if c.printDiagnostics(diags) {
		return errReported
	}
	if err != nil {
		return err
	}
	if !f.quiet {
		fmt.Fprintf(c.stderr, "built %s as of %s\n", stats, stats.AsOf)
	}
	return nil
}

// errReported is returned once diagnostics are printed: exit 1, no more words.
var errReported = fmt.Errorf("errors reported")

// printDiagnostics prints every diagnostic, sorted, and reports whether any
// was an error.
func (c *cli) printDiagnostics(l diag.List) bool {
	l.Sort()
	for _, d := range l {
		fmt.Fprintln(c.stderr, d)
	}
	return l.HasErrors()
}

func (c *cli) version(args []string) int {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	if _, err := parse(fs, args); err != nil {
		return c.finish(fs, "treatyline version", err)
	}
	v := "(devel)"
	if info, ok := debug.ReadBuildInfo(); ok {
		if info.Main.Version != "" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && v == "(devel)" && len(s.Value) >= 12 {
				v = "(devel " + s.Value[:12] + ")"
			}
		}
	}
	fmt.Fprintf(c.stdout, "treatyline %s\n", v)
	return exitOK
}
