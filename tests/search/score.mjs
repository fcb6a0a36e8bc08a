// Scores a search over a relevance set (tests/search/queries.json or queries-heldout.json):
// per language, recall in the top 10, the mean reciprocal rank of the first right answer
// (0 when none is found) and the mean rank of the first right answer (over the queries
// where one is found). A query with nothing to find is right when nothing comes back.
// `search(lang, q)` returns the result paths under the language's root (e.g.
// "articles/x/"), best first.
import fs from "node:fs";

export function load(name) {
  return JSON.parse(fs.readFileSync(new URL(`./${name}`, import.meta.url), "utf8"));
}

export const QUERIES = load("queries.json");

export async function score(search, set = QUERIES) {
  const rows = [];
  for (const { lang, q, find } of set.queries) {
    const got = await search(lang, q);
    const top = got.slice(0, 10);
    const found = find.filter((p) => top.includes(p)).length;
    const recall = find.length ? found / find.length : got.length === 0 ? 1 : 0;
    const first = find.length ? got.findIndex((p) => find.includes(p)) + 1 || null : null;
    const rr = find.length ? (first ? 1 / first : 0) : got.length === 0 ? 1 : 0;
    rows.push({ lang, q, recall, first, rr, results: got.length, answers: find.length });
  }
  const summary = {};
  for (const lang of ["zh", "en"]) {
    const mine = rows.filter((r) => r.lang === lang);
    summary[lang] = {
      queries: mine.length,
      recall_at_10: mean(mine.map((r) => r.recall)),
      mrr: mean(mine.map((r) => r.rr)),
      // Queries with something to find whose first right answer is not in the results.
      missed: mine.filter((r) => r.first === null && r.answers > 0).length,
      mean_first_rank: mean(mine.filter((r) => r.first !== null).map((r) => r.first)),
    };
  }
  return { rows, summary };
}

function mean(xs) {
  return xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 1000) / 1000 : null;
}
