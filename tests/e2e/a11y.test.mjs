// Accessibility: axe-core finds zero WCAG 2.1 A/AA violations on every page kind, in both
// languages, at phone and desktop width (contrast and layout differ between the two), and on
// every other HTML page of the site at desktop width. axe's best-practice rules run too
// (heading order, one main landmark, unique landmarks, content inside landmarks, ...).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import { PORTAL, LANGS, VIEWPORTS, pageKinds, langUrl, launchBrowser, searchResults } from "./lib.mjs";

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** axe's violations on the page open in `page`, one readable line per failing node. */
async function axe(page) {
  const violations = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary, html: n.html.slice(0, 160) })),
    }));
  }, TAGS);
  return violations.flatMap((v) => v.nodes.map((n) => `[${v.id}, ${v.impact}] ${v.help}\n        at ${n.target}: ${n.html}\n        ${n.summary.replace(/\n\s*/g, " ")}`));
}

/** A browser context whose pages all get axe-core before their own scripts run. */
async function axeContext(viewport) {
  const context = await browser.newContext({ viewport });
  await context.addInitScript({ content: AXE_SOURCE });
  return context;
}

async function check(url, viewport, { search = false } = {}) {
  const context = await axeContext(viewport);
  const page = await context.newPage();
  try {
    await page.goto(url);
    if (search) await searchResults(page); // check Pagefind's results, not its empty box
    return (await axe(page)).map((line) => `${url} (${viewport.width}px): ${line}`);
  } finally {
    await context.close();
  }
}

const kinds = pageKinds(PORTAL);

for (const lang of LANGS) {
  for (const [kind, rel] of Object.entries(kinds)) {
    test(`axe WCAG 2.1 AA (${lang}): ${kind} page at phone and desktop width`, async () => {
      const search = kind === "search";
      const url = langUrl(PORTAL, lang, rel) + (search ? `?q=${encodeURIComponent(lang === "zh" ? "空气质量" : "air quality")}` : "");
      const found = [];
      for (const vp of Object.values(VIEWPORTS)) found.push(...(await check(url, vp, { search })));
      assert.equal(found.length, 0, `${found.length} axe violation(s):\n  ${found.join("\n  ")}`);
    });
  }
}

test("axe WCAG 2.1 AA: every page of the sitemap at desktop width", async () => {
  const xml = fs.readFileSync(`${PORTAL.dir}/sitemap.xml`, "utf8");
  const urls = [...new Set([...xml.matchAll(/<loc>([^<]+)<\/loc>/g), ...xml.matchAll(/<xhtml:link[^>]*href="([^"]+)"/g)].map((m) => m[1]))];
  assert.ok(urls.length > 50, `sitemap.xml lists only ${urls.length} pages`);
  const context = await axeContext(VIEWPORTS.desktop);
  const page = await context.newPage();
  const found = [];
  try {
    for (const url of urls) {
      await page.goto(url);
      found.push(...(await axe(page)).map((line) => `${url}: ${line}`));
    }
  } finally {
    await context.close();
  }
  console.log(`axe checked ${urls.length} pages`);
  assert.equal(found.length, 0, `${found.length} axe violation(s):\n  ${found.join("\n  ")}`);
});
