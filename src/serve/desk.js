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
  api("api/articles").then(function (data) {
    var body = document.getElementById("articles");
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
      cell(row, a.lang);
      body.appendChild(row);
    });
    status.textContent = data.articles.length + " 篇稿件，共 " + data.errors + " 个错误 / " +
      data.articles.length + " article files, " + data.errors + " error(s) in all";
  }).catch(function (e) { status.textContent = e.message; });

  var text = document.getElementById("body");
  var preview = document.getElementById("preview");
  var timer = null;
  text.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      api("api/preview", { method: "POST", body: text.value }).then(function (r) {
        preview.innerHTML = r.html;
      }).catch(function (e) { preview.textContent = e.message; });
    }, 250);
  });
})();
