//! Synthetic benchmark corpus: N bilingual articles in shanshui's content format, and
//! optionally the same corpus as a Hugo site and as a Zola site, deterministic from a seed.
//!
//! ```sh
//! cargo run --release --example corpus -- --articles 10000 --out /tmp/bench/shanshui [--hugo /tmp/bench/hugo] [--zola /tmp/bench/zola] [--seed 1]
//! ```
//!
//! Articles: ~1,550 Chinese characters and ~880 English words each (the English is a
//! translation of the Chinese, so it runs longer than 700 words), with headings, a
//! list, links to other articles and figures; dated 2015-2026; 1-3 of 20 Shanxi places
//! and 1-2 of 8 topics. Indicators: 4, with a few hundred observations in all.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const PLACES: [(&str, &str, &str, &str, &str); 20] = [
    ("taiyuan", "太原市", "Taiyuan", "prefecture", "shanxi"),
    ("datong", "大同市", "Datong", "prefecture", "shanxi"),
    ("xinzhou", "忻州市", "Xinzhou", "prefecture", "shanxi"),
    ("jinzhong", "晋中市", "Jinzhong", "prefecture", "shanxi"),
    ("lvliang", "吕梁市", "Lüliang", "prefecture", "shanxi"),
    ("yuncheng", "运城市", "Yuncheng", "prefecture", "shanxi"),
    ("linfen", "临汾市", "Linfen", "prefecture", "shanxi"),
    ("changzhi", "长治市", "Changzhi", "prefecture", "shanxi"),
    ("jincheng", "晋城市", "Jincheng", "prefecture", "shanxi"),
    ("yangquan", "阳泉市", "Yangquan", "prefecture", "shanxi"),
    ("jiexiu", "介休市", "Jiexiu city", "county", "jinzhong"),
    ("pingyao", "平遥县", "Pingyao County", "county", "jinzhong"),
    ("lingshi", "灵石县", "Lingshi County", "county", "jinzhong"),
    ("qixian", "祁县", "Qixian County", "county", "jinzhong"),
    ("zuoquan", "左权县", "Zuoquan County", "county", "jinzhong"),
    (
        "ruicheng",
        "芮城县",
        "Ruicheng County",
        "county",
        "yuncheng",
    ),
    ("yongji", "永济市", "Yongji city", "county", "yuncheng"),
    ("yuanqu", "垣曲县", "Yuanqu County", "county", "yuncheng"),
    ("xiaoyi", "孝义市", "Xiaoyi city", "county", "lvliang"),
    ("fenyang", "汾阳市", "Fenyang city", "county", "lvliang"),
];
const TOPICS: [(&str, &str, &str); 8] = [
    ("air", "空气", "Air"),
    ("water", "水", "Water"),
    ("soil", "土壤", "Soil"),
    ("greening", "造林绿化", "Greening"),
    ("low-carbon", "低碳", "Low carbon"),
    ("waste", "垃圾分类", "Waste"),
    ("enforcement", "执法监管", "Enforcement"),
    ("policy", "政策规划", "Policy"),
];
const ZH_SENTENCES: [&str; 12] = [
    "近年来，{place}深入推进蓝天保卫战，强化多污染物协同控制和区域协同治理，空气质量持续改善。",
    "全市PM2.5平均浓度为{n}微克/立方米，同比下降{p}%，优良天数比例达到{q}%。",
    "{place}坚持以水定城、以水定地、以水定人、以水定产，全面推行河湖长制，地表水国考断面水质稳中向好。",
    "今年以来，当地完成造林{n}万亩，森林覆盖率提高到{q}%，城乡绿化水平明显提升。",
    "生态环境部门聚焦重点行业，推进超低排放改造和提标改造，累计完成{n}家企业深度治理。",
    "围绕垃圾分类，{place}建成示范小区{n}个，设置各类回收点{m}处，居民参与率稳步提高。",
    "执法人员开展专项检查{n}次，立案查处环境违法案件{m}起，处罚金额{p}万元。",
    "下一步，{place}将以减污降碳协同增效为总抓手，持续打好污染防治攻坚战，推动高质量发展。",
    "在汾河沿线，各级河长累计巡河{n}次，清理河道垃圾{m}吨，河道面貌焕然一新。",
    "土壤污染防治工作稳步推进，受污染耕地安全利用率保持在{q}%以上。",
    "群众反映的生态环境问题得到及时办理，信访件按期办结率达到{q}%。",
    "双碳工作有序开展，新能源公交车占比达到{q}%，城镇新建建筑全面执行绿色建筑标准。",
];
const EN_SENTENCES: [&str; 12] = [
    "In recent years {place} has pushed ahead with the battle for blue skies, controlling several pollutants together and working with neighbouring cities, and the air keeps getting cleaner.",
    "The average PM2.5 concentration was {n} micrograms per cubic metre, down {p}% year on year, and the share of days with good air reached {q}%.",
    "{place} sizes its towns, farmland, population and industry to the water it has, runs the river and lake chief system in full, and its nationally assessed river sections are steady or improving.",
    "This year the area afforested {n} thousand mu, forest coverage rose to {q}%, and greening in town and country improved visibly.",
    "The ecology and environment authorities focused on key industries, pushing ultra-low-emission retrofits and stricter emission standards at {n} companies so far.",
    "For waste sorting, {place} has built {n} model communities and set up {m} recycling points, and more residents take part every year.",
    "Inspectors carried out {n} special checks, opened {m} cases of environmental violations and imposed fines of {p} ten-thousand yuan.",
    "Next, {place} will make cutting pollution and carbon together its main lever and keep up the campaign against pollution to support high-quality development.",
    "Along the Fen River, river chiefs at every level patrolled {n} times and removed {m} tonnes of rubbish from the channels, which now look entirely different.",
    "Work to prevent soil pollution moved forward steadily, and the safe use rate of contaminated farmland stayed above {q}%.",
    "Complaints from the public about the environment were handled promptly, and {q}% of petitions were closed on time.",
    "Work on the dual carbon goals is proceeding in order: new-energy buses make up {q}% of the fleet, and all new urban buildings follow green building standards.",
];

