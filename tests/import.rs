//! `shanshui import`: the real binary on the five seed pages (in a temp copy of the
//! portal) and on small hand-made texts; the drafts are read back with the project's
//! own loader, compared with the hand-edited articles, and built into a site.

mod common;

use common::{repo, shanshui};
use shanshui::load::frontmatter;
use shanshui::load::raw::RawFrontMatter;
use std::fs;
use std::path::{Path, PathBuf};

/// A temp copy of the portal's `content/` (registries, articles, indicators).
fn portal() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    common::copy_dir(&repo().join("content"), &tmp.path().join("content"));
    tmp
}

fn seed(name: &str) -> String {
    let dir = repo().join("tests/seeds");
    let found = fs::read_dir(&dir)
        .expect("seeds")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(name))
        });
    found
        .unwrap_or_else(|| panic!("no seed {name}"))
        .display()
        .to_string()
}

struct Draft {
    path: PathBuf,
    front: RawFrontMatter,
    yaml: String,
    body: String,
}

impl Draft {
    fn paragraphs(&self) -> Vec<&str> {
        self.body
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty() && !p.starts_with("## ") && !p.starts_with("（记者"))
            .collect()
    }

    fn headings(&self) -> Vec<&str> {
        self.body
            .lines()
            .filter_map(|l| l.strip_prefix("## "))
            .collect()
    }

    fn title(&self) -> &str {
        self.front.title.as_deref().unwrap_or("")
    }

    fn date(&self) -> String {
        self.front
            .date
            .as_ref()
            .map(|d| d.to_string())
            .unwrap_or_default()
    }
}

fn read_draft(path: &Path) -> Draft {
    let text = common::read(path);
    let split = frontmatter::split(&text).expect("front matter fences");
    let front = shanshui::load::parse_yaml::<RawFrontMatter>(path, split.yaml, split.yaml_line)
        .unwrap_or_else(|d| panic!("front matter of {} does not load: {d}", path.display()))
        .value;
    Draft {
        path: path.to_path_buf(),
        yaml: split.yaml.to_owned(),
        body: split.body.to_owned(),
        front,
    }
}

/// Drafts in `dir` (files the repository's own articles do not have), by file name.
fn drafts_in(dir: &Path) -> Vec<Draft> {
    let gold = repo().join("content/articles");
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .expect("articles dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| !gold.join(n).exists()))
        .collect();
    paths.sort();
    paths.iter().map(|p| read_draft(p)).collect()
}

/// Imports `files` into a fresh portal; returns the portal, the run and the drafts in
/// the order the summary printed them.
fn import(files: &[&str], extra: &[&str]) -> (tempfile::TempDir, common::Run, Vec<Draft>) {
    let root = portal();
    let mut args = vec!["import"];
    args.extend_from_slice(files);
    args.extend_from_slice(extra);
    let run = shanshui(root.path(), &args);
    assert!(run.ok, "import failed:\n{}\n{}", run.stdout, run.stderr);
    let mut drafts = drafts_in(&root.path().join("content/articles"));
    let order = |d: &Draft| run.stdout.find(&d.path.display().to_string());
    drafts.sort_by_key(order);
    (root, run, drafts)
}

fn import_seed(name: &str) -> Vec<Draft> {
    import(&[&seed(name)], &[]).2
}

fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\\')
        .collect()
}

/// Every paragraph of the drafts appears, character for character (whitespace aside),
/// in the articles the editors made by hand from the same page.
fn assert_paragraphs_as_edited(drafts: &[Draft]) {
    let mut edited = std::collections::BTreeSet::new();
    for entry in fs::read_dir(repo().join("content/articles")).expect("articles") {
        let path = entry.expect("entry").path();
        if path.to_string_lossy().ends_with(".zh.md") {
            let text = common::read(&path);
            let body = frontmatter::split(&text).expect("split").body.to_owned();
            for p in body.split("\n\n") {
                // Some edited articles keep the byline at the end of the last paragraph.
                let p = p.split("（记者").next().unwrap_or(p);
                edited.insert(squeeze(p));
            }
        }
    }
    for d in drafts {
        for p in d.paragraphs() {
            assert!(
                edited.contains(&squeeze(p)),
                "{}: paragraph not as the editors joined it:\n{p}",
                d.path.display()
            );
        }
    }
}

