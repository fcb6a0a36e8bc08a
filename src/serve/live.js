// shanshui serve: reload the page after each rebuild, or show the build's errors.
(function () {
  var version = null;
  function show(error) {
    var box = document.getElementById("shanshui-build-error");
    if (!error) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "shanshui-build-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;margin:0;padding:1rem;" +
        "background:#2b0d0d;color:#ffe5e5;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap;z-index:2147483647";
      document.body.appendChild(box);
    }
    box.textContent = "构建失败 / Build failed — the last good version is shown.\n\n" + error;
  }
  function poll() {
    fetch("/__shanshui/poll" + (version === null ? "" : "?v=" + version))
      .then(function (r) { return r.json(); })
      .then(function (state) {
        if (version !== null && state.version !== version && !state.error) { location.reload(); return; }
        version = state.version;
        show(state.error);
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
