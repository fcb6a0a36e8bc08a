// The relevance set (tests/search/queries.json) run with the search page's own query code
// (static/search.js) against the root build's index, read from disk: recall in the top 10
// and the rank of the first right answer must be at least as good as Pagefind's, recorded
// in tests/search/pagefind-baseline.json before Pagefind was replaced.
//   Alone: E2E_ROOT_SITE=<a built site> node --test tests/e2e/relevance.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { score } from "../search/score.mjs";

const require = createRequire(import.meta.url);
const { createIndex } = require("../../static/search.js");
const site = process.env.E2E_ROOT_SITE;
const baseline = JSON.parse(fs.readFileSync(new URL("../search/pagefind-baseline.json", import.meta.url), "utf8"));

test("search relevance: the own index finds at least what Pagefind found, as high", async () => {
  assert.ok(site, "E2E_ROOT_SITE is not set: run through tests/e2e/run.sh or set it to a built site");
  const indexes = {};
  const search = async (lang, q) => {
    const index = (indexes[lang] ??= createIndex(async (file) => {
      const p = path.join(site, "search-index", lang, file.split("?")[0]);
      return fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, "utf8")) : null;
    }));
    const hits = await index.search(q);
    const prefix = lang === "zh" ? "/" : "/en/";
    const docs = await Promise.all(hits.slice(0, 20).map((h) => index.doc(h.id)));
    return docs.map((d) => d.u.slice(prefix.length));
  };
  const { rows, summary } = await score(search);
  console.log("lang\tquery\trecall@10 own/pagefind\tfirst right own/pagefind");
  for (const r of rows) {
    const pf = baseline.rows.find((b) => b.lang === r.lang && b.q === r.q);
    console.log(`${r.lang}\t${r.q}\t${r.recall.toFixed(2)}/${pf.recall.toFixed(2)}\t${r.first ?? "-"}/${pf.first ?? "-"}`);
  }
  console.log("own", JSON.stringify(summary), "\npagefind", JSON.stringify(baseline.summary));
  for (const lang of ["zh", "en"]) {
    const own = summary[lang], pf = baseline.summary[lang];
    assert.ok(own.recall_at_10 >= pf.recall_at_10, `${lang}: recall@10 ${own.recall_at_10} < Pagefind's ${pf.recall_at_10}`);
    assert.ok(own.missed <= pf.missed, `${lang}: ${own.missed} queries miss every right page (Pagefind: ${pf.missed})`);
    assert.ok(own.mean_first_rank <= pf.mean_first_rank, `${lang}: first right answer at ${own.mean_first_rank} on average (Pagefind: ${pf.mean_first_rank})`);
  }
});
