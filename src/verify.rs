//! The `check` stage: what a build does not need to know but an editor does. Links and
//! images that lead nowhere, links to drafts, untranslated articles, scaffold text left
//! in, indicators without figures. Runs on the site the model could make, broken
//! articles left out, so one run reports every independent problem; the links of every
//! article file that could be read are checked, broken or not.
//!
//! Each article body is rendered once: what rendering saw (links with their positions,
//! heading anchors) is checked here, and the same bodies go into the page renderer.

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{self, RawArticleFile};
use crate::messages;
use crate::model::{Lang, Site};
use crate::output::OutputFile;
use crate::pipeline::{self, BuildOptions};
use crate::render;
use crate::render::bodies::{self, Bodies, BodyText};
use crate::render::markdown::Link;
use crate::route::{self, Route, Urls};
use std::collections::BTreeSet;
use std::path::Path;

/// What `check` found.
pub struct Report {
    pub diagnostics: Diagnostics,
    /// How many articles and indicators were valid enough to be checked.
    pub articles: usize,
    pub indicators: usize,
}

/// The build's own stages, run by the same conductor (so what fails `build` fails
/// here), and the checks below on whatever part of the site is valid. Drafts are
/// checked as if published.
pub fn verify(root: &Path) -> Report {
    let opts = BuildOptions {
        drafts: true,
        ..BuildOptions::new(root)
    };
    let (raw, read_problems) = load::load(&root.join("content"));
    let inputs = pipeline::read_inputs(&raw, read_problems, &opts);
    let texts: Vec<BodyText> = raw.articles.iter().map(body_text).collect();
    let bodies = (inputs.site.as_ref()).map(|site| Bodies::render(&site.config, &texts));
    let renders = inputs.templates.is_some() && !inputs.diagnostics.has_errors();
    let prepared =
        pipeline::render_and_assemble(&opts, inputs, bodies.as_ref(), &|_, _| {}, Vec::new());
    let mut diagnostics = prepared.diagnostics;
    if let (Some(site), Some(bodies)) = (&prepared.site, &bodies) {
        let targets = Targets::new(&raw, site, &prepared.files);
        diagnostics.extend(check_site(&raw, site));
        diagnostics.extend(check_links(&raw, site, bodies, &targets, root));
        // Rendering reported what it found in the bodies of the articles in the site;
        // the others' (and all of them when no page was rendered) are said here.
        let rendered: BTreeSet<&Path> = site
            .articles
            .iter()
            .flat_map(|a| Lang::ALL.map(|l| a.text(l).map(|t| t.path.as_path())))
            .flatten()
            .filter(|_| renders)
            .collect();
        for text in texts.iter().filter(|t| !rendered.contains(t.path)) {
            if let Some(body) = bodies.get(text.path) {
                diagnostics.0.extend(bodies::body_errors(*text, body));
            }
        }
    }
    let site = prepared.site.as_ref();
    Report {
        diagnostics: diagnostics.sorted(),
        articles: site.map_or(0, |s| s.articles.len()),
        indicators: site.map_or(0, |s| s.indicators.len()),
    }
}

/// What a link inside the site may name.
struct Targets {
    /// Every page (`articles/x/`), those of articles that exist but are broken included:
    /// those are reported themselves, not at every link to them.
    pages: BTreeSet<String>,
    /// Every other file of the output (`feed.xml`, `data/indicators.csv`, a PDF in
    /// `static/`); `None` when errors elsewhere stopped the build before the output was
    /// assembled, and links to files are then not judged.
    files: Option<BTreeSet<String>>,
}

impl Targets {
    fn new(raw: &load::RawContent, site: &Site, output: &[OutputFile]) -> Self {
        let mut pages: BTreeSet<String> = render::page_paths(site).into_iter().collect();
        let broken = raw
            .articles
            .iter()
            .map(|a| &a.slug)
            .chain(raw.unreadable_articles.iter().map(|(slug, _)| slug))
            .filter(|slug| site.article(slug).is_none());
        for slug in broken {
            for lang in Lang::ALL {
                pages.insert(Route::Article(slug).path(lang));
            }
        }
        let files = (!output.is_empty()).then(|| output.iter().map(|f| f.path.clone()).collect());
        Targets { pages, files }
    }

    /// Whether a site-relative path names a page or a file of the site.
    fn contains(&self, target: &str) -> bool {
        if self.pages.contains(target) {
            return true;
        }
        match &self.files {
            Some(files) => files.contains(target),
            // Not known: only what would be a page is judged.
            None => target
                .rsplit('/')
                .next()
                .is_some_and(|last| last.contains('.')),
        }
    }
}

