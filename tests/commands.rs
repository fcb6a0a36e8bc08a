//! `new` and `check`, run as an editor would.

mod common;

use common::*;
use std::fs;

#[test]
fn new_scaffolds_both_languages_with_every_key_and_refuses_clashes() {
    let tmp = fixture("demo");
    let run = shanshui(tmp.path(), &["new", "taiyuan-air-2026"]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stdout.contains("taiyuan-air-2026.zh.md")
            && run.stdout.contains("taiyuan-air-2026.en.md")
    );
    for lang in ["zh", "en"] {
        let text = read(
            &tmp.path()
                .join(format!("content/articles/taiyuan-air-2026.{lang}.md")),
        );
        for key in [
            "title:",
            "subtitle:",
            "date:",
            "added:",
            "cities:",
            "topics:",
            "source:",
            "publication:",
            "page_title:",
            "edition:",
            "reporters:",
            "people:",
            "summary:",
            "draft: true",
        ] {
            assert!(text.contains(key), "{lang} scaffold lacks {key}");
        }
        let keys = text.lines().filter(|l| {
            l.chars().next().is_some_and(|c| c.is_ascii_lowercase()) && l.contains(':')
        });
        for line in keys {
            assert!(
                line.contains(" # "),
                "{lang}: a key without a comment: {line}"
            );
        }
    }
    // The scaffold is a valid draft: the site builds with it.
    assert!(shanshui(tmp.path(), &["build", "--drafts", "--no-search"]).ok);
    // It refuses to overwrite, and refuses slugs that are no URL segment.
    let again = shanshui(tmp.path(), &["new", "taiyuan-air-2026"]);
    assert_eq!(again.code, Some(1));
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    for bad in ["Bad Slug", "../escape", "a/b", "晋中"] {
        let run = shanshui(tmp.path(), &["new", bad]);
        assert_eq!(run.code, Some(1), "{bad}");
        assert!(
            run.stderr.contains("not a valid slug"),
            "{bad}: {}",
            run.stderr
        );
    }
    assert!(
        !tmp.path().join("escape.zh.md").exists()
            && !tmp.path().join("content/escape.zh.md").exists()
    );
}

#[test]
fn check_passes_a_clean_site_and_writes_nothing() {
    let tmp = fixture("demo");
    let run = shanshui(tmp.path(), &["check"]);
    // The demo has one untranslated article: a warning, not an error.
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("water-2024.zh.md: warning: no English translation yet"),
        "{}",
        run.stderr
    );
    assert!(!tmp.path().join("site").exists(), "check must not write");
}

