//! The URL layout of the portal, in one place: where each page and file lives, its
//! output path, its link inside the site, its absolute URL, its feed, its version in the
//! other language, and back from a link to the page it names. Nothing else in `src/`
//! spells `articles/`, `cities/`, `about/` or `en/`.
//!
//! Links are made by [`Urls`], built from the site's base URL; [`Urls::portable`] spells
//! them again for a copy opened from a folder (`file://`), relative to the page.

use crate::model::{Config, Lang};

/// A page of the portal, within one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Route<'a> {
    Home,
    Article(&'a str),
    /// A place's page; the number is the page of its article list (0-based).
    City(&'a str, usize),
    Cities,
    Topic(&'a str, usize),
    Topics,
    Indicator(&'a str),
    Indicators,
    Archive(usize),
    Search,
    /// What the portal is, who edits it, how figures are sourced.
    About,
    NotFound,
}

/// What a feed follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedOf<'a> {
    Site,
    City(&'a str),
    Topic(&'a str),
}

impl<'a> Route<'a> {
    /// The folder of the page inside its language, ending in `/` (empty for home).
    fn rest(self) -> String {
        match self {
            Route::Home | Route::NotFound => String::new(),
            Route::Article(slug) => format!("articles/{slug}/"),
            Route::City(id, page) => paged(&format!("cities/{id}/"), page),
            Route::Cities => "cities/".into(),
            Route::Topic(id, page) => paged(&format!("topics/{id}/"), page),
            Route::Topics => "topics/".into(),
            Route::Indicator(id) => format!("indicators/{id}/"),
            Route::Indicators => "indicators/".into(),
            Route::Archive(page) => paged("archive/", page),
            Route::Search => "search/".into(),
            Route::About => "about/".into(),
        }
    }

    /// Site-relative address of the page: `en/articles/x/`, `` for the Chinese home,
    /// `404.html` for the page shown for a missing one.
    pub fn path(self, lang: Lang) -> String {
        match self {
            Route::NotFound => "404.html".into(),
            _ => format!("{}{}", prefix(lang), self.rest()),
        }
    }

    /// The file the page is written to, relative to the output folder.
    pub fn output_path(self, lang: Lang) -> String {
        match self {
            Route::NotFound => "404.html".into(),
            _ => format!("{}index.html", self.path(lang)),
        }
    }

    /// The same list on another of its pages (0-based); other pages are unchanged.
    pub fn with_page(self, page: usize) -> Route<'a> {
        match self {
            Route::City(id, _) => Route::City(id, page),
            Route::Topic(id, _) => Route::Topic(id, page),
            Route::Archive(_) => Route::Archive(page),
            other => other,
        }
    }

    /// The feed a page offers: its place's or topic's, else the site's.
    pub fn feed(self) -> FeedOf<'a> {
        match self {
            Route::City(id, _) => FeedOf::City(id),
            Route::Topic(id, _) => FeedOf::Topic(id),
            _ => FeedOf::Site,
        }
    }

    /// The page a site-relative path names (`en/articles/x/`, `articles/x/page/2/` is
    /// not an article), with its language: the reverse of [`Route::path`].
    pub fn parse(path: &'a str) -> Option<(Lang, Route<'a>)> {
        if path == "404.html" {
            return Some((Lang::Zh, Route::NotFound));
        }
        let (lang, rest) = match path.strip_prefix("en/").or((path == "en").then_some("")) {
            Some(rest) => (Lang::En, rest),
            None => (Lang::Zh, path),
        };
        let parts: Vec<&str> = rest.strip_suffix('/').unwrap_or(rest).split('/').collect();
        let page = |n: &str| n.parse::<usize>().ok().filter(|&n| n >= 2).map(|n| n - 1);
        let route = match parts.as_slice() {
            [""] if rest.is_empty() => Route::Home,
            ["articles", slug] => Route::Article(slug),
            ["cities"] => Route::Cities,
            ["cities", id] => Route::City(id, 0),
            ["cities", id, "page", n] => Route::City(id, page(n)?),
            ["topics"] => Route::Topics,
            ["topics", id] => Route::Topic(id, 0),
            ["topics", id, "page", n] => Route::Topic(id, page(n)?),
            ["indicators"] => Route::Indicators,
            ["indicators", id] => Route::Indicator(id),
            ["archive"] => Route::Archive(0),
            ["archive", "page", n] => Route::Archive(page(n)?),
            ["search"] => Route::Search,
            ["about"] => Route::About,
            _ => return None,
        };
        // Page addresses end in `/`; `articles/x` is no page.
        (rest.is_empty() || rest.ends_with('/')).then_some((lang, route))
    }
}

impl<'a> FeedOf<'a> {
    /// Site-relative path of the feed: `en/cities/x/feed.xml`.
    pub fn path(self, lang: Lang) -> String {
        format!("{}feed.xml", self.page().path(lang))
    }

    /// The page whose articles the feed follows.
    pub fn page(self) -> Route<'a> {
        match self {
            FeedOf::Site => Route::Home,
            FeedOf::City(id) => Route::City(id, 0),
            FeedOf::Topic(id) => Route::Topic(id, 0),
        }
    }
}

/// Path prefix of a language's pages: the default language lives at the root.
fn prefix(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "",
        Lang::En => "en/",
    }
}

