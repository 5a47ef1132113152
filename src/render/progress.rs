//! Indicator rows: value, previous year, change, plan target, completion and progress.
//!
//! One builder for the year report's table, the home page's key figures and the indicator
//! pages, so that the same value can never be computed or shown two ways.

use serde::Serialize;

use super::Env;
use super::links::Link;
use super::number::{format_bare, format_number, with_unit};
use super::paths::PagePath;
use super::text::Tx;
use crate::model::{Direction, IndicatorKind, PlanTarget, Target};

#[derive(Serialize, Clone)]
pub struct TargetCell {
    pub value: String,
    pub op: &'static str,
    pub year: i32,
    pub plan: Link,
}

#[derive(Serialize, Clone)]
pub struct IndicatorRow {
    pub id: String,
    pub name: Tx,
    pub href: String,
    pub unit: Tx,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub value: String,
    pub value_with_unit: String,
    pub previous: Option<String>,
    /// `+12.5%`-style change against the previous year.
    pub change: Option<String>,
    /// `up`, `down` or `same`, for styling.
    pub change_sign: &'static str,
    pub target: Option<TargetCell>,
    pub completion: Option<String>,
    /// `on-track`, `behind`, `achieved`, `missed` (for a class) and its label.
    pub status: Option<&'static str>,
    pub status_label: Option<&'static str>,
}

#[derive(Serialize)]
pub struct IndicatorGroup {
    pub name: Option<Tx>,
    pub rows: Vec<IndicatorRow>,
}

/// A plan's target for an indicator, with the plan.
pub struct PlanRef<'a> {
    pub doc: usize,
    pub target: &'a PlanTarget,
}

