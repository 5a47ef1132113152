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
use crate::model::{Direction, IndicatorKind, PlanTarget, Target, TargetOp, target_in_force};

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
    /// The kind itself, for the table's [`KindColumn`].
    #[serde(skip)]
    pub indicator_kind: IndicatorKind,
    pub value: String,
    pub value_with_unit: String,
    pub previous: Option<String>,
    /// `+12.5%`-style change against the previous year.
    pub change: Option<String>,
    /// `up`, `down` or `same`: which way the value went.
    pub change_sign: &'static str,
    /// `better`, `worse` or `flat`: what the change means for the indicator, by its
    /// `direction` (fewer days to handle a case is better) — the class the theme colours.
    pub change_effect: &'static str,
    /// The effect in words, for screen readers (改善 / 变差 / 持平).
    pub change_effect_label: &'static str,
    /// The change with its unit, where it stands alone (a key figure): `+5.29万件 (+8.4%)`.
    pub change_with_unit: Option<String>,
    pub target: Option<TargetCell>,
    pub completion: Option<String>,
    /// `on-track`, `behind`, `achieved`, `missed` (for a class) and its label.
    pub status: Option<&'static str>,
    pub status_label: Option<&'static str>,
    /// The value is a preliminary figure (初步统计).
    pub provisional: bool,
    /// Where the value comes from, when report.yaml says.
    pub source: Option<Tx>,
    /// The proof view's marks (see [`super::proof`]; empty on built pages).
    pub proof: RowProof,
}

/// Where the figures of a row come from, for the proof view: a mark for the opening tag of
/// each cell.
#[derive(Serialize, Clone, Default)]
pub struct RowProof {
    pub value: String,
    pub previous: String,
    pub change: String,
    pub target: String,
    pub completion: String,
}

#[derive(Serialize)]
pub struct IndicatorGroup {
    pub name: Option<Tx>,
    pub rows: Vec<IndicatorRow>,
}

/// How an indicator table shows its rows' kind (预期性 / 约束性): once. A tag on every row
/// repeated the same word down the table; now the caption says the kind most rows have, a
/// 属性 column is there only when the rows are of both kinds, and in it only the other kind
/// is tagged (the usual kind's cells say it to screen readers alone).
#[derive(Serialize, Clone)]
pub struct KindColumn {
    /// The table has a 属性 column: its rows are of both kinds.
    pub shown: bool,
    /// The kind most rows have (`expected` on a tie), left untagged.
    pub usual: &'static str,
    /// The caption's note: `（均为预期性指标）` or `（未标注的均为预期性指标）`.
    pub note: String,
}

/// A change against the previous year.
pub struct Change {
    /// `+5.29`, in the indicator's display unit.
    pub bare: String,
    /// `+5.29万件`.
    pub with_unit: String,
    /// `+8.4%`, or for a `%` indicator `+2.0个百分点` / `+2.0 pp` (`points`); `None` when the
    /// previous value is zero.
    pub percent: Option<String>,
    pub points: bool,
    /// `up`, `down` or `same`.
    pub sign: &'static str,
}

/// A row's change cell (see [`Env::change_cells`]).
struct ChangeCells {
    text: Option<String>,
    with_unit: Option<String>,
    sign: &'static str,
    effect: &'static str,
    effect_label: &'static str,
}

/// Which of a row's derived cells show a figure.
#[derive(Clone, Copy)]
struct Shown {
    previous: bool,
    change: bool,
    completion: bool,
}

/// A kind's name in classes and in templates (`kind-binding`).
pub fn kind_name(kind: IndicatorKind) -> &'static str {
    match kind {
        IndicatorKind::Expected => "expected",
        IndicatorKind::Binding => "binding",
    }
}

