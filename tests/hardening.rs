//! Hostile and unlucky inputs that the broken-content corpus cannot express (it checks
//! messages and escaping): what reaches the open data, what of `static/` is published,
//! `check --format json` on odd file names, and inputs that used to take quadratic time.

mod common;

use common::*;
use std::fs;
use std::time::{Duration, Instant};

fn append_observation(root: &std::path::Path, line: &str) {
    let path = root.join("content/indicators/good-days-ratio.yaml");
    let text = read(&path);
    fs::write(path, format!("{}\n{line}\n", text.trim_end())).expect("write indicator");
}

/// How long a run of these inputs may take before it is taken for a hang and killed. Not
/// a measure of speed (each took seconds once linear, minutes when quadratic, on a quiet
/// machine; `bench/doubling.sh` measures the growth): a guard that a test cannot hang.
const HANG: Duration = Duration::from_secs(600);

/// [`shanshui`], killed and failed if it runs longer than [`HANG`].
fn shanshui_unless_it_hangs(root: &std::path::Path, args: &[&str]) -> Run {
    let dir = tempfile::tempdir().expect("temp dir");
    let (out, err) = (dir.path().join("out"), dir.path().join("err"));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_shanshui"))
        .env("SHANSHUI_LANG", "en")
        .arg("--root")
        .arg(root)
        .args(args)
        .stdout(fs::File::create(&out).expect("stdout file"))
        .stderr(fs::File::create(&err).expect("stderr file"))
        .spawn()
        .expect("run shanshui");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("shanshui {args:?} still ran after {HANG:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    Run {
        ok: status.success(),
        code: status.code(),
        stdout: String::from_utf8_lossy(&fs::read(out).expect("stdout")).into_owned(),
        stderr: String::from_utf8_lossy(&fs::read(err).expect("stderr")).into_owned(),
    }
}

#[test]
fn open_data_cells_cannot_run_as_formulas_and_never_link_a_draft() {
    let tmp = fixture("demo");
    let root = tmp.path();
    append_observation(
        root,
        r#"  - {city: jinzhong, year: 2022, value: 55.5, scope: urban, source: unfinished, derived: {zh: '=HYPERLINK("http://evil.example")', en: '-1+1'}, note: {zh: "+1 与上年相比", en: "@SUM(A1:A9)"}}"#,
    );
    let site = build(root, &["--no-search"]);
    let csv = read(&site.join("data/indicators.csv"));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().expect("headers").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let mut found = false;
    for record in reader.records() {
        let record = record.expect("record");
        for cell in record.iter() {
            let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
            assert!(
                !risky || cell.parse::<f64>().is_ok(),
                "a cell a spreadsheet would run: {cell}"
            );
        }
        if &record[column("year")] == "2022" {
            found = true;
            assert_eq!(
                &record[column("derived_zh")],
                r#"'=HYPERLINK("http://evil.example")"#
            );
            assert_eq!(&record[column("derived_en")], "'-1+1");
            assert_eq!(&record[column("note_zh")], "'+1 与上年相比");
            assert_eq!(&record[column("note_en")], "'@SUM(A1:A9)");
            assert_eq!(&record[column("value")], "55.5");
            // The draft is not published: no link to it.
            assert_eq!(&record[column("source_url")], "");
        } else {
            assert!(record[column("source_url")].starts_with("https://demo.example.org/articles/"));
        }
    }
    assert!(found, "the observation is in the CSV");
    // The JSON keeps the text as written (it is not opened by spreadsheets), but the
    // draft is not linked there either.
    let json: serde_json::Value =
        serde_json::from_str(&read(&site.join("data/indicators.json"))).expect("json");
    let row = json["observations"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["year"] == 2022)
        .expect("the row");
    assert_eq!(row["source_url"], "");
    assert!(!read(&site.join("data/indicators.json")).contains("articles/unfinished"));
}

#[test]
fn hidden_and_backup_files_of_static_are_not_published() {
    let tmp = fixture("demo");
    let root = tmp.path();
    for (path, text) in [
        ("static/.env", "DB_PASSWORD=secret"),
        ("static/.git/config", "[remote]"),
        ("static/img/logo.svg~", "<svg/>"),
        (
            "static/img/logo.svg",
            "<svg xmlns='http://www.w3.org/2000/svg'/>",
        ),
        ("static/img/notes.bak", "old"),
    ] {
        let path = root.join(path);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }
    let site = build(root, &["--no-search"]);
    assert!(site.join("static/img/logo.svg").is_file());
    let published: Vec<String> = tree(&site).into_iter().map(|(p, _)| p).collect();
    for p in &published {
        assert!(
            !p.contains("/.env")
                && !p.contains(".git")
                && !p.ends_with('~')
                && !p.ends_with(".bak"),
            "published: {p}"
        );
    }
}

