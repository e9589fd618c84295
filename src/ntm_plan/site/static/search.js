// Client-side search: folds a query exactly as ntm-plan's command line folds names
// (model/names.py: đ→d, accents and case dropped, spaces collapsed, the leading unit kind
// dropped) and matches it against the keys precomputed in search-index.js.
// Results are built with textContent only: no HTML from the index reaches the page.
(function () {
  "use strict";
  var MAX_RESULTS = 20;
  var D_MAP = { "đ": "d", "Đ": "D", "Ð": "D", "ð": "d" };

  function fold(text) {
    var mapped = text.replace(/[đĐÐð]/g, function (ch) { return D_MAP[ch]; });
    var stripped = mapped.normalize("NFD").replace(/\p{Mn}/gu, "");
    return stripped.toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }

  function rank(keys, query) {
    var best = 0;
    for (var i = 0; i < keys.length; i++) {
      var key = keys[i];
      if (key === query) return 3;
      if (key.indexOf(query) === 0) best = Math.max(best, 2);
      else if (key.indexOf(query) > 0) best = Math.max(best, 1);
    }
    return best;
  }

  function search(index, prefix, text) {
    var full = fold(text);
    var bare = full.replace(prefix, "");
    if (!bare) return [];
    var found = [];
    index.entries.forEach(function (entry, order) {
      var score = Math.max(rank(entry[3], bare), rank(entry[3], full));
      if (score > 0) found.push({ entry: entry, score: score, order: order });
    });
    // best match first; among equal matches the units of the site's date before those of the past
    found.sort(function (a, b) { return b.score - a.score || b.entry[4] - a.entry[4] || a.order - b.order; });
    return found.slice(0, MAX_RESULTS);
  }

  function start() {
    var index = window.NTM_SEARCH_INDEX;
    var input = document.getElementById("search-input");
    var list = document.getElementById("search-results");
    var form = document.getElementById("tim-kiem");
    if (!index || !input || !list || !form) return;
    var root = document.body.getAttribute("data-root") || "";
    var prefix = new RegExp(index.prefix);

    function show() {
      list.textContent = "";
      var results = search(index, prefix, input.value);
      if (!results.length && input.value.trim()) {
        var none = document.createElement("li");
        none.textContent = "Không tìm thấy.";
        list.appendChild(none);
        return;
      }
      results.forEach(function (r) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = root + r.entry[2];
        a.textContent = r.entry[0];
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = " — " + r.entry[1];
        li.appendChild(a);
        li.appendChild(kind);
        list.appendChild(li);
      });
    }

    input.addEventListener("input", show);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) window.location.href = first.href;
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
