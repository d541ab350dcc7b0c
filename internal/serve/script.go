package serve

import (
	"encoding/json"
	"fmt"
)

// reloadScript returns the script added to HTML pages: it listens at
// eventsURL, reloads on "reload" and lists a failed build's errors in an
// overlay on "errors". The errors are put in with textContent only, never
// parsed as HTML.
func reloadScript(eventsURL string) []byte {
	// json.Marshal escapes <, > and &, so the URL cannot end the script.
	u, err := json.Marshal(eventsURL)
	if err != nil { // a string always marshals
		panic(err)
	}
	return fmt.Appendf(nil, `<script data-treatyline-reload>(function () {
  "use strict";
  if (!window.EventSource) return;
  var overlay = null;
  var events = new EventSource(%s);
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("errors", function (e) {
    var list;
    try { list = JSON.parse(e.data); } catch (err) { return; }
    if (overlay) { overlay.remove(); overlay = null; }
    if (!Array.isArray(list) || list.length === 0) return;
    overlay = document.createElement("div");
    overlay.id = "treatyline-errors";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:1.5em;" +
      "background:rgba(30,0,0,.92);color:#fff;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
    var title = document.createElement("strong");
    title.textContent = "The build failed: the page shows the last good build.";
    overlay.appendChild(title);
    var ul = document.createElement("ul");
    list.forEach(function (d) {
      var li = document.createElement("li");
      li.textContent = d.file + ":" + d.line + ":" + d.col + ": " + d.message;
      ul.appendChild(li);
    });
    overlay.appendChild(ul);
    (document.body || document.documentElement).appendChild(overlay);
  });
})();</script>
`, u)
}
