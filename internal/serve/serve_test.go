package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const (
	homePage     = "<!DOCTYPE html>\n<html><body><h1>Arms control</h1></body></html>\n"
	notFoundPage = "<!DOCTYPE html>\n<html><body><h1>Page not found</h1><a href=\"/arms/\">Home</a></body></html>\n"
	secret       = "top secret, outside the output folder"
)

// site writes a built site into a temporary folder "public", next to a
// secret file that must never be served, and returns the folder.
func site(t *testing.T, files map[string]string) string {
	t.Helper()
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(parent, "private"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"secret.txt", "private/secret.txt"} {
		if err := os.WriteFile(filepath.Join(parent, name), []byte(secret), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var sampleFiles = map[string]string{
	"index.html":                    homePage,
	"404.html":                      notFoundPage,
	"treaties/new-start/index.html": "<!DOCTYPE html>\n<html><body><h1>New START</h1></body></html>\n",
	"assets/style.css":              "body { margin: 0 }\n",
	"data/treaties.json":            "{\"as_of\": \"2026-11-27\"}\n",
	"feed.xml":                      "<?xml version=\"1.0\"?><feed></feed>\n",
	"fragment.html":                 "<p>no body element",
	"uppercase.html":                "<HTML><BODY><p>shouting</p></BODY></HTML>",
	"tags/empty/notes.txt":          "a folder without index.html",
	"README":                        "<html><body>sniffed as HTML</body></html>",
}

func newServer(t *testing.T, dir string, opts Options) *Server {
	t.Helper()
	opts.Dir = dir
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(t.Output(), nil))
	}
	s := New(opts)
	t.Cleanup(s.Close)
	return s
}

// listen serves s on a local port until the test ends; s is closed first,
// as a server shutting down does, so that open streams end.
func listen(t *testing.T, s *Server) *httptest.Server {
	ts := httptest.NewServer(s)
	t.Cleanup(func() {
		s.Close()
		ts.Close()
	})
	return ts
}

// get serves one request to s with Host localhost:1414 unless headers say
// otherwise.
func get(s *Server, method, target string, headers map[string]string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	r.Host = "localhost:1414"
	for k, v := range headers {
		if k == "Host" {
			r.Host = v
			continue
		}
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}

const scriptMark = "data-treatyline-reload"

func TestServesFilesUnderBasePath(t *testing.T) {
	s := newServer(t, site(t, sampleFiles), Options{BasePath: "/arms/"})
	tests := []struct {
		target   string
		status   int
		location string
		ctype    string
		body     string
		script   bool
	}{
		{target: "/arms/", status: 200, ctype: "text/html", body: "<h1>Arms control</h1>", script: true},
		{target: "/arms/index.html", status: 200, ctype: "text/html", body: "<h1>Arms control</h1>", script: true},
		{target: "/arms/treaties/new-start/", status: 200, ctype: "text/html", body: "<h1>New START</h1>", script: true},
		{target: "/arms/treaties/new-start/index.html", status: 200, ctype: "text/html", body: "<h1>New START</h1>", script: true},
		{target: "/arms/treaties/new-start", status: 302, location: "/arms/treaties/new-start/"},
		{target: "/arms/treaties/new-start?x=1", status: 302, location: "/arms/treaties/new-start/?x=1"},
		{target: "/arms/assets/style.css", status: 200, ctype: "text/css", body: "body { margin: 0 }"},
		{target: "/arms/data/treaties.json", status: 200, ctype: "application/json", body: `"as_of"`},
		{target: "/arms/feed.xml", status: 200, ctype: "text/xml", body: "<feed></feed>"},
		{target: "/arms/README", status: 200, ctype: "text/html", body: "sniffed as HTML", script: true},
		{target: "/arms/missing.html", status: 404, ctype: "text/html", body: "<h1>Page not found</h1>", script: true},
		{target: "/arms/treaties/missing/", status: 404, ctype: "text/html", body: "<h1>Page not found</h1>", script: true},
		{target: "/arms/tags/empty/", status: 404, ctype: "text/html", body: "<h1>Page not found</h1>", script: true},
		{target: "/elsewhere/index.html", status: 404, ctype: "text/html", body: "<h1>Page not found</h1>", script: true},
		{target: "/", status: 302, location: "/arms/"},
		{target: "/arms", status: 302, location: "/arms/"},
	}
	for _, tt := range tests {
		for _, method := range []string{"GET", "HEAD"} {
			w := get(s, method, tt.target, nil)
			res := w.Result()
			body := w.Body.String()
			if res.StatusCode != tt.status {
				t.Errorf("%s %s: status %d, want %d", method, tt.target, res.StatusCode, tt.status)
				continue
			}
			if loc := res.Header.Get("Location"); loc != tt.location {
				t.Errorf("%s %s: Location %q, want %q", method, tt.target, loc, tt.location)
			}
			if tt.ctype != "" && !strings.HasPrefix(res.Header.Get("Content-Type"), tt.ctype) {
				t.Errorf("%s %s: Content-Type %q, want %s", method, tt.target, res.Header.Get("Content-Type"), tt.ctype)
			}
			if method == "HEAD" {
				if body != "" {
					t.Errorf("HEAD %s: body %q, want none", tt.target, body)
				}
				continue
			}
			if !strings.Contains(body, tt.body) {
				t.Errorf("GET %s: body %q, want it to contain %q", tt.target, body, tt.body)
			}
			if got := strings.Contains(body, scriptMark); got != tt.script {
				t.Errorf("GET %s: reload script injected = %v, want %v", tt.target, got, tt.script)
			}
			if strings.Contains(body, "notes.txt") {
				t.Errorf("GET %s: body %q lists a folder", tt.target, body)
			}
			if cl := res.Header.Get("Content-Length"); cl != "" && cl != itoa(len(body)) {
				t.Errorf("GET %s: Content-Length %s, body is %d bytes", tt.target, cl, len(body))
			}
		}
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestRootBasePath(t *testing.T) {
	s := newServer(t, site(t, sampleFiles), Options{})
	for target, status := range map[string]int{"/": 200, "/index.html": 200, "/treaties/new-start/": 200, "/arms/": 404} {
		if w := get(s, "GET", target, nil); w.Code != status {
			t.Errorf("GET %s with no base path: status %d, want %d", target, w.Code, status)
		}
	}
}

func TestScriptPlacement(t *testing.T) {
	script := []byte("<script></script>")
	tests := []struct{ page, want string }{
		{"<html><body><p>x</p></body></html>", "<html><body><p>x</p><script></script></body></html>"},
		{"<HTML><BODY>x</BODY></HTML>", "<HTML><BODY>x<script></script></BODY></HTML>"},
		{"<body><pre>&lt;/body></pre></body>", "<body><pre>&lt;/body></pre><script></script></body>"},
		{"<body>a</body>\n<!-- </body> -->", "<body>a</body>\n<!-- <script></script></body> -->"},
		{"<p>fragment", "<p>fragment<script></script>"},
		{"", "<script></script>"},
	}
	for _, tt := range tests {
		if got := string(inject([]byte(tt.page), script)); got != tt.want {
			t.Errorf("inject(%q) = %q, want %q", tt.page, got, tt.want)
		}
	}
}

func TestScriptIsNotWrittenToDisk(t *testing.T) {
	dir := site(t, sampleFiles)
	s := newServer(t, dir, Options{BasePath: "/arms/"})
	for _, target := range []string{"/arms/", "/arms/missing", "/arms/fragment.html"} {
		if w := get(s, "GET", target, nil); !strings.Contains(w.Body.String(), scriptMark) {
			t.Fatalf("GET %s: no reload script in %q", target, w.Body.String())
		}
	}
	for name, want := range sampleFiles {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s on disk = %q after serving, want it unchanged: %q", name, got, want)
		}
	}
}

func TestReloadScript(t *testing.T) {
	script := string(reloadScript("/arms/_treatyline/events"))
	for _, want := range []string{`new EventSource("/arms/_treatyline/events")`, `"reload"`, `"errors"`, "location.reload()", "textContent", "JSON.parse"} {
		if !strings.Contains(script, want) {
			t.Errorf("reload script does not contain %q:\n%s", want, script)
		}
	}
	if strings.Contains(script, "innerHTML") {
		t.Errorf("reload script uses innerHTML:\n%s", script)
	}
	if hostile := string(reloadScript("/a</script><b>/_treatyline/events")); strings.Count(hostile, "</script>") != 1 {
		t.Errorf("a base path with </script> ends the script early:\n%s", hostile)
	}
}

func TestPlainNotFoundWithoutPage(t *testing.T) {
	files := map[string]string{"index.html": homePage}
	s := newServer(t, site(t, files), Options{})
	w := get(s, "GET", "/%3Cscript%3Ealert(1)%3C/script%3E", nil)
	if w.Code != 404 {
		t.Errorf("status %d, want 404", w.Code)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("Content-Type %q, want text/plain", ct)
	}
	if body := w.Body.String(); strings.Contains(body, "<script") || strings.Contains(body, "alert") {
		t.Errorf("404 body %q reflects the request", body)
	}
}

func TestMissingOutputFolderIsNotFound(t *testing.T) {
	s := newServer(t, filepath.Join(t.TempDir(), "not-built-yet"), Options{})
	if w := get(s, "GET", "/", nil); w.Code != 404 {
		t.Errorf("GET / before the first build: status %d, want 404", w.Code)
	}
}

func TestSafetyHeadersOnEveryResponse(t *testing.T) {
	s := newServer(t, site(t, sampleFiles), Options{BasePath: "/arms/"})
	s.Close() // the event stream then answers at once
	tests := []struct {
		method, target string
		headers        map[string]string
	}{
		{"GET", "/arms/", map[string]string{"Origin": "http://localhost:1414"}},
		{"GET", "/arms/assets/style.css", map[string]string{"Origin": "http://evil.example"}},
		{"GET", "/arms/missing", nil},
		{"GET", "/", nil},
		{"GET", "/arms/%2e%2e/secret.txt", nil},
		{"GET", "/arms/", map[string]string{"Host": "evil.example"}},
		{"POST", "/arms/", nil},
		{"GET", "/_treatyline/events", map[string]string{"Origin": "http://evil.example"}},
		{"GET", "/_treatyline/events", nil},
	}
	for _, tt := range tests {
		w := get(s, tt.method, tt.target, tt.headers)
		h := w.Result().Header
		if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s %s (%d): X-Content-Type-Options %q, want nosniff", tt.method, tt.target, w.Code, got)
		}
		if got := h.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s %s (%d): Cache-Control %q, want no-store", tt.method, tt.target, w.Code, got)
		}
		for k := range h {
			if strings.HasPrefix(k, "Access-Control-") {
				t.Errorf("%s %s (%d): CORS header %s: %q", tt.method, tt.target, w.Code, k, h.Get(k))
			}
		}
	}
}

func TestHostAllowList(t *testing.T) {
	s := newServer(t, site(t, sampleFiles), Options{Hosts: []string{"preview.lan", "[fd00::1]:1414", "192.168.1.20:1414"}})
	tests := []struct {
		host   string
		status int
	}{
		{"localhost", 200},
		{"localhost:1414", 200},
		{"LocalHost:8080", 200},
		{"127.0.0.1:1414", 200},
		{"[::1]:1414", 200},
		{"[::1]", 200},
		{"preview.lan:9999", 200},
		{"[fd00::1]:1414", 200},
		{"192.168.1.20:1414", 200},
		{"evil.example", 403},
		{"evil.example:1414", 403},
		{"localhost.evil.example", 403},
		{"127.0.0.1.nip.io", 403},
		{"192.168.1.21:1414", 403},
		{"", 403},
	}
	for _, tt := range tests {
		if w := get(s, "GET", "/", map[string]string{"Host": tt.host}); w.Code != tt.status {
			t.Errorf("GET / with Host %q: status %d, want %d", tt.host, w.Code, tt.status)
		}
	}
}

func TestMethods(t *testing.T) {
	s := newServer(t, site(t, sampleFiles), Options{})
	for _, method := range []string{"POST", "PUT", "DELETE", "OPTIONS"} {
		w := get(s, method, "/index.html", nil)
		if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != "GET, HEAD" {
			t.Errorf("%s /index.html: status %d, Allow %q; want 405, \"GET, HEAD\"", method, w.Code, w.Header().Get("Allow"))
		}
	}
}

func TestTraversalIsRefused(t *testing.T) {
	s := newServer(t, site(t, sampleFiles), Options{BasePath: "/arms/"})
	for _, target := range []string{
		"/arms/../secret.txt",
		"/arms/%2e%2e/secret.txt",
		"/arms/%2E%2E/%2E%2E/secret.txt",
		"/arms/..%2fsecret.txt",
		"/arms/..%2Fprivate%2Fsecret.txt",
		"/arms/..%5csecret.txt",
		"/arms/%2e%2e%5c%2e%2e%5csecret.txt",
		"/arms/..\\secret.txt",
		"/arms/treaties/..",
		"/arms/./index.html",
		"/arms//index.html",
		"//arms/index.html",
		"/%2Fevil.example/",
		"/arms/index.html%00.css",
	} {
		w := get(s, "GET", target, nil)
		if w.Code != http.StatusBadRequest {
			t.Errorf("GET %s: status %d, want 400", target, w.Code)
		}
		if strings.Contains(w.Body.String(), secret) {
			t.Errorf("GET %s: served the secret", target)
		}
	}
}

// TestRawRequestTargets sends request lines that http.NewRequest cannot
// build: bad escapes and targets not in origin form.
func TestRawRequestTargets(t *testing.T) {
	s := newServer(t, site(t, sampleFiles), Options{BasePath: "/arms/"})
	ts := listen(t, s)
	for _, line := range []string{
		"GET /arms/%zz HTTP/1.1",
		"GET /arms/%2 HTTP/1.1",
		"GET http://localhost/arms/ HTTP/1.1",
		"GET http://evil.example/arms/ HTTP/1.1",
		"GET ../secret.txt HTTP/1.1",
		"GET /arms/../secret.txt HTTP/1.1",
		"GET /arms/..%2f..%2fsecret.txt HTTP/1.1",
	} {
		conn, err := net.Dial("tcp", ts.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		conn.SetDeadline(time.Now().Add(5 * time.Second))
		io.WriteString(conn, line+"\r\nHost: localhost\r\nConnection: close\r\n\r\n")
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Errorf("%s: reading response: %v", line, err)
			conn.Close()
			continue
		}
		body, _ := io.ReadAll(res.Body)
		conn.Close()
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", line, res.StatusCode)
		}
		if strings.Contains(string(body), secret) {
			t.Errorf("%s: served the secret", line)
		}
	}
}

