package timeline

import "testing"

func TestRelativeUsesTheLargestWholeUnit(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"2023-06-01", "2026-02-05", "in 2 years"},
		{"2026-02-05", "2023-06-01", "2 years ago"},
		{"2025-11-05", "2026-02-05", "in 3 months"},
		{"2026-01-24", "2026-02-05", "in 12 days"},
		{"2026-02-08", "2026-02-05", "3 days ago"},
		{"2026-02-05", "2026-02-05", "today"},
		{"2026-02-04", "2026-02-05", "tomorrow"},
		{"2026-02-06", "2026-02-05", "yesterday"},
		{"2025-02-05", "2026-02-05", "in 1 year"},
		{"2025-02-06", "2026-02-05", "in 11 months"},
		{"2026-01-05", "2026-02-05", "in 1 month"},
		{"2026-01-31", "2026-02-28", "in 28 days"},
		{"2026-02-05", "2026", "1 month ago"},
		{"1977-10", "1977-10-01", "today"},
	}
	for _, tt := range tests {
		if got := Relative(d(tt.from), d(tt.to)); got != tt.want {
			t.Errorf("Relative(%s, %s) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}
