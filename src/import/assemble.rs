//! One draft from one piece of the page: headline, byline, body, places, topics and
//! figures put together, the notes for the editor written; and decks that strayed into
//! the article before them moved back.

use super::*;

/// The topic a draft gets when its text names none, if the portal has it.
const FALLBACK_TOPIC: &str = "policy";

pub(super) fn draft_from(
    mut piece: detect::Piece,
    page_year: Option<i32>,
    year_note: Option<&str>,
    cleaned: &web::Cleaned,
    registry: &Registry,
    opts: &ImportOptions,
) -> Draft {
    let meta = &cleaned.meta;
    let mut notes = std::mem::take(&mut piece.notes);
    let mut headline = detect::headline(&piece, &mut notes);
    if let Some((title, line)) = &meta.title {
        // The headline chosen on the web copy's evidence; what the layout took for one
        // is listed.
        if let Some(other) = headline.title.take().filter(|t| t != title) {
            notes.push(Note::new(
                *line,
                format!("已删去标题区的一行 / removed a line near the headline: {other}"),
            ));
        }
        if let Some(sub) = headline.subtitle.take() {
            if detect::is_deck(&piece, &sub) {
                headline.subtitle = Some(sub);
            } else {
                notes.push(Note::new(
                    *line,
                    format!("已删去标题区的一行 / removed a line near the headline: {sub}"),
                ));
            }
        }
        headline.title = Some(title.clone());
    }
    let first_para = piece.body.iter().find_map(|b| match b {
        Body::Para(t, _) => Some(t.as_str()),
        _ => None,
    });
    let opening = byline::dateline(first_para.unwrap_or(""));
    let (date, date_note) = dates::article_date(&piece, page_year, opts.date, meta.published);
    let people = people::people(&piece.body);
    let summary = detect::summary(&piece.body);
    let mut warnings = Vec::new();
    let plain = |s: &str| s.replace(input::BOLD, "");
    let summary = summary.map(|s| plain(&s));
    headline.subtitle = headline.subtitle.map(|s| plain(&s));
    let title = match headline.title.map(|t| plain(&t)) {
        Some(t) => t,
        None => {
            warnings.push("没有找到标题，暂用正文开头 / no headline found: the start of the text is used as the title".to_owned());
            let start: String = summary.as_deref().unwrap_or("").chars().take(20).collect();
            format!("{PLACEHOLDER_TITLE}{start}")
        }
    };
    let tag_text = format!(
        "{title}\n{}\n{}",
        headline.subtitle.as_deref().unwrap_or(""),
        paragraphs_text(&piece.body)
    );
    let mut topics: Vec<String> = tag::topics(&tag_text, registry)
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    if topics.is_empty() {
        // The portal's policy topic where it has one, else its first: a draft never names
        // a topic the registry lacks.
        let fallback = registry
            .topics
            .iter()
            .find(|t| t.id == FALLBACK_TOPIC)
            .or(registry.topics.first());
        match fallback {
            Some(t) => {
                topics.push(t.id.clone());
                warnings.push(format!(
                    "没有找到主题关键词，暂定 {id} / no topic keywords found: tagged `{id}`",
                    id = t.id
                ));
            }
            None => warnings.push(
                "topics.yaml 中没有主题，请先添加 / topics.yaml lists no topic: add one, then tag the draft"
                    .to_owned(),
            ),
        }
    }
    match (date, date_note) {
        (None, _) => warnings.push(
            "没有找到日期，请用 --date 指定 / no date found: pass --date YYYY[-MM[-DD]]".to_owned(),
        ),
        (Some(_), Some(note)) => {
            warnings.push(note);
            if opts.date.is_none() && meta.published.is_none() {
                warnings.extend(year_note.map(str::to_owned));
            }
        }
        (Some(_), None) if !lead_or_given(&piece, opts) && meta.published.is_none() => {
            warnings.extend(year_note.map(str::to_owned))
        }
        (Some(_), None) => {}
    }
    for b in &piece.body {
        if let Body::Para(t, line) = b {
            if text::ends_open(t) {
                warnings.push(
                    Note::new(*line, "这段没有以标点结束，可能是分栏断开 / the paragraph stops without punctuation: a column may have broken here").to_string(),
                );
            }
            for s in text::suspicious_chars(t) {
                warnings.push(
                    Note::new(*line, format!("可疑字符 / unusual character {s}")).to_string(),
                );
            }
        }
    }
    let last_para = piece.body.iter().rev().find_map(|b| match b {
        Body::Para(t, _) => Some(t.as_str()),
        _ => None,
    });
    if cleaned.cut_off || last_para.is_some_and(is_cut_off) {
        warnings.push("正文在句子中间结束，可能不完整，请找到全文 / the text ends mid-sentence: it may be cut off, find the full text".to_owned());
    }
    let mut reporters = piece.reporters;
    for name in meta.reporters.iter().chain(&opening.reporters) {
        if !reporters.contains(name) {
            reporters.push(name.clone());
        }
    }
    if reporters.is_empty() {
        warnings.push("没有找到记者署名 / no byline found".to_owned());
    }
    let publication = meta
        .publication
        .clone()
        .or(opening.agency)
        .or(piece
            .publication
            .take()
            .filter(|p| names_a_publication(p, registry)))
        .or_else(|| opts.publication.clone());
    warnings.extend(notes.iter().map(Note::to_string));
    let facts = tag::facts(&paragraphs_text(&piece.body));
    // Places and the slug are settled once decks have found their articles (`convert`).
    Draft {
        slug: String::new(),
        title,
        subtitle: headline.subtitle,
        date,
        cities: Vec::new(),
        topics,
        publication,
        page_title: headline.page_title,
        reporters,
        people,
        summary,
        body: piece.body,
        facts,
        warnings,
        source_file: opts.source_file.clone(),
        lines: (piece.first_line, piece.last_line),
    }
}

