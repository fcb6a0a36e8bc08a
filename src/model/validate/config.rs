//! site.yaml → `Config`: languages, title, base URL.

use super::*;
use crate::diag::Diagnostics;
use crate::load::raw::*;
use crate::load::Located;
use crate::messages as M;

pub(super) fn validate_config(
    site: &Located<RawSite>,
    opts: &ModelOptions,
    diags: &mut Diagnostics,
) -> Option<Config> {
    let raw = &site.value;
    let mut ok = true;
    if let Some(default) = &raw.default_language {
        if Lang::from_code(default) != Some(Lang::ALL[0]) {
            ok = false;
            diags.push(
                site.error_at(
                    site.line_of_key("default_language"),
                    M::UNSUPPORTED_DEFAULT_LANGUAGE.both(&[("code", &default)]),
                )
                .hint(M::DEFAULT_LANGUAGE_HINT.both(&[])),
            );
        }
    }
    if let Some(langs) = &raw.languages {
        let read: Vec<Option<Lang>> = langs.iter().map(|c| Lang::from_code(c)).collect();
        if read != Lang::ALL.map(Some) {
            ok = false;
            diags.push(
                site.error_at(
                    site.line_of_key("languages"),
                    M::UNSUPPORTED_LANGUAGES.both(&[("codes", &format!("{langs:?}"))]),
                )
                .hint(M::LANGUAGES_HINT.both(&[])),
            );
        }
    }
    // A `--base-url` given on the command line was checked there (`BaseUrl::parse`).
    let base = match &opts.base_url {
        Some(given) => Some(given.clone()),
        None => match BaseUrl::parse(&raw.base_url) {
            Ok(b) => Some(b),
            Err(why) => {
                diags.push(
                    site.error_at(
                        site.line_of_key("base_url"),
                        M::INVALID_BASE_URL.both(&[("url", &raw.base_url), ("why", &why)]),
                    )
                    .hint(M::BASE_URL_HINT.both(&[])),
                );
                None
            }
        },
    };
    let contact = raw.contact.as_deref().and_then(|text| {
        Contact::parse(text)
            .map_err(|why| {
                ok = false;
                diags.push(
                    site.error_at(
                        site.line_of_key("contact"),
                        M::INVALID_CONTACT.both(&[("contact", &text), ("why", &why)]),
                    )
                    .hint(M::CONTACT_HINT.both(&[])),
                );
            })
            .ok()
    });
    let BaseUrl {
        url: base_url,
        path: base_path,
    } = base?;
    ok.then(|| Config {
        title: bilingual(&raw.title),
        description: raw.description.as_ref().map(bilingual),
        publisher: raw
            .publisher
            .as_ref()
            .map_or_else(|| bilingual(&raw.title), bilingual),
        base_url,
        base_path,
        allow_html: raw.allow_html,
        key_indicators: raw.key_indicators.clone().unwrap_or_default(),
        map_indicator: raw.map_indicator.clone(),
        contact,
    })
}
