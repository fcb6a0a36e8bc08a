// Real browser scenarios against the site served by nginx under /portal/ (and a few at the
// domain root): navigation, the language switch, charts, search, the 404 page, and
// screenshots of every page kind at phone and desktop width in both languages.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { SITES, PORTAL, LANGS, VIEWPORTS, pageKinds, langUrl, launchBrowser, openTracked, screenshotPath, searchResults } from "./lib.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const path = (url) => new URL(url).pathname;
const kinds = pageKinds(PORTAL);

/** Runs fn with a tracked page; fails on any console error, exception or failed request. */
async function withPage(viewport, fn, opts) {
  const t = await openTracked(browser, viewport, opts);
  try {
    await fn(t.page);
    assert.deepEqual(t.problems(), [], "the page logged errors or failed requests");
  } finally {
    await t.close();
  }
}

/** The stylesheet is applied: the masthead has its dark background. */
async function assertStyled(page) {
  const bg = await page.$eval(".masthead", (el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(bg, "rgba(0, 0, 0, 0)", `stylesheet not applied on ${page.url()}`);
}

/** Nothing is wider than the viewport (no sideways scrolling of the whole page). */
async function assertNoSidewaysScroll(page) {
  const { scroll, width, culprits } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll("body *")]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > width + 1 && !el.closest(".table-wrap");
      })
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).split(" ").join(".") : ""}`);
    return { scroll: document.documentElement.scrollWidth, width, culprits };
  });
  assert.ok(scroll <= width, `${page.url()} scrolls sideways: ${scroll}px content in ${width}px (${culprits.join(", ")})`);
}

test("navigation: home → city → article → English article → indicator and its chart", async () => {
  await withPage(VIEWPORTS.desktop, async (page) => {
    const res = await page.goto(PORTAL.base);
    assert.equal(res.status(), 200);
    assert.match(await page.getAttribute("html", "lang"), /^zh/);
    await assertStyled(page);

    // A city from the home page's list of places.
    await page.locator("section[aria-labelledby=cities-h] a").first().click();
    await page.waitForURL(/\/portal\/cities\/[a-z0-9-]+\/$/);
    const cityName = (await page.textContent("h1")).trim();
    assert.ok(cityName.length > 0, "city page has a title");

    // An article of that city.
    const firstArticle = page.locator(".cards .card-title a").first();
    const articleTitle = (await firstArticle.textContent()).trim();
    await firstArticle.click();
    await page.waitForURL(/\/portal\/articles\/[a-z0-9-]+\/$/);
    const slug = path(page.url()).split("/").at(-2);
    assert.equal((await page.textContent("h1")).trim(), articleTitle, "the article opened is the one clicked");
    assert.ok((await page.locator(".prose p").count()) > 0, "article has a body");

    // The language switch lands on the same article in English.
    const sw = page.locator("header .lang-switch");
    assert.equal(await sw.getAttribute("lang"), "en", "language switch link is marked as English");
    await sw.click();
    await page.waitForURL(`**/portal/en/articles/${slug}/`);
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.ok((await page.locator(".prose p").count()) > 0, "English article has a body");
    // ... and back.
    await page.locator("header .lang-switch").click();
    await page.waitForURL(`**/portal/articles/${slug}/`);

    // An indicator, from the main navigation, and its chart.
    await page.goto(langUrl(PORTAL, "en", ""));
    await page.locator("nav.nav a[href$='/indicators/']").click();
    await page.waitForURL("**/portal/en/indicators/");
    await page.locator(".indicator-list a").first().click();
    await page.waitForURL(/\/portal\/en\/indicators\/[a-z0-9-]+\/$/);
    const img = page.locator("figure.chart img");
    await img.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector("figure.chart img")?.complete);
    const chart = await img.evaluate((el) => ({ w: el.naturalWidth, h: el.naturalHeight, src: el.currentSrc }));
    assert.ok(chart.w > 0 && chart.h > 0, `chart image did not load: ${JSON.stringify(chart)}`);
    assert.match(chart.src, /\/portal\/indicators\/[a-z0-9-]+\/(chart|compare)\.en\.svg$/, "the English chart, wide drawing");
    const svg = await page.request.get(chart.src);
    assert.equal(svg.status(), 200);
    assert.match(svg.headers()["content-type"], /^image\/svg\+xml/);
  });
});

test("keyboard: the first Tab shows the skip link, which moves focus to the content", async () => {
  for (const lang of LANGS) {
    await withPage(VIEWPORTS.phone, async (page) => {
      await page.goto(langUrl(PORTAL, lang, kinds.article));
      await page.keyboard.press("Tab");
      const skip = await page.evaluate(() => {
        const el = document.activeElement;
        const r = el.getBoundingClientRect();
        return { cls: el.className, href: el.getAttribute("href"), visible: r.left >= 0 && r.top >= 0 && r.width > 0, outline: getComputedStyle(el).outlineStyle };
      });
      assert.equal(skip.cls, "skip", `${lang}: the first Tab should reach the skip link`);
      assert.ok(skip.visible, `${lang}: the focused skip link must be on screen`);
      assert.notEqual(skip.outline, "none", `${lang}: the focused skip link shows a focus ring`);
      await page.keyboard.press("Enter");
      await page.waitForURL(/#main$/);
      // The next Tab goes to the first link inside the content, not back to the header.
      await page.keyboard.press("Tab");
      assert.ok(await page.evaluate(() => !!document.activeElement.closest("main")), `${lang}: focus did not move into <main>`);
    });
  }
});

test("charts: the phone-width drawing loads on a phone, the wide one on a desktop", async () => {
  for (const [vp, narrow] of [["phone", true], ["desktop", false]]) {
    await withPage(VIEWPORTS[vp], async (page) => {
      await page.goto(langUrl(PORTAL, "zh", kinds.indicator));
      await page.waitForFunction(() => document.querySelector("figure.chart img")?.complete);
      const c = await page.$eval("figure.chart img", (el) => ({ w: el.naturalWidth, src: el.currentSrc }));
      assert.ok(c.w > 0, `${vp}: chart did not load (${c.src})`);
      assert.equal(/\.narrow\.svg$/.test(c.src), narrow, `${vp}: wrong drawing ${c.src}`);
    });
  }
  // The small charts of a city page load too (they are lazy: scroll them into view).
  await withPage(VIEWPORTS.desktop, async (page) => {
    await page.goto(langUrl(PORTAL, "zh", kinds.city));
    const imgs = page.locator(".small-charts img");
    const n = await imgs.count();
    for (let i = 0; i < n; i++) await imgs.nth(i).scrollIntoViewIfNeeded();
    await page.waitForFunction(() => [...document.querySelectorAll(".small-charts img")].every((i) => i.complete));
    const widths = await imgs.evaluateAll((els) => els.map((e) => [e.currentSrc, e.naturalWidth]));
    for (const [src, w] of widths) assert.ok(w > 0, `city chart did not load: ${src}`);
  });
});

const SEARCHES = [
  { site: PORTAL, lang: "zh", q: "空气质量" },
  { site: PORTAL, lang: "zh", q: "汾河" },
  { site: PORTAL, lang: "zh", q: "造林" },
  { site: PORTAL, lang: "zh", q: "PM2.5" },
  { site: PORTAL, lang: "en", q: "air quality" },
  { site: SITES[0], lang: "zh", q: "汾河" },
  { site: SITES[0], lang: "en", q: "Fen River" },
];

for (const { site, lang, q } of SEARCHES) {
  test(`search (${site.name} build, ${lang}): "${q}" typed in the header box shows highlighted results`, async () => {
    await withPage(VIEWPORTS.desktop, async (page) => {
      await page.goto(langUrl(site, lang, ""));
      await page.fill("#site-search", q);
      await page.press("#site-search", "Enter");
      await page.waitForURL((u) => u.pathname === path(langUrl(site, lang, "search/")) && u.searchParams.get("q") === q);
      const results = await searchResults(page);
      assert.ok(results.length > 0, `no results for ${q}`);
      const marks = results.flatMap((r) => r.marks);
      assert.ok(marks.length > 0, `no <mark> in the excerpts for ${q}: ${JSON.stringify(results.slice(0, 3))}`);
      // Each language has its own index: results stay in the page's language.
      const enPrefix = path(langUrl(site, "en", ""));
      for (const r of results) {
        assert.ok(r.href.startsWith(path(site.base)) && !r.href.startsWith(`${path(site.base)}portal/`), `result outside the site: ${r.href}`);
        assert.equal(r.href.startsWith(enPrefix), lang === "en", `${lang} search gave a result in the other language: ${r.href}`);
      }
      // Every result says what it is; articles say when.
      for (const r of results) assert.ok(r.meta.trim().length > 0, `result ${r.href} shows no kind`);
      const article = results.find((r) => r.href.includes("/articles/"));
      if (article) assert.match(article.meta, /\d{4}/, `article result ${article.href} shows no date`);
      // Excerpts keep words apart (no "indexYuncheng" from two blocks run together).
      for (const r of results) assert.doesNotMatch(r.excerpt, /[a-z][A-Z][a-z]/, `glued words in ${r.href}: ${r.excerpt}`);
      // The query stays in the page's box, in the header's box and in the language switch.
      assert.equal(await page.inputValue("#search-q"), q);
      assert.equal(await page.inputValue("#site-search"), q);
      const switchHref = await page.getAttribute(".lang-switch", "href");
      assert.equal(new URL(switchHref, page.url()).searchParams.get("q"), q, `language switch drops the query: ${switchHref}`);
      // A result leads to a working page.
      const first = results[0];
      await page.locator(".search-result h2 a").first().click();
      await page.waitForURL((u) => u.pathname === first.href.split("#")[0]);
      const status = await page.evaluate(() => performance.getEntriesByType("navigation")[0]?.responseStatus);
      assert.equal(status, 200, `search result ${first.href} does not open`);
      assert.ok((await page.textContent("h1")).trim().length > 0);
    });
  });
}

test("search: a query in the other language's script with no result links to the other language's search", async () => {
  await withPage(VIEWPORTS.phone, async (page) => {
    await page.goto(langUrl(PORTAL, "en", "search/") + "?q=" + encodeURIComponent("火星基地"));
    const hint = page.locator("#search-status a.search-other");
    await hint.waitFor({ timeout: 20000 });
    const href = await hint.getAttribute("href");
    assert.equal(new URL(href, page.url()).pathname, path(langUrl(PORTAL, "zh", "search/")));
    assert.equal(new URL(href, page.url()).searchParams.get("q"), "火星基地");
    // The results area keeps its place: nothing below the box moved while results came.
    const shift = await page.evaluate(
      () =>
        new Promise((resolve) => {
          let total = 0;
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value;
          }).observe({ type: "layout-shift", buffered: true });
          setTimeout(() => resolve(total), 500);
        }),
    );
    assert.ok(shift < 0.05, `layout shift ${shift} on the search page`);
  });
});

test("search: an empty or common-words-only query says what to type, and the load-more button is styled", async () => {
  await withPage(VIEWPORTS.phone, async (page) => {
    const status = async (q) => {
      await page.goto(langUrl(PORTAL, "en", "search/") + "?q=" + encodeURIComponent(q));
      await page.waitForFunction(() => document.getElementById("search-status").textContent.trim() !== "", null, { timeout: 20000 });
      return page.textContent("#search-status");
    };
    assert.match(await status(""), /Type what you are looking for/);
    assert.match(await status("of the"), /only very common words/);
    // A query with more than ten results shows the button, styled as the page's buttons.
    await status("water");
    const more = page.locator("#search-more");
    await more.waitFor({ state: "visible", timeout: 20000 });
    const style = await more.evaluate((b) => ({ radius: getComputedStyle(b).borderRadius, cursor: getComputedStyle(b).cursor }));
    assert.deepEqual(style, { radius: "8px", cursor: "pointer" });
  });
});

for (const site of SITES) {
  test(`404 (${site.name} build): a missing URL gets status 404 and the portal's not-found page`, async () => {
    for (const missing of ["no-such-page/", "articles/no-such-article/", "en/cities/nowhere/deeper/"]) {
      const url = site.base + missing;
      await withPage(
        VIEWPORTS.desktop,
        async (page) => {
          const res = await page.goto(url);
          assert.equal(res.status(), 404, `${url} should answer 404`);
          const text = await page.textContent("main");
          assert.ok(text.includes("页面不存在") && text.includes("Page not found"), `${url}: not our 404 page:\n${text}`);
          await assertStyled(page); // its links work from any depth
          // The home link of the 404 page leads home.
          await page.locator("main a").first().click();
          await page.waitForURL(site.base);
        },
        { allow404: [url] },
      );
    }
  });
}

