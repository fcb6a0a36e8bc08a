// The editor's desk in Chromium, on a copy of the demo portal served by `shanshui serve`:
// a Word file chosen on the page becomes the draft `import` writes, the draft opens, an
// edit is saved to disk and served; a page of another origin cannot use the desk.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { SCREENSHOTS, VIEWPORTS, launchBrowser } from "./lib.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = process.env.E2E_BIN;
const DOCX = path.join(REPO, "tests/import/word-title-table.docx");
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's WCAG 2.1 A/AA and best-practice violations on the open page. */
async function axeViolations(page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      resultTypes: ["violations"],
    });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

function freePort() {
  return new Promise((resolve) => {
    const s = http.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A copy of the demo portal, `serve` on it, and the desk's address it printed. */
async function serveCopy() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "shanshui-desk-"));
  fs.cpSync(path.join(REPO, "tests/fixtures/demo"), root, { recursive: true });
  const port = await freePort();
  const child = spawn(BIN, ["--root", root, "serve", "--port", String(port)], { stdio: ["ignore", "pipe", "inherit"] });
  const desk = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`serve printed no desk address: ${out}`)), 120_000);
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/_desk\/\?t=[0-9a-f]+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
  });
  child.stdout.resume();
  return { root, port, desk, stop: () => { child.kill(); fs.rmSync(root, { recursive: true, force: true }); } };
}

async function waitUntil(done, what) {
  for (let i = 0; i < 100; i++) {
    if (done()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${what}: not within 10 s`);
}

function drafts(root, before) {
  return fs.readdirSync(path.join(root, "content/articles")).filter((f) => !before.includes(f)).sort();
}

test("the desk: a Word file chosen on the page becomes import's draft, edited and saved", async () => {
  assert.ok(BIN, "E2E_BIN is not set: run through tests/e2e/run.sh");
  const served = await serveCopy();
  // What the command line writes for the same file, in a copy of its own.
  const byCommand = fs.mkdtempSync(path.join(os.tmpdir(), "shanshui-cli-"));
  fs.cpSync(path.join(REPO, "tests/fixtures/demo"), byCommand, { recursive: true });
  const cli = spawnSync(BIN, ["--root", byCommand, "import", DOCX], { encoding: "utf8" });
  assert.equal(cli.status, 0, cli.stderr);
  const before = fs.readdirSync(path.join(served.root, "content/articles"));
  const browser = await launchBrowser();
  try {
    // axe-core is added to the page as a script: let it past the desk's CSP.
    const page = await browser.newPage({ viewport: VIEWPORTS.phone, bypassCSP: true });
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(served.desk);
    await page.getByText(/篇稿件/).waitFor();
    assert.ok(await page.locator("#articles tr").count() > 0, "the article list");

    await page.setInputFiles("#import-file", DOCX);
    await page.getByText(/已写入草稿/).waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => document.getElementById("body").value.startsWith("---"));
    const written = drafts(served.root, before);
    assert.deepEqual(written, drafts(byCommand, before), "the drafts the command writes");
    const draftFile = path.join(served.root, "content/articles", written[0]);
    assert.equal(
      fs.readFileSync(draftFile, "utf8"),
      fs.readFileSync(path.join(byCommand, "content/articles", written[0]), "utf8"),
      "the same text",
    );

    // An edit by keyboard shows in the preview and is saved to disk.
    const body = page.locator("#body");
    await body.press("Control+End");
    await body.pressSequentially("\n\n编辑台加的**一句**。\n");
    await page.locator("#preview strong", { hasText: "一句" }).waitFor();
    await page.getByRole("button", { name: /保存/ }).click();
    await page.getByText(/已保存/).waitFor();
    assert.ok(fs.readFileSync(draftFile, "utf8").includes("编辑台加的**一句**。"));
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, "desk-phone.png"), fullPage: true });
    assert.deepEqual(await axeViolations(page), [], "axe on the desk with a draft open");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the desk is ${overflow} px wider than a phone`);

    // A place picked by its Chinese name joins the cities line; the topic (the demo
    // portal has no `policy`) is fixed by hand; saved, check passes.
    await page.getByLabel(/加地区/).selectOption({ label: "太原市 taiyuan" });
    const cities = /^cities: \[(.*)\]$/m.exec(await body.inputValue());
    assert.ok(cities && cities[1].split(", ").includes("taiyuan"), `the cities line: ${cities}`);
    const fixed = (await body.inputValue()).replace(/^topics: .*$/m, "topics: [air]");
    await body.fill(fixed);
    await page.getByRole("button", { name: /保存/ }).click();
    await page.waitForFunction(() => /已保存/.test(document.getElementById("saved").textContent));
    await waitUntil(() => fs.readFileSync(draftFile, "utf8") === fixed, "the fixed draft on disk");
    const check = spawnSync(BIN, ["--root", served.root, "check"], { encoding: "utf8" });
    assert.equal(check.status, 0, `check after the desk's save:\n${check.stderr}`);

    // Changed on disk meanwhile: the next save is refused and the file kept.
    fs.appendFileSync(draftFile, "\n另一个程序写的。\n");
    await body.pressSequentially("再改一句。");
    await page.getByRole("button", { name: /保存/ }).click();
    await page.getByText(/未保存/).waitFor();
    assert.ok(fs.readFileSync(draftFile, "utf8").endsWith("另一个程序写的。\n"));
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    served.stop();
    fs.rmSync(byCommand, { recursive: true, force: true });
  }
});

test("the desk: a page of another origin cannot read it or write through it", async () => {
  assert.ok(BIN, "E2E_BIN is not set: run through tests/e2e/run.sh");
  const served = await serveCopy();
  const token = new URL(served.desk).searchParams.get("t");
  const file = path.join(served.root, "content/articles/air-2025.zh.md");
  const original = fs.readFileSync(file, "utf8");
  // Another site, on another port: it knows the token (the worst case) and tries.
  const evil = http.createServer((_, res) => {
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.end("<!doctype html><title>other</title><form method=post enctype=text/plain></form>");
  });
  const evilPort = await freePort();
  await new Promise((r) => evil.listen(evilPort, "127.0.0.1", r));
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${evilPort}/`);
    const api = `http://127.0.0.1:${served.port}/_desk/api/`;
    const read = await page.evaluate(async ([api, token]) => {
      try {
        const r = await fetch(api + "articles", { headers: { "X-Desk-Token": token } });
        return await r.text();
      } catch (e) { return "blocked: " + e; }
    }, [api, token]);
    assert.match(read, /^blocked/, "a cross-origin read with the token");
    // A simple request needs no preflight: it reaches the server, which refuses it.
    const status = await page.evaluate(async (api) => {
      const r = await fetch(api + "save?file=air-2025.zh.md&hash=0", { method: "POST", mode: "no-cors", body: "x" });
      return r.type;
    }, api);
    assert.equal(status, "opaque");
    // A form posted to the desk from that page, then a page of its own with the token:
    // refused by Origin and by Host rules alike.
    await Promise.all([
      page.waitForURL(/\/_desk\/api\/save/),
      page.evaluate((url) => {
        const f = document.querySelector("form");
        f.action = url;
        f.submit();
      }, `${api}save?file=air-2025.zh.md&hash=0`),
    ]);
    await page.waitForLoadState();
    assert.match(await page.content(), /已拒绝|refused/);
    assert.equal(fs.readFileSync(file, "utf8"), original, "the article is unchanged");
  } finally {
    await browser.close();
    evil.close();
    served.stop();
  }
});
