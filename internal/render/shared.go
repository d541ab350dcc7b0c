package render

import (
	"html/template"
	"strings"
	"sync"
)

// shared keeps what many pages of one [Pages] call show alike, made once by
// whichever page needs it first: the layout's header and footer. A link
// depends on the page only through its folder's depth (see link.Rel), so
// they are kept per depth. Pages render concurrently, hence the lock; every
// value is a function of its key, so which page makes it first does not
// change the output. Nothing kept is made per article or per entry: at a
// hundred thousand articles that would cost more memory than it saves time.
type shared struct {
	mu     sync.Mutex
	chrome map[chromeKey]template.HTML
}

func newShared() *shared {
	return &shared{chrome: map[chromeKey]template.HTML{}}
}

// depth is what the links of a page depend on: how deep its file is, or
// the root path 404.html links from.
type depth struct {
	dirs int
	root string
}

func (l linker) depth() depth { return depth{dirs: strings.Count(l.from, "/"), root: l.root} }

type chromeKey struct {
	tmpl, name, section string
	at                  depth
}

// load returns the value of key in m, making it with make when missing.
// make runs outside the lock, so two pages may both make a value; they
// make the same one.
func load[K comparable, V any](s *shared, m map[K]V, key K, make func() (V, error)) (V, error) {
	s.mu.Lock()
	v, ok := m[key]
	s.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := make()
	if err != nil {
		return v, err
	}
	s.mu.Lock()
	if old, ok := m[key]; ok {
		v = old
	} else {
		m[key] = v
	}
	s.mu.Unlock()
	return v, nil
}
