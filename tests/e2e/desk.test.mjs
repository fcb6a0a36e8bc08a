// The editor's desk in Chromium, on a copy of the demo portal served by `shanshui serve`:
// a Word file dropped on the page becomes the draft `import` writes; the draft is fixed
// in the form (a place, the date it was added, its notes, published), its English
// written beside it, a figure of its text recorded in an indicator through the picker,
// and saved; the files on disk are what the command line writes for the same file and
// the same fixes, `check` passes and `build` publishes the article and its figure in
// both languages. A page of another origin cannot use the desk.
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

// The indicator the Word file's first figure belongs to (the demo portal has none for
// it): the composite index, a number without unit.
const INDICATOR = "aqi-composite";
const INDICATOR_FILE = `id: ${INDICATOR}
name: {zh: "空气质量综合指数", en: "Composite air quality index"}
unit: ""
better: lower
topics: [air]
definition: {zh: "六项污染物浓度各除以二级标准限值后相加，越小越好。", en: "The six pollutants' concentrations, each divided by its Grade II limit, added up; the lower, the better."}
observations:
`;

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

/** A copy of the demo portal with the indicator above. */
function demoCopy(prefix) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(path.join(REPO, "tests/fixtures/demo"), root, { recursive: true });
  fs.writeFileSync(path.join(root, `content/indicators/${INDICATOR}.yaml`), INDICATOR_FILE);
  return root;
}

