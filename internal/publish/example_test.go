package publish_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/treatyline/treatyline/internal/publish"
)

func Example() {
	site, err := os.MkdirTemp("", "site")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(site)
	out := filepath.Join(site, "public")

	builds := []map[string]string{
		{"index.html": "home", "treaties/new-start/index.html": "New START"},
		{"index.html": "home", "treaties/new-start/index.html": "New START"},
		{"index.html": "home, as of today"},
	}
	for _, files := range builds {
		tx, err := publish.Begin(out, publish.Options{SiteRoot: site})
		if err != nil {
			log.Fatal(err)
		}
		for name, data := range files {
			if err := tx.Put(name, []byte(data)); err != nil {
				tx.Abort()
				log.Fatal(err)
			}
		}
		st, err := tx.Commit()
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%+v\n", st)
	}
	// Output:
	// {Written:2 Unchanged:0 Removed:0}
	// {Written:0 Unchanged:2 Removed:0}
	// {Written:1 Unchanged:0 Removed:1}
}