/// Whether the name before a `讯` is a publication (`科学导报讯`) rather than the
/// place the report was filed from (`大同讯`).
pub(super) fn names_a_publication(name: &str, registry: &Registry) -> bool {
    let place = registry
        .cities
        .iter()
        .any(|c| c.names.iter().any(|n| n == name));
    name.ends_with(['报', '社', '网', '台', '刊']) || (!place && name.chars().count() >= 4)
}

/// A text that ends where no sentence ends (`…`, a word) was cut off.
pub(super) fn is_cut_off(last: &str) -> bool {
    let mut t = last.trim_end();
    // A closing byline or end mark in brackets: `…。（完）`, `…。(记者 张三)`.
    if let Some(open) = t.rfind(['（', '(']) {
        if t.ends_with(['）', ')']) && t[open..].chars().count() <= 16 {
            t = t[..open].trim_end();
        }
    }
    !text::ends_sentence(t) || t.ends_with("……") || t.ends_with("...")
}

/// Whether the date came from the article's dateline or from `--date` (no guess).
pub(super) fn lead_or_given(piece: &detect::Piece, opts: &ImportOptions) -> bool {
    opts.date.is_some()
        || piece
            .body
            .iter()
            .find_map(|b| match b {
                Body::Para(t, _) => Some(dates::lead_date(t).is_some()),
                _ => None,
            })
            .unwrap_or(false)
}

/// Places named in the text, the most named first; the province only when nothing more
/// precise is named. With none named, the province (or the first place) and a warning.
pub(super) fn pick_cities(text: &str, registry: &Registry) -> (Vec<String>, Option<String>) {
    let found = tag::cities(text, registry);
    let level = |id: &str| registry.city(id).map_or("", |c| c.level.as_str());
    let precise: Vec<String> = found
        .iter()
        .filter(|(id, _)| level(id) != "province")
        .map(|(id, _)| id.clone())
        .collect();
    if !precise.is_empty() {
        return (precise, None);
    }
    if let Some((id, _)) = found.first() {
        return (vec![id.clone()], None);
    }
    let fallback = registry
        .cities
        .iter()
        .find(|c| c.level == "province")
        .or_else(|| registry.cities.first());
    match fallback {
        Some(c) => (
            vec![c.id.clone()],
            Some(format!(
                "正文没有提到已登记的地名，暂定 {} / no place from cities.yaml is named: tagged `{}`",
                c.zh, c.id
            )),
        ),
        None => (Vec::new(), Some("cities.yaml 没有地名 / cities.yaml lists no places".to_owned())),
    }
}

/// A deck printed after one article but naming the place of another (page 004 prints
/// Yuncheng's deck under Taiyuan's headline) moves to the article about that place when
/// that one has no subtitle.
pub(super) fn move_stray_decks(drafts: &mut [Draft], registry: &Registry) {
    for i in 0..drafts.len() {
        let Some(subtitle) = drafts[i].subtitle.clone() else {
            continue;
        };
        let places = |d: &Draft| -> Vec<String> {
            tag::cities(&format!("{}\n{}", d.title, d.text()), registry)
                .into_iter()
                .map(|(id, _)| id)
                .collect()
        };
        let named: Vec<String> = tag::cities(&subtitle, registry)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        if named.is_empty() || named.iter().any(|id| places(&drafts[i]).contains(id)) {
            continue;
        }
        let target = (0..drafts.len()).find(|&j| {
            j != i
                && drafts[j].subtitle.is_none()
                && places(&drafts[j])
                    .first()
                    .is_some_and(|c| named.contains(c))
        });
        if let Some(j) = target {
            drafts[i].subtitle = None;
            drafts[i].warnings.push(format!(
                "副标题“{subtitle}”说的是另一篇文章的地方，已移到《{}》/ the deck names another article's place and was moved to that article",
                drafts[j].title
            ));
            drafts[j].warnings.push(format!(
                "副标题印在《{}》之后，按地名移到这里，请核对 / the deck was printed after another article and moved here by the place it names: check it",
                drafts[i].title
            ));
            drafts[j].subtitle = Some(subtitle);
        }
    }
}
