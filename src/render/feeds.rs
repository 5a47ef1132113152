//! `sitemap.xml` and an Atom feed per language. Both need absolute URLs, so they exist only
//! when `site.yaml` has a `base_url` (a warning says so otherwise).

use super::PageKind;
use crate::model::{LangId, Site};

/// Escapes text for XML content and attributes.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            _ => out.push(c),
        }
    }
    out
}

/// The absolute URL of a page folder (`https://ip.example.gov.cn/en/2023/`).
fn absolute(base: &str, site: &Site, lang: LangId, kind: PageKind) -> String {
    let language = site.languages.get(lang);
    format!("{base}{}{}", language.url_prefix, kind.location(site))
}

/// Every page with its alternates in the other languages.
pub fn sitemap(site: &Site, base: &str, kinds: &[PageKind]) -> Vec<u8> {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for &kind in kinds.iter().filter(|k| **k != PageKind::NotFound) {
        for (lang, _) in site.languages.iter() {
            out.push_str("<url><loc>");
            out.push_str(&xml_escape(&absolute(base, site, lang, kind)));
            out.push_str("</loc>");
            for (other, language) in site.languages.iter() {
                out.push_str(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    language.html_lang,
                    xml_escape(&absolute(base, site, other, kind))
                ));
            }
            out.push_str("</url>\n");
        }
    }
    out.push_str("</urlset>\n");
    out.into_bytes()
}

struct Entry {
    title: String,
    url: String,
    date: jiff::civil::Date,
    summary: Option<String>,
}

/// RFC 3339 at midnight China time: the dates in the content are Beijing dates.
fn timestamp(date: jiff::civil::Date) -> String {
    format!("{date}T00:00:00+08:00")
}

/// Reports, cases and events of every year, newest first.
pub fn atom(site: &Site, base: &str, lang: LangId) -> Vec<u8> {
    let mut entries: Vec<Entry> = Vec::new();
    for (y, year) in site.years.iter().enumerate() {
        let published = year.report.published;
        if let Some(date) = published {
            entries.push(Entry {
                title: year.report.title.or_empty(lang).to_string(),
                url: absolute(base, site, lang, PageKind::Year(y)),
                date,
                summary: year
                    .report
                    .theme
                    .as_ref()
                    .map(|t| t.or_empty(lang).to_string()),
            });
        }
        for (index, case) in year.cases.iter().enumerate() {
            if let Some(date) = published.or(case.decided) {
                entries.push(Entry {
                    title: case.item.title.or_empty(lang).to_string(),
                    url: absolute(base, site, lang, PageKind::Case { year: y, index }),
                    date,
                    summary: None,
                });
            }
        }
        for (index, event) in year.events.iter().flatten().enumerate() {
            if let Some(date) = event.date {
                entries.push(Entry {
                    title: event.title.or_empty(lang).to_string(),
                    url: format!(
                        "{}#{}",
                        absolute(base, site, lang, PageKind::Events(y)),
                        index + 1
                    ),
                    date,
                    summary: event
                        .summary
                        .as_ref()
                        .map(|s| s.text.or_empty(lang).to_string()),
                });
            }
        }
    }
    // Newest first; equal dates in a fixed order so that the feed is byte-identical.
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));
    let language = site.languages.get(lang);
    let home = absolute(base, site, lang, PageKind::Home);
    let updated = entries
        .first()
        .map(|e| timestamp(e.date))
        .unwrap_or_else(|| "1970-01-01T00:00:00+08:00".to_string());
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n\
         <title>{}</title>\n<id>{}</id>\n<link href=\"{}\"/>\n<link rel=\"self\" href=\"{}feed.xml\"/>\n\
         <updated>{updated}</updated>\n<author><name>{}</name></author>\n",
        language.html_lang,
        xml_escape(site.config.title.or_empty(lang)),
        xml_escape(&home),
        xml_escape(&home),
        xml_escape(&home),
        xml_escape(site.config.publisher.or_empty(lang)),
    );
    for e in &entries {
        out.push_str(&format!(
            "<entry><title>{}</title><id>{}</id><link href=\"{}\"/><updated>{}</updated>",
            xml_escape(&e.title),
            xml_escape(&e.url),
            xml_escape(&e.url),
            timestamp(e.date)
        ));
        if let Some(s) = e.summary.as_ref().filter(|s| !s.is_empty()) {
            out.push_str(&format!("<summary>{}</summary>", xml_escape(s)));
        }
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escaping() {
        assert_eq!(
            xml_escape("a<b>&\"'\u{1}]]>"),
            "a&lt;b&gt;&amp;&quot;&apos;]]&gt;"
        );
    }
}