#[test]
fn interview_page_000_is_one_draft_with_a_heading_per_topic() {
    let drafts = import_seed("000");
    assert_eq!(drafts.len(), 1);
    let d = &drafts[0];
    assert_eq!(d.title(), "绿水青山织锦绣 满目盛景入画来");
    assert_eq!(
        d.front.subtitle.as_deref(),
        Some("我市各界人士纷纷就全力建设美丽晋中畅所欲言")
    );
    assert_eq!(d.date(), "2026");
    assert!(d.front.draft);
    assert_eq!(
        d.headings(),
        [
            "天朗气清映幸福",
            "治水兴水惠民生",
            "绿色低碳绘新景",
            "垃圾分类筑根基"
        ]
    );
    assert_eq!(d.front.reporters, ["武玲芳", "李娟", "张颖", "王爱媛"]);
    let people: Vec<(&str, Option<&str>)> = d
        .front
        .people
        .iter()
        .map(|p| (p.name.as_str(), p.role.as_deref()))
        .collect();
    assert_eq!(people[0], ("裴国欣", Some("晋中市生态环境局大气科科长")));
    assert_eq!(people[1], ("杜晓云", Some("介休市水利局局长")));
    assert_eq!(people.len(), 4);
    assert_eq!(
        d.front.cities.as_deref().map(|c| c[0].as_str()),
        Some("jinzhong")
    );
    // The page intro printed inside the Jiexiu column comes first; the sentence it cut
    // is whole again; portrait names, credits and the page furniture are gone.
    let paragraphs = d.paragraphs();
    assert_eq!(paragraphs.len(), 14);
    assert!(paragraphs[0].starts_with("环境就是民生"));
    assert!(paragraphs[1].starts_with("2026年政府工作报告提出"));
    assert!(d.body.contains("形成16部门协同推进格局。坚持"));
    assert!(d.body.contains("加强重点领域和行业碳排放核算能力"));
    for gone in ["策划", "通联", "聚焦", "\n裴国欣\n", "话题"] {
        assert!(!d.body.contains(gone), "{gone} left in the body");
    }
    assert!(d.body.contains("（记者 武玲芳）"));
    assert!(d.body.contains("PM2.5浓度同比改善18.9%"));
    assert!(
        d.yaml.contains("#   - 18.9%"),
        "figures listed in the notes"
    );
    assert_paragraphs_as_edited(&drafts);
}

#[test]
fn column_page_001_is_joined_into_its_eight_paragraphs_with_the_headline_from_the_end() {
    let drafts = import_seed("001");
    assert_eq!(drafts.len(), 1);
    let d = &drafts[0];
    assert_eq!(d.title(), "守护绿水青山 绘就生态画卷");
    assert_eq!(
        d.front.subtitle.as_deref(),
        Some("我市着力强化生态治理，全力以赴建设美丽晋中")
    );
    assert_eq!(d.date(), "2025");
    let paragraphs = d.paragraphs();
    assert_eq!(paragraphs.len(), 8);
    let lengths: Vec<usize> = paragraphs.iter().map(|p| p.chars().count()).collect();
    assert_eq!(lengths, [36, 207, 187, 586, 264, 734, 138, 57]);
    assert!(paragraphs[4].ends_with("全面强化工业企业绩效管理。"));
    assert!(paragraphs[5].starts_with("一方好山水"));
    assert!(
        !d.body.contains("生态优良的晋中生机勃勃"),
        "photo caption dropped"
    );
    assert!(d.front.reporters.is_empty());
    assert!(d.body.contains("全年造林绿化32.4万亩"));
    let names: Vec<&str> = d.front.people.iter().map(|p| p.name.as_str()).collect();
    for name in ["马成毅", "武青壮", "路华", "卢铖"] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    assert_paragraphs_as_edited(&drafts);
}

#[test]
fn interview_page_002_rejoins_sentences_cut_by_other_columns() {
    let drafts = import_seed("002");
    assert_eq!(drafts.len(), 1);
    let d = &drafts[0];
    assert_eq!(d.title(), "擦亮生态底色 描绘美丽画卷");
    assert_eq!(d.headings().len(), 4);
    assert!(d.body.contains("工作专班，精心组织"));
    assert!(d.body.contains("具有自主知识产权的核心技术。"));
    assert!(d.paragraphs()[0].starts_with("良好的生态环境是美好生活的基础"));
    assert_eq!(d.front.reporters, ["武玲芳", "李娟", "王爱媛", "史俊杰"]);
    assert_eq!(d.paragraphs().len(), 20);
    assert_paragraphs_as_edited(&drafts);
}

#[test]
fn column_page_003_reads_a_doubled_headline_once() {
    let drafts = import_seed("003");
    assert_eq!(drafts.len(), 1);
    let d = &drafts[0];
    assert_eq!(d.title(), "厚植生态底色 绘就绿美画卷");
    assert!(d.front.subtitle.is_none());
    assert_eq!(d.paragraphs().len(), 13);
    assert!(d
        .body
        .contains("市城区优良天数比例为66.9%，同比增加6.7个百分点"));
    assert!(d.body.contains("王庄桥南断面水质现已达Ⅳ类标准"));
    assert!(d.yaml.contains("年份 2025"), "the guessed year is flagged");
    let cities = d.front.cities.clone().unwrap_or_default();
    assert_eq!(cities[0], "jinzhong");
    for county in ["lingshi", "zuoquan", "heshun"] {
        assert!(cities.iter().any(|c| c == county), "{county} in {cities:?}");
    }
    assert_paragraphs_as_edited(&drafts);
}

