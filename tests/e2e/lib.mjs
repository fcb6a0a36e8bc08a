// Shared setup of the quality checks: where the two built sites are, which page stands for
// each page kind, and a Chromium that records every error a page shows.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

function env(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run these checks through tests/e2e/run.sh`);
  return v;
}

export const ORIGIN = env("E2E_ORIGIN");
export const SCREENSHOTS = env("E2E_SCREENSHOTS");

/** The two builds served by nginx: at the domain root and under /portal/. */
export const SITES = [
  { name: "root", base: `${ORIGIN}/`, dir: env("E2E_ROOT_SITE") },
  { name: "portal", base: `${ORIGIN}/portal/`, dir: env("E2E_PORTAL_SITE") },
];
export const PORTAL = SITES[1];

/** The portable copy (`build --portable`), opened from its folder over file://. */
export const PORTABLE_DIR = env("E2E_PORTABLE_SITE");

export const LANGS = ["zh", "en"];

/** Sorted sub-folders (ids) of a section of a built site, e.g. dirs(site, "cities"). */
export function dirs(site, section) {
  return fs
    .readdirSync(path.join(site.dir, section), { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(site.dir, section, d.name, "index.html")))
    .map((d) => d.name)
    .sort();
}

function prefer(list, wanted) {
  if (list.length === 0) throw new Error(`the built site has no pages where ${wanted} was expected`);
  return list.includes(wanted) ? wanted : list[0];
}

/**
 * One page of each kind, as paths relative to a language root ("" for zh, "en/" for en).
 * The page kinds follow DESIGN.md's URL table; the 404 page is reached by a missing URL.
 */
export function pageKinds(site) {
  const city = prefer(dirs(site, "cities"), "jinzhong");
  const topic = prefer(dirs(site, "topics"), "air");
  const article = prefer(dirs(site, "articles"), "jz2026-air-pei-guoxin");
  const indicator = prefer(dirs(site, "indicators"), "pm25-concentration");
  return {
    home: "",
    cities: "cities/",
    city: `cities/${city}/`,
    topics: "topics/",
    topic: `topics/${topic}/`,
    archive: "archive/",
    article: `articles/${article}/`,
    indicators: "indicators/",
    indicator: `indicators/${indicator}/`,
    search: "search/",
    "404": "no-such-page/",
  };
}

/** The URL of a page of a site in a language: langUrl(PORTAL, "en", "cities/") */
export function langUrl(site, lang, rel) {
  return site.base + (lang === "zh" ? "" : `${lang}/`) + rel;
}

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 900 },
};

export async function launchBrowser() {
  return chromium.launch({
    executablePath: env("E2E_CHROMIUM"),
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

/**
 * A new page that records console errors, uncaught exceptions, failed requests and HTTP
 * errors of subresources. `problems()` lists them; `allow404` lets the one expected 404 of
 * the not-found scenario pass.
 */
export async function openTracked(browser, viewport, { allow404 = [] } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const seen = [];
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const text = msg.text();
    // Chromium logs the expected 404 of the not-found scenario as a console error too.
    if (/status of 404/.test(text) && allow404.length) return;
    seen.push(`console error: ${text}`);
  });
  page.on("pageerror", (err) => seen.push(`uncaught exception: ${err.message}`));
  // ERR_ABORTED is a request the browser cancelled itself, e.g. the favicon of a page the test
  // navigates away from at once; a file that is really missing still shows as an HTTP 404 below.
  page.on("requestfailed", (req) => {
    const why = req.failure()?.errorText;
    if (why !== "net::ERR_ABORTED") seen.push(`request failed: ${req.url()} (${why})`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400 && !allow404.includes(res.url())) seen.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return {
    page,
    context,
    problems: () => seen.slice(),
    async close() {
      await context.close();
    },
  };
}

export function screenshotPath(name) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, `${name}.png`);
}

/** Waits until the search page shows results for the query in its box, and returns them. */
export async function searchResults(page) {
  await page.waitForSelector(".search-result h2 a", { timeout: 20000 });
  return page.$$eval(".search-result", (els) =>
    els.map((el) => ({
      href: el.querySelector("h2 a")?.getAttribute("href") ?? "",
      title: el.querySelector("h2 a")?.textContent ?? "",
      meta: el.querySelector(".search-meta")?.textContent ?? "",
      excerpt: el.querySelector(".search-excerpt")?.textContent ?? "",
      marks: [...el.querySelectorAll(".search-excerpt mark")].map((m) => m.textContent),
    })),
  );
}
