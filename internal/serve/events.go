package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// errorsEvent carries list as a JSON array, never null.
func errorsEvent(list []Diagnostic) event {
	if list == nil {
		list = []Diagnostic{}
	}
	data, err := json.Marshal(list)
	if err != nil { // a slice of plain structs always marshals
		panic(err)
	}
	return event{name: "errors", data: string(data)}
}

// originAllowed reports whether a page at origin may read the event stream:
// no Origin (not a cross-site fetch) or one whose host is allowed, so that
// another site open in the browser cannot listen in.
func (s *Server) originAllowed(origin string) bool {
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	return s.hosts[hostname(u.Host)]
}

// serveEvents streams events to one page until it goes away or the server
// is closed. A page that connects while the last build failed gets its
// errors at once.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if !s.originAllowed(r.Header.Get("Origin")) {
		http.Error(w, "forbidden origin", http.StatusForbidden)
		return
	}
	ch, ok := s.streams.subscribe()
	if !ok {
		http.Error(w, "server is shutting down", http.StatusServiceUnavailable)
		return
	}
	defer s.streams.unsubscribe(ch)

	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	rc := http.NewResponseController(w)
	// Reconnect soon after a restart of the server.
	fmt.Fprint(w, "retry: 1000\n\n")
	if err := rc.Flush(); err != nil {
		s.log.Debug("event stream", "err", err)
		return
	}
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.streams.done:
			return
		case e := <-ch:
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
			if err := rc.Flush(); err != nil {
				s.log.Debug("event stream", "err", err)
				return
			}
		}
	}
}