struct Args {
    articles: usize,
    seed: u64,
    out: PathBuf,
    hugo: Option<PathBuf>,
    zola: Option<PathBuf>,
}

fn args() -> Result<Args, String> {
    let mut args = Args {
        articles: 1000,
        seed: 1,
        out: PathBuf::from("bench-corpus"),
        hugo: None,
        zola: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--articles" => {
                args.articles = value()?.parse().map_err(|e| format!("--articles: {e}"))?
            }
            "--seed" => args.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--out" => args.out = PathBuf::from(value()?),
            "--hugo" => args.hugo = Some(PathBuf::from(value()?)),
            "--zola" => args.zola = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(args)
}

/// One generated article, in both languages.
struct Article {
    slug: String,
    date: String,
    places: Vec<usize>,
    topics: Vec<usize>,
    zh_title: String,
    en_title: String,
    zh_body: String,
    en_body: String,
}

fn fill(template: &str, place: &str, rng: &mut fastrand::Rng) -> String {
    template
        .replace("{place}", place)
        .replace("{n}", &rng.u32(10..500).to_string())
        .replace("{m}", &rng.u32(5..2000).to_string())
        .replace("{p}", &format!("{}.{}", rng.u32(1..30), rng.u32(0..10)))
        .replace("{q}", &format!("{}.{}", rng.u32(50..99), rng.u32(0..10)))
}

