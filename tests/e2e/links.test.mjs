// Links: a crawl over HTTP (through nginx) from the home page of each build reaches every
// page of sitemap.xml, and every internal link, stylesheet, image, script, feed and anchor
// (#id on the target page) resolves, at a domain root and under /portal/.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { parse } from "parse5";
import { SITES } from "./lib.mjs";

/** Depth-first walk of a parse5 tree. */
function* walk(node) {
  yield node;
  for (const c of node.childNodes ?? []) yield* walk(c);
  if (node.content) yield* walk(node.content); // <template>
}
const attr = (el, name) => el.attrs?.find((a) => a.name === name)?.value;

/** URLs an HTML page refers to: [{url, kind: "page" | "resource", tag}] and its ids. */
function extract(html, pageUrl) {
  const doc = parse(html);
  let baseUrl = pageUrl;
  const ids = new Set();
  const refs = [];
  const add = (value, kind, tag) => {
    if (value === undefined) return;
    value = value.trim();
    if (value === "" || /^(mailto|tel|javascript|data):/i.test(value)) return;
    refs.push({ raw: value, kind, tag });
  };
  for (const el of walk(doc)) {
    if (!el.tagName) continue;
    const id = attr(el, "id");
    if (id !== undefined) ids.add(id);
    if (el.tagName === "a" && attr(el, "name") !== undefined) ids.add(attr(el, "name"));
    switch (el.tagName) {
      case "base":
        if (attr(el, "href")) baseUrl = new URL(attr(el, "href"), pageUrl).href;
        break;
      case "a":
      case "area":
        add(attr(el, "href"), "page", el.tagName);
        break;
      case "link": {
        const rel = (attr(el, "rel") ?? "").toLowerCase().split(/\s+/);
        // canonical and hreflang alternates are pages; feeds, stylesheets, icons are files.
        const isPage = rel.includes("canonical") || (rel.includes("alternate") && !attr(el, "type"));
        add(attr(el, "href"), isPage ? "page" : "resource", `link rel=${rel.join(" ")}`);
        break;
      }
      case "img":
      case "script":
      case "iframe":
      case "audio":
      case "video":
      case "track":
      case "embed":
        add(attr(el, "src"), "resource", el.tagName);
        break;
      case "source":
        add(attr(el, "src"), "resource", "source");
        for (const part of (attr(el, "srcset") ?? "").split(",")) add(part.trim().split(/\s+/)[0], "resource", "source srcset");
        break;
      case "form":
        add(attr(el, "action"), "page", "form action");
        break;
      case "meta":
        if (attr(el, "property") === "og:url") add(attr(el, "content"), "page", "meta og:url");
        break;
      default:
    }
    if (el.tagName === "img") {
      for (const part of (attr(el, "srcset") ?? "").split(",")) add(part.trim().split(/\s+/)[0], "resource", "img srcset");
    }
  }
  return { ids, refs: refs.map((r) => ({ ...r, url: new URL(r.raw, baseUrl) })) };
}

async function pool(items, n, fn) {
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < items.length) {
        const item = items[i++];
        await fn(item);
      }
    }),
  );
}

