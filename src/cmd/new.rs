use super::{error, hint};
use crate::cli::NewArgs;
use crate::load;
use crate::messages::*;
use crate::model::is_valid_id;
use std::path::Path;

/// Scaffolds `<slug>.zh.md` and `<slug>.en.md`; refuses a bad or existing slug.
pub fn run(root: &Path, args: NewArgs) -> bool {
    let slug = args.slug.trim();
    if !is_valid_id(slug) {
        error(&NEW_INVALID_SLUG.say(&[("slug", &slug)]));
        hint(crate::model::id_hint(slug, NEW_SLUG_RULE.both(&[])).text());
        return false;
    }
    if !root.join("content").is_dir() {
        error(&NO_CONTENT_FOLDER.say(&[("root", &root.display())]));
        hint(&NO_CONTENT_FOLDER_HINT.say(&[]));
        return false;
    }
    let dir = root.join("content/articles");
    let zh = dir.join(format!("{slug}.zh.md"));
    let en = dir.join(format!("{slug}.en.md"));
    for path in [&zh, &en] {
        if path.exists() {
            error(&ALREADY_EXISTS.say(&[("path", &path.display())]));
            hint(&NEW_EXISTS_HINT.say(&[]));
            return false;
        }
    }
    // Ids that exist, so the scaffold builds at once (as a draft) and shows the format.
    let (raw, _) = load::load(&root.join("content"));
    let city = raw
        .cities
        .as_ref()
        .and_then(|c| c.value.first())
        .map_or("shanxi".to_owned(), |c| c.id.clone());
    let topic = raw
        .topics
        .as_ref()
        .and_then(|t| t.value.first())
        .map_or("policy".to_owned(), |t| t.id.clone());
    let date = today();
    let added = added_today();
    if let Err(err) = std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&zh, scaffold_zh(&date, &added, &city, &topic)))
        .and_then(|()| std::fs::write(&en, scaffold_en(&date, &added, &city, &topic)))
    {
        error(&CANNOT_WRITE.say(&[("path", &dir.display()), ("why", &err)]));
        return false;
    }
    for line in [
        CREATED.say(&[("path", &"")]),
        NEW_CREATED_ZH.say(&[("path", &zh.display())]),
        NEW_CREATED_EN.say(&[("path", &en.display())]),
        NEW_NEXT.say(&[]),
        NEW_PREVIEW.say(&[]),
    ] {
        crate::println_escaped!("{}", line.trim_end());
    }
    true
}

/// This month as YYYY-MM: a starting date at a precision that invents no day; the
/// editor corrects it to the date the page was printed.
fn today() -> String {
    let (year, month, _) = crate::date::today();
    format!("{year:04}-{month:02}")
}

/// Today as YYYY-MM-DD: the day the article is added to the portal.
fn added_today() -> String {
    let (year, month, day) = crate::date::today();
    format!("{year:04}-{month:02}-{day:02}")
}

fn scaffold_zh(date: &str, added: &str, city: &str, topic: &str) -> String {
    format!(
        r#"---
title: 标题                      # 标题（必填）
subtitle: 副标题                  # 副标题或引题（可删除）
date: {date}                   # 见报日期（改成真实日期）：YYYY-MM-DD、YYYY-MM 或 YYYY，只写原文能确定的精度
added: {added}               # 收录日期：文章加入本站的那一天，YYYY-MM-DD
cities: [{city}]               # 地区 id，见 content/cities.yaml（至少一个）
topics: [{topic}]                 # 专题 id，见 content/topics.yaml（至少一个）
source:                          # 原文出处（不知道的项可删除）
  publication: 报纸名称
  page_title: 版面标题
  edition: 第N版                 # 版次，照版面所印，如 第3版
reporters: []                    # 记者，如 [武玲芳]
people: []                       # 受访者，如 [{{name: 裴国欣, role: 晋中市生态环境局大气科科长}}]
summary: 一两句话的摘要。         # 列表、搜索结果和分享时显示
draft: true                      # 草稿不发布；完成后改为 false
---
正文从这里开始。段落之间空一行。
"#
    )
}

fn scaffold_en(date: &str, added: &str, city: &str, topic: &str) -> String {
    format!(
        r#"---
title: Title                     # the translated headline (required)
subtitle: Subtitle               # translated subtitle (delete if none)
date: {date}                   # the same as in the Chinese file
added: {added}               # the same as in the Chinese file
cities: [{city}]               # the same ids as in the Chinese file
topics: [{topic}]                 # the same ids as in the Chinese file
source:                          # where it was first printed (delete what is unknown)
  publication: Publication name  # e.g. Kexue Daobao (Science Herald)
  page_title: Page title
  edition: Page N                # as printed, e.g. Page 3 for 第3版
reporters: []                    # names in pinyin, e.g. [Wu Lingfang]
people: []                       # e.g. [{{name: Pei Guoxin, role: head of the air section, Jinzhong Ecology and Environment Bureau}}]
summary: One or two sentences.  # shown in lists, search results and shares
draft: true                      # the same as in the Chinese file
---
The translation starts here. Keep every number exactly as in the Chinese.
"#
    )
}
