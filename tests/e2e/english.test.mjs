// English pages in English: no Chinese multiplier said word for word inside a unit
// ("398.2 10,000 tonnes", "243.7 100 million yuan"), no "1 days", no bare "9 rank", and no
// Chinese text that is not marked lang="zh" (a reader's screen reader would read it as English).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { parse } from "parse5";
import { PORTAL } from "./lib.mjs";

function htmlFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith(".html")) out.push(path.join(e.parentPath ?? e.path, e.name));
  }
  return out;
}

const attr = (node, name) => node.attrs?.find((a) => a.name === name)?.value;

/** Every piece of text a reader meets (text, alt, title, aria-label), with its language. */
function texts(node, lang, out) {
  const own = attr(node, "lang") ?? lang;
  if (["script", "style", "template"].includes(node.nodeName)) return out;
  if (node.nodeName === "#text") out.push({ text: node.value, lang });
  for (const a of ["alt", "title", "aria-label"]) {
    const v = attr(node, a);
    if (v) out.push({ text: v, lang: own });
  }
  // The <title> of the document is read in the page's language too.
  for (const child of node.childNodes ?? []) texts(child, own, out);
  return out;
}

const RULES = [
  [/\d\s*10,000 \p{L}/u, "a unit of 10,000 said word for word"],
  [/\d\s*100 million \p{L}/u, "a unit of 100 million said word for word"],
  // ("224 − 1 days" is a sum whose result is in days, not one day said in the plural)
  [/(?<![\d.,]|[−+×-] )1 days\b/, "1 days"],
  [/\b\d+ rank\b/, "a bare rank"],
];
const CHINESE = /[\u3400-\u9fff\uf900-\ufaff]/;

test("English pages say numbers in English and mark every Chinese word", () => {
  const files = htmlFiles(path.join(PORTAL.dir, "en"));
  assert.ok(files.length > 50, `only ${files.length} English pages`);
  const problems = [];
  for (const file of files) {
    const doc = parse(fs.readFileSync(file, "utf8"));
    const where = path.relative(PORTAL.dir, file);
    for (const { text, lang } of texts(doc, "en", [])) {
      for (const [rule, what] of RULES) {
        if (rule.test(text)) problems.push(`${where}: ${what}: “${text.trim().slice(0, 80)}”`);
      }
      if (!lang.startsWith("zh") && CHINESE.test(text)) problems.push(`${where}: Chinese not marked lang="zh": “${text.trim().slice(0, 60)}”`);
    }
  }
  assert.deepEqual(problems.slice(0, 60), [], `${problems.length} problems`);
});