#[test]
fn news_page_004_is_split_into_its_six_items() {
    let drafts = import_seed("004");
    let summary: Vec<(&str, Option<&str>, String, &[String])> = drafts
        .iter()
        .map(|d| {
            (
                d.title(),
                d.front.subtitle.as_deref(),
                d.date(),
                d.front.reporters.as_slice(),
            )
        })
        .collect();
    let expected: [(&str, Option<&str>, &str, &str); 6] = [
        (
            "扬尘治理再加码 力保空气质量再提升",
            Some("晋中市生态环境局"),
            "2025-03-26",
            "王梅",
        ),
        (
            "以绿为笔 书写河东大地锦绣答卷",
            Some("运城积极创建黄河流域生态保护和高质量发展先行区"),
            "2025",
            "程国媛",
        ),
        ("太原：一城绿韵织锦绣", None, "2025", "任晓明"),
        (
            "坚持以党建“红”引领生态“绿”",
            Some("吕梁市生态环境局"),
            "2025-03-27",
            "郝苗锋",
        ),
        (
            "夯实理论基础 实战赋能练兵",
            Some("忻州市生态环境保护综合行政执法队"),
            "2025",
            "邵康",
        ),
        (
            "政企协同推动 气候投融资进入新阶段",
            Some("太原市生态环境局"),
            "2025-04-03",
            "王家隆",
        ),
    ];
    assert_eq!(summary.len(), 6, "{summary:?}");
    for (got, want) in summary.iter().zip(expected) {
        assert_eq!((got.0, got.1, got.2.as_str()), (want.0, want.1, want.2));
        assert_eq!(got.3, [want.3.to_owned()]);
    }
    let main_city: Vec<String> = drafts
        .iter()
        .map(|d| d.front.cities.clone().unwrap_or_default()[0].clone())
        .collect();
    assert_eq!(
        main_city,
        ["jinzhong", "yuncheng", "taiyuan", "lvliang", "xinzhou", "taiyuan"]
    );
    for d in &drafts {
        let source = d
            .front
            .source
            .as_ref()
            .and_then(|s| s.publication.as_deref());
        let dateline = d.body.contains("科学导报讯");
        assert!(!dateline || source == Some("科学导报"), "{}", d.title());
    }
    let paragraphs: Vec<usize> = drafts.iter().map(|d| d.paragraphs().len()).collect();
    assert_eq!(paragraphs, [3, 19, 14, 2, 2, 2]);
    let yuncheng = &drafts[1];
    for repaired in [
        "2个达到Ⅳ类水平",
        "无劣Ⅴ类断面",
        "首次达地表水Ⅲ类",
        "退劣Ⅴ类后连续两年稳定达Ⅳ类",
    ] {
        assert!(yuncheng.body.contains(repaired), "{repaired}");
    }
    for misread in ["郁类", "吁类", "芋类", "姻"] {
        assert!(
            drafts.iter().all(|d| !d.body.contains(misread)),
            "{misread}"
        );
    }
    assert!(
        yuncheng.yaml.contains("郁类 → Ⅳ类"),
        "repairs are listed for the editor"
    );
    assert_eq!(
        yuncheng.headings(),
        [
            "精准治污 多管齐下 蓝天碧水净土成为常态",
            "生态修复 持续发展 筑起绿色生态屏障",
            "减污降碳 协同推进 构建环保大格局"
        ]
    );
    assert!(yuncheng.yaml.contains("#   - 66.9%") || yuncheng.yaml.contains("#   - 4.35 |"));
    assert!(
        drafts.iter().all(|d| !d.body.contains("常奇摄")),
        "caption dropped"
    );
    assert!(drafts[0].body.contains("3月26日，晋中市生态环境局召开"));
    assert!(drafts[4].body.contains("AI智能执法"));
    assert_paragraphs_as_edited(&drafts);
}

#[test]
fn the_terminal_summary_says_what_was_written_and_what_to_check() {
    let (_root, run, drafts) = import(&[&seed("004")], &[]);
    // In English (the tests' language); in Chinese below.
    assert_eq!(run.stdout.matches("written: ").count(), 6);
    for label in [
        "title",
        "places",
        "topics",
        "paragraphs",
        "figures",
        "check",
    ] {
        assert!(run.stdout.contains(&format!("  {label} ")), "{label}");
    }
    assert!(run.stdout.contains("晋中市 jinzhong"));
    assert!(run.stdout.contains("done: 6 draft(s) written"));
    assert!(run.stdout.contains(&drafts[0].path.display().to_string()));
}

/// The import speaks Chinese unless told otherwise, its summary and its errors alike.
#[test]
fn the_import_speaks_chinese_by_default() {
    let root = portal();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shanshui"))
        .env("SHANSHUI_LANG", "zh")
        .arg("--root")
        .arg(root.path())
        .args(["import", &seed("004"), "missing.txt", "--date", "2025-13"])
        .output()
        .expect("run shanshui");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(
        stderr.contains("错误：日期 --date 2025-13 有误"),
        "{stderr}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shanshui"))
        .env("SHANSHUI_LANG", "zh")
        .arg("--root")
        .arg(root.path())
        .args(["import", &seed("004")])
        .output()
        .expect("run shanshui");
    let stdout2 = String::from_utf8_lossy(&out.stdout);
    for said in [
        "已写入：",
        "  标题 ",
        "  地点 ",
        "  段落 ",
        "完成：写入 6 篇草稿",
        "下一步：",
    ] {
        assert!(stdout2.contains(said), "{said}\n{stdout2}");
    }
    for english in ["written", "title", "done:", "next:"] {
        assert!(!stdout2.contains(english), "{english}\n{stdout2}");
    }
    assert!(stdout.is_empty(), "{stdout}");
}

