//! Turning written references into [`Target`]s, with precise diagnostics and suggestions.

use super::index::{IdTable, Index};
use crate::diagnostics::suggest::{did_you_mean, edit_distance};
use crate::diagnostics::{Code, Diagnostic};
use crate::entity::EntityKey;
use crate::model::Target;
use crate::model::target_in_force;
use crate::model::{ValueForm, unit_scale};
use crate::source::Span;

/// The `@` kinds of SPEC §12.
pub const KINDS: &[&str] = &[
    "doc",
    "measure",
    "indicator",
    "target",
    "case",
    "achievement",
    "issue",
    "event",
    "dept",
    "year",
    "page",
];

pub struct Lookup<'a> {
    pub index: &'a Index,
}

/// Why a reference did not resolve.
#[derive(Debug)]
pub enum Miss {
    /// A problem to report.
    Unknown(Box<Diagnostic>),
    /// The target's own file is broken and already reported: say nothing more.
    Explained,
}

type Found = Result<Target, Miss>;

fn err(code: Code, span: Span, message: String, help: Option<String>) -> Miss {
    Miss::Unknown(Box::new(
        Diagnostic::new(code, span, message).with_optional_help(help),
    ))
}

/// "did you mean" for measure numbers: among the closest by edit distance, prefer one that
/// shares a prefix with what was written (`40` → `4`, not `30`).
fn suggest_measure<'a>(wrong: &str, numbers: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let common_prefix =
        |a: &str, b: &str| a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    numbers
        .map(|n| (edit_distance(wrong, n), n))
        .filter(|&(d, _)| d <= 2)
        .min_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| common_prefix(wrong, b.1).cmp(&common_prefix(wrong, a.1)))
                .then_with(|| a.1.len().cmp(&b.1.len()))
                .then_with(|| a.1.cmp(b.1))
        })
        .map(|(_, n)| n)
}

/// "1–34" for a run of whole numbers, else the list (shortened).
pub fn describe_numbers(numbers: &[String]) -> String {
    let ints: Option<Vec<u64>> = numbers.iter().map(|n| n.parse().ok()).collect();
    if let Some(ints) = ints
        && let (Some(&first), Some(&last)) = (ints.first(), ints.last())
        && ints.len() > 2
        && ints.windows(2).all(|w| w[1] == w[0] + 1)
    {
        return format!("{first}–{last}");
    }
    if numbers.len() > 12 {
        format!(
            "{}, … {}",
            numbers[..10].join(", "),
            numbers[numbers.len() - 1]
        )
    } else {
        numbers.join(", ")
    }
}

