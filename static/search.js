// The search page: looks the query up in the site's own index (search-index/<lang>/,
// written by src/search/) and shows the results with kind, date and a highlighted excerpt.
// A query downloads meta.json, one shard per term and one small file per result shown.
// The same file is the query side of the relevance test (tests/e2e/relevance.test.mjs).
(function () {
  "use strict";

  // --- terms: the rules of src/search/tokens.rs and keys.rs ------------------------------
  var LETTER = /\p{Alphabetic}/u;
  var DIGIT = /\p{N}/u;
  var WORD = /[\p{Alphabetic}\p{N}]/u;
  var UMLAUT = /[üÜǖǘǚǜǕǗǙǛ]/u;

  // src/cjk.rs, is_indexed_by_character: Han (to U+3FFFF), kana and Hangul.
  function isCjk(c) {
    var n = c.codePointAt(0);
    return (n >= 0x3040 && n <= 0x30ff) || (n >= 0x3400 && n <= 0x4dbf) || (n >= 0x4e00 && n <= 0x9fff) ||
      (n >= 0xac00 && n <= 0xd7af) || (n >= 0xf900 && n <= 0xfaff) || (n >= 0x20000 && n <= 0x3ffff);
  }

  // tokens.rs, fold: full-width ASCII, sub- and superscript digits, one apostrophe, Latin
  // letters without tone marks (ü is kept: a word is looked up with u). Traditional
  // characters are folded with the index's own table (its aliases), see `search`.
  var SUPERSCRIPT = { "\u2070": "0", "\u00b9": "1", "\u00b2": "2", "\u00b3": "3" };
  // tokens.rs, fold_into: letterlike symbols, number forms, enclosed alphanumerics and CJK
  // compatibility units (㎡ Ⅳ ① ℃) as the characters they stand for, by NFKD.
  function isCompatibilityForm(n) {
    return (n >= 0x2100 && n <= 0x218f) || (n >= 0x2460 && n <= 0x24ff) || (n >= 0x3200 && n <= 0x33ff);
  }
  function foldAll(text) {
    var out = [];
    Array.from(text).forEach(function (c) {
      var parts = isCompatibilityForm(c.codePointAt(0)) ? Array.from(c.normalize("NFKD")) : [c];
      parts.forEach(function (p) { out.push(fold(p)); });
    });
    return out;
  }
  function fold(c) {
    var n = c.codePointAt(0);
    if (n >= 0xff01 && n <= 0xff5e) return String.fromCodePoint(n - 0xfee0);
    if (n >= 0x2080 && n <= 0x2089) return String.fromCharCode(48 + n - 0x2080);
    if (n >= 0x2074 && n <= 0x2079) return String.fromCharCode(48 + n - 0x2070);
    if (SUPERSCRIPT[c]) return SUPERSCRIPT[c];
    if (c === "\u2019") return "'";
    if (c === "\u00b5" || c === "\u03bc") return "u";
    if (n < 0x80 || UMLAUT.test(c)) return c;
    if (n < 0x250 && LETTER.test(c)) return c.normalize("NFD").charAt(0);
    return c;
  }

  // A query only: the ideographic full stop between digits is the decimal point as a
  // Chinese IME types it (PM2。5). The index does not join it: in text it ends a sentence
  // that may end with a number before one that starts with one.
  var IME_POINT = "\u3002";

  function joins(cs, i) {
    var before = cs[i - 1], after = cs[i + 1];
    if (before === undefined || after === undefined) return false;
    if (cs[i] === "." || cs[i] === "," || cs[i] === IME_POINT) return DIGIT.test(before) && DIGIT.test(after);
    if (cs[i] === "'") return LETTER.test(before) && LETTER.test(after) && !isCjk(after);
    return false;
  }

  // A query's segments (tokens.rs, Tokenizer::segments): each run of CJK characters and
  // each word, folded and lowercased, stop words dropped: [{cjk, text}].
  function segments(query, stop) {
    var cs = foldAll(query);
    var out = [];
    var i = 0;
    while (i < cs.length) {
      var c = cs[i];
      if (isCjk(c)) {
        var run = "";
        while (i < cs.length && isCjk(cs[i])) run += cs[i++];
        out.push({ cjk: true, text: run });
      } else if (WORD.test(c)) {
        var word = "";
        while (i < cs.length) {
          c = cs[i];
          if (UMLAUT.test(c)) word += "u";
          else if (WORD.test(c) && !isCjk(c)) word += c.toLowerCase();
          else if (joins(cs, i)) { if (c !== ",") word += c === IME_POINT ? "." : c; }
          else break;
          i++;
        }
        if (!stop || stop.indexOf(word) < 0) out.push({ cjk: false, text: word });
      } else i++;
    }
    return out;
  }

  // The index terms of a segment: a word, or a run's character pairs (its character
  // alone when it has one).
  function termsOf(seg) {
    if (seg.parts) return [].concat.apply([], seg.parts.map(termsOf));
    if (!seg.cjk) return [seg.text];
    var cs = Array.from(seg.text);
    if (cs.length === 1) return cs;
    var out = [];
    for (var k = 0; k + 1 < cs.length; k++) out.push(cs[k] + cs[k + 1]);
    return out;
  }

  // Kept for the tests and the byte benchmark: a query's terms as {key, word, text}.
  function tokenize(query, stop) {
    var out = [], seen = {};
    segments(query, stop).forEach(function (seg) {
      termsOf(seg).forEach(function (key) {
        if (!seen[key]) out.push({ key: key, word: !seg.cjk, text: seg.text });
        seen[key] = true;
      });
    });
    return out;
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

  // Plurals of a word, tried when neither it nor its variants are in the index: a text
  // that only has `by-elections` knows `elections` (an alias of its stem), not `election`.
  function plurals(word) {
    if (!/^\p{Alphabetic}+$/u.test(word) || word.length < 3) return [];
    return /[^aeiou]y$/.test(word) ? [word.slice(0, -1) + "ies"] : /(s|x|z|ch|sh)$/.test(word) ? [word + "es"] : [word + "s"];
  }

  // Words that make a query a question (`how did Jinzhong improve its air`) and that the
  // page answering it need not have: left out of a query that has other words. Not stop
  // words of the index, as `how` and `many` are words of the text elsewhere.
  var QUESTION = ["can", "did", "do", "does", "how", "many", "much", "what", "when", "where", "which", "who", "why"];
  function asked(segs) {
    var rest = segs.filter(function (s) { return s.cjk || QUESTION.indexOf(s.text) < 0; });
    return rest.length ? rest : segs;
  }

  // The British spelling of an American one (the portal's English is British), tried
  // when a word is not in the index: `fertilization` is `fertilisation`, `analyze`
  // `analyse`, `color` `colour`, `center` `centre`.
  function british(word) {
    var out = [];
    var add = function (w) { if (w !== word && out.indexOf(w) < 0) out.push(w); };
    add(word.replace(/iz/g, "is").replace(/yz/g, "ys"));
    add(word.replace(/([^aeiou])or(s?)$/, "$1our$2"));
    add(word.replace(/([bt])er(s?)$/, "$1re$2"));
    return out;
  }

  // keys.rs: a word with one letter left out, each way.
  function deletions(word) {
    var cs = Array.from(word), out = [];
    for (var k = 0; k < cs.length; k++) out.push(cs.slice(0, k).concat(cs.slice(k + 1)).join(""));
    return out;
  }

  // One edit apart: a letter left out, added, changed, or two neighbours swapped.
  function oneEdit(a, b) {
    a = Array.from(a); b = Array.from(b);
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    var ta = a.slice(i), tb = b.slice(i);
    var rest = function (x, y) { return x.join("") === y.join(""); };
    if (a.length === b.length) {
      return rest(ta.slice(1), tb.slice(1)) || (ta[0] === tb[1] && ta[1] === tb[0] && rest(ta.slice(2), tb.slice(2)));
    }
    return a.length > b.length ? rest(ta.slice(1), tb) : rest(ta, tb.slice(1));
  }

  function fnv(term) {
    var h = 0x811c9dc5;
    var bytes = new TextEncoder().encode(term);
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
    return h;
  }

  // --- the index ------------------------------------------------------------------------
  // A document counts as matching when the query's parts it has make up this share of
  // the query (a pair of characters whose two characters it has apart counts half).
  var ENOUGH = 0.6;
  // A page found through an equivalent, a spelling or a pinyin ending weighs this much.
  var OTHER_WORDS = 0.8;
  // A query of this many words or more finds a page that lacks one of them (after the
  // pages with all of it).
  var SEVERAL_WORDS = 3;
  // The most words of a query looked up together as one phrase of the equivalents.
  var LONGEST_PHRASE = 6;

  // The results the page shows at once (and fetches the stored text of).
  var SHOWN = 10;
  // A page whose text has each pair of the query's words side by side weighs this much
  // more; pairs a few words apart count half.
  var PHRASE = 1;
  // Credit of a pair side by side the other way round (`tree planting`, `planting trees`).
  var REVERSED = 1;
  // Words apart (stop words left out) that still count as near.
  var NEAR = 3;
  // A data, place or topic page whose own title holds the whole query weighs this much
  // more: the index weighs such pages' terms 0.6 (NOT_ARTICLE in index.rs) so that a page
  // citing an article by its title does not outrank the article, and a page's own title
  // is no citation (`carbon monoxide`: the indicator, not the methods note naming it).
  var OWN_TITLE = 1 / 0.6;
  // ... but only when the titles of this many of the first results at most hold it: a
  // query in more titles names a subject (`垃圾分类`, `air quality`: many indicators are
  // named after it), whose articles should lead.
  var FEW_TITLES = 2;
  // ... and only when the query is at least this share of the title (`一氧化碳` of
  // `一氧化碳浓度`, not `超低排放` of `完成超低排放改造的水泥企业`, where it names a subject
  // the page is one part of).
  var TITLE_COVER = 0.5;

  // Whether a word of the text is a form of the query's word `word` (`rivers` of `river`):
  // the rule the excerpt marks words by.
  function formsOf(word) {
    var stems = [word].concat(variants(word).map(function (v) { return v.replace(/e$/, ""); })).filter(function (w) { return w.length >= 3; });
    return function (textWord) {
      return textWord === word || stems.some(function (w) {
        return textWord.slice(0, w.length) === w && textWord.length <= w.length + 3;
      });
    };
  }

  // The share of the neighbouring pairs of `words` that stand together in `text`: in the
  // same sentence, next to each other (1) or a few words apart (0.5), stop words left
  // out on both sides.
  function together(words, text, stop) {
    if (words.length < 2) return 0;
    var forms = words.map(formsOf);
    var pairs = [];
    for (var k = 0; k + 1 < words.length; k++) pairs.push(0);
    // Sentences end at a full stop, not at a comma: `Wang Xiaohong, Director` is a name
    // and its title side by side.
    text.split(/[.;!?]\s|[。；！？]/u).forEach(function (sentence) {
      var ws = segments(sentence, stop).filter(function (s) { return !s.cjk; }).map(function (s) { return s.text; });
      var at = forms.map(function (form) {
        var out = [];
        ws.forEach(function (t, n) { if (form(t)) out.push(n); });
        return out;
      });
      pairs.forEach(function (best, k) {
        at[k].forEach(function (a) {
          at[k + 1].forEach(function (b) {
            var credit = b === a + 1 ? 1 : b === a - 1 ? REVERSED : Math.abs(b - a) <= NEAR ? 0.5 : 0;
            if (credit > pairs[k]) pairs[k] = credit;
          });
        });
      });
    });
    return pairs.reduce(function (a, b) { return a + b; }, 0) / pairs.length;
  }

  // How much of a title the query is: 0 unless the title holds every segment of it, as
  // typed or in another of its `forms` (an equivalent: `levels` for `concentration`, `SO2`
  // for `二氧化硫`), each word in one of its inflections, each run of characters as it is;
  // else the share of the title (what it puts in brackets left out) the forms it holds make
  // up, characters of runs and words counted alike.
  function titleShare(title, segs, forms, stop) {
    var own = segments(title, stop);
    var runs = own.filter(function (s) { return s.cjk; }).map(function (s) { return s.text; }).join(" ");
    var size = function (ss) { return ss.reduce(function (n, s) { return n + (s.parts ? size(s.parts) : s.cjk ? Array.from(s.text).length : 1); }, 0); };
    var has = function (seg) {
      if (seg.parts) return seg.parts.every(has);
      if (seg.cjk) return runs.indexOf(seg.text) >= 0;
      var form = formsOf(seg.text);
      return own.some(function (s) { return !s.cjk && form(s.text); });
    };
    var held = 0;
    var all = segs.every(function (seg, k) {
      var best = has(seg) ? size([seg]) : 0;
      ((forms && forms[k]) || []).forEach(function (text) {
        var parts = segments(text, stop);
        if (parts.length && parts.every(has)) best = Math.max(best, size(parts));
      });
      held += best;
      return best > 0;
    });
    var bare = segments(title.replace(/\([^)]*\)|（[^）]*）/g, " "), stop);
    return all && bare.length ? Math.min(1, held / size(bare)) : 0;
  }

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
    // The entry of `key` in the shard of `term` (keys.rs files a key under its first term).
    function entry(term, key) {
      return shard(term).then(function (s) {
        return s && Object.prototype.hasOwnProperty.call(s, key) ? s[key] : null;
      });
    }
    // A term's postings as [[doc, weight], …], following a word's alias to its stem.
    function postings(term, follow) {
      return entry(term, term).then(function (v) {
        if (typeof v === "string") return follow ? postings(v, false) : null;
        if (!v) return null;
        var list = [], doc = 0;
        for (var i = 0; i < v.length; i += 2) list.push([(doc += v[i]), v[i + 1]]);
        return list;
      });
    }
    // A word's postings; a word the reader typed (`typed`), when the index does not have
    // it, also by its plural and British spelling (not the words of an equivalent, which
    // are often of the other language's site and would cost a shard each for nothing).
    // Its inflections are asked first, the other forms only when none of them is found:
    // `rivers` is filed under `river`, and asking for `riverses` too cost a shard.
    function wordPostings(word, typed) {
      return postings(word, true).then(function (list) {
        if (list) return list;
        return firstFound(variants(word)).then(function (found) {
          if (found || !typed) return found;
          var others = [].concat.apply(plurals(word), british(word).map(function (w) { return [w].concat(variants(w), plurals(w)); }));
          return firstFound(others);
        });
      });
    }
    // The postings of the first of `words` the index has, asked all at once.
    function firstFound(words) {
      return Promise.all(words.map(function (w) { return postings(w, true); })).then(function (lists) {
        return lists.filter(Boolean)[0] || null;
      });
    }
    function termPostings(term, word, typed) {
      return word ? wordPostings(term, typed) : postings(term, false);
    }
    // A term's postings as a map doc → weight, with its idf: {idf, weights} or null.
    function weighed(m, term, word, typed) {
      return termPostings(term, word, typed).then(function (list) {
        if (!list) return null;
        var weights = new Map();
        list.forEach(function (p) { weights.set(p[0], p[1]); });
        return { idf: Math.log(1 + (m.docs - list.length + 0.5) / (list.length + 0.5)), weights: weights };
      });
    }
    function key(segs) { return segs.map(function (s) { return s.text; }).join(" "); }
    function firstTerm(seg) { return termsOf(seg)[0]; }

    // The words a misspelt word may be: the index's words one edit away (keys.rs).
    function spellings(word) {
      if (Array.from(word).length < 5 || !/^\p{Alphabetic}+$/u.test(word)) return Promise.resolve([]);
      var asked = [word].concat(deletions(word));
      return Promise.all(asked.map(function (d) { return entry(d, "~" + d); })).then(function (found) {
        var out = [];
        found.forEach(function (words) {
          (words || []).forEach(function (w) { if (w !== word && out.indexOf(w) < 0 && oneEdit(word, w)) out.push(w); });
        });
        return out;
      });
    }

    // The stem the index files a word's postings under (its alias), or the word itself.
    function stemOf(seg) {
      if (seg.cjk) return Promise.resolve(seg.text);
      return entry(seg.text, seg.text).then(function (v) { return typeof v === "string" ? v : seg.text; });
    }

    // The equivalents of a run of segments, by its words as typed or as their stems
    // (keys.rs files both, each under its first term): a list, or null.
    function equivalentsOf(segs, stems) {
      var typed = key(segs), stemmed = stems.join(" ");
      var asked = [entry(firstTerm(segs[0]), "=" + typed)];
      if (stemmed !== typed) asked.push(entry(firstTerm({ cjk: segs[0].cjk, text: stems[0] }), "=" + stemmed));
      return Promise.all(asked).then(function (found) {
        var out = [];
        found.forEach(function (f) { (f || []).forEach(function (p) { if (out.indexOf(p) < 0) out.push(p); }); });
        return out.length ? out : null;
      });
    }

    // The segments with each longest run of them that has equivalents made one (`micrograms
    // per cubic metre` in `PM2.5 micrograms per cubic metre`): {cjk, text, parts, eq}.
    // Each run's entries are in the shards of its first term, fetched for the query anyway.
    function phrases(segs) {
      return Promise.all(segs.map(stemOf)).then(function (stems) {
        var asked = [];
        segs.forEach(function (_, i) {
          for (var n = 1; n <= LONGEST_PHRASE && i + n <= segs.length; n++) asked.push({ i: i, n: n });
        });
        return Promise.all(asked.map(function (a) {
          return equivalentsOf(segs.slice(a.i, a.i + a.n), stems.slice(a.i, a.i + a.n));
        })).then(function (found) {
          var eq = {};
          asked.forEach(function (a, k) { if (found[k]) eq[a.i + ":" + a.n] = found[k]; });
          var out = [];
          for (var i = 0; i < segs.length; ) {
            var n = Math.min(LONGEST_PHRASE, segs.length - i);
            while (n > 1 && !eq[i + ":" + n]) n--;
            var parts = segs.slice(i, i + n);
            out.push(n === 1 ? { cjk: segs[i].cjk, text: segs[i].text, parts: segs[i].parts, eq: eq[i + ":1"] || null }
              : { cjk: false, text: key(parts), parts: parts, eq: eq[i + ":" + n] });
            i += n;
          }
          return out;
        });
      });
    }

    // Each way a segment may be found: [{terms: [{key, word, cjk}], factor, text}].
    function alternatives(m, seg) {
      var ownTerms = [].concat.apply([], (seg.parts || [seg]).map(function (p) {
        return termsOf(p).map(function (t) { return { key: t, word: !p.cjk }; });
      }));
      var own = { terms: ownTerms, factor: 1, text: seg.text, own: true };
      var others = Promise.resolve(seg.eq).then(function (eq) {
        return (eq || []).map(function (phrase) {
          var segs = segments(phrase, m.stop);
          var terms = [];
          segs.forEach(function (s) { termsOf(s).forEach(function (t) { terms.push({ key: t, word: !s.cjk }); }); });
          return { terms: terms, factor: OTHER_WORDS, text: phrase };
        }).filter(function (a) { return a.terms.length; });
      });
      if (seg.cjk || seg.parts) return others.then(function (alts) { return [own].concat(alts); });
      // A word the index does not have: its spellings one letter off, and a pinyin name
      // split at its ending (fenhe → fen river).
      return Promise.all([others, wordPostings(seg.text, true)]).then(function (r) {
        var alts = [own].concat(r[0]);
        if (r[1]) return alts;
        return spellings(seg.text).then(function (words) {
          words.forEach(function (w) { alts.push({ terms: [{ key: w, word: true }], factor: OTHER_WORDS, text: w }); });
          Object.keys(m.suffix || {}).forEach(function (end) {
            var stem = seg.text.slice(0, -end.length);
            if (seg.text.length > end.length + 1 && seg.text.slice(-end.length) === end) {
              alts.push({ terms: [{ key: stem, word: true }, { key: m.suffix[end], word: true }], factor: OTHER_WORDS, text: stem + " " + m.suffix[end] });
            }
          });
          return alts;
        });
      });
    }

    // Documents that have enough of the query, best first: [{id, score, partial}], with
    // `needles`, the texts to highlight. A page named by the query comes first.
    function search(query) {
      return getMeta().then(function (m) {
        var segs = asked(segments(query, m.stop));
        if (!segs.length) return [];
        return run(m, segs, true).then(function (hits) { return rerank(m, segs, hits); });
      });
    }

    // The first results, whose stored text the page fetches anyway, ranked again by where
    // the query's words stand: a page whose text has them side by side (`space station`,
    // not `space` in one paragraph and `station` in another) gains on the others; and by
    // their titles: a data, place or topic page whose own title the query is gains too
    // (OWN_TITLE). Later results are left as they are: this costs no download the page
    // would not make.
    function rerank(m, segs, hits) {
      var words = segs.filter(function (s) { return !s.cjk; }).map(function (s) { return s.text; });
      var top = hits.slice(0, SHOWN);
      if (!top.length) return hits;
      return Promise.all(top.map(function (h) { return doc(h.id); })).then(function (docs) {
        // The segments as run() looked them up (phrases joined), which `forms` follows.
        var looked = hits.segs || segs;
        var titled = docs.map(function (d) { return d ? titleShare(d.t || "", looked, hits.forms, m.stop) : 0; });
        var few = titled.filter(Boolean).length <= FEW_TITLES;
        top.forEach(function (h, k) {
          var d = docs[k];
          if (!d) return;
          if (words.length > 1) h.score *= 1 + PHRASE * together(words, d.x || "", m.stop);
          if (few && d.k !== "article" && titled[k] >= TITLE_COVER) h.score *= OWN_TITLE;
        });
        top.sort(order);
        var out = top.concat(hits.slice(SHOWN));
        out.needles = hits.needles;
        out.forms = hits.forms;
        out.segs = hits.segs;
        return out;
      });
    }

    function order(a, b) {
      return (b.named - a.named) || (a.partial - b.partial) || (b.score - a.score) || (a.id - b.id);
    }

    function run(m, segs, mayFold) {
      // A pinyin ending typed as a word of its own (Fen He): the ending is the English word.
      // Phrases first: a pinyin name may be one as typed (`Huang He`).
      return phrases(segs).then(function (found) {
        segs = found.map(function (s, k) {
          var english = m.suffix && k > 0 && !s.cjk && !s.parts && !found[k - 1].cjk && m.suffix[s.text];
          return english ? { cjk: false, text: english, eq: null } : s;
        });
        return Promise.all(segs.map(function (s) { return alternatives(m, s); }));
      }).then(function (altsOf) {
        // Every term's postings, once.
        var wanted = {}, typed = {};
        altsOf.forEach(function (alts, n) {
          alts.forEach(function (a) {
            a.terms.forEach(function (t) {
              var k = (t.word ? "w:" : "c:") + t.key;
              wanted[k] = t;
              // A phrase the equivalents know (`Huang He`) is found as a phrase.
              if (a.own && !segs[n].parts) typed[k] = true;
            });
          });
        });
        var keys = Object.keys(wanted);
        return Promise.all(keys.map(function (k) { return weighed(m, wanted[k].key, wanted[k].word, typed[k]); })).then(function (lists) {
          var table = {};
          keys.forEach(function (k, n) { table[k] = lists[n]; });
          var hits = score(segs, altsOf, table, null);
          if (hits.some(function (h) { return !h.partial; })) return finish(m, segs, altsOf, hits);
          // Nothing has all of it: the characters of each run tell what is near (and
          // whether the query is in traditional characters: the index maps them).
          var chars = {};
          segs.forEach(function (s) { if (s.cjk) Array.from(s.text).forEach(function (c) { chars[c] = true; }); });
          var cs = Object.keys(chars);
          return Promise.all(cs.map(function (c) { return entry(c, c); })).then(function (found) {
            var simplified = {}, folded = false;
            cs.forEach(function (c, n) { if (typeof found[n] === "string") { simplified[c] = found[n]; folded = true; } });
            if (folded && mayFold) {
              var again = segs.map(function (s) {
                return s.cjk ? { cjk: true, text: Array.from(s.text).map(function (c) { return simplified[c] || c; }).join("") } : s;
              });
              return run(m, again, false);
            }
            return Promise.all(cs.map(function (c) { return weighed(m, c, false); })).then(function (lists) {
              var single = {};
              cs.forEach(function (c, n) { single[c] = lists[n]; });
              return finish(m, segs, altsOf, score(segs, altsOf, table, single));
            });
          });
        });
      });
    }

    // Whether the document has a neighbour of pair `n` of a run.
    function gap(doc, lists, n) {
      return [lists[n - 1], lists[n + 1]].some(function (l) { return l && l.weights.get(doc); });
    }

    // Each document's share of the query it has and its BM25 score; `single` holds the
    // postings of the runs' characters, when they were fetched.
    function score(segs, altsOf, table, single) {
      var found = new Map();
      var total = 0, known = 0;
      segs.forEach(function (seg, k) {
        var size = seg.cjk ? termsOf(seg).length : 1;
        total += size;
        var best = new Map();
        var put = function (doc, share, points) {
          var b = best.get(doc);
          if (!b || share > b.share || (share === b.share && points > b.points)) best.set(doc, { share: share, points: points });
        };
        altsOf[k].forEach(function (alt) {
          var lists = alt.terms.map(function (t) { return table[(t.word ? "w:" : "c:") + t.key]; });
          var docs = new Set();
          lists.forEach(function (l) { if (l) l.weights.forEach(function (_, d) { docs.add(d); }); });
          docs.forEach(function (doc) {
            var have = 0, points = 0;
            alt.terms.forEach(function (t, n) {
              var l = lists[n], w = l && l.weights.get(doc);
              if (w) { have += 1; points += l.idf * w; }
              else if (alt.own && seg.cjk && single && gap(doc, lists, n)) {
                // A pair missing between two that are there, whose two characters the
                // document has, counts half (裴科长: 裴国欣 … 科长).
                var pair = Array.from(t.key), a = single[pair[0]], b = single[pair[1]];
                if (a && b && a.weights.get(doc) && b.weights.get(doc)) have += 0.5;
              }
            });
            var share = have / alt.terms.length;
            // Another word for the segment counts only when all of it is there.
            if (!alt.own && share < 1) return;
            if (!seg.cjk && share < 1) return;
            put(doc, share, points * alt.factor);
          });
        });
        if (!seg.cjk && best.size) known += 1;
        best.forEach(function (b, doc) {
          var hit = found.get(doc) || { id: doc, have: 0, points: 0, words: 0 };
          hit.have += b.share * size;
          hit.points += b.points;
          if (!seg.cjk) hit.words += 1;
          found.set(doc, hit);
        });
      });
      var words = segs.filter(function (s) { return !s.cjk; }).length;
      // Every word must be there (in some form), but for one of a query of several words
      // when each of them is somewhere in the index (`coal to gas heating`: the page on
      // households moved from coal to gas does not say heating; `nuclear power plant`
      // still finds nothing, no page says nuclear). Runs of characters may be in part.
      var lack = words >= SEVERAL_WORDS && known === words ? 1 : 0;
      var out = [];
      found.forEach(function (h) {
        var share = h.have / total;
        if (h.words < words - lack || share < ENOUGH) return;
        out.push({ id: h.id, score: h.points * share * share, partial: share < 0.999 });
      });
      return out;
    }

    // The pages the query names: by the query itself, or for a query of one segment by
    // another form of it (a spelling, an equivalent).
    function named(m, segs, altsOf) {
      var asked = [segs];
      if (segs.length === 1) altsOf[0].forEach(function (a) { if (!a.own) asked.push(segments(a.text, m.stop)); });
      asked = asked.map(function (s) {
        return [].concat.apply([], s.map(function (seg) { return seg.parts || [seg]; }));
      }).filter(function (s) { return s.length; });
      return Promise.all(asked.map(function (s) {
        return entry(firstTerm(s[0]), "#" + key(s));
      })).then(function (found) {
        return new Set([].concat.apply([], found.map(function (f) { return f || []; })));
      });
    }

    function finish(m, segs, altsOf, hits) {
      return named(m, segs, altsOf).then(function (name) {
        hits.forEach(function (h) { h.named = name.has(h.id); });
        hits.sort(order);
        var needles = [];
        altsOf.forEach(function (alts) {
          alts.forEach(function (a) {
            needles.push(a.text);
            a.terms.forEach(function (t) { needles.push(t.key); if (t.word) variants(t.key).forEach(function (v) { if (v.length >= 3) needles.push(v.replace(/e$/, "")); }); });
          });
        });
        hits.needles = needles.filter(function (n, k) { return n && needles.indexOf(n) === k; });
        // Each segment's forms, for the titles the first results are ranked again by.
        hits.forms = altsOf.map(function (alts) { return alts.map(function (a) { return a.text; }); });
        hits.segs = segs;
        return hits;
      });
    }

    function doc(id) {
      return docs[id] || (docs[id] = getMeta().then(function (m) { return load("d/" + id + ".json?v=" + m.version); }));
    }
    return { search: search, doc: doc, meta: getMeta };
  }

  // Letters of the shortest needle that marks the rest of a word too (`tree` marks `trees`).
  var SHORTEST_STEM = 4;

  // What to highlight of a query without an index: its runs and words, and their pairs.
  function needles(query, stop) {
    var out = [];
    segments(query, stop).forEach(function (s) {
      out.push(s.text);
      if (s.cjk) out.push.apply(out, termsOf(s));
      else variants(s.text).forEach(function (v) { if (v.length >= 3) out.push(v.replace(/e$/, "")); });
    });
    return out;
  }

  // A pattern that finds `found` in text: a Latin needle only at the start of a word (and
  // to that word's end: `river` marks `rivers`, `over` not in `Government`), one shorter
  // than a stem only as a whole word (`per` not in `percentage`), a CJK one anywhere;
  // longest first.
  function pattern(found) {
    var sorted = found.filter(Boolean).slice().sort(function (a, b) { return b.length - a.length; });
    if (!sorted.length) return null;
    return new RegExp(sorted.map(function (n) {
      var escaped = n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      if (isCjk(Array.from(n)[0])) return escaped;
      return "(?<![\\p{L}\\p{N}])" + escaped + (Array.from(n).length < SHORTEST_STEM ? "(?![\\p{L}\\p{N}])" : "[\\p{L}]*");
    }).join("|"), "giu");
  }

  // An excerpt of `text` of about `size` characters at its best passage (the one with the
  // most different needles), as [text, marked, text, …].
  function excerpt(text, found, size) {
    var re = pattern(found);
    var matches = [];
    if (re) {
      var m;
      while ((m = re.exec(text)) && matches.length < 500) matches.push({ at: m.index, text: m[0].toLowerCase() });
    }
    var start = 0;
    if (matches.length) {
      var best = -1;
      matches.forEach(function (first, k) {
        var seen = {}, n = 0;
        for (var j = k; j < matches.length && matches[j].at < first.at + size * 0.8; j++) {
          if (!seen[matches[j].text]) { seen[matches[j].text] = true; n += matches[j].text.length; }
        }
        if (n > best) { best = n; start = first.at; }
      });
      start = Math.max(0, start - Math.floor(size / 5));
      if (start > 0) {
        var space = text.indexOf(" ", start);
        if (space > 0 && space - start < 20) start = space + 1;
      }
    }
    var window = (start > 0 ? "…" : "") + text.slice(start, start + size) + (start + size < text.length ? "…" : "");
    if (!re) return [window];
    var parts = [], last = 0, hit;
    re.lastIndex = 0;
    while ((hit = re.exec(window))) {
      if (!hit[0]) { re.lastIndex++; continue; }
      parts.push(window.slice(last, hit.index), hit[0]);
      last = hit.index + hit[0].length;
    }
    parts.push(window.slice(last));
    return parts;
  }

  // A UI string with the query and a count put in; the query is taken as it is ($& in it
  // is not a replacement pattern).
  function fill(template, query, count) {
    return template.replace("[SEARCH_TERM]", function () { return query; }).replace("[COUNT]", function () { return String(count); });
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
    var hits = [], shown = 0, pageSize = SHOWN, query = "", stop = [];

    function say(template) {
      return fill(template, query, hits.length);
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
      var marks = hits.needles || needles(query, stop);
      return Promise.all(batch.map(function (h) { return index.doc(h.id); })).then(function (docs) {
        docs.forEach(function (doc, k) {
          if (!doc) return;
          // Pages with only part of the query come after the others, under a line that says so.
          if (batch[k].partial && (shown - batch.length + k === 0 || !hits[shown - batch.length + k - 1].partial)) {
            list.appendChild(element("li", "search-closest", say(d.closest)));
          }
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
      if (!query) { status.textContent = d.empty; return Promise.resolve(); }
      status.textContent = say(d.searching);
      return index.meta().then(function (m) {
        stop = m.stop;
        return index.search(query);
      }).then(function (found) {
        hits = found;
        if (!segments(query, stop).length) {
          status.textContent = say(d.commonWords);
          return;
        }
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

  if (typeof module === "object" && module.exports) module.exports = { tokenize: tokenize, segments: segments, createIndex: createIndex, needles: needles, excerpt: excerpt, fill: fill, oneEdit: oneEdit, together: together };
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