/// What a change means for an indicator: `better` when it goes the way the indicator's
/// `direction` wants, `worse` when it goes against it, `flat` when there is none.
pub fn change_effect(sign: &str, direction: Direction) -> &'static str {
    match (sign, direction) {
        ("up", Direction::Up) | ("down", Direction::Down) => "better",
        ("up", Direction::Down) | ("down", Direction::Up) => "worse",
        _ => "flat",
    }
}

/// A plan's target for an indicator, with the plan.
pub struct PlanRef<'a> {
    pub doc: usize,
    pub target: &'a PlanTarget,
}

impl<'a> Env<'a> {
    /// How a table of indicators of these kinds shows them (see [`KindColumn`]).
    pub fn kind_column(&self, kinds: impl IntoIterator<Item = IndicatorKind>) -> KindColumn {
        let (mut expected, mut binding) = (0usize, 0usize);
        for kind in kinds {
            match kind {
                IndicatorKind::Expected => expected += 1,
                IndicatorKind::Binding => binding += 1,
            }
        }
        let (usual, other) = if binding > expected {
            (IndicatorKind::Binding, IndicatorKind::Expected)
        } else {
            (IndicatorKind::Expected, IndicatorKind::Binding)
        };
        let shown = expected > 0 && binding > 0;
        let note = self
            .label(if shown { "kind_unmarked" } else { "kind_all" })
            .replace("{kind}", self.kind_label(usual))
            .replace("{other}", self.kind_label(other));
        KindColumn {
            shown,
            usual: kind_name(usual),
            note,
        }
    }

