// Starts Pagefind's search UI on the search page, in the page's language, and runs the
// query that the header's search box sent as ?q=.
window.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: element.dataset.bundle,
    // The index stores each page's full path (base path included, e.g. /portal/articles/x/),
    // so results must not get the bundle's folder prefixed a second time.
    baseUrl: "/",
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    translations: JSON.parse(element.dataset.translations || "{}"),
  });
  // Pagefind names its input only by a title (its placeholder): give it a real label too.
  var input = element.querySelector("input");
  var label = (JSON.parse(element.dataset.translations || "{}").search_label || "");
  if (input && label && !input.hasAttribute("aria-label")) input.setAttribute("aria-label", label);
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
});
