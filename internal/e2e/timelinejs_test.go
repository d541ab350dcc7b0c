package e2e

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestTimelineJSRendersTheExport loads the site's timeline.json into
// TimelineJS3 itself and expects a slide per event, and no errors.
func TestTimelineJSRendersTheExport(t *testing.T) {
	dist := nodeModule(t, "@knight-lab/timelinejs/dist")
	dir := sampleSite(t)
	data, err := os.ReadFile(filepath.Join(dir, "timeline.json"))
	if err != nil {
		t.Fatal(err)
	}
	var export struct {
		Title  json.RawMessage   `json:"title"`
		Events []json.RawMessage `json:"events"`
	}
	if err := json.Unmarshal(data, &export); err != nil {
		t.Fatalf("timeline.json: %v", err)
	}
	if len(export.Events) == 0 {
		t.Fatal("timeline.json has no events")
	}

	mux := http.NewServeMux()
	mux.Handle("/tl/", http.StripPrefix("/tl/", http.FileServer(http.Dir(dist))))
	mux.Handle("/site/", http.StripPrefix("/site/", http.FileServer(http.Dir(dir))))
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>TimelineJS</title>
<link rel="stylesheet" href="/tl/css/timeline.css"><script src="/tl/js/timeline.js"></script></head>
<body><div id="tl" style="width: 1000px; height: 600px"></div>
<script>
fetch('/site/timeline.json').then(r => r.json()).then(d => { window.tl = new TL.Timeline('tl', d, {script_path: '/tl/js/', font: null}); window.loaded = true; });
</script></body></html>`))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	ctx, problems := browser(t)
	navigate(t, ctx, srv.URL+"/")
	want := len(export.Events)
	if len(export.Title) > 0 && string(export.Title) != "null" {
		want++
	}
	var slides int
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		slides = eval[int](t, ctx, `document.querySelectorAll('#tl .tl-slide').length`)
		if slides >= want {
			break
		}
	}
	if slides != want {
		t.Errorf("TimelineJS rendered %d slides, want %d (one per event, plus the title)", slides, want)
	}
	for _, p := range problems() {
		t.Errorf("TimelineJS: %s", p)
	}
}
