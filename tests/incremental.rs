//! A build in a project that has been built before (whatever it keeps between runs) must
//! write the same output, byte for byte, as a clean build of the same content. Seeded
//! random sequences of edits (articles added, changed, renamed, deleted; a registry, a
//! template, a UI string, the site's settings changed) are applied to a small portal;
//! after each, `build` runs in the project and in a fresh copy of it, and the two output
//! folders are compared. `SHANSHUI_INCR_SEED=N` replays one sequence.
//!
//! `build` keeps a cache beside its output (`.site.cache`) and, after edits to articles'
//! text alone, renders only their pages: the tests also check that it did (the build says
//! how many pages it rendered anew), that a damaged, foreign or stale cache is never
//! trusted, and that a build killed at any moment leaves the next one right.

mod common;

use common::{build, copy_dir, fixture, repo, shanshui, tree};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Articles generated at the start; edits add and remove some.
const START_ARTICLES: usize = 12;
const EDITS_PER_SEQUENCE: usize = 6;
/// The places and topics of the demo fixture that generated articles may name.
const CITIES: &[&str] = &["shanxi", "jinzhong", "jiexiu", "taiyuan"];
const TOPICS: &[&str] = &["air", "water"];
/// Fixture articles that generated ones may link to; edits never delete them (the
/// fixture's indicator cites `air-2025`).
const LINK_TARGETS: &[&str] = &["air-2025", "green-2023", "water-2024"];
const WORDS_ZH: &[&str] = &[
    "汾河",
    "空气质量",
    "优良天数",
    "断面水质",
    "晋中市",
    "植树造林",
    "污水处理",
    "生态修复",
    "百分点",
    "监测站",
];
const WORDS_EN: &[&str] = &[
    "Fen River",
    "air quality",
    "good days",
    "water sections",
    "Jinzhong",
    "tree planting",
    "sewage treatment",
    "restoration",
    "percentage points",
    "monitoring stations",
];

/// The edits a sequence draws from, each a kind of input the output depends on.
#[derive(Debug, Clone, Copy)]
enum Edit {
    AddArticle,
    ChangeArticle,
    /// A paragraph added at the end of an article's text: nothing that lists show.
    ChangeArticleText,
    /// Its title alone, in one language: lists, neighbours and citations show it.
    ChangeArticleTitle,
    /// A paragraph put first: lists show it when the front matter has no summary.
    ChangeArticleOpening,
    RenameArticle,
    DeleteArticle,
    ChangeTopic,
    ChangeCity,
    ChangeObservation,
    ChangeSource,
    ChangeSearchWords,
    ChangeTemplate,
    ChangeStaticFile,
    ChangeAboutPage,
    ChangeUiString,
    ChangeSiteSettings,
}

const EDITS: &[Edit] = &[
    Edit::AddArticle,
    Edit::ChangeArticle,
    Edit::ChangeArticle,
    Edit::ChangeArticleText,
    Edit::ChangeArticleText,
    Edit::ChangeArticleText,
    Edit::ChangeArticleTitle,
    Edit::ChangeArticleOpening,
    Edit::RenameArticle,
    Edit::DeleteArticle,
    Edit::ChangeTopic,
    Edit::ChangeCity,
    Edit::ChangeObservation,
    Edit::ChangeSource,
    Edit::ChangeSearchWords,
    Edit::ChangeTemplate,
    Edit::ChangeStaticFile,
    Edit::ChangeAboutPage,
    Edit::ChangeUiString,
    Edit::ChangeSiteSettings,
];

struct Portal {
    root: PathBuf,
    rng: fastrand::Rng,
    /// Slugs of the generated articles present now.
    articles: Vec<String>,
    /// The generated articles that are drafts now (not built).
    drafts: BTreeSet<String>,
    next_slug: usize,
    /// Since the last build: the articles whose text alone was edited, and whether
    /// anything else was.
    text_edits: BTreeSet<String>,
    other_edits: bool,
}