/// `cities/x/` for the first page of a list, `cities/x/page/2/` for the second.
fn paged(first: &str, page: usize) -> String {
    if page == 0 {
        first.to_owned()
    } else {
        format!("{first}page/{}/", page + 1)
    }
}

/// The open data of every indicator, one file per format: `data/indicators.csv`.
pub fn open_data_file(format: &str) -> String {
    format!("data/indicators.{format}")
}

/// The folder of files published as they are (the site's `static/` and shanshui's own).
pub const STATIC_DIR: &str = "static/";

/// A file of [`STATIC_DIR`]: `static/style.css`.
pub fn static_file(rel: &str) -> String {
    format!("{STATIC_DIR}{rel}")
}

/// The folder of the search index: `search-index/`, one folder per language inside.
pub const SEARCH_DIR: &str = "search-index";

/// The folder of one language's search index: `search-index/zh/`.
pub fn search_index_dir(lang: Lang) -> String {
    format!("{SEARCH_DIR}/{}/", lang.code())
}

/// Files beside an indicator's page: its charts and data.
pub fn indicator_file(id: &str, file: &str) -> String {
    format!("{}{file}", Route::Indicator(id).path(Lang::Zh))
}

/// A site-relative path (`articles/x/`) as a link under the base path (`/portal/`): the
/// one place the two are joined, for [`Urls`] and for links written in Markdown.
pub fn href_under(base_path: &str, path: &str) -> String {
    format!("{base_path}{path}")
}

/// Links to pages and files, made from the site's base URL.
#[derive(Debug, Clone, Copy)]
pub struct Urls<'a> {
    /// Absolute, ending in `/`: `https://example.gov.cn/portal/`.
    base_url: &'a str,
    /// Its path: `/portal/`.
    base_path: &'a str,
}

impl<'a> Urls<'a> {
    pub fn new(config: &'a Config) -> Self {
        Urls {
            base_url: &config.base_url,
            base_path: &config.base_path,
        }
    }

    /// Link from inside the site to a site-relative path.
    pub fn href_of(self, path: &str) -> String {
        href_under(self.base_path, path)
    }

    /// Absolute URL of a site-relative path.
    pub fn url_of(self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    pub fn href(self, lang: Lang, route: Route) -> String {
        self.href_of(&route.path(lang))
    }

    pub fn url(self, lang: Lang, route: Route) -> String {
        self.url_of(&route.path(lang))
    }

    /// The same page in the other language.
    pub fn other_href(self, lang: Lang, route: Route) -> String {
        self.href(lang.other(), route)
    }

    pub fn feed_href(self, lang: Lang, feed: FeedOf) -> String {
        self.href_of(&feed.path(lang))
    }

    pub fn feed_url(self, lang: Lang, feed: FeedOf) -> String {
        self.url_of(&feed.path(lang))
    }

    /// The base path (`/` or `/portal/`), for templates that build links to static files.
    pub fn base_path(self) -> &'a str {
        self.base_path
    }

    /// A link as written in the portable copy (`build --portable`), opened from a folder
    /// where no server turns `x/` into `x/index.html` and `/` is the disk's root: a
    /// link inside the site becomes relative to the folder of the page at `from` (its
    /// output path, `en/articles/x/index.html`), and a link to a page gets `index.html`,
    /// keeping any `#fragment` or `?query`. `None` for links left as they are: relative
    /// already, or leaving the site.
    pub fn portable(self, link: &str, from: &str) -> Option<String> {
        if link.starts_with("//") {
            return None;
        }
        let inside = link.strip_prefix(self.base_path)?;
        let end = inside.find(['#', '?']).unwrap_or(inside.len());
        let (path, tail) = inside.split_at(end);
        let here: Vec<&str> = from.split('/').collect();
        let here = &here[..here.len() - 1];
        let target: Vec<&str> = path.split('/').collect();
        let (target_dirs, file) = target.split_at(target.len() - 1);
        let shared = here
            .iter()
            .zip(target_dirs)
            .take_while(|(a, b)| a == b)
            .count();
        let mut out = "../".repeat(here.len() - shared);
        for dir in &target_dirs[shared..] {
            out.push_str(dir);
            out.push('/');
        }
        out.push_str(file[0]);
        if Route::parse(path).is_some_and(|(_, route)| route != Route::NotFound) {
            out.push_str("index.html");
        }
        out.push_str(tail);
        Some(out)
    }

    /// A link found in a page at `from` (site-relative), as a site-relative path with
    /// any `#fragment` and `?query` left off; `None` for links that leave the site.
    pub fn resolve(self, link: &str, from: &str) -> Option<String> {
        if link.starts_with("//") || scheme(link).is_some() {
            return None;
        }
        let link = link.split(['#', '?']).next().unwrap_or(link);
        Some(resolve(link, from))
    }
}

