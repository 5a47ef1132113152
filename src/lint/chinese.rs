//! Diagnostics for Chinese typography in every Chinese text and body of a site.

use rayon::prelude::*;

use super::texts::{ItemTexts, items};
use super::typography::{Finding, FindingKind, check_chinese};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Site, TextValues};
use crate::source::{SourceMap, Span};

/// The span of `range` (a byte range in a YAML text's value) in the file. Quoting and escapes
/// can shift the value against the raw scalar, so the offending text is looked up in the
/// scalar; failing that, the whole scalar is marked.
pub fn span_in_scalar(
    sources: &SourceMap,
    scalar: Span,
    value: &str,
    range: std::ops::Range<usize>,
) -> Span {
    let raw = sources.slice(scalar);
    // A little context makes the match unique: the mark and its neighbours.
    let from = value[..range.start]
        .char_indices()
        .rev()
        .nth(1)
        .map_or(0, |(i, _)| i);
    let to = value[range.end..]
        .char_indices()
        .nth(2)
        .map_or(value.len(), |(i, _)| range.end + i);
    let needle = &value[from..to];
    match raw.find(needle) {
        Some(at) => {
            let start = scalar.start as usize + at + (range.start - from);
            Span::new(scalar.file, start, start + range.len())
        }
        None => scalar,
    }
}

fn diagnostic(f: &Finding, span: Span) -> Diagnostic {
    match f.kind {
        FindingKind::HalfWidth(c) => Diagnostic::new(
            Code::HalfWidthPunctuation,
            span,
            format!("half-width `{c}` between Chinese characters"),
        )
        .with_help(format!("write the full-width `{}`", f.replacement)),
        FindingKind::WorldIpDay => Diagnostic::new(
            Code::WorldIpDaySpelling,
            span,
            "World IP Day is written 4·26",
        )
        .with_help("write `4·26` with the middle dot (U+00B7)"),
    }
}

/// Every finding of an item's Chinese texts and bodies, with its place in the file.
fn item_findings(
    site: &Site,
    sources: &SourceMap,
    item: &ItemTexts,
    out: &mut Vec<(Span, Finding)>,
) {
    for text in &item.texts {
        let TextValues::ByLanguage(map) = &text.values else {
            continue;
        };
        for (lang, value) in map.iter() {
            if !site.languages.is_chinese(lang) {
                continue;
            }
            for f in check_chinese(&value.text) {
                let span = span_in_scalar(sources, value.span, &value.text, f.range.clone());
                out.push((span, f));
            }
        }
    }
    for body in &item.bodies {
        for (lang, fragment) in body.iter() {
            if !site.languages.is_chinese(lang) || !fragment.verbatim {
                continue;
            }
            for f in check_chinese(&fragment.source) {
                let start = fragment.origin.start as usize + f.range.start;
                out.push((
                    Span::new(fragment.origin.file, start, start + f.range.len()),
                    f,
                ));
            }
        }
    }
}

/// Every typography finding of the site with its place: what `ipreport fix` rewrites.
pub fn findings(site: &Site, sources: &SourceMap) -> Vec<(Span, Finding)> {
    let mut out = Vec::new();
    for (_, item) in items(site) {
        item_findings(site, sources, &item, &mut out);
    }
    out
}

/// Typography warnings for the whole site.
pub fn check(site: &Site, sources: &SourceMap, cache: &super::cache::LintCache) -> Vec<Diagnostic> {
    items(site)
        .par_iter()
        .flat_map_iter(|(_, item)| {
            cache.get_or(super::cache::key(1, item, sources), || {
                let mut found = Vec::new();
                item_findings(site, sources, item, &mut found);
                found.iter().map(|(span, f)| diagnostic(f, *span)).collect()
            })
        })
        .collect()
}
