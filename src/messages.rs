//! Every message the commands print for the editor, in Chinese and English: one
//! catalogue. A message names its values as `{name}` placeholders, the same in both
//! texts; [`Message::say`] fills them in the editor's language ([`editor_lang`]).

use crate::lang::Lang;
use std::fmt::Display;
use std::sync::OnceLock;

/// One message in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Message {
    /// The message's name in the code, for tests and translators.
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

impl Message {
    /// The text in `lang`, placeholders unfilled.
    pub fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }

    /// The text in `lang` with each `{name}` replaced by its value.
    pub fn say_in(&self, lang: Lang, values: &[(&str, &dyn Display)]) -> String {
        let mut text = self.text(lang).to_owned();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), &value.to_string());
        }
        text
    }

    /// The text in the editor's language with each `{name}` replaced by its value.
    pub fn say(&self, values: &[(&str, &dyn Display)]) -> String {
        self.say_in(editor_lang(), values)
    }

    /// The text in both languages with each `{name}` replaced by its value, for a
    /// message kept to be printed later (a diagnostic).
    pub fn both(&self, values: &[(&str, &dyn Display)]) -> Said {
        Said {
            en: self.say_in(Lang::En, values),
            zh: Some(self.say_in(Lang::Zh, values)),
        }
    }
}

/// A message filled in, kept in both languages until it is printed. A text not yet in
/// the catalogue is English only, and printed so in either language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub en: String,
    pub zh: Option<String>,
}

impl From<String> for Said {
    fn from(en: String) -> Said {
        Said { en, zh: None }
    }
}

impl From<&str> for Said {
    fn from(en: &str) -> Said {
        Said::from(en.to_owned())
    }
}

impl From<&String> for Said {
    fn from(en: &String) -> Said {
        Said::from(en.clone())
    }
}

/// The language the commands speak: `SHANSHUI_LANG` (`zh` or `en`) if set, else the
/// locale's language if it is Chinese or English (`LC_ALL`, `LC_MESSAGES`, `LANG`, the
/// first set, as POSIX reads them), else the portal's default language, Chinese
/// (`site.yaml`'s `default_language` may only be `zh`).
pub fn editor_lang() -> Lang {
    static LANG: OnceLock<Lang> = OnceLock::new();
    *LANG.get_or_init(|| choose_lang(|name| std::env::var(name).ok()))
}