#[test]
fn a_figure_already_recorded_is_named_in_the_draft_with_its_file_line_and_source() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = dir.path().join("water.txt");
    fs::write(
        &text,
        "忻州水环境质量居全省首位\n\n记者从省环保厅获悉，2017年第二季度，忻州市水环境质量平均指数为0.914，在全省11个设区市中最高。\n",
    )
    .expect("write");
    let (_root, _run, drafts) = import(&[&text.display().to_string()], &[]);
    let notes = &common::read(&drafts[0].path);
    let hint = notes
        .lines()
        .find(|l| l.contains("已记录 / recorded"))
        .unwrap_or_else(|| panic!("no figure named as recorded:\n{notes}"));
    // The line of that observation in the portal's own file.
    let file = repo().join("content/indicators/water-quality-index.yaml");
    let line = common::read(&file)
        .lines()
        .position(|l| l.contains("city: xinzhou, year: 2017, months: \"4-6\""))
        .expect("the recorded observation")
        + 1;
    for expected in [
        format!("content/indicators/water-quality-index.yaml:{line}"),
        "xinzhou 2017:04-06 = 0.914".to_owned(),
        "zxw-2017-08-21-water-ranking-2017-q2".to_owned(),
    ] {
        assert!(hint.contains(&expected), "no {expected} in {hint}");
    }
}

#[test]
fn the_drafted_portal_builds_and_pages_do_not_show_the_import_notes() {
    let (root, _run, drafts) = import(
        &[
            &seed("000"),
            &seed("001"),
            &seed("002"),
            &seed("003"),
            &seed("004"),
        ],
        &[],
    );
    assert_eq!(drafts.len(), 10);
    let out = root.path().join("preview");
    let out_arg = out.display().to_string();
    let run = shanshui(root.path(), &["build", "--drafts", "--out", &out_arg]);
    assert!(run.ok, "build failed:\n{}\n{}", run.stdout, run.stderr);
    for d in &drafts {
        let slug = d
            .path
            .file_name()
            .map(|n| n.to_string_lossy().trim_end_matches(".zh.md").to_owned())
            .unwrap_or_default();
        let page = common::read(&out.join("articles").join(&slug).join("index.html"));
        assert!(
            page.contains(d.title().split(' ').next().unwrap_or("")),
            "{slug}"
        );
        assert!(
            !page.contains("导入说明") && !page.contains("数字线索"),
            "{slug} shows the notes"
        );
    }
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let root = portal();
    let raw = root.path().join("raw.txt");
    fs::write(&raw, "科学导报讯 3月26日，晋中市生态环境局召开市城区扬尘污染治理工作会议。 王梅\n\n扬尘治理再加码\n").expect("write");
    let raw_arg = raw.display().to_string();
    let articles = root.path().join("content/articles");
    // The slug of the draft is taken by an English file without its Chinese original.
    let taken = articles.join("2025-03-26-jinzhong-yangchenzhili.en.md");
    fs::write(&taken, "not mine").expect("write");
    for _ in 0..2 {
        let run = shanshui(root.path(), &["import", &raw_arg, "--date", "2025-03-26"]);
        assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    }
    assert_eq!(common::read(&taken), "not mine");
    assert!(!articles
        .join("2025-03-26-jinzhong-yangchenzhili.zh.md")
        .exists());
    assert!(articles
        .join("2025-03-26-jinzhong-yangchenzhili-2.zh.md")
        .exists());
    assert!(articles
        .join("2025-03-26-jinzhong-yangchenzhili-3.zh.md")
        .exists());
}

#[test]
fn out_folder_and_date_option() {
    let root = portal();
    let raw = root.path().join("raw.txt");
    fs::write(
        &raw,
        "会议强调，要切实压实责任，确保各项工作落到实处。\n\n太原市生态环境局\n\n扬尘治理再加码\n",
    )
    .expect("write");
    let out = root.path().join("drafts");
    let (raw_arg, out_arg) = (raw.display().to_string(), out.display().to_string());
    let run = shanshui(
        root.path(),
        &["import", &raw_arg, "--date", "2024-05", "--out", &out_arg],
    );
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    let drafts = drafts_in(&out);
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].date(), "2024-05");
    assert_eq!(drafts[0].title(), "扬尘治理再加码");
    assert_eq!(
        drafts[0].front.cities.as_deref(),
        Some(&["taiyuan".to_owned()][..])
    );
}

#[test]
fn a_text_without_place_topic_or_date_is_refused_until_given_a_date() {
    let root = portal();
    let raw = root.path().join("raw.txt");
    fs::write(&raw, "会议强调，要切实提高认识，确保各项工作取得实效。\n").expect("write");
    let raw_arg = raw.display().to_string();
    let run = shanshui(root.path(), &["import", &raw_arg]);
    assert!(!run.ok);
    assert!(run.stderr.contains("--date"), "{}", run.stderr);
    let run = shanshui(root.path(), &["import", &raw_arg, "--date", "2025"]);
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    let drafts = drafts_in(&root.path().join("content/articles"));
    assert_eq!(drafts.len(), 1);
    let d = &drafts[0];
    assert_eq!(d.front.cities.as_deref(), Some(&["shanxi".to_owned()][..]));
    assert_eq!(d.front.topics.as_deref(), Some(&["policy".to_owned()][..]));
    assert!(d.yaml.contains("tagged `shanxi`") && d.yaml.contains("tagged `policy`"));
    assert!(run.stdout.contains("no place from cities.yaml"));
}