test("screenshots of every page kind at phone and desktop width, both languages; no sideways scrolling", async () => {
  const shots = ["home", "city", "topic", "article", "indicator", "search", "404"];
  const failures = [];
  for (const lang of LANGS) {
    for (const kind of shots) {
      for (const [vpName, vp] of Object.entries(VIEWPORTS)) {
        let url = langUrl(PORTAL, lang, kinds[kind]);
        if (kind === "search") url += `?q=${encodeURIComponent(lang === "zh" ? "空气质量" : "air quality")}`;
        const t = await openTracked(browser, vp, { allow404: kind === "404" ? [url] : [] });
        try {
          await t.page.goto(url);
          if (kind === "search") await searchResults(t.page);
          // Load lazy images before the full-page picture.
          await t.page.evaluate(() => document.querySelectorAll("img[loading=lazy]").forEach((i) => (i.loading = "eager")));
          await t.page.waitForFunction(() => [...document.images].every((i) => i.complete));
          // Problems are read before the picture: a full-page capture resizes the viewport for
          // a moment, and Chromium may then start and cancel a <picture> source it never shows.
          const p = t.problems();
          await assertNoSidewaysScroll(t.page);
          await t.page.screenshot({ path: screenshotPath(`${lang}-${kind}-${vpName}`), fullPage: true });
          if (p.length) failures.push(`${url} (${vpName}): ${p.join("; ")}`);
        } catch (e) {
          failures.push(`${url} (${vpName}): ${e.message}`);
        } finally {
          await t.close();
        }
      }
    }
  }
  assert.deepEqual(failures, []);
});
