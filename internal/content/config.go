package content

import (
	"net/url"
	"strings"
)

var (
	configKeys   = []string{"title", "base_url", "language", "as_of", "output_dir", "paginate", "pretty_urls", "feed_items", "markdown"}
	markdownKeys = []string{"unsafe_html"}
)

// defaultConfig is the configuration of keys that config.toml leaves out.
func defaultConfig() Config {
	return Config{Language: "en", OutputDir: "public", Paginate: 100, FeedItems: 20}
}

// decodeConfig fills a Config from config.toml; keys with errors keep their
// defaults.
func decodeConfig(f *file, src []byte, base int) Config {
	cfg := defaultConfig()
	t, ok := decodeTOML(f, src[base:], base)
	if !ok {
		return cfg
	}
	t.checkKeys(configKeys)
	if s, ok := t.str("title"); ok {
		cfg.Title = s
	}
	if s, ok := t.str("base_url"); ok && s != "" {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			t.errorAt(t.valuePos("base_url"), "base_url %q must be an absolute http or https URL", s)
		} else {
			if !strings.HasSuffix(s, "/") {
				s += "/"
			}
			cfg.BaseURL = s
		}
	}
	if s, ok := t.nonEmpty("language"); ok {
		cfg.Language = s
	}
	if d, ok := t.date("as_of"); ok {
		cfg.AsOf = d
	}
	if s, ok := t.nonEmpty("output_dir"); ok {
		cfg.OutputDir = s
	}
	for key, dst := range map[string]*int{"paginate": &cfg.Paginate, "feed_items": &cfg.FeedItems} {
		if n, ok := t.integer(key); ok {
			if n <= 0 {
				t.errorAt(t.valuePos(key), "%s must be greater than 0, not %d", key, n)
			} else {
				*dst = n
			}
		}
	}
	if b, ok := t.boolean("pretty_urls"); ok {
		cfg.PrettyURLs = b
	}
	if md, ok := t.sub("markdown"); ok {
		md.checkKeys(markdownKeys)
		if b, ok := md.boolean("unsafe_html"); ok {
			cfg.UnsafeHTML = b
		}
	}
	return cfg
}
