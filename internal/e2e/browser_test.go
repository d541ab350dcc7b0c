package e2e

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// browser starts headless chromium for one test and returns a tab's context
// and a function that returns, and forgets, the console errors, uncaught
// exceptions and failed loads seen so far.
func browser(t *testing.T) (context.Context, func() []string) {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })

	var mu sync.Mutex
	var problems []string
	if err := chromedp.Listen(ctx, func(ev any) {
		var msg string
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				msg = "console error: " + strings.Join(parts, " ")
			}
		case *runtime.EventExceptionThrown:
			msg = "uncaught exception: " + ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil {
				msg += " " + ev.ExceptionDetails.Exception.Description
			}
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError {
				msg = "log error: " + ev.Entry.Text + " " + ev.Entry.URL
			}
		}
		if msg != "" {
			mu.Lock()
			problems = append(problems, msg)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		p := problems
		problems = nil
		return p
	}
}

// eval evaluates a JavaScript expression, awaiting a promise, into T.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %.60q: %v", expr, err)
	}
	return v
}

func navigate(t *testing.T, ctx context.Context, u string) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(u)); err != nil {
		t.Fatalf("opening %s: %v", u, err)
	}
}

// fileURL is the file:// URL of a page of the site.
func fileURL(dir, rel string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, rel))}).String()
}

// TestPagesLoadWithoutErrors opens every page over HTTP and from file://
// and fails on any console error, uncaught exception or failed load.
func TestPagesLoadWithoutErrors(t *testing.T) {
	dir := sampleSite(t)
	ctx, problems := browser(t)
	base := serveDir(t, dir)
	pages := htmlPages(t, dir)
	for _, rel := range pages {
		for _, u := range []string{base + rel, fileURL(dir, rel)} {
			if rel == "404.html" && strings.HasPrefix(u, "file:") {
				continue // its links start from base_url's path, for servers
			}
			navigate(t, ctx, u)
			// A script's errors show once it has run: wait for the load event's tasks.
			eval[bool](t, ctx, `new Promise(r => setTimeout(() => r(true), 0))`)
			for _, p := range problems() {
				t.Errorf("%s: %s", u, p)
			}
		}
	}
}

// TestBrowserResolvesEveryLinkAndFragment checks, in the browser and over
// both schemes, the links of the main kinds of pages: every same-site link
// leads to a page that exists, and every fragment to an element.
func TestBrowserResolvesEveryLinkAndFragment(t *testing.T) {
	dir := sampleSite(t)
	ctx, _ := browser(t)
	base := serveDir(t, dir)
	pages := htmlPages(t, dir)
	seen := map[string]bool{}
	sample := []string{"index.html", "timeline/index.html", firstPage(t, pages, "timeline/"), firstPage(t, pages, "treaties/"), firstPage(t, pages, "articles/")}
	for _, rel := range sample {
		for _, start := range []string{base + rel, fileURL(dir, rel)} {
			navigate(t, ctx, start)
			links := eval[[]string](t, ctx, `[...document.querySelectorAll('a[href]')].map(a => a.href)`)
			for _, link := range links {
				u, err := url.Parse(link)
				if err != nil {
					t.Errorf("%s: bad link %q", start, link)
					continue
				}
				var rel string
				switch {
				case u.Scheme == "file":
					rel = strings.TrimPrefix(u.Path, filepath.ToSlash(dir)+"/")
				case strings.HasPrefix(link, base):
					rel = strings.TrimPrefix(u.Path, strings.TrimPrefix(base, srvRoot(base)))
				default:
					continue // another site
				}
				if rel == "" || strings.HasSuffix(rel, "/") {
					rel += "index.html"
				}
				file := filepath.Join(dir, filepath.FromSlash(rel))
				if info, err := os.Stat(file); err != nil || info.IsDir() {
					t.Errorf("%s: link %s leads nowhere", start, link)
					continue
				}
				if u.Fragment == "" || seen[link] {
					continue
				}
				seen[link] = true
				navigate(t, ctx, link)
				if !eval[bool](t, ctx, fmt.Sprintf(`document.getElementById(%q) !== null`, u.Fragment)) {
					t.Errorf("%s: link %s: no element with id %q", start, link, u.Fragment)
				}
				navigate(t, ctx, start)
			}
		}
	}
}

// setColorScheme emulates prefers-color-scheme (light or dark).
func setColorScheme(t *testing.T, ctx context.Context, scheme string) {
	t.Helper()
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
	if err != nil {
		t.Fatal(err)
	}
}

// srvRoot returns the scheme and host part of a URL: "http://127.0.0.1:8080".
func srvRoot(u string) string {
	i := strings.Index(u[len("http://"):], "/")
	return u[:len("http://")+i]
}
