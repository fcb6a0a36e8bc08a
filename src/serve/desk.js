// The editor's desk: the article list with check's findings; an article as a form with
// its body, a live preview (rendered by the server, with the portal's renderer) and its
// English; its figures recorded in indicators.
(function () {
  "use strict";
  var token = new URLSearchParams(location.search).get("t") || "";
  function api(path, init) {
    init = init || {};
    init.headers = Object.assign({ "X-Desk-Token": token }, init.headers || {});
    return fetch(path, init).then(function (r) {
      if (!r.ok) return r.text().then(function (t) { throw new Error(t); });
      return r.json();
    });
  }
  function postJson(path, value) {
    return api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(value) });
  }
  function $(id) { return document.getElementById(id); }
  // The desk's words from the portal's catalogue, Chinese first: "已保存 / saved".
  var words = JSON.parse($("desk-words").textContent || "{}");
  function t(key, vars, between) {
    var pair = words[key] || [key, key];
    return pair.map(function (w) {
      return w.replace(/\{(\w+)\}/g, function (all, name) { return vars && name in vars ? vars[name] : all; });
    }).join(between === undefined ? " / " : between);
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function cell(row, text, cls) { return row.appendChild(el("td", text, cls)); }

  var status = $("status");
  function refresh() {
    return api("api/articles").then(function (data) {
      var body = $("articles");
      body.textContent = "";
      data.articles.forEach(function (a) {
        var row = document.createElement("tr");
        cell(row, (a.draft ? t("desk_draft_mark", null, " ") + " " : "") + (a.title || a.slug));
        cell(row, a.file, "wide");
        var errors = a.problems.filter(function (p) { return p.severity === "error"; }).length;
        var warnings = a.problems.length - errors;
        var check = cell(row, errors ? t("desk_errors", { n: errors }, " ") : warnings ? t("desk_warnings", { n: warnings }, " ") : t("desk_ok", null, " "),
          errors ? "error" : warnings ? "warning" : "ok");
        if (a.problems.length) {
          var list = document.createElement("ul");
          a.problems.forEach(function (p) { list.appendChild(el("li", (p.line ? p.line + ": " : "") + p.message)); });
          check.appendChild(list);
        }
        var open = el("button", t("desk_open", null, " "));
        open.type = "button";
        open.setAttribute("aria-label", t("desk_open", null, " ") + " " + a.file);
        open.addEventListener("click", function () { load(a.file.split("/").pop()); });
        row.appendChild(document.createElement("td")).appendChild(open);
        body.appendChild(row);
      });
      status.textContent = t("desk_count", { n: data.articles.length, errors: data.errors });
    }).catch(function (e) { status.textContent = e.message; });
  }
  refresh();

  // A dropped or chosen file goes through import; its first draft opens.
  var imported = $("imported");
  function importFile(file) {
    imported.textContent = t("desk_importing") + " " + file.name + "…";
    api("api/import?name=" + encodeURIComponent(file.name), { method: "POST", body: file })
      .then(function (r) {
        imported.textContent = t("desk_written") + ": " + r.written.join("、") +
          (r.problems.length ? "。" + t("desk_problems") + ": " + r.problems.join("；") : "");
        refresh();
        if (r.written.length) load(r.written[0]);
      }).catch(function (e) { imported.textContent = e.message; });
  }
  $("import-file").addEventListener("change", function (e) {
    if (e.target.files.length) importFile(e.target.files[0]);
  });
  document.addEventListener("dragover", function (e) {
    e.preventDefault();
    document.body.classList.add("dragging");
  });
  document.addEventListener("dragleave", function () { document.body.classList.remove("dragging"); });
  document.addEventListener("drop", function (e) {
    e.preventDefault();
    document.body.classList.remove("dragging");
    if (e.dataTransfer.files.length) importFile(e.dataTransfer.files[0]);
  });

  // The registry: places, topics and indicators by their Chinese names.
  var names = { cities: {}, topics: {} };
  var units = {};
  var registry = api("api/registry").then(function (r) {
    r.cities.forEach(function (c) { names.cities[c.id] = c.zh; });
    r.topics.forEach(function (t) { names.topics[t.id] = t.zh; });
    function fill(select, list, label) {
      list.forEach(function (entry) {
        var option = el("option", label(entry));
        option.value = entry.id;
        select.appendChild(option);
      });
    }
    var byName = function (e) { return e.zh + " " + e.id; };
    fill($("add-city"), r.cities, byName);
    fill($("add-topic"), r.topics, byName);
    fill($("p-city"), r.cities, byName);
    fill($("p-indicator"), r.indicators, function (i) { return i.zh + "（" + (i.unit || "—") + "） " + i.id; });
    r.indicators.forEach(function (i) { units[i.id] = i.unit; });
    return r;
  }).catch(function (e) { status.textContent = e.message; });

  // The places and topics the article names, each with a button that takes it out.
  var picked = { cities: [], topics: [] };
  function showPicked(key) {
    var list = $(key);
    list.textContent = "";
    picked[key].forEach(function (id, i) {
      var li = el("li", (names[key][id] || "?") + " " + id + " ");
      var out = el("button", t("desk_remove", null, " ") + " ×");
      out.type = "button";
      out.setAttribute("aria-label", t("desk_remove", null, " ") + " " + (names[key][id] || "") + " " + id);
      out.addEventListener("click", function () {
        picked[key].splice(i, 1);
        showPicked(key);
        $(key === "cities" ? "add-city" : "add-topic").focus();
      });
      li.appendChild(out);
      list.appendChild(li);
    });
  }
  [["add-city", "cities"], ["add-topic", "topics"]].forEach(function (p) {
    var select = $(p[0]);
    select.addEventListener("change", function () {
      if (select.value && picked[p[1]].indexOf(select.value) < 0) picked[p[1]].push(select.value);
      select.value = "";
      showPicked(p[1]);
    });
  });

  var TEXT_FIELDS = ["title", "subtitle", "date", "added", "publication", "page_title", "edition", "summary"];
  var opened = null; // { file, hash, slug, english: { hash } }
  var englishEdited = false;
  var rawMode = false;
  var saved = $("saved");
  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }
  function load(file) {
    return Promise.all([registry, api("api/article?file=" + encodeURIComponent(file))]).then(function (got) {
      var r = got[1];
      rawMode = !!r.error;
      $("front").hidden = rawMode;
      $("figures-section").hidden = rawMode;
      $("article").hidden = false;
      $("file-name").textContent = file;
      if (rawMode) {
        // Front matter that does not read: the file's text, to be mended and saved.
        opened = { file: file, hash: r.hash, english: null };
        $("body").value = r.raw;
        $("english").parentNode.hidden = true;
        saved.textContent = r.error;
        $("body").focus();
        return;
      }
      opened = { file: file, hash: r.hash, slug: r.slug, english: r.english, notes: r.form.notes };
      TEXT_FIELDS.forEach(function (k) { $("f-" + k).value = r.form[k]; });
      // The day the article joins the portal, unless the file already says.
      if (!r.form.added) $("f-added").value = today();
      $("f-reporters").value = r.form.reporters.join("、");
      $("f-draft").checked = r.form.draft;
      $("f-notes").textContent = r.form.notes;
      $("f-drop-notes").checked = false;
      $("notes-box").hidden = !r.form.notes;
      picked.cities = r.form.cities.slice();
      picked.topics = r.form.topics.slice();
      showPicked("cities");
      showPicked("topics");
      $("body").value = r.body;
      $("file-name").textContent = file;
      var english = $("english").parentNode;
      english.hidden = !r.english;
      englishEdited = false;
      if (r.english) {
        $("english-file").textContent = r.english.file;
        $("english").value = r.english.text;
        $("english-note").textContent = r.english.hash ? "" : t("desk_no_english");
      }
      showFigures(r.figures);
      $("article").hidden = false;
      saved.textContent = "";
      showPreview();
      $("f-title").focus();
    }).catch(function (e) { status.textContent = e.message; $("article").hidden = true; });
  }
  $("english").addEventListener("input", function () { englishEdited = true; });

  function formValues() {
    var form = {};
    TEXT_FIELDS.forEach(function (k) { form[k] = $("f-" + k).value.trim(); });
    form.reporters = $("f-reporters").value.split(/[、,，]/).map(function (s) { return s.trim(); }).filter(Boolean);
    form.cities = picked.cities.slice();
    form.topics = picked.topics.slice();
    form.draft = $("f-draft").checked;
    form.notes = $("f-drop-notes").checked ? "" : opened.notes;
    return form;
  }
  $("article").addEventListener("submit", function (e) {
    e.preventDefault();
    if (!opened) return;
    var sent = rawMode ? { raw: $("body").value } : { form: formValues(), body: $("body").value };
    if (englishEdited && opened.english) sent.english = { text: $("english").value, hash: opened.english.hash };
    saved.textContent = t("desk_saving") + "…";
    postJson("api/save?file=" + encodeURIComponent(opened.file) + "&hash=" + opened.hash, sent).then(function (r) {
      opened.hash = r.hash;
      if ($("f-drop-notes").checked) { opened.notes = ""; $("notes-box").hidden = true; }
      if (r.english_hash) { opened.english.hash = r.english_hash; englishEdited = false; $("english-note").textContent = ""; }
      saved.textContent = t("desk_saved") + ": " + opened.file + (r.english_hash ? "、" + opened.english.file : "");
      refresh();
      // Mended: open it again as a form.
      if (rawMode) load(opened.file);
    }).catch(function (e) { saved.textContent = e.message; });
  });

  // The body's live preview, rendered by the portal's own Markdown renderer.
  var preview = $("preview");
  var timer = null;
  function showPreview() {
    var text = $("body").value;
    if (rawMode) text = text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, "");
    api("api/preview", { method: "POST", body: text }).then(function (r) {
      preview.innerHTML = r.html;
    }).catch(function (e) { preview.textContent = e.message; });
  }
  $("body").addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(showPreview, 250);
  });

  // The figure picker: a figure of the text, the indicator, place and period it is for,
  // and what that indicator already records there.
  var picker = $("picker");
  function showFigures(facts) {
    var list = $("figures");
    list.textContent = "";
    picker.hidden = true;
    if (!facts.length) list.appendChild(el("li", t("desk_no_figures")));
    facts.forEach(function (f) {
      var li = el("li");
      li.appendChild(el("strong", f.value + f.unit));
      li.appendChild(document.createTextNode(" " + f.sentence + " "));
      var pick = el("button", t("desk_record_it", null, " "));
      pick.type = "button";
      pick.setAttribute("aria-label", t("desk_record_it", null, " ") + " " + f.value + f.unit);
      pick.addEventListener("click", function () { openPicker(f, li); });
      li.appendChild(pick);
      list.appendChild(li);
    });
  }
  function openPicker(f, li) {
    li.appendChild(picker);
    picker.hidden = false;
    $("picker-sentence").textContent = f.value + f.unit + "：" + f.sentence;
    $("p-value").value = f.value;
    $("p-unit").value = f.unit;
    // The period the paragraph names before the figure (2024年, 1-10月, 一季度), the year
    // the article was printed where it names none; written as the field's label shows (2025:1-10).
    var printed = /^(\d{4})/.exec($("f-date").value);
    var year = f.year || (printed ? printed[1] : "");
    $("p-period").value = year && f.months ? year + ":" + f.months : String(year);
    // The place the sentence names before the figure, else the article's first.
    $("p-city").value = f.city || picked.cities[0] || "";
    $("p-result").textContent = "";
    showRecorded();
    $("p-indicator").focus();
  }
  function showRecorded() {
    var box = $("p-recorded");
    var indicator = $("p-indicator").value, city = $("p-city").value, period = $("p-period").value.trim();
    box.textContent = "";
    if (!indicator || !city || !period) return;
    if (!$("p-unit").value && units[indicator]) $("p-unit").value = units[indicator];
    api("api/recorded?indicator=" + encodeURIComponent(indicator) + "&city=" + encodeURIComponent(city) +
      "&period=" + encodeURIComponent(period)).then(function (found) {
      box.textContent = "";
      if (!found.length) { box.appendChild(el("p", t("desk_nothing_recorded"))); return; }
      box.appendChild(el("p", t("desk_recorded") + ":"));
      var ul = box.appendChild(el("ul"));
      found.forEach(function (o) {
        ul.appendChild(el("li", o.value + (o.scope ? "（" + o.scope + "）" : "") + " — " + t("desk_source") + " " + o.source));
      });
    }).catch(function (e) { box.textContent = e.message; });
  }
  ["p-indicator", "p-city", "p-period"].forEach(function (id) { $(id).addEventListener("change", showRecorded); });
  var recordedTimer = null;
  $("p-period").addEventListener("input", function () { clearTimeout(recordedTimer); recordedTimer = setTimeout(showRecorded, 250); });
  $("p-add").addEventListener("click", function () {
    var result = $("p-result");
    result.textContent = t("desk_adding") + "…";
    postJson("api/observe?file=" + encodeURIComponent(opened.file), {
      indicator: $("p-indicator").value, city: $("p-city").value, period: $("p-period").value.trim(),
      scope: $("p-scope").value, unit: $("p-unit").value.trim(), value: $("p-value").value.trim(),
    }).then(function (r) {
      result.textContent = t("desk_added_to") + " " + r.indicator + ": " + r.lines.join(" ");
      showRecorded();
      refresh();
    }).catch(function (e) { result.textContent = e.message; });
  });
})();