func TestSymlinksStayInside(t *testing.T) {
	dir := site(t, sampleFiles)
	for link, target := range map[string]string{
		"leak.txt":        "../secret.txt",
		"leakdir":         "../private",
		"absolute.txt":    filepath.Join(filepath.Dir(dir), "secret.txt"),
		"home-alias.html": "index.html",
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skipf("no symlinks here: %v", err)
		}
	}
	s := newServer(t, dir, Options{})
	for _, target := range []string{"/leak.txt", "/leakdir/secret.txt", "/leakdir/", "/absolute.txt"} {
		w := get(s, "GET", target, nil)
		if w.Code != 404 {
			t.Errorf("GET %s: status %d, want 404", target, w.Code)
		}
		if strings.Contains(w.Body.String(), secret) {
			t.Errorf("GET %s: followed a symlink out of the output folder", target)
		}
	}
	if w := get(s, "GET", "/home-alias.html", nil); w.Code != 200 || !strings.Contains(w.Body.String(), "Arms control") {
		t.Errorf("GET /home-alias.html: status %d, body %q; want the home page through a symlink inside", w.Code, w.Body.String())
	}
}

func TestOutputFolderSwappedBetweenRequests(t *testing.T) {
	dir := site(t, sampleFiles)
	s := newServer(t, dir, Options{})
	if w := get(s, "GET", "/", nil); !strings.Contains(w.Body.String(), "Arms control") {
		t.Fatalf("GET / = %q before the swap", w.Body.String())
	}
	next := dir + ".next"
	if err := os.MkdirAll(next, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(next, "index.html"), []byte("<body>rebuilt</body>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(dir, dir+".old"); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(next, dir); err != nil {
		t.Fatal(err)
	}
	if w := get(s, "GET", "/", nil); !strings.Contains(w.Body.String(), "rebuilt") {
		t.Errorf("GET / = %q after the swap, want the new output", w.Body.String())
	}
}

func TestEventStreamChecksOrigin(t *testing.T) {
	s := newServer(t, site(t, sampleFiles), Options{BasePath: "/arms/", Hosts: []string{"preview.lan"}})
	tests := []struct {
		origin string
		status int
	}{
		{"", 200},
		{"http://localhost:1414", 200},
		{"http://127.0.0.1:1414", 200},
		{"http://[::1]:1414", 200},
		{"https://preview.lan", 200},
		{"http://evil.example", 403},
		{"http://localhost.evil.example", 403},
		{"null", 403},
		{"file://", 403},
		{"javascript://localhost", 403},
	}
	for _, path := range []string{"/_treatyline/events", "/arms/_treatyline/events"} {
		for _, tt := range tests {
			r := httptest.NewRequest("GET", path, nil)
			r.Host = "localhost:1414"
			if tt.origin != "" {
				r.Header.Set("Origin", tt.origin)
			}
			ctx, cancel := context.WithCancel(r.Context())
			cancel() // the stream ends right after its headers
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r.WithContext(ctx))
			if w.Code != tt.status {
				t.Errorf("GET %s with Origin %q: status %d, want %d", path, tt.origin, w.Code, tt.status)
			}
			if tt.status == 200 && w.Header().Get("Content-Type") != "text/event-stream" {
				t.Errorf("GET %s: Content-Type %q, want text/event-stream", path, w.Header().Get("Content-Type"))
			}
		}
	}
}

