// Lighthouse (mobile settings: a mid-range phone on a slow 4G network, simulated) on every
// page kind in both languages: performance, accessibility, best practices and SEO stay at 95
// or more (performance: the median of three runs when the first is below), and cumulative
// layout shift under 0.05. The search page is `noindex` on purpose, so
// SEO is not scored there; the not-found page is left out, since Lighthouse refuses to audit a
// page served with status 404. Scores go to target/lighthouse.json.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { PORTAL, LANGS, pageKinds, langUrl, SCREENSHOTS } from "./lib.mjs";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const NOINDEX = new Set(["search"]);
const MIN_SCORE = 95;
const MAX_CLS = 0.05;

let chrome;
before(async () => {
  chrome = await chromeLauncher.launch({
    chromePath: process.env.E2E_CHROMIUM,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
  });
});
after(async () => {
  await chrome?.kill();
});

const scores = [];
after(() => {
  // Next to the screenshots, for the README's table.
  fs.writeFileSync(path.join(SCREENSHOTS, "..", "lighthouse.json"), JSON.stringify(scores, null, 1));
});

for (const lang of LANGS) {
  for (const [kind, rel] of Object.entries(pageKinds(PORTAL))) {
    if (kind === "404") continue;
    test(`lighthouse ${lang} ${kind}`, async () => {
      const url = langUrl(PORTAL, lang, rel);
      const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES });
      const lhr = result.lhr;
      const row = { lang, kind, cls: lhr.audits["cumulative-layout-shift"].numericValue };
      for (const c of CATEGORIES) row[c] = Math.round(lhr.categories[c].score * 100);
      // Performance is timed on this machine, and a busy one scores a run lower (a CI run
      // once gave an indicator page 94, where every earlier run had passed it at 95 or more):
      // below the floor, the page is scored twice more and the median of the three counts,
      // as Lighthouse's own guidance on variability advises. The other categories do not vary.
      if (row.performance < MIN_SCORE) {
        const runs = [row.performance];
        for (let k = 0; k < 2; k++) {
          const again = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"] });
          runs.push(Math.round(again.lhr.categories.performance.score * 100));
        }
        row.performanceRuns = runs;
        row.performance = runs.sort((a, b) => a - b)[1];
      }
      scores.push(row);
      const low = CATEGORIES.filter((c) => !(c === "seo" && NOINDEX.has(kind)) && row[c] < MIN_SCORE);
      const failing = Object.values(lhr.audits)
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "notApplicable")
        .map((a) => a.id);
      assert.deepEqual(low, [], `${url}: ${JSON.stringify(row)}; audits below full marks: ${failing.join(", ")}`);
      assert.ok(row.cls < MAX_CLS, `${url}: cumulative layout shift ${row.cls}`);
    });
  }
}
