package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrRefused is wrapped by the errors of [Begin] that refuse an output folder
// as unsafe to write to.
var ErrRefused = errors.New("refused output folder")

func refuse(dir, reason string) error {
	return fmt.Errorf("%w %s: %s", ErrRefused, dir, reason)
}

// resolve returns p absolute, cleaned and free of symbolic links. p need not
// exist: its longest existing prefix is resolved and the rest appended.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; {
		resolved, err := filepath.EvalSymlinks(cur)
		if err == nil {
			return filepath.Join(resolved, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		up := filepath.Dir(cur)
		if up == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = up
	}
}

// within reports whether p is root or inside it; both are resolved paths.
func within(p, root string) bool {
	return p == root || root == string(filepath.Separator) ||
		strings.HasPrefix(p, root+string(filepath.Separator))
}

// checkPlace refuses an output folder by where it is, before looking at what
// is in it. dir is resolved.
func checkPlace(dir, siteRoot string) error {
	if dir == filepath.Dir(dir) {
		return refuse(dir, "it is the root of the file system")
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		if home, err := resolve(home); err == nil && within(home, dir) {
			if home == dir {
				return refuse(dir, "it is your home folder")
			}
			return refuse(dir, "it contains your home folder")
		}
	}
	if siteRoot == "" {
		return nil
	}
	site, err := resolve(siteRoot)
	if err != nil {
		return fmt.Errorf("resolving site root %s: %w", siteRoot, err)
	}
	if site == dir {
		return refuse(dir, "it is the site root")
	}
	if within(site, dir) {
		return refuse(dir, "it contains the site root "+site)
	}
	for _, sub := range []string{"content", "templates"} {
		src, err := resolve(filepath.Join(site, sub))
		if err != nil {
			return fmt.Errorf("resolving %s folder of the site: %w", sub, err)
		}
		if within(dir, src) {
			return refuse(dir, "it is the site's "+sub+"/ folder or inside it")
		}
	}
	return nil
}

// inspect looks at the output folder itself: whether it exists, and whether
// treatyline may write to it (it carries a marker or is empty).
func inspect(dir string) (exists bool, err error) {
	fi, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if !fi.IsDir() {
		return true, refuse(dir, "it exists and is not a folder")
	}
	marker, err := os.Lstat(filepath.Join(dir, markerName))
	switch {
	case err == nil && marker.Mode().IsRegular():
		return true, nil
	case err == nil:
		return true, refuse(dir, markerName+" in it is not a regular file")
	case !errors.Is(err, fs.ErrNotExist):
		return true, err
	}
	empty, err := isEmpty(dir)
	if err != nil {
		return true, err
	}
	if !empty {
		return true, refuse(dir, "it is not empty and has no "+markerName+" file, so treatyline did not make it; choose another folder or empty this one")
	}
	return true, nil
}

func isEmpty(dir string) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	if err == io.EOF {
		return true, nil
	}
	return false, err
}

// isLeftover reports whether p holds a tree that a dead build left next to
// the output folder: a folder carrying a marker, or an empty one. Anything
// else at that path is refused, never deleted.
func isLeftover(dir, p string) (bool, error) {
	fi, err := os.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if fi.IsDir() {
		marker, err := os.Lstat(filepath.Join(p, markerName))
		if err == nil && marker.Mode().IsRegular() {
			return true, nil
		}
		if empty, err := isEmpty(p); err == nil && empty {
			return true, nil
		}
	}
	return false, refuse(dir, p+" is in the way and treatyline did not make it; move it away")
}

// missingAncestors returns the folders that creating dir's parent would
// create, outermost first.
func missingAncestors(dir string) []string {
	var missing []string
	for p := filepath.Dir(dir); ; p = filepath.Dir(p) {
		if _, err := os.Lstat(p); err == nil || p == filepath.Dir(p) {
			break
		}
		missing = append([]string{p}, missing...)
	}
	return missing
}