#[test]
fn unreadable_input_and_bad_options_fail_clearly() {
    let root = portal();
    let scan = root.path().join("scan.pdf");
    fs::write(&scan, minimal_pdf_without_text()).expect("write");
    let scan_arg = scan.display().to_string();
    let run = shanshui(root.path(), &["import", &scan_arg, "--date", "2025"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("OCR"), "{}", run.stderr);
    let run = shanshui(root.path(), &["import", "missing.txt"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("missing.txt"), "{}", run.stderr);
    let run = shanshui(root.path(), &["import", &seed("004"), "--date", "2025-13"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("--date"), "{}", run.stderr);
    assert!(drafts_in(&root.path().join("content/articles")).is_empty());
}

#[test]
fn a_binary_file_named_txt_is_refused_at_once_and_nothing_is_written() {
    let root = portal();
    let noise = root.path().join("noise.txt");
    let mut bytes = Vec::with_capacity(8 << 20);
    let mut x = 1u32;
    while bytes.len() < 8 << 20 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        bytes.extend_from_slice(&x.to_le_bytes());
    }
    fs::write(&noise, &bytes).expect("write");
    let old_doc = root.path().join("old.txt");
    fs::write(
        &old_doc,
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 an old Word file",
    )
    .expect("write");
    for (file, says) in [(&noise, "not text"), (&old_doc, ".docx")] {
        let arg = file.display().to_string();
        let run = shanshui(root.path(), &["import", &arg, "--date", "2025"]);
        assert!(!run.ok);
        assert!(run.stderr.contains(says), "{}", run.stderr);
    }
    assert!(drafts_in(&root.path().join("content/articles")).is_empty());
}

/// A one-page PDF that draws a rectangle and has no text: what a scan looks like to a
/// text extractor.
fn minimal_pdf_without_text() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << >> >>"
            .to_owned(),
        "<< /Length 20 >>\nstream\n10 10 50 50 re f\n\nendstream".to_owned(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (k, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", k + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

/// One input of the corpus in `tests/import/` and what a correct import yields
/// (`cases.yaml` says what each field means).
#[derive(Debug, serde::Deserialize)]
struct Case {
    file: String,
    #[serde(default)]
    article: usize,
    date_arg: Option<String>,
    title: Option<String>,
    date: Option<String>,
    source: Option<String>,
    #[serde(default)]
    reporters: Vec<String>,
    #[serde(default)]
    places: Vec<String>,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    removed: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
    #[serde(default)]
    present: Vec<String>,
    #[serde(default)]
    notes: Vec<String>,
    /// Strings the notes must not hold (a false flag).
    #[serde(default)]
    unnoted: Vec<String>,
    subtitle: Option<String>,
    /// Places that must not be tagged.
    #[serde(default)]
    not_places: Vec<String>,
    read_as: Option<String>,
    error: Option<String>,
}

fn corpus_registry() -> shanshui::import::Registry {
    let content = repo().join("content");
    let cities: Vec<shanshui::load::raw::RawCity> =
        serde_yaml::from_str(&common::read(&content.join("cities.yaml"))).expect("cities");
    let topics: Vec<shanshui::load::raw::RawTopic> =
        serde_yaml::from_str(&common::read(&content.join("topics.yaml"))).expect("topics");
    shanshui::import::Registry::new(&cities, &topics)
}

/// Field-by-field score of the corpus: title, date and reporters right on at least 90%
/// of the inputs that print them; no clutter left in any body; every removed line
/// listed verbatim in the notes; errors, encodings and flags as expected.
#[test]
fn the_corpus_imports_right_field_by_field() {
    let (score, failures, _) = score_corpus(&repo().join("tests/import"));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for field in ["title", "date", "reporters"] {
        let (right, of) = score[field];
        assert!(
            right * 10 >= of * 9,
            "{field}: right on {right} of {of}, less than 90%"
        );
    }
}

/// Inputs kept out of development (`tests/import/held-out/`), scored on every expectation
/// (each field and each removed, absent or present string): at least 95% must be met.
#[test]
fn held_out_inputs_meet_95_percent_of_their_expectations() {
    let (_, failures, (met, of)) = score_corpus(&repo().join("tests/import/held-out"));
    eprintln!("held out: {met} of {of} expectations met");
    assert!(
        met * 100 >= of * 95,
        "held out: {met} of {of} expectations met:\n{}",
        failures.join("\n")
    );
}

type Fields = std::collections::BTreeMap<&'static str, (usize, usize)>;

/// Imports every case of `dir/cases.yaml`; returns (right, of) per field, the failures
/// of the strict checks (removed, absent, present, notes, errors) and (met, of) over
/// all expectations.
fn score_corpus(dir: &Path) -> (Fields, Vec<String>, (usize, usize)) {
    use shanshui::import::{convert, input, ImportOptions};
    let cases: Vec<Case> =
        serde_yaml::from_str(&common::read(&dir.join("cases.yaml"))).expect("cases.yaml");
    assert!(cases.len() >= 8);
    let registry = corpus_registry();
    let mut checks = 0usize;
    // (field, right, of) per field.
    let mut score: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    let mut tally = |field: &'static str, right: bool, wrong: String| {
        let e = score.entry(field).or_default();
        e.1 += 1;
        if right {
            e.0 += 1;
        } else {
            eprintln!("wrong {field}: {wrong}");
        }
    };
    let mut failures = Vec::new();
    for case in &cases {
        let path = dir.join(&case.file);
        let read = input::read(&path, input::Budget::standard());
        if let Some(error) = &case.error {
            match read {
                Err(message) => {
                    assert!(message.contains(error.as_str()), "{}: {message}", case.file)
                }
                Ok(_) => failures.push(format!("{}: read without the error {error}", case.file)),
            }
            continue;
        }
        let read = read.unwrap_or_else(|e| panic!("{}: {e}", case.file));
        if let Some(want) = &case.read_as {
            assert!(
                read.read_as.contains(want.as_str()),
                "{}: read as {}",
                case.file,
                read.read_as
            );
        }
        let opts = ImportOptions {
            date: case
                .date_arg
                .as_deref()
                .map(|d| shanshui::model::PartialDate::parse(d).expect("date_arg")),
            source_file: case.file.clone(),
            title: read.title.clone(),
            keep_traditional: false,
            read_notes: read.notes.clone(),
            publication: read.publication.clone(),
        };
        let drafts = convert(&read.text, &registry, &opts);
        let Some(d) = drafts.get(case.article) else {
            failures.push(format!("{}: no draft {}", case.file, case.article));
            continue;
        };
        let name = format!("{}#{}", case.file, case.article);
        if let Some(t) = &case.title {
            tally("title", &d.title == t, format!("{name}: {:?}", d.title));
        }
        let date = d.date.map(|x| x.to_string());
        if case.date.is_some() {
            tally("date", date == case.date, format!("{name}: {date:?}"));
        }
        if !case.reporters.is_empty() {
            tally(
                "reporters",
                d.reporters == case.reporters,
                format!("{name}: {:?}", d.reporters),
            );
        }
        tally(
            "source",
            d.publication == case.source,
            format!("{name}: {:?}", d.publication),
        );
        tally(
            "place",
            d.cities.first() == case.places.first(),
            format!("{name}: {:?}", d.cities),
        );
        tally(
            "topic",
            case.topics.first().is_some_and(|t| d.topics.contains(t)),
            format!("{name}: {:?}", d.topics),
        );
        let markdown = d.to_markdown();
        let body = frontmatter::split(&markdown)
            .expect("fences")
            .body
            .to_owned();
        let notes = d.warnings.join("\n");
        for r in &case.removed {
            if body.contains(r.as_str()) || !notes.contains(r.as_str()) {
                failures.push(format!(
                    "{name}: {r:?} left in the body or not listed in the notes"
                ));
            }
        }
        for a in &case.absent {
            if body.contains(a.as_str()) {
                failures.push(format!("{name}: {a:?} left in the body"));
            }
        }
        for p in &case.present {
            if !body.contains(p.as_str()) {
                failures.push(format!("{name}: {p:?} missing from the body"));
            }
        }
        for n in &case.notes {
            if !notes.contains(n.as_str()) {
                failures.push(format!("{name}: the notes do not say {n:?}:\n{notes}"));
            }
        }
        for n in &case.unnoted {
            if notes.contains(n.as_str()) {
                failures.push(format!("{name}: the notes say {n:?}:\n{notes}"));
            }
        }
        if case.subtitle.is_some() && d.subtitle != case.subtitle {
            failures.push(format!("{name}: subtitle {:?}", d.subtitle));
        }
        for p in &case.not_places {
            if d.cities.contains(p) {
                failures.push(format!("{name}: tagged {p}: {:?}", d.cities));
            }
        }
    }
    let mut met = 0;
    for (field, (right, of)) in &score {
        eprintln!("{field}: {right}/{of}");
        met += right;
        checks += of;
    }
    // Each string to be removed, absent or present, each note, subtitle, place not to
    // tag and error is one expectation; each failure above is one not met.
    let strict: usize = cases
        .iter()
        .map(|c| {
            c.removed.len()
                + c.absent.len()
                + c.present.len()
                + c.notes.len()
                + c.unnoted.len()
                + c.not_places.len()
                + usize::from(c.subtitle.is_some())
                + usize::from(c.error.is_some())
        })
        .sum();
    checks += strict;
    met += strict.saturating_sub(failures.len());
    (score, failures, (met, checks))
}

#[test]
fn translate_scaffolds_the_english_file_of_an_imported_draft() {
    let (root, _, drafts) = import(
        &[&repo()
            .join("tests/import/web-menu.txt")
            .display()
            .to_string()],
        &[],
    );
    let zh = &drafts[0].path;
    let slug = zh
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".zh.md"))
        .expect("slug");
    let run = shanshui(root.path(), &["translate", slug]);
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    let en = read_draft(&zh.with_file_name(format!("{slug}.en.md")));
    assert_eq!(en.front.cities, drafts[0].front.cities);
    assert!(en.front.draft);
    assert!(
        en.yaml.contains("太原市 → Taiyuan (taiyuan)"),
        "{}",
        en.yaml
    );
    assert!(en.body.contains("晋阳湖是汾河太原段的重要调蓄水体"));
    // The portal with the draft and its scaffold still checks.
    let check = shanshui(root.path(), &["check"]);
    assert!(check.ok, "{}\n{}", check.stdout, check.stderr);
    // A second run never overwrites the translator's file.
    let again = shanshui(root.path(), &["translate", slug]);
    assert!(!again.ok && again.stderr.contains("already exists"));
}

// Tables of figures: `import` of a spreadsheet or CSV writes observations of an indicator.

const TABLE_SOURCE: &str = "zxw-2018-08-08-air-water-2018-07";

fn table_input(name: &str) -> String {
    repo()
        .join("tests/import/tables")
        .join(name)
        .display()
        .to_string()
}

/// What makes an observation the one an editor entered, as a comparable text.
fn observation_key(o: &shanshui::load::raw::RawObservation) -> String {
    format!(
        "{} {} {:?} {} {:?} {:?} {}",
        o.city, o.year, o.months, o.value, o.scope, o.basis, o.source
    )
}

fn observations_of(path: &Path, source: &str) -> Vec<String> {
    let text = common::read(path);
    let ind = shanshui::load::parse_yaml::<shanshui::load::raw::RawIndicator>(path, &text, 1)
        .expect("the indicator file parses");
    let mut keys: Vec<String> = ind
        .value
        .observations
        .iter()
        .filter(|o| o.source == source && o.city != "shanxi")
        .map(observation_key)
        .collect();
    keys.sort();
    keys
}

/// Takes the 11 cities' observations of `source` out of an indicator file (as if the
/// editor had not yet entered them) and returns them.
fn remove_observations(path: &Path, source: &str) -> Vec<String> {
    let entered = observations_of(path, source);
    let text = common::read(path);
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.contains(source) || l.contains("city: shanxi"))
        .collect();
    fs::write(path, kept.join("\n") + "\n").expect("write");
    assert!(observations_of(path, source).is_empty());
    entered
}

