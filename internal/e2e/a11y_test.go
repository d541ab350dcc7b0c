package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// violation is what axe-core reports of one broken rule.
type violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// TestAccessibility runs axe-core on the home, a timeline year, a treaty, an
// article and the lifespan chart page, in light and dark mode, and fails on
// serious or critical violations.
func TestAccessibility(t *testing.T) {
	axe, err := os.ReadFile(nodeModule(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	dir := sampleSite(t)
	ctx, _ := browser(t)
	base := serveDir(t, dir)
	pages := htmlPages(t, dir)
	for _, rel := range []string{"index.html", firstPage(t, pages, "timeline/"), firstPage(t, pages, "treaties/"), firstPage(t, pages, "articles/"), "timeline/chart/index.html"} {
		for _, scheme := range []string{"light", "dark"} {
			navigate(t, ctx, base+rel)
			setColorScheme(t, ctx, scheme)
			eval[bool](t, ctx, string(axe)+";true")
			found := eval[[]violation](t, ctx, `axe.run(document, {resultTypes: ['violations']}).then(r =>
				r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))`)
			for _, v := range found {
				if v.Impact == "serious" || v.Impact == "critical" {
					t.Errorf("%s (%s): %s %s: %s at %s", rel, scheme, v.Impact, v.ID, v.Help, strings.Join(v.Nodes, ", "))
				}
			}
		}
	}
}

// TestHTMLIsValid runs the Nu Html Checker over every page of the site.
func TestHTMLIsValid(t *testing.T) {
	jar := nodeModule(t, "vnu-jar/build/dist/vnu.jar")
	java, err := exec.LookPath("java")
	require(t, "java", err == nil)
	dir := sampleSite(t)
	cmd := exec.Command(java, "-jar", jar, "--errors-only", "--format", "json", "--skip-non-html", dir)
	out, err := cmd.CombinedOutput()
	var report struct {
		Messages []struct {
			URL     string `json:"url"`
			Type    string `json:"type"`
			Line    int    `json:"lastLine"`
			Message string `json:"message"`
		} `json:"messages"`
	}
	if jerr := json.Unmarshal(out, &report); jerr != nil {
		t.Fatalf("vnu: %v (%v)\n%s", err, jerr, out)
	}
	for _, m := range report.Messages {
		rel, _ := filepath.Rel(dir, strings.TrimPrefix(m.URL, "file:"))
		t.Errorf("%s:%d: %s: %s", rel, m.Line, m.Type, m.Message)
	}
	if err != nil && len(report.Messages) == 0 {
		t.Fatalf("vnu: %v\n%s", err, out)
	}
}
