//! Article bodies: the Markdown of each article file rendered once, with what rendering
//! saw (links and images with their positions, the headings' anchors). `check` reads
//! them, and hands them to the page renderer, so no body is rendered twice.

use super::markdown::{self, Link, Rendered};
use crate::diag::Diagnostic;
use crate::model::{Config, Lang};
use crate::route::{Route, Urls};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The Markdown of one article file, and where it stands in the file.
#[derive(Debug, Clone, Copy)]
pub struct BodyText<'a> {
    pub path: &'a Path,
    pub body: &'a str,
    /// Line of the file where the body starts.
    pub body_line: usize,
    /// The language of the page it is shown on.
    pub lang: Lang,
}

impl<'a> BodyText<'a> {
    pub fn of(text: &'a crate::model::ArticleText, lang: Lang) -> Self {
        BodyText {
            path: &text.path,
            body: &text.body,
            body_line: text.body_line,
            lang,
        }
    }
}

/// Rendered bodies by the path of their file.
#[derive(Default)]
pub struct Bodies(BTreeMap<PathBuf, Rendered>);

impl Bodies {
    /// Renders every text, in parallel, as the site's pages show them.
    pub fn render(config: &Config, texts: &[BodyText]) -> Self {
        Bodies(
            texts
                .par_iter()
                .map(|t| (t.path.to_path_buf(), render_body(config, t.body, t.lang)))
                .collect(),
        )
    }

    pub fn get(&self, path: &Path) -> Option<&Rendered> {
        self.0.get(path)
    }
}

/// One article body rendered as its page shows it.
pub fn render_body(config: &Config, body: &str, lang: Lang) -> Rendered {
    markdown::render(
        body,
        &markdown::MarkdownOptions {
            allow_html: config.allow_html,
            base_path: Urls::new(config).base_path(),
            // Chinese inside a page in another language is marked as Chinese.
            mark_chinese: (lang != Lang::Zh).then_some(Lang::Zh.tag()),
        },
    )
}

/// The errors rendering found in a body: nesting too deep, or link targets refused.
pub fn body_errors(text: BodyText, rendered: &Rendered) -> Vec<Diagnostic> {
    if let Some(line) = rendered.too_deep {
        let line = text.body_line + line - 1;
        return vec![markdown::too_deep_error(text.path, line)];
    }
    rendered
        .refused()
        .map(|link| {
            at_link(
                text,
                link,
                crate::messages::REFUSED_LINK.both(&[("target", &link.target)]),
            )
            .hint(
                crate::messages::REFUSED_LINK_HINT
                    .both(&[("article", &Route::Article("<slug>").path(Lang::Zh))]),
            )
        })
        .collect()
}

/// An error at a link of the body, showing its line.
pub fn at_link(
    text: BodyText,
    link: &Link,
    message: impl Into<crate::messages::Said>,
) -> Diagnostic {
    Diagnostic {
        // Cut from around the link, not found by counting lines: a body of one line
        // holding 500,000 refused links is read once, and each message stays short.
        source_line: Some(crate::diag::excerpt_at(text.body, link.offset).into()),
        ..Diagnostic::error(text.path, text.body_line + link.line - 1, message).col(link.col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_errors_stand_at_the_file_line_and_character_column() {
        let body = "第一行\n参见[汾河](/articles/nope/)。\n";
        let text = BodyText {
            path: Path::new("x.zh.md"),
            body,
            body_line: 10,
            lang: Lang::Zh,
        };
        let rendered = markdown::render(
            body,
            &markdown::MarkdownOptions {
                allow_html: false,
                base_path: "/",
                mark_chinese: None,
            },
        );
        let d = at_link(text, &rendered.links[0], "x");
        assert_eq!((d.line, d.col), (11, 8));
        assert_eq!(
            d.source_line.as_deref(),
            Some("参见[汾河](/articles/nope/)。")
        );
    }
}
