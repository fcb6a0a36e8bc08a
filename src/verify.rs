//! The `check` stage: what a build does not need to know but an editor does. Links and
//! images that lead nowhere, links to drafts, untranslated articles, scaffold text left
//! in, indicators without figures. Runs on the site the model could make, broken
//! articles left out, so one run reports every independent problem.

use crate::diag::{Diagnostic, Diagnostics};
use crate::load;
use crate::model::{ArticleText, Lang, Site};
use crate::pipeline::{self, BuildOptions, PartialInputs};
use crate::render::{self, markdown, Renderer};
use crate::route::{Route, Urls};
use std::collections::BTreeSet;
use std::path::Path;

/// What `check` found.
pub struct Report {
    pub diagnostics: Diagnostics,
    /// How many articles and indicators were valid enough to be checked.
    pub articles: usize,
    pub indicators: usize,
}

/// Everything `build` checks, and the checks below, in one run: the templates, the
/// content, then links and the rest on whatever part of the site is valid, and every
/// page rendered in memory when the content has no errors (a template may name a
/// variable that does not exist, which only rendering finds).
pub fn verify(root: &Path) -> Report {
    let opts = BuildOptions {
        drafts: true,
        ..BuildOptions::new(root)
    };
    let (raw, read_problems) = load::load(&root.join("content"));
    let PartialInputs {
        site,
        templates,
        mut diagnostics,
    } = pipeline::read_inputs(&raw, read_problems, &opts);
    let content_ok = !diagnostics.has_errors();
    if let Some(site) = &site {
        let broken: BTreeSet<String> = raw
            .articles
            .iter()
            .map(|a| a.slug.clone())
            .chain(raw.unreadable_articles.iter().map(|(slug, _)| slug.clone()))
            .filter(|slug| site.article(slug).is_none())
            .collect();
        diagnostics.extend(check_site(site, &broken, root));
        diagnostics.extend(publishing_gate(&raw, site));
        if let (Some(templates), true) = (&templates, content_ok) {
            if let Err(d) = Renderer::new(site, templates).render_all(&|_, _| {}) {
                diagnostics.extend(d);
            }
        }
    }
    Report {
        diagnostics: diagnostics.sorted(),
        articles: site.as_ref().map_or(0, |s| s.articles.len()),
        indicators: site.as_ref().map_or(0, |s| s.indicators.len()),
    }
}

/// An article set to publish that still holds what import left for the editor: its notes,
/// the placeholder title, or (in English) Chinese text. A draft may hold them.
fn publishing_gate(raw: &load::RawContent, site: &Site) -> Diagnostics {
    let mut diags = Diagnostics::default();
    for file in &raw.articles {
        let front = &file.front;
        // A translation inherits the draft flag of its Chinese original.
        let draft = site
            .article(&file.slug)
            .map_or(front.value.draft, |a| a.draft);
        let title = front.value.title.as_deref().unwrap_or_default();
        let problems = crate::editorial::publishing_gate(
            draft,
            file.lang == "en",
            title,
            &front.yaml,
            &file.body,
        );
        for problem in problems {
            // Each problem at the line it is about: the notes, the title, or the file.
            let line = if problem.contains(crate::import::NOTES_MARK) {
                front.line_containing(crate::import::NOTES_MARK)
            } else if problem.contains(crate::import::PLACEHOLDER_TITLE) {
                front.line_of_key("title")
            } else {
                file.body_line
            };
            diags.push(
                front
                    .error_at(line, problem)
                    .hint("set draft: true to keep working on it, or finish it first"),
            );
        }
    }
    diags
}

