//! The proof view's marks: where each value a page shows comes from.
//!
//! `serve` renders pages with a [`Proof`]: then every value taken from data (an indicator's
//! value in a year, a plan's target) carries attributes naming its source —
//! `data-source="content/years/2023/report.yaml:14"`, the indicator, the year, the value as
//! written, its unit and scale. The file written to disk must stay byte for byte what `build`
//! writes, so the attributes are put between two private-use characters ([`OPEN`], [`CLOSE`])
//! that no content can hold, and [`strip`] takes them out again right after rendering,
//! remembering where they were ([`Marks`]). The server puts them back into the responses
//! ([`Marks::splice`]) of the file it reads, as long as the file is the one they were made
//! for.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, RwLock};

use super::Env;
use super::number::format_number;
use super::text::escape_into;
use crate::model::{Baseline, PlanTarget};
use crate::source::{SourceMap, Span};

/// Opens a proof mark in rendered HTML.
pub const OPEN: char = '\u{E000}';
/// Closes a proof mark.
pub const CLOSE: char = '\u{E001}';

/// What the proof marks are made from: the site's source files, to turn spans into lines.
#[derive(Clone, Copy)]
pub struct Proof<'a> {
    pub sources: &'a SourceMap,
}

impl Proof<'_> {
    /// `content/years/2023/report.yaml:14`: the path relative to the root, the 1-based line.
    pub fn location(&self, span: Span) -> String {
        let file = self.sources.get(span.file);
        let (line, _) = file.line_col(span.start);
        format!("{}:{line}", file.display_path)
    }
}

/// The proof marks of one page: what to insert where, and the page they belong to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    /// Byte offsets in the stripped page, ascending, with the text to insert there.
    pub inserts: Vec<(usize, Box<str>)>,
    /// The stripped page's length and hash: the marks apply to that page only.
    pub len: usize,
    pub hash: u64,
}

impl Marks {
    /// Whether `page` is the page the marks were taken from.
    pub fn fit(&self, page: &[u8]) -> bool {
        page.len() == self.len && page_hash(page) == self.hash
    }

    /// `page` with the marks put back; `None` when they belong to another version of it.
    pub fn splice(&self, page: &[u8]) -> Option<Vec<u8>> {
        if !self.fit(page) {
            return None;
        }
        let extra: usize = self.inserts.iter().map(|(_, t)| t.len()).sum();
        let mut out = Vec::with_capacity(page.len() + extra);
        let mut pos = 0;
        for (at, text) in &self.inserts {
            out.extend_from_slice(&page[pos..*at]);
            out.extend_from_slice(text.as_bytes());
            pos = *at;
        }
        out.extend_from_slice(&page[pos..]);
        Some(out)
    }
}

/// The marks of every page the proof view has rendered, by output path; shared between the
/// session that renders the pages and the server that sends them.
#[derive(Clone, Debug, Default)]
pub struct MarkTable(Arc<RwLock<HashMap<String, Arc<Marks>>>>);

impl MarkTable {
    /// The marks of the page at `path` (relative to the output root), if it has any.
    pub fn get(&self, path: &str) -> Option<Arc<Marks>> {
        self.0.read().ok()?.get(path).cloned()
    }

    pub fn set(&self, path: &str, marks: Marks) {
        if let Ok(mut table) = self.0.write() {
            table.insert(path.to_string(), Arc::new(marks));
        }
    }

    pub fn remove(&self, path: &str) {
        if let Ok(mut table) = self.0.write() {
            table.remove(path);
        }
    }
}

fn page_hash(page: &[u8]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    page.hash(&mut hasher);
    hasher.finish()
}

/// Takes the proof marks out of a rendered page: the page as `build` writes it, and the
/// marks to put back. A page without marks comes back unchanged (and unallocated).
pub fn strip(html: String) -> (String, Marks) {
    if !html.contains(OPEN) {
        let marks = Marks {
            inserts: Vec::new(),
            len: html.len(),
            hash: page_hash(html.as_bytes()),
        };
        return (html, marks);
    }
    let mut clean = String::with_capacity(html.len());
    let mut inserts = Vec::new();
    let mut rest = html.as_str();
    while let Some(open) = rest.find(OPEN) {
        clean.push_str(&rest[..open]);
        let after = &rest[open + OPEN.len_utf8()..];
        let Some(close) = after.find(CLOSE) else {
            // Cannot happen (marks are made in pairs); keep the text rather than lose it.
            rest = after;
            continue;
        };
        let mark = &after[..close];
        if !mark.is_empty() {
            inserts.push((clean.len(), mark.into()));
        }
        rest = &after[close + CLOSE.len_utf8()..];
    }
    clean.push_str(rest);
    let marks = Marks {
        inserts,
        len: clean.len(),
        hash: page_hash(clean.as_bytes()),
    };
    (clean, marks)
}

/// One attribute of a mark, escaped.
fn attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    escape_into(value, out);
    out.push('"');
}