impl Portal {
    /// The demo site with registries it lacks (an outside source cited by an observation)
    /// and `articles` generated articles.
    fn new(root: &Path, seed: u64, articles: usize) -> Portal {
        let mut portal = Portal {
            root: root.to_owned(),
            rng: fastrand::Rng::with_seed(seed),
            articles: Vec::new(),
            drafts: BTreeSet::new(),
            next_slug: 0,
            text_edits: BTreeSet::new(),
            other_edits: false,
        };
        fs::write(
            portal.content().join("sources.yaml"),
            "- id: demo-bulletin\n  kind: bulletin\n  publisher: {zh: 演示市生态环境局, en: Demo Ecology and Environment Bureau}\n  title: {zh: 空气质量公报, en: Air quality bulletin}\n  date: 2024-06\n  url: \"https://bulletin.example.org/2024/air\"\n",
        )
        .expect("write sources.yaml");
        let indicator = portal.content().join("indicators/good-days-ratio.yaml");
        let mut text = fs::read_to_string(&indicator).expect("read indicator");
        text.push_str(
            "  - {city: taiyuan, year: 2023, value: 70.4, scope: urban, source: demo-bulletin}\n",
        );
        fs::write(indicator, text).expect("write indicator");
        for _ in 0..articles {
            portal.add_article();
        }
        portal
    }

    fn content(&self) -> PathBuf {
        self.root.join("content")
    }

