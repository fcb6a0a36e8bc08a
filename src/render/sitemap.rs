//! `sitemap.xml` with every page and its other-language alternates, and `robots.txt`.

use crate::model::Site;
use crate::output::OutputFile;
use crate::route::Urls;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// One page of the sitemap: its URL and its versions by language (`hreflang`, URL).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SitemapEntry {
    pub url: String,
    pub alternates: Vec<(String, String)>,
}

pub fn sitemap(entries: &[SitemapEntry]) -> OutputFile {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for e in entries {
        xml.push_str("  <url>\n    <loc>");
        xml.push_str(&escape(&e.url));
        xml.push_str("</loc>\n");
        for (lang, href) in &e.alternates {
            xml.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                escape(lang),
                escape(href)
            ));
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
    }
}

pub fn robots(site: &Site) -> OutputFile {
    let sitemap = Urls::new(&site.config).url_of("sitemap.xml");
    let text = format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n");
    OutputFile {
        path: "robots.txt".into(),
        bytes: text.into_bytes(),
    }
}