fn choose_lang(var: impl Fn(&str) -> Option<String>) -> Lang {
    if let Some(lang) = var("SHANSHUI_LANG").and_then(|v| Lang::from_code(v.trim())) {
        return lang;
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(&var)
        .find(|v| !v.is_empty());
    // `zh_CN.UTF-8`, `en_GB`, `zh-Hans`: the language is the part before `_`, `-` or `.`.
    locale
        .as_deref()
        .and_then(|l| l.split(['_', '-', '.', '@']).next())
        .and_then(Lang::from_code)
        .unwrap_or(Lang::Zh)
}

macro_rules! catalogue {
    ($($name:ident { zh: $zh:literal, en: $en:literal, })*) => {
        $(pub const $name: Message = Message { key: stringify!($name), zh: $zh, en: $en };)*
        /// Every message, for the tests that hold the catalogue to its rules.
        pub const ALL: &[Message] = &[$($name),*];
    };
}

catalogue! {
    LABEL_ERROR {
        zh: "错误",
        en: "error",
    }
    LABEL_WARNING {
        zh: "提醒",
        en: "warning",
    }
    LABEL_HINT {
        zh: "提示",
        en: "hint",
    }
    ERROR {
        zh: "错误：{what}",
        en: "error: {what}",
    }
    HINT {
        zh: "    = 提示：{what}",
        en: "    = hint: {what}",
    }
    CREATED {
        zh: "已创建：{path}",
        en: "created: {path}",
    }
    CANNOT_WRITE {
        zh: "无法写入 {path}：{why}",
        en: "cannot write {path}: {why}",
    }
    ALREADY_EXISTS {
        zh: "{path} 已存在",
        en: "{path} already exists",
    }
    CHECK_SUMMARY {
        zh: "检查完毕：{articles} 篇文章，{indicators} 个指标；{errors} 个错误，{warnings} 个提醒",
        en: "checked {articles} articles, {indicators} indicators: {errors} error(s), {warnings} warning(s)",
    }
    BUILD_PROGRESS {
        zh: "  已生成 {done}/{total} 个页面",
        en: "  rendered {done}/{total} pages",
    }
    BUILD_DONE {
        zh: "已生成 {pages} 个页面（{files} 个文件，{megabytes} MB），写入 {out}，用时 {ms} 毫秒（{stages}）",
        en: "Built {pages} pages ({files} files, {megabytes} MB) into {out} in {ms}ms ({stages})",
    }
    BUILD_DONE_WARNINGS {
        zh: "；{warnings} 个提醒",
        en: ", {warnings} warning(s)",
    }
    BUILD_FAILED_CONTENT {
        zh: "生成失败：{errors} 个错误。什么都没有写入，{out} 保持原样。",
        en: "Build failed: {errors} error(s). Nothing was written; {out} is unchanged.",
    }
    BUILD_FAILED {
        zh: "生成失败。{out} 保持原样。",
        en: "Build failed. {out} is unchanged.",
    }
    NEW_INVALID_SLUG {
        zh: "`{slug}` 不是有效的文件名",
        en: "`{slug}` is not a valid slug",
    }
    NEW_SLUG_RULE {
        zh: "只用小写字母、数字和单个连字符，例如 jinzhong-air-2025",
        en: "use lowercase a-z, 0-9 and single hyphens, e.g. jinzhong-air-2025",
    }
    NO_CONTENT_FOLDER {
        zh: "{root} 里找不到 content 文件夹",
        en: "content folder not found in {root}",
    }
    NO_CONTENT_FOLDER_HINT {
        zh: "在门户的根目录运行，或加 --root 目录",
        en: "run it from the portal's root, or pass --root DIR",
    }
    NEW_EXISTS_HINT {
        zh: "换一个文件名，或直接编辑这个文件",
        en: "choose another slug or edit that file",
    }
    NEW_CREATED_ZH {
        zh: "  {path}  （中文原文）",
        en: "  {path}  (the Chinese original)",
    }
    NEW_CREATED_EN {
        zh: "  {path}  （英文译文）",
        en: "  {path}  (its English translation)",
    }
    NEW_NEXT {
        zh: "下一步：填写每个字段，正文写在第二个 `---` 之后；发布前把 draft 改为 false。",
        en: "next: fill in each key, write the text after the second `---`, set draft: false to publish.",
    }
    NEW_PREVIEW {
        zh: "预览：shanshui serve",
        en: "preview: shanshui serve",
    }
    TRANSLATE_NOT_CHINESE {
        zh: "{path}：不是中文文章文件（<slug>.zh.md）",
        en: "{path}: not a Chinese article file (<slug>.zh.md)",
    }
    TRANSLATE_EDIT_IT {
        zh: "直接编辑这个文件",
        en: "edit that file",
    }
    TRANSLATE_NEXT {
        zh: "下一步：翻译标题、副标题、摘要、人物的职务和每一段正文；前置信息末尾的注释列出了数字和地名；译完把 draft 改为 false。",
        en: "next: translate the title, subtitle, summary, the people's roles and each paragraph; the notes at the end of the front matter list the figures and places; set draft: false when done.",
    }
    UNKNOWN_CITY_ID {
        zh: "未知的地点 id `{id}`",
        en: "unknown city id `{id}`",
    }
    UNKNOWN_TOPIC_ID {
        zh: "未知的主题 id `{id}`",
        en: "unknown topic id `{id}`",
    }
    KNOWN_IDS {
        zh: "已有的 id（见 {file}）：{ids}",
        en: "known ids (from {file}): {ids}",
    }
    DUPLICATE_SLUG {
        zh: "文章文件名 `{slug}` 重复",
        en: "duplicate article slug `{slug}`",
    }
    DUPLICATE_SLUG_HINT {
        zh: "{path} 的文件名与它相同；改掉其中一个",
        en: "{path} has the same file name; rename one of them",
    }
    INVALID_DATE {
        zh: "日期 `{raw}` 无效：{why}",
        en: "invalid date `{raw}`: {why}",
    }
    DATE_FORMAT_HINT {
        zh: "写成 YYYY-MM-DD、YYYY-MM 或 YYYY，年份在 1900 到 2100 之间，例如 date: 2025-04",
        en: "write YYYY-MM-DD, YYYY-MM or YYYY with a year from 1900 to 2100, e.g. date: 2025-04",
    }
    NO_TRANSLATION {
        zh: "还没有英文译文",
        en: "no English translation yet",
    }
    NO_TRANSLATION_HINT {
        zh: "在旁边加上 {slug}.en.md：复制 .zh.md 文件的前置信息再翻译（id、日期和 draft 不变）",
        en: "add {slug}.en.md beside it: copy the front matter of the .zh.md file and translate it (ids, date and draft stay the same)",
    }
    UNKNOWN_LANGUAGE {
        zh: "文件名里的语言 `{code}` 无法识别",
        en: "unknown language `{code}` in the file name",
    }
    ARTICLE_LANGUAGES {
        zh: "文章的文件名是 <slug>.zh.md（中文原文）和 <slug>.en.md（英文）",
        en: "articles are <slug>.zh.md (Chinese original) and <slug>.en.md (English)",
    }
    PAGE_LANGUAGES {
        zh: "页面的文件名是 <name>.zh.md（中文）和 <name>.en.md（英文）",
        en: "pages are <name>.zh.md (Chinese) and <name>.en.md (English)",
    }
    INVALID_YAML {
        zh: "YAML 格式错误：{message}",
        en: "invalid YAML: {message}",
    }
    FILE_PROBLEM {
        zh: "{path}：{why}",
        en: "{path}: {why}",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cjk::is_han;
    use std::collections::BTreeSet;

    fn placeholders(text: &str) -> BTreeSet<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}'))
            .map(|(name, _)| name)
            .collect()
    }

    #[test]
    fn every_message_has_its_chinese_and_english() {
        for m in ALL {
            // A Chinese text without a Chinese character is English left untranslated,
            // unless the message is only a placeholder and punctuation.
            let words = m.zh.split(['{', '}']).step_by(2).collect::<String>();
            let needs_han = words.chars().any(|c| c.is_ascii_alphabetic());
            assert!(
                !needs_han || m.zh.chars().any(is_han),
                "{}: no Chinese in `{}`",
                m.key,
                m.zh
            );
            assert!(!m.en.trim().is_empty(), "{}: no English", m.key);
            assert!(
                !m.en.chars().any(is_han),
                "{}: Chinese in the English `{}`",
                m.key,
                m.en
            );
        }
    }

    #[test]
    fn both_texts_of_a_message_have_the_same_placeholders() {
        for m in ALL {
            assert_eq!(placeholders(m.zh), placeholders(m.en), "{}", m.key);
        }
    }

    #[test]
    fn keys_are_unique() {
        let keys: BTreeSet<&str> = ALL.iter().map(|m| m.key).collect();
        assert_eq!(keys.len(), ALL.len());
    }

    #[test]
    fn placeholders_are_filled_in_the_language_asked() {
        let text = ALREADY_EXISTS.say_in(Lang::Zh, &[("path", &"a.zh.md")]);
        assert_eq!(text, "a.zh.md 已存在");
        let text = BUILD_PROGRESS.say_in(Lang::En, &[("done", &3), ("total", &9)]);
        assert_eq!(text, "  rendered 3/9 pages");
    }

    #[test]
    fn the_setting_then_the_locale_then_chinese() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(choose_lang(env(&[])), Lang::Zh);
        assert_eq!(choose_lang(env(&[("LANG", "C.UTF-8")])), Lang::Zh);
        assert_eq!(choose_lang(env(&[("LANG", "en_GB.UTF-8")])), Lang::En);
        assert_eq!(
            choose_lang(env(&[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US")])),
            Lang::Zh
        );
        assert_eq!(
            choose_lang(env(&[("LC_ALL", ""), ("LANG", "en_US")])),
            Lang::En
        );
        assert_eq!(
            choose_lang(env(&[("SHANSHUI_LANG", "en"), ("LANG", "zh_CN.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            choose_lang(env(&[("SHANSHUI_LANG", "fr"), ("LANG", "en")])),
            Lang::En
        );
    }
}
