// Scores a search over tests/search/queries.json: recall in the top 10 and the rank of the
// first right answer, per query and per language. `search(lang, q)` returns the result
// paths under the language's root (e.g. "articles/x/"), best first.
import fs from "node:fs";

export const QUERIES = JSON.parse(fs.readFileSync(new URL("./queries.json", import.meta.url), "utf8"));

export async function score(search) {
  const rows = [];
  for (const { lang, q, find } of QUERIES.queries) {
    const got = await search(lang, q);
    const top = got.slice(0, 10);
    const found = find.filter((p) => top.includes(p)).length;
    // A no-result query is right when nothing comes back.
    const recall = find.length ? found / find.length : got.length === 0 ? 1 : 0;
    const first = find.length ? got.findIndex((p) => find.includes(p)) + 1 || null : null;
    rows.push({ lang, q, recall, first, results: got.length });
  }
  const summary = {};
  for (const lang of ["zh", "en"]) {
    const mine = rows.filter((r) => r.lang === lang);
    const ranks = mine.filter((r) => r.first !== null).map((r) => r.first);
    summary[lang] = {
      queries: mine.length,
      recall_at_10: mean(mine.map((r) => r.recall)),
      // Queries with something to find whose first right answer is not in the results.
      missed: mine.filter((r) => r.first === null && QUERIES.queries.find((x) => x.lang === lang && x.q === r.q).find.length).length,
      mean_first_rank: mean(ranks),
    };
  }
  return { rows, summary };
}

function mean(xs) {
  return xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 1000) / 1000 : null;
}