    /// 预期性 / 约束性 in the page's language.
    pub fn kind_label(&self, kind: IndicatorKind) -> &'static str {
        self.label(match kind {
            IndicatorKind::Expected => "kind_expected",
            IndicatorKind::Binding => "kind_binding",
        })
    }

    /// The target that applies to `indicator` in `year`: of the targets in force that year
    /// ([`target_in_force`]), the one with the nearest year.
    pub fn target_for(&self, indicator: usize, year: i32) -> Option<PlanRef<'a>> {
        let mut best: Option<PlanRef<'a>> = None;
        for candidate in self.targets_covering(indicator, year) {
            if best
                .as_ref()
                .is_none_or(|b| candidate.target.year < b.target.year)
            {
                best = Some(candidate);
            }
        }
        best
    }

    /// Every target for `indicator` in force in `year` ([`target_in_force`]), in document
    /// order: the targets that apply to the year, which [`Env::target_for`] chooses from.
    pub(crate) fn targets_covering(
        &self,
        indicator: usize,
        year: i32,
    ) -> impl Iterator<Item = PlanRef<'a>> + 'a {
        let site = self.site;
        site.documents.iter().enumerate().flat_map(move |(d, doc)| {
            doc.targets
                .iter()
                .filter(move |t| {
                    t.indicator.target == Some(Target::Indicator(indicator))
                        && target_in_force(doc.period, t.year, year)
                })
                .map(move |target| PlanRef { doc: d, target })
        })
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

        let cells = self.change_cells(indicator, value, previous);

        let plan = self.target_for(indicator, year);
        let target = plan.as_ref().map(|p| TargetCell {
            value: self.target_text(indicator, p.target),
            op: p.target.op.symbol(),
            year: p.target.year,
            plan: self.link(from, Target::Document(p.doc)),
        });
        let completion = match (&plan, value) {
            (Some(p), Some(v)) => self.completion(indicator, p.target, v),
            _ => None,
        };
        let status = match (&plan, value) {
            (Some(p), Some(v)) => self.progress_status(indicator, p, year, v),
            _ => None,
        };
        let (kind, kind_label) = (kind_name(ind.kind), self.kind_label(ind.kind));
        let shown = Shown {
            previous: previous.is_some(),
            change: cells.text.is_some(),
            completion: completion.is_some(),
        };
        let proof = self.row_proof(indicator, y, plan.as_ref(), shown);
        IndicatorRow {
            proof,
            id: ind.id.value.clone(),
            name: self.tx(&ind.name),
            href: from.href_to(&self.path(super::PageKind::Indicator(indicator)), None),
            kind,
            kind_label,
            indicator_kind: ind.kind,
            value: value
                .map(fmt)
                .unwrap_or_else(|| self.label("no_value").to_string()),
            value_with_unit: value
                .map(|v| self.value(indicator, v))
                .unwrap_or_else(|| self.label("no_value").to_string()),
            previous: previous.map(fmt),
            change: cells.text,
            change_with_unit: cells.with_unit,
            change_sign: cells.sign,
            change_effect: cells.effect,
            change_effect_label: cells.effect_label,
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
            provisional: site.years[y]
                .value_entry(indicator)
                .is_some_and(|e| e.provisional),
            source: site.years[y]
                .value_entry(indicator)
                .and_then(|e| self.tx_opt(e.source.as_ref())),
        }
    }

    /// A row's change cell: the change as the table shows it and with its unit, which way it
    /// went and what that means for the indicator.
    fn change_cells(
        &self,
        indicator: usize,
        value: Option<f64>,
        previous: Option<f64>,
    ) -> ChangeCells {
        let direction = self.site.indicators[indicator].direction;
        let (Some(v), Some(p)) = (value, previous) else {
            return ChangeCells {
                text: None,
                with_unit: None,
                sign: "same",
                effect: change_effect("same", direction),
                effect_label: "",
            };
        };
        let c = self.change_of(indicator, v, p);
        let (text, with_unit) = match c.percent {
            Some(pct) if !c.points => (
                format!("{} ({pct})", c.bare),
                format!("{} ({pct})", c.with_unit),
            ),
            Some(points) => (points.clone(), points),
            None => (c.bare, c.with_unit),
        };
        let effect = change_effect(c.sign, direction);
        ChangeCells {
            text: Some(text),
            with_unit: Some(with_unit),
            sign: c.sign,
            effect,
            effect_label: self.label(match effect {
                "better" => "change_better",
                "worse" => "change_worse",
                _ => "change_flat",
            }),
        }
    }

    /// The proof view's marks of a row: only cells that show a figure are marked ("—" comes
    /// from no data).
    fn row_proof(
        &self,
        indicator: usize,
        y: usize,
        plan: Option<&PlanRef>,
        shown: Shown,
    ) -> RowProof {
        if self.proof.is_none() {
            return RowProof::default();
        }
        let derived = |on: bool, what: &str| match on {
            true => self.proof_derived(indicator, y, what),
            false => String::new(),
        };
        RowProof {
            value: self.proof_value(indicator, y),
            previous: self
                .site
                .year_index(self.site.years[y].year - 1)
                .filter(|_| shown.previous)
                .map(|p| self.proof_value(indicator, p))
                .unwrap_or_default(),
            change: derived(shown.change, "change"),
            target: plan
                .map(|p| self.proof_target(indicator, p.doc, p.target))
                .unwrap_or_default(),
            completion: derived(shown.completion, "completion"),
        }
    }

    /// The change of an indicator from `previous` to `value`, in the forms pages show it.
    pub fn change_of(&self, indicator: usize, value: f64, previous: f64) -> Change {
        let ind = &self.site.indicators[indicator];
        let chinese = self.is_chinese();
        let unit = self.tx(&ind.unit);
        let diff = value - previous;
        let sign = if diff > 0.0 { "+" } else { "" };
        let bare = format!("{sign}{}", format_bare(ind, diff, self.lang, chinese));
        let with_unit = with_unit(&bare, &unit.text, chinese);
        let points = unit.text == "%";
        let percent = if points {
            let mut text = format!("{sign}{}", format_number(diff, Some(1), false));
            text.push_str(if chinese { "个百分点" } else { " pp" });
            Some(text)
        } else if previous != 0.0 {
            let pct = diff / previous.abs() * 100.0;
            let psign = if pct > 0.0 { "+" } else { "" };
            Some(format!("{psign}{}%", format_number(pct, Some(1), false)))
        } else {
            None
        };
        Change {
            bare,
            with_unit,
            percent,
            points,
            sign: if diff > 0.0 {
                "up"
            } else if diff < 0.0 {
                "down"
            } else {
                "same"
            },
        }
    }

    /// A target as a table shows it: `66000件`, or for a growth target `年均增长5%`.
    pub fn target_text(&self, indicator: usize, target: &PlanTarget) -> String {
        let ind = &self.site.indicators[indicator];
        let chinese = self.is_chinese();
        match target.op {
            TargetOp::Growth => {
                let rate = format_number(target.value, None, !chinese);
                if chinese {
                    format!("年均增长{rate}%")
                } else {
                    format!("{rate}% a year")
                }
            }
            _ => {
                let unit = self.tx(&ind.unit);
                with_unit(
                    &format_bare(ind, target.value, self.lang, chinese),
                    &unit.text,
                    chinese,
                )
            }
        }
    }

    /// How far `value` has come towards the target, as a percentage of the level it asks
    /// for (the inverse for indicators where lower is better): `87.5%`.
    pub fn completion(&self, indicator: usize, target: &PlanTarget, value: f64) -> Option<String> {
        let ind = &self.site.indicators[indicator];
        let level = target.level()?;
        if level == 0.0 || value == 0.0 {
            return None;
        }
        let ratio = match ind.direction {
            Direction::Up => value / level,
            Direction::Down => level / value,
        };
        Some(format!(
            "{}%",
            format_number(ratio * 100.0, Some(1), !self.is_chinese())
        ))
    }

    /// The value a plan starts from for an indicator: the target's baseline, else the value of
    /// the year before the plan's period (or its date).
    fn base_of(&self, indicator: usize, plan: &PlanRef) -> Option<(i32, f64)> {
        if let Some(b) = &plan.target.baseline {
            return Some((b.year, b.value));
        }
        let doc = &self.site.documents[plan.doc];
        let base_year = doc
            .period
            .map(|(from, _)| from - 1)
            .or_else(|| doc.date.map(|d| i32::from(d.year()) - 1))?;
        Some((base_year, self.value_in(indicator, base_year)?))
    }

    /// Whether the value keeps to the path from the plan's base (its baseline, or the year
    /// before its period starts) to the target, straight or, for a growth target, by the
    /// rate; at or after the target year, whether it was met.
    pub(crate) fn progress_status(
        &self,
        indicator: usize,
        plan: &PlanRef,
        year: i32,
        value: f64,
    ) -> Option<&'static str> {
        let ind = &self.site.indicators[indicator];
        let t = plan.target;
        let meets = |v: f64, goal: f64| match (t.op, ind.direction) {
            (TargetOp::AtMost, _) | (TargetOp::Exactly | TargetOp::Growth, Direction::Down) => {
                v <= goal
            }
            (TargetOp::AtLeast, _) | (TargetOp::Exactly | TargetOp::Growth, Direction::Up) => {
                v >= goal
            }
        };
        let goal = t.level()?;
        if year >= t.year {
            return Some(if meets(value, goal) {
                "achieved"
            } else {
                "missed"
            });
        }
        if meets(value, goal) {
            return Some("achieved");
        }
        let (base_year, base) = self.base_of(indicator, plan)?;
        if t.year <= base_year || year < base_year {
            return None;
        }
        let expected = match t.op {
            TargetOp::Growth => t.level_in(year)?,
            _ => base + (goal - base) * f64::from(year - base_year) / f64::from(t.year - base_year),
        };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_better_or_worse_by_the_indicators_direction() {
        assert_eq!(change_effect("up", Direction::Up), "better");
        assert_eq!(change_effect("down", Direction::Down), "better");
        assert_eq!(change_effect("down", Direction::Up), "worse");
        assert_eq!(change_effect("up", Direction::Down), "worse");
        assert_eq!(change_effect("same", Direction::Down), "flat");
    }
}
