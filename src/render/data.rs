//! Open data: the indicator values and targets as `/data/indicators.csv` and
//! `/data/indicators.json`, straight from the model (raw values, before display scaling).

use serde::Serialize;

use crate::model::{Direction, IndicatorKind, Site, Target};
use crate::resolve::checks::starts_like_formula;

/// A text in every site language, for the JSON.
type ByLanguage = std::collections::BTreeMap<String, String>;

fn by_language(site: &Site, text: &crate::model::Text) -> ByLanguage {
    site.languages
        .iter()
        .map(|(id, l)| (l.code.clone(), text.or_empty(id).to_string()))
        .collect()
}

#[derive(Serialize)]
struct JsonValue {
    year: i32,
    value: f64,
    /// Only when the figure is preliminary.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    provisional: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<ByLanguage>,
}

#[derive(Serialize)]
struct JsonBaseline {
    year: i32,
    value: f64,
}

#[derive(Serialize)]
struct JsonTarget {
    plan: String,
    plan_title: ByLanguage,
    year: i32,
    op: &'static str,
    value: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<JsonBaseline>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<ByLanguage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<ByLanguage>,
}

#[derive(Serialize)]
struct JsonIndicator {
    id: String,
    name: ByLanguage,
    unit: ByLanguage,
    kind: &'static str,
    direction: &'static str,
    group: Option<ByLanguage>,
    values: Vec<JsonValue>,
    targets: Vec<JsonTarget>,
}

fn op_text(op: crate::model::TargetOp) -> &'static str {
    op.name()
}

/// Every plan target of indicator `i`: (document index, target).
fn targets_of(site: &Site, i: usize) -> impl Iterator<Item = (usize, &crate::model::PlanTarget)> {
    site.documents.iter().enumerate().flat_map(move |(d, doc)| {
        doc.targets
            .iter()
            .filter(move |t| t.indicator.target == Some(Target::Indicator(i)))
            .map(move |t| (d, t))
    })
}

pub fn json(site: &Site) -> Vec<u8> {
    let indicators: Vec<JsonIndicator> = site
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| JsonIndicator {
            id: ind.id.value.clone(),
            name: by_language(site, &ind.name),
            unit: by_language(site, &ind.unit),
            kind: match ind.kind {
                IndicatorKind::Expected => "expected",
                IndicatorKind::Binding => "binding",
            },
            direction: match ind.direction {
                Direction::Up => "up",
                Direction::Down => "down",
            },
            group: ind.group.as_ref().map(|g| by_language(site, g)),
            values: site
                .years
                .iter()
                .filter_map(|y| {
                    let entry = y.value_entry(i);
                    y.value(i).map(|value| JsonValue {
                        year: y.year,
                        value,
                        provisional: entry.is_some_and(|e| e.provisional),
                        source: entry
                            .and_then(|e| e.source.as_ref())
                            .map(|s| by_language(site, s)),
                    })
                })
                .collect(),
            targets: targets_of(site, i)
                .map(|(d, t)| JsonTarget {
                    plan: site.documents[d].id.value.clone(),
                    plan_title: by_language(site, &site.documents[d].title),
                    year: t.year,
                    op: op_text(t.op),
                    value: t.value,
                    baseline: t.baseline.as_ref().map(|b| JsonBaseline {
                        year: b.year,
                        value: b.value,
                    }),
                    note: t.note.as_ref().map(|n| by_language(site, n)),
                    source: t.source.as_ref().map(|n| by_language(site, n)),
                })
                .collect(),
        })
        .collect();
    let mut bytes = serde_json::to_vec_pretty(&serde_json::json!({ "indicators": indicators }))
        .unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// A CSV field, quoted when it has to be (RFC 4180).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A field holding an editor's text: one that a spreadsheet would run as a formula is
/// prefixed with `'`, which makes Excel and LibreOffice show it as text (OWASP's advice for
/// CSV injection). `check` warns about such texts (W0109).
fn text_field(s: &str) -> String {
    if starts_like_formula(s) {
        field(&format!("'{s}"))
    } else {
        field(s)
    }
}

/// One row per value and per target. UTF-8 with a byte-order mark, which is what makes Excel
/// (the tool most readers open a CSV with) read Chinese correctly.
pub fn csv(site: &Site) -> Vec<u8> {
    let codes: Vec<&str> = site.languages.codes().collect();
    let mut header = vec!["indicator".to_string()];
    header.extend(codes.iter().map(|c| format!("name_{c}")));
    header.extend(codes.iter().map(|c| format!("unit_{c}")));
    header.extend(
        ["type", "year", "value", "op", "source"]
            .iter()
            .map(|s| s.to_string()),
    );
    let mut out = String::from("\u{feff}");
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for (i, ind) in site.indicators.iter().enumerate() {
        let mut lead = vec![field(&ind.id.value)];
        lead.extend(
            site.languages
                .ids()
                .map(|l| text_field(ind.name.or_empty(l))),
        );
        lead.extend(
            site.languages
                .ids()
                .map(|l| text_field(ind.unit.or_empty(l))),
        );
        let lead = lead.join(",");
        for year in &site.years {
            if let Some(v) = year.value(i) {
                // A provisional figure (初步统计) says so in its type, so that a reader of the
                // table does not take it for the final one.
                let kind = match year.value_entry(i) {
                    Some(e) if e.provisional => "provisional-value",
                    _ => "value",
                };
                out.push_str(&format!(
                    "{lead},{kind},{},{},,report-{}\r\n",
                    year.year, v, year.year
                ));
            }
        }
        for (d, t) in targets_of(site, i) {
            // A growth target's value is a rate in % a year, not a value in the indicator's
            // unit: its own type keeps the two apart.
            let kind = match t.op {
                crate::model::TargetOp::Growth => "growth-target",
                _ => "target",
            };
            out.push_str(&format!(
                "{lead},{kind},{},{},{},{}\r\n",
                t.year,
                t.value,
                op_text(t.op),
                field(&site.documents[d].id.value)
            ));
        }
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(field("a"), "a");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn texts_that_would_run_as_formulas_are_neutralised() {
        assert_eq!(text_field("专利"), "专利");
        assert_eq!(
            text_field("=HYPERLINK(\"x\")"),
            "\"'=HYPERLINK(\"\"x\"\")\""
        );
        assert_eq!(text_field("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(text_field("+1+1"), "'+1+1");
        assert_eq!(text_field("@SUM(1,2)"), "\"'@SUM(1,2)\"");
        assert_eq!(text_field("-2"), "'-2");
        assert_eq!(text_field("\tx"), "'\tx");
    }
}
