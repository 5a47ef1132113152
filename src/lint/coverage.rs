//! Translation coverage: per year and language, how many items are fully translated, fall
//! back to the default language in part, or are missing entirely — so that a translator sees
//! what is left.

use super::texts::{ItemTexts, Owner, each_item, each_item_of};
use crate::model::walk::TextOwner;
use crate::model::{LangId, Site, TextValues};
use crate::source::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// `site` or the year.
    pub scope: String,
    pub lang: String,
    pub translated: usize,
    pub falling_back: usize,
    pub missing: usize,
}

enum State {
    Translated,
    FallingBack,
    Missing,
}

/// How an item stands in `lang`, with the first of its texts that lacks the language: the
/// text in its YAML file, or for a Markdown body the default-language file to translate.
fn state(item: &ItemTexts, lang: LangId) -> (State, Option<Span>) {
    let (mut present, mut absent) = (0, 0);
    let mut first_absent = None;
    for text in &item.texts {
        if let TextValues::ByLanguage(map) = &text.values {
            if map.get(lang).is_some() {
                present += 1;
            } else {
                absent += 1;
                first_absent.get_or_insert(text.span);
            }
        }
    }
    for body in &item.bodies {
        if body.get(lang).is_some() {
            present += 1;
        } else {
            absent += 1;
            let original = body
                .get(LangId::DEFAULT)
                .or_else(|| body.iter().next().map(|(_, f)| f));
            if let Some(fragment) = original {
                first_absent.get_or_insert(Span::file_start(fragment.origin.file));
            }
        }
    }
    let state = match (present, absent) {
        (_, 0) => State::Translated,
        (0, _) => State::Missing,
        _ => State::FallingBack,
    };
    (state, first_absent)
}

/// An item not fully translated into a language.
#[derive(Debug, Clone)]
pub struct Gap {
    pub item: TextOwner,
    pub lang: LangId,
    /// None of the item's texts is in the language (else some are and the rest fall back).
    pub missing: bool,
    /// The first of its texts without the language (see [`state`]).
    pub span: Option<Span>,
}

/// Every item that is missing or falls back in a non-default language, in the order of the
/// model's walk: the items behind the counts of [`coverage`], for a translator's to-do list.
pub fn gaps(site: &Site) -> Vec<Gap> {
    let languages: Vec<LangId> = site.languages.ids().filter(|l| !l.is_default()).collect();
    let mut gaps = Vec::new();
    each_item_of(site, |owner, item| {
        for &lang in &languages {
            let (state, span) = state(&item, lang);
            let missing = match state {
                State::Translated => continue,
                State::FallingBack => false,
                State::Missing => true,
            };
            gaps.push(Gap {
                item: owner,
                lang,
                missing,
                span,
            });
        }
    });
    gaps
}

/// One row per scope (site-wide, then each year) and non-default language.
pub fn coverage(site: &Site) -> Vec<Row> {
    let languages: Vec<LangId> = site.languages.ids().filter(|l| !l.is_default()).collect();
    let mut rows: Vec<(Owner, LangId, Row)> = Vec::new();
    each_item(site, |owner, item| {
        for &lang in &languages {
            let i = match rows.iter().position(|(o, l, _)| *o == owner && *l == lang) {
                Some(i) => i,
                None => {
                    let scope = match owner {
                        Owner::Site => "site".to_string(),
                        Owner::Year(y) => site.years[y].year.to_string(),
                    };
                    rows.push((
                        owner,
                        lang,
                        Row {
                            scope,
                            lang: site.languages.get(lang).code.clone(),
                            translated: 0,
                            falling_back: 0,
                            missing: 0,
                        },
                    ));
                    rows.len() - 1
                }
            };
            let row = &mut rows[i].2;
            match state(&item, lang).0 {
                State::Translated => row.translated += 1,
                State::FallingBack => row.falling_back += 1,
                State::Missing => row.missing += 1,
            }
        }
    });
    rows.sort_by_key(|r| (r.0, r.1));
    rows.into_iter().map(|(_, _, r)| r).collect()
}

/// The table `check` prints at the end.
pub fn render(rows: &[Row]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let mut out = String::from("translation coverage (items):\n");
    out.push_str(&format!(
        "  {:<6} {:<8} {:>10} {:>13} {:>8}\n",
        "scope", "language", "translated", "falling back", "missing"
    ));
    for r in rows {
        out.push_str(&format!(
            "  {:<6} {:<8} {:>10} {:>13} {:>8}\n",
            r.scope, r.lang, r.translated, r.falling_back, r.missing
        ));
    }
    out
}
