// One-off: runs tests/search/queries.json against the Pagefind index of a built site
// (node tests/search/pagefind-baseline.mjs <site>) and prints the figures that
// queries.json records as the baseline. Pagefind's browser script runs in Node with
// `fetch` reading the site's files and a stand-in `document` naming the language.
import fs from "node:fs";
import path from "node:path";
import { score } from "./score.mjs";

const site = process.argv[2];
globalThis.fetch = async (url) => {
  const file = path.join(site, new URL(String(url), "http://x/").pathname);
  const bytes = fs.readFileSync(file);
  return new Response(bytes);
};
const engines = {};
async function engine(lang) {
  if (!engines[lang]) {
    globalThis.document = { currentScript: null, querySelector: () => ({ getAttribute: () => (lang === "zh" ? "zh-CN" : "en") }) };
    globalThis.window = { location: { origin: "http://x", href: "http://x/" } };
    globalThis.location = globalThis.window.location;
    const pf = await import(`${path.resolve(site, "pagefind/pagefind.js")}?lang=${lang}`);
    await pf.options({ basePath: "http://x/pagefind/", baseUrl: "/" });
    await pf.init();
    engines[lang] = pf;
  }
  return engines[lang];
}
const { rows, summary } = await score(async (lang, q) => {
  const pf = await engine(lang);
  const r = await pf.search(q);
  const data = await Promise.all(r.results.slice(0, 20).map((x) => x.data()));
  const prefix = lang === "zh" ? "/" : "/en/";
  return data.map((d) => d.url.slice(prefix.length));
});
for (const r of rows) console.log(`${r.lang}\t${r.q}\trecall ${r.recall}\tfirst ${r.first}\tresults ${r.results}`);
console.log(JSON.stringify(summary, null, 1));
fs.writeFileSync(
  new URL("./pagefind-baseline.json", import.meta.url),
  JSON.stringify({ pagefind: "1.6.0", summary, rows }, null, 1) + "\n",
);
