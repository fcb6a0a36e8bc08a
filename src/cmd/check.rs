use crate::cli::{CheckArgs, Format};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Lang, Site};
use crate::pipeline::{self, BuildOptions};
use crate::render::{self, markdown, templates};
use std::collections::BTreeSet;
use std::path::Path;

/// Validates everything `build` does, plus links, images, translations and indicator
/// data, and writes nothing. Errors give exit 1; warnings do not.
pub fn run(root: &Path, args: CheckArgs) -> bool {
    let opts = BuildOptions {
        drafts: true,
        ..BuildOptions::new(root)
    };
    let mut diags = Diagnostics::default();
    let tera = templates::load_templates(&root.join("templates"))
        .map_err(|d| diags.extend(d))
        .ok();
    let ui_keys = tera.as_ref().map(templates::Templates::ui_keys);
    let (raw, read_problems) = crate::load::load(&root.join("content"));
    let site = match pipeline::site_from_raw(&raw, read_problems, &opts, ui_keys) {
        Ok((site, warnings)) => {
            diags.extend(warnings);
            Some(site)
        }
        Err(d) => {
            diags.extend(d);
            None
        }
    };
    if let Some(site) = &site {
        diags.extend(check_site(site, root));
        // Render every page in memory too, as build would: a template may use a
        // variable that does not exist, which only rendering finds.
        if let Some(tera) = &tera {
            if let Err(d) = render::Renderer::new(site, tera).render_all(&|_, _| {}) {
                diags.extend(d);
            }
        }
    }
    let diags = diags.sorted();
    let errors = diags.error_count();
    let warnings = diags.0.len() - errors;
    match args.format {
        Format::Json => {
            let report = serde_json::json!({ "errors": errors, "warnings": warnings, "diagnostics": diags.0 });
            println!(
                "{}",
                serde_json::to_string_pretty(&report).unwrap_or_default()
            );
        }
        Format::Text => {
            eprint!("{diags}");
            let (articles, indicators) = site
                .as_ref()
                .map_or((0, 0), |s| (s.articles.len(), s.indicators.len()));
            println!(
                "检查完毕 / checked {articles} articles, {indicators} indicators: {errors} 个错误 / error(s), {warnings} 个提醒 / warning(s)"
            );
        }
    }
    errors == 0
}

/// The checks beyond the build's own.
pub fn check_site(site: &Site, root: &Path) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let pages: BTreeSet<String> = render::page_paths(site).into_iter().collect();
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
            let here = format!("{}articles/{}/", lang.prefix(), article.slug);
            let ids: BTreeSet<&str> = rendered.toc.iter().map(|h| h.id.as_str()).collect();
            // Refused targets (javascript: and the like) are reported by rendering.
            let allowed = |t: &&String| markdown::is_allowed_link_target(t);
            for link in rendered.links.iter().filter(allowed) {
                if let Some(problem) = link_problem(link, &here, &pages, &ids) {
                    diags.push(located(text, link, problem.0).hint(problem.1));
                } else if let Some(target) =
                    linked_draft(site, link, &here).filter(|_| !article.draft)
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
                if is_external(image) {
                    continue;
                }
                let target = resolve(image, &here);
                let exists = target.strip_prefix("static/").is_some_and(|rest| {
                    root.join("static").join(rest).is_file()
                        || templates::DEFAULT_STATIC.iter().any(|(n, _)| *n == rest)
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
fn linked_draft(site: &Site, link: &str, here: &str) -> Option<String> {
    let target = resolve(link.split('#').next().unwrap_or(link), here);
    let slug = target
        .trim_start_matches("en/")
        .strip_prefix("articles/")?
        .trim_end_matches('/');
    site.article(slug)
        .filter(|a| a.draft)
        .map(|a| a.slug.clone())
}

fn is_external(url: &str) -> bool {
    ["http://", "https://", "mailto:", "tel:", "//"]
        .iter()
        .any(|p| url.starts_with(p))
}

/// `/a/b/` → `a/b/`; `../x/` relative to `articles/y/` → `articles/x/`.
fn resolve(url: &str, here: &str) -> String {
    let (base, rest) = match url.strip_prefix('/') {
        Some(rest) => (Vec::new(), rest),
        None => (
            here.split('/')
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>(),
            url,
        ),
    };
    let mut parts = base;
    for seg in rest.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if rest.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    out
}

/// What is wrong with a link, and what to do, or `None`.
fn link_problem(
    link: &str,
    here: &str,
    pages: &BTreeSet<String>,
    ids: &BTreeSet<&str>,
) -> Option<(String, String)> {
    if is_external(link) {
        return None;
    }
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
    let target = resolve(path, here);
    if pages.contains(&target) {
        return None;
    }
    let hint = if pages.contains(&format!("{target}/")) {
        format!("page URLs end in `/`: write {path}/")
    } else {
        "write links from the site root, e.g. /articles/<slug>/ or /en/cities/<id>/".to_owned()
    };
    Some((
        format!("link to `{link}`, which is no page of the site"),
        hint,
    ))
}

/// A diagnostic at the place in the article's file where `needle` is written.
fn located(text: &crate::model::ArticleText, needle: &str, message: String) -> Diagnostic {
    let found = text
        .body
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find(&format!("]({needle}")).map(|c| (i, c + 3)));
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
    fn links_resolve_from_the_root_and_relative_to_the_article() {
        assert_eq!(resolve("/articles/x/", "articles/y/"), "articles/x/");
        assert_eq!(resolve("../x/", "articles/y/"), "articles/x/");
        assert_eq!(resolve("../../en/cities/a/", "articles/y/"), "en/cities/a/");
        assert_eq!(resolve("/", "articles/y/"), "");
    }

    #[test]
    fn broken_links_are_found_with_a_hint() {
        let pages: BTreeSet<String> = ["articles/a/", ""].into_iter().map(String::from).collect();
        let ids = BTreeSet::from(["h"]);
        assert!(link_problem("/articles/a/", "articles/b/", &pages, &ids).is_none());
        assert!(link_problem("https://x.org", "articles/b/", &pages, &ids).is_none());
        assert!(link_problem("#h", "articles/b/", &pages, &ids).is_none());
        assert!(link_problem("#nope", "articles/b/", &pages, &ids).is_some());
        let (_, hint) = link_problem("/articles/a", "articles/b/", &pages, &ids).unwrap();
        assert!(hint.contains("end in `/`"));
        assert!(link_problem("/articles/zzz/", "articles/b/", &pages, &ids).is_some());
    }
}
