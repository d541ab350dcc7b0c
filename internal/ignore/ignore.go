// Package ignore names the files treatyline passes over in a site: editors'
// temp, backup and lock files, and dotfiles. The loader and the watcher
// share it, so a file that `build` ignores never triggers a rebuild either.
package ignore

import "strings"

// Name reports whether a file or folder of this base name is ignored. The
// list follows the one Hugo keeps for the editors people use.
func Name(name string) bool {
	switch {
	case strings.HasPrefix(name, "."): // dotfiles, .#lock, .goutputstream-*, .DS_Store
		return true
	case strings.HasPrefix(name, "#"): // Emacs auto-save
		return true
	case strings.HasSuffix(name, "~"): // backups
		return true
	case strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"): // Vim swap
		return true
	case name == "4913": // Vim's probe for write permission
		return true
	case strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"): // JetBrains safe write
		return true
	}
	return false
}
