//! The sign-off report (`ipreport check --format html`): what the leader who signs a year's
//! report off reads first, gathered from one run of the check.
//!
//! Per year, newest first: the counts (cases, events, issues and how many are rectified),
//! every indicator value as the site shows it with the line it is written on, its change and
//! how it stands against each plan target that applies ([`values`]), and the translations
//! still to do; then every diagnostic of the check. This module gathers all of it as plain,
//! sorted data from the model; [`html`] lays it out as one printable page, and [`since`]
//! finds what changed since an earlier sign-off. Nothing here reads a clock: the same sources
//! give the same report, byte for byte, so two printouts can be compared.

pub mod file;
pub mod html;
mod items;
mod place;
pub mod since;
mod values;

pub use items::{Counts, IssueCounts};
pub use place::Place;
pub use values::{Status, TargetRow, ValueRow};

use crate::diagnostics::{Diagnostic, Severity};
use crate::lint::coverage;
use crate::model::{LangId, Site, Text};
use crate::source::SourceMap;

/// Everything the page shows.
pub struct Report {
    /// The site's title in each of its languages, the default language first (empty when
    /// nothing could be loaded).
    pub title: Vec<String>,
    pub publisher: Vec<String>,
    pub errors: usize,
    pub warnings: usize,
    /// Newest first.
    pub years: Vec<YearReport>,
    /// What is not year-bound: settings, indicators, documents, departments, pages.
    pub site_coverage: Coverage,
    pub diagnostics: Vec<DiagnosticRow>,
    pub changes: Option<since::Changes>,
}

/// One year's part of the report.
pub struct YearReport {
    pub year: i32,
    /// The report's title in each language.
    pub title: Vec<String>,
    /// `published:` as written (never today's date).
    pub published: Option<String>,
    pub draft: bool,
    pub counts: Counts,
    pub values: Vec<ValueRow>,
    pub coverage: Coverage,
}

/// Translation coverage of one scope: the counts per language, and the items behind them.
#[derive(Default)]
pub struct Coverage {
    pub rows: Vec<coverage::Row>,
    /// Sorted by language, then place.
    pub gaps: Vec<GapRow>,
}

/// An item not fully translated into a language.
pub struct GapRow {
    pub lang: String,
    /// Nothing of it is translated (else part of it falls back to the default language).
    pub missing: bool,
    /// `典型案例 Case 2024/patent-mediation 专利纠纷调解案`.
    pub item: String,
    pub at: Option<Place>,
}

/// One diagnostic of the check.
pub struct DiagnosticRow {
    pub code: &'static str,
    pub error: bool,
    pub at: Option<Place>,
    /// The file or folder concerned, for a diagnostic without a place in a file.
    pub path: Option<String>,
    pub message: String,
    pub help: Option<String>,
}

/// What the report is gathered from: one run of the check.
pub struct Inputs<'a> {
    /// Absent when nothing usable could be loaded (the report then holds the diagnostics).
    pub site: Option<&'a Site>,
    pub sources: &'a SourceMap,
    /// Sorted, as the check prints them.
    pub diagnostics: &'a [Diagnostic],
    pub coverage: &'a [coverage::Row],
    /// `--year`: only this year.
    pub year: Option<i32>,
}

/// Gathers the report; `changes` is what [`since::compare`] found, if asked.
pub fn gather(inputs: &Inputs, changes: Option<since::Changes>) -> Report {
    let errors = inputs.diagnostics.iter().filter(|d| d.is_error()).count();
    let (title, publisher, years, site_coverage) = match inputs.site {
        Some(site) => {
            let gaps = coverage::gaps(site);
            let years = site
                .years
                .iter()
                .enumerate()
                .rev()
                .filter(|(_, y)| inputs.year.is_none_or(|only| only == y.year))
                .map(|(y, _)| year_report(inputs, site, y, &gaps))
                .collect();
            let site_coverage = coverage_of(inputs, site, None, &gaps);
            (
                every_language(site, &site.config.title),
                every_language(site, &site.config.publisher),
                years,
                site_coverage,
            )
        }
        None => Default::default(),
    };
    Report {
        title,
        publisher,
        errors,
        warnings: inputs.diagnostics.len() - errors,
        years,
        site_coverage,
        diagnostics: inputs
            .diagnostics
            .iter()
            .map(|d| diagnostic_row(d, inputs.sources))
            .collect(),
        changes,
    }
}

fn year_report(inputs: &Inputs, site: &Site, y: usize, gaps: &[coverage::Gap]) -> YearReport {
    let year = &site.years[y];
    YearReport {
        year: year.year,
        title: every_language(site, &year.report.title),
        published: year.report.published.map(|d| d.to_string()),
        draft: year.report.draft,
        counts: items::counts(year),
        values: values::rows(site, inputs.sources, y),
        coverage: coverage_of(inputs, site, Some(y), gaps),
    }
}

/// The coverage rows and gaps of one year (`Some(index into site.years)`) or of the site.
fn coverage_of(
    inputs: &Inputs,
    site: &Site,
    year: Option<usize>,
    gaps: &[coverage::Gap],
) -> Coverage {
    let scope = year.map_or_else(|| "site".to_string(), |y| site.years[y].year.to_string());
    let rows = inputs
        .coverage
        .iter()
        .filter(|r| r.scope == scope)
        .cloned()
        .collect();
    let mut gaps: Vec<GapRow> = gaps
        .iter()
        .filter(|g| g.item.year() == year)
        .map(|g| GapRow {
            lang: site.languages.get(g.lang).code.clone(),
            missing: g.missing,
            item: items::describe(site, g.item),
            at: g.span.map(|s| Place::of(inputs.sources, s)),
        })
        .collect();
    gaps.sort_by(|a, b| (&a.lang, &a.at, &a.item).cmp(&(&b.lang, &b.at, &b.item)));
    Coverage { rows, gaps }
}

fn diagnostic_row(d: &Diagnostic, sources: &SourceMap) -> DiagnosticRow {
    DiagnosticRow {
        code: d.code.as_str(),
        error: d.severity == Severity::Error,
        at: d.span.map(|s| Place::of(sources, s)),
        path: d.path.as_deref().map(str::to_string),
        message: d.message.to_string(),
        help: d.help.as_deref().map(str::to_string),
    }
}

/// A text as each of the site's languages shows it, the default language first, each value
/// once (a name written once for all languages is listed once).
fn every_language(site: &Site, text: &Text) -> Vec<String> {
    let mut shown: Vec<String> = Vec::new();
    for lang in site.languages.ids() {
        let value = text.or_empty(lang);
        if !value.is_empty() && !shown.iter().any(|s| s == value) {
            shown.push(value.to_string());
        }
    }
    shown
}

/// A text in the default language.
fn default_text(text: &Text) -> &str {
    text.or_empty(LangId::DEFAULT)
}