/// The schemes by which a link may leave the site: the web and mail. Any other
/// (`javascript:`, `data:`, `file:`) would run code or leak data when clicked, however
/// well the text around it is escaped.
pub const LINK_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// The scheme of a link, lowercased, as a browser reads it: whitespace and control
/// characters inside it are skipped (`java\tscript:`). `None` for a path, a query or an
/// anchor within the site.
pub fn scheme(link: &str) -> Option<String> {
    let compact: String = link
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let i = compact.find([':', '/', '?', '#'])?;
    compact[i..]
        .starts_with(':')
        .then(|| compact[..i].to_ascii_lowercase())
}

/// Whether a link or image target may be published: a site path, a query, an anchor,
/// or a link by one of [`LINK_SCHEMES`].
pub fn is_allowed_link_target(link: &str) -> bool {
    scheme(link).is_none_or(|s| LINK_SCHEMES.contains(&s.as_str()))
}

/// `/a/b/` → `a/b/`; `../x/` from `articles/y/` → `articles/x/`.
fn resolve(url: &str, here: &str) -> String {
    let (base, rest) = match url.strip_prefix('/') {
        Some(rest) => (Vec::new(), rest),
        None => (here.split('/').filter(|s| !s.is_empty()).collect(), url),
    };
    let mut parts: Vec<&str> = base;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_parses_back_from_its_path() {
        let routes = [
            Route::Home,
            Route::Article("air-2025"),
            Route::City("jinzhong", 0),
            Route::City("jinzhong", 2),
            Route::Cities,
            Route::Topic("air", 0),
            Route::Topic("air", 1),
            Route::Topics,
            Route::Indicator("pm25"),
            Route::Indicators,
            Route::Archive(0),
            Route::Archive(4),
            Route::Search,
            Route::About,
        ];
        for lang in Lang::ALL {
            for route in routes {
                let path = route.path(lang);
                assert_eq!(Route::parse(&path), Some((lang, route)), "{path}");
            }
        }
        assert_eq!(Route::parse("404.html"), Some((Lang::Zh, Route::NotFound)));
        assert_eq!(Route::parse("articles/x"), None);
        assert_eq!(Route::parse("cities/x/page/1/"), None);
        assert_eq!(Route::parse("static/style.css"), None);
    }

    #[test]
    fn paths_links_and_feeds() {
        assert_eq!(
            Route::Article("x").output_path(Lang::En),
            "en/articles/x/index.html"
        );
        assert_eq!(Route::City("a", 1).path(Lang::Zh), "cities/a/page/2/");
        assert_eq!(Route::NotFound.output_path(Lang::En), "404.html");
        assert_eq!(
            FeedOf::Topic("air").path(Lang::En),
            "en/topics/air/feed.xml"
        );
        assert_eq!(FeedOf::Site.path(Lang::Zh), "feed.xml");
        assert_eq!(
            indicator_file("pm25", "data.csv"),
            "indicators/pm25/data.csv"
        );
        let urls = Urls {
            base_url: "https://a.cn/p/",
            base_path: "/p/",
        };
        assert_eq!(urls.href(Lang::En, Route::Home), "/p/en/");
        assert_eq!(
            urls.url(Lang::Zh, Route::Article("x")),
            "https://a.cn/p/articles/x/"
        );
        assert_eq!(urls.other_href(Lang::Zh, Route::Topics), "/p/en/topics/");
    }

    #[test]
    fn links_resolve_from_the_root_and_relative_to_the_page() {
        let urls = Urls {
            base_url: "https://a.cn/",
            base_path: "/",
        };
        let r = |l: &str| urls.resolve(l, "articles/y/");
        assert_eq!(r("/articles/x/#h").as_deref(), Some("articles/x/"));
        assert_eq!(r("../x/").as_deref(), Some("articles/x/"));
        assert_eq!(r("../../en/cities/a/").as_deref(), Some("en/cities/a/"));
        assert_eq!(r("/").as_deref(), Some(""));
        assert_eq!(r("https://e.org/"), None);
    }

    #[test]
    fn portable_links_are_relative_to_the_page_and_name_index_html() {
        let urls = Urls {
            base_url: "https://a.cn/p/",
            base_path: "/p/",
        };
        let p = |l: &str, from: &str| urls.portable(l, from);
        let article = "en/articles/x/index.html";
        assert_eq!(p("/p/", article).as_deref(), Some("../../../index.html"));
        assert_eq!(
            p("/p/en/articles/y/#h", article).as_deref(),
            Some("../y/index.html#h")
        );
        assert_eq!(
            p("/p/static/style.css", article).as_deref(),
            Some("../../../static/style.css")
        );
        assert_eq!(
            p("/p/en/search/?q=a", "index.html").as_deref(),
            Some("en/search/index.html?q=a")
        );
        assert_eq!(
            p("/p/search-index/zh/", "search/index.html").as_deref(),
            Some("../search-index/zh/")
        );
        assert_eq!(
            p("/p/cities/a/", "404.html").as_deref(),
            Some("cities/a/index.html")
        );
        assert_eq!(p("../y/", article), None);
        assert_eq!(p("https://e.org/p/", article), None);
        assert_eq!(p("//e.org/p/", article), None);
        assert_eq!(p("/elsewhere/", article), None);
    }
}
