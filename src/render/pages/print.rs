//! A year's print page (`/<YYYY>/print/`): the whole report on one page, to print or save as
//! PDF. A cover (the report's title, its issuer and date), then what the year's page shows
//! (summary, indicator table, achievements) and, with their texts, every case, the ten events
//! and the issue list, which the year's page only lists.
//!
//! The texts of many items share the page, so the ids their Markdown defines (headings,
//! footnotes) are given the item's anchor as a prefix, and their headings are moved below the
//! item's own heading ([`fit`]).

use std::collections::BTreeSet;

use serde::Serialize;
use tera::Context;

use super::year::{
    CasePage, Chapter, EventItem, IndicatorTable, IssueEntry, case_page, chapters, event_items,
    indicator_table, issue_entries,
};
use super::{home_crumb, with_page, year_crumb};
use crate::render::paths::PagePath;
use crate::render::text::Tx;
use crate::render::{Env, PageKind};

#[derive(Serialize)]
struct PrintCase {
    anchor: String,
    title: Tx,
    #[serde(flatten)]
    page: CasePage,
}

#[derive(Serialize)]
struct PrintPage {
    year: i32,
    report_title: Tx,
    theme: Option<Tx>,
    /// Who issues the report: the site's publisher.
    issuer: Tx,
    summary_html: Option<String>,
    #[serde(flatten)]
    table: IndicatorTable,
    chapters: Vec<Chapter>,
    cases: Vec<PrintCase>,
    events: Vec<EventItem>,
    issues: Vec<IssueEntry>,
    /// The year's page, to go back to.
    year_href: String,
}

pub(super) fn print(env: &Env, here: &PagePath, y: usize) -> tera::TeraResult<Context> {
    let site = env.site;
    let year = &site.years[y];
    let mut chapters = chapters(env, here, y);
    for c in &mut chapters {
        c.html = fit(&c.html, &format!("achievement-{}", c.id), 4);
        c.id = format!("achievement-{}", c.id);
    }
    let cases = (0..year.cases.len())
        .map(|index| {
            let mut page = case_page(env, here, y, index, false);
            let anchor = format!("case-{}", year.cases[index].item.id.value);
            page.html = fit(&page.html, &anchor, 4);
            PrintCase {
                title: env.tx(&year.cases[index].item.title),
                anchor,
                page,
            }
        })
        .collect();
    let mut events = event_items(env, here, y, false);
    for e in &mut events {
        e.html = e
            .html
            .take()
            .map(|h| fit(&h, &format!("event-{}", e.rank), 4));
    }
    let mut issues = issue_entries(env, here, y, false);
    for i in &mut issues {
        let anchor = format!("issue-{}", i.id);
        i.description = i
            .description
            .take()
            .map(|h| fit(&h, &format!("{anchor}-description"), 5));
        i.actions = i
            .actions
            .take()
            .map(|h| fit(&h, &format!("{anchor}-actions"), 5));
        i.id = anchor;
    }
    let report_title = env.tx(&year.report.title);
    let page = PrintPage {
        year: year.year,
        theme: env.tx_opt(year.report.theme.as_ref()),
        issuer: env.tx(&site.config.publisher),
        summary_html: env
            .md_text(year.report.summary.as_ref(), here)
            .map(|h| fit(&h, "summary", 3)),
        table: indicator_table(env, here, y),
        chapters,
        cases,
        events,
        issues,
        year_href: here.href_to(&env.path(PageKind::Year(y)), None),
        report_title: report_title.clone(),
    };
    let full = env.label("full_report");
    let title = if env.is_chinese() {
        Tx::with_html(
            format!("{}（{full}）", report_title.text),
            format!("{}（{full}）", report_title.html),
        )
    } else {
        Tx::with_html(
            format!("{} ({full})", report_title.text),
            format!("{} ({full})", report_title.html),
        )
    };
    let base = env.base(
        PageKind::Print(y),
        title,
        vec![home_crumb(env, here), year_crumb(env, here, y)],
        year.report.published,
    );
    with_page(&base, &page)
}

/// A fragment's HTML made to fit into the print page under the item at `anchor`: every id it
/// defines (and every link within it to one) starts with `<anchor>_` (no anchor of the page
/// has `_`, so the ids of two items never meet), and its headings move down so that the
/// highest is `<h{top}>`.
///
/// Two scans of the tags: the first finds the ids and the highest heading (a link may come
/// before the id it goes to, as a footnote reference does), the second rewrites.
fn fit(html: &str, anchor: &str, top: u8) -> String {
    let mut ids = BTreeSet::new();
    let mut highest = None;
    for tag in tags(html) {
        if let Some(level) = heading_level(tag).filter(|_| !tag.starts_with("</")) {
            highest = Some(highest.map_or(level, |h: u8| h.min(level)));
        }
        ids.extend(
            attribute_values(tag)
                .filter(|(kind, _)| *kind == Attribute::Id)
                .map(|(_, range)| &tag[range]),
        );
    }
    let shift = top.saturating_sub(highest.unwrap_or(top));
    if ids.is_empty() && shift == 0 {
        return html.to_string();
    }
    let scope = format!("{anchor}_");
    let mut out = String::with_capacity(html.len() + ids.len() * 2 * scope.len());
    let mut written = 0;
    for tag in tags(html) {
        let at = tag.as_ptr() as usize - html.as_ptr() as usize;
        out.push_str(&html[written..at]);
        written = at + tag.len();
        rewrite_tag(tag, &ids, &scope, shift, &mut out);
    }
    out.push_str(&html[written..]);
    out
}