    fn article_path(&self, slug: &str, lang: &str) -> PathBuf {
        self.content()
            .join("articles")
            .join(format!("{slug}.{lang}.md"))
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.rng.usize(..items.len())]
    }

    fn some<T: Copy>(&mut self, items: &[T], max: usize) -> Vec<T> {
        let mut chosen: Vec<T> = Vec::new();
        let n = self.rng.usize(1..=max.min(items.len()));
        let mut order: Vec<usize> = (0..items.len()).collect();
        self.rng.shuffle(&mut order);
        for &i in order.iter().take(n) {
            chosen.push(items[i]);
        }
        chosen
    }

    fn list(items: &[&str]) -> String {
        format!("[{}]", items.join(", "))
    }

    /// Writes one generated article: Chinese always, English most of the time; now and
    /// then a draft.
    fn write_article(&mut self, slug: &str) {
        let year = self.rng.u32(2015..=2026);
        let month = self.rng.u32(1..=12);
        let day = self.rng.u32(1..=28);
        let date = if self.rng.u8(..4) == 0 {
            format!("{year}-{month:02}")
        } else {
            format!("{year}-{month:02}-{day:02}")
        };
        let cities = Self::list(&self.some(CITIES, 2));
        let topics = Self::list(&self.some(TOPICS, 2));
        let draft = self.rng.u8(..8) == 0;
        match draft {
            true => self.drafts.insert(slug.to_owned()),
            false => self.drafts.remove(slug),
        };
        let link = self.pick(LINK_TARGETS);
        let figure = format!("{}.{}", self.rng.u32(1..100), self.rng.u32(0..10));
        let w = |p: &mut Self, words: &[&'static str]| -> &'static str { p.pick(words) };
        let title_zh = format!("{}{}{}", w(self, WORDS_ZH), w(self, WORDS_ZH), figure);
        let mut body_zh = String::new();
        for _ in 0..self.rng.usize(1..4) {
            let sentence: Vec<&str> = (0..self.rng.usize(3..12))
                .map(|_| w(self, WORDS_ZH))
                .collect();
            body_zh.push_str(&format!("{}，达到{figure}%。\n\n", sentence.join("")));
        }
        body_zh.push_str(&format!(
            "## {}\n\n- {}\n- {}\n\n参见[相关报道](/articles/{link}/)。\n",
            w(self, WORDS_ZH),
            w(self, WORDS_ZH),
            w(self, WORDS_ZH)
        ));
        let summary = if self.rng.bool() {
            format!("summary: {}{figure}%。\n", w(self, WORDS_ZH))
        } else {
            String::new()
        };
        let draft_line = if draft { "draft: true\n" } else { "" };
        let zh = format!(
            "---\ntitle: {title_zh}\ndate: {date}\ncities: {cities}\ntopics: {topics}\n{summary}{draft_line}---\n{body_zh}"
        );
        fs::write(self.article_path(slug, "zh"), zh).expect("write article");

        let en_path = self.article_path(slug, "en");
        if self.rng.u8(..4) == 0 {
            let _ = fs::remove_file(en_path);
            return;
        }
        let title_en = format!(
            "{} and {} at {figure}",
            w(self, WORDS_EN),
            w(self, WORDS_EN)
        );
        let sentence: Vec<&str> = (0..self.rng.usize(3..10))
            .map(|_| w(self, WORDS_EN))
            .collect();
        let en = format!(
            "---\ntitle: {title_en}\ndate: {date}\ncities: {cities}\ntopics: {topics}\n{draft_line}---\n{}, reaching {figure}%.\n\nSee [the report](/en/articles/{link}/).\n",
            sentence.join(", ")
        );
        fs::write(en_path, en).expect("write article");
    }

    fn add_article(&mut self) -> String {
        let slug = format!("gen-{:03}", self.next_slug);
        self.next_slug += 1;
        self.write_article(&slug);
        self.articles.push(slug.clone());
        slug
    }

    /// A generated article, or `None` when there is none left.
    fn existing(&mut self) -> Option<String> {
        (!self.articles.is_empty())
            .then(|| self.articles[self.rng.usize(..self.articles.len())].clone())
    }

    fn remove_files(&self, slug: &str) {
        for lang in ["zh", "en"] {
            let _ = fs::remove_file(self.article_path(slug, lang));
        }
    }

    /// In `content/<rel>`, replaces what lies between the first `after` and the next
    /// `before` with `with`.
    fn set_between(&self, rel: &str, after: &str, before: &str, with: &str) {
        let path = self.content().join(rel);
        let text = fs::read_to_string(&path).expect("read");
        let start = text
            .find(after)
            .unwrap_or_else(|| panic!("{rel} has no {after:?}"))
            + after.len();
        let end = start + text[start..].find(before).expect("end of the value");
        fs::write(&path, format!("{}{with}{}", &text[..start], &text[end..])).expect("write");
    }

    /// Adds a paragraph at the end of `slug`'s Chinese text, and of its English text if
    /// it has one: its summary, taken from the first paragraph when the front matter has
    /// none, stays as it was.
    fn append_text(&mut self, slug: &str, n: u32) {
        for (lang, text) in [
            ("zh", format!("\n补充说明第{n}次：监测数据已更新。\n")),
            (
                "en",
                format!("\nUpdate {n}: the monitoring data were revised.\n"),
            ),
        ] {
            let path = self.article_path(slug, lang);
            if let Ok(mut body) = fs::read_to_string(&path) {
                body.push_str(&text);
                fs::write(path, body).expect("write article");
            }
        }
    }

    /// The pages a build after the edits since the last one may render, if it keeps the
    /// others: both languages' pages of each article whose text alone was edited and that
    /// is built. `None` when anything else was edited.
    fn pages_to_render(&self) -> Option<usize> {
        let built = self
            .text_edits
            .iter()
            .filter(|slug| !self.drafts.contains(*slug))
            .count();
        (!self.other_edits).then_some(2 * built)
    }

    /// Applies one edit and says what it did.
    fn apply(&mut self, edit: Edit) -> String {
        let n = self.rng.u32(1..1000);
        match edit {
            Edit::ChangeArticleText => match self.existing() {
                Some(slug) => {
                    self.append_text(&slug, n);
                    self.text_edits.insert(slug.clone());
                    format!("added a paragraph to {slug}'s text")
                }
                None => self.apply(Edit::AddArticle),
            },
            _ => {
                self.other_edits = true;
                self.apply_other(edit, n)
            }
        }
    }

    fn apply_other(&mut self, edit: Edit, n: u32) -> String {
        match edit {
            Edit::ChangeArticleText => unreachable!("handled by apply"),
            Edit::ChangeArticleTitle => match self.existing() {
                Some(slug) => {
                    let lang = match self.article_path(&slug, "en").exists() && self.rng.bool() {
                        true => "en",
                        false => "zh",
                    };
                    let path = self.article_path(&slug, lang);
                    let text = fs::read_to_string(&path).expect("read article");
                    let text = text.replacen("\ntitle: ", &format!("\ntitle: {n} "), 1);
                    fs::write(path, text).expect("write article");
                    format!("put {n} before {slug}'s title ({lang})")
                }
                None => format!("added {}", self.add_article()),
            },
            Edit::ChangeArticleOpening => match self.existing() {
                Some(slug) => {
                    let path = self.article_path(&slug, "zh");
                    let text = fs::read_to_string(&path).expect("read article");
                    let Some((front, body)) = text.split_once("\n---\n") else {
                        panic!("{slug} has no front matter")
                    };
                    let opening = format!("第{n}号通报：汾河水质持续改善。");
                    fs::write(path, format!("{front}\n---\n{opening}\n\n{body}"))
                        .expect("write article");
                    format!("put a paragraph first in {slug}'s Chinese text")
                }
                None => format!("added {}", self.add_article()),
            },
            Edit::AddArticle => format!("added {}", self.add_article()),
            Edit::ChangeArticle => match self.existing() {
                Some(slug) => {
                    self.write_article(&slug);
                    format!("rewrote {slug}")
                }
                None => format!("added {}", self.add_article()),
            },
            Edit::RenameArticle => match self.existing() {
                Some(slug) => {
                    let new = format!("gen-{:03}", self.next_slug);
                    self.next_slug += 1;
                    for lang in ["zh", "en"] {
                        let from = self.article_path(&slug, lang);
                        if from.exists() {
                            fs::rename(from, self.article_path(&new, lang)).expect("rename");
                        }
                    }
                    self.articles.retain(|s| *s != slug);
                    self.articles.push(new.clone());
                    format!("renamed {slug} to {new}")
                }
                None => format!("added {}", self.add_article()),
            },
            Edit::DeleteArticle => match self.existing() {
                Some(slug) => {
                    self.remove_files(&slug);
                    self.articles.retain(|s| *s != slug);
                    format!("deleted {slug}")
                }
                None => format!("added {}", self.add_article()),
            },
            Edit::ChangeTopic => {
                self.set_between(
                    "topics.yaml",
                    "id: water\n  zh: 水\n  en: ",
                    "\n",
                    &format!("Water {n}"),
                );
                format!("renamed the topic water to Water {n}")
            }
            Edit::ChangeCity => {
                self.set_between(
                    "cities.yaml",
                    "id: jiexiu, zh: 介休市, en: ",
                    ",",
                    &format!("Jiexiu {n}"),
                );
                format!("renamed Jiexiu to Jiexiu {n}")
            }
            Edit::ChangeObservation => {
                let value = format!("{}.{}", 40 + n % 50, n % 10);
                self.set_between(
                    "indicators/good-days-ratio.yaml",
                    "year: 2024, value: ",
                    ",",
                    &value,
                );
                format!("set the 2024 observation to {value}")
            }
            Edit::ChangeSource => {
                let title = format!("Air quality bulletin {n}");
                self.set_between(
                    "sources.yaml",
                    "title: {zh: 空气质量公报, en: ",
                    "}",
                    &title,
                );
                format!("renamed the outside source to {title:?}")
            }
            Edit::ChangeSearchWords => {
                let group = format!("[汾河, 母亲河{n}]");
                fs::write(
                    self.content().join("search.yaml"),
                    format!("equivalents:\n  - {group}\n"),
                )
                .expect("write");
                format!("set search.yaml's equivalents to {group}")
            }
            Edit::ChangeTemplate => {
                // The site's own copy of a default template, with a line of its own.
                let name = self.pick(&["partials/article_meta.html", "home.html", "base.html"]);
                let default =
                    fs::read_to_string(repo().join("templates").join(name)).expect("read template");
                let own = self.root.join("templates").join(name);
                fs::create_dir_all(own.parent().expect("parent")).expect("mkdir");
                let marker = format!("<span class=\"edit-{n}\"></span>");
                // Visible on the page: in base.html before `</body>`, in a page template
                // at the start of its content, in a partial at its end.
                let text = if name == "base.html" {
                    default.replacen("</body>", &format!("{marker}</body>"), 1)
                } else if default.contains("{% block content %}") {
                    default.replacen(
                        "{% block content %}",
                        &format!("{{% block content %}}{marker}"),
                        1,
                    )
                } else {
                    format!("{default}{marker}\n")
                };
                fs::write(own, text).expect("write template");
                format!("overrode {name} (edit {n})")
            }
            Edit::ChangeStaticFile => {
                let dir = self.root.join("static");
                fs::create_dir_all(&dir).expect("mkdir");
                fs::write(
                    dir.join("extra.css"),
                    format!(".edit-{n} {{ color: #333; }}\n"),
                )
                .expect("write static file");
                format!("wrote static/extra.css (edit {n})")
            }
            Edit::ChangeAboutPage => {
                let dir = self.content().join("pages");
                fs::create_dir_all(&dir).expect("mkdir");
                for (lang, title, text) in [
                    ("zh", "关于本站", format!("本站收录演示数据，第{n}版。")),
                    (
                        "en",
                        "About",
                        format!("This site holds demo data, version {n}."),
                    ),
                ] {
                    fs::write(
                        dir.join(format!("about.{lang}.md")),
                        format!("---\ntitle: {title}\nsummary: {text}\n---\n{text}\n"),
                    )
                    .expect("write about page");
                }
                format!("wrote the About page, version {n}")
            }
            Edit::ChangeUiString => {
                let lang = self.pick(&["zh", "en"]);
                let path = self.content().join(format!("i18n/{lang}.yaml"));
                let text = fs::read_to_string(&path).expect("read");
                // A plain one-line string (not quoted, not a map or a list).
                let plain: Vec<usize> = text
                    .lines()
                    .enumerate()
                    .filter(|(_, l)| is_plain_string(l))
                    .map(|(i, _)| i)
                    .collect();
                let line = plain[self.rng.usize(..plain.len())];
                let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
                lines[line].push_str(&format!(" {n}"));
                fs::write(path, lines.join("\n") + "\n").expect("write");
                format!("appended {n} to {lang}.yaml line {}", line + 1)
            }
            Edit::ChangeSiteSettings => {
                let description = format!("A small site for tests ({n}).");
                self.set_between(
                    "site.yaml",
                    "description: {zh: 用于测试的小站点。, en: ",
                    "}",
                    &description,
                );
                format!("changed site.yaml's description to {description:?}")
            }
        }
    }
}