/// The checks beyond the build's own.
pub fn check_site(site: &Site, broken: &BTreeSet<String>, root: &Path) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let mut pages: BTreeSet<String> = render::page_paths(site).into_iter().collect();
    // Articles that exist but are broken are reported themselves, not at every link to them.
    for slug in broken {
        for lang in Lang::ALL {
            pages.insert(Route::Article(slug).path(lang));
        }
    }
    let urls = Urls::new(&site.config);
    for article in &site.articles {
        if article.en.is_none() {
            diags.push(
                Diagnostic::warning(&article.zh.path, 0, "no English translation yet").hint(
                    format!(
                        "add {}.en.md beside it: copy the front matter of the .zh.md file and translate it (ids, date and draft stay the same)",
                        article.slug
                    ),
                ),
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
                            format!("`{key}` still holds the scaffold's placeholder"),
                        )
                        .hint("replace it with the real text, or delete the key if it is optional"),
                    );
                }
            }
            let rendered = markdown::render(
                &text.body,
                &markdown::MarkdownOptions {
                    allow_html: site.config.allow_html,
                    base_path: "/",
                },
            );
            let here = Route::Article(&article.slug).path(lang);
            let ids: BTreeSet<&str> = rendered.toc.iter().map(|h| h.id.as_str()).collect();
            // Refused targets (javascript: and the like) are reported by rendering.
            let allowed = |t: &&String| markdown::is_allowed_link_target(t);
            for link in rendered.links.iter().filter(allowed) {
                if let Some(problem) = link_problem(urls, link, &here, &pages, &ids) {
                    diags.push(located(text, link, problem.0).hint(problem.1));
                } else if let Some(target) =
                    linked_draft(site, urls, link, &here).filter(|_| !article.draft)
                {
                    diags.push(
                        located(
                            text,
                            link,
                            format!("link to the draft `{target}`, which will not be published"),
                        )
                        .hint("publish that article first (draft: false), or remove the link"),
                    );
                }
            }
            for image in rendered.images.iter().filter(allowed) {
                let Some(target) = urls.resolve(image, &here) else {
                    continue;
                };
                let exists = target.strip_prefix("static/").is_some_and(|rest| {
                    root.join("static").join(rest).is_file()
                        || crate::output::DEFAULT_STATIC
                            .iter()
                            .any(|(n, _)| *n == rest)
                });
                if !exists {
                    diags.push(
                        located(text, image, format!("image `{image}` does not exist"))
                            .hint("put images in static/ and write them as /static/<file name>"),
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
                    format!("indicator `{}` has no observations", ind.id),
                )
                .hint("add figures under `observations:` or delete the file"),
            );
        }
        for obs in &ind.observations {
            if site.article(&obs.source).is_some_and(|a| a.draft) {
                let line = crate::diag::line_containing(
                    &std::fs::read_to_string(&ind.path).unwrap_or_default(),
                    &format!("source: {}", obs.source),
                )
                .unwrap_or(0);
                diags.push(
                    Diagnostic::warning(&ind.path, line, format!("observation cites the draft `{}`", obs.source))
                        .hint("the figure's link will be missing until the article is published (draft: false)"),
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
    pages: &BTreeSet<String>,
    ids: &BTreeSet<&str>,
) -> Option<(String, String)> {
    let target = urls.resolve(link, here)?;
    let (path, fragment) = link
        .split_once('#')
        .map_or((link, None), |(p, f)| (p, Some(f)));
    if path.is_empty() {
        let fragment = fragment.unwrap_or("");
        return (!fragment.is_empty() && !ids.contains(fragment)).then(|| {
            (
                format!("link to `#{fragment}`, which is no heading of this article"),
                format!(
                    "headings here: {}",
                    ids.iter().copied().collect::<Vec<_>>().join(", ")
                ),
            )
        });
    }
    if pages.contains(&target) {
        return None;
    }
    let hint = if pages.contains(&format!("{target}/")) {
        format!("page URLs end in `/`: write {path}/")
    } else {
        format!(
            "write links from the site root, e.g. /{} or /{}",
            Route::Article("<slug>").path(Lang::Zh),
            Route::City("<id>", 0).path(Lang::En)
        )
    };
    Some((
        format!("link to `{link}`, which is no page of the site"),
        hint,
    ))
}

/// A diagnostic at the place in the article's file where `needle` is written.
fn located(text: &ArticleText, needle: &str, message: String) -> Diagnostic {
    let found = text.body.lines().enumerate().find_map(|(i, l)| {
        // The column counts characters, as every other diagnostic's does.
        l.find(&format!("]({needle}"))
            .map(|c| (i, l[..c].chars().count() + 3))
    });
    let (line, col) = found.map_or((text.body_line, 0), |(i, c)| (text.body_line + i, c));
    let source = text
        .body
        .lines()
        .nth(line.saturating_sub(text.body_line))
        .unwrap_or("")
        .to_owned();
    Diagnostic {
        source_line: Some(source),
        ..Diagnostic::error(&text.path, line, message).col(col)
    }
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
        let pages: BTreeSet<String> = ["articles/a/", ""].into_iter().map(String::from).collect();
        let ids = BTreeSet::from(["h"]);
        let problem = |link| link_problem(urls, link, "articles/b/", &pages, &ids);
        assert!(problem("/articles/a/").is_none());
        assert!(problem("../a/").is_none());
        assert!(problem("https://x.org").is_none());
        assert!(problem("#h").is_none());
        assert!(problem("#nope").is_some());
        let (_, hint) = problem("/articles/a").unwrap();
        assert!(hint.contains("end in `/`"));
        assert!(problem("/articles/zzz/").is_some());
    }

    #[test]
    fn link_columns_count_characters() {
        let text = ArticleText {
            title: String::new(),
            subtitle: None,
            source: Default::default(),
            reporters: Vec::new(),
            people: Vec::new(),
            summary: None,
            body: "第一行\n参见[汾河](/articles/nope/)。\n".into(),
            path: "x.zh.md".into(),
            body_line: 10,
        };
        let d = located(&text, "/articles/nope/", "x".into());
        // 参见[汾河]( is five characters and two more before the link's own first one.
        assert_eq!((d.line, d.col), (11, 8));
    }
}
