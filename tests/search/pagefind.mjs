// Runs a relevance set against the Pagefind index of a built site, for comparison with the
// own index: node tests/search/pagefind.mjs <site with pagefind/> [queries.json]
// Pagefind's browser script runs in Node with `fetch` reading the site's files and a
// stand-in `document` naming the language. To make the site: build it, copy it, turn
// `data-search-body`/`data-search-ignore` into `data-pagefind-body`/`data-pagefind-ignore`
// and run `pagefind_extended --site <copy>` (npm pagefind 1.6). Prints the rows and the
// summary as JSON.
import fs from "node:fs";
import path from "node:path";
import { score, load } from "./score.mjs";

const [site, setName = "queries.json"] = process.argv.slice(2);
globalThis.fetch = async (url) => new Response(fs.readFileSync(path.join(site, new URL(String(url), "http://x/").pathname)));
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
}, load(setName));
for (const r of rows) console.log(`${r.lang}\t${r.q}\trecall ${r.recall}\tfirst ${r.first}\tresults ${r.results}`);
console.log(JSON.stringify({ pagefind: "1.6.0", set: setName, summary }));
