package serve

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
)

// serveFile serves name, a clean slash path relative to the output folder
// ("" or ending in "/" for a folder's index.html). The folder is opened as an
// [os.Root] for this request only, so symlinks cannot lead out of it and a
// rebuild may replace it between requests.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, name string) {
	root, err := os.OpenRoot(s.dir)
	if err != nil {
		s.log.Warn("opening output folder", "path", s.dir, "err", err)
		s.notFound(w, r)
		return
	}
	defer root.Close()

	folder := name == "" || strings.HasSuffix(name, "/")
	if folder {
		name += "index.html"
	}
	f, err := root.Open(name)
	if err != nil {
		s.notFound(w, r)
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	switch {
	case err != nil:
		s.notFound(w, r)
	case fi.IsDir() && !folder:
		// A pretty URL without its slash: relative links in the page need it.
		target := r.URL.EscapedPath() + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusFound)
	case !fi.Mode().IsRegular():
		s.notFound(w, r)
	default:
		s.send(w, r, name, f, fi, http.StatusOK)
	}
}

// notFound serves the site's 404.html with status 404, or a plain 404 when
// the site has none. Nothing from the request is echoed.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if root, err := os.OpenRoot(s.dir); err == nil {
		defer root.Close()
		if f, err := root.Open("404.html"); err == nil {
			defer f.Close()
			if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
				s.send(w, r, "404.html", f, fi, http.StatusNotFound)
				return
			}
		}
	}
	http.Error(w, "404 page not found", http.StatusNotFound)
}

// send writes the file f, named name, with status. HTML gets the reload
// script; other files go through [http.ServeContent] (ranges, HEAD).
func (s *Server) send(w http.ResponseWriter, r *http.Request, name string, f *os.File, fi os.FileInfo, status int) {
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		var head [512]byte
		n, _ := io.ReadFull(f, head[:])
		ctype = http.DetectContentType(head[:n])
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			http.Error(w, "reading file", http.StatusInternalServerError)
			return
		}
	}
	w.Header().Set("Content-Type", ctype)
	if !strings.HasPrefix(ctype, "text/html") {
		if status == http.StatusOK {
			http.ServeContent(w, r, name, fi.ModTime(), f)
			return
		}
		w.Header().Set("Content-Length", strconv.FormatInt(fi.Size(), 10))
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			io.Copy(w, f)
		}
		return
	}
	body, err := io.ReadAll(f)
	if err != nil {
		s.log.Warn("reading file", "path", name, "err", err)
		http.Error(w, "reading file", http.StatusInternalServerError)
		return
	}
	body = inject(body, s.script)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// inject puts script before the page's last </body>, or at its end if
// there is none.
func inject(page, script []byte) []byte {
	at := bytes.LastIndex(bytes.ToLower(page), []byte("</body"))
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(script))
	out = append(out, page[:at]...)
	out = append(out, script...)
	return append(out, page[at:]...)
}