/// The tags of `html`, `<` to `>` (a `>` inside a quoted attribute value does not end one).
/// Text never holds a `<`: it is escaped.
fn tags(html: &str) -> impl Iterator<Item = &str> {
    let mut rest = html;
    std::iter::from_fn(move || {
        let start = rest.find('<')?;
        let end = tag_end(&rest[start..]).map_or(rest.len(), |e| start + e);
        let tag = &rest[start..end];
        rest = &rest[end..];
        Some(tag)
    })
}

/// The length of the tag `text` starts with, up to its `>` (outside quotes).
fn tag_end(text: &str) -> Option<usize> {
    let mut quote = None;
    for (i, b) in text.bytes().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The level of a heading's opening or closing tag (`<h2 …>`, `</h2>`).
fn heading_level(tag: &str) -> Option<u8> {
    let name = tag.strip_prefix("</").unwrap_or(&tag[1..]).as_bytes();
    match name {
        [b'h', n @ b'1'..=b'6', b' ' | b'>', ..] => Some(n - b'0'),
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Attribute {
    /// ` id="…"`
    Id,
    /// ` href="#…"`: a link within the page.
    Fragment,
}

/// The values of a tag's `id` attributes and of its `href`s to an anchor, as byte ranges in
/// the tag, in order.
fn attribute_values(tag: &str) -> impl Iterator<Item = (Attribute, std::ops::Range<usize>)> {
    const ID: &[u8] = b" id=\"";
    const FRAGMENT: &[u8] = b" href=\"#";
    let bytes = tag.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(space) = bytes[at..].iter().position(|&b| b == b' ') {
            let from = at + space;
            at = from + 1;
            let (kind, start) = if bytes[from..].starts_with(ID) {
                (Attribute::Id, from + ID.len())
            } else if bytes[from..].starts_with(FRAGMENT) {
                (Attribute::Fragment, from + FRAGMENT.len())
            } else {
                continue;
            };
            let len = bytes[start..].iter().position(|&b| b == b'"')?;
            at = start + len;
            return Some((kind, start..start + len));
        }
        None
    })
}

/// Writes one tag with its heading level moved down by `shift` and its ids (and links to
/// them) scoped.
fn rewrite_tag(tag: &str, ids: &BTreeSet<&str>, scope: &str, shift: u8, out: &mut String) {
    let mut written = 0;
    if let Some(level) = heading_level(tag).filter(|_| shift > 0) {
        // The digit after `<h` or `</h`.
        let digit = if tag.starts_with("</") { 3 } else { 2 };
        out.push_str(&tag[..digit]);
        out.push(char::from(b'0' + (level + shift).min(6)));
        written = digit + 1;
    }
    for (_, value) in attribute_values(tag) {
        let text = &tag[value.clone()];
        if ids.contains(text) || ids.contains(percent_decoded(text).as_ref()) {
            out.push_str(&tag[written..value.start]);
            out.push_str(scope);
            written = value.start;
        }
    }
    out.push_str(&tag[written..]);
}

/// `%E5%9F%BA` → `基`: how a link to a heading may spell the heading's id.
fn percent_decoded(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('%') {
        return text.into();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned().into()
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn ids_and_links_to_them_are_scoped() {
        let html = "<h2 id=\"基本案情\">基本案情</h2>\n<p>见<a href=\"#%E5%9F%BA%E6%9C%AC%E6%A1%88%E6%83%85\">上文</a>\
                    <sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a></sup>\
                    <a href=\"#elsewhere\">x</a> <a href=\"../index.html#fn-1\">y</a></p>\n\
                    <section class=\"footnotes\"><ol><li id=\"fn-1\"><p>注 <a href=\"#fnref-1\">↩</a></p></li></ol></section>";
        let out = fit(html, "case-x", 4);
        assert!(
            out.starts_with("<h4 id=\"case-x_基本案情\">基本案情</h4>"),
            "{out}"
        );
        assert!(out.contains("href=\"#case-x_%E5%9F%BA%E6%9C%AC%E6%A1%88%E6%83%85\""));
        assert!(out.contains("<a href=\"#case-x_fn-1\" id=\"case-x_fnref-1\""));
        assert!(out.contains("<li id=\"case-x_fn-1\">"));
        assert!(out.contains("<a href=\"#case-x_fnref-1\">"));
        // Links to anchors the fragment does not define, and to other pages, stay.
        assert!(out.contains("<a href=\"#elsewhere\">"));
        assert!(out.contains("<a href=\"../index.html#fn-1\">"));
    }

    #[test]
    fn headings_move_down_never_up_and_stop_at_h6() {
        assert_eq!(
            fit("<h3 id=\"a\">A</h3><h6>B</h6>", "s", 5),
            "<h5 id=\"s_a\">A</h5><h6>B</h6>"
        );
        assert_eq!(fit("<h5>A</h5>", "s", 3), "<h5>A</h5>");
        assert_eq!(fit("<p>no ids</p><hr>", "s", 3), "<p>no ids</p><hr>");
        // Text that only looks like a tag is escaped in the HTML, so it is never a tag.
        assert_eq!(
            fit(
                "<h2>A</h2><p title=\"a>b\">&lt;h2 id=&quot;x&quot;&gt;</p>",
                "s",
                4
            ),
            "<h4>A</h4><p title=\"a>b\">&lt;h2 id=&quot;x&quot;&gt;</p>"
        );
    }
}
