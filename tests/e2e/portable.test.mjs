// The portable copy (build --portable) opened from its folder over file://, as from a USB
// stick: a crawl in Chromium from index.html reaches every page of sitemap.xml, and every
// link, stylesheet, image, script, form and anchor names a file that exists; the search page
// says it needs a web server.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ORIGIN, PORTABLE_DIR, VIEWPORTS, launchBrowser, openTracked } from "./lib.mjs";

const home = pathToFileURL(path.join(PORTABLE_DIR, "index.html")).href;

/** Everything a page links to, resolved by the browser, and the ids it holds. */
function linksOf() {
  const refs = [];
  const add = (url, tag) => url && refs.push({ url, tag });
  // The attribute, resolved: an SVG link's `href` property is no string (the tiles of the
  // province map are SVG links).
  for (const a of document.querySelectorAll("a[href]")) add(new URL(a.getAttribute("href"), document.baseURI).href, "a");
  for (const l of document.querySelectorAll("link[href]")) add(l.href, `link rel=${l.rel}`);
  for (const e of document.querySelectorAll("img[src], script[src], source[src]")) add(e.src, e.localName);
  for (const f of document.querySelectorAll("form[action]")) add(f.action, "form");
  return { refs, ids: [...document.querySelectorAll("[id]")].map((e) => e.id) };
}

test("the portable copy: every sitemap page reached from index.html over file://, no broken link", async () => {
  const browser = await launchBrowser();
  const tracked = await openTracked(browser, VIEWPORTS.desktop);
  const problems = [];
  const ids = new Map(); // file URL of a page → its ids
  const anchors = []; // [from, url] with a #fragment
  const queue = [home];
  const seen = new Set(queue);
  try {
    while (queue.length) {
      const url = queue.shift();
      await tracked.page.goto(url, { waitUntil: "load" });
      const { refs, ids: pageIds } = await tracked.page.evaluate(linksOf);
      ids.set(url, new Set(pageIds));
      for (const { url: ref, tag } of refs) {
        const target = new URL(ref);
        if (target.protocol !== "file:") {
          // Only canonical/hreflang links may name the site's own address.
          if (ref.startsWith(`${ORIGIN}/`) && !/^link rel=(canonical|alternate)$/.test(tag)) {
            problems.push(`${url}: ${tag} leaves the copy for ${ref}`);
          }
          continue;
        }
        const file = fileURLToPath(new URL(target.pathname, target));
        if (!file.startsWith(PORTABLE_DIR + path.sep)) {
          problems.push(`${url}: ${tag} ${ref} is outside the copy`);
        } else if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
          problems.push(`${url}: ${tag} ${ref} names no file`);
          continue;
        }
        const page = `file://${target.pathname}`;
        if (target.hash.length > 1) anchors.push([url, page, decodeURIComponent(target.hash.slice(1))]);
        if ((tag === "a" || tag === "form") && page.endsWith(".html") && !seen.has(page)) {
          seen.add(page);
          queue.push(page);
        }
      }
    }
    problems.push(...tracked.problems());
  } finally {
    await tracked.close();
    await browser.close();
  }
  for (const [from, page, id] of anchors) {
    if (ids.has(page) && !ids.get(page).has(id)) problems.push(`${from}: #${id} is not on ${page}`);
  }

  const sitemap = fs.readFileSync(path.join(PORTABLE_DIR, "sitemap.xml"), "utf8");
  const listed = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  assert.ok(listed.length > 50, `sitemap.xml lists only ${listed.length} pages`);
  for (const loc of listed) {
    const file = pathToFileURL(path.join(PORTABLE_DIR, loc.slice(`${ORIGIN}/`.length), "index.html")).href;
    if (!ids.has(file)) problems.push(`sitemap page not reached from index.html: ${loc}`);
  }
  console.log(`portable: crawled ${ids.size} pages over file://; sitemap lists ${listed.length}`);
  assert.deepEqual(problems, []);
});

test("the portable copy's search page says that search needs a web server", async () => {
  const browser = await launchBrowser();
  const tracked = await openTracked(browser, VIEWPORTS.phone);
  try {
    for (const search of ["search/index.html", "en/search/index.html"]) {
      await tracked.page.goto(pathToFileURL(path.join(PORTABLE_DIR, search)).href);
      const notice = await tracked.page.$eval("#search-results", (el) => el.dataset.needsServer);
      assert.ok(notice.length > 10, `${search}: no notice to show`);
      await tracked.page.waitForFunction(
        (text) => document.getElementById("search-status").textContent === text,
        notice,
        { timeout: 5000 },
      );
    }
    assert.deepEqual(tracked.problems(), []);
  } finally {
    await tracked.close();
    await browser.close();
  }
});