#[test]
fn a_spreadsheet_and_a_csv_give_the_observations_an_editor_entered_by_hand() {
    let root = portal();
    let indicators = root.path().join("content/indicators");
    let composite = indicators.join("aqi-composite.yaml");
    let ranks = indicators.join("air-quality-rank.yaml");
    let entered_composite = remove_observations(&composite, TABLE_SOURCE);
    let entered_ranks = remove_observations(&ranks, TABLE_SOURCE);
    assert_eq!((entered_composite.len(), entered_ranks.len()), (11, 11));

    // The spreadsheet names its indicator and period in its title row; a dry run by default.
    let xlsx = table_input("composite-2018-07.xlsx");
    let before = common::read(&composite);
    let args = ["import", &xlsx, "--scope", "city", "--source", TABLE_SOURCE];
    let run = shanshui(root.path(), &args);
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("aqi-composite") && run.stdout.contains("dry run"));
    assert!(run
        .stdout
        .contains("{city: taiyuan, year: 2018, months: \"1-7\", value: 7.13"));
    assert_eq!(common::read(&composite), before, "a dry run writes nothing");
    let run = shanshui(root.path(), &[&args[..], &["--write"]].concat());
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(observations_of(&composite, TABLE_SOURCE), entered_composite);
    // Only lines added, each of the table's source, inside the observations list (before
    // any key that follows it, such as `aliases:`).
    let after = common::read(&composite);
    let old: std::collections::HashSet<&str> = before.lines().collect();
    let (added, kept): (Vec<&str>, Vec<&str>) = after.lines().partition(|l| !old.contains(l));
    assert!(
        !added.is_empty() && added.iter().all(|l| l.contains(TABLE_SOURCE)),
        "{added:?}"
    );
    assert_eq!(kept.join("\n") + "\n", before, "only lines added");
    let last_added = after.rfind(TABLE_SOURCE).unwrap_or(0);
    assert_eq!(
        after[last_added..].contains("\naliases:"),
        before.contains("\naliases:"),
        "the new rows come before the aliases"
    );

    // The CSV (GBK, no title row): indicator and period given, its rank column read.
    let csv = table_input("ranks-2018-07.csv");
    let run = shanshui(
        root.path(),
        &[
            "import",
            &csv,
            "--indicator",
            "air-quality-rank",
            "--period",
            "2018:1-7",
            "--scope",
            "city",
            "--source",
            TABLE_SOURCE,
            "--write",
        ],
    );
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    // The hand-entered ranks carry a note on how they were read; the figures are the same.
    assert_eq!(observations_of(&ranks, TABLE_SOURCE), entered_ranks);

    let check = shanshui(root.path(), &["check"]);
    assert!(
        check.ok,
        "check refuses the import:\n{}\n{}",
        check.stdout, check.stderr
    );
    assert!(!check.stdout.contains("recorded twice") && !check.stderr.contains("recorded twice"));

    // Importing the same table again is refused: the figures are already recorded.
    let after = common::read(&composite);
    let run = shanshui(root.path(), &[&args[..], &["--write"]].concat());
    assert!(!run.ok);
    assert!(run.stderr.contains("recorded twice"), "{}", run.stderr);
    assert_eq!(common::read(&composite), after, "nothing written");
}

