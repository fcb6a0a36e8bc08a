//! `sitemap.xml` with every page and its other-language alternates, and `robots.txt`.

use crate::model::Site;
use crate::output::OutputFile;
use crate::render::PageInfo;
use crate::route::Urls;

/// Appends `s` to `xml`, escaped for an XML text or attribute.
fn push_escaped(xml: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => xml.push_str("&amp;"),
            '<' => xml.push_str("&lt;"),
            '>' => xml.push_str("&gt;"),
            '"' => xml.push_str("&quot;"),
            '\'' => xml.push_str("&apos;"),
            c => xml.push(c),
        }
    }
}

/// Every page for search engines (`indexable`), with its versions by language.
pub fn sitemap(pages: &[&PageInfo]) -> OutputFile {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for page in pages.iter().filter(|p| p.indexable) {
        xml.push_str("  <url>\n    <loc>");
        push_escaped(&mut xml, &page.url);
        xml.push_str("</loc>\n");
        for (lang, href) in &page.alternates {
            xml.push_str("    <xhtml:link rel=\"alternate\" hreflang=\"");
            push_escaped(&mut xml, lang);
            xml.push_str("\" href=\"");
            push_escaped(&mut xml, href);
            xml.push_str("\"/>\n");
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