impl Env<'_> {
    /// The mark of `indicator`'s value in `y` (an index into `site.years`), to put inside
    /// the opening tag of the element that shows it; empty outside the proof view.
    pub fn proof_value(&self, indicator: usize, y: usize) -> String {
        let (Some(proof), Some(entry)) = (self.proof, self.site.years[y].value_entry(indicator))
        else {
            return String::new();
        };
        let raw = raw_value(proof.sources.slice(entry.span));
        let provisional: &[(&str, &str)] = if entry.provisional {
            &[("data-provisional", "")]
        } else {
            &[]
        };
        self.mark(
            indicator,
            entry.span,
            self.site.years[y].year,
            raw,
            provisional,
        )
    }

    /// The mark of a plan's target (`doc` is an index into `site.documents`).
    pub fn proof_target(&self, indicator: usize, doc: usize, target: &PlanTarget) -> String {
        let figure = (target.span, target.year, target.value);
        self.plan_mark(indicator, doc, figure, "data-target")
    }

    /// The mark of a plan's baseline (the value of its base year in the plan's table).
    pub fn proof_baseline(&self, indicator: usize, doc: usize, baseline: &Baseline) -> String {
        let figure = (baseline.span, baseline.year, baseline.value);
        self.plan_mark(indicator, doc, figure, "data-baseline")
    }

    /// The mark of a figure of a plan (`span`, year, value), naming the plan in `role`.
    fn plan_mark(
        &self,
        indicator: usize,
        doc: usize,
        (span, year, value): (Span, i32, f64),
        role: &str,
    ) -> String {
        if self.proof.is_none() {
            return String::new();
        }
        let raw = format_number(value, None, false);
        let plan = &self.site.documents[doc].id.value;
        self.mark(indicator, span, year, &raw, &[(role, plan)])
    }

    /// A mark for a figure computed from a value (a change, a completion): the value's
    /// source, with what the figure is.
    pub fn proof_derived(&self, indicator: usize, y: usize, what: &str) -> String {
        let mut mark = self.proof_value(indicator, y);
        if mark.ends_with(CLOSE) {
            mark.pop();
            attr(&mut mark, "data-derived", what);
            mark.push(CLOSE);
        }
        mark
    }

    fn mark(
        &self,
        indicator: usize,
        span: Span,
        year: i32,
        raw: &str,
        extra: &[(&str, &str)],
    ) -> String {
        let Some(proof) = self.proof else {
            return String::new();
        };
        let ind = &self.site.indicators[indicator];
        let mut out = String::with_capacity(200);
        out.push(OPEN);
        attr(&mut out, "data-source", &proof.location(span));
        attr(&mut out, "data-indicator", &ind.id.value);
        attr(&mut out, "data-year", &year.to_string());
        attr(&mut out, "data-raw", raw);
        attr(
            &mut out,
            "data-unit",
            ind.unit.or_empty(crate::model::LangId::DEFAULT),
        );
        let scale = ind.scale.get(self.lang);
        if scale != 1.0 {
            attr(&mut out, "data-scale", &format_number(scale, None, false));
        }
        for (name, value) in extra {
            attr(&mut out, name, value);
        }
        out.push(CLOSE);
        out
    }
}

/// The value as the file writes it: the scalar of a `key: value` line, without quotes.
fn raw_value(text: &str) -> &str {
    let value = match text.split_once(':') {
        Some((_, v)) if !text.trim_start().starts_with(['"', '\'']) => v,
        _ => text,
    };
    value.trim().trim_matches(['"', '\''])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_takes_out_the_marks_and_splice_puts_them_back() {
        let html = format!(
            "<td{OPEN} data-source=\"a.yaml:3\"{CLOSE}>1</td><a{OPEN} x=\"1\"{CLOSE} href=\"#\">2</a>"
        );
        let (clean, marks) = strip(html.clone());
        assert_eq!(clean, "<td>1</td><a href=\"#\">2</a>");
        assert_eq!(
            marks.inserts,
            vec![
                (3, " data-source=\"a.yaml:3\"".into()),
                (12, " x=\"1\"".into())
            ]
        );
        let spliced = marks.splice(clean.as_bytes()).expect("fits");
        assert_eq!(
            String::from_utf8(spliced).expect("utf-8"),
            html.replace([OPEN, CLOSE], "")
        );
    }

    #[test]
    fn marks_do_not_fit_another_version_of_the_page() {
        let (clean, marks) = strip(format!("<td{OPEN} a=\"1\"{CLOSE}>1</td>"));
        assert!(marks.fit(clean.as_bytes()));
        assert_eq!(marks.splice(b"<td>2</td>"), None);
        assert_eq!(marks.splice(b"<td>12</td>"), None);
    }

    #[test]
    fn a_page_without_marks_is_unchanged() {
        let (clean, marks) = strip("<p>48715件</p>".to_string());
        assert_eq!(clean, "<p>48715件</p>");
        assert!(marks.inserts.is_empty());
    }

    #[test]
    fn the_raw_value_is_the_scalar_as_written() {
        assert_eq!(raw_value("invention-patents: 48715"), "48715");
        assert_eq!(raw_value("  x: \"63.18\" "), "63.18");
        assert_eq!(raw_value("48715"), "48715");
        assert_eq!(raw_value("value: 1.2e4"), "1.2e4");
    }
}