/// `key: value` with a plain value, the kind a UI string edit may append to.
fn is_plain_string(line: &str) -> bool {
    let Some((key, value)) = line.split_once(": ") else {
        return false;
    };
    !key.is_empty()
        && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        && !value.is_empty()
        && !value.starts_with(['{', '[', '|', '>', '"', '\'', '&', '*', '!'])
        && !value.contains(" #")
}

/// Builds `project` in place, then a fresh copy of its inputs (no output, nothing kept
/// from before), and fails with `log` unless both outputs are the same, byte for byte.
/// Returns how many pages the build in place rendered anew when it kept the others.
fn assert_same_as_clean_build(project: &Path, log: &str) -> Option<usize> {
    let run = shanshui(project, &["build"]);
    assert!(
        run.ok,
        "{log}\nbuild failed:\n{}\n{}",
        run.stdout, run.stderr
    );
    let incremental = project.join("site");
    let clean = tempfile::tempdir().expect("temp dir");
    // Every input: all but the output and hidden entries (what a build keeps, if anything).
    for entry in fs::read_dir(project).expect("read project") {
        let entry = entry.expect("read project");
        let name = entry.file_name().to_string_lossy().into_owned();
        if name != "site" && !name.starts_with('.') {
            copy_dir(&entry.path(), &clean.path().join(&name));
        }
    }
    let fresh = build(clean.path(), &[]);
    let (ours, theirs) = (tree(&incremental), tree(&fresh));
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    let (ours_names, theirs_names) = (names(&ours), names(&theirs));
    let only_ours: Vec<&String> = ours_names
        .iter()
        .filter(|p| !theirs_names.contains(p))
        .collect();
    let only_theirs: Vec<&String> = theirs_names
        .iter()
        .filter(|p| !ours_names.contains(p))
        .collect();
    assert!(
        only_ours.is_empty() && only_theirs.is_empty(),
        "{log}\nonly in the rebuilt output: {only_ours:?}\nonly in the clean build: {only_theirs:?}"
    );
    for ((path, a), (_, b)) in ours.iter().zip(&theirs) {
        if a != b {
            let at = a
                .iter()
                .zip(b)
                .position(|(x, y)| x != y)
                .unwrap_or(a.len().min(b.len()));
            let around = |bytes: &[u8]| {
                String::from_utf8_lossy(&bytes[at.saturating_sub(80)..(at + 80).min(bytes.len())])
                    .into_owned()
            };
            panic!(
                "{log}\n{path} differs at byte {at}:\nrebuilt: …{}…\nclean:   …{}…",
                around(a),
                around(b)
            );
        }
    }
    rendered_anew(&run.stdout)
}