fn body_text(file: &RawArticleFile) -> BodyText<'_> {
    BodyText {
        path: &file.front.path,
        body: &file.body,
        body_line: file.body_line,
        lang: file.lang,
    }
}

/// The checks beyond the build's own, but for links.
pub fn check_site(raw: &load::RawContent, site: &Site) -> Diagnostics {
    let mut diags = Diagnostics::default();
    for article in &site.articles {
        if article.en.is_none() {
            diags.push(
                Diagnostic::warning(&article.zh.path, 0, messages::NO_TRANSLATION.both(&[]))
                    .hint(messages::NO_TRANSLATION_HINT.both(&[("slug", &article.slug)])),
            );
        }
        for lang in Lang::ALL {
            let Some(text) = article.text(lang) else {
                continue;
            };
            let fields = [
                ("title", Some(&text.title)),
                ("subtitle", text.subtitle.as_ref()),
                ("summary", text.summary.as_ref()),
                ("source.publication", text.source.publication.as_ref()),
                ("source.page_title", text.source.page_title.as_ref()),
            ];
            for (key, value) in fields {
                if value.is_some_and(|v| SCAFFOLD_PLACEHOLDERS.contains(&v.trim())) {
                    diags.push(
                        Diagnostic::warning(
                            &text.path,
                            0,
                            messages::SCAFFOLD_PLACEHOLDER.both(&[("key", &key)]),
                        )
                        .hint(messages::SCAFFOLD_PLACEHOLDER_HINT.both(&[])),
                    );
                }
            }
        }
    }
    for ind in &site.indicators {
        if ind.observations.is_empty() {
            diags.push(
                Diagnostic::warning(
                    &ind.path,
                    0,
                    messages::NO_OBSERVATIONS.both(&[("id", &ind.id)]),
                )
                .hint(messages::NO_OBSERVATIONS_HINT.both(&[])),
            );
        }
    }
    for file in &raw.indicators {
        for (i, obs) in file.value.observations.iter().enumerate() {
            if site.article(&obs.source).is_some_and(|a| a.draft) {
                let line = file.item_position("observations", i).0;
                diags.push(
                    Diagnostic::warning(
                        &file.path,
                        line,
                        messages::OBSERVATION_CITES_DRAFT.both(&[("source", &obs.source)]),
                    )
                    .hint(messages::OBSERVATION_CITES_DRAFT_HINT.both(&[])),
                );
            }
        }
    }
    diags
}

/// The links and images of every article file that could be read, as rendering recorded
/// them.
fn check_links(
    raw: &load::RawContent,
    site: &Site,
    bodies: &Bodies,
    targets: &Targets,
    root: &Path,
) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let urls = Urls::new(&site.config);
    for file in &raw.articles {
        let lang = file.lang;
        let text = body_text(file);
        let Some(rendered) = bodies.get(text.path) else {
            continue;
        };
        // A translation inherits the draft flag of its Chinese original.
        let draft = site
            .article(&file.slug)
            .map_or(file.front.value.draft, |a| a.draft);
        let here = Route::Article(&file.slug).path(lang);
        let ids: BTreeSet<&str> = rendered.toc.iter().map(|h| h.id.as_str()).collect();
        // Refused targets (javascript: and the like) are reported by rendering.
        let allowed = |l: &&Link| route::is_allowed_link_target(&l.target);
        for link in rendered.links.iter().filter(allowed) {
            if let Some((problem, hint)) = link_problem(urls, &link.target, &here, targets, &ids) {
                diags.push(bodies::at_link(text, link, problem).hint(hint));
            } else if let Some(target) =
                linked_draft(site, urls, &link.target, &here).filter(|_| !draft)
            {
                diags.push(
                    bodies::at_link(
                        text,
                        link,
                        messages::LINK_TO_DRAFT.both(&[("target", &target)]),
                    )
                    .hint(messages::LINK_TO_DRAFT_HINT.both(&[])),
                );
            }
        }
        for image in rendered.images.iter().filter(allowed) {
            let Some(target) = urls.resolve(&image.target, &here) else {
                continue;
            };
            let exists = target
                .strip_prefix(crate::route::STATIC_DIR)
                .is_some_and(|rest| {
                    root.join("static").join(rest).is_file()
                        || crate::output::DEFAULT_STATIC
                            .iter()
                            .any(|(n, _)| *n == rest)
                });
            if !exists {
                diags.push(
                    bodies::at_link(
                        text,
                        image,
                        messages::NO_IMAGE.both(&[("image", &image.target)]),
                    )
                    .hint(messages::NO_IMAGE_HINT.both(&[])),
                );
            }
        }
    }
    diags
}

