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

    /// Whether `text` is this message in either language, whatever its placeholders were
    /// filled with: for tests that hold a refusal to its message in any editor's language.
    pub fn is_said(&self, text: &str) -> bool {
        [Lang::Zh, Lang::En].into_iter().any(|lang| {
            let template = self.text(lang);
            // The fixed parts between placeholders, which must appear in order.
            let fixed: Vec<&str> = template
                .split('{')
                .enumerate()
                .map(|(i, part)| {
                    if i == 0 {
                        part
                    } else {
                        part.split_once('}').map_or(part, |(_, rest)| rest)
                    }
                })
                .collect();
            let mut rest = text;
            for (i, part) in fixed.iter().enumerate() {
                let found = if i == 0 {
                    rest.starts_with(part).then_some(0)
                } else {
                    rest.find(part)
                };
                match found {
                    Some(at) => rest = &rest[at + part.len()..],
                    None => return false,
                }
            }
            fixed.last().is_some_and(|last| last.is_empty()) || rest.is_empty()
        })
    }

    /// The text in both languages with `{name}` replaced by `inner` in the same language
    /// (its English where it has no Chinese).
    pub fn around(&self, name: &str, inner: &Said) -> Said {
        let zh = inner.zh.as_deref().unwrap_or(&inner.en);
        Said {
            en: self.say_in(Lang::En, &[(name, &inner.en)]),
            zh: Some(self.say_in(Lang::Zh, &[(name, &zh)])),
        }
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

impl Said {
    /// The text in the editor's language (English when it has no Chinese yet).
    pub fn text(&self) -> &str {
        self.text_in(editor_lang())
    }

    /// The text in `lang` (English when it has no Chinese yet).
    pub fn text_in(&self, lang: Lang) -> &str {
        match (lang, &self.zh) {
            (Lang::Zh, Some(zh)) => zh,
            _ => &self.en,
        }
    }
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
    BUILD_DONE_KEPT {
        zh: "；其中 {rendered} 个页面重新生成，其余沿用上次生成的结果",
        en: "; {rendered} of them rendered anew, the others kept from the last build",
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
        zh: "运行 shanshui translate {slug}，它在旁边写出 {slug}.en.md 供翻译（id、日期和 draft 与中文相同）",
        en: "run shanshui translate {slug}: it writes {slug}.en.md beside it to translate (ids, date and draft stay as in Chinese)",
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
    IMPORT_BAD_DATE {
        zh: "日期 --date {date} 有误：{why}",
        en: "--date {date}: {why}",
    }
    IMPORT_DATE_HINT {
        zh: "写成 YYYY、YYYY-MM 或 YYYY-MM-DD，例如 --date 2025-04",
        en: "write YYYY, YYYY-MM or YYYY-MM-DD, e.g. --date 2025-04",
    }
    IMPORT_NO_REGISTRY {
        zh: "导入失败：读不了地点和主题的登记表。",
        en: "import failed: the registries of places and topics could not be read.",
    }
    IMPORT_READ_AS {
        zh: "{file}：读作 {how}",
        en: "{file}: read as {how}",
    }
    IMPORT_NO_TEXT {
        zh: "{file}：没有找到正文，未写入",
        en: "{file}: no running text found, nothing written",
    }
    IMPORT_DRAFTS {
        zh: "{file} → {count} 篇草稿",
        en: "{file} → {count} draft(s)",
    }
    IMPORT_DONE {
        zh: "完成：写入 {written} 篇草稿",
        en: "done: {written} draft(s) written",
    }
    IMPORT_DONE_ERRORS {
        zh: "，{failed} 个错误",
        en: ", {failed} error(s)",
    }
    IMPORT_NEXT {
        zh: "下一步：逐篇核对“请检查”各项，再运行 shanshui serve 预览（草稿也会显示）",
        en: "next: check each draft's notes, then preview with `shanshui serve` (it shows drafts)",
    }
    IMPORT_WRITTEN {
        zh: "已写入：{path}",
        en: "written: {path}",
    }
    IMPORT_TITLE {
        zh: "标题",
        en: "title",
    }
    IMPORT_SUBTITLE {
        zh: "副标题",
        en: "subtitle",
    }
    IMPORT_DATE {
        zh: "日期",
        en: "date",
    }
    IMPORT_PLACES {
        zh: "地点",
        en: "places",
    }
    IMPORT_TOPICS {
        zh: "主题",
        en: "topics",
    }
    IMPORT_REPORTERS {
        zh: "记者",
        en: "reporters",
    }
    IMPORT_PEOPLE {
        zh: "人物",
        en: "people",
    }
    IMPORT_PARAGRAPHS {
        zh: "段落",
        en: "paragraphs",
    }
    IMPORT_PARAGRAPH_COUNT {
        zh: "{paragraphs}（{chars} 字）",
        en: "{paragraphs} ({chars} characters)",
    }
    IMPORT_FIGURES {
        zh: "数字",
        en: "figures",
    }
    IMPORT_FIGURE_COUNT {
        zh: "{figures}（{recorded} 个已记录，见草稿注释）",
        en: "{figures} ({recorded} already recorded, see the draft's notes)",
    }
    IMPORT_TO_CHECK {
        zh: "请检查",
        en: "check",
    }
    IMPORT_NOTHING_TO_CHECK {
        zh: "无",
        en: "nothing",
    }
    IMPORT_TOO_LARGE {
        zh: "文件超过 {megabytes} MB",
        en: "the file is larger than {megabytes} MB",
    }
    IMPORT_CANNOT_READ {
        zh: "读不了这个文件：{why}",
        en: "cannot read the file: {why}",
    }
    IMPORT_TABLE_PLAN {
        zh: "{file}：表格 → {indicator} {indicator_zh}\n  时期 {period}，范围 {scope}，来源 {source}",
        en: "{file}: table → {indicator} {indicator_zh}\n  period {period}, scope {scope}, source {source}",
    }
    IMPORT_UNKNOWN_SOURCE {
        zh: "{file}：来源 {source} 还不存在；请先把下面的条目补全，加入 content/sources.yaml：\n{entry}",
        en: "{file}: the source {source} does not exist yet: complete this entry and add it to content/sources.yaml first:\n{entry}",
    }
    IMPORT_TABLE_CONFLICT {
        zh: "{file}：与已记录的数字重复或冲突，未写入；第 {line} 行起是导入将添加的行：",
        en: "{file}: already recorded or in conflict with what is recorded, nothing written; the lines from {line} on are those the import would add:",
    }
    IMPORT_TABLE_WRITTEN {
        zh: "已在 {path} 写入 {count} 行：",
        en: "{count} line(s) written to {path}:",
    }
    IMPORT_TABLE_WOULD_ADD {
        zh: "将在 {path} 加入 {count} 行：",
        en: "{count} line(s) would be added to {path}:",
    }
    IMPORT_DRY_RUN {
        zh: "试运行，未写入：加上 --write 才写入这些行",
        en: "dry run, nothing written: add --write to write these lines",
    }
    SERVE_BUILT {
        zh: "已生成 {files} 个文件，用时 {ms} 毫秒",
        en: "built {files} files in {ms} ms",
    }
    SERVE_BUILD_FAILED {
        zh: "生成失败；改好文件后会自动重新生成",
        en: "the build failed; fix the file and it rebuilds",
    }
    SERVE_SERVING {
        zh: "正在预览：{url}（按 Ctrl+C 退出）",
        en: "serving {url}  (Ctrl+C to stop)",
    }
    SERVE_DESK {
        zh: "编辑台：{url}",
        en: "editor's desk: {url}",
    }
    SERVE_UPDATED {
        zh: "已更新：{what}",
        en: "updated: {what}",
    }
    SERVE_FULL_REBUILD {
        zh: "全部重新生成，用时 {ms} 毫秒",
        en: "full rebuild in {ms} ms",
    }
    SERVE_RERENDERED {
        zh: "重新生成了 {pages} 个页面，用时 {ms} 毫秒",
        en: "re-rendered {pages} page(s) in {ms} ms",
    }
    SERVE_REBUILD_FAILED {
        zh: "生成失败，仍在提供上一次成功的页面",
        en: "the build failed; the last good pages stay served",
    }
    SERVE_CANNOT_WATCH {
        zh: "无法监视 {path}：{why}",
        en: "cannot watch {path}: {why}",
    }
    SERVE_CANNOT_LISTEN {
        zh: "无法在 127.0.0.1:{port} 上监听：{why}（端口被别的程序占用？试试 --port {other}）",
        en: "cannot listen on 127.0.0.1:{port}: {why} (another program uses this port? try --port {other})",
    }
    SERVE_CANNOT_WATCH_FOLDERS {
        zh: "无法监视门户的文件夹",
        en: "cannot watch the portal's folders",
    }
    SERVE_NO_ROOT {
        zh: "找不到 {path}",
        en: "cannot find {path}",
    }
    SERVE_NO_THREADS {
        zh: "无法启动服务器的线程",
        en: "cannot start the server's threads",
    }
    SERVE_NO_DESK_TOKEN {
        zh: "无法生成编辑台的令牌：{why}",
        en: "cannot make the desk's token: {why}",
    }
    INVALID_SLUG {
        zh: "文章文件名 `{slug}` 无效",
        en: "invalid article slug `{slug}`",
    }
    SLUG_RULE {
        zh: "文件名就是网址：只用小写字母 a-z、数字 0-9 和单个连字符，例如 jinzhong-air-2025.zh.md",
        en: "the file name is the URL: lowercase a-z, 0-9 and single hyphens, e.g. jinzhong-air-2025.zh.md",
    }
    NO_CHINESE_ORIGINAL {
        zh: "`{slug}.en.md` 没有中文原文",
        en: "`{slug}.en.md` has no Chinese original",
    }
    NO_CHINESE_ORIGINAL_HINT {
        zh: "每篇文章都要有 {slug}.zh.md；英文文件是它的译文",
        en: "every article needs {slug}.zh.md; the English file is its translation",
    }
    MISSING_KEY {
        zh: "前置信息缺少 `{key}`",
        en: "missing front-matter key `{key}`",
    }
    ADD_EXAMPLE {
        zh: "加上，例如 `{example}`",
        en: "add e.g. `{example}`",
    }
    INVALID_ADDED {
        zh: "收录日期 added `{raw}` 无效：{why}",
        en: "invalid date added `{raw}`: {why}",
    }
    ADDED_HINT {
        zh: "写文章收进门户的那一天，例如 added: 2026-11-26",
        en: "write the day the article was added to the portal, e.g. added: 2026-11-26",
    }
    EMPTY_LIST {
        zh: "`{key}` 是空的",
        en: "`{key}` is empty",
    }
    NAME_AT_LEAST_ONE {
        zh: "至少写一个，例如 `{example}`",
        en: "name at least one, e.g. `{example}`",
    }
    SAME_IN_BOTH_HINT {
        zh: "日期、id 和 draft 在两种语言里相同；两个文件要一起改",
        en: "dates, ids and the draft flag are the same in both languages; change them in both files",
    }
    ADDED_DIFFERS {
        zh: "收录日期 added 与中文文件不同",
        en: "the date added differs from the Chinese file",
    }
    DATE_DIFFERS {
        zh: "日期与中文文件不同",
        en: "the date differs from the Chinese file",
    }
    CITIES_DIFFER {
        zh: "`cities` 与中文文件不同",
        en: "`cities` differ from the Chinese file",
    }
    TOPICS_DIFFER {
        zh: "`topics` 与中文文件不同",
        en: "`topics` differ from the Chinese file",
    }
    DRAFT_DIFFERS {
        zh: "`draft` 与中文文件不同",
        en: "`draft` differs from the Chinese file",
    }
    NOT_A_WEB_ADDRESS {
        zh: "来源网址 `{url}` 不是网页地址",
        en: "source url `{url}` is not a web address",
    }
    WEB_ADDRESS_HINT {
        zh: "写网页的完整地址，以 https:// 或 http:// 开头",
        en: "write the full address of the page, starting with https:// or http://",
    }
    CONTENT_NOT_FOUND {
        zh: "找不到 content 文件夹",
        en: "content folder not found",
    }
    CONTENT_NOT_FOUND_HINT {
        zh: "在门户的根目录运行 shanshui，或加 --root 目录",
        en: "run shanshui from the portal's root, or pass --root DIR",
    }
    FILE_IGNORED {
        zh: "已忽略这个文件",
        en: "file ignored",
    }
    SYMLINK {
        zh: "这是符号链接：不会跟随链接",
        en: "a symbolic link: links are not followed",
    }
    SYMLINK_HINT {
        zh: "把文件（或文件夹）复制进 content/，不要链接",
        en: "copy the file (or folder) into content/ instead of linking to it",
    }
    CANNOT_READ {
        zh: "无法读取：{why}",
        en: "cannot read: {why}",
    }
    CANNOT_READ_FILE {
        zh: "无法读取文件：{why}",
        en: "cannot read file: {why}",
    }
    NEEDED_FILE_HINT {
        zh: "每个门户都需要这个文件；内容格式见 README.md",
        en: "every portal needs this file; see the content format in README.md",
    }
    PERMISSIONS_HINT {
        zh: "检查文件的权限",
        en: "check the file's permissions",
    }
    NOT_UTF8 {
        zh: "文件不是有效的 UTF-8",
        en: "the file is not valid UTF-8",
    }
    NOT_UTF8_HINT {
        zh: "把文件存为 UTF-8（GBK 或 GB2312 的文本要先转换，例如 `iconv -f GBK -t UTF-8`）",
        en: "save the file as UTF-8 (GBK or GB2312 text must be converted, e.g. `iconv -f GBK -t UTF-8`)",
    }
    BOM {
        zh: "文件以字节顺序标记（BOM）开头；已忽略它",
        en: "the file starts with a byte order mark (BOM); it was ignored",
    }
    BOM_HINT {
        zh: "把文件存为不带 BOM 的 UTF-8",
        en: "save the file as UTF-8 without BOM",
    }
    EMPTY_FILE {
        zh: "文件是空的",
        en: "the file is empty",
    }
    CONTENT_FORMAT_HINT {
        zh: "内容格式见 README.md",
        en: "see the content format in README.md",
    }
    INDICATOR_FILE_NAME {
        zh: "指标文件以 .yaml 结尾",
        en: "indicator files end in .yaml",
    }
    ARTICLE_FILE_NAME {
        zh: "文章文件名必须是 <slug>.<语言>.md",
        en: "article file name must be <slug>.<language>.md",
    }
    ARTICLE_FILE_NAME_HINT {
        zh: "例如 jinzhong-air-2025.zh.md 和 jinzhong-air-2025.en.md",
        en: "e.g. jinzhong-air-2025.zh.md and jinzhong-air-2025.en.md",
    }
    ARTICLES_ARE_MARKDOWN {
        zh: "文章是 Markdown 文件，名为 <slug>.zh.md 或 <slug>.en.md",
        en: "articles are Markdown files named <slug>.zh.md or <slug>.en.md",
    }
    ARTICLE_FENCES {
        zh: "文章以两行 `---` 之间的 YAML 前置信息开头，然后是正文",
        en: "an article starts with YAML front matter between two `---` lines, then the text",
    }
    PAGE_FILE_NAME {
        zh: "页面文件名必须是 <name>.<语言>.md",
        en: "page file name must be <name>.<language>.md",
    }
    PAGE_FILE_NAME_HINT {
        zh: "例如 about.zh.md 和 about.en.md",
        en: "e.g. about.zh.md and about.en.md",
    }
    PAGES_ARE_MARKDOWN {
        zh: "页面是 Markdown 文件，名为 <name>.zh.md 或 <name>.en.md",
        en: "pages are Markdown files named <name>.zh.md or <name>.en.md",
    }
    PAGE_FENCES {
        zh: "页面以两行 `---` 之间的 YAML 前置信息（title、summary）开头，然后是正文",
        en: "a page starts with YAML front matter (title, summary) between two `---` lines, then the text",
    }
    NO_OPENING_FENCE {
        zh: "文件的第一行不是 `---`",
        en: "the file does not start with a `---` line",
    }
    NO_CLOSING_FENCE {
        zh: "前置信息没有用 `---` 行结束",
        en: "the front matter is not closed by a `---` line",
    }
    WINDOWS_DEVICE_NAME {
        zh: "`{id}` 是 Windows 留给设备的名字：那里没有文件夹能叫这个名字；加一个词，例如 `{id}-county`",
        en: "`{id}` is a name Windows keeps for a device: no folder can be called so there; add a word, e.g. `{id}-county`",
    }
    INVALID_CITY_ID {
        zh: "地点 id `{id}` 无效",
        en: "invalid city id `{id}`",
    }
    CITY_ID_RULE {
        zh: "id 是小写拼音，例如 jinzhong 或 pm25-change：只用 a-z、0-9 和单个连字符",
        en: "ids are lowercase pinyin such as jinzhong or pm25-change: a-z, 0-9 and single hyphens",
    }
    ID_RULE {
        zh: "id 只用 a-z、0-9 和单个连字符",
        en: "ids use a-z, 0-9 and single hyphens",
    }
    DUPLICATE_CITY_ID {
        zh: "地点 id `{id}` 重复",
        en: "duplicate city id `{id}`",
    }
    DUPLICATE_CITY_ID_HINT {
        zh: "每个地点只列一次",
        en: "each place is listed once",
    }
    UNKNOWN_LEVEL {
        zh: "`{id}` 的级别 `{level}` 无法识别",
        en: "unknown level `{level}` for `{id}`",
    }
    LEVEL_HINT {
        zh: "level 是 province（省）、prefecture（地级市）或 county（县）",
        en: "level is province, prefecture or county",
    }
    OUT_OF_RANGE {
        zh: "`{id}` 的 {key} {value} 超出范围",
        en: "{key} {value} of `{id}` is out of range",
    }
    DEGREES_HINT {
        zh: "用十进制度数，例如 lat: 37.69, lon: 112.75",
        en: "decimal degrees, e.g. lat: 37.69, lon: 112.75",
    }
    PROVINCE_PARENT {
        zh: "省 `{id}` 不能有上级（`{parent}`）",
        en: "province `{id}` cannot have a parent (`{parent}`)",
    }
    PROVINCE_PARENT_HINT {
        zh: "删掉 `parent`",
        en: "remove `parent`",
    }
    NEEDS_PARENT {
        zh: "`{id}` 需要写上级 parent",
        en: "`{id}` needs a parent",
    }
    KNOWN_PLACES {
        zh: "已有的地点：{ids}",
        en: "known places: {ids}",
    }
    UNKNOWN_PARENT {
        zh: "`{id}` 的上级 `{parent}` 不存在",
        en: "unknown parent `{parent}` of `{id}`",
    }
    PARENT_LEVEL {
        zh: "`{id}` 的上级 `{parent}` 是{got}，应该是{want}",
        en: "parent `{parent}` of `{id}` is a {got}, expected a {want}",
    }
    LEVEL_PROVINCE {
        zh: "省",
        en: "province",
    }
    LEVEL_PREFECTURE {
        zh: "地级市",
        en: "prefecture",
    }
    LEVEL_COUNTY {
        zh: "县",
        en: "county",
    }
    PARENT_LEVEL_HINT {
        zh: "县的上级是地级市；地级市的上级是省",
        en: "a county's parent is a prefecture; a prefecture's parent is the province",
    }
    INVALID_TOPIC_ID {
        zh: "主题 id `{id}` 无效",
        en: "invalid topic id `{id}`",
    }
    DUPLICATE_TOPIC_ID {
        zh: "主题 id `{id}` 重复",
        en: "duplicate topic id `{id}`",
    }
    NOT_A_DOMAIN {
        zh: "`{entry}` 不是域名",
        en: "`{entry}` is not a domain",
    }
    DOMAIN_HINT {
        zh: "每行只写一个网站的域名：example.com（它的子域名也一并拒绝）",
        en: "write the site's domain alone, one a line: example.com (its subdomains are refused with it)",
    }
    REFUSED_SITE {
        zh: "`{url}` 在拒绝的网站上：{domain}（{list}）",
        en: "`{url}` is on a refused site: {domain} ({list})",
    }
    REFUSED_HINT {
        zh: "改为链接原发布者的页面；如果只有转载，保留不在拒绝名单上、最可靠的一个，绝不用带垃圾信息或改写文字的网站",
        en: "link the original publisher's page instead; if only copies exist, keep the most reputable one that is not refused, and never a site that carries spam or rewritten text",
    }
    INVALID_SOURCE_ID {
        zh: "来源 id `{id}` 无效",
        en: "invalid source id `{id}`",
    }
    SOURCE_ID_RULE {
        zh: "id 只用 a-z、0-9 和单个连字符，例如 sxdee-2023-12-air-ranking",
        en: "ids use a-z, 0-9 and single hyphens, e.g. sxdee-2023-12-air-ranking",
    }
    DUPLICATE_SOURCE_ID {
        zh: "来源 id `{id}` 重复（第一次在第 {line} 行）",
        en: "duplicate source id `{id}` (first on line {line})",
    }
    DUPLICATE_SOURCE_ID_HINT {
        zh: "每种出版物只写一个条目、一个 id",
        en: "give each publication one entry and one id",
    }
    SOURCE_ID_IS_SLUG {
        zh: "来源 id `{id}` 同时是一篇文章的文件名",
        en: "source id `{id}` is also an article's slug",
    }
    SOURCE_ID_IS_SLUG_HINT {
        zh: "观测值的来源会有歧义：换一个 id",
        en: "an observation's source would be ambiguous: choose another id",
    }
    UNKNOWN_SOURCE_KIND {
        zh: "来源类型 `{kind}` 无法识别",
        en: "unknown source kind `{kind}`",
    }
    SOURCE_KIND_HINT {
        zh: "写 kind: official-release、bulletin、press 或 dataset",
        en: "write kind: official-release, bulletin, press or dataset",
    }
    SOURCE_DATE {
        zh: "来源日期 `{date}`：{why}",
        en: "source date `{date}`: {why}",
    }
    SOURCE_DATE_HINT {
        zh: "出版物上印的日期：2024-01-04、2024-01 或 2024",
        en: "the publication's date as printed: 2024-01-04, 2024-01 or 2024",
    }
    NOT_WEB_ADDRESS {
        zh: "`{url}` 不是网页地址",
        en: "`{url}` is not a web address",
    }
    SOURCE_URL_HINT {
        zh: "读到这些数字的网页地址，以 https:// 或 http:// 开头",
        en: "the address of the page where the figures were read, starting with https:// or http://",
    }
    SOURCE_WITHOUT_ADDRESS {
        zh: "来源 `{id}` 既没有 url 也没有 reprint",
        en: "source `{id}` has neither a url nor a reprint",
    }
    SOURCE_WITHOUT_ADDRESS_HINT {
        zh: "写 url：原发布者登载这些数字的网页；只找得到转载时，不写 url，改写 reprint，在其中写转载网页的 url 和转载者 publisher",
        en: "write url: the original publisher's page that printed the figures; where only a copy can be found, leave url out and write reprint with the copy's url and its publisher",
    }
    REPRINT_URL_HINT {
        zh: "转载页的地址，以 https:// 或 http:// 开头",
        en: "the address of the copy, starting with https:// or http://",
    }
    SOURCE_NOT_CITED {
        zh: "没有观测值引用来源 `{id}`",
        en: "source `{id}` is cited by no observation",
    }
    SOURCE_NOT_CITED_HINT {
        zh: "在指标文件里引用它（source: ID），或删掉这个条目",
        en: "cite it in an indicator file (source: ID) or remove the entry",
    }
    NOT_A_NUMBER {
        zh: "数值 `{value}` 不是数字",
        en: "value `{value}` is not a number",
    }
    VALUE_OUT_OF_RANGE {
        zh: "数值 {value} 超出范围（正负都不超过 {max}）",
        en: "value {value} is out of range (at most {max} either way)",
    }
    STANDARD_PROBLEM {
        zh: "标准值有误：{problem}",
        en: "the standard's {problem}",
    }
    STANDARD_HINT {
        zh: "写一个数字，例如 value: 35",
        en: "write a number, e.g. value: 35",
    }
    INVALID_INDICATOR_ID {
        zh: "指标 id `{id}` 无效",
        en: "invalid indicator id `{id}`",
    }
    ID_NOT_FILE_NAME {
        zh: "指标 id `{id}` 与文件名 `{stem}.yaml` 不同",
        en: "indicator id `{id}` differs from its file name `{stem}.yaml`",
    }
    ID_NOT_FILE_NAME_HINT {
        zh: "把文件改名为 {id}.yaml，或改掉 id",
        en: "rename the file to {id}.yaml or change the id",
    }
    UNKNOWN_BETTER {
        zh: "`better: {better}` 不是 higher、lower 或 neither",
        en: "`better: {better}` is not higher, lower or neither",
    }
    BETTER_HINT {
        zh: "写 better: higher（越高越好）、better: lower（越低越好）或 better: neither（高低无所谓好坏，如罚款金额）",
        en: "write better: higher (more is better), better: lower (less is better) or better: neither (more is not clearly better or worse, as for fines imposed)",
    }
    UNKNOWN_SCALE {
        zh: "刻度 `{scale}` 无法识别",
        en: "unknown scale `{scale}`",
    }
    SCALE_HINT {
        zh: "水质类别（记作 1–6）写 scale: water-class，排名写 scale: rank，其他情况不写 scale",
        en: "write scale: water-class for water quality classes coded 1–6, scale: rank for places in a ranking, or leave scale out",
    }
    VALUE_HINT {
        zh: "照原文写数字，例如 value: 66.9",
        en: "write the figure as printed, e.g. value: 66.9",
    }
    NEGATIVE_LEVEL {
        zh: "水平值不能为负：{value}",
        en: "negative value {value} for a level",
    }
    NEGATIVE_LEVEL_HINT {
        zh: "只有变化量指标（id 以 -change 结尾）可以为负；检查正负号",
        en: "only change indicators (ids ending in -change) may be negative; check the sign",
    }
    NOT_A_CLASS {
        zh: "{value} 不是 1 到 {classes} 之间的类别",
        en: "{value} is not a class from 1 to {classes}",
    }
    WATER_CLASS_HINT {
        zh: "水质类别记作 1–5（Ⅰ–Ⅴ类），劣Ⅴ类记作 6",
        en: "water classes are recorded as 1–5 for Class I–V and 6 for worse than Class V",
    }
    IMPOSSIBLE_YEAR {
        zh: "年份 {year} 不可能",
        en: "year {year} is impossible",
    }
    YEAR_HINT {
        zh: "数字所说的年份，在 1949 到 {this_year} 之间",
        en: "the year the figure describes, between 1949 and {this_year}",
    }
    BAD_MONTHS {
        zh: "月份 months 有误：{why}",
        en: "months: {why}",
    }
    MONTHS_HINT {
        zh: "数字覆盖的月份：\"5\" 是 5 月，\"1-11\" 是 1 至 11 月；全年则不写 months",
        en: "the months of the year the figure covers: \"5\" for May, \"1-11\" for January to November; leave months out for the whole year",
    }
    UNKNOWN_SOURCE {
        zh: "观测值引用的 `{source}` 既不是文章也不是来源",
        en: "observation cites `{source}`, which is neither an article nor a source",
    }
    UNKNOWN_SOURCE_HINT {
        zh: "source 是刊出这个数字的文章的文件名（去掉 .zh.md），或 content/sources.yaml 里某个出版物的 id",
        en: "source is the slug of the article that printed the figure (its file name without .zh.md), or the id of a publication in content/sources.yaml",
    }
    CITES_DRAFT {
        zh: "观测值引用的是草稿 `{source}`；显示时不带链接",
        en: "observation cites the draft `{source}`; it is shown without a link",
    }
    CITES_DRAFT_HINT {
        zh: "发布这篇文章（draft: false），或引用别的来源",
        en: "publish the article (draft: false) or cite another",
    }
    UNKNOWN_BASIS {
        zh: "口径 `{basis}` 无法识别",
        en: "unknown basis `{basis}`",
    }
    BASIS_HINT {
        zh: "写 {known} 之一（dust-excluded：扣除沙尘天气；city-average：各地级市的平均；national-inventory：全国森林资源清查），照原样公布的完整数字则不写 basis",
        en: "write one of {known} (dust-excluded: sand-and-dust days removed; city-average: the average of the prefectures; national-inventory: the national forest inventory), or leave basis out for a whole figure as published",
    }
    PERIOD_MONTHS {
        zh: "{year} 年 {months} 月",
        en: "{year} months {months}",
    }
    FIGURE_OF {
        zh: "`{city}` {period} 的 {indicator}",
        en: "{indicator} of `{city}` for {period}",
    }
    RECORDED_TWICE {
        zh: "{what}记录了两次：{value} 来自 `{source}`，{there} 处来自 `{earlier_source}`",
        en: "{what} recorded twice: {value} from `{source}`, and at {there} from `{earlier_source}`",
    }
    RECORDED_TWICE_HINT {
        zh: "只留一条观测值，引用原始出版物；另一个来源可以写在它的 note 里",
        en: "keep one observation, citing the original publication; the other source can be named in its note",
    }
    TWO_VALUES {
        zh: "{what}有两个值：{value} 来自 `{source}`，{earlier_value} 在 {there} 处，来自 `{earlier_source}`",
        en: "{what} has two values: {value} from `{source}`, and {earlier_value} at {there} from `{earlier_source}`",
    }
    TWO_VALUES_HINT {
        zh: "保留原始或最终出版物的数字；两个都要保留，就在其中一条的 note 里说明原因并写出另一个值（例如 note: {zh: 另一来源作92%, en: another source prints 92%}）",
        en: "keep the figure of the original or final publication; to keep both, say why in the note of one of them and give the other value there (e.g. note: {zh: 另一来源作92%, en: another source prints 92%})",
    }
    SCOPE_HINT {
        zh: "整个地点写 {whole} 之一，地点的一部分写 {parts} 之一，或用两种语言写出这一部分的名字：scope: {zh: 汾河王庄桥南断面, en: \"Fen River, Wangzhuangqiao South section\"}",
        en: "write one of {whole} for the whole place, {parts} for a part of it, or name the part in both languages: scope: {zh: 汾河王庄桥南断面, en: \"Fen River, Wangzhuangqiao South section\"}",
    }
    UNKNOWN_SCOPE {
        zh: "范围 `{scope}` 无法识别",
        en: "unknown scope `{scope}`",
    }
    NAMED_SCOPE_BOTH {
        zh: "命名的范围需要中文名和英文名",
        en: "a named scope needs both its Chinese and its English name",
    }
    NOT_A_SUM {
        zh: "`derived: {text}` 不是数字的算式：{why}",
        en: "`derived: {text}` is not a sum of numbers: {why}",
    }
    SUM_HINT {
        zh: "用指标的单位（{unit}）或 `percentage points` 写出算式：derived: \"66.9 - 6.7 percentage points\"；其他情况用两种语言说明：derived: {zh: …, en: …}",
        en: "write the arithmetic with the indicator's unit ({unit}) or `percentage points`: derived: \"66.9 - 6.7 percentage points\"; explain anything else in both languages: derived: {zh: …, en: …}",
    }
    SUM_DIFFERS {
        zh: "`derived: {text}` 算出 {result}，不是数值 {value}",
        en: "`derived: {text}` makes {result}, not the value {value}",
    }
    SUM_DIFFERS_HINT {
        zh: "核对算式里的数字和数值",
        en: "check the figures of the sum and the value",
    }
    DERIVED_BOTH {
        zh: "`derived` 需要中文和英文两种说明",
        en: "`derived` needs both its Chinese and its English text",
    }
    DERIVED_BOTH_HINT {
        zh: "derived: {zh: 原文…, en: the page…}",
        en: "derived: {zh: 原文…, en: the page…}",
    }
    UNSUPPORTED_DEFAULT_LANGUAGE {
        zh: "不支持默认语言 `{code}`",
        en: "unsupported default language `{code}`",
    }
    DEFAULT_LANGUAGE_HINT {
        zh: "门户以中文为主：default_language: zh",
        en: "the portal is Chinese first: default_language: zh",
    }
    UNSUPPORTED_LANGUAGES {
        zh: "不支持这些语言：{codes}",
        en: "unsupported languages {codes}",
    }
    LANGUAGES_HINT {
        zh: "shanshui 生成中文和英文：languages: [zh, en]",
        en: "shanshui builds Chinese and English: languages: [zh, en]",
    }
    INVALID_BASE_URL {
        zh: "base_url `{url}` 无效：{why}",
        en: "invalid base_url `{url}`: {why}",
    }
    BASE_URL_HINT {
        zh: "写完整的网址，例如 https://example.gov.cn/ 或 https://example.gov.cn/portal/",
        en: "an absolute URL such as https://example.gov.cn/ or https://example.gov.cn/portal/",
    }
    INVALID_CONTACT {
        zh: "联系方式 contact `{contact}` 无效：{why}",
        en: "invalid contact `{contact}`: {why}",
    }
    CONTACT_HINT {
        zh: "写电子邮件地址（editors@example.org）或网页地址（https://example.org/contact/），或者不写 contact",
        en: "write an email address (editors@example.org) or a web address (https://example.org/contact/), or leave contact out",
    }
    UI_STRING_MISSING_FROM {
        zh: "界面文字 `{key}` 在 i18n/{lang}.yaml 里没有",
        en: "UI string `{key}` is missing from i18n/{lang}.yaml",
    }
    UI_STRING_SAME_KEYS {
        zh: "两种语言需要相同的键",
        en: "both languages need the same keys",
    }
    UI_STRING_MISSING {
        zh: "shanshui 用到界面文字 `{key}`，但找不到它",
        en: "UI string `{key}` is used by shanshui but missing",
    }
    UI_STRING_MISSING_HINT {
        zh: "在两个 i18n 文件里都加上 `{key}: …`；可以对照演示站的文件",
        en: "add `{key}: …` to both i18n files; compare them with the demo's",
    }
    UI_STRING_UNUSED {
        zh: "没有模板用到界面文字 `{key}`",
        en: "UI string `{key}` is used by no template",
    }
    UI_STRING_UNUSED_HINT {
        zh: "对照模板检查键的拼写，或者从两个 i18n 文件里删掉它",
        en: "check the key's spelling against the templates, or delete it from both i18n files",
    }
    UNKNOWN_PAGE {
        zh: "没有 `{page}` 这个页面",
        en: "unknown page `{page}`",
    }
    UNKNOWN_PAGE_HINT {
        zh: "门户只给这些页面留了位置：{pages}；文章放在 content/articles/",
        en: "the portal has a place for these pages only: {pages}; articles go in content/articles/",
    }
    PAGE_TITLE_EMPTY {
        zh: "页面标题是空的",
        en: "the page's title is empty",
    }
    PAGE_TITLE_HINT {
        zh: "写上页面顶部显示的标题",
        en: "write the title the page shows as its heading",
    }
    ABOUT_ONE_LANGUAGE {
        zh: "“关于”页面缺少另一种语言的版本",
        en: "the About page is missing in the other language",
    }
    ABOUT_ONE_LANGUAGE_HINT {
        zh: "门户的每个页面都有两种语言：加上 about.zh.md 和 about.en.md",
        en: "every page of the portal is in both languages: add about.zh.md and about.en.md",
    }
    GATE_HINT {
        zh: "设为 draft: true 继续修改，或者先改完",
        en: "set draft: true to keep working on it, or finish it first",
    }
    GATE_IMPORT_NOTES {
        zh: "文章仍带着导入说明（“{mark}”注释）却不是草稿：逐条核对，删去这些注释，再发布（或设为 draft: true）",
        en: "the article still holds its import notes (the \"{mark}\" comments) but is not a draft: check each note, delete them, then publish (or set draft: true)",
    }
    GATE_PLACEHOLDER_TITLE {
        zh: "标题还是导入时的占位标题（“{title}”）：写上标题",
        en: "the title is still import's placeholder (\"{title}\"): write the headline",
    }
    GATE_MOSTLY_CHINESE {
        zh: "英文文件大部分是中文：翻译它，或在译完之前设为 draft: true",
        en: "the English file is mostly Chinese: translate it, or set draft: true until it is",
    }
    CONTROL_HINT {
        zh: "删掉这个看不见的字符（从 PDF 或 Word 复制的文字常带着它）",
        en: "remove the invisible character (text copied from PDFs or Word often carries them)",
    }
    CONTROL_CHARACTERS {
        zh: "不允许控制字符（这里是 U+{code}）",
        en: "control characters are not allowed (U+{code} here)",
    }
    NONCHARACTERS {
        zh: "不允许非字符（这里是 U+{code}）",
        en: "noncharacters are not allowed (U+{code} here)",
    }
    CONTROL_ESCAPE {
        zh: "不允许控制字符（写成了转义）",
        en: "control characters are not allowed (written as an escape)",
    }
    ALIASES_TOO_BIG {
        zh: "YAML 格式错误：别名（`*name`）重复的值展开后超过 {expanded} KB，而原文只有 {written} KB",
        en: "invalid YAML: its aliases (`*name`) repeat values until it is more than {expanded} KB, against {written} KB as written",
    }
    ALIASES_HINT {
        zh: "把每个值都写出来，不要用锚点（`&name`）和别名（`*name`）重复它",
        en: "write each value out instead of repeating it with an anchor (`&name`) and aliases (`*name`)",
    }
    YAML_UNCLOSED_HINT {
        zh: "写在一行里的列表或映射（[a, b] 或 {k: v}）需要闭合的括号，各项之间用逗号",
        en: "a list or mapping written on one line ([a, b] or {k: v}) needs its closing bracket and commas between items",
    }
    YAML_DUPLICATE_HINT {
        zh: "每个键只能出现一次：删掉其中一个或把两个合并",
        en: "each key may appear once: remove one of the two or merge them",
    }
    YAML_UNKNOWN_FIELD_HINT {
        zh: "删掉这个键或改正拼写；能用的键列在上面",
        en: "remove the key or fix its spelling; the expected keys are listed above",
    }
    YAML_MISSING_FIELD_HINT {
        zh: "加上缺少的键",
        en: "add the missing key",
    }
    YAML_TABS_HINT {
        zh: "YAML 不允许用制表符缩进：用空格",
        en: "YAML does not allow tabs for indentation: use spaces",
    }
    YAML_TYPE_HINT {
        zh: "值的类型不对（列表写成 [a, b]，文字可能需要加引号）",
        en: "the value has the wrong type (a list is written [a, b], text may need quotes)",
    }
    YAML_HINT {
        zh: "检查缩进、冒号和引号；含有 \": \" 的文字必须加引号",
        en: "check indentation, colons and quotes; text containing ': ' must be quoted",
    }
    SCAFFOLD_PLACEHOLDER {
        zh: "`{key}` 还是模板里的占位文字",
        en: "`{key}` still holds the scaffold's placeholder",
    }
    SCAFFOLD_PLACEHOLDER_HINT {
        zh: "换成真正的文字；可选的键也可以删掉",
        en: "replace it with the real text, or delete the key if it is optional",
    }
    NO_OBSERVATIONS {
        zh: "指标 `{id}` 没有观测值",
        en: "indicator `{id}` has no observations",
    }
    NO_OBSERVATIONS_HINT {
        zh: "在 `observations:` 下加上数字，或删掉这个文件",
        en: "add figures under `observations:` or delete the file",
    }
    OBSERVATION_CITES_DRAFT {
        zh: "观测值引用的是草稿 `{source}`",
        en: "observation cites the draft `{source}`",
    }
    OBSERVATION_CITES_DRAFT_HINT {
        zh: "文章发布（draft: false）之前，这个数字没有链接",
        en: "the figure's link will be missing until the article is published (draft: false)",
    }
    LINK_TO_DRAFT {
        zh: "链接指向草稿 `{target}`，它不会发布",
        en: "link to the draft `{target}`, which will not be published",
    }
    LINK_TO_DRAFT_HINT {
        zh: "先发布那篇文章（draft: false），或删掉链接",
        en: "publish that article first (draft: false), or remove the link",
    }
    NO_IMAGE {
        zh: "图片 `{image}` 不存在",
        en: "image `{image}` does not exist",
    }
    NO_IMAGE_HINT {
        zh: "把图片放进 static/，写成 /static/<文件名>",
        en: "put images in static/ and write them as /static/<file name>",
    }
    NO_SUCH_HEADING {
        zh: "链接指向 `#{fragment}`，但这篇文章没有这个标题",
        en: "link to `#{fragment}`, which is no heading of this article",
    }
    HEADINGS_HERE {
        zh: "这篇文章的标题：{ids}",
        en: "headings here: {ids}",
    }
    PAGE_URL_SLASH_HINT {
        zh: "页面网址以 `/` 结尾：写成 {path}/",
        en: "page URLs end in `/`: write {path}/",
    }
    SITE_ROOT_LINK_HINT {
        zh: "从网站根目录写链接，例如 /{article} 或 /{city}",
        en: "write links from the site root, e.g. /{article} or /{city}",
    }
    NO_SUCH_PAGE {
        zh: "链接指向 `{link}`，但网站没有这个页面",
        en: "link to `{link}`, which is no page of the site",
    }
    DUPLICATE_INDICATOR_ID {
        zh: "指标 id `{id}` 重复",
        en: "duplicate indicator id `{id}`",
    }
    DUPLICATE_INDICATOR_ID_HINT {
        zh: "{path} 的 id 相同，两者会是同一个页面；每个指标只用一个文件",
        en: "{path} has the same id, and both would have the same page; keep one file per indicator",
    }
    UNKNOWN_INDICATOR {
        zh: "{key} 里的指标 `{id}` 不存在",
        en: "unknown indicator `{id}` in {key}",
    }
    KNOWN_INDICATORS {
        zh: "已有的指标：{ids}",
        en: "known indicators: {ids}",
    }
    EQUIVALENTS_GROUP {
        zh: "一组同义词需要两个或更多非空的词",
        en: "a group of equivalents needs two or more non-empty members",
    }
    EQUIVALENTS_HINT {
        zh: "写读者会输入的词和正文用的词，例如 [smog, heavy pollution]",
        en: "write the words a reader types and the word the text uses, e.g. [smog, heavy pollution]",
    }
    TEMPLATE_RENDER_ERROR {
        zh: "模板出错：{message}",
        en: "{message}",
    }
    TEMPLATE_RENDER_HINT {
        zh: "模板用了不存在的变量或过滤器；请和默认模板对照",
        en: "a template uses a variable or filter that does not exist; compare it with the default template",
    }
    TEMPLATE_ERROR {
        zh: "模板错误：{reason}",
        en: "template error: {reason}",
    }
    TEMPLATE_SYNTAX_HINT {
        zh: "改正模板的语法；可以和 shanshui 的 templates/ 文件夹里同名的默认模板对照",
        en: "fix the template syntax; compare it with the default template of the same name in shanshui's templates/ folder",
    }
    TOO_DEEP {
        zh: "正文嵌套超过 {depth} 层（引用、列表、强调或 HTML 元素一层套一层）",
        en: "the text is nested more than {depth} levels deep (quotes, lists, emphasis or HTML elements inside one another)",
    }
    TOO_DEEP_HINT {
        zh: "把结构拍平：没有文章需要把引用、列表或 HTML 元素嵌套得这么深",
        en: "flatten the structure: no article needs quotes, lists or HTML elements nested this deep",
    }
    REFUSED_LINK {
        zh: "链接目标 `{target}` 不是网页地址、站内路径或锚点",
        en: "link target `{target}` is not a web address, a site path or an anchor",
    }
    REFUSED_LINK_HINT {
        zh: "链接到 https://… 或 http://…、mailto:…、门户的页面（/{article}）或标题（#…）",
        en: "link to https://… or http://…, mailto:…, a page of the portal (/{article}) or a heading (#…)",
    }
    MACRO_CYCLE {
        zh: "宏互相调用，形成循环：{chain}",
        en: "macros call one another in a cycle: {chain}",
    }
    MACRO_CYCLE_HINT {
        zh: "宏不能直接或间接调用自己：那样会一直运行到栈溢出；用 `for` 循环写重复的部分",
        en: "a macro may not call itself, directly or through others: it would run until the stack overflows; write the repetition with a `for` loop",
    }
    TEMPLATE_CYCLE {
        zh: "模板互相包含，形成循环：{chain}",
        en: "templates include one another in a cycle: {chain}",
    }
    TEMPLATE_CYCLE_HINT {
        zh: "模板不能直接或间接包含、继承或导入自己；删掉其中一个标签",
        en: "a template may not include, extend or import itself, directly or through others; remove one of these tags",
    }
    REPORT_BUG {
        zh: "这是 shanshui 的缺陷，请报告",
        en: "report this as a bug in shanshui",
    }
    CANNOT_WRITE_OPEN_DATA {
        zh: "无法写出开放数据：{why}",
        en: "cannot write open data: {why}",
    }
    WRITE_THE_ID {
        zh: "这里要写 id 而不是中文名：写 `{id}`（{name}）。",
        en: "write the id `{id}`, not the Chinese name {name}.",
    }
    DID_YOU_MEAN {
        zh: "是不是 {ids}？",
        en: "did you mean {ids}?",
    }
    WRITE_DATE_AS {
        zh: "日期写成 {date}（YYYY、YYYY-MM 或 YYYY-MM-DD）",
        en: "write {date} (YYYY, YYYY-MM or YYYY-MM-DD)",
    }
    QUOTE_THE_VALUE {
        zh: "值里有逗号，请加引号：{key}: \"{value}\"",
        en: "quote the value: {key}: \"{value}\"",
    }
    OUTPUT_PROBLEM {
        zh: "无法生成网站：{why}",
        en: "{why}",
    }
    IMPORT_FILE_TOO_LARGE {
        zh: "文件太大（{size} MB，上限 {limit} MB），不像一篇稿件，请只导入稿件本身的文字",
        en: "the file is too large ({size} MB, the limit is {limit} MB) for an article: import the article's own text",
    }
    IMPORT_TEXT_TOO_LONG {
        zh: "文字太长（{size} MB，上限 {limit} MB），不像一篇稿件或一个版面，请分开导入",
        en: "the text is too long ({size} MB, the limit is {limit} MB) for an article or a page: split it and import the parts",
    }
    IMPORT_NOT_TEXT {
        zh: "这不是文本文件：{what}",
        en: "the file is not text: it is {what}",
    }
    IMPORT_TOO_SLOW {
        zh: "导入这个文件超过了 {seconds} 秒，已停止，请只导入稿件所在的页或文字",
        en: "importing this file took more than {seconds} seconds and was stopped: import the article's own pages or text",
    }
    IMPORT_STOPPED {
        zh: "内部错误：导入中断，没有结果",
        en: "internal error: the import stopped without a result",
    }
    IMPORT_NO_DATE_NOT_WRITTEN {
        zh: "没有找到日期，未写入：请加 --date YYYY[-MM[-DD]] 再导入一次",
        en: "no date found in the text, nothing written: run again with --date YYYY[-MM[-DD]]",
    }
    IMPORT_TABLE_WRONG_KIND {
        zh: "不能从 .{ext} 文件读表格：请给 .xlsx、.csv、.html 或 .docx 文件",
        en: "cannot read a table from a .{ext} file: give a .xlsx, .csv, .html or .docx file",
    }
    IMPORT_TABLE_NONE {
        zh: "文件中没有表格",
        en: "the file holds no table",
    }
    IMPORT_TABLE_TOO_LARGE {
        zh: "表格太大（上限 {rows} 行、{columns} 列），请只导入有数字的部分",
        en: "the table is too large (the limit is {rows} rows and {columns} columns): import the part that holds the figures",
    }
    IMPORT_TABLE_LONG_CELL {
        zh: "第{row}行第{column}列的单元格超过 {chars} 个字，不像数字表格",
        en: "the cell at row {row}, column {column} is longer than {chars} characters: not a table of figures",
    }
    IMPORT_CSV_BROKEN {
        zh: "CSV 格式错误：{why}",
        en: "the CSV is broken: {why}",
    }
    IMPORT_XLSX_UNREADABLE {
        zh: "不是可读的 .xlsx 文件：{why}",
        en: "not a readable .xlsx file: {why}",
    }
    IMPORT_PDF_PASSWORD {
        zh: "这个 PDF 有密码保护：请另存一份没有密码的副本再导入",
        en: "the PDF is protected by a password: save an unprotected copy and import that",
    }
    IMPORT_PDF_TOO_MANY_PAGES {
        zh: "这个 PDF 有 {pages} 页（上限 {limit} 页），不像一篇稿件，请只导出稿件所在的页",
        en: "the PDF has {pages} pages (the limit is {limit}): save the pages of the article as a PDF of their own and import that",
    }
    IMPORT_PDF_NO_TEXT {
        zh: "这个 PDF 没有文字层（是扫描的图片），请先做 OCR 文字识别，再导入识别出的文本",
        en: "the PDF has no text layer (it is a scanned image): run OCR on it first and import the text",
    }
    IMPORT_PDF_TOO_SLOW {
        zh: "读取这个 PDF 超过了 {seconds} 秒：请把稿件所在的页另存为 PDF 再导入",
        en: "reading the PDF took more than {seconds} seconds: save the article's pages as a PDF of their own and import that",
    }
    IMPORT_ASK_INDICATOR {
        zh: "请用 --indicator 指明指标（content/indicators/ 下的文件名，不带 .yaml）",
        en: "name the indicator with --indicator (its file name under content/indicators/ without .yaml)",
    }
    IMPORT_ASK_PERIOD {
        zh: "表格未写明时期，请用 --period 指明，如 2018（全年）或 2018:1-7（1至7月）",
        en: "the table does not print its period: give it with --period, e.g. 2018 (the year) or 2018:1-7 (January to July)",
    }
    IMPORT_ASK_SCOPE {
        zh: "表格未写明范围，请用 --scope 指明：city（全市）、urban（市城区）、county（全县）、province（全省）",
        en: "the table does not say what part of each place it covers: give --scope city (the whole city), urban (the urban districts), county or province",
    }
    IMPORT_ASK_SOURCE {
        zh: "请用 --source 指明数字的出处（content/sources.yaml 中的 id 或文章的 slug）",
        en: "name where the figures were printed with --source (an id of content/sources.yaml or an article's slug)",
    }
    IMPORT_BAD_PERIOD {
        zh: "--period {period} 无法识别：{ask}",
        en: "--period {period}: {ask}",
    }
    IMPORT_BAD_BASIS {
        zh: "--basis {basis}：可用的有 {known}",
        en: "--basis {basis}: known: {known}",
    }
    IMPORT_NO_PLACE_COLUMN {
        zh: "表格中没有找到 content/cities.yaml 里的地名",
        en: "no column of the table holds place names of content/cities.yaml",
    }
    IMPORT_NO_PLACE_TABLE {
        zh: "文件的表格中没有找到 content/cities.yaml 里的地名",
        en: "no table of the file holds place names of content/cities.yaml",
    }
    IMPORT_FIGURES_FROM_COLUMN {
        zh: "数字取自“{column}”列",
        en: "figures taken from the column \"{column}\"",
    }
    IMPORT_TOTAL_ROW {
        zh: "未导入合计行：{printed} {cell}（如需要，请手工添加）",
        en: "a total row is not imported: {printed} {cell} (add it by hand if wanted)",
    }
    IMPORT_UNKNOWN_PLACE {
        zh: "未知地名“{printed}”：{hint}",
        en: "unknown place \"{printed}\": {hint}",
    }
    IMPORT_PLACE_DID_YOU_MEAN {
        zh: "是不是 {name}（{id}）？",
        en: "did you mean {name} ({id})?",
    }
    IMPORT_PLACE_FIND_ID {
        zh: "请在 content/cities.yaml 中查找它的 id，或把它的名字加为别名",
        en: "find its id in content/cities.yaml, or add the name there as an alias",
    }
    IMPORT_NOT_A_NUMBER {
        zh: "{printed}：“{cell}”不是数字",
        en: "{printed}: \"{cell}\" is not a number",
    }
    IMPORT_NO_FIGURES {
        zh: "表格中没有可导入的数字",
        en: "the table holds no figure to import",
    }
    IMPORT_CHANGED_WHILE {
        zh: "{path} 在导入期间被修改，未写入：请再导入一次",
        en: "{path} changed while importing: nothing written, run the import again",
    }
    IMPORT_NO_SUCH_TABLE {
        zh: "--table {n}：文件中只有 {count} 个表格",
        en: "--table {n}: the file holds {count} table(s)",
    }
    IMPORT_NO_SUCH_INDICATOR {
        zh: "--indicator {id}：content/indicators/ 中没有这个指标{near}",
        en: "--indicator {id}: no such indicator in content/indicators/{near}",
    }
    IMPORT_INDICATOR_DID_YOU_MEAN {
        zh: "；是不是 {id}？",
        en: "; did you mean {id}?",
    }
    IMPORT_NO_INDICATOR_NAMED {
        zh: "表格的标题和表头中没有 content/indicators/ 里的指标名称：{ask}",
        en: "the table's heading and header name no indicator of content/indicators/: {ask}",
    }
    IMPORT_NO_SUCH_COLUMN {
        zh: "--column {name}：表头中没有这一列",
        en: "--column {name}: the header has no such column",
    }
    IMPORT_SEVERAL_COLUMNS {
        zh: "表格有多列数字（{columns}），请用 --column 选择一列",
        en: "the table has several columns of figures ({columns}): choose one with --column",
    }
    IMPORT_UNIT_DIFFERS {
        zh: "单位不符：表格用的是“{unit}”，{indicator} 的单位是“{indicator_unit}”；请换算数字或选另一个指标",
        en: "the unit differs: the table gives \"{unit}\", {indicator} is in \"{indicator_unit}\"; convert the figures or choose another indicator",
    }
    IMPORT_NO_UNIT {
        zh: "表格未写明单位；{indicator} 的单位是“{indicator_unit}”，如相同请加 --unit \"{indicator_unit}\"",
        en: "the table prints no unit; {indicator}'s unit is \"{indicator_unit}\": if the figures are in it, add --unit \"{indicator_unit}\"",
    }
    IMPORT_NOT_TEXT_BYTES {
        zh: "这不是文本文件（开头 {chars} 个字符里有 {odd} 个控制字符或无法解码的字节），请导入它的原始文档，或另存为文本",
        en: "the file is not text: {odd} of its first {chars} characters are control characters or bytes no Chinese encoding decodes; import the document it came from, or save it as text",
    }
    IMPORT_READ_TEXT {
        zh: "文本，{encoding}",
        en: "text, {encoding}",
    }
    IMPORT_GB_UNDECODABLE {
        zh: "GB18030/GBK（有无法解码的字节，已换成 �）",
        en: "GB18030/GBK (some bytes could not be decoded and show as �)",
    }
    IMPORT_READ_WEB_NO_TEXT {
        zh: "网页，没有找到正文",
        en: "web page: no main text found",
    }
    IMPORT_READ_WEB {
        zh: "网页（正文由 dom_smoothie 找出）",
        en: "web page (main text by dom_smoothie)",
    }
    IMPORT_READ_DOCX {
        zh: "Word 文件（.docx）",
        en: "Word file (.docx)",
    }
    IMPORT_READ_PDF {
        zh: "PDF 文字层，{pages} 页",
        en: "PDF text layer, {pages} page(s)",
    }
    IMPORT_DOCX_TEXT_PART {
        zh: "Word 文件的正文（word/document.xml）",
        en: "the Word file's text (word/document.xml)",
    }
    IMPORT_CANNOT_READ_PART {
        zh: "读不了{what}：{why}",
        en: "cannot read {what}: {why}",
    }
    IMPORT_INFLATES_TOO_MUCH {
        zh: "{what}解压后超过 {limit} MB，不像一篇稿件（可能是压缩炸弹），未读取",
        en: "{what} inflates to more than {limit} MB, far more than an article (a compression bomb?): not read",
    }
    IMPORT_XLSX_BOMB {
        zh: "表格解压后超过 {limit} MB（可能是压缩炸弹），未读取",
        en: "the spreadsheet inflates to more than {limit} MB (a compression bomb?): not read",
    }
    IMPORT_PDF_BOMB {
        zh: "这个 PDF 的页面内容解压后超过 {limit} MB（可能是压缩炸弹），未读取",
        en: "the PDF's page streams inflate to more than {limit} MB (a compression bomb?): not read",
    }
    HELP_ABOUT {
        zh: "把 content/ 里的内容生成为双语环境门户，写入 site/",
        en: "Builds the bilingual environment portal from content/ into site/",
    }
    HELP_ROOT {
        zh: "门户的根文件夹（其中有 content/、templates/、static/）",
        en: "The portal's root folder (holds content/, templates/, static/)",
    }
    HELP_BUILD {
        zh: "把门户生成到 site/",
        en: "Build the portal into site/",
    }
    HELP_SERVE {
        zh: "生成并在 127.0.0.1 上预览，文件改动后重新生成并刷新打开的页面",
        en: "Build, serve on 127.0.0.1, rebuild on changes and reload open pages",
    }
    HELP_CHECK {
        zh: "检查全部内容，不写任何文件；有错误时退出码为 1",
        en: "Validate everything and write nothing; exit 1 on errors",
    }
    HELP_NEW {
        zh: "在 content/articles 中新建 <slug>.zh.md 和 <slug>.en.md",
        en: "Scaffold <slug>.zh.md and <slug>.en.md in content/articles",
    }
    HELP_IMPORT {
        zh: "把文本、网页、Word 文件和 PDF 转成文章草稿，由编辑完成",
        en: "Turn raw text, web pages, Word files and PDFs into draft articles for an editor to finish",
    }
    HELP_TRANSLATE {
        zh: "为已有的中文文章写出英文文件，由译者填写",
        en: "Write the English file of an existing Chinese article, for a translator to fill in",
    }
    HELP_SERVE_PORT {
        zh: "127.0.0.1 上的端口",
        en: "Port on 127.0.0.1",
    }
    HELP_SERVE_OPEN {
        zh: "在默认浏览器中打开网站",
        en: "Open the site in the default browser",
    }
    HELP_SERVE_DRAFTS {
        zh: "包括标为 `draft: true` 的文章（预览时默认包括）",
        en: "Include articles marked `draft: true` (on by default when serving)",
    }
    HELP_SERVE_NO_SEARCH {
        zh: "不生成搜索索引（大网站启动更快）",
        en: "Skip the search index (faster start on a large site)",
    }
    HELP_CHECK_FORMAT {
        zh: "输出格式：text 给人看，json 给工具读",
        en: "Output format: text for people, json for tools",
    }
    HELP_NEW_SLUG {
        zh: "新文章的 slug（即网址）：小写字母、数字和连字符",
        en: "The new article's slug (its URL): lowercase letters, digits and hyphens",
    }
    HELP_IMPORT_FILES {
        zh: "要导入的文件（UTF-8、UTF-16 或 GBK 编码的 .txt；.html；.docx；有文字层的 .pdf），或装有这些文件的文件夹",
        en: "Files to import (.txt in UTF-8, UTF-16 or GBK; .html; .docx; .pdf with a text layer), or folders of them",
    }
    HELP_IMPORT_DATE {
        zh: "草稿的日期，按所给的原样使用：YYYY、YYYY-MM 或 YYYY-MM-DD（默认：文中印的日期）",
        en: "Date of the drafts, used exactly as given: YYYY, YYYY-MM or YYYY-MM-DD (default: the date the text prints)",
    }
    HELP_IMPORT_OUT {
        zh: "草稿的文件夹（默认：<root>/content/articles）",
        en: "Folder for the drafts (default: <root>/content/articles)",
    }
    HELP_IMPORT_KEEP_TRADITIONAL {
        zh: "保留繁体字（默认转为简体）",
        en: "Keep traditional characters (by default they are converted to simplified)",
    }
    HELP_TABLE_TABLE {
        zh: "把 .html 或 .docx 文件的第 N 个表格（1 为第一个）当作数字读入；.xlsx 和 .csv 文件总是按表格读",
        en: "Read the N-th table of a .html or .docx file (1 = the first) as figures; .xlsx and .csv files are always read as tables",
    }
    HELP_TABLE_INDICATOR {
        zh: "数字所属的指标（content/indicators/ 下的文件名，不带 .yaml）；默认：表格标题中的指标",
        en: "The indicator the figures are of (its file name under content/indicators/, without .yaml); default: the one the table's heading names",
    }
    HELP_TABLE_PERIOD {
        zh: "时期：2018（全年）、2018:7（7月）或 2018:1-7（1至7月）；默认：表格标题中印的时期",
        en: "The period: 2018 (the year), 2018:7 (July) or 2018:1-7 (January to July); default: the one the table's heading prints",
    }
    HELP_TABLE_SCOPE {
        zh: "数字覆盖每个地方的哪一部分：city、urban、county 或 province",
        en: "What part of each place the figures cover: city, urban, county or province",
    }
    HELP_TABLE_BASIS {
        zh: "数字的计算口径，不是公布的原始数字时使用（如 dust-excluded）",
        en: "How the figures were computed, when not whole published figures (e.g. dust-excluded)",
    }
    HELP_TABLE_UNIT {
        zh: "数字的单位，表格没有印出时使用",
        en: "The unit of the figures, when the table does not print it",
    }
    HELP_TABLE_SOURCE {
        zh: "数字的出处：content/sources.yaml 中的 id 或文章的 slug",
        en: "Where the figures were printed: an id of content/sources.yaml or an article's slug",
    }
    HELP_TABLE_COLUMN {
        zh: "存放数字的那一列的表头，表格有多列数字时使用",
        en: "The header of the column holding the figures, when the table has several",
    }
    HELP_TABLE_WRITE {
        zh: "把观测值写入指标文件（不加时只显示改动）",
        en: "Write the observations into the indicator's file (without it, the change is only shown)",
    }
    HELP_TRANSLATE_ARTICLE {
        zh: "中文文章：它的 slug 或 .zh.md 文件",
        en: "The Chinese article: its slug or its .zh.md file",
    }
    HELP_BUILD_BASE_URL {
        zh: "网站所在的绝对网址，如 https://example.gov.cn/portal/（默认：site.yaml 的 base_url）",
        en: "Absolute URL the site is served from, e.g. https://example.gov.cn/portal/ (default: base_url of site.yaml)",
    }
    HELP_BUILD_DRAFTS {
        zh: "包括标为 `draft: true` 的文章",
        en: "Include articles marked `draft: true`",
    }
    HELP_BUILD_OUT {
        zh: "输出文件夹（默认：<root>/site）",
        en: "Output folder (default: <root>/site)",
    }
    HELP_BUILD_NO_SEARCH {
        zh: "不生成搜索索引（更快；搜索页将找不到任何内容）",
        en: "Skip the search index (faster; the search page then finds nothing)",
    }
    HELP_BUILD_PORTABLE {
        zh: "可以从文件夹或 U 盘直接打开的副本：每个链接都是相对的，以 index.html 结尾（搜索需要网页服务器）",
        en: "A copy to open from a folder or a USB stick: every link relative, ending in index.html (search then needs a web server)",
    }
    IMPORT_FOLDER_EMPTY {
        zh: "{folder}：文件夹中没有 .txt、.html、.docx 或 .pdf 文件",
        en: "{folder}: the folder holds no .txt, .html, .docx or .pdf file",
    }
    IMPORT_NOT_DOCX {
        zh: "不是 Word（.docx）文件：{why}",
        en: "not a Word (.docx) file: {why}",
    }
    IMPORT_DOCX_NO_TEXT_PART {
        zh: "不是 Word（.docx）文件：其中没有 word/document.xml",
        en: "not a Word (.docx) file: it has no word/document.xml",
    }
    IMPORT_DOCX_BROKEN {
        zh: "Word 文件的正文已损坏：{why}",
        en: "the Word file's text is broken: {why}",
    }
    IMPORT_DOCX_NOT_UTF8 {
        zh: "Word 文件的正文已损坏：word/document.xml 不是 UTF-8",
        en: "the Word file's text is broken: word/document.xml is not UTF-8",
    }
    IMPORT_PDF_UNREADABLE {
        zh: "读不了这个 PDF：{why}",
        en: "cannot read the PDF: {why}",
    }
    IMPORT_PDF_DAMAGED {
        zh: "读不了这个 PDF：文件已损坏（其中的对象无法解析）",
        en: "cannot read the PDF: the file is damaged (its objects do not parse)",
    }
    IMPORT_SHEET_UNREADABLE {
        zh: "读不了工作表 {sheet}：{why}",
        en: "cannot read the sheet {sheet}: {why}",
    }
    IMPORT_NO_FIGURE_IN_CELL {
        zh: "{printed} 无数字（“{cell}”），未导入",
        en: "{printed} has no figure (\"{cell}\"): not imported",
    }
    IMPORT_DRAFT_UNPARSABLE {
        zh: "内部错误：草稿的前言无法解析：{why}",
        en: "internal error: the draft's front matter does not parse: {why}",
    }
    IMPORT_CANNOT_WRITE_INTO {
        zh: "无法写入 {folder}：{why}",
        en: "cannot write into {folder}: {why}",
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
            // An example in braces (`{zh: 原文…, en: …}`) may quote Chinese.
            let words = m.en.split(['{', '}']).step_by(2).collect::<String>();
            assert!(
                !words.chars().any(is_han),
                "{}: Chinese in the English `{}`",
                m.key,
                m.en
            );
        }
    }

    /// Chinese text takes full-width punctuation (，；：？！（）) next to a Chinese
    /// character; code in backticks and examples in braces are left as written.
    #[test]
    fn chinese_messages_use_full_width_punctuation() {
        let mut slips = Vec::new();
        for m in ALL {
            let prose: String =
                m.zh.split('`')
                    .step_by(2)
                    .collect::<Vec<_>>()
                    .join(" ")
                    .split(['{', '}'])
                    .step_by(2)
                    .collect::<Vec<_>>()
                    .join(" ");
            let chars: Vec<char> = prose.chars().collect();
            for (i, pair) in chars.windows(2).enumerate() {
                let ascii = |c: char| ",;:?!()".contains(c);
                if (is_han(pair[0]) && ascii(pair[1])) || (ascii(pair[0]) && is_han(pair[1])) {
                    slips.push(format!("{}: `{}` at {i}", m.key, m.zh));
                }
            }
        }
        assert!(slips.is_empty(), "{}", slips.join("\n"));
    }

    #[test]
    fn a_filled_message_is_recognised_in_either_language() {
        let m = Message {
            key: "T",
            zh: "文件超过 {size} MB，上限 {limit} MB",
            en: "the file is {size} MB, the limit is {limit} MB",
        };
        let values: [(&str, &dyn Display); 2] = [("size", &70), ("limit", &64)];
        assert!(m.is_said(&m.say_in(Lang::Zh, &values)));
        assert!(m.is_said(&m.say_in(Lang::En, &values)));
        assert!(!m.is_said("the file is 70 MB"));
        assert!(!m.is_said("note: the file is 70 MB, the limit is 64 MB"));
        assert!(!m.is_said("the file is 70 MB, the limit is 64 MB and more"));
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