/// The pages a build rendered anew, as its summary line says when it kept the others
/// from the last build (`; 2 of them rendered anew, …`); `None` for a full build.
fn rendered_anew(summary: &str) -> Option<usize> {
    let (before, _) = summary.split_once(" of them rendered anew")?;
    before.rsplit(' ').next()?.parse().ok()
}

/// One seeded sequence: a generated portal built once, then edited and rebuilt.
fn run_sequence(seed: u64) {
    let project = fixture("demo");
    let mut portal = Portal::new(project.path(), seed, START_ARTICLES);
    let mut log = format!("seed {seed} (replay with SHANSHUI_INCR_SEED={seed}); edits:");
    let first = assert_same_as_clean_build(project.path(), &log);
    assert_eq!(
        first, None,
        "{log}\nthe first build kept pages from nowhere"
    );
    for step in 0..EDITS_PER_SEQUENCE {
        portal.text_edits.clear();
        portal.other_edits = false;
        // The first step edits an article's text alone, so that every sequence sees the
        // cache at work, the second a title alone, which the cache must not serve; then
        // now and then two edits between builds, as an editor saves several files.
        let edits = match step {
            0 => vec![Edit::ChangeArticleText],
            1 => vec![Edit::ChangeArticleTitle],
            _ if portal.rng.u8(..4) == 0 => vec![portal.pick(EDITS), portal.pick(EDITS)],
            _ => vec![portal.pick(EDITS)],
        };
        for edit in edits {
            let done = portal.apply(edit);
            log.push_str(&format!("\n  {}. {done}", step + 1));
        }
        let rendered = assert_same_as_clean_build(project.path(), &log);
        if let Some(expected) = portal.pages_to_render() {
            assert_eq!(
                rendered,
                Some(expected),
                "{log}\nafter edits to articles' text alone the build must render only their pages"
            );
        }
    }
}