/// A reader that goes away (`check --format json | head -1`, a `serve` whose terminal was
/// closed) must not make the command panic on its next line of output.
#[test]
fn output_to_a_closed_pipe_does_not_panic() {
    use std::process::{Command, Stdio};
    let tmp = fixture("demo");
    for args in [&["check", "--format", "json"][..], &["check"], &["build"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_shanshui"))
            .env("SHANSHUI_LANG", "en")
            .arg("--root")
            .arg(tmp.path())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run shanshui");
        // Both readers gone before the command writes anything.
        drop(child.stdout.take());
        let mut stderr = child.stderr.take().expect("stderr");
        let mut said = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut said).expect("read stderr");
        let status = child.wait().expect("wait");
        assert!(!said.contains("panicked"), "{args:?}: {said}");
        assert_ne!(status.code(), Some(101), "{args:?} panicked: {said}");
    }
}

#[cfg(unix)]
#[test]
fn check_as_json_survives_a_file_name_that_is_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = fixture("demo");
    let root = tmp.path();
    let name = std::ffi::OsStr::from_bytes(b"water\xff.zh.md");
    fs::write(
        root.join("content/articles").join(name),
        "---\ntitle: x\n---\n",
    )
    .expect("write");
    let run = shanshui(root, &["check", "--format", "json"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON report");
    assert!(report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .any(|d| d["path"]
            .as_str()
            .is_some_and(|p| p.contains("water\u{FFFD}.zh.md"))));
}

#[test]
fn many_observations_and_identical_headings_load_in_linear_time() {
    let tmp = fixture("demo");
    let root = tmp.path();
    let path = root.join("content/indicators/good-days-ratio.yaml");
    let mut text = read(&path).trim_end().to_owned();
    text.push('\n');
    // 20,000 observations, each of its own year and scope (267 series of 75 years).
    for i in 0..20_000 {
        text.push_str(&format!(
            "  - {{city: jinzhong, year: {}, value: {}.5, scope: {{zh: 断面{2}, en: section {2}}}, source: air-2025}}\n",
            1950 + i % 75,
            i % 100,
            i / 75
        ));
    }
    fs::write(&path, text).expect("write indicator");
    let article = root.join("content/articles/air-2025.zh.md");
    let body = "## 同一标题\n\n段落。\n\n".repeat(20_000);
    fs::write(&article, format!("{}\n{body}", read(&article))).expect("write article");
    let run = shanshui_unless_it_hangs(root, &["check"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    // Every observation is of its own year and scope and every heading gets an id of its
    // own: nothing is taken for a duplicate.
    assert!(run.ok, "{}", &run.stderr[..run.stderr.len().min(2000)]);
    // Quadratic, this took 20 s (observations) and 41 s (headings) in a release build,
    // several times that in a debug one; linear, about 15 s in a debug build.
}

#[test]
fn a_base_url_with_an_empty_segment_an_escaped_dot_dot_or_a_bad_port_is_refused() {
    let tmp = fixture("demo");
    for url in [
        "https://demo.example.org//portal/",
        "https://demo.example.org/portal//",
        "https://user@evil.example/",
        // Escapes that stand for `..`, a NUL or a slash, and ports that are none.
        "https://demo.example.org/%2e%2e/",
        "https://demo.example.org/portal/%2E./x/",
        "https://demo.example.org/portal%00/",
        "https://demo.example.org/a%2fb/",
        "https://demo.example.org/a%zz/",
        "https://demo.example.org:99999/",
        "https://demo.example.org:0/",
    ] {
        let run = shanshui(tmp.path(), &["build", "--no-search", "--base-url", url]);
        // Refused by the argument parser, as a usage error (exit code 2).
        assert_eq!(run.code, Some(2), "{url}: {}", run.stderr);
        assert!(run.stderr.contains("--base-url"), "{}", run.stderr);
        assert!(!tmp.path().join("site").exists());
    }
}

/// The demo's water article with `front` added to its front matter.
fn with_front_matter(root: &std::path::Path, front: &str) {
    let path = root.join("content/articles/water-2024.zh.md");
    let text = read(&path);
    let rest = text.strip_prefix("---\n").expect("front matter");
    fs::write(&path, format!("---\n{front}\n{rest}")).expect("write article");
}

#[test]
fn aliases_that_repeat_a_large_value_are_refused_before_they_expand() {
    let tmp = fixture("demo");
    let root = tmp.path();
    build(root, &["--no-search"]);
    let before = tree(&root.join("site"));
    // 1 MB anchored once and aliased 10,000 times: 10 GB once expanded (it aborted).
    let aliases = vec!["*big"; 10_000].join(", ");
    with_front_matter(
        root,
        &format!(
            "subtitle: &big \"{}\"\npeople: [{aliases}]",
            "汾".repeat(350_000)
        ),
    );
    // The same in a registry, nested: each line ten times the one before.
    let cities = root.join("content/cities.yaml");
    let mut registry = read(&cities);
    registry.push_str("- {id: bomb, zh: &z0 \"县县县县县县县县\", en: x, level: county, parent: jinzhong, aliases: &a1 [*z0, *z0, *z0, *z0, *z0, *z0, *z0, *z0, *z0, *z0]}\n");
    for i in 2..8 {
        let items = vec![format!("*a{}", i - 1); 10].join(", ");
        registry.push_str(&format!(
            "- {{id: bomb{i}, zh: x, en: x, level: county, parent: jinzhong, aliases: &a{i} [{items}]}}\n"
        ));
    }
    fs::write(&cities, registry).expect("write registry");
    for command in [&["build", "--no-search"][..], &["check"]] {
        let run = shanshui(root, command);
        assert_eq!(run.code, Some(1), "{command:?}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert!(
            run.stderr.contains("water-2024.zh.md:3:") && run.stderr.contains("aliases"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("cities.yaml:")
                && run.stderr.matches("aliases (`*name`)").count() >= 2,
            "{}",
            run.stderr
        );
    }
    assert_eq!(before, tree(&root.join("site")), "site/ untouched");
}

/// `n` counties under Jinzhong appended to the demo's registry.
fn add_counties(root: &std::path::Path, n: usize) {
    let path = root.join("content/cities.yaml");
    let mut text = read(&path);
    for i in 0..n {
        text.push_str(&format!(
            "- {{id: county{i}, zh: 县{i}, en: County {i}, level: county, parent: jinzhong, lat: 37.0, lon: 112.0}}\n"
        ));
    }
    fs::write(path, text).expect("write registry");
}

#[test]
fn a_place_page_does_not_grow_with_the_number_of_places_beside_it() {
    // Each county's page listed every fellow county: 10,000 counties made 10,000 pages of
    // 10,000 links each (4,000 took over 120 s and aborted at 4.9 GB). Measured by the
    // pages' sizes, not by time: the size of one county's page is the same with 40 or
    // 400 fellow counties.
    let sizes: Vec<usize> = [40, 400]
        .iter()
        .map(|&n| {
            let tmp = fixture("demo");
            add_counties(tmp.path(), n);
            let site = build(tmp.path(), &["--no-search"]);
            let page = |p: &str| fs::metadata(site.join(p)).expect(p).len() as usize;
            // The province's list of places holds each place once: it grows, by a line each.
            assert!(
                read(&site.join("cities/index.html")).contains(&format!("County {}", n - 1))
                    || read(&site.join("cities/index.html")).contains(&format!("县{}", n - 1))
            );
            page("cities/county20/index.html") + page("en/cities/county20/index.html")
        })
        .collect();
    assert!(
        sizes[1] < sizes[0] + sizes[0] / 10,
        "a county's pages grew from {} to {} bytes",
        sizes[0],
        sizes[1]
    );
}

#[test]
fn entities_and_brackets_by_the_megabyte_take_linear_time() {
    // Each `&#` looked for its `;` to the end of the text, and each link counted its
    // column from the start of its line: 2 MB of `&#x` took 79 s to load and 4 MB of
    // `[[a](b)` 99 s to render (release), quadrupling as the input doubled; and each of
    // the 150,000 link errors of 1 MB here held the whole line (killed at 6.6 GB).
    let tmp = fixture("demo");
    let root = tmp.path();
    let article = |slug: &str, body: String| {
        fs::write(
            root.join(format!("content/articles/{slug}.zh.md")),
            format!(
                "---\ntitle: 长文\ndate: 2024-11\ncities: [jiexiu]\ntopics: [water]\n---\n{body}\n"
            ),
        )
        .expect("write article")
    };
    article("entities", "&#x".repeat(350_000));
    article("brackets", "[[a](b)".repeat(150_000));
    let run = shanshui_unless_it_hangs(root, &["check"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    // `b` is not a page of the site: each link is reported, with its column.
    // The first and the last of the 150,000 links, at their columns (7 characters each).
    for at in ["brackets.zh.md:7:6:", "brackets.zh.md:7:1049999:"] {
        assert!(
            run.stderr.contains(at),
            "{at} not in {}",
            &run.stderr[..run.stderr.len().min(2000)]
        );
    }
}

#[test]
fn an_output_folder_inside_an_input_folder_is_refused() {
    let tmp = fixture("demo");
    let root = tmp.path();
    fs::create_dir_all(root.join("static")).expect("static");
    fs::create_dir_all(root.join("templates")).expect("templates");
    let before = tree(root);
    // Written as the user would: inside, through `..`, the root itself, a parent of it.
    for out in [
        root.join("static/site"),
        root.join("content/x"),
        root.join("templates"),
        root.join("site/../content/articles/new"),
        root.to_path_buf(),
        root.join(".."),
    ] {
        let run = shanshui(
            root,
            &["build", "--no-search", "--out", &out.to_string_lossy()],
        );
        assert_eq!(run.code, Some(1), "{}: {}", out.display(), run.stderr);
        assert!(run.stderr.contains("--out"), "{}", run.stderr);
        assert_eq!(before, tree(root), "{}: nothing written", out.display());
    }
    // Beside the inputs is fine.
    let run = shanshui(
        root,
        &[
            "build",
            "--no-search",
            "--out",
            &root.join("public").to_string_lossy(),
        ],
    );
    assert!(run.ok, "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn an_article_that_is_a_symbolic_link_is_reported() {
    let tmp = fixture("demo");
    let root = tmp.path();
    let elsewhere = tmp.path().join("elsewhere.zh.md");
    fs::rename(root.join("content/articles/water-2024.zh.md"), &elsewhere).expect("move");
    std::os::unix::fs::symlink(&elsewhere, root.join("content/articles/water-2024.zh.md"))
        .expect("symlink");
    for command in [&["build", "--no-search"][..], &["check"]] {
        let run = shanshui(root, command);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        assert!(
            run.stderr
                .contains("water-2024.zh.md: error: a symbolic link"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn control_codes_in_what_is_printed_are_written_out() {
    let tmp = fixture("demo");
    let root = tmp.path();
    // A title that sets the terminal's title and rings, in a broken front matter; a file
    // name that clears the screen; a bidirectional override in a topic id.
    with_front_matter(root, "subtitle: 标题\u{1b}]0;owned\u{7}\nbroken: [x");
    fs::write(
        root.join("content/articles/x\u{1b}[2J\u{9b}1m.zh.md"),
        "---\ntitle: x\n---\n",
    )
    .expect("write");
    let topics = root.join("content/topics.yaml");
    fs::write(
        &topics,
        format!("{}- {{id: \"a\u{202e}b\", zh: x, en: x}}\n", read(&topics)),
    )
    .expect("write topics");
    // An argument refused by the parser is echoed in its message (clap drops the codes).
    let clap_refused = shanshui(
        root,
        &["build", "--base-url", "https://a\u{1b}]0;x\u{7}.cn/"],
    );
    for (run, echoes) in [
        (shanshui(root, &["build", "--no-search"]), true),
        (shanshui(root, &["check"]), true),
        (clap_refused, false),
    ] {
        assert!(!run.ok);
        let printed = format!("{}{}", run.stdout, run.stderr);
        for code in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
            assert!(!printed.contains(code), "{code:?} printed raw: {printed}");
        }
        assert!(!echoes || printed.contains("\\u{1b}"), "{printed}");
    }
}

/// Names of the entries beside `site/` that belong to it (`.site.previous`, a staging
/// folder left behind, …).
fn beside_site(root: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(root)
        .expect("read root")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // The build's cache (`.site.cache`), kept while it describes `site/`, aside.
        .filter(|n| n.starts_with(".site") && n != ".site.cache")
        .collect();
    names.sort();
    names
}

/// A build that fails after some of its pages are made (a template failing at render
/// time, a template rendering empty, caught by the guard) must leave `site/` as it was
/// and keep the build before last as `.site.previous`, whole: the failed build's pages
/// go nowhere that is kept.
#[test]
fn a_failed_build_keeps_the_site_and_the_build_before_last() {
    let tmp = fixture("demo");
    let root = tmp.path();
    build(root, &["--no-search"]);
    let article = root.join("content/articles/air-2025.zh.md");
    let text = read(&article).replacen("title: ", "title: 新版：", 1);
    fs::write(&article, text).expect("change the article");
    build(root, &["--no-search"]);
    let site = tree(&root.join("site"));
    let previous = tree(&root.join(".site.previous"));
    assert_ne!(site, previous, "the change must show in the output");

    let failing_templates = [
        // Fails at render time for article pages only, after other pages are made.
        read(&repo().join("tests/broken/template-unknown-variable/templates/article.html")),
        // Renders article pages empty: refused by the guard.
        String::new(),
    ];
    let templates = root.join("templates");
    fs::create_dir_all(&templates).expect("templates");
    for template in failing_templates {
        fs::write(templates.join("article.html"), &template).expect("template");
        let run = shanshui(root, &["build", "--no-search"]);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        assert!(
            tree(&root.join("site")) == site,
            "site/ changed by a failed build"
        );
        assert!(
            tree(&root.join(".site.previous")) == previous,
            ".site.previous no longer holds the build before last after a failed build"
        );
        assert_eq!(beside_site(root), [".site.previous"], "left behind");
    }
}

/// A PDF of one page whose content stream is `stream`, already compressed (FlateDecode).
fn pdf_with_flate_stream(stream: &[u8]) -> Vec<u8> {
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let mut object = |pdf: &mut Vec<u8>, body: &[u8]| {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", offsets.len()).as_bytes());
        pdf.extend_from_slice(body);
        pdf.extend_from_slice(b"\nendobj\n");
    };
    object(&mut pdf, b"<< /Type /Catalog /Pages 2 0 R >>");
    object(&mut pdf, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    object(
        &mut pdf,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << >> >>",
    );
    let mut body = format!(
        "<< /Length {} /Filter /FlateDecode >>\nstream\n",
        stream.len()
    )
    .into_bytes();
    body.extend_from_slice(stream);
    body.extend_from_slice(b"\nendstream");
    object(&mut pdf, &body);
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes(),
    );
    for o in &offsets {
        pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            offsets.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

#[test]
fn an_import_whose_file_inflates_a_thousandfold_is_refused_and_writes_nothing() {
    use std::io::Write;
    // 128 MiB of one byte: under a megabyte compressed, past any reader's limit inflated.
    let inflated = 128usize << 20;
    let block = vec![b' '; 1 << 20];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .expect("zip");
    let mut flate = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    for _ in 0..inflated >> 20 {
        zip.write_all(&block).expect("zip");
        flate.write_all(&block).expect("flate");
    }
    let docx = zip.finish().expect("zip").into_inner();
    let pdf = pdf_with_flate_stream(&flate.finish().expect("flate"));

    let tmp = fixture("demo");
    for (name, bytes) in [("bomb.docx", docx), ("bomb.pdf", pdf)] {
        assert!(
            bytes.len() < inflated / 100,
            "{name} is a bomb: {} bytes",
            bytes.len()
        );
        let file = tmp.path().join(name);
        fs::write(&file, &bytes).expect("write");
        let out = tmp.path().join("drafts");
        let run = shanshui(
            tmp.path(),
            &[
                "import",
                &file.display().to_string(),
                "--date",
                "2025",
                "--out",
                &out.display().to_string(),
            ],
        );
        assert!(!run.ok, "{name}: {}{}", run.stdout, run.stderr);
        assert!(run.stderr.contains(name), "{name}: {}", run.stderr);
        assert!(run.stderr.contains("bomb"), "{name}: {}", run.stderr);
        let written = fs::read_dir(&out).map(|d| d.count()).unwrap_or(0);
        assert_eq!(written, 0, "{name}: nothing is written");
    }
}
