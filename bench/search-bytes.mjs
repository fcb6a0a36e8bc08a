// Bytes one query downloads from a built site's search index: meta.json, the shards of
// its terms and the stored text of the first 10 results, as the search page fetches them
// (each file once). Printed raw and gzipped (what a server compressing JSON sends).
//   node bench/search-bytes.mjs <site folder> [lang:query ...]
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";

const { createIndex } = createRequire(import.meta.url)("../static/search.js");
const [site, ...asked] = process.argv.slice(2);
const queries = asked.length ? asked : ["zh:空气质量", "zh:汾河", "zh:PM2.5", "en:air quality", "en:rivers"];

console.log("| query | results | files | raw | gzipped |");
console.log("| --- | ---: | ---: | ---: | ---: |");
for (const spec of queries) {
  const [lang, q] = [spec.slice(0, 2), spec.slice(3)];
  let files = 0, raw = 0, gz = 0;
  const index = createIndex(async (file) => {
    const p = path.join(site, "search-index", lang, file.split("?")[0]);
    if (!fs.existsSync(p)) return null;
    const bytes = fs.readFileSync(p);
    files += 1;
    raw += bytes.length;
    gz += zlib.gzipSync(bytes, { level: 6 }).length;
    return JSON.parse(bytes);
  });
  const hits = await index.search(q);
  await Promise.all(hits.slice(0, 10).map((h) => index.doc(h.id)));
  console.log(`| ${lang}: ${q} | ${hits.length} | ${files} | ${(raw / 1024).toFixed(0)} KB | ${(gz / 1024).toFixed(0)} KB |`);
}
