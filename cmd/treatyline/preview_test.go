package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// configSecret is in the preview site's config.toml as a comment, which no
// page shows: a response that holds it served the config file.
const configSecret = "config-secret-7f3a9c"

// previewSite is minimalSite published under a base path.
var previewSite = strings.Replace(minimalSite, "as_of = 2026-11-27\n",
	"as_of = 2026-11-27\nbase_url = \"https://example.org/timeline/\"\n# "+configSecret+"\n", 1)

// reloadMarker is in the live-reload script serve adds to HTML responses.
const reloadMarker = "data-treatyline-reload"

// rawGet sends request line target with Host host over a new connection to
// addr, byte for byte as written, and returns the response with its body
// read.
func rawGet(t *testing.T, addr, target, host string, header ...string) (*http.Response, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	req := fmt.Sprintf("GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n", target, host)
	for _, h := range header {
		req += h + "\r\n"
	}
	if _, err := io.WriteString(conn, req+"\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s (Host %s): %v", target, host, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil && !strings.Contains(resp.Header.Get("Content-Type"), "event-stream") {
		t.Fatalf("GET %s: reading body: %v", target, err)
	}
	if resp.StatusCode == http.StatusBadRequest && string(body) == "400 Bad Request" {
		// net/http refuses a request line it cannot parse itself, before
		// any handler runs, with this fixed plain-text answer.
		return resp, string(body)
	}
	checkHeaders(t, target, resp)
	return resp, string(body)
}

// checkHeaders holds every response to the server's promises: nosniff and
// no CORS.
func checkHeaders(t *testing.T, target string, resp *http.Response) {
	t.Helper()
	if v := resp.Header.Get("X-Content-Type-Options"); v != "nosniff" {
		t.Errorf("GET %s: X-Content-Type-Options %q, want nosniff", target, v)
	}
	for key := range resp.Header {
		if strings.HasPrefix(strings.ToLower(key), "access-control-") {
			t.Errorf("GET %s: CORS header %s: %s", target, key, resp.Header.Get(key))
		}
	}
}

// startPreview builds previewSite and serves it; it returns the site root,
// the listening address and the child.
func startPreview(t *testing.T) (root, addr string, c *child) {
	t.Helper()
	root = site(t, previewSite)
	c = startChild(t, root, "serve", "--addr", "127.0.0.1:0")
	line, _ := c.waitLine(t, serving, 30*time.Second)
	u, err := url.Parse(serving.FindStringSubmatch(line)[1])
	if err != nil {
		t.Fatal(err)
	}
	if u.Path != "/timeline/" {
		t.Errorf("serve printed %s, want the base path /timeline/", u)
	}
	c.waitLine(t, watching, 10*time.Second)
	return root, u.Host, c
}

// TestServeAnswersOnlyLocalHosts checks the Host allow-list and the Origin
// check of the event stream on the real server.
func TestServeAnswersOnlyLocalHosts(t *testing.T) {
	_, addr, _ := startPreview(t)
	_, port, _ := net.SplitHostPort(addr)
	tests := []struct {
		host string
		code int
	}{
		{"localhost:" + port, http.StatusOK},
		{"127.0.0.1:" + port, http.StatusOK},
		{"[::1]:" + port, http.StatusOK},
		{"LOCALHOST", http.StatusOK},
		{"evil.example", http.StatusForbidden},
		{"evil.example:" + port, http.StatusForbidden},
		{"localhost.evil.example", http.StatusForbidden},
		{"127.0.0.1.nip.io:" + port, http.StatusForbidden},
	}
	for _, tt := range tests {
		resp, body := rawGet(t, addr, "/timeline/", tt.host)
		if resp.StatusCode != tt.code {
			t.Errorf("Host %s: status %d, want %d", tt.host, resp.StatusCode, tt.code)
		}
		if tt.code == http.StatusForbidden && strings.Contains(body, "Test timeline") {
			t.Errorf("Host %s: a forbidden host got the page", tt.host)
		}
	}

	origins := []struct {
		origin string
		code   int
	}{
		{"http://evil.example", http.StatusForbidden},
		{"https://localhost.evil.example", http.StatusForbidden},
		{"null", http.StatusForbidden},
		{"http://localhost:" + port, http.StatusOK},
		{"http://127.0.0.1:" + port, http.StatusOK},
	}
	for _, tt := range origins {
		// A HEAD ends the stream at once, so the status can be read.
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "HEAD /_treatyline/events HTTP/1.1\r\nHost: %s\r\nOrigin: %s\r\nConnection: close\r\n\r\n", addr, tt.origin)
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: http.MethodHead})
		conn.Close()
		if err != nil {
			t.Fatalf("Origin %s: %v", tt.origin, err)
		}
		checkHeaders(t, "/_treatyline/events", resp)
		if resp.StatusCode != tt.code {
			t.Errorf("event stream with Origin %s: status %d, want %d", tt.origin, resp.StatusCode, tt.code)
		}
	}
}