/// The second release: the quarterly surface-water ranking, as a table in a saved page
/// (see `tests/import/tables/make-tables.py` for where its figures were printed).
const WATER_SOURCE: &str = "zxw-2017-08-21-water-ranking-2017-q2";

#[test]
fn a_water_table_in_a_saved_page_gives_the_observations_an_editor_entered_by_hand() {
    let root = portal();
    let indicators = root.path().join("content/indicators");
    let index = indicators.join("water-quality-index.yaml");
    let score = indicators.join("water-quality-improvement-score.yaml");
    let entered_index = remove_observations(&index, WATER_SOURCE);
    let entered_score = remove_observations(&score, WATER_SOURCE);
    assert_eq!((entered_index.len(), entered_score.len()), (11, 10));

    // One table, two indicators: each is named with its column; the period is the
    // caption's quarter (第二季度 = months 4-6).
    let page = table_input("water-2017-q2.html");
    let import = |indicator: &str, column: &str| {
        let args = [
            "import",
            &page,
            "--table",
            "1",
            "--indicator",
            indicator,
            "--column",
            column,
            "--scope",
            "city",
            "--source",
            WATER_SOURCE,
            "--write",
        ];
        let run = shanshui(root.path(), &args);
        assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
        run
    };
    import("water-quality-index", "水环境质量平均指数");
    assert_eq!(observations_of(&index, WATER_SOURCE), entered_index);
    // Jinzhong had no improving section: its dash is left out and said so.
    let run = import("water-quality-improvement-score", "水环境质量改善平均值");
    assert!(run.stdout.contains("晋中 has no figure"), "{}", run.stdout);
    assert_eq!(observations_of(&score, WATER_SOURCE), entered_score);

    let check = shanshui(root.path(), &["check"]);
    assert!(check.ok, "{}\n{}", check.stdout, check.stderr);
    assert!(!check.stdout.contains("recorded twice") && !check.stderr.contains("recorded twice"));
}