/// Texts that `shanshui new` writes as placeholders.
const SCAFFOLD_PLACEHOLDERS: &[&str] = &[
    "标题",
    "副标题",
    "报纸名称",
    "版面标题",
    "一两句话的摘要。",
    "Title",
    "Subtitle",
    "Publication name",
    "Page title",
    "One or two sentences.",
];

/// The slug of a draft article that `link` points to, if it does.
fn linked_draft(site: &Site, urls: Urls, link: &str, here: &str) -> Option<String> {
    let target = urls.resolve(link, here)?;
    let (_, Route::Article(slug)) = Route::parse(&target)? else {
        return None;
    };
    site.article(slug)
        .filter(|a| a.draft)
        .map(|a| a.slug.clone())
}

/// What is wrong with a link, and what to do, or `None`.
fn link_problem(
    urls: Urls,
    link: &str,
    here: &str,
    targets: &Targets,
    ids: &BTreeSet<&str>,
) -> Option<(messages::Said, messages::Said)> {
    let target = urls.resolve(link, here)?;
    let (path, fragment) = link
        .split_once('#')
        .map_or((link, None), |(p, f)| (p, Some(f)));
    if path.is_empty() {
        let fragment = fragment.unwrap_or("");
        return (!fragment.is_empty() && !ids.contains(fragment)).then(|| {
            let headings = ids.iter().copied().collect::<Vec<_>>().join(", ");
            (
                messages::NO_SUCH_HEADING.both(&[("fragment", &fragment)]),
                messages::HEADINGS_HERE.both(&[("ids", &headings)]),
            )
        });
    }
    if targets.contains(&target) {
        return None;
    }
    let hint = if targets.pages.contains(&format!("{target}/")) {
        messages::PAGE_URL_SLASH_HINT.both(&[("path", &path)])
    } else {
        messages::SITE_ROOT_LINK_HINT.both(&[
            ("article", &Route::Article("<slug>").path(Lang::Zh)),
            ("city", &Route::City("<id>", 0).path(Lang::En)),
        ])
    };
    Some((messages::NO_SUCH_PAGE.both(&[("link", &link)]), hint))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_links_are_found_with_a_hint() {
        let both = crate::model::Bilingual {
            zh: String::new(),
            en: String::new(),
        };
        let config = crate::model::Config {
            title: both.clone(),
            description: None,
            publisher: both,
            base_url: "https://a.cn/".into(),
            base_path: "/".into(),
            allow_html: false,
            key_indicators: Vec::new(),
            map_indicator: None,
            contact: None,
        };
        let urls = Urls::new(&config);
        let set = |paths: &[&str]| paths.iter().map(|p| p.to_string()).collect();
        let targets = Targets {
            pages: set(&["articles/a/", ""]),
            files: Some(set(&[
                "feed.xml",
                "data/indicators.csv",
                "static/report.pdf",
            ])),
        };
        let ids = BTreeSet::from(["h"]);
        let problem = |link| link_problem(urls, link, "articles/b/", &targets, &ids);
        assert!(problem("/articles/a/").is_none());
        assert!(problem("../a/").is_none());
        assert!(problem("https://x.org").is_none());
        assert!(problem("#h").is_none());
        assert!(problem("#nope").is_some());
        let (_, hint) = problem("/articles/a").unwrap();
        assert!(hint.en.contains("end in `/`"));
        assert!(problem("/articles/zzz/").is_some());
        // Files the site serves are no broken links; files it does not serve are.
        for served in [
            "/feed.xml",
            "/data/indicators.csv",
            "/static/report.pdf",
            "../../feed.xml",
        ] {
            assert!(problem(served).is_none(), "{served}");
        }
        assert!(problem("/data/nope.csv").is_some());
        // A scheme is read as browsers read it, whatever its case.
        for outside in ["HTTPS://x.org/", "Mailto:a@b.cn", "hTTp://x.org"] {
            assert!(problem(outside).is_none(), "{outside}");
        }
        // Without the output (errors elsewhere), links to files are not judged; pages are.
        let unknown = Targets {
            files: None,
            ..targets
        };
        assert!(link_problem(urls, "/data/x.csv", "articles/b/", &unknown, &ids).is_none());
        assert!(link_problem(urls, "/articles/zzz/", "articles/b/", &unknown, &ids).is_some());
    }
}