fn article(i: usize, n: usize, rng: &mut fastrand::Rng) -> Article {
    let mut places: Vec<usize> = (0..rng.usize(1..=3))
        .map(|_| rng.usize(0..PLACES.len()))
        .collect();
    places.sort_unstable();
    places.dedup();
    let mut topics: Vec<usize> = (0..rng.usize(1..=2))
        .map(|_| rng.usize(0..TOPICS.len()))
        .collect();
    topics.sort_unstable();
    topics.dedup();
    let date = format!(
        "{}-{:02}-{:02}",
        rng.u32(2015..=2026),
        rng.u32(1..=12),
        rng.u32(1..=28)
    );
    let (zh_place, en_place) = (PLACES[places[0]].1, PLACES[places[0]].2);
    let topic = topics[0];
    let zh_title = format!("{zh_place}{}工作取得新进展（第{i}期）", TOPICS[topic].1);
    let en_title = format!(
        "{en_place} makes progress on {} (no. {i})",
        TOPICS[topic].2.to_lowercase()
    );
    let other = |rng: &mut fastrand::Rng| format!("a{:05}", rng.usize(0..n));
    let mut zh = String::new();
    let mut en = String::new();
    for section in 0..4 {
        if section > 0 {
            let _ = writeln!(
                zh,
                "## 第{section}部分：{}\n",
                TOPICS[(topic + section) % TOPICS.len()].1
            );
            let _ = writeln!(
                en,
                "## Part {section}: {}\n",
                TOPICS[(topic + section) % TOPICS.len()].2
            );
        }
        for _ in 0..3 {
            let picks: Vec<usize> = (0..3).map(|_| rng.usize(0..ZH_SENTENCES.len())).collect();
            let mut seed_rng = fastrand::Rng::with_seed(rng.u64(..));
            let mut seed_rng_en = seed_rng.clone();
            let zh_para: String = picks
                .iter()
                .map(|&k| fill(ZH_SENTENCES[k], zh_place, &mut seed_rng))
                .collect();
            let en_para: Vec<String> = picks
                .iter()
                .map(|&k| fill(EN_SENTENCES[k], en_place, &mut seed_rng_en))
                .collect();
            let _ = writeln!(zh, "{zh_para}\n");
            let _ = writeln!(en, "{}\n", en_para.join(" "));
        }
        if section == 2 {
            let link = other(rng);
            let _ = writeln!(zh, "- 重点任务一：巩固提升空气质量\n- 重点任务二：推进[相关工作](/articles/{link}/)\n- 重点任务三：加强执法监管\n");
            let _ = writeln!(en, "- First task: keep improving air quality\n- Second task: advance [related work](/en/articles/{link}/)\n- Third task: stronger enforcement\n");
        }
    }
    Article {
        slug: format!("a{i:05}"),
        date,
        places,
        topics,
        zh_title,
        en_title,
        zh_body: zh,
        en_body: en,
    }
}

