package e2e

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestScreenshots writes the home, a timeline year and a treaty page at
// desktop and phone widths to screenshots/ at the repository root (or to
// $TREATYLINE_SCREENSHOTS) for people to review, and checks that no page is
// wider than a phone's screen.
func TestScreenshots(t *testing.T) {
	out := os.Getenv("TREATYLINE_SCREENSHOTS")
	if out == "" {
		out = filepath.Join(repoRoot, "screenshots")
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	dir := sampleSite(t)
	ctx, _ := browser(t)
	base := serveDir(t, dir)
	pages := htmlPages(t, dir)
	for _, rel := range []string{"index.html", firstPage(t, pages, "timeline/"), firstPage(t, pages, "treaties/")} {
		for _, width := range []int64{1280, 390} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
				t.Fatal(err)
			}
			navigate(t, ctx, base+rel)
			if width == 390 {
				if scroll := eval[int](t, ctx, `document.documentElement.scrollWidth`); scroll > 390 {
					t.Errorf("%s at 390 px is %d px wide: it scrolls sideways", rel, scroll)
				}
			}
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			name := strings.NewReplacer("/", "-", ".html", "").Replace(rel) + "-" + strconv.FormatInt(width, 10) + ".png"
			if err := os.WriteFile(filepath.Join(out, name), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
