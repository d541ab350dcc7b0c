package ignore

import "testing"

func TestName(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"new-start.toml", false},
		{"article.md", false},
		{"config.toml", false},
		{"4913", true},
		{"49130", false},
		{"new-start.toml~", true},
		{".new-start.toml.swp", true},
		{"new-start.toml.swp", true},
		{"new-start.toml.swx", true},
		{".#new-start.toml", true},
		{"#new-start.toml#", true},
		{".goutputstream-ABC123", true},
		{"new-start.toml___jb_tmp___", true},
		{"new-start.toml___jb_old___", true},
		{".DS_Store", true},
		{".git", true},
		{".hidden.md", true},
		{"swp.md", false},
		{"a~b.md", false},
	}
	for _, tt := range tests {
		if got := Name(tt.name); got != tt.want {
			t.Errorf("Name(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
