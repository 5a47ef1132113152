//! What a sign-off compares, taken from a site or from an earlier build's open data: the
//! indicator values by year, the years' reports, cases, events and issues, the documents, each
//! with its title in every language and the place it is written.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::super::Place;
use crate::model::{LangId, MarkdownItem, Site, Text};
use crate::source::SourceMap;

/// A title by language code.
pub type Title = BTreeMap<String, String>;

/// Something with a title, and where it is written.
#[derive(Clone, Debug, PartialEq)]
pub struct Titled {
    pub title: Title,
    /// The title in the default language, to name the item by.
    pub main: String,
    pub at: Option<Place>,
}

/// A year's value of one indicator.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub value: f64,
    pub at: Option<Place>,
}

/// One year's items.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct YearItems {
    pub report: Option<Titled>,
    pub cases: BTreeMap<String, Titled>,
    pub issues: BTreeMap<String, Titled>,
    /// In rank order.
    pub events: Vec<Titled>,
}

/// Everything compared, keyed so that both sides line up.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    /// Only the values are known (an earlier build's `data/indicators.json`).
    pub values_only: bool,
    /// By (year, indicator id).
    pub values: BTreeMap<(i32, String), Value>,
    /// Indicator names in the default language, by id.
    pub names: BTreeMap<String, String>,
    pub years: BTreeMap<i32, YearItems>,
    pub documents: BTreeMap<String, Titled>,
}

impl Snapshot {
    /// The site as loaded. Values are keyed by the indicator id as written, so that a site
    /// with errors (an unresolved id) compares as well as a clean one.
    pub fn of_site(site: &Site, sources: &SourceMap) -> Snapshot {
        let titled = |text: &Text| Titled {
            title: title(site, text),
            main: text.or_empty(LangId::DEFAULT).to_string(),
            at: Some(Place::of(sources, text.span)),
        };
        let item = |item: &MarkdownItem| (item.id.value.clone(), titled(&item.title));
        let mut snapshot = Snapshot::default();
        for indicator in &site.indicators {
            let name = indicator.name.or_empty(LangId::DEFAULT);
            snapshot
                .names
                .insert(indicator.id.value.clone(), name.to_string());
        }
        for year in &site.years {
            for v in &year.report.values {
                let key = (year.year, v.indicator.raw.clone());
                snapshot.values.entry(key).or_insert(Value {
                    value: v.value,
                    at: Some(Place::of(sources, v.span)),
                });
            }
            let items = YearItems {
                report: Some(titled(&year.report.title)),
                cases: year.cases.iter().map(|c| item(&c.item)).collect(),
                issues: year
                    .issues
                    .iter()
                    .flatten()
                    .map(|i| (i.id.value.clone(), titled(&i.title)))
                    .collect(),
                events: year
                    .events
                    .iter()
                    .flatten()
                    .map(|e| titled(&e.title))
                    .collect(),
            };
            snapshot.years.insert(year.year, items);
        }
        snapshot.documents = site
            .documents
            .iter()
            .map(|d| (d.id.value.clone(), titled(&d.title)))
            .collect();
        snapshot
    }

    /// An earlier build's `data/indicators.json` (see `render/data.rs`): values and
    /// indicator names only. `default_lang` picks the name to show.
    pub fn of_open_data(bytes: &[u8], default_lang: &str) -> Result<Snapshot, String> {
        let data: OpenData = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        let mut snapshot = Snapshot {
            values_only: true,
            ..Snapshot::default()
        };
        for indicator in data.indicators {
            let name = indicator
                .name
                .get(default_lang)
                .or_else(|| indicator.name.values().next())
                .cloned()
                .unwrap_or_default();
            for v in indicator.values {
                let key = (v.year, indicator.id.clone());
                snapshot.values.entry(key).or_insert(Value {
                    value: v.value,
                    at: None,
                });
            }
            snapshot.names.insert(indicator.id, name);
        }
        Ok(snapshot)
    }
}

/// A text as each language shows it (falling back where the site does).
fn title(site: &Site, text: &Text) -> Title {
    site.languages
        .iter()
        .map(|(id, l)| (l.code.clone(), text.or_empty(id).to_string()))
        .collect()
}

/// The part of the open data that is compared; other fields are ignored.
#[derive(Deserialize)]
struct OpenData {
    indicators: Vec<OpenIndicator>,
}

#[derive(Deserialize)]
struct OpenIndicator {
    id: String,
    #[serde(default)]
    name: BTreeMap<String, String>,
    #[serde(default)]
    values: Vec<OpenValue>,
}

#[derive(Deserialize)]
struct OpenValue {
    year: i32,
    value: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_data_gives_values_and_names() {
        let json = r#"{"indicators": [{"id": "a", "name": {"en": "A", "zh": "甲"},
            "unit": {"zh": "件"}, "values": [{"year": 2024, "value": 12.5, "provisional": true}],
            "targets": []}]}"#;
        let s = Snapshot::of_open_data(json.as_bytes(), "zh").expect("valid open data");
        assert!(s.values_only);
        assert_eq!(s.values[&(2024, "a".to_string())].value, 12.5);
        assert_eq!(s.names["a"], "甲");
    }

    #[test]
    fn other_json_is_refused() {
        assert!(Snapshot::of_open_data(b"[1, 2]", "zh").is_err());
        assert!(Snapshot::of_open_data(b"not json", "zh").is_err());
    }
}
