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
/// The HTML is searched, not parsed: its text escapes `<` and `"`, so a `<h2` is a heading's
/// tag and an ` id="` an attribute. The ids are found first, as a link (a footnote
/// reference) may come before the id it goes to.
fn fit(html: &str, anchor: &str, top: u8) -> String {
    let bytes = html.as_bytes();
    let headings = headings(bytes);
    let ids: BTreeSet<&str> = attribute_values(html, ID).map(|v| &html[v]).collect();
    let highest = headings.iter().filter(|h| h.opening).map(|h| h.level).min();
    let shift = top.saturating_sub(highest.unwrap_or(top));
    if ids.is_empty() && shift == 0 {
        return html.to_string();
    }
    // Where a scope goes in (before an id, or a link to one) and where a level changes.
    let mut edits: Vec<(usize, Edit)> = Vec::new();
    if shift > 0 {
        edits.extend(
            headings
                .iter()
                .map(|h| (h.digit, Edit::Level((h.level + shift).min(6)))),
        );
    }
    for value in attribute_values(html, ID).chain(attribute_values(html, FRAGMENT)) {
        let text = &html[value.clone()];
        if ids.contains(text) || ids.contains(percent_decoded(text).as_ref()) {
            edits.push((value.start, Edit::Scope));
        }
    }
    edits.sort_unstable_by_key(|&(at, _)| at);
    let scope = format!("{anchor}_");
    let mut out = String::with_capacity(html.len() + edits.len() * scope.len());
    let mut written = 0;
    for (at, edit) in edits {
        out.push_str(&html[written..at]);
        written = at;
        match edit {
            Edit::Scope => out.push_str(&scope),
            Edit::Level(n) => {
                out.push(char::from(b'0' + n));
                written += 1;
            }
        }
    }
    out.push_str(&html[written..]);
    out
}

enum Edit {
    /// The item's scope goes in before an id.
    Scope,
    /// A heading's digit becomes this level.
    Level(u8),
}

/// A heading's tag: its level, where its digit is, whether it opens the heading.
struct Heading {
    level: u8,
    digit: usize,
    opening: bool,
}

/// The tags of headings (`<h2 …>`, `<h2>`, `</h2>`) in `html`.
fn headings(html: &[u8]) -> Vec<Heading> {
    memchr::memchr_iter(b'<', html)
        .filter_map(|at| {
            let opening = html.get(at + 1) != Some(&b'/');
            let digit = at + if opening { 2 } else { 3 };
            match html.get(digit - 1..digit + 2)? {
                [b'h', n @ b'1'..=b'6', b' ' | b'>'] => Some(Heading {
                    level: n - b'0',
                    digit,
                    opening,
                }),
                _ => None,
            }
        })
        .collect()
}

const ID: &str = " id=\"";
/// A link to an anchor of the page.
const FRAGMENT: &str = " href=\"#";

/// The byte ranges of the values of the attributes that `attribute` (` id="`) starts.
fn attribute_values<'h>(
    html: &'h str,
    attribute: &'static str,
) -> impl Iterator<Item = std::ops::Range<usize>> + 'h {
    memchr::memmem::find_iter(html.as_bytes(), attribute).filter_map(move |at| {
        let start = at + attribute.len();
        let len = memchr::memchr(b'"', &html.as_bytes()[start..])?;
        Some(start..start + len)
    })
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