async function crawl(site) {
  const base = new URL(site.base);
  const problems = [];
  /** url (no fragment) -> {status, html?, ids?, type} */
  const fetched = new Map();
  /** pages reached through links: url -> first referrer */
  const reachedFrom = new Map([[base.href, "(start)"]]);
  const anchorRefs = [];
  let queue = [{ url: base.href, kind: "page", from: "(start)" }, { url: `${base.href}404.html`, kind: "page", from: "(start)" }];
  const queued = new Set(queue.map((q) => q.url));

  while (queue.length) {
    const batch = queue;
    queue = [];
    await pool(batch, 8, async ({ url, kind, from }) => {
      const res = await fetch(url, { redirect: "manual" });
      const type = res.headers.get("content-type") ?? "";
      const entry = { status: res.status, type };
      fetched.set(url, entry);
      if (res.status !== 200) {
        const where = res.headers.get("location") ? ` -> ${res.headers.get("location")}` : "";
        problems.push(`HTTP ${res.status}${where}: ${url}\n      linked from ${from}`);
        await res.arrayBuffer();
        return;
      }
      if (!type.startsWith("text/html")) {
        await res.arrayBuffer();
        return;
      }
      const { ids, refs } = extract(await res.text(), url);
      entry.ids = ids;
      for (const r of refs) {
        const u = r.url;
        if (u.protocol !== "http:" && u.protocol !== "https:") continue;
        if (u.host !== base.host && !(u.hostname === base.hostname && u.port === base.port)) continue; // external
        if (!u.pathname.startsWith(base.pathname)) {
          problems.push(`link leaves the site's base path ${base.pathname}: ${r.raw} (${r.tag})\n      on ${url}`);
          continue;
        }
        const target = new URL(u.href);
        target.hash = "";
        // A form's GET query and Pagefind-style ?q= links reach the same file.
        target.search = "";
        if (u.hash && u.hash !== "#") anchorRefs.push({ target: target.href, id: decodeURIComponent(u.hash.slice(1)), from: url, raw: r.raw });
        if (r.kind === "page" && !reachedFrom.has(target.href)) reachedFrom.set(target.href, url);
        if (!queued.has(target.href)) {
          queued.add(target.href);
          queue.push({ url: target.href, kind: r.kind, from: url });
        }
      }
    });
  }

  for (const a of anchorRefs) {
    const t = fetched.get(a.target);
    if (!t || t.status !== 200) continue; // reported above
    if (!t.ids) problems.push(`anchor on a non-HTML target: ${a.raw}\n      on ${a.from}`);
    else if (a.id !== "top" && !t.ids.has(a.id)) problems.push(`missing anchor #${a.id} on ${a.target}\n      linked as ${a.raw} from ${a.from}`);
  }

  // Every page of the sitemap must be reached from the home page.
  const sitemapRes = await fetch(`${base.href}sitemap.xml`);
  assert.equal(sitemapRes.status, 200, "sitemap.xml must be served");
  const xml = await sitemapRes.text();
  const listed = new Set([...xml.matchAll(/<loc>([^<]+)<\/loc>/g), ...xml.matchAll(/<xhtml:link[^>]*href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&")));
  assert.ok(listed.size > 50, `sitemap.xml lists only ${listed.size} URLs`);
  for (const u of listed) {
    if (!u.startsWith(base.href)) problems.push(`sitemap.xml lists a URL outside the base ${base.href}: ${u}`);
    else if (!reachedFrom.has(u)) problems.push(`sitemap page not reachable by links from the home page: ${u}`);
  }

  // Every HTML page on disk is reached (no orphans) — or is the 404 page.
  const onDisk = [];
  for (const e of fs.readdirSync(site.dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith(".html")) continue;
    const rel = path.relative(site.dir, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join("/");
    onDisk.push(base.href + rel.replace(/(^|\/)index\.html$/, "$1"));
  }
  for (const u of onDisk) if (!fetched.has(u)) problems.push(`page on disk reached by no link: ${u}`);

  const pages = [...fetched.values()].filter((e) => e.ids).length;
  return { problems, pages, files: fetched.size, listed: listed.size, onDisk: onDisk.length };
}

for (const site of SITES) {
  test(`links: crawl of the ${site.name} build (${site.base}) finds no broken link or anchor`, async () => {
    const r = await crawl(site);
    console.log(`${site.name}: crawled ${r.pages} HTML pages, ${r.files} URLs; sitemap lists ${r.listed}; ${r.onDisk} HTML files on disk`);
    assert.equal(r.problems.length, 0, `${r.problems.length} link problem(s) in the ${site.name} build:\n  ${r.problems.join("\n  ")}`);
  });
}