fn parse_year(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

impl Lookup<'_> {
    fn draft_hint(&self, year: i32) -> Option<String> {
        self.index
            .draft_years
            .contains(&year)
            .then(|| format!("the {year} report is a draft: build with --drafts to include it"))
    }

    fn unknown_id(
        &self,
        code: Code,
        span: Span,
        what: &str,
        id: &str,
        table: &IdTable,
        file_hint: &str,
    ) -> Miss {
        let help = did_you_mean(id, table.names()).or_else(|| {
            if table.ids.is_empty() {
                Some(format!("there is no {what} yet; {file_hint}"))
            } else {
                Some(file_hint.to_string())
            }
        });
        err(code, span, format!("unknown {what} `{id}`"), help)
    }

    fn incomplete(&self) -> &crate::model::Incomplete {
        &self.index.incomplete
    }

    pub fn document(&self, id: &str, span: Span) -> Result<usize, Miss> {
        if self.index.documents.get(id).is_none()
            && self
                .incomplete()
                .contains(&EntityKey::Document(id.to_string()))
        {
            return Err(Miss::Explained);
        }
        self.index.documents.get(id).ok_or_else(|| {
            self.unknown_id(
                Code::UnknownDocument,
                span,
                "document",
                id,
                &self.index.documents,
                "documents are the files in content/documents/",
            )
        })
    }

    /// `<doc-id>/<n>`.
    pub fn measure(&self, raw: &str, span: Span) -> Found {
        let Some((doc, n)) = raw.rsplit_once('/') else {
            return Err(err(
                Code::UnknownMeasure,
                span,
                format!("`{raw}` does not name a measure"),
                Some(format!("write <doc-id>/<n>, e.g. `{raw}/1`")),
            ));
        };
        let doc_index = self.document(doc, span)?;
        let table = &self.index.document[doc_index].measures;
        match table.get(n) {
            Some(measure) => Ok(Target::Measure {
                doc: doc_index,
                measure,
            }),
            None if self
                .incomplete()
                .contains(&EntityKey::Document(doc.to_string())) =>
            {
                Err(Miss::Explained)
            }
            None => {
                let range = describe_numbers(&table.ids);
                let help = match suggest_measure(n, table.names()) {
                    Some(s) => format!("{doc} has measures {range}; did you mean `{doc}/{s}`?"),
                    None if table.ids.is_empty() => format!("{doc} has no measures"),
                    None => format!("{doc} has measures {range}"),
                };
                Err(err(
                    Code::UnknownMeasure,
                    span,
                    format!("unknown measure `{raw}`"),
                    Some(help),
                ))
            }
        }
    }

    pub fn department(&self, id: &str, span: Span) -> Found {
        if self.index.departments.get(id).is_none()
            && self.incomplete().contains(&EntityKey::Departments)
        {
            return Err(Miss::Explained);
        }
        self.index
            .departments
            .get(id)
            .map(Target::Department)
            .ok_or_else(|| {
                self.unknown_id(
                    Code::UnknownDepartment,
                    span,
                    "department",
                    id,
                    &self.index.departments,
                    "departments are defined in content/departments.yaml",
                )
            })
    }

    pub fn indicator(&self, id: &str, span: Span) -> Result<usize, Miss> {
        if self.index.indicators.get(id).is_none()
            && self.incomplete().contains(&EntityKey::Indicators)
        {
            return Err(Miss::Explained);
        }
        self.index.indicators.get(id).ok_or_else(|| {
            self.unknown_id(
                Code::UnknownIndicator,
                span,
                "indicator",
                id,
                &self.index.indicators,
                "indicators are defined in content/indicators.yaml",
            )
        })
    }

    fn year(&self, raw: &str, span: Span) -> Result<usize, Miss> {
        let Some(year) = parse_year(raw) else {
            return Err(err(
                Code::UnknownItem,
                span,
                format!("`{raw}` is not a year"),
                Some("write the year with four digits, e.g. 2023".into()),
            ));
        };
        if self.index.year(year).is_none() && self.incomplete().has_year(year) {
            return Err(Miss::Explained);
        }
        self.index.year(year).ok_or_else(|| {
            let known: Vec<String> = self
                .index
                .years
                .iter()
                .map(|y| y.year.to_string())
                .collect();
            let help = self.draft_hint(year).unwrap_or_else(|| {
                if known.is_empty() {
                    "the site has no years yet (content/years/<YYYY>/)".to_string()
                } else {
                    format!("the site has the years {}", known.join(", "))
                }
            });
            err(
                Code::UnknownItem,
                span,
                format!("unknown year {raw}"),
                Some(help),
            )
        })
    }

    /// An item of a year (`<YYYY>/<id>`): achievements, cases, issues.
    fn year_item<'t>(
        &'t self,
        raw: &str,
        span: Span,
        what: &str,
        table: impl Fn(usize) -> &'t IdTable,
    ) -> Result<(usize, usize), Miss> {
        let Some((year, id)) = raw.split_once('/') else {
            return Err(err(
                Code::MalformedReference,
                span,
                format!("`{raw}` does not name a {what}"),
                Some(format!("write <YYYY>/<id>, e.g. `2023/{raw}`")),
            ));
        };
        let y = self.year(year, span)?;
        let year_number = self.index.years[y].year;
        let explained = match what {
            "issue" => self.incomplete().contains(&EntityKey::Issues(year_number)),
            "case" => self
                .incomplete()
                .contains(&EntityKey::Case(year_number, id.to_string())),
            "achievement" => self
                .incomplete()
                .contains(&EntityKey::Achievement(year_number, id.to_string())),
            _ => false,
        };
        match table(y).get(id) {
            Some(i) => Ok((y, i)),
            None if explained => Err(Miss::Explained),
            None => {
                let other_year = (0..self.index.years.len())
                    .find(|&o| o != y && table(o).get(id).is_some())
                    .map(|o| format!("there is a {what} `{id}` in {}", self.index.years[o].year));
                let help = did_you_mean(id, table(y).names())
                    .or(other_year)
                    .or_else(|| Some(format!("{year} has no {what} with this id")));
                Err(err(
                    Code::UnknownItem,
                    span,
                    format!("unknown {what} `{raw}`"),
                    help,
                ))
            }
        }
    }

    pub fn issue(&self, raw: &str, span: Span) -> Found {
        self.year_item(raw, span, "issue", |y| &self.index.years[y].issues)
            .map(|(year, index)| Target::Issue { year, index })
    }

    /// An `@…` destination from Markdown.
    pub fn link(&self, raw: &str, span: Span) -> Found {
        let body = raw.strip_prefix('@').unwrap_or(raw);
        let (kind, rest) = body.split_once('/').unwrap_or((body, ""));
        match kind {
            "doc" => self.document(rest, span).map(Target::Document),
            "measure" => self.measure(rest, span),
            "indicator" => match rest.split('/').collect::<Vec<_>>()[..] {
                [id] => self.indicator(id, span).map(Target::Indicator),
                [id, year] => self.indicator_value(id, year, "", span),
                [id, year, form] => self.indicator_value(id, year, form, span),
                _ => Err(Self::malformed(
                    raw,
                    span,
                    "@indicator/<id>, @indicator/<id>/<YYYY> or @indicator/<id>/<YYYY>/<form>",
                )),
            },
            "target" => self.plan_target(raw, rest, span),
            "case" => self
                .year_item(rest, span, "case", |y| &self.index.years[y].cases)
                .map(|(year, index)| Target::Case { year, index }),
            "achievement" => self
                .year_item(rest, span, "achievement", |y| {
                    &self.index.years[y].achievements
                })
                .map(|(year, index)| Target::Achievement { year, index }),
            "issue" => self.issue(rest, span),
            "event" => self.event(raw, rest, span),
            "dept" => self.department(rest, span),
            "year" => self.year(rest, span).map(Target::Year),
            "page" => self.page(rest, span),
            _ => Err(err(
                Code::MalformedReference,
                span,
                format!("unknown reference kind `@{kind}`"),
                Some(
                    did_you_mean(kind, KINDS.iter().copied())
                        .map(|s| format!("{s} (e.g. `@{}/…`)", closest_kind(kind)))
                        .unwrap_or_else(|| format!("the kinds are: @{}", KINDS.join(", @"))),
                ),
            )),
        }
    }

    /// E0306 for a reference that is not of its kind's form.
    fn malformed(raw: &str, span: Span, form: &str) -> Miss {
        err(
            Code::MalformedReference,
            span,
            format!("`{raw}` is not a valid reference"),
            Some(format!("write {form}")),
        )
    }

    /// Checks the form part of a value reference (`number`, `change`, `亿元`…).
    fn value_form(&self, form: &str, indicator: usize, span: Span) -> Result<ValueForm, Miss> {
        let parsed = ValueForm::parse(form);
        if let ValueForm::InUnit(unit) = &parsed {
            let own = &self.index.indicator_units[indicator];
            let fits = !own.is_empty() && unit_scale(unit).1 == unit_scale(own).1;
            if !fits {
                return Err(err(
                    Code::MalformedReference,
                    span,
                    format!("`{form}` is not a form of a value, nor a unit like `{own}`"),
                    Some(format!(
                        "the forms are {}, or a unit of the same kind as `{own}` (万{base}, \
                         亿{base}, …)",
                        ValueForm::NAMES
                            .iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", "),
                        base = unit_scale(own).1,
                    )),
                ));
            }
        }
        Ok(parsed)
    }

    /// `@indicator/<id>/<YYYY>[/<form>]`: the value of an indicator in a year.
    fn indicator_value(&self, id: &str, year_text: &str, form: &str, span: Span) -> Found {
        let indicator = self.indicator(id, span)?;
        let year = self.year(year_text, span)?;
        let form = self.value_form(form, indicator, span)?;
        let has_value = |y: usize| {
            self.index
                .values
                .get(y)
                .and_then(|v| v.get(indicator))
                .copied()
                .unwrap_or(false)
        };
        if matches!(form, ValueForm::Change | ValueForm::ChangePercent) {
            let previous = self.index.years[year].year - 1;
            let has_previous = self.index.year(previous).is_some_and(has_value);
            if !has_previous && has_value(year) {
                return Err(err(
                    Code::MissingValue,
                    span,
                    format!("{id} has no value for {previous} to compare {year_text} with"),
                    Some(format!(
                        "a change needs the previous year's value: add `{id}: …` to \
                         years/{previous}/report.yaml, or show the value itself"
                    )),
                ));
            }
        }
        let calendar_year = self.index.years.get(year).map_or(0, |y| y.year);
        if form == ValueForm::Completion
            && !self.index.document.iter().any(|d| {
                d.targets.iter().any(|(i, target_year)| {
                    *i == Some(indicator) && target_in_force(d.period, *target_year, calendar_year)
                })
            })
        {
            return Err(err(
                Code::MissingTarget,
                span,
                format!(
                    "no plan sets a target for {id} in force in {calendar_year}, so there is no \
                     completion"
                ),
                Some(
                    "completion is measured against a plan's target for that year or a later \
                     one, from a plan whose period covers the year (`targets:` of a plan); an \
                     expired target measures nothing"
                        .into(),
                ),
            ));
        }
        let has = self
            .index
            .values
            .get(year)
            .and_then(|v| v.get(indicator))
            .copied()
            .unwrap_or(false);
        if has {
            return Ok(Target::IndicatorValue { indicator, year });
        }
        if self
            .incomplete()
            .contains(&EntityKey::Report(self.index.years[year].year))
        {
            return Err(Miss::Explained);
        }
        Err(err(
            Code::MissingValue,
            span,
            format!("{id} has no value for {year_text}"),
            Some(format!(
                "add `{id}: …` under `indicators:` in years/{year_text}/report.yaml"
            )),
        ))
    }

    /// `@target/<doc-id>/<indicator-id>/<YYYY>`: a plan's target.
    fn plan_target(&self, raw: &str, rest: &str, span: Span) -> Found {
        let shape = "@target/<doc-id>/<indicator-id>/<YYYY>[/<form>]";
        let parts: Vec<&str> = rest.split('/').collect();
        let (doc, id, year, form) = match parts[..] {
            [doc, id, year] => (doc, id, year, ""),
            [doc, id, year, form] => (doc, id, year, form),
            _ => return Err(Self::malformed(raw, span, shape)),
        };
        let doc_index = self.document(doc, span)?;
        let indicator = self.indicator(id, span)?;
        let form = self.value_form(form, indicator, span)?;
        if matches!(form, ValueForm::Change | ValueForm::ChangePercent) {
            return Err(err(
                Code::MalformedReference,
                span,
                format!("a target has no change: `{raw}`"),
                Some("the change of a value is `@indicator/<id>/<YYYY>/change`".into()),
            ));
        }
        let Some(year) = parse_year(year) else {
            return Err(Self::malformed(raw, span, shape));
        };
        let targets = &self.index.document[doc_index].targets;
        if let Some(target) = targets
            .iter()
            .position(|&(i, y)| i == Some(indicator) && y == year)
        {
            return Ok(Target::PlanTarget {
                doc: doc_index,
                target,
            });
        }
        if self
            .incomplete()
            .contains(&EntityKey::Document(doc.to_string()))
        {
            return Err(Miss::Explained);
        }
        let years: Vec<String> = targets
            .iter()
            .filter(|(i, _)| *i == Some(indicator))
            .map(|(_, y)| y.to_string())
            .collect();
        let help = if years.is_empty() {
            format!("{doc} sets no target for {id}")
        } else {
            format!("{doc} sets targets for {id} in {}", years.join(", "))
        };
        Err(err(
            Code::MissingTarget,
            span,
            format!("{doc} has no target for {id} in {year}"),
            Some(help),
        ))
    }

    /// `@event/<YYYY>/<rank>`.
    fn event(&self, raw: &str, rest: &str, span: Span) -> Found {
        let Some((year, rank)) = rest.split_once('/') else {
            return Err(Self::malformed(
                raw,
                span,
                "@event/<YYYY>/<rank>, the rank being 1–10",
            ));
        };
        let y = self.year(year, span)?;
        let count = self.index.years[y].events;
        match rank.parse::<usize>() {
            Ok(r) if (1..=count).contains(&r) => Ok(Target::Event {
                year: y,
                index: r - 1,
            }),
            _ if self
                .incomplete()
                .contains(&EntityKey::Events(self.index.years[y].year)) =>
            {
                Err(Miss::Explained)
            }
            _ => Err(err(
                Code::UnknownItem,
                span,
                format!("unknown event `{rest}`"),
                Some(if count == 0 {
                    format!("{year} has no events.yaml")
                } else {
                    format!("events are ranked 1–{count} in {year}/events.yaml")
                }),
            )),
        }
    }

    /// `@page/<id>`.
    fn page(&self, id: &str, span: Span) -> Found {
        if let Some(page) = self.index.pages.get(id) {
            return Ok(Target::Page(page));
        }
        if self.incomplete().contains(&EntityKey::Page(id.to_string())) {
            return Err(Miss::Explained);
        }
        Err(self.unknown_id(
            Code::UnknownItem,
            span,
            "page",
            id,
            &self.index.pages,
            "pages are the files in content/pages/",
        ))
    }
}

fn closest_kind(kind: &str) -> &'static str {
    crate::diagnostics::suggest::closest(kind, KINDS.iter().copied())
        .and_then(|c| KINDS.iter().find(|k| **k == c).copied())
        .unwrap_or("doc")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measure_suggestions_prefer_shared_prefixes() {
        let ns: Vec<String> = (1..=34).map(|n| n.to_string()).collect();
        assert_eq!(
            suggest_measure("40", ns.iter().map(String::as_str)),
            Some("4")
        );
        assert_eq!(describe_numbers(&ns), "1–34");
        assert_eq!(
            describe_numbers(&["1".into(), "2.3".into(), "12a".into()]),
            "1, 2.3, 12a"
        );
    }
}
