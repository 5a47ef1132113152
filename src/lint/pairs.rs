//! W0104: the Chinese and English versions of a text state different numbers — the first
//! thing a translation gets wrong. Compares every text given in both languages and every
//! Markdown body with both translations, paragraph by paragraph.

use std::ops::Range;

use super::chinese::span_in_scalar;
use super::numbers::{Mismatch, compare, compare_markdown, quick_agree};
use rayon::prelude::*;

use super::texts::{ItemTexts, items};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{LangId, Site, TextValues};
use crate::source::{SourceMap, Span};

const HELP: &str = "make the numbers agree; 万 and 亿 are understood (120万元 = 1.2 million yuan), \
                    and values written as [](@indicator/…) references always agree";

/// The Chinese and English languages of the site, if it has both.
fn pair(site: &Site) -> Option<(LangId, LangId)> {
    let zh = site.languages.find("zh")?;
    let en = site.languages.find("en")?;
    Some((zh, en))
}

/// The span of the first number a mismatch names on one side, or the whole text.
fn first_mention(mismatch_side: &[super::numbers::Mention]) -> Option<Range<usize>> {
    mismatch_side.first().map(|m| m.range.clone())
}

fn diagnostic(mismatch: &Mismatch, zh: Span, en: Span) -> Diagnostic {
    Diagnostic::new(Code::NumberMismatch, zh, mismatch.to_string())
        .with_related(en, "the English text")
        .with_help(HELP)
}

fn check_item(
    site: &Site,
    sources: &SourceMap,
    item: &ItemTexts,
    (zh, en): (LangId, LangId),
    out: &mut Vec<Diagnostic>,
) {
    for text in &item.texts {
        let TextValues::ByLanguage(map) = &text.values else {
            continue;
        };
        let (Some(zv), Some(ev)) = (map.get(zh), map.get(en)) else {
            continue;
        };
        if quick_agree(&zv.text, &ev.text) {
            continue;
        }
        let Some(mismatch) = compare(&zv.text, &ev.text) else {
            continue;
        };
        let at =
            |side: &[super::numbers::Mention], value: &crate::model::LangText| match first_mention(
                side,
            ) {
                Some(r) => span_in_scalar(sources, value.span, &value.text, r),
                None => value.span,
            };
        out.push(diagnostic(
            &mismatch,
            at(&mismatch.zh, zv),
            at(&mismatch.en, ev),
        ));
    }
    for body in &item.bodies {
        let (Some(zf), Some(ef)) = (body.get(zh), body.get(en)) else {
            continue;
        };
        if !zf.verbatim || !ef.verbatim || quick_agree(&zf.source, &ef.source) {
            continue;
        }
        for (zr, er, mismatch) in compare_markdown(&zf.source, &ef.source) {
            let zr = first_mention(&mismatch.zh).unwrap_or(zr);
            let er = first_mention(&mismatch.en).unwrap_or(er);
            let span = |f: &crate::model::Fragment, r: Range<usize>| {
                let start = f.origin.start as usize + r.start;
                Span::new(f.origin.file, start, f.origin.start as usize + r.end)
            };
            out.push(diagnostic(&mismatch, span(zf, zr), span(ef, er)));
        }
    }
    let _ = site;
}

/// Number warnings for the whole site.
pub fn check(site: &Site, sources: &SourceMap, cache: &super::cache::LintCache) -> Vec<Diagnostic> {
    let Some(langs) = pair(site) else {
        return Vec::new();
    };
    items(site)
        .par_iter()
        .flat_map_iter(|(_, item)| {
            cache.get_or(super::cache::key(2, item, sources), || {
                let mut out = Vec::new();
                check_item(site, sources, item, langs, &mut out);
                out
            })
        })
        .collect()
}
