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
// every file about to appear, and loses the removed ones last. It returns
// the files the marker lists. A commit that neither adds nor drops a name
// leaves a marker in order as it is, without listing it again.
func (tx *Tx) commitInPlace() (*Files, error) {
	var dropped, gone, added []string
	for name := range tx.oldFiles {
		if _, put := tx.names[name]; put || (tx.partial && !tx.removed[name]) {
			continue
		}
		dropped = append(dropped, name)
		fi, _, err := lookup(tx.root, tx.base, name)
		if err != nil {
			return nil, err
		}
		if fi != nil && !fi.IsDir() {
			gone = append(gone, name)
		}
	}
	for name := range tx.names {
		if !tx.oldFiles[name] {
			added = append(added, name)
		}
	}
	tx.stats.Removed = len(gone)
	files := &Files{marker: tx.oldMarker, names: tx.oldFiles, canonical: tx.canonical}
	if len(dropped) > 0 || len(added) > 0 || !tx.canonical {
		final := maps.Clone(tx.oldFiles)
		for _, name := range dropped {
			delete(final, name)
		}
		for _, name := range added {
			final[name] = true
		}
		files = &Files{marker: encodeMarker(slices.Collect(maps.Keys(final))), names: final, canonical: true}
	}
	if tx.stats.Written == 0 && len(gone) == 0 && bytes.Equal(files.marker, tx.oldMarker) {
		return files, tx.dropTemp()
	}

	if len(added) > 0 || !tx.canonical {
		all := maps.Clone(tx.oldFiles)
		for _, name := range added {
			all[name] = true
		}
		if err := tx.writeMarker(encodeMarker(slices.Collect(maps.Keys(all)))); err != nil {
			return nil, err
		}
	}
	for _, name := range slices.Sorted(maps.Keys(tx.names)) {
		tmp := tx.names[name]
		if tmp == "" {
			continue
		}
		dst := path.Join(tx.base, name)
		if err := tx.root.MkdirAll(path.Dir(dst), 0o755); err != nil {
			return nil, err
		}
		if err := tx.root.Rename(tmp, dst); err != nil {
			return nil, fmt.Errorf("replacing %s: %w", name, err)
		}
	}
	slices.Sort(gone)
	for _, name := range gone {
		if err := tx.root.Remove(path.Join(tx.base, name)); err != nil {
			return nil, fmt.Errorf("removing %s: %w", name, err)
		}
		// Prune the folders this removal emptied; Remove fails on the first
		// one that still holds something.
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			if tx.root.Remove(path.Join(tx.base, dir)) != nil {
				break
			}
		}
	}
	if !bytes.Equal(files.marker, tx.oldMarker) {
		if err := tx.writeMarker(files.marker); err != nil {
			return nil, err
		}
	}
	return files, tx.dropTemp()
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
