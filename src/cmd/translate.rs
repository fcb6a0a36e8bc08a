//! `shanshui translate <slug>`: writes the English file of an existing Chinese article
//! for a translator: the front matter carried over as a draft, the Chinese body to
//! translate paragraph by paragraph, and the figures and places of the text listed with
//! the English names the portal uses.

use super::{error, hint};
use crate::cli::TranslateArgs;
use crate::diag::Diagnostics;
use crate::import::english::scaffold;
use crate::import::Registry;
use crate::load::raw::{RawCity, RawTopic};
use crate::messages::*;
use std::path::{Path, PathBuf};

pub fn run(root: &Path, args: TranslateArgs) -> bool {
    let zh = zh_path(root, &args.article);
    let Some(slug) = zh
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".zh.md"))
    else {
        error(&TRANSLATE_NOT_CHINESE.say(&[("path", &args.article)]));
        return false;
    };
    let en = zh.with_file_name(format!("{slug}.en.md"));
    if en.exists() {
        error(&ALREADY_EXISTS.say(&[("path", &en.display())]));
        hint(&TRANSLATE_EDIT_IT.say(&[]));
        return false;
    }
    let text = match std::fs::read_to_string(&zh) {
        Ok(t) => t,
        Err(e) => {
            error(&FILE_PROBLEM.say(&[("path", &zh.display()), ("why", &e)]));
            return false;
        }
    };
    let content = root.join("content");
    let mut diags = Diagnostics::default();
    let cities: Vec<RawCity> =
        super::import::read_yaml(&content.join("cities.yaml"), &mut diags).unwrap_or_default();
    let topics: Vec<RawTopic> =
        super::import::read_yaml(&content.join("topics.yaml"), &mut diags).unwrap_or_default();
    crate::eprint_escaped!("{diags}");
    let scaffold = match scaffold(&text, &cities, &Registry::new(&cities, &topics)) {
        Ok(s) => s,
        Err(why) => {
            error(&FILE_PROBLEM.say(&[("path", &zh.display()), ("why", &why)]));
            return false;
        }
    };
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&en)
        .and_then(|mut f| std::io::Write::write_all(&mut f, scaffold.as_bytes()));
    if let Err(e) = written {
        error(&CANNOT_WRITE.say(&[("path", &en.display()), ("why", &e)]));
        return false;
    }
    crate::println_escaped!("{}", CREATED.say(&[("path", &en.display())]));
    crate::println_escaped!("{}", TRANSLATE_NEXT.say(&[]));
    true
}

/// `taiyuan-air` → `content/articles/taiyuan-air.zh.md`; a path is taken as it is.
fn zh_path(root: &Path, article: &str) -> PathBuf {
    if article.ends_with(".md") {
        PathBuf::from(article)
    } else {
        root.join("content/articles")
            .join(format!("{article}.zh.md"))
    }
}