/// The seeds to run: `SHANSHUI_INCR_SEED` if set; otherwise one fixed seed (the same
/// sequence on every run) and one new one (printed on failure, to replay).
fn seeds() -> Vec<u64> {
    if let Ok(seed) = std::env::var("SHANSHUI_INCR_SEED") {
        return vec![seed.parse().expect("SHANSHUI_INCR_SEED is a number")];
    }
    vec![26, fastrand::u64(..)]
}

#[test]
fn a_rebuild_after_edits_writes_what_a_clean_build_writes() {
    for seed in seeds() {
        eprintln!("edit sequence with seed {seed} (replay: SHANSHUI_INCR_SEED={seed})");
        run_sequence(seed);
    }
}

#[test]
fn edits_keep_the_generated_portal_valid() {
    // The generator itself: every kind of edit applied to one portal leaves it buildable
    // and the edit shows in the output (so the comparison above compares something).
    let project = fixture("demo");
    let mut portal = Portal::new(project.path(), 7, 3);
    let before = tree(&build(project.path(), &[]));
    let mut template_marker = String::new();
    let mut source_title = String::new();
    for &edit in EDITS {
        let done = portal.apply(edit);
        if let Some(title) = done.strip_prefix("renamed the outside source to ") {
            source_title = title.trim_matches('"').to_owned();
        }
        if let Some(n) = done
            .strip_prefix("overrode ")
            .and_then(|d| d.strip_suffix(')'))
            .and_then(|d| d.split("(edit ").nth(1))
        {
            template_marker = format!("edit-{n}");
        }
    }
    let run = shanshui(project.path(), &["build"]);
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    let after = tree(&project.path().join("site"));
    let changed = |path: &str| {
        let find =
            |t: &[(String, Vec<u8>)]| t.iter().find(|(p, _)| p == path).map(|(_, b)| b.clone());
        find(&before) != find(&after)
    };
    assert!(
        !template_marker.is_empty(),
        "no template edit among {EDITS:?}"
    );
    assert!(
        after.iter().any(|(path, bytes)| path.ends_with(".html")
            && String::from_utf8_lossy(bytes).contains(&template_marker)),
        "the template edit ({template_marker}) shows on no page"
    );
    let source_page = String::from_utf8_lossy(
        &after
            .iter()
            .find(|(p, _)| p == "en/indicators/good-days-ratio/index.html")
            .expect("the indicator's English page")
            .1,
    )
    .into_owned();
    assert!(
        !source_title.is_empty() && source_page.contains(&source_title),
        "the outside source's new title {source_title:?} is not on the indicator's page"
    );
    assert!(
        after
            .iter()
            .any(|(p, b)| p.ends_with("extra.css") && String::from_utf8_lossy(b).contains(".edit-")),
        "the static file is not in the output"
    );
    for page in [
        "about/index.html",
        "en/about/index.html",
        "index.html",
        "en/index.html",
        "topics/water/index.html",
        "indicators/good-days-ratio/index.html",
    ] {
        assert!(changed(page), "{page} did not change");
    }
}

