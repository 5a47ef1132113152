//! Lookup tables from ids to positions in the model, built once before resolving.

use std::collections::HashMap;

use crate::model::Site;

/// Ids of one kind, with the numeric-prefix aliases SPEC §1 allows (`coordination` finds
/// `01-coordination` when no other item has that name).
#[derive(Debug, Default)]
pub struct IdTable {
    exact: HashMap<String, usize>,
    aliases: HashMap<String, Option<usize>>,
    pub ids: Vec<String>,
}

/// `01-coordination` → `coordination`.
pub fn strip_numeric_prefix(id: &str) -> Option<&str> {
    let digits = id.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0)
        .then(|| id[digits..].strip_prefix('-'))
        .flatten()
        .filter(|rest| !rest.is_empty())
}

impl IdTable {
    pub fn new<'a>(ids: impl IntoIterator<Item = &'a str>) -> IdTable {
        let mut table = IdTable::default();
        for (i, id) in ids.into_iter().enumerate() {
            table.exact.entry(id.to_string()).or_insert(i);
            if let Some(short) = strip_numeric_prefix(id) {
                table
                    .aliases
                    .entry(short.to_string())
                    .and_modify(|e| *e = None)
                    .or_insert(Some(i));
            }
            table.ids.push(id.to_string());
        }
        table
    }

    pub fn get(&self, id: &str) -> Option<usize> {
        self.exact
            .get(id)
            .copied()
            .or_else(|| self.aliases.get(id).copied().flatten())
    }

    /// Every name that refers to an item: ids and unambiguous short forms, for suggestions.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.ids.iter().map(String::as_str).chain(
            self.aliases
                .iter()
                .filter(|(_, i)| i.is_some())
                .map(|(name, _)| name.as_str()),
        )
    }
}

#[derive(Debug)]
pub struct DocumentIndex {
    pub measures: IdTable,
    /// `(indicator index, year)` of each target, in order; `None` for an unknown indicator.
    pub targets: Vec<(Option<usize>, i32)>,
    /// The plan's period, `from`–`to`.
    pub period: Option<(i32, i32)>,
}

#[derive(Debug)]
pub struct YearIndex {
    pub year: i32,
    pub achievements: IdTable,
    pub cases: IdTable,
    pub issues: IdTable,
    pub events: usize,
}

#[derive(Debug)]
pub struct Index {
    pub indicators: IdTable,
    /// Each indicator's unit in the default language (`万件`), for `@…/<unit>` forms.
    pub indicator_units: Vec<String>,
    pub departments: IdTable,
    pub documents: IdTable,
    pub document: Vec<DocumentIndex>,
    pub years: Vec<YearIndex>,
    pub pages: IdTable,
    pub draft_years: Vec<i32>,
    /// `values[year][indicator]`: whether the year has a value (filled after values resolve).
    pub values: Vec<Vec<bool>>,
    pub incomplete: crate::model::Incomplete,
}

impl Index {
    pub fn build(site: &Site) -> Index {
        let indicators = IdTable::new(site.indicators.iter().map(|i| i.id.value.as_str()));
        let document = site
            .documents
            .iter()
            .map(|d| DocumentIndex {
                measures: IdTable::new(d.measures.iter().map(|m| m.n.as_str())),
                targets: d
                    .targets
                    .iter()
                    .map(|t| (indicators.get(&t.indicator.raw), t.year))
                    .collect(),
                period: d.period,
            })
            .collect();
        Index {
            departments: IdTable::new(site.departments.iter().map(|d| d.id.value.as_str())),
            documents: IdTable::new(site.documents.iter().map(|d| d.id.value.as_str())),
            document,
            years: site
                .years
                .iter()
                .map(|y| YearIndex {
                    year: y.year,
                    achievements: IdTable::new(
                        y.achievements.iter().map(|a| a.item.id.value.as_str()),
                    ),
                    cases: IdTable::new(y.cases.iter().map(|c| c.item.id.value.as_str())),
                    issues: IdTable::new(y.issues.iter().flatten().map(|i| i.id.value.as_str())),
                    events: y.events.as_ref().map_or(0, Vec::len),
                })
                .collect(),
            pages: IdTable::new(site.pages.iter().map(|p| p.item.id.value.as_str())),
            draft_years: site.draft_years.clone(),
            values: Vec::new(),
            incomplete: site.incomplete.clone(),
            indicator_units: site
                .indicators
                .iter()
                .map(|i| i.unit.or_empty(crate::model::LangId::DEFAULT).to_string())
                .collect(),
            indicators,
        }
    }

    pub fn year(&self, year: i32) -> Option<usize> {
        self.years.iter().position(|y| y.year == year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_prefix_aliases() {
        let t = IdTable::new(["01-coordination", "02-institutions", "03-x", "10-x"]);
        assert_eq!(t.get("01-coordination"), Some(0));
        assert_eq!(t.get("coordination"), Some(0));
        assert_eq!(t.get("institutions"), Some(1));
        // Ambiguous aliases resolve to nothing.
        assert_eq!(t.get("x"), None);
        assert_eq!(strip_numeric_prefix("2023"), None);
    }
}
