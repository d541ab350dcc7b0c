// Filters the entries of a timeline page by treaty, kind and party, and keeps
// the choice in the URL query (?treaty=new-start&kind=signed) so it can be
// shared. Without this script the form stays hidden and every entry shows.
(function () {
  "use strict";
  var form = document.querySelector("form[data-filters]");
  if (!form) return;
  var entries = Array.prototype.slice.call(document.querySelectorAll("li.entry"));
  var count = form.querySelector("[data-filter-count]");
  var keys = ["treaty", "kind", "party"];

  function has(list, value) {
    return (" " + (list || "") + " ").indexOf(" " + value + " ") >= 0;
  }

  function apply() {
    var want = {};
    keys.forEach(function (k) { want[k] = form.elements[k].value; });
    var shown = 0;
    entries.forEach(function (li) {
      var ok = keys.every(function (k) { return !want[k] || has(li.getAttribute("data-" + k), want[k]); });
      li.hidden = !ok;
      if (ok) shown++;
    });
    document.querySelectorAll("section.month").forEach(function (s) {
      s.hidden = !s.querySelector("li.entry:not([hidden])");
    });
    count.textContent = shown === entries.length
      ? "Showing all " + entries.length + " entries."
      : "Showing " + shown + " of " + entries.length + " entries.";
    var query = new URLSearchParams();
    keys.forEach(function (k) { if (want[k]) query.set(k, want[k]); });
    var q = query.toString();
    try {
      history.replaceState(null, "", (q ? "?" + q : location.pathname) + location.hash);
    } catch (e) {
      // A browser may refuse replaceState on a file:// page; the filter still works.
    }
  }

  var params = new URLSearchParams(location.search);
  keys.forEach(function (k) {
    var select = form.elements[k];
    var value = params.get(k);
    if (value && select.querySelector('option[value="' + CSS.escape(value) + '"]')) select.value = value;
  });
  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  // The reset event comes before the form resets: clear the choices here,
  // so the entries and the URL follow at once.
  form.addEventListener("reset", function (e) {
    e.preventDefault();
    keys.forEach(function (k) { form.elements[k].value = ""; });
    apply();
  });
  apply();
})();