impl<'a> Env<'a> {
    /// The target that applies to `indicator` in `year`: from a plan whose period covers the
    /// year, the nearest target year not before it (else the latest before it).
    pub fn target_for(&self, indicator: usize, year: i32) -> Option<PlanRef<'a>> {
        let mut best: Option<PlanRef<'a>> = None;
        for (d, doc) in self.site.documents.iter().enumerate() {
            let covers = doc
                .period
                .is_none_or(|(from, to)| from <= year && year <= to);
            if !covers {
                continue;
            }
            for t in &doc.targets {
                if t.indicator.target != Some(Target::Indicator(indicator)) {
                    continue;
                }
                let better = match &best {
                    None => true,
                    Some(b) => {
                        let key = |ty: i32| {
                            if ty >= year {
                                (0, ty - year)
                            } else {
                                (1, year - ty)
                            }
                        };
                        key(t.year) < key(b.target.year)
                    }
                };
                if better {
                    best = Some(PlanRef { doc: d, target: t });
                }
            }
        }
        best
    }

    /// The value of an indicator in a calendar year, if the site has that year and value.
    pub fn value_in(&self, indicator: usize, year: i32) -> Option<f64> {
        self.site
            .year_index(year)
            .and_then(|y| self.site.years[y].value(indicator))
    }

    /// One row for `indicator` in `year` (an index into `site.years`).
    pub fn indicator_row(&self, from: &PagePath, indicator: usize, y: usize) -> IndicatorRow {
        let site = self.site;
        let ind = &site.indicators[indicator];
        let year = site.years[y].year;
        let chinese = self.is_chinese();
        let value = site.years[y].value(indicator);
        let previous = self.value_in(indicator, year - 1);
        let fmt = |v: f64| format_bare(ind, v, self.lang, chinese);
        let unit = self.tx(&ind.unit);

        let (change, change_sign) = match (value, previous) {
            (Some(v), Some(p)) => {
                let diff = v - p;
                let sign = if diff > 0.0 { "+" } else { "" };
                let mut text = format!("{sign}{}", fmt(diff));
                if p != 0.0 && unit.text != "%" {
                    let pct = diff / p.abs() * 100.0;
                    let psign = if pct > 0.0 { "+" } else { "" };
                    text.push_str(&format!(
                        " ({psign}{}%)",
                        format_number(pct, Some(1), false)
                    ));
                } else if unit.text == "%" {
                    text = format!("{sign}{}", format_number(diff, Some(1), false));
                    text.push_str(if chinese { "个百分点" } else { " pp" });
                }
                let class = if diff > 0.0 {
                    "up"
                } else if diff < 0.0 {
                    "down"
                } else {
                    "same"
                };
                (Some(text), class)
            }
            _ => (None, "same"),
        };

        let plan = self.target_for(indicator, year);
        let target = plan.as_ref().map(|p| TargetCell {
            value: with_unit(&fmt(p.target.value), &unit.text, chinese),
            op: p.target.op.symbol(),
            year: p.target.year,
            plan: self.link(from, Target::Document(p.doc)),
        });
        let completion = match (&plan, value) {
            (Some(p), Some(v)) if p.target.value != 0.0 && v != 0.0 => {
                let ratio = match ind.direction {
                    Direction::Up => v / p.target.value,
                    Direction::Down => p.target.value / v,
                };
                Some(format!(
                    "{}%",
                    format_number(ratio * 100.0, Some(1), !chinese)
                ))
            }
            _ => None,
        };
        let status = match (&plan, value) {
            (Some(p), Some(v)) => self.progress_status(indicator, p, year, v),
            _ => None,
        };
        let (kind, kind_label) = match ind.kind {
            IndicatorKind::Expected => ("expected", self.label("kind_expected")),
            IndicatorKind::Binding => ("binding", self.label("kind_binding")),
        };
        IndicatorRow {
            id: ind.id.value.clone(),
            name: self.tx(&ind.name),
            href: from.href_to(&self.path(super::PageKind::Indicator(indicator)), None),
            kind,
            kind_label,
            value: value
                .map(fmt)
                .unwrap_or_else(|| self.label("no_value").to_string()),
            value_with_unit: value
                .map(|v| self.value(indicator, v))
                .unwrap_or_else(|| self.label("no_value").to_string()),
            previous: previous.map(fmt),
            change,
            change_sign,
            target,
            completion,
            status,
            status_label: status.map(|s| {
                self.label(match s {
                    "on-track" => "status_on_track",
                    "behind" => "status_behind",
                    "achieved" => "status_achieved",
                    _ => "status_missed",
                })
            }),
            unit,
        }
    }

    /// Whether the value keeps to the straight path from the plan's base year (the year before
    /// its period starts) to the target; at or after the target year, whether it was met.
    fn progress_status(
        &self,
        indicator: usize,
        plan: &PlanRef,
        year: i32,
        value: f64,
    ) -> Option<&'static str> {
        let ind = &self.site.indicators[indicator];
        let t = plan.target;
        let meets = |v: f64, goal: f64| match (t.op, ind.direction) {
            (crate::model::TargetOp::AtMost, _)
            | (crate::model::TargetOp::Exactly, Direction::Down) => v <= goal,
            (crate::model::TargetOp::AtLeast, _)
            | (crate::model::TargetOp::Exactly, Direction::Up) => v >= goal,
        };
        if year >= t.year {
            return Some(if meets(value, t.value) {
                "achieved"
            } else {
                "missed"
            });
        }
        if meets(value, t.value) {
            return Some("achieved");
        }
        let doc = &self.site.documents[plan.doc];
        let base_year = doc
            .period
            .map(|(from, _)| from - 1)
            .or_else(|| doc.date.map(|d| i32::from(d.year()) - 1))?;
        let base = self.value_in(indicator, base_year)?;
        if t.year <= base_year || year < base_year {
            return None;
        }
        let expected =
            base + (t.value - base) * f64::from(year - base_year) / f64::from(t.year - base_year);
        Some(if meets(value, expected) {
            "on-track"
        } else {
            "behind"
        })
    }

    /// The indicator table of a year, grouped by `group` in the order groups first appear.
    pub fn indicator_groups(
        &self,
        from: &PagePath,
        y: usize,
        only_with_values: bool,
    ) -> Vec<IndicatorGroup> {
        let mut groups: Vec<IndicatorGroup> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        for (i, ind) in self.site.indicators.iter().enumerate() {
            if only_with_values && self.site.years[y].value(i).is_none() {
                continue;
            }
            let key = ind
                .group
                .as_ref()
                .map(|g| g.or_empty(crate::model::LangId::DEFAULT).to_string())
                .unwrap_or_default();
            let row = self.indicator_row(from, i, y);
            match keys.iter().position(|k| *k == key) {
                Some(g) => groups[g].rows.push(row),
                None => {
                    keys.push(key);
                    groups.push(IndicatorGroup {
                        name: self.tx_opt(ind.group.as_ref()),
                        rows: vec![row],
                    });
                }
            }
        }
        groups
    }
}
