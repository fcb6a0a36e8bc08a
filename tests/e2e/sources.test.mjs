// Every number with its source: each chart and each figure card on the home page, the
// indicator pages and the place pages, in both languages, says where its figures were
// printed (a source line with a title, linked where the source has a page) and for when.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { parse } from "parse5";
import { PORTAL, LANGS, dirs } from "./lib.mjs";

const classes = (n) => (n.attrs?.find((a) => a.name === "class")?.value ?? "").split(/\s+/);
const has = (n, c) => classes(n).includes(c);

function* walk(node) {
  yield node;
  for (const child of node.childNodes ?? []) yield* walk(child);
}

const text = (node) => [...walk(node)].filter((n) => n.nodeName === "#text").map((n) => n.value).join("");

/** The charts and cards of a page: each <figure> with a chart, each figure card. */
function figures(doc) {
  return [...walk(doc)].filter(
    (n) => (n.nodeName === "figure" && [...walk(n)].some((m) => m.nodeName === "img")) || (n.nodeName === "li" && has(n, "figure-card")),
  );
}

test("every chart and figure card on home, indicator and place pages names its source", () => {
  const rels = ["", ...dirs(PORTAL, "indicators").map((id) => `indicators/${id}/`), ...dirs(PORTAL, "cities").map((id) => `cities/${id}/`)];
  const problems = [];
  let seen = 0;
  for (const lang of LANGS) {
    for (const rel of rels) {
      const file = path.join(PORTAL.dir, lang === "zh" ? "" : "en", rel, "index.html");
      const doc = parse(fs.readFileSync(file, "utf8"));
      for (const f of figures(doc)) {
        seen += 1;
        const line = [...walk(f)].find((n) => has(n, "chart-source") || has(n, "figure-source"));
        const said = line ? text(line).split(/[:：]/).slice(1).join(":").trim() : "";
        if (!said) problems.push(`${lang}/${rel}: “${text(f).trim().slice(0, 50)}” names no source`);
      }
    }
  }
  assert.ok(seen > 100, `only ${seen} charts and cards found`);
  assert.deepEqual(problems.slice(0, 40), [], `${problems.length} of ${seen} without a source`);
});
