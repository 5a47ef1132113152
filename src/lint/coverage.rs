//! Translation coverage: per year and language, how many items are fully translated, fall
//! back to the default language in part, or are missing entirely — so that a translator sees
//! what is left.

use super::texts::{ItemTexts, Owner, each_item};
use crate::model::{LangId, Site, TextValues};

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

fn state(item: &ItemTexts, lang: LangId) -> State {
    let (mut present, mut absent) = (0, 0);
    for text in &item.texts {
        if let TextValues::ByLanguage(map) = &text.values {
            if map.get(lang).is_some() {
                present += 1;
            } else {
                absent += 1;
            }
        }
    }
    for body in &item.bodies {
        if body.get(lang).is_some() {
            present += 1;
        } else {
            absent += 1;
        }
    }
    match (present, absent) {
        (_, 0) => State::Translated,
        (0, _) => State::Missing,
        _ => State::FallingBack,
    }
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
            match state(&item, lang) {
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
