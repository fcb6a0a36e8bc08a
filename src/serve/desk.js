// The editor's desk: the article list with check's findings, and a live preview.
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
  function cell(row, text, cls) {
    var td = document.createElement("td");
    td.textContent = text;
    if (cls) td.className = cls;
    row.appendChild(td);
    return td;
  }
  var status = document.getElementById("status");
  function refresh() {
    return api("api/articles").then(function (data) {
      var body = document.getElementById("articles");
      body.textContent = "";
      data.articles.forEach(function (a) {
        var row = document.createElement("tr");
        cell(row, (a.draft ? "【草稿 draft】" : "") + (a.title || a.slug));
        cell(row, a.file, "wide");
        var errors = a.problems.filter(function (p) { return p.severity === "error"; }).length;
        var warnings = a.problems.length - errors;
        var check = cell(row, errors ? errors + " 个错误 error(s)" : warnings ? warnings + " 个提醒 warning(s)" : "通过 OK",
          errors ? "error" : warnings ? "warning" : "ok");
        if (a.problems.length) {
          var list = document.createElement("ul");
          a.problems.forEach(function (p) {
            var li = document.createElement("li");
            li.textContent = (p.line ? p.line + ": " : "") + p.message;
            list.appendChild(li);
          });
          check.appendChild(list);
        }
        var open = document.createElement("button");
        open.type = "button";
        open.textContent = "打开 Open";
        open.setAttribute("aria-label", "打开 Open " + a.file);
        open.addEventListener("click", function () { load(a.file.split("/").pop()); });
        row.appendChild(document.createElement("td")).appendChild(open);
        body.appendChild(row);
      });
      status.textContent = data.articles.length + " 篇稿件，共 " + data.errors + " 个错误 / " +
        data.articles.length + " article files, " + data.errors + " error(s) in all";
    }).catch(function (e) { status.textContent = e.message; });
  }
  refresh();

  // A dropped or chosen file goes through import; its first draft opens.
  var imported = document.getElementById("imported");
  function importFile(file) {
    imported.textContent = "正在导入 / importing " + file.name + "…";
    api("api/import?name=" + encodeURIComponent(file.name), { method: "POST", body: file })
      .then(function (r) {
        imported.textContent = "已写入草稿 / drafts written: " + r.written.join("、") +
          (r.problems.length ? "。问题 / problems: " + r.problems.join("；") : "");
        refresh();
        if (r.written.length) load(r.written[0]);
      }).catch(function (e) { imported.textContent = e.message; });
  }
  document.getElementById("import-file").addEventListener("change", function (e) {
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

  var text = document.getElementById("body");
  var save = document.getElementById("save");
  var saved = document.getElementById("saved");
  var opened = null; // { file, hash }
  function load(file) {
    api("api/article?file=" + encodeURIComponent(file)).then(function (r) {
      opened = { file: file, hash: r.hash };
      text.value = r.text;
      document.getElementById("file-name").textContent = file;
      save.disabled = false;
      saved.textContent = "";
      showPreview();
      text.focus();
    }).catch(function (e) { saved.textContent = e.message; });
  }
  save.addEventListener("click", function () {
    if (!opened) return;
    api("api/save?file=" + encodeURIComponent(opened.file) + "&hash=" + opened.hash,
      { method: "POST", body: text.value }).then(function (r) {
      opened.hash = r.hash;
      saved.textContent = "已保存 / saved " + opened.file;
      refresh();
    }).catch(function (e) { saved.textContent = e.message; });
  });
  // Places and topics picked by their Chinese names: the id joins the list in the
  // front matter's `cities:` or `topics:` line.
  function addId(key, id) {
    var line = new RegExp("^" + key + ":[ \\t]*\\[([^\\]\\n]*)\\][ \\t]*$", "m");
    var m = line.exec(text.value);
    if (!m) { saved.textContent = "没有找到 " + key + ": 这一行 / no " + key + ": line found"; return; }
    var ids = m[1].split(",").map(function (s) { return s.trim(); }).filter(Boolean);
    if (ids.indexOf(id) < 0) ids.push(id);
    text.value = text.value.slice(0, m.index) + key + ": [" + ids.join(", ") + "]" +
      text.value.slice(m.index + m[0].length);
  }
  api("api/registry").then(function (r) {
    [["add-city", "cities", r.cities], ["add-topic", "topics", r.topics]].forEach(function (p) {
      var select = document.getElementById(p[0]);
      p[2].forEach(function (entry) {
        var option = document.createElement("option");
        option.value = entry.id;
        option.textContent = entry.zh + " " + entry.id;
        select.appendChild(option);
      });
      select.addEventListener("change", function () {
        if (select.value) addId(p[1], select.value);
        select.value = "";
      });
    });
  }).catch(function (e) { saved.textContent = e.message; });

  // The body only: what follows the front matter.
  function bodyOf(s) {
    var m = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(s);
    return m ? s.slice(m[0].length) : s;
  }
  var preview = document.getElementById("preview");
  var timer = null;
  function showPreview() {
    api("api/preview", { method: "POST", body: bodyOf(text.value) }).then(function (r) {
      preview.innerHTML = r.html;
    }).catch(function (e) { preview.textContent = e.message; });
  }
  text.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(showPreview, 250);
  });
})();
