//! From parsed files to the site's lists: the Markdown files of one item become the item, and
//! each year folder becomes a [`Year`] with its report, chapters, cases, events and issues.
//! Everything is assembled in the sorted order of ids, so the model does not depend on the
//! order files were read in.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::items::{Assembly, MarkdownFile};
use super::layout::Layout;
use super::parse::Parsed;
use super::{order_key, report_duplicates};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::entity::EntityKey;
use crate::model::{
    Achievement, Department, Document, Event, Fragment, FreePage, Indicator, IssueItem, LangId,
    LangMap, Languages, MdText, Report, Text, TypicalCase, Year,
};
use crate::source::{FileId, Span};

/// The parsed files, by what they are.
#[derive(Default)]
pub struct Collected {
    pub indicators: Vec<Indicator>,
    pub departments: Vec<Department>,
    pub documents: Vec<Document>,
    reports: BTreeMap<i32, Report>,
    events: BTreeMap<i32, (Vec<Event>, Span)>,
    issues: BTreeMap<i32, Vec<IssueItem>>,
    /// Markdown files by the item (or year report) they belong to.
    markdown: BTreeMap<EntityKey, Vec<MarkdownFile>>,
}

/// Sorts the parsed files by kind and reports ids defined twice.
pub fn collect(
    parsed: Vec<(&super::layout::Role, Option<Parsed>, Vec<Diagnostic>)>,
    diagnostics: &mut Diagnostics,
) -> Collected {
    let mut c = Collected::default();
    for (_, p, ds) in parsed {
        diagnostics.extend(ds);
        match p {
            Some(Parsed::Indicators(list)) => c.indicators = list,
            Some(Parsed::Departments(list)) => c.departments = list,
            Some(Parsed::Document(d)) => c.documents.push(d),
            Some(Parsed::Report(year, r)) => {
                c.reports.insert(year, r);
            }
            Some(Parsed::Events(year, list, span)) => {
                c.events.insert(year, (list, span));
            }
            Some(Parsed::Issues(year, list)) => {
                c.issues.insert(year, list);
            }
            Some(Parsed::Markdown(f)) => c.markdown.entry(f.entity.clone()).or_default().push(f),
            None => {}
        }
    }
    report_duplicates(
        c.indicators.iter().map(|i| (&i.id, "indicator")),
        diagnostics,
    );
    report_duplicates(
        c.departments.iter().map(|d| (&d.id, "department")),
        diagnostics,
    );
    c
}

/// The Markdown items, assembled from their files.
#[derive(Default)]
pub struct Items {
    achievements: BTreeMap<i32, Vec<Achievement>>,
    cases: BTreeMap<i32, Vec<TypicalCase>>,
    /// `report.<lang>.md` of each year, with its files.
    report_bodies: BTreeMap<i32, (LangMap<Arc<Fragment>>, Vec<FileId>)>,
    pub pages: Vec<FreePage>,
}

pub fn items(collected: &mut Collected, assembly: &mut Assembly) -> Items {
    let mut items = Items::default();
    for (entity, group) in std::mem::take(&mut collected.markdown) {
        match entity {
            EntityKey::Achievement(year, _) => {
                if let Some(a) = assembly.achievement(group) {
                    items.achievements.entry(year).or_default().push(a);
                }
            }
            EntityKey::Case(year, _) => {
                if let Some(c) = assembly.case(group) {
                    items.cases.entry(year).or_default().push(c);
                }
            }
            EntityKey::Page(_) => {
                if let Some(p) = assembly.page(group) {
                    items.pages.push(p);
                }
            }
            EntityKey::Report(year) => {
                let ids: Vec<FileId> = group.iter().map(|f| f.file_id).collect();
                items
                    .report_bodies
                    .insert(year, (assembly.report_body(group), ids));
            }
            _ => {}
        }
    }
    items
}

/// The years of the site, in order, and the draft years left out.
pub struct Years {
    pub years: Vec<Year>,
    pub drafts: Vec<i32>,
}