#[test]
fn check_finds_broken_links_missing_images_and_data_problems() {
    let tmp = fixture("demo");
    let articles = tmp.path().join("content/articles");
    fs::write(
        articles.join("links.zh.md"),
        "---\ntitle: 链接\ndate: 2025\ncities: [jinzhong]\ntopics: [air]\n---\n正文。\n\n见[不存在的页](/articles/nope/)和[少了斜杠](/articles/air-2025)。\n\n![图](/static/missing.png) [锚点](#没有)\n",
    )
    .unwrap();
    fs::write(
        articles.join("links.en.md"),
        "---\ntitle: Links\n---\nText.\n",
    )
    .unwrap();
    // An indicator with no observations, and one citing a draft.
    fs::write(
        tmp.path().join("content/indicators/empty-one.yaml"),
        "id: empty-one\nname: {zh: 空, en: Empty}\nunit: \"%\"\nbetter: higher\ntopics: [air]\ndefinition: {zh: 空。, en: Empty.}\nobservations: []\n",
    )
    .unwrap();
    let ind = tmp.path().join("content/indicators/good-days-ratio.yaml");
    fs::write(
        &ind,
        read(&ind).replace(
            "value: 60.2, scope: urban, source: air-2025",
            "value: 60.2, scope: urban, source: unfinished",
        ),
    )
    .unwrap();

    let run = shanshui(tmp.path(), &["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let err = &run.stderr;
    assert!(
        err.contains("links.zh.md:9:")
            && err.contains("link to `/articles/nope/`, which is no page"),
        "{err}"
    );
    assert!(
        err.contains("link to `/articles/air-2025`") && err.contains("end in `/`"),
        "{err}"
    );
    assert!(
        err.contains("links.zh.md:11:")
            && err.contains("image `/static/missing.png` does not exist"),
        "{err}"
    );
    assert!(err.contains("link to `#没有`"), "{err}");
    assert!(
        err.contains("    | 见[不存在的页]"),
        "the offending line is shown: {err}"
    );
    assert!(
        err.contains("empty-one.yaml: warning: indicator `empty-one` has no observations"),
        "{err}"
    );
    assert!(
        err.contains("good-days-ratio.yaml:9: warning: observation cites the draft `unfinished`"),
        "{err}"
    );
    assert!(run.stdout.contains("4 error(s)"), "{}", run.stdout);

    // The same as JSON, for tools.
    let json = shanshui(tmp.path(), &["check", "--format", "json"]);
    assert_eq!(json.code, Some(1));
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON report");
    assert_eq!(report["errors"], 4);
    let first = &report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["severity"] == "error")
        .unwrap();
    assert!(first["path"].as_str().unwrap().ends_with("links.zh.md"));
    assert!(first["line"].as_u64().unwrap() > 0 && first["col"].as_u64().unwrap() > 0);
    assert!(first["hint"].is_string());
}

#[test]
fn check_reports_build_errors_too() {
    let tmp = fixture("demo");
    let path = tmp.path().join("content/articles/water-2024.zh.md");
    fs::write(
        &path,
        read(&path).replace("cities: [jiexiu]", "cities: [nowhere]"),
    )
    .unwrap();
    let run = shanshui(tmp.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, Some(1));
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON report");
    // The other articles are still checked (their warnings come too): find the error.
    let errors: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{}", run.stdout);
    let d = errors[0];
    assert_eq!(d["line"], 4);
    assert!(d["message"]
        .as_str()
        .unwrap()
        .contains("unknown city id `nowhere`"));
}

#[test]
fn check_renders_templates_and_warns_of_drafts_and_placeholders() {
    let tmp = fixture("demo");
    // A template variable that does not exist fails at render time: check finds it too.
    fs::create_dir_all(tmp.path().join("templates")).unwrap();
    let topic = read(&repo().join("templates/topic.html"))
        .replace("{{ topic.name }}</h1>", "{{ topic.nmae }}</h1>");
    fs::write(tmp.path().join("templates/topic.html"), topic).unwrap();
    // A published article linking to a draft, and a scaffold left as it was.
    let path = tmp.path().join("content/articles/water-2024.zh.md");
    fs::write(&path, read(&path) + "\n见[草稿](/articles/unfinished/)。\n").unwrap();
    assert!(shanshui(tmp.path(), &["new", "left-as-is"]).ok);
    let run = shanshui(tmp.path(), &["check"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("templates/topic.html") && run.stderr.contains("topic.nmae"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("link to the draft `unfinished`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("left-as-is.zh.md: warning: `title` still holds the scaffold's placeholder"),
        "{}",
        run.stderr
    );
}

#[test]
fn new_refuses_outside_a_portal() {
    let tmp = tempfile::tempdir().unwrap();
    let run = shanshui(tmp.path(), &["new", "anything"]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("content folder not found"));
    assert!(!tmp.path().join("content").exists());
}

/// The publishing gate: an imported article set to publish while it still holds import's
/// notes is an error of `check` at the notes' line; the same file as a draft is not.
#[test]
fn check_refuses_to_publish_an_article_with_import_notes() {
    let tmp = fixture("demo");
    let seed = repo().join("tests/seeds/000_16fa4435185fead3.txt");
    let run = shanshui(
        tmp.path(),
        &["import", seed.to_str().unwrap(), "--date", "2025-03"],
    );
    assert!(run.ok, "{}", run.stderr);
    let draft = fs::read_dir(tmp.path().join("content/articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("2025-03-"))
        .expect("the imported draft");
    let text = read(&draft);
    assert!(text.contains("draft: true"));
    let as_draft = shanshui(tmp.path(), &["check"]);
    assert!(
        !as_draft.stdout.contains("import notes") && !as_draft.stderr.contains("import notes"),
        "a draft may hold its notes:\n{}",
        as_draft.stderr
    );

    fs::write(&draft, text.replacen("draft: true", "draft: false", 1)).unwrap();
    let run = shanshui(tmp.path(), &["check"]);
    assert!(!run.ok);
    let notes_line = text
        .lines()
        .position(|l| l.contains("导入说明"))
        .expect("notes")
        + 1;
    let name = draft.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        run.stderr
            .lines()
            .any(|l| l.contains(&format!("{name}:{notes_line}")) && l.contains("import notes")),
        "{}",
        run.stderr
    );
}

/// Unknown ids, Chinese dates and a comma inside `{…}` are answered with what to write.
#[test]
fn check_says_what_was_meant() {
    let tmp = fixture("demo");
    let article = tmp.path().join("content/articles/green-2023.zh.md");
    fs::write(
        &article,
        read(&article)
            .replace("cities: [taiyuan]", "cities: [taiyaun]")
            .replace("date: 2023", "date: 2023年3月"),
    )
    .unwrap();
    let run = shanshui(tmp.path(), &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("did you mean `taiyuan`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("write 2023-03"), "{}", run.stderr);

    fs::write(
        &article,
        read(&article)
            .replace("cities: [taiyaun]", "cities: [太原市]")
            .replace("date: 2023年3月", "date: 2023"),
    )
    .unwrap();
    let run = shanshui(tmp.path(), &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("write the id `taiyuan`"),
        "{}",
        run.stderr
    );

    fs::write(
        &article,
        read(&article).replace(
            "date: 2023",
            "date: 2023\npeople:\n  - {name: 张三, role: 局长, 主任}",
        ),
    )
    .unwrap();
    let run = shanshui(tmp.path(), &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("quote the value: role: \"局长, 主任\""),
        "{}",
        run.stderr
    );
}

/// Runs shanshui with the language settings given and no others from this machine.
fn in_language(root: &std::path::Path, env: &[(&str, &str)], args: &[&str]) -> (String, String) {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_shanshui"));
    for var in ["SHANSHUI_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(var);
    }
    let out = command
        .envs(env.iter().copied())
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("run shanshui");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_commands_speak_the_portals_language_unless_told_otherwise() {
    let tmp = fixture("demo");
    // No setting and no locale: the portal's default language, Chinese.
    let (out, _) = in_language(tmp.path(), &[], &["check"]);
    assert!(out.contains("检查完毕") && out.contains("个错误"), "{out}");
    assert!(!out.contains("error(s)"), "{out}");
    // The locale, then the setting over the locale.
    let (out, _) = in_language(tmp.path(), &[("LANG", "en_GB.UTF-8")], &["check"]);
    assert!(out.contains("error(s)") && !out.contains("检查"), "{out}");
    let (out, _) = in_language(
        tmp.path(),
        &[("LANG", "en_GB.UTF-8"), ("SHANSHUI_LANG", "zh")],
        &["new", "taiyuan-air-2026"],
    );
    assert!(out.contains("已创建") && out.contains("下一步"), "{out}");
    assert!(!out.contains("next:"), "{out}");
    let (_, err) = in_language(tmp.path(), &[("SHANSHUI_LANG", "en")], &["new", "Bad Slug"]);
    assert!(
        err.contains("error: `Bad Slug` is not a valid slug"),
        "{err}"
    );
    assert!(!err.contains("错误"), "{err}");
    let (out, _) = in_language(
        tmp.path(),
        &[("SHANSHUI_LANG", "zh")],
        &["build", "--no-search"],
    );
    assert!(out.contains("已生成") && out.contains("个页面"), "{out}");
}

#[test]
fn help_speaks_the_editors_language() {
    use shanshui::lang::Lang;
    use shanshui::messages::*;
    let tmp = tempfile::tempdir().unwrap();
    let help = |env: &[(&str, &str)], args: &[&str]| in_language(tmp.path(), env, args).0;
    // No setting and no locale: Chinese.
    let top = help(&[], &["--help"]);
    assert!(top.contains("门户的根文件夹"), "{top}");
    assert!(!top.contains("The portal's root folder"), "{top}");
    for (code, lang, other) in [("zh", Lang::Zh, Lang::En), ("en", Lang::En, Lang::Zh)] {
        let env = [("SHANSHUI_LANG", code)];
        let top = help(&env, &["--help"]);
        let import = help(&env, &["import", "--help"]);
        let build = help(&env, &["build", "--help"]);
        for (page, message) in [
            (&top, HELP_ABOUT),
            (&top, HELP_ROOT),
            (&top, HELP_IMPORT),
            (&top, HELP_TRANSLATE),
            (&import, HELP_IMPORT),
            (&import, HELP_IMPORT_FILES),
            (&import, HELP_TABLE_WRITE),
            (&import, HELP_ROOT),
            (&build, HELP_BUILD_PORTABLE),
        ] {
            assert!(page.contains(message.text(lang)), "{code}: {page}");
            assert!(!page.contains(message.text(other)), "{code}: {page}");
        }
    }
    let english = help(&[("SHANSHUI_LANG", "en")], &["serve", "--help"]);
    assert!(english.contains("Port on 127.0.0.1"), "{english}");
}
