// HTML validity: every HTML page of both builds passes the Nu Html Checker (vnu.jar, the
// W3C validator's engine) with zero errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SITES } from "./lib.mjs";

const VNU = path.join(path.dirname(fileURLToPath(import.meta.url)), "node_modules/vnu-jar/build/dist/vnu.jar");

function htmlFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith(".html")) out.push(path.join(e.parentPath ?? e.path, e.name));
  }
  return out;
}

function vnu(args) {
  const r = spawnSync("java", ["-Xss4m", "-jar", VNU, "--format", "json", ...args], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  // vnu prints its JSON report on stderr; exit 1 means "errors found".
  let report;
  try {
    report = JSON.parse(r.stderr);
  } catch {
    throw new Error(`vnu.jar gave no JSON report (exit ${r.status}):\n${r.stderr}\n${r.stdout}`);
  }
  return report.messages ?? [];
}

test("Nu Html Checker: zero errors on every HTML page of both builds", () => {
  const counts = SITES.map((s) => htmlFiles(s.dir).length);
  for (const [i, s] of SITES.entries()) assert.ok(counts[i] > 50, `${s.name} build has only ${counts[i]} HTML files`);
  const messages = vnu(["--errors-only", "--skip-non-html", ...SITES.map((s) => s.dir)]);
  const errors = messages.filter((m) => m.type === "error" || m.subType === "fatal" || m.type === "non-document-error");
  const lines = errors.map((m) => {
    const file = (m.url ?? "").replace(/^file:/, "");
    const where = m.lastLine ? `:${m.lastLine}:${m.firstColumn ?? m.lastColumn ?? 0}` : "";
    const extract = m.extract ? `\n      ${m.extract.replace(/\s+/g, " ").slice(0, 200)}` : "";
    return `  ${file}${where}: ${m.message}${extract}`;
  });
  console.log(`vnu checked ${counts.join(" + ")} HTML files`);
  assert.equal(errors.length, 0, `vnu.jar found ${errors.length} error(s):\n${lines.join("\n")}`);
});

test("Nu Html Checker: zero errors in the stylesheet", () => {
  const css = path.join(SITES[0].dir, "static/style.css");
  assert.ok(fs.existsSync(css), `${css} missing`);
  const errors = vnu(["--errors-only", "--css", css]).filter((m) => m.type === "error" || m.type === "non-document-error");
  const lines = errors.map((m) => `  style.css:${m.lastLine ?? "?"}: ${m.message}`);
  assert.equal(errors.length, 0, `vnu.jar found ${errors.length} CSS error(s):\n${lines.join("\n")}`);
});