/// Every year folder with a report becomes a year; draft years are left out unless `drafts`.
pub fn years(
    layout: &Layout,
    report_files: &BTreeMap<i32, FileId>,
    collected: &mut Collected,
    items: &mut Items,
    drafts: bool,
    diagnostics: &mut Diagnostics,
) -> Years {
    let mut out = Years {
        years: Vec::new(),
        drafts: Vec::new(),
    };
    let mut year_numbers: Vec<i32> = layout.year_dirs.clone();
    year_numbers.sort_unstable();
    year_numbers.dedup();
    for year in year_numbers {
        let Some(mut report) = report(
            year,
            report_files.get(&year).copied(),
            collected,
            diagnostics,
        ) else {
            continue;
        };
        if let Some((body, file_ids)) = items.report_bodies.remove(&year) {
            summary_from_markdown(&mut report, body, &file_ids, diagnostics);
        }
        if report.draft && !drafts {
            out.drafts.push(year);
            continue;
        }
        let mut achievements = items.achievements.remove(&year).unwrap_or_default();
        achievements.sort_by(|a, b| order_key(&a.item.id.value).cmp(&order_key(&b.item.id.value)));
        if layout.achievement_dirs.contains(&year) && achievements.is_empty() {
            diagnostics.push(
                Diagnostic::at_path(
                    Code::EmptySection,
                    format!("content/years/{year}/achievements/"),
                    format!("the year {year} has an empty achievements/ folder"),
                )
                .with_help(
                    "government-site inspections fail empty columns: add an achievement \
                     (<id>.<lang>.md) or remove the folder",
                ),
            );
        }
        let mut cases = items.cases.remove(&year).unwrap_or_default();
        cases.sort_by(|a, b| order_key(&a.item.id.value).cmp(&order_key(&b.item.id.value)));
        let issues = collected.issues.remove(&year);
        if let Some(list) = &issues {
            report_duplicates(list.iter().map(|i| (&i.id, "issue")), diagnostics);
        }
        let (events, events_span) = match collected.events.remove(&year) {
            Some((list, span)) => (Some(list), Some(span)),
            None => (None, None),
        };
        out.years.push(Year {
            year,
            report,
            achievements,
            cases,
            events,
            events_span,
            issues,
            value_by_indicator: Vec::new(),
            value_entry: Vec::new(),
        });
    }
    out
}

/// A year's report; a broken one stands in as an empty report so that references to the year
/// do not turn into a cascade of false errors, and a missing one is E0004.
fn report(
    year: i32,
    report_file: Option<FileId>,
    collected: &mut Collected,
    diagnostics: &mut Diagnostics,
) -> Option<Report> {
    let report = collected.reports.remove(&year).or_else(|| {
        report_file.map(|file| Report {
            file,
            title: Text::universal("", Span::file_start(file)),
            published: None,
            published_span: None,
            draft: false,
            theme: None,
            summary: None,
            values: Vec::new(),
            key_figures: Vec::new(),
        })
    });
    if report.is_none() {
        let path = format!("content/years/{year}/report.yaml");
        if !diagnostics.iter().any(|d| d.path.as_deref() == Some(&path)) {
            diagnostics.push(
                Diagnostic::at_path(
                    Code::MissingFile,
                    path,
                    format!("the year {year} has no report.yaml"),
                )
                .with_help("every year folder needs a report.yaml with at least a title"),
            );
        }
    }
    report
}

/// `report.<lang>.md` as the year's summary (E0106 when `summary:` is given as well).
fn summary_from_markdown(
    report: &mut Report,
    body: LangMap<Arc<Fragment>>,
    file_ids: &[FileId],
    diagnostics: &mut Diagnostics,
) {
    if report.summary.is_some() {
        diagnostics.push(
            Diagnostic::new(
                Code::ConflictingKeys,
                report
                    .summary
                    .as_ref()
                    .map_or(Span::file_start(report.file), |s| s.text.span),
                "the summary is written both here and in report.<lang>.md",
            )
            .with_related(Span::file_start(file_ids[0]), "the Markdown summary")
            .with_help("keep one: `summary:` in report.yaml or report.<lang>.md"),
        );
    } else {
        report.summary = Some(MdText {
            text: Text::universal("", Span::file_start(report.file)),
            fragments: body,
        });
    }
}

/// Free pages in navigation order (`order:`, then id), each checked against the URLs the
/// site already uses.
pub fn pages(
    mut pages: Vec<FreePage>,
    languages: &Languages,
    diagnostics: &mut Diagnostics,
) -> Vec<FreePage> {
    pages.sort_by(|a, b| {
        a.order
            .unwrap_or(i64::MAX)
            .cmp(&b.order.unwrap_or(i64::MAX))
            .then_with(|| order_key(&a.item.id.value).cmp(&order_key(&b.item.id.value)))
    });
    for page in &pages {
        if reserved_page_id(&page.item.id.value, languages) {
            let file = page.item.files.get(LangId::DEFAULT).copied();
            let d = Diagnostic::new(
                Code::ReservedId,
                file.map_or(page.item.id.span, Span::file_start),
                format!(
                    "the page id `{}` is already a URL of the site",
                    page.item.id.value
                ),
            )
            .with_help("rename the page file, e.g. `about-indicators.zh.md`");
            diagnostics.push(d);
        }
    }
    pages
}

/// Names that are already URLs at the site root, so no page may take them.
fn reserved_page_id(id: &str, languages: &Languages) -> bool {
    matches!(
        id,
        "indicators" | "documents" | "departments" | "search" | "data" | "assets" | "404"
    ) || languages.codes().any(|c| c.eq_ignore_ascii_case(id))
        || (id.len() == 4 && id.bytes().all(|b| b.is_ascii_digit()))
}