#[test]
fn a_conflicting_table_is_refused_naming_place_period_both_values_and_both_sources() {
    let root = portal();
    let composite = root.path().join("content/indicators/aqi-composite.yaml");
    let before = common::read(&composite);
    let other = "sxwb-2018-01-air-ranking-2017";
    let run = shanshui(
        root.path(),
        &[
            "import",
            &table_input("composite-2018-07-conflict.csv"),
            "--indicator",
            "aqi-composite",
            "--period",
            "2018:1-7",
            "--scope",
            "city",
            "--source",
            other,
            "--write",
        ],
    );
    assert!(!run.ok);
    let err = &run.stderr;
    for expected in [
        "taiyuan",
        "2018 months 01-07",
        "7.31",
        "7.13",
        other,
        TABLE_SOURCE,
    ] {
        assert!(err.contains(expected), "no {expected} in:\n{err}");
    }
    // Only the changed figure is a conflict; the ten others are the same values twice.
    assert_eq!(err.matches("has two values").count(), 1, "{err}");
    assert_eq!(common::read(&composite), before, "nothing written");
}

#[test]
fn a_table_lacking_what_it_needs_asks_for_it_and_writes_nothing() {
    let root = portal();
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("t.csv");
    fs::write(
        &csv,
        "城市,PM2.5（微克/立方米）\n大通,30\n太原,45\n全省平均,40\n",
    )
    .expect("write");
    let csv = csv.display().to_string();
    let run = shanshui(
        root.path(),
        &["import", &csv, "--indicator", "pm25-concentration"],
    );
    assert!(!run.ok);
    assert!(
        run.stderr.contains("did you mean 大同市 (datong)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--period") && run.stderr.contains("--scope"));
    assert!(run.stderr.contains("--source"), "{}", run.stderr);

    // A unit that is not the indicator's is refused.
    fs::write(
        dir.path().join("u.csv"),
        "城市,PM2.5（毫克/立方米）\n大同,0.03\n",
    )
    .expect("write");
    let u = dir.path().join("u.csv").display().to_string();
    let run = shanshui(
        root.path(),
        &[
            "import",
            &u,
            "--indicator",
            "pm25-concentration",
            "--period",
            "2024",
            "--scope",
            "city",
            "--source",
            TABLE_SOURCE,
        ],
    );
    assert!(!run.ok);
    assert!(run.stderr.contains("unit differs"), "{}", run.stderr);
    let pm = common::read(&repo().join("content/indicators/pm25-concentration.yaml"));
    let copy = common::read(
        &root
            .path()
            .join("content/indicators/pm25-concentration.yaml"),
    );
    assert_eq!(pm, copy);
}
