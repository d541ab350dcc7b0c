package publish

import (
	"bytes"
	"fmt"
	"maps"
	"path"
	"slices"
)

// commitInPlace renames the changed files over the old ones, removes the
// files that are gone and updates the marker, in an order that never lets a
// file of treatyline's look like one of the user's: the marker first names
// every file about to appear, and loses the removed ones last.
func (tx *Tx) commitInPlace() error {
	final := maps.Clone(tx.oldFiles)
	var gone []string
	for name := range tx.oldFiles {
		if _, put := tx.names[name]; put || (tx.partial && !tx.removed[name]) {
			continue
		}
		delete(final, name)
		fi, _, err := lookup(tx.root, tx.base, name)
		if err != nil {
			return err
		}
		if fi != nil && !fi.IsDir() {
			gone = append(gone, name)
		}
	}
	for name := range tx.names {
		final[name] = true
	}
	marker := encodeMarker(slices.Collect(maps.Keys(final)))
	tx.stats.Removed = len(gone)
	if tx.stats.Written == 0 && len(gone) == 0 && bytes.Equal(marker, tx.oldMarker) {
		return tx.dropTemp()
	}

	all := maps.Clone(tx.oldFiles)
	for name := range tx.names {
		all[name] = true
	}
	if err := tx.writeMarker(encodeMarker(slices.Collect(maps.Keys(all)))); err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(tx.names)) {
		tmp := tx.names[name]
		if tmp == "" {
			continue
		}
		dst := path.Join(tx.base, name)
		if err := tx.root.MkdirAll(path.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := tx.root.Rename(tmp, dst); err != nil {
			return fmt.Errorf("replacing %s: %w", name, err)
		}
	}
	slices.Sort(gone)
	for _, name := range gone {
		if err := tx.root.Remove(path.Join(tx.base, name)); err != nil {
			return fmt.Errorf("removing %s: %w", name, err)
		}
		// Prune the folders this removal emptied; Remove fails on the first
		// one that still holds something.
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			if tx.root.Remove(path.Join(tx.base, dir)) != nil {
				break
			}
		}
	}
	if err := tx.writeMarker(marker); err != nil {
		return err
	}
	return tx.dropTemp()
}

// dropTemp deletes the folder of temporary files, if Put made it.
func (tx *Tx) dropTemp() error {
	if !tx.tmpMade {
		return nil
	}
	return removeTree(tx.root, path.Join(tx.base, tmpFolder))
}

// writeMarker replaces the output folder's marker in one rename.
func (tx *Tx) writeMarker(marker []byte) error {
	p := path.Join(tx.base, markerName)
	if cur, err := tx.root.ReadFile(p); err == nil && bytes.Equal(cur, marker) {
		return nil
	}
	tmp, err := tx.tempFile()
	if err != nil {
		return err
	}
	if err := tx.writeFile(tmp, marker); err != nil {
		return fmt.Errorf("writing the marker: %w", err)
	}
	if err := tx.root.Rename(tmp, p); err != nil {
		return fmt.Errorf("writing the marker: %w", err)
	}
	return nil
}
