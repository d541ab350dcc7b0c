package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// focusState describes document.activeElement.
type focusState struct {
	What      string `json:"what"`
	Target    bool   `json:"target"`    // it matches the selector sought
	Indicator bool   `json:"indicator"` // a computed outline or box-shadow
	Body      bool   `json:"body"`      // nothing has focus
	OnScreen  bool   `json:"onScreen"`
}

// TestKeyboardReachesFiltersAndChartLinks tabs through pages from the top:
// the first stop is the skip link, shown on screen; the filters and the
// chart's treaty links are reached; and every stop on the way shows where
// the focus is.
func TestKeyboardReachesFiltersAndChartLinks(t *testing.T) {
	dir := sampleSite(t)
	ctx, _ := browser(t)
	base := serveDir(t, dir)
	tests := []struct {
		page, target string
	}{
		{filterYear, `#filter-treaty`},
		{filterYear, `#filter-party`},
		{filterYear, `form[data-filters] button[type="reset"]`},
		{"index.html", `svg.chart a`},
		{"timeline/chart/index.html", `svg.chart a`},
	}
	const maxTabs = 200
	for _, tt := range tests {
		navigate(t, ctx, base+tt.page)
		reached := false
		for i := range maxTabs {
			if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
				t.Fatal(err)
			}
			f := eval[focusState](t, ctx, fmt.Sprintf(`(() => {
				const e = document.activeElement, cs = getComputedStyle(e), r = e.getBoundingClientRect();
				return {
					what: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' "' + (e.textContent || '').trim().slice(0, 40) + '"',
					target: e.matches(%q),
					indicator: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none',
					body: e === document.body,
					onScreen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth,
				};
			})()`, tt.target))
			if i == 0 && (f.What != `a "Skip to content"` || !f.OnScreen) {
				t.Errorf("%s: the first Tab focuses %s (on screen %v), want the skip link, on screen", tt.page, f.What, f.OnScreen)
			}
			if f.Body {
				break // past the last stop
			}
			if !f.Indicator {
				t.Errorf("%s: Tab %d focuses %s with no visible focus indicator", tt.page, i+1, f.What)
			}
			if f.Target {
				reached = true
				break
			}
		}
		if !reached {
			t.Errorf("%s: %d Tabs never reach %s", tt.page, maxTabs, tt.target)
		}
	}
}
