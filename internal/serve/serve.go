// Package serve previews a built site over HTTP with live reload.
//
// A [Server] serves the output folder under the site's base path, opening
// the folder anew for every request, so a rebuild may swap it as a whole. It
// adds a small script to HTML responses (never to the files on disk) that
// listens for Server-Sent Events: `reload` after a successful rebuild, and
// `errors` with the diagnostics of a failed one, shown as an overlay until the
// next reload.
//
// The server is meant for a preview on the local machine: it answers only
// requests addressed to a loopback name or an allowed host, checks the
// Origin of the event stream, never sends CORS headers, and serves nothing
// outside the output folder.
package serve

import (
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
)

// Options configure a [Server].
type Options struct {
	// Dir is the output folder served.
	Dir string
	// BasePath is the path of the site's base_url, such as "/arms/"; the
	// site is served under it and "/" redirects there. Empty means "/".
	BasePath string
	// Hosts are extra names allowed in the Host header (the host the
	// server listens on); localhost, 127.0.0.1 and [::1] are always allowed,
	// with any port.
	Hosts []string
	// Logger receives request errors; nil discards them.
	Logger *slog.Logger
}

// Diagnostic is one error of a failed build, as the browser shows it.
type Diagnostic struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
}

// EventsPath is where the live-reload event stream is served, besides the
// same path under the base path.
const EventsPath = "/_treatyline/events"

// Server is an [http.Handler] that previews a site. Its methods are safe for
// concurrent use.
type Server struct {
	dir     string
	base    string // starts and ends with "/"
	hosts   map[string]bool
	log     *slog.Logger
	script  []byte
	streams broker
}

// New returns a Server for opts.
func New(opts Options) *Server {
	s := &Server{
		dir:   opts.Dir,
		base:  normalizeBase(opts.BasePath),
		hosts: map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true},
		log:   opts.Logger,
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	for _, h := range opts.Hosts {
		if h = hostname(h); h != "" {
			s.hosts[h] = true
		}
	}
	s.script = reloadScript(s.base + strings.TrimPrefix(EventsPath, "/"))
	s.streams.init()
	return s
}

func normalizeBase(p string) string {
	p = strings.Trim(p, "/")
	if p == "" {
		return "/"
	}
	return "/" + p + "/"
}

// hostname returns the lower-case host of a Host header or an address,
// without port or brackets.
func hostname(hostport string) string {
	h := hostport
	if host, _, err := net.SplitHostPort(hostport); err == nil {
		h = host
	}
	return strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(h, "["), "]"))
}

// Reload tells every open page to reload and clears the error state. Call
// it once the new output is fully in place.
func (s *Server) Reload() {
	s.streams.publish(event{name: "reload", data: "{}"})
}

// Errors shows list as an overlay on every open page, and on pages opened
// before the next [Server.Reload].
func (s *Server) Errors(list []Diagnostic) {
	s.streams.publish(errorsEvent(list))
}

// Close ends the open event streams and waits for their handlers to return,
// so that [http.Server.Shutdown] need not wait for them. Event stream
// requests that come later end at once.
func (s *Server) Close() {
	s.streams.close()
}

// ServeHTTP serves the site and the event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")

	if !strings.HasPrefix(r.RequestURI, "/") {
		// Absolute-form targets ("GET http://host/ HTTP/1.1") would bring
		// their own host; "*" and the like are not for us.
		http.Error(w, "bad request target", http.StatusBadRequest)
		return
	}
	if !s.hosts[hostname(r.Host)] {
		http.Error(w, "forbidden host", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if !cleanPath(p) {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	switch {
	case p == EventsPath || p == s.base+strings.TrimPrefix(EventsPath, "/"):
		s.serveEvents(w, r)
	case s.base != "/" && (p == "/" || p+"/" == s.base):
		http.Redirect(w, r, s.base, http.StatusFound)
	case !strings.HasPrefix(p, s.base):
		s.notFound(w, r)
	default:
		s.serveFile(w, r, strings.TrimPrefix(p, s.base))
	}
}

// cleanPath reports whether the decoded request path p is absolute and
// clean: no empty, "." or ".." segment (a trailing slash aside), no
// backslash and no NUL, so no spelling of it can leave the site or be read
// by a browser as another host ("//host").
func cleanPath(p string) bool {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return false
	}
	segs := strings.Split(p[1:], "/")
	for i, seg := range segs {
		switch seg {
		case ".", "..":
			return false
		case "":
			if i != len(segs)-1 {
				return false
			}
		}
	}
	return true
}

// broker fans events out to the open event streams and remembers the
// current error state for streams that open later.
type broker struct {
	mu      sync.Mutex
	clients map[chan event]struct{}
	current *event // the errors of the last failed build; nil after a good one
	done    chan struct{}
	closed  bool
	wg      sync.WaitGroup // one per open stream
}

type event struct{ name, data string }

func (b *broker) init() {
	b.clients = map[chan event]struct{}{}
	b.done = make(chan struct{})
}

// subscribe registers a stream; ok is false once the broker is closed. The
// channel holds at most the latest event: only the newest state matters.
func (b *broker) subscribe() (ch chan event, ok bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil, false
	}
	ch = make(chan event, 1)
	if b.current != nil {
		ch <- *b.current
	}
	b.clients[ch] = struct{}{}
	b.wg.Add(1)
	return ch, true
}

func (b *broker) unsubscribe(ch chan event) {
	b.mu.Lock()
	delete(b.clients, ch)
	b.mu.Unlock()
	b.wg.Done()
}

func (b *broker) publish(e event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if e.name == "errors" {
		b.current = &e
	} else {
		b.current = nil
	}
	for ch := range b.clients {
		// The broker is the only sender, so after dropping an unread older
		// event there is room.
		select {
		case <-ch:
		default:
		}
		ch <- e
	}
}

func (b *broker) close() {
	b.mu.Lock()
	if !b.closed {
		b.closed = true
		close(b.done)
	}
	b.mu.Unlock()
	b.wg.Wait()
}