// TestServeNeverServesOutsideTheOutputFolder asks for files outside the
// output folder in every spelling and checks that no answer holds them.
func TestServeNeverServesOutsideTheOutputFolder(t *testing.T) {
	root, addr, _ := startPreview(t)
	public := filepath.Join(root, "public")
	// Links planted in the output folder are the user's: kept by builds,
	// never followed by the server.
	symlink(t, filepath.Join(root, "config.toml"), filepath.Join(public, "leak.toml"))
	symlink(t, root, filepath.Join(public, "site"))
	symlink(t, "/etc/passwd", filepath.Join(public, "passwd"))
	passwd, _ := os.ReadFile("/etc/passwd")
	firstPasswdLine, _, _ := strings.Cut(string(passwd), "\n")

	targets := []string{
		"/config.toml",
		"/timeline/../config.toml",
		"/timeline/%2e%2e/config.toml",
		"/%2e%2e/config.toml",
		"/%2E%2E/%2E%2E/config.toml",
		"/timeline/..%2fconfig.toml",
		"/..%2fconfig.toml",
		"/..%5cconfig.toml",
		"/timeline/..%5cconfig.toml",
		"/timeline/..\\config.toml",
		"/timeline/%2e%2e%2f%2e%2e%2fconfig.toml",
		"/timeline/%252e%252e/config.toml",
		"/timeline/.%2e/config.toml",
		"/timeline//config.toml",
		"//etc/passwd",
		"/timeline//etc/passwd",
		"/timeline/%2fetc%2fpasswd",
		"/timeline/..%00/config.toml",
		"/timeline/%zz",
		"/timeline/%zz/../../config.toml",
		"http://evil/../config.toml",
		"http://localhost/../config.toml",
		"http://localhost/timeline/../../config.toml",
		"/timeline/leak.toml",
		"/timeline/site/config.toml",
		"/timeline/site/",
		"/timeline/passwd",
		"*",
		"config.toml",
	}
	for _, target := range targets {
		resp, body := rawGet(t, addr, target, "localhost")
		if strings.Contains(body, configSecret) {
			t.Errorf("GET %s served config.toml (status %d)", target, resp.StatusCode)
		}
		if firstPasswdLine != "" && strings.Contains(body, firstPasswdLine) {
			t.Errorf("GET %s served /etc/passwd (status %d)", target, resp.StatusCode)
		}
		if resp.StatusCode == http.StatusOK {
			t.Errorf("GET %s: status 200, want a refusal or not found", target)
		}
	}
	// A good request still works, so the refusals above are not a dead server.
	if resp, body := rawGet(t, addr, "/timeline/treaties/new-start/index.html", "localhost"); resp.StatusCode != http.StatusOK || !strings.Contains(body, "New START") {
		t.Errorf("the treaty page: status %d", resp.StatusCode)
	}
}

// TestServeEscapesWhatItReflects requests a path holding markup: the 404
// page must not echo it unescaped.
func TestServeEscapesWhatItReflects(t *testing.T) {
	_, addr, _ := startPreview(t)
	for _, target := range []string{
		"/timeline/%3Cscript%3Ealert(1)%3C/script%3E",
		"/timeline/<script>alert(1)</script>",
		"/%3Cimg%20src=x%20onerror=alert(1)%3E",
	} {
		resp, body := rawGet(t, addr, target, "localhost")
		if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusBadRequest {
			t.Errorf("GET %s: status %d, want 404 (or 400)", target, resp.StatusCode)
		}
		if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") {
			t.Errorf("GET %s reflected markup unescaped:\n%s", target, body)
		}
	}
}

// TestServeUsesTheBasePathAndKeepsTheReloadScriptOffDisk checks the base
// path of base_url, the redirect to it, and that the reload script is in
// served HTML only.
func TestServeUsesTheBasePathAndKeepsTheReloadScriptOffDisk(t *testing.T) {
	root, addr, _ := startPreview(t)
	resp, _ := rawGet(t, addr, "/", "localhost")
	if resp.StatusCode/100 != 3 || resp.Header.Get("Location") != "/timeline/" {
		t.Errorf("GET /: status %d to %q, want a redirect to /timeline/", resp.StatusCode, resp.Header.Get("Location"))
	}
	for _, page := range []string{"/timeline/", "/timeline/treaties/new-start/index.html", "/timeline/no-such-page"} {
		resp, body := rawGet(t, addr, page, "localhost")
		if !strings.Contains(body, reloadMarker) {
			t.Errorf("GET %s (status %d): no reload script", page, resp.StatusCode)
		}
	}
	resp, body := rawGet(t, addr, "/timeline/feed.xml", "localhost")
	if resp.StatusCode != http.StatusOK || strings.Contains(body, reloadMarker) {
		t.Errorf("GET feed.xml: status %d, reload script in it: %v", resp.StatusCode, strings.Contains(body, reloadMarker))
	}
	err := filepath.WalkDir(filepath.Join(root, "public"), func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		if fileHolds(path, reloadMarker) || fileHolds(path, "_treatyline/events") {
			t.Errorf("%s on disk holds the reload script", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
