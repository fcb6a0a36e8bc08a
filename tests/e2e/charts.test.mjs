// Charts as readers see them: every chart SVG the pages show, at the width a 390 px phone and
// a 1280 px desktop draw it, has no two labels on top of each other, no label outside the
// drawing, no label cut short with "…", and no text under 11 px. The widths are measured in
// Chromium from the pages themselves, not assumed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { PORTAL, LANGS, VIEWPORTS, dirs, langUrl, launchBrowser } from "./lib.mjs";

/** Smallest text, in CSS pixels as drawn, a reader must be able to read. */
const MIN_TEXT_PX = 11;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Every page that shows charts: the home page, each indicator and each place, both languages. */
function chartPages() {
  const rels = ["", ...dirs(PORTAL, "indicators").map((id) => `indicators/${id}/`), ...dirs(PORTAL, "cities").map((id) => `cities/${id}/`)];
  return LANGS.flatMap((lang) => rels.map((rel) => langUrl(PORTAL, lang, rel)));
}

/**
 * For each chart SVG a page shows (as an <img>, the <picture>'s chosen source), the width it
 * is drawn at over its own width: the factor by which its text is scaled.
 */
async function shownCharts(page) {
  return page.$$eval("main img", (imgs) =>
    imgs
      .filter((img) => /\.svg$/.test(new URL(img.currentSrc || img.src).pathname))
      .map((img) => ({ src: img.currentSrc || img.src, shown: img.getBoundingClientRect().width, natural: img.naturalWidth })),
  );
}

/** The labels of an SVG opened on its own, at its own size, and the problems among them. */
async function labelProblems(page, scale) {
  return page.evaluate((scale) => {
    const svg = document.documentElement;
    const width = Number(svg.getAttribute("width"));
    const height = Number(svg.getAttribute("height"));
    const labels = [...svg.querySelectorAll("text")]
      .filter((t) => t.textContent.trim() !== "")
      .map((t) => {
        const r = t.getBoundingClientRect();
        return { text: t.textContent.trim(), size: parseFloat(getComputedStyle(t).fontSize), box: { l: r.left, r: r.right, t: r.top, b: r.bottom } };
      });
    const problems = [];
    for (const l of labels) {
      if (l.size * scale < 11 - 0.05) problems.push(`text at ${(l.size * scale).toFixed(1)} px: “${l.text}”`);
      if (l.text.includes("…")) problems.push(`cut: “${l.text}”`);
      if (l.box.l < -0.5 || l.box.t < -0.5 || l.box.r > width + 0.5 || l.box.b > height + 0.5) problems.push(`outside the drawing: “${l.text}”`);
    }
    // A glyph box is taller than its ink (CJK fonts add room above and below): two labels
    // collide when their boxes, a fifth of their height trimmed off top and bottom, meet.
    const inner = (l) => {
      const trim = (l.box.b - l.box.t) * 0.2;
      return { l: l.box.l, r: l.box.r, t: l.box.t + trim, b: l.box.b - trim };
    };
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        const a = inner(labels[i]);
        const b = inner(labels[j]);
        const x = Math.min(a.r, b.r) - Math.max(a.l, b.l);
        const y = Math.min(a.b, b.b) - Math.max(a.t, b.t);
        if (x > 0.5 && y > 0.5) problems.push(`overlap: “${labels[i].text}” and “${labels[j].text}”`);
      }
    }
    return problems;
  }, scale);
}

test("every chart is readable at the width the pages draw it, at 390 and 1280 px", async () => {
  // The smallest scale each chart is drawn at, over every page and both widths.
  const scales = new Map();
  for (const viewport of Object.values(VIEWPORTS)) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const url of chartPages()) {
      await page.goto(url);
      // Wait for the lazy images too: scroll each into view before measuring.
      await page.$$eval("main img", (imgs) => imgs.forEach((i) => (i.loading = "eager")));
      await page.waitForFunction(() => [...document.images].every((i) => i.complete));
      for (const c of await shownCharts(page)) {
        if (!(c.natural > 0)) throw new Error(`${url}: the chart ${c.src} did not load`);
        const key = `${c.src}`;
        const s = c.shown / c.natural;
        const seen = scales.get(key);
        if (!seen || s < seen.scale) scales.set(key, { scale: s, where: `${url} at ${viewport.width} px` });
      }
    }
    await context.close();
  }
  assert.ok(scales.size >= 50, `only ${scales.size} chart drawings found on the pages`);
  const context = await browser.newContext({ viewport: { width: 1600, height: 1200 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems = [];
  for (const [src, { scale, where }] of scales) {
    await page.goto(src);
    for (const p of await labelProblems(page, scale)) problems.push(`${src.replace(PORTAL.base, "")} (${where}): ${p}`);
  }
  await context.close();
  assert.deepEqual(problems, [], `${problems.length} problems in ${scales.size} charts`);
});