// stream is an open event stream read by a real HTTP client.
type stream struct {
	t    *testing.T
	res  *http.Response
	read chan string // "event: data" per event; closed at the end of the stream
}

func openStream(t *testing.T, url string) *stream {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), "GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 {
		t.Fatalf("GET %s: status %d", url, res.StatusCode)
	}
	st := &stream{t: t, res: res, read: make(chan string, 10)}
	t.Cleanup(func() { res.Body.Close() })
	// The first line is the retry hint, written once the stream is
	// subscribed: events published after it reach this stream.
	sc := bufio.NewScanner(res.Body)
	if !sc.Scan() || sc.Text() != "retry: 1000" {
		t.Fatalf("first line of the stream %q, want the retry hint", sc.Text())
	}
	go func() {
		defer close(st.read)
		var name, data string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data = strings.TrimPrefix(line, "data: ")
			case line == "" && name != "":
				st.read <- name + ": " + data
				name, data = "", ""
			}
		}
	}()
	return st
}

func (st *stream) next() (string, bool) {
	st.t.Helper()
	select {
	case e, ok := <-st.read:
		return e, ok
	case <-time.After(5 * time.Second):
		st.t.Fatal("no event within 5s")
		return "", false
	}
}

func TestLiveReloadEvents(t *testing.T) {
	s := newServer(t, site(t, sampleFiles), Options{BasePath: "/arms/"})
	ts := listen(t, s)

	a := openStream(t, ts.URL+"/_treatyline/events")
	b := openStream(t, ts.URL+"/arms/_treatyline/events")

	s.Reload()
	for _, st := range []*stream{a, b} {
		if e, _ := st.next(); e != "reload: {}" {
			t.Errorf("after Reload: event %q, want reload", e)
		}
	}

	diags := []Diagnostic{
		{File: "content/treaties/new-start.toml", Line: 5, Col: 8, Message: `unknown event kind "sigend" (did you mean "signed"?)`},
		{File: "content/articles/a.md", Line: 12, Col: 1, Message: `<img src=x onerror=alert(1)> is "text"`},
	}
	s.Errors(diags)
	for _, st := range []*stream{a, b} {
		e, _ := st.next()
		data, ok := strings.CutPrefix(e, "errors: ")
		if !ok {
			t.Fatalf("after Errors: event %q, want errors", e)
		}
		var got []Diagnostic
		if err := json.Unmarshal([]byte(data), &got); err != nil {
			t.Fatalf("errors data %q: %v", data, err)
		}
		if !slices.Equal(got, diags) {
			t.Errorf("errors data = %+v, want %+v", got, diags)
		}
		if strings.Contains(data, "<img") {
			t.Errorf("errors data %q holds raw markup", data)
		}
		for _, key := range []string{`"file":`, `"line":`, `"col":`, `"message":`} {
			if !strings.Contains(data, key) {
				t.Errorf("errors data %q has no %s key", data, key)
			}
		}
	}

	// A page that opens while the build is broken sees the errors at once.
	late := openStream(t, ts.URL+"/arms/_treatyline/events")
	if e, _ := late.next(); !strings.HasPrefix(e, "errors: ") {
		t.Errorf("stream opened after Errors: first event %q, want the current errors", e)
	}

	// After a good build, new pages start clean.
	s.Reload()
	for _, st := range []*stream{a, b, late} {
		if e, _ := st.next(); e != "reload: {}" {
			t.Errorf("after the fix: event %q, want reload", e)
		}
	}
	fresh := openStream(t, ts.URL+"/_treatyline/events")
	s.Errors(nil)
	if e, _ := fresh.next(); e != "errors: []" {
		t.Errorf("stream opened after Reload: first event %q, want only the next one, errors: []", e)
	}
}

func TestCloseEndsStreams(t *testing.T) {
	s := newServer(t, site(t, sampleFiles), Options{})
	ts := listen(t, s)
	st := openStream(t, ts.URL+"/_treatyline/events")

	closed := make(chan struct{})
	go func() {
		s.Close()
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not return with a stream open")
	}
	if e, ok := st.next(); ok {
		t.Errorf("stream after Close: event %q, want the end of the stream", e)
	}

	res, err := http.Get(ts.URL + "/_treatyline/events")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("stream opened after Close: status %d, want 503", res.StatusCode)
	}
	s.Close() // a second Close is harmless
}