/// The ways a cache can be wrong for the build that finds it.
#[derive(Debug, Clone, Copy)]
enum Damage {
    Removed,
    Truncated,
    RandomBytes,
    Empty,
    OtherFormat,
    /// Written for another portal (the demo site alone, built elsewhere).
    Foreign,
    /// Written two builds ago: it no longer describes the output.
    Stale,
    /// The file of the pages' search texts beside it removed, cut in half, or with a
    /// byte of a text changed.
    TextsRemoved,
    TextsCut,
    TextsChanged,
}

/// A damaged, foreign or stale cache is never trusted: the output is still a clean
/// build's, and a cache that cannot be read makes a full build.
#[test]
fn a_damaged_foreign_or_stale_cache_changes_nothing_in_the_output() {
    let project = fixture("demo");
    let root = project.path();
    let mut portal = Portal::new(root, 11, 6);
    let cache = root.join(".site.cache/build.cache");
    let texts = root.join(".site.cache/texts");
    let foreign = fixture("demo");
    build(foreign.path(), &[]);
    let foreign_cache = fs::read(foreign.path().join(".site.cache/build.cache")).expect("cache");
    assert_same_as_clean_build(root, "first build");
    let mut rng = fastrand::Rng::with_seed(5);
    for damage in [
        Damage::Removed,
        Damage::Truncated,
        Damage::RandomBytes,
        Damage::Empty,
        Damage::OtherFormat,
        Damage::Foreign,
        Damage::Stale,
        Damage::TextsRemoved,
        Damage::TextsCut,
        Damage::TextsChanged,
    ] {
        let older = fs::read(&cache).expect("the last build's cache");
        let log = format!("cache {damage:?}");
        if let Damage::Stale = damage {
            // One more build in between, with an edit, then the older cache put back.
            portal.apply(Edit::ChangeArticleText);
            assert_same_as_clean_build(root, &log);
        }
        portal.apply(Edit::ChangeArticleText);
        let bytes = fs::read(&cache).expect("the cache");
        match damage {
            Damage::Removed => fs::remove_dir_all(root.join(".site.cache")).expect("remove"),
            Damage::Truncated => fs::write(&cache, &bytes[..bytes.len() / 2]).expect("write"),
            Damage::RandomBytes => {
                let noise: Vec<u8> = (0..bytes.len()).map(|_| rng.u8(..)).collect();
                fs::write(&cache, noise).expect("write")
            }
            Damage::Empty => fs::write(&cache, b"").expect("write"),
            Damage::OtherFormat => {
                // `SHANSHUI`, then the layout's number (u32, little-endian).
                let mut bytes = bytes;
                let format = u32::from_le_bytes(bytes[8..12].try_into().expect("a number"));
                bytes[8..12].copy_from_slice(&(format + 1).to_le_bytes());
                fs::write(&cache, bytes).expect("write")
            }
            Damage::Foreign => fs::write(&cache, &foreign_cache).expect("write"),
            Damage::Stale => fs::write(&cache, &older).expect("write"),
            Damage::TextsRemoved => fs::remove_file(&texts).expect("remove"),
            Damage::TextsCut => {
                let bytes = fs::read(&texts).expect("the texts");
                fs::write(&texts, &bytes[..bytes.len() / 2]).expect("write")
            }
            Damage::TextsChanged => {
                // The last byte: the end of the text the last build added (an ASCII full
                // stop or the last byte of a Chinese one, either way no longer that text).
                let mut bytes = fs::read(&texts).expect("the texts");
                let last = bytes.len() - 1;
                bytes[last] ^= 0x01;
                fs::write(&texts, bytes).expect("write")
            }
        }
        let rendered = assert_same_as_clean_build(root, &log);
        if !matches!(damage, Damage::Stale) {
            assert_eq!(rendered, None, "{log}: the build kept pages");
        }
        // And the build after it, with the cache it wrote, keeps pages again.
        portal.text_edits.clear();
        portal.other_edits = false;
        portal.apply(Edit::ChangeArticleText);
        let rendered = assert_same_as_clean_build(root, &format!("{log}, then rebuilt"));
        assert_eq!(rendered, portal.pages_to_render(), "{log}, then rebuilt");
    }
}

/// A build killed at any moment, after an edit that the cache would serve, leaves the
/// next build's output a clean build's.
#[test]
fn a_build_killed_at_any_moment_leaves_the_next_one_right() {
    let project = fixture("demo");
    let root = project.path();
    let mut portal = Portal::new(root, 3, 6);
    assert_same_as_clean_build(root, "first build");
    portal.apply(Edit::ChangeArticleText);
    let started = std::time::Instant::now();
    assert_same_as_clean_build(root, "second build");
    let took = started.elapsed().as_millis().max(50) as u64;
    let mut rng = fastrand::Rng::with_seed(26);
    for round in 0..8 {
        portal.apply(Edit::ChangeArticleText);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_shanshui"))
            .env("SHANSHUI_LANG", "en")
            .arg("--root")
            .arg(root)
            .arg("build")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("run shanshui");
        // (The second build's time covers a clean build too: the kills reach past the end.)
        std::thread::sleep(std::time::Duration::from_millis(rng.u64(0..took / 2)));
        let _ = child.kill();
        let _ = child.wait();
        if rng.bool() {
            portal.apply(Edit::ChangeArticleText);
        }
        assert_same_as_clean_build(root, &format!("after a kill in round {round}"));
    }
}
