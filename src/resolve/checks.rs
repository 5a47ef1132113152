//! Domain rules of SPEC §15 that concern the model as a whole.

use crate::diagnostics::{Code, Diagnostic};
use crate::entity::EntityKey;
use crate::model::Site;
use crate::source::Span;

pub fn check(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    ten_events(site, &mut out);
    targets_in_period(site, &mut out);
    published_in_world_ip_day_week(site, &mut out);
    spreadsheet_formulas(site, &mut out);
    if site.config.base_url.is_none() {
        out.push(
            Diagnostic::new(
                Code::NoBaseUrl,
                site.config.title.span,
                "site.yaml has no base_url, so sitemap.xml and the feeds are left out",
            )
            .with_help(
                "they need absolute addresses: add `base_url: https://…/` with the site's \
                 published address (pages keep linking relatively)",
            ),
        );
    }
    out
}

/// Whether a spreadsheet opening a CSV would take `s` for a formula (OWASP's list).
pub fn starts_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The open data's CSV is opened in Excel: a cell that starts with `=`, `+`, `-`, `@` (or a
/// tab or carriage return) would run as a formula there. The CSV neutralises such cells
/// (`render::data`); the editor is told, since the text is then not what was meant either.
fn spreadsheet_formulas(site: &Site, out: &mut Vec<Diagnostic>) {
    use crate::model::TextValues;
    for indicator in &site.indicators {
        for (what, text) in [("name", &indicator.name), ("unit", &indicator.unit)] {
            let values: Vec<(&str, Span)> = match &text.values {
                TextValues::Universal(s) => vec![(s.as_str(), text.span)],
                TextValues::ByLanguage(map) => {
                    map.iter().map(|(_, t)| (t.text.as_str(), t.span)).collect()
                }
            };
            for (value, span) in values {
                if !starts_like_formula(value) {
                    continue;
                }
                let first = value
                    .chars()
                    .next()
                    .map(|c| c.escape_debug().to_string())
                    .unwrap_or_default();
                out.push(
                    Diagnostic::new(
                        Code::SpreadsheetFormula,
                        span,
                        format!(
                            "the {what} of indicator `{}` starts with `{first}`, which \
                             spreadsheets run as a formula",
                            indicator.id.value,
                        ),
                    )
                    .with_help(
                        "data/indicators.csv shows it with a leading `'` so that Excel does not \
                         run it; write the text without the leading sign if it is not meant",
                    ),
                );
            }
        }
    }
}

/// "十大事件" with nine is a publishing blunder.
fn ten_events(site: &Site, out: &mut Vec<Diagnostic>) {
    for year in &site.years {
        let (Some(events), Some(span)) = (&year.events, year.events_span) else {
            continue;
        };
        if site.incomplete.contains(&EntityKey::Events(year.year)) {
            continue;
        }
        let n = events.len();
        if n != 10 {
            let help = if n < 10 {
                format!(
                    "add {} more, or drop events.yaml until the list is complete",
                    10 - n
                )
            } else {
                format!(
                    "remove {}: the list order is the rank, so keep the top ten",
                    n - 10
                )
            };
            out.push(
                Diagnostic::new(
                    Code::NotTenEvents,
                    Span::new(span.file, span.start as usize, span.start as usize),
                    format!(
                        "{} has {n} major events; the list must hold exactly ten",
                        year.year
                    ),
                )
                .with_help(help),
            );
        }
    }
}

fn targets_in_period(site: &Site, out: &mut Vec<Diagnostic>) {
    for doc in &site.documents {
        let Some((from, to)) = doc.period else {
            if let Some(first) = doc.targets.first() {
                out.push(
                    Diagnostic::new(
                        Code::TargetOutsidePeriod,
                        first.span,
                        "this plan sets targets but has no period",
                    )
                    .with_help("add the years the plan covers, e.g. `period: [2024, 2026]`"),
                );
            }
            continue;
        };
        for t in &doc.targets {
            if t.year < from || t.year > to {
                let mut d = Diagnostic::new(
                    Code::TargetOutsidePeriod,
                    t.year_span,
                    format!(
                        "the target year {} is outside the plan's period {from}–{to}",
                        t.year
                    ),
                )
                .with_help(format!(
                    "a plan sets targets for the years it covers ({from}–{to})"
                ));
                if let Some(span) = doc.period_span {
                    d = d.with_related(span, "the period");
                }
                out.push(d);
            }
        }
    }
}

/// Reports appear in the 4·26 publicity week.
fn published_in_world_ip_day_week(site: &Site, out: &mut Vec<Diagnostic>) {
    for year in &site.years {
        let (Some(date), Some(span)) = (year.report.published, year.report.published_span) else {
            continue;
        };
        if date.month() != 4 || !(20..=26).contains(&date.day()) {
            out.push(
                Diagnostic::new(
                    Code::PublishedOutsideWeek,
                    span,
                    format!("published on {date}, outside the 4·26 week"),
                )
                .with_help("reports are published in the World IP Day week, 20–26 April"),
            );
        }
    }
}