/** A copy of the demo portal, `serve` on it, and the desk's address it printed. */
async function serveCopy() {
  const root = demoCopy("shanshui-desk-");
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

function run(root, ...args) {
  const r = spawnSync(BIN, ["--root", root, ...args], { encoding: "utf8" });
  assert.equal(r.status, 0, `shanshui ${args.join(" ")}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

function newFiles(root, before) {
  return fs.readdirSync(path.join(root, "content/articles")).filter((f) => !before.includes(f)).sort();
}

/** Today as the page writes it into `added`. */
function today() {
  const d = new Date();
  const two = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/** Whether `status` (a live region) says something matching `re`. */
async function waitForStatus(page, id, re) {
  await page.waitForFunction(([id, source]) => new RegExp(source).test(document.getElementById(id).textContent), [id, re.source], { timeout: 60_000 });
}

test("the desk: a dropped Word file fixed, its figure recorded and saved as the command line writes; check and build publish both", async () => {
  assert.ok(BIN, "E2E_BIN is not set: run through tests/e2e/run.sh");
  const served = await serveCopy();
  const byCommand = demoCopy("shanshui-cli-");
  const before = fs.readdirSync(path.join(served.root, "content/articles"));
  run(byCommand, "import", DOCX);
  const [cliDraft] = newFiles(byCommand, before);
  assert.ok(cliDraft, "the command wrote a draft");
  const slug = cliDraft.replace(/\.zh\.md$/, "");
  const browser = await launchBrowser();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "shanshui-desk-site-"));
  try {
    // axe-core is added to the page as a script: let it past the desk's CSP.
    const page = await browser.newPage({ viewport: VIEWPORTS.phone, bypassCSP: true });
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(served.desk);
    await waitForStatus(page, "status", /篇稿件/);

    // Dropped on the page, as a file manager drops it.
    const docx = fs.readFileSync(DOCX).toString("base64");
    const dropped = await page.evaluateHandle(([b64, name]) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name));
      return dt;
    }, [docx, path.basename(DOCX)]);
    await page.dispatchEvent("body", "drop", { dataTransfer: dropped });
    await waitForStatus(page, "imported", /已写入草稿/);
    await page.waitForFunction(() => !document.getElementById("article").hidden && document.getElementById("f-title").value !== "");
    assert.deepEqual(newFiles(served.root, before), [cliDraft], "the draft the command writes");
    const zhFile = path.join(served.root, "content/articles", cliDraft);
    const cliText = fs.readFileSync(path.join(byCommand, "content/articles", cliDraft), "utf8");
    assert.equal(fs.readFileSync(zhFile, "utf8"), cliText, "the same text as the command's");

    // The form shows the front matter; `added` is filled in with today.
    assert.equal(await page.getByLabel(/^标题/).inputValue(), /^title: (.*)$/m.exec(cliText)[1]);
    assert.equal(await page.getByLabel(/收录日期/).inputValue(), today());
    const cities = await page.locator("#cities li").allTextContents();
    assert.ok(cities.some((c) => c.includes("jinzhong")), `the places import found: ${cities}`);

    // Fix a place: the figures are the province's target too; add Shanxi by its
    // Chinese name, take it out and add it again (both by keyboard-reachable controls).
    await page.getByLabel(/加地区/).selectOption({ label: "山西省 shanxi" });
    await page.getByRole("button", { name: /移除 Remove 山西省 shanxi/ }).click();
    await page.getByLabel(/加地区/).selectOption({ label: "山西省 shanxi" });
    const placed = (await page.locator("#cities li").allTextContents()).map((c) => /\b([a-z]+) /.exec(c)[1]);
    assert.equal(placed.at(-1), "shanxi");
    // Checked and published: the notes go, the draft mark too.
    await page.getByLabel(/已核对/).check();
    await page.getByLabel(/草稿（不发布）/).uncheck();
    // The English beside it: translate's draft until written.
    const english = page.getByLabel(/英文稿/);
    assert.match(await english.inputValue(), /for the translator/, "translate's draft of the English");
    const englishText = [
      "---",
      "title: Jinzhong's air kept improving in 2024",
      /^date: .*$/m.exec(cliText)[0],
      `added: "${today()}"`,
      `cities: [${placed.join(", ")}]`,
      /^topics: .*$/m.exec(cliText)[0],
      "reporters: [Wu Lifang]",
      "draft: false",
      "---",
      "",
      "Jinzhong's composite air quality index was 4.35 in 2024, better than the year's target.",
      "",
    ].join("\n");
    await english.fill(englishText);
    await page.getByRole("button", { name: /^保存/ }).click();
    await waitForStatus(page, "saved", /已保存/);

    // A figure of the text recorded through the picker; what is recorded is shown.
    await page.getByRole("button", { name: /Record 4\.35/ }).click();
    await page.getByLabel(/^指标/).selectOption(INDICATOR);
    await page.getByLabel("地区 Place", { exact: true }).selectOption("jinzhong");
    // The period the sentence names (2024年), not the year it was printed.
    assert.equal(await page.getByLabel(/^时期/).inputValue(), "2024");
    assert.doesNotMatch(await page.locator("#picker-sentence").textContent(), /\*\*/, "the sentence without Markdown marks");
    await page.getByLabel(/^范围/).selectOption("city");
    await waitForStatus(page, "p-recorded", /尚未记录/);
    await page.getByRole("button", { name: /添加到指标/ }).click();
    await waitForStatus(page, "p-result", /已添加/);
    await waitForStatus(page, "p-recorded", /已记录[\s\S]*4\.35[\s\S]*来源 \/ source /);
    // The same figure again is refused as check would refuse it, and nothing is written.
    const indicatorFile = path.join(served.root, `content/indicators/${INDICATOR}.yaml`);
    const recorded = fs.readFileSync(indicatorFile, "utf8");
    await page.getByRole("button", { name: /添加到指标/ }).click();
    await waitForStatus(page, "p-result", /未记录/);
    assert.equal(fs.readFileSync(indicatorFile, "utf8"), recorded);
    const refusal = await page.locator("#p-result").textContent();
    assert.match(refusal, new RegExp(`content/indicators/${INDICATOR}\\.yaml:\\d+:\\d+`), "where, from the portal's folder");
    assert.ok(!refusal.includes(served.root), refusal);

    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, "desk-phone.png"), fullPage: true });
    await page.locator("#front").screenshot({ path: path.join(SCREENSHOTS, "desk-phone-form.png") });
    await page.locator("#picker").screenshot({ path: path.join(SCREENSHOTS, "desk-phone-picker.png") });
    assert.deepEqual(await axeViolations(page), [], "axe on the desk with an article open");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the desk is ${overflow} px wider than a phone`);
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.screenshot({ path: path.join(SCREENSHOTS, "desk-desktop.png"), fullPage: true });

    // The command line, the same fixes: the files are the same.
    const fixedByHand = cliText
      .replace(/^cities: .*$/m, `cities: [${placed.join(", ")}]`)
      .replace(/^(date: .*)$/m, `$1\nadded: "${today()}"`)
      .replace(/^draft: true$/m, "draft: false")
      .replace(/^# ── 导入说明[\s\S]*?(?=^---$)/m, "");
    fs.writeFileSync(path.join(byCommand, "content/articles", cliDraft), fixedByHand);
    fs.writeFileSync(path.join(byCommand, "content/articles", `${slug}.en.md`), englishText);
    const table = path.join(byCommand, "figure.csv");
    fs.writeFileSync(table, "地区,数值\n晋中市,4.35\n");
    run(byCommand, "import", "--indicator", INDICATOR, "--period", "2024", "--scope", "city", "--source", slug, "--write", table);
    for (const file of [`articles/${cliDraft}`, `articles/${slug}.en.md`, `indicators/${INDICATOR}.yaml`]) {
      assert.equal(
        fs.readFileSync(path.join(served.root, "content", file), "utf8"),
        fs.readFileSync(path.join(byCommand, "content", file), "utf8"),
        `content/${file}: the desk wrote what the command line and an editor write`,
      );
    }

    run(served.root, "check");
    run(served.root, "build", "--out", out, "--no-search");
    const zhPage = fs.readFileSync(path.join(out, `articles/${slug}/index.html`), "utf8");
    const enPage = fs.readFileSync(path.join(out, `en/articles/${slug}/index.html`), "utf8");
    assert.ok(zhPage.includes("4.35") && zhPage.includes("晋中"), "the Chinese article is published");
    assert.ok(enPage.includes("Jinzhong&#39;s air kept improving") || enPage.includes("Jinzhong's air kept improving"), "the English article is published");
    for (const lang of ["", "en/"]) {
      const indicatorPage = fs.readFileSync(path.join(out, `${lang}indicators/${INDICATOR}/index.html`), "utf8");
      assert.ok(indicatorPage.includes("4.35"), `the figure on the ${lang || "zh/"} indicator page`);
      assert.ok(indicatorPage.includes(`articles/${slug}/`), `the ${lang || "zh/"} indicator page cites the article`);
    }

    // Changed on disk meanwhile: the next save is refused and the file kept.
    fs.appendFileSync(zhFile, "\n另一个程序写的。\n");
    await page.locator("#body").pressSequentially("再改一句。");
    await page.getByRole("button", { name: /^保存/ }).click();
    await waitForStatus(page, "saved", /未保存/);
    assert.ok(fs.readFileSync(zhFile, "utf8").endsWith("另一个程序写的。\n"));
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    served.stop();
    for (const dir of [byCommand, out]) fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the desk: the live preview is the portal's Markdown; the form by keyboard; a file that does not read opens as text", async () => {
  assert.ok(BIN, "E2E_BIN is not set: run through tests/e2e/run.sh");
  const served = await serveCopy();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: VIEWPORTS.desktop });
    await page.goto(served.desk);
    await page.getByRole("button", { name: "打开 Open content/articles/air-2025.zh.md" }).click();
    const body = page.locator("#body");
    await page.waitForFunction(() => document.getElementById("body").value.includes("66.9%"));
    assert.equal(await page.evaluate(() => document.activeElement.id), "f-title", "the form opens on its title");
    await body.press("Control+End");
    await body.pressSequentially("\n编辑台加的**一句**。\n");
    await page.locator("#preview strong", { hasText: "一句" }).waitFor();
    // Raw HTML is left out as the build leaves it out.
    await body.pressSequentially("\n<script>window.ran = 1</script><b>粗</b>\n");
    await page.waitForFunction(() => document.getElementById("preview").textContent.includes("<b>粗</b>"));
    assert.equal(await page.evaluate(() => window.ran), undefined);
    assert.equal(await page.locator("#preview b").count(), 0);

    // By keyboard: a place taken out with Enter, the focus left on the place picker.
    await page.getByRole("button", { name: /移除 Remove 晋中市 jinzhong/ }).focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement.id === "add-city");
    assert.equal(await page.locator("#cities li").count(), 0);

    // Front matter that does not read opens as the file's text with the reason; mended
    // and saved, it opens as a form.
    const broken = path.join(served.root, "content/articles/unfinished.zh.md");
    const good = fs.readFileSync(broken, "utf8");
    fs.writeFileSync(broken, good.replace(/^title: .*$/m, "title: [未闭合"));
    await page.getByRole("button", { name: "打开 Open content/articles/unfinished.zh.md" }).click();
    await waitForStatus(page, "saved", /无法作为表单打开[\s\S]*unfinished\.zh\.md/);
    assert.ok(await page.locator("#front").isHidden(), "no form for a file that does not read");
    assert.match(await body.inputValue(), /^title: \[未闭合$/m);
    await body.fill(good);
    await page.getByRole("button", { name: /^保存/ }).click();
    await page.locator("#front").waitFor();
    assert.equal(fs.readFileSync(broken, "utf8"), good);

    // The desk's words are the portal's catalogue's, both languages.
    for (const [lang, word] of [["zh", "存盘"], ["en", "Store"]]) {
      const file = path.join(served.root, `content/i18n/${lang}.yaml`);
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/^desk_save: .*$/m, `desk_save: "${word}"`));
    }
    await page.reload();
    await page.getByRole("button", { name: "存盘 Store", includeHidden: true }).waitFor({ state: "attached" });
  } finally {
    await browser.close();
    served.stop();
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
