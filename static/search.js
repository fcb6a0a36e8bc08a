// The search page: looks the query up in the site's own index (search-index/<lang>/,
// written by src/search/) and shows the results with kind, date and a highlighted excerpt.
// A query downloads meta.json, one shard per term and one small file per result shown.
// The same file is the query side of the relevance test (tests/e2e/relevance.test.mjs).
(function () {
  "use strict";

  // --- terms: the rules of src/search/tokens.rs -------------------------------------------
  var LETTER = /\p{Alphabetic}/u;
  var DIGIT = /\p{N}/u;
  var WORD = /[\p{Alphabetic}\p{N}]/u;

  function isCjk(c) {
    var n = c.codePointAt(0);
    return (n >= 0x3040 && n <= 0x30ff) || (n >= 0x3400 && n <= 0x4dbf) || (n >= 0x4e00 && n <= 0x9fff) ||
      (n >= 0xac00 && n <= 0xd7af) || (n >= 0xf900 && n <= 0xfaff) || (n >= 0x20000 && n <= 0x2ffff);
  }

  function fold(c) {
    var n = c.codePointAt(0);
    if (n >= 0xff01 && n <= 0xff5e) return String.fromCodePoint(n - 0xfee0);
    return c === "\u2019" ? "'" : c;
  }

  function joins(cs, i) {
    var before = cs[i - 1], after = cs[i + 1];
    if (before === undefined || after === undefined) return false;
    if (cs[i] === "." || cs[i] === ",") return DIGIT.test(before) && DIGIT.test(after);
    if (cs[i] === "'") return LETTER.test(before) && LETTER.test(after) && !isCjk(after);
    return false;
  }

  // A query's terms: {key, word} with word true for a word (looked up through its stem),
  // false for a CJK character or pair. `text` is what to highlight.
  function tokenize(query, stop) {
    var cs = Array.from(query).map(fold);
    var terms = [];
    var i = 0;
    while (i < cs.length) {
      var c = cs[i];
      if (isCjk(c)) {
        var run = [];
        while (i < cs.length && isCjk(cs[i])) run.push(cs[i++]);
        if (run.length === 1) terms.push({ key: run[0], word: false, text: run[0] });
        for (var k = 0; k + 1 < run.length; k++) terms.push({ key: run[k] + run[k + 1], word: false, text: run.join("") });
      } else if (WORD.test(c)) {
        var word = "";
        while (i < cs.length) {
          c = cs[i];
          if (WORD.test(c) && !isCjk(c)) word += c.toLowerCase();
          else if (joins(cs, i)) { if (c !== ",") word += c; }
          else break;
          i++;
        }
        if (!stop || stop.indexOf(word) < 0) terms.push({ key: word, word: true, text: word });
      } else i++;
    }
    var seen = {};
    return terms.filter(function (t) { return seen[t.key] ? false : (seen[t.key] = true); });
  }

  // Forms of a word the index may know when the word itself is not in it: the stems of
  // its inflections are then reached through those forms' aliases.
  function variants(word) {
    if (!/^\p{Alphabetic}+$/u.test(word) || word.length < 4) return [];
    var out = [];
    [["ies", "y"], ["ied", "y"], ["es", ""], ["s", ""], ["ed", ""], ["ed", "e"], ["ing", ""], ["ing", "e"], ["ly", ""]].forEach(function (r) {
      if (word.length > r[0].length + 2 && word.slice(-r[0].length) === r[0]) out.push(word.slice(0, -r[0].length) + r[1]);
    });
    return out;
  }

  function fnv(term) {
    var h = 0x811c9dc5;
    var bytes = new TextEncoder().encode(term);
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
    return h;
  }

  // --- the index ------------------------------------------------------------------------
  // `load(path)` fetches a JSON file of the index folder, or resolves to null if missing.
  function createIndex(load) {
    var meta = null, shards = {}, docs = {};

    function getMeta() {
      return meta || (meta = load("meta.json", true));
    }
    function shard(term) {
      return getMeta().then(function (m) {
        var n = (fnv(term) & (m.shards - 1)).toString(16);
        return shards[n] || (shards[n] = load("t/" + n + ".json?v=" + m.version));
      });
    }
    // A term's postings as [[doc, weight], …], following a word's alias to its stem.
    function postings(term, follow) {
      return shard(term).then(function (s) {
        var v = s && Object.prototype.hasOwnProperty.call(s, term) ? s[term] : null;
        if (typeof v === "string") return follow ? postings(v, false) : null;
        if (!v) return null;
        var list = [], doc = 0;
        for (var i = 0; i < v.length; i += 2) list.push([(doc += v[i]), v[i + 1]]);
        return list;
      });
    }
    function wordPostings(word) {
      return postings(word, true).then(function (list) {
        if (list) return list;
        return Promise.all(variants(word).map(function (v) { return postings(v, true); })).then(function (lists) {
          return lists.filter(Boolean)[0] || null;
        });
      });
    }

    // Documents with every term, best first: [{id, score}].
    function search(query) {
      return getMeta().then(function (m) {
        var terms = tokenize(query, m.stop);
        if (!terms.length) return [];
        return Promise.all(terms.map(function (t) { return t.word ? wordPostings(t.key) : postings(t.key, false); })).then(function (lists) {
          if (lists.some(function (l) { return !l; })) return [];
          var found = new Map();
          lists.forEach(function (list) {
            var idf = Math.log(1 + (m.docs - list.length + 0.5) / (list.length + 0.5));
            list.forEach(function (p) {
              var hit = found.get(p[0]) || { id: p[0], score: 0, terms: 0 };
              hit.score += idf * p[1];
              hit.terms += 1;
              found.set(p[0], hit);
            });
          });
          return Array.from(found.values())
            .filter(function (h) { return h.terms === lists.length; })
            .sort(function (a, b) { return b.score - a.score || a.id - b.id; });
        });
      });
    }
    function doc(id) {
      return docs[id] || (docs[id] = getMeta().then(function (m) { return load("d/" + id + ".json?v=" + m.version); }));
    }
    return { search: search, doc: doc, meta: getMeta };
  }

  // What to highlight of a query: its CJK runs and words, and the stems of the words.
  function needles(query, stop) {
    var out = [];
    tokenize(query, stop).forEach(function (t) {
      out.push(t.text);
      if (t.word) variants(t.text).forEach(function (v) { if (v.length >= 3) out.push(v.replace(/e$/, "")); });
    });
    return out.sort(function (a, b) { return b.length - a.length; });
  }

  // An excerpt of `text` around the first match, as [text, marked, text, …].
  function excerpt(text, found, size) {
    var pattern = found.length ? new RegExp(found.map(function (n) { return n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|"), "gi") : null;
    var first = pattern ? text.search(pattern) : -1;
    var start = Math.max(0, first - Math.floor(size / 3));
    if (start > 0) {
      var space = text.indexOf(" ", start);
      if (space > 0 && space < first && space - start < 20) start = space + 1;
    }
    var window = (start > 0 ? "…" : "") + text.slice(start, start + size) + (start + size < text.length ? "…" : "");
    if (!pattern) return [window];
    var parts = [], last = 0, m;
    pattern.lastIndex = 0;
    while ((m = pattern.exec(window))) {
      parts.push(window.slice(last, m.index), m[0]);
      last = m.index + m[0].length;
    }
    parts.push(window.slice(last));
    return parts;
  }

  // --- the page -------------------------------------------------------------------------
  function start() {
    var list = document.getElementById("search-results");
    if (!list) return;
    var d = list.dataset;
    var status = document.getElementById("search-status");
    var more = document.getElementById("search-more");
    var form = document.getElementById("search-form");
    var input = document.getElementById("search-q");
    if (location.protocol === "file:") {
      status.textContent = d.needsServer;
      return;
    }
    var index = createIndex(function (path, fresh) {
      return fetch(d.index + path, fresh ? { cache: "no-cache" } : {}).then(function (r) { return r.ok ? r.json() : null; });
    });
    var hits = [], shown = 0, pageSize = 10, query = "", stop = [];

    function say(template) {
      return template.replace("[SEARCH_TERM]", query).replace("[COUNT]", hits.length);
    }
    function element(tag, className, text) {
      var e = document.createElement(tag);
      if (className) e.className = className;
      if (text) e.textContent = text;
      return e;
    }
    function show() {
      var batch = hits.slice(shown, shown + pageSize);
      shown += batch.length;
      more.hidden = shown >= hits.length;
      var marks = needles(query, stop);
      return Promise.all(batch.map(function (h) { return index.doc(h.id); })).then(function (docs) {
        docs.forEach(function (doc) {
          if (!doc) return;
          var item = element("li", "search-result");
          var heading = element("h2");
          var link = element("a", null, doc.t || doc.u);
          link.href = doc.u;
          heading.appendChild(link);
          var facts = element("p", "search-meta", [d["kind" + doc.k.charAt(0).toUpperCase() + doc.k.slice(1)], doc.d].filter(Boolean).join(" · "));
          var text = element("p", "search-excerpt");
          excerpt(doc.x, marks, d.lang === "zh" ? 90 : 180).forEach(function (part, k) {
            text.appendChild(k % 2 ? element("mark", null, part) : document.createTextNode(part));
          });
          item.append(heading, facts, text);
          list.appendChild(item);
        });
      });
    }
    function run(q) {
      query = q.trim();
      list.textContent = "";
      hits = [];
      shown = 0;
      more.hidden = true;
      if (!query) { status.textContent = ""; return Promise.resolve(); }
      status.textContent = say(d.searching);
      return index.meta().then(function (m) {
        stop = m.stop;
        return index.search(query);
      }).then(function (found) {
        hits = found;
        status.textContent = say(hits.length === 0 ? d.zero : hits.length === 1 ? d.one : d.many);
        var cjk = Array.from(query).some(isCjk);
        var latin = /\p{Script=Latin}/u.test(query);
        // A query in the other language's script gets a link to search there.
        if (!hits.length && (d.lang === "en" ? cjk : latin && !cjk)) {
          var hint = element("a", "search-other", say(d.other));
          hint.href = d.otherSearch + "?q=" + encodeURIComponent(query);
          hint.hreflang = hint.lang = d.otherLang;
          status.append(" ", hint);
        }
        return show();
      }).catch(function () {
        status.textContent = d.failed;
      });
    }
    // The query stays in the header's box and in the links to the other language.
    function keep(q) {
      var header = document.getElementById("site-search");
      if (header) header.value = q;
      document.querySelectorAll("a[hreflang]").forEach(function (a) {
        var url = new URL(a.href, location.href);
        if (url.pathname !== new URL(d.otherSearch, location.href).pathname) return;
        if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
        a.href = url.pathname + url.search;
      });
    }
    more.addEventListener("click", show);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var q = input.value;
      history.replaceState(null, "", q ? "?q=" + encodeURIComponent(q) : location.pathname);
      keep(q);
      run(q);
    });
    var q = new URLSearchParams(location.search).get("q") || "";
    input.value = q;
    keep(q);
    run(q);
  }

  if (typeof module === "object" && module.exports) module.exports = { tokenize: tokenize, createIndex: createIndex, needles: needles, excerpt: excerpt };
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
