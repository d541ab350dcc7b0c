package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// commitSwap completes the staging tree and swaps it with the output folder,
// unless the build changed nothing. It returns the files the marker lists.
func (tx *Tx) commitSwap() (*Files, error) {
	files := &Files{names: make(map[string]bool, len(tx.names)), canonical: true}
	for name := range tx.names {
		files.names[name] = true
	}
	files.marker = encodeMarker(slices.Collect(maps.Keys(tx.names)))
	if err := tx.swapIn(files.marker); err != nil {
		return nil, err
	}
	return files, nil
}

// swapIn writes marker into the staging tree, completes it and swaps it
// with the output folder, unless the build changed nothing.
func (tx *Tx) swapIn(marker []byte) error {
	if err := tx.root.WriteFile(path.Join(tx.staging, markerName), marker, 0o644); err != nil {
		return fmt.Errorf("writing the marker: %w", err)
	}
	for name := range tx.oldFiles {
		if _, put := tx.names[name]; put {
			continue
		}
		fi, _, err := lookup(tx.root, tx.base, name)
		if err != nil {
			return err
		}
		if fi != nil && !fi.IsDir() {
			tx.stats.Removed++
		}
	}
	if tx.existed && tx.stats.Written == 0 && tx.stats.Removed == 0 && bytes.Equal(marker, tx.oldMarker) {
		// Nothing to swap in: leave the output folder untouched.
		if err := removeTree(tx.root, tx.staging); err != nil {
			return fmt.Errorf("deleting the staging folder: %w", err)
		}
		return nil
	}
	if tx.existed {
		if err := tx.carry("."); err != nil {
			return err
		}
	}
	return tx.swap()
}

// carry brings into the staging tree what the new build keeps of the old
// folder rel besides the files Put: the user's files, as hard links, and the
// user's empty folders. The previous build's files that were not Put again
// stay behind, and folders they leave empty are not made. Folders keep their
// mode, and their modification time when the same names are in them.
func (tx *Tx) carry(rel string) error {
	old, staged := path.Join(tx.base, rel), path.Join(tx.staging, rel)
	f, err := tx.root.Open(old)
	if err != nil {
		return err
	}
	entries, err := f.ReadDir(-1)
	f.Close()
	if err != nil {
		return fmt.Errorf("reading the output folder: %w", err)
	}
	for _, e := range entries {
		name := path.Join(rel, e.Name())
		if rel == "." && strings.HasPrefix(e.Name(), markerName) {
			continue
		}
		if e.IsDir() {
			if err := tx.carry(name); err != nil {
				return err
			}
			continue
		}
		if _, put := tx.names[name]; put || tx.oldFiles[name] {
			continue
		}
		if err := tx.linkFile(path.Join(tx.base, name), path.Join(tx.staging, name)); err != nil {
			return err
		}
	}

	oldInfo, err := tx.root.Lstat(old)
	if err != nil {
		return err
	}
	if _, err := tx.root.Lstat(staged); errors.Is(err, fs.ErrNotExist) {
		if len(entries) > 0 {
			return nil
		}
		if err := tx.root.Mkdir(staged, 0o700); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	mode := oldInfo.Mode() & (fs.ModePerm | fs.ModeSetgid | fs.ModeSetuid | fs.ModeSticky)
	if err := tx.root.Chmod(staged, mode); err != nil {
		return err
	}
	same, err := tx.sameNames(staged, entries)
	if err != nil || !same {
		return err
	}
	return tx.root.Chtimes(staged, time.Time{}, oldInfo.ModTime())
}

// sameNames reports whether the folder p holds exactly the names of entries.
func (tx *Tx) sameNames(p string, entries []fs.DirEntry) (bool, error) {
	f, err := tx.root.Open(p)
	if err != nil {
		return false, err
	}
	names, err := f.Readdirnames(-1)
	f.Close()
	if err != nil || len(names) != len(entries) {
		return false, err
	}
	slices.Sort(names)
	for i, e := range entries {
		if names[i] != e.Name() {
			return false, nil
		}
	}
	return true, nil
}

// swap puts the staging tree in the place of the output folder and deletes
// the old tree.
func (tx *Tx) swap() error {
	if !tx.existed {
		if err := tx.root.Rename(tx.staging, tx.base); err != nil {
			return fmt.Errorf("moving the new output into place: %w", err)
		}
		return nil
	}
	old := tx.staging
	err := tx.exchange(filepath.Join(tx.parent, tx.staging), tx.dir)
	if err != nil && cannotExchange(err) {
		tx.log.Warn("the file system cannot swap two folders in one step: moving the old output aside first, so a crash in between leaves no output folder until the next build restores it",
			"dir", tx.dir, "err", err)
		old = "." + tx.base + asideSuffix
		err = tx.renameTwice(old)
	}
	if err != nil {
		return fmt.Errorf("swapping in the new output: %w", err)
	}
	// The new output is in place: a failure to delete the old one is no
	// failure of the build, and the next Begin deletes it.
	if err := removeTree(tx.root, old); err != nil {
		tx.log.Warn("could not delete the previous output", "path", filepath.Join(tx.parent, old), "err", err)
	}
	return nil
}

// renameTwice moves the output folder to aside and the staging folder into
// its place, putting the old folder back if the second step fails.
func (tx *Tx) renameTwice(aside string) error {
	if err := tx.root.Rename(tx.base, aside); err != nil {
		return err
	}
	if err := tx.root.Rename(tx.staging, tx.base); err != nil {
		if rerr := tx.root.Rename(aside, tx.base); rerr != nil {
			return errors.Join(err, fmt.Errorf("restoring the output folder: %w", rerr))
		}
		return err
	}
	return nil
}