fn list(ids: impl Iterator<Item = String>) -> String {
    format!("[{}]", ids.collect::<Vec<_>>().join(", "))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn shanshui_site(out: &Path, articles: &[Article], rng: &mut fastrand::Rng) -> Result<(), String> {
    let content = out.join("content");
    write(&content.join("site.yaml"), "title: {zh: 基准站点, en: Benchmark Site}\nbase_url: https://bench.example.org/\ndefault_language: zh\nlanguages: [zh, en]\n")?;
    let mut cities = String::from(
        "- {id: shanxi, zh: 山西省, en: Shanxi, level: province, lat: 37.87, lon: 112.55}\n",
    );
    for (id, zh, en, level, parent) in PLACES {
        let _ = writeln!(
            cities,
            "- {{id: {id}, zh: {zh}, en: {en}, level: {level}, parent: {parent}}}"
        );
    }
    write(&content.join("cities.yaml"), &cities)?;
    let mut topics = String::new();
    for (id, zh, en) in TOPICS {
        let _ = writeln!(topics, "- {{id: {id}, zh: {zh}, en: {en}, description: {{zh: 关于{zh}的报道。, en: Reporting on {en}.}}}}");
    }
    write(&content.join("topics.yaml"), &topics)?;
    write(
        &content.join("i18n/zh.yaml"),
        include_str!("../content/i18n/zh.yaml"),
    )?;
    write(
        &content.join("i18n/en.yaml"),
        include_str!("../content/i18n/en.yaml"),
    )?;
    for a in articles {
        let cities = list(a.places.iter().map(|&p| PLACES[p].0.to_owned()));
        let topics = list(a.topics.iter().map(|&t| TOPICS[t].0.to_owned()));
        let dir = content.join("articles");
        write(
            &dir.join(format!("{}.zh.md", a.slug)),
            &format!("---\ntitle: {}\ndate: {}\ncities: {cities}\ntopics: {topics}\nreporters: [记者{}]\nsummary: {}\n---\n{}", a.zh_title, a.date, a.slug, a.zh_title, a.zh_body),
        )?;
        write(
            &dir.join(format!("{}.en.md", a.slug)),
            &format!(
                "---\ntitle: \"{}\"\nreporters: [Reporter {}]\nsummary: \"{}\"\n---\n{}",
                a.en_title, a.slug, a.en_title, a.en_body
            ),
        )?;
    }
    let indicators = [
        (
            "pm25",
            "PM2.5年均浓度",
            "Annual mean PM2.5",
            "µg/m³",
            "lower",
            "air",
        ),
        (
            "good-days-ratio",
            "优良天数比例",
            "Share of good-air days",
            "%",
            "higher",
            "air",
        ),
        (
            "forest-coverage",
            "森林覆盖率",
            "Forest coverage",
            "%",
            "higher",
            "greening",
        ),
        (
            "pm25-change",
            "PM2.5同比变化",
            "PM2.5 change",
            "%",
            "lower",
            "air",
        ),
    ];
    for (id, zh, en, unit, better, topic) in indicators {
        let mut text = format!("id: {id}\nname: {{zh: {zh}, en: {en}}}\nunit: \"{unit}\"\nbetter: {better}\ntopics: [{topic}]\ndefinition: {{zh: {zh}。, en: {en}.}}\nobservations:\n");
        for (place, ..) in PLACES.iter().take(10) {
            for year in 2018..2025 {
                let value = if id.ends_with("-change") {
                    -f64::from(rng.u32(0..200)) / 10.0
                } else {
                    f64::from(rng.u32(200..900)) / 10.0
                };
                let source = &articles[rng.usize(0..articles.len())].slug;
                let _ = writeln!(
                    text,
                    "  - {{city: {place}, year: {year}, value: {value}, source: {source}}}"
                );
            }
        }
        write(&content.join(format!("indicators/{id}.yaml")), &text)?;
    }
    Ok(())
}

/// The same corpus for Hugo: articles as page bundles per language, places and topics
/// as taxonomies, and minimal templates that render the same kinds of page.
fn hugo_site(out: &Path, articles: &[Article]) -> Result<(), String> {
    write(
        &out.join("hugo.toml"),
        r#"baseURL = "https://bench.example.org/"
defaultContentLanguage = "zh"
defaultContentLanguageInSubdir = false
disableKinds = ["RSS", "sitemap", "robotsTXT"]
[languages.zh]
  languageName = "中文"
  weight = 1
[languages.en]
  languageName = "English"
  weight = 2
[taxonomies]
  city = "cities"
  topic = "topics"
[markup.goldmark.renderer]
  unsafe = false
"#,
    )?;
    write(&out.join("layouts/_default/baseof.html"), "<!DOCTYPE html><html lang=\"{{ .Site.Language.Lang }}\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><header><a href=\"{{ \"/\" | relLangURL }}\">{{ .Site.Title }}</a>{{ range .Translations }} <a href=\"{{ .RelPermalink }}\">{{ .Language.LanguageName }}</a>{{ end }}</header><main>{{ block \"main\" . }}{{ end }}</main></body></html>")?;
    write(&out.join("layouts/_default/single.html"), "{{ define \"main\" }}<article><h1>{{ .Title }}</h1><p>{{ .Date.Format \"2006-01-02\" }}</p><p>{{ range .Params.cities }}<a href=\"{{ (printf \"/cities/%s/\" .) | relLangURL }}\">{{ . }}</a> {{ end }}</p>{{ .Content }}</article>{{ end }}")?;
    write(&out.join("layouts/_default/list.html"), "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ .Date.Format \"2006-01-02\" }} {{ .Summary }}</li>{{ end }}</ul>{{ end }}")?;
    write(&out.join("layouts/index.html"), "{{ define \"main\" }}<ul>{{ range first 10 .Site.RegularPages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}")?;
    for a in articles {
        let cities = list(a.places.iter().map(|&p| PLACES[p].0.to_owned()));
        let topics = list(a.topics.iter().map(|&t| TOPICS[t].0.to_owned()));
        let dir = out.join("content/articles");
        write(
            &dir.join(format!("{}.zh.md", a.slug)),
            &format!(
                "---\ntitle: {}\ndate: {}\ncities: {cities}\ntopics: {topics}\n---\n{}",
                a.zh_title, a.date, a.zh_body
            ),
        )?;
        write(
            &dir.join(format!("{}.en.md", a.slug)),
            &format!(
                "---\ntitle: \"{}\"\ndate: {}\ncities: {cities}\ntopics: {topics}\n---\n{}",
                a.en_title, a.date, a.en_body
            ),
        )?;
    }
    Ok(())
}

/// The same corpus for Zola, mirroring the Hugo site: articles in one section per
/// language, places and topics as taxonomies, and templates that render what Hugo's do
/// (Zola has no automatic summary, so lists show the first 200 characters of the text
/// where Hugo shows its first 70 words). No feeds, sitemap, robots.txt, search or Sass.
fn zola_site(out: &Path, articles: &[Article]) -> Result<(), String> {
    write(
        &out.join("config.toml"),
        r#"base_url = "https://bench.example.org"
title = "Benchmark Site"
default_language = "zh"
compile_sass = false
build_search_index = false
generate_feeds = false
generate_sitemap = false
generate_robots_txt = false
taxonomies = [{name = "cities"}, {name = "topics"}]

[languages.en]
title = "Benchmark Site"
taxonomies = [{name = "cities"}, {name = "topics"}]
"#,
    )?;
    // The home page and the list of articles, in each language (Zola has no fallback
    // from a translation to the default language's `_index.md`).
    for suffix in ["", ".en"] {
        write(
            &out.join(format!("content/_index{suffix}.md")),
            "+++\ntitle = \"Home\"\n+++\n",
        )?;
        write(
            &out.join(format!("content/articles/_index{suffix}.md")),
            "+++\ntitle = \"Articles\"\nsort_by = \"date\"\n+++\n",
        )?;
    }
    let templates = out.join("templates");
    write(&templates.join("base.html"), "<!DOCTYPE html><html lang=\"{{ lang }}\"><head><meta charset=\"utf-8\"><title>{% block title %}{{ config.title }}{% endblock %}</title></head><body><header><a href=\"{{ get_url(path=\"/\", lang=lang) }}\">{{ config.title }}</a>{% block translations %}{% endblock %}</header><main>{% block main %}{% endblock %}</main></body></html>")?;
    write(&templates.join("page.html"), "{% extends \"base.html\" %}{% block title %}{{ page.title }}{% endblock %}{% block translations %}{% for t in page.translations %} <a href=\"{{ t.permalink | safe }}\">{{ t.lang }}</a>{% endfor %}{% endblock %}{% block main %}<article><h1>{{ page.title }}</h1><p>{{ page.date | date(format=\"%Y-%m-%d\") }}</p><p>{% for city in page.taxonomies.cities %}<a href=\"{{ get_taxonomy_url(kind=\"cities\", name=city, lang=lang) }}\">{{ city }}</a> {% endfor %}</p>{{ page.content | safe }}</article>{% endblock %}")?;
    // One list of pages, as Hugo's list.html: sections and a taxonomy's terms.
    let items = "<ul>{% for p in pages %}<li><a href=\"{{ p.permalink | safe }}\">{{ p.title }}</a> {{ p.date | date(format=\"%Y-%m-%d\") }} {{ p.content | striptags | truncate(length=200) }}</li>{% endfor %}</ul>";
    write(&templates.join("section.html"), &format!("{{% extends \"base.html\" %}}{{% block title %}}{{{{ section.title }}}}{{% endblock %}}{{% block main %}}<h1>{{{{ section.title }}}}</h1>{{% set pages = section.pages %}}{items}{{% endblock %}}"))?;
    write(&templates.join("taxonomy_single.html"), &format!("{{% extends \"base.html\" %}}{{% block title %}}{{{{ term.name }}}}{{% endblock %}}{{% block main %}}<h1>{{{{ term.name }}}}</h1>{{% set pages = term.pages %}}{items}{{% endblock %}}"))?;
    write(&templates.join("taxonomy_list.html"), "{% extends \"base.html\" %}{% block title %}{{ taxonomy.name }}{% endblock %}{% block main %}<h1>{{ taxonomy.name }}</h1><ul>{% for t in terms %}<li><a href=\"{{ t.permalink | safe }}\">{{ t.name }}</a></li>{% endfor %}</ul>{% endblock %}")?;
    write(&templates.join("index.html"), "{% extends \"base.html\" %}{% block main %}{% if lang == \"zh\" %}{% set articles = get_section(path=\"articles/_index.md\") %}{% else %}{% set articles = get_section(path=\"articles/_index.\" ~ lang ~ \".md\") %}{% endif %}<ul>{% for p in articles.pages | slice(end=10) %}<li><a href=\"{{ p.permalink | safe }}\">{{ p.title }}</a></li>{% endfor %}</ul>{% endblock %}")?;
    for a in articles {
        let cities = list(a.places.iter().map(|&p| format!("\"{}\"", PLACES[p].0)));
        let topics = list(a.topics.iter().map(|&t| format!("\"{}\"", TOPICS[t].0)));
        let dir = out.join("content/articles");
        for (suffix, title, body) in [
            ("", &a.zh_title, &a.zh_body),
            (".en", &a.en_title, &a.en_body),
        ] {
            write(
                &dir.join(format!("{}{suffix}.md", a.slug)),
                &format!(
                    "+++\ntitle = {title:?}\ndate = {}\n[taxonomies]\ncities = {cities}\ntopics = {topics}\n+++\n{body}",
                    a.date
                ),
            )?;
        }
    }
    Ok(())
}

fn main() {
    let run = || -> Result<(), String> {
        let args = args()?;
        let mut rng = fastrand::Rng::with_seed(args.seed);
        let articles: Vec<Article> = (0..args.articles)
            .map(|i| article(i, args.articles, &mut rng))
            .collect();
        if args.out.exists() {
            fs::remove_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
        }
        shanshui_site(&args.out, &articles, &mut rng)?;
        if let Some(hugo) = &args.hugo {
            if hugo.exists() {
                fs::remove_dir_all(hugo).map_err(|e| format!("{}: {e}", hugo.display()))?;
            }
            hugo_site(hugo, &articles)?;
        }
        if let Some(zola) = &args.zola {
            if zola.exists() {
                fs::remove_dir_all(zola).map_err(|e| format!("{}: {e}", zola.display()))?;
            }
            zola_site(zola, &articles)?;
        }
        println!(
            "wrote {} bilingual articles to {}",
            articles.len(),
            args.out.display()
        );
        Ok(())
    };
    if let Err(err) = run() {
        eprintln!("error: {err}");
        std::process::exit(1);
    }
}
