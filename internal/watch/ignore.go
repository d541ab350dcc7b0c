package watch

import "strings"

// Ignored reports whether a file or folder name belongs to an editor's or a
// system's temporary, backup or lock files, or is a dotfile: changes to
// these never give a rebuild. The list is Hugo's.
func Ignored(name string) bool {
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
