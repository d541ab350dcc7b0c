package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/treatyline/treatyline/internal/build"
	"github.com/treatyline/treatyline/internal/diag"
	"github.com/treatyline/treatyline/internal/serve"
	"github.com/treatyline/treatyline/internal/watch"
)

const (
	watchSynopsis = "treatyline watch [build flags] [--poll]"
	serveSynopsis = "treatyline serve [build flags] [--poll] [--addr HOST:PORT]"
	defaultAddr   = "127.0.0.1:1414"
)

// watch runs `watch`, and `serve` when serving is set: one build, then a
// rebuild per batch of changes until ctx is cancelled (SIGINT, SIGTERM).
func (c *cli) watch(ctx context.Context, args []string, serving bool) int {
	name, synopsis := "watch", watchSynopsis
	if serving {
		name, synopsis = "serve", serveSynopsis
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	var (
		f    buildFlags
		poll bool
		addr string
	)
	f.register(fs, true)
	fs.BoolVar(&poll, "poll", false, "poll for changes instead of using file system notifications")
	if serving {
		fs.StringVar(&addr, "addr", defaultAddr, "address to listen on")
	}
	err := func() error {
		rest, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(rest) > 0 {
			return usagef("unexpected argument %q", rest[0])
		}
		opts, err := c.options(&f)
		if err != nil {
			return err
		}
		l := &liveSite{cli: c, opts: opts, quiet: f.quiet}
		if serving {
			explicit := false
			fs.Visit(func(fl *flag.Flag) { explicit = explicit || fl.Name == "addr" })
			return l.serve(ctx, addr, explicit, poll)
		}
		return l.watch(ctx, poll, nil)
	}()
	return c.finish(fs, synopsis, err)
}

// liveSite is a site being watched, and maybe served.
type liveSite struct {
	*cli
	opts  build.Options
	quiet bool
	// out is the output folder of the last build that got as far as
	// reading its config.
	out string
	// builder keeps the site between batches, so that a batch re-reads
	// and re-renders only what it touched.
	builder *build.Builder
}

// rebuild builds the site, or brings it up to date after the files at
// changed changed when a build came before, and tells srv (when serving)
// how it went.
func (l *liveSite) rebuild(ctx context.Context, what string, changed []string, srv *serve.Server) {
	var (
		stats build.Stats
		diags diag.List
		err   error
	)
	if l.builder == nil {
		l.builder = build.New(l.opts)
		stats, diags, err = l.builder.Build(ctx)
	} else {
		stats, diags, err = l.builder.Rebuild(ctx, changed)
	}
	if stats.Output != "" {
		l.out = stats.Output
	}
	if l.printDiagnostics(diags) || err != nil {
		if err != nil {
			fmt.Fprintf(l.stderr, "treatyline: %v\n", err)
			diags.Add(diag.Pos{}, "%v", err)
		}
		if srv != nil {
			srv.Errors(overlay(diags))
		}
		fmt.Fprintf(l.stderr, "%s: build failed; the last good output stays in place\n", what)
		return
	}
	switch {
	case l.quiet:
	case changed == nil:
		fmt.Fprintf(l.stderr, "%s: %s\n", what, stats)
	default:
		fmt.Fprintf(l.stderr, "%s: %d pages rendered, %d written, %d removed in %dms\n",
			what, stats.Rendered, stats.Written, stats.Removed, stats.Duration.Milliseconds())
	}
	if srv != nil {
		srv.Reload()
	}
}

func overlay(l diag.List) []serve.Diagnostic {
	var out []serve.Diagnostic
	for _, d := range l.Errors() {
		out = append(out, serve.Diagnostic{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Message: d.Msg})
	}
	return out
}

// watch watches the site and rebuilds it on every batch of changes. The
// first build runs once the watches are in place, so a save made while it
// runs gives a rebuild rather than going unseen.
func (l *liveSite) watch(ctx context.Context, poll bool, srv *serve.Server) error {
	out := l.opts.Output
	if out == "" {
		out = filepath.Join(l.opts.Source, "public")
	}
	wopts := watch.Options{
		Root:  l.opts.Source,
		Paths: []string{"content", "templates", "config.toml"},
		// publish refuses an output folder inside content/ or templates/;
		// the exclusion guards against rebuild loops all the same.
		Exclude: []string{out},
		Poll:    poll,
		// Editors save in bursts of a few milliseconds; a short quiet
		// period keeps the edit-to-page time low. A save after a pause
		// waits less still; a burst of saves, or one slowed down by a
		// loaded machine, waits the whole quiet period, so that it gives
		// one rebuild.
		Quiet:  20 * time.Millisecond,
		Settle: 5 * time.Millisecond,
		Warn:   func(msg string) { fmt.Fprintln(l.stderr, msg) },
		Ready: func() {
			l.rebuild(ctx, "built", nil, srv)
			// The first build leaves the garbage of every page it rendered:
			// collected later, it would slow down the first edits by tens
			// of milliseconds each for seconds on a large site.
			runtime.GC()
			fmt.Fprintln(l.stderr, "watching for changes; press Ctrl+C to stop")
		},
	}
	err := watch.Run(ctx, wopts, func(b watch.Batch) {
		l.rebuild(ctx, describe(b.Paths), b.Paths, srv)
	})
	if errors.Is(err, context.Canceled) || ctx.Err() != nil {
		return nil
	}
	return err
}

// describe names what changed in a rebuild's line.
func describe(paths []string) string {
	switch len(paths) {
	case 0:
		return "rebuilt"
	case 1:
		return "changed " + paths[0]
	}
	return fmt.Sprintf("changed %s and %d more", paths[0], len(paths)-1)
}

func (l *liveSite) serve(ctx context.Context, addr string, explicit, poll bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usagef("--addr %q: %v", addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		if !explicit {
			return usagef("refusing to listen on %s without --addr", addr)
		}
		fmt.Fprintf(l.stderr, "warning: serving on %s makes the preview reachable from other machines\n", addr)
	}
	// The config at the start fixes the output folder and the base path.
	out, base := filepath.Join(l.opts.Source, "public"), "/"
	if site, _ := build.Load(l.opts); site != nil {
		if dir, err := l.opts.OutputDir(site.Config); err == nil {
			out = dir
		}
		base = basePath(site.Config.BaseURL)
	}
	srv := serve.New(serve.Options{Dir: out, BasePath: base, Hosts: []string{host}})
	defer srv.Close()

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	fmt.Fprintf(l.stderr, "serving http://%s%s\n", ln.Addr(), base)

	werr := l.watch(ctx, poll, srv)
	srv.Close()
	shutdown, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	hs.Shutdown(shutdown)
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return werr
}

// basePath is the path of a base_url ("/" without one), under which serve
// publishes the preview as it will be published.
func basePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil {
		return "/"
	}
	if p := strings.Trim(u.Path, "/"); p != "" {
		return "/" + p + "/"
	}
	return "/"
}
