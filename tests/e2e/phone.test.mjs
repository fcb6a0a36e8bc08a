// Phone first: on a 390 px screen every article's first paragraph is on the first screen,
// nothing is wider than the screen, and no table cell clips its text. Every page kind, both
// languages, at phone and desktop width, has no cell that hides part of its content.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { PORTAL, LANGS, VIEWPORTS, dirs, pageKinds, langUrl, launchBrowser } from "./lib.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Elements that stick out of the viewport, and table cells whose content is cut. */
async function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > width + 1;
      })
      .map((el) => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).replace(/ /g, ".") : ""));
    // A cell that hides part of its text, or a table that needs sideways scrolling. Header
    // cells hidden on purpose (1 px, for screen readers) are not clipped text.
    const clipped = [...document.querySelectorAll("td, th, .table-wrap")]
      .filter((el) => el.clientWidth > 1 && el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.textContent.trim().slice(0, 30));
    return { scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5), clipped: clipped.slice(0, 5) };
  });
}

test("at 390 px every article's first paragraph starts on the first screen", async () => {
  const context = await browser.newContext({ viewport: VIEWPORTS.phone });
  const page = await context.newPage();
  const late = [];
  let checked = 0;
  for (const lang of LANGS) {
    for (const slug of dirs(PORTAL, "articles")) {
      await page.goto(langUrl(PORTAL, lang, `articles/${slug}/`));
      // An English page of an untranslated article has no text of its own, only a notice.
      const top = await page.evaluate(() => {
        const p = document.querySelector(".prose p");
        return p ? p.getBoundingClientRect().top : null;
      });
      if (top === null) continue;
      checked += 1;
      if (top >= VIEWPORTS.phone.height) late.push(`${lang}/${slug}: ${Math.round(top)} px`);
    }
  }
  await context.close();
  assert.ok(checked >= dirs(PORTAL, "articles").length, `only ${checked} article pages had text`);
  assert.deepEqual(late, [], "first paragraph below the first screen");
});

for (const [vpName, viewport] of Object.entries(VIEWPORTS)) {
  test(`${vpName}: no page kind is wider than the screen or clips a table cell`, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const problems = [];
    for (const lang of LANGS) {
      for (const [kind, rel] of Object.entries(pageKinds(PORTAL))) {
        await page.goto(langUrl(PORTAL, lang, rel));
        const o = await overflow(page);
        if (o.scroll > o.width || o.wide.length) problems.push(`${lang} ${kind}: ${o.scroll}px in ${o.width}px (${o.wide.join(", ")})`);
        if (o.clipped.length) problems.push(`${lang} ${kind}: clipped cells ${JSON.stringify(o.clipped)}`);
      }
    }
    await context.close();
    assert.deepEqual(problems, []);
  });
}

test("the menu marks the section a page is in", async () => {
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
  const page = await context.newPage();
  const kinds = pageKinds(PORTAL);
  for (const lang of LANGS) {
    for (const [kind, section] of [["city", "cities/"], ["topic", "topics/"], ["indicator", "indicators/"], ["article", "archive/"]]) {
      await page.goto(langUrl(PORTAL, lang, kinds[kind]));
      const current = await page.$$eval(".nav a[aria-current]", (as) => as.map((a) => a.getAttribute("href")));
      assert.equal(current.length, 1, `${lang} ${kind}: ${current}`);
      assert.ok(current[0].endsWith(section), `${lang} ${kind} marks ${current[0]}, not ${section}`);
      const crumbs = await page.$$eval(".crumbs li", (li) => li.length);
      assert.ok(crumbs >= 3, `${lang} ${kind}: breadcrumbs have ${crumbs} steps`);
    }
  }
  await context.close();
});
