//! The documents index and each document with its measures.

use serde::Serialize;
use tera::Context;

use super::{crumb, home_crumb, latest_published, with_page};
use crate::model::Target;
use crate::render::links::{CiteGroup, Link};
use crate::render::paths::{PagePath, measure_anchor};
use crate::render::progress::{KindColumn, kind_name};
use crate::render::text::Tx;
use crate::render::{Env, PageKind};

#[derive(Serialize)]
pub(super) struct DocumentSummary {
    title: Tx,
    href: String,
    kind_label: &'static str,
    number: Option<String>,
    date: Option<String>,
}

pub(super) fn documents(env: &Env, here: &PagePath) -> tera::TeraResult<Context> {
    let docs: Vec<DocumentSummary> = env
        .site
        .documents
        .iter()
        .enumerate()
        .map(|(d, doc)| DocumentSummary {
            title: env.tx(&doc.title),
            href: here.href_to(&env.path(PageKind::Document(d)), None),
            kind_label: env.label(&format!("doc_{}", doc.kind.name())),
            number: doc.number.clone(),
            date: doc.date.map(|x| env.date(x)),
        })
        .collect();
    let base = env.base(
        PageKind::Documents,
        Tx::plain(env.label("documents")),
        vec![home_crumb(env, here)],
        latest_published(env),
    );
    with_page(&base, &serde_json::json!({ "documents": docs }))
}

#[derive(Serialize)]
struct MeasureItem {
    anchor: String,
    n: String,
    label: String,
    title: Option<Tx>,
    html: Option<String>,
    lead: Vec<Link>,
    indicators: Vec<Link>,
    cited_by: Vec<CiteGroup>,
}

/// A section of the document page; subsections follow their section, one level deeper.
#[derive(Serialize)]
struct SectionItem {
    title: Option<Tx>,
    anchor: Option<String>,
    /// The heading level: 2 for a top-level section, 3 for a subsection, … (at most 6).
    level: usize,
    /// The level of its measures' headings, and of their related and "cited by" blocks:
    /// one and two below the section's, but never past 6, which HTML has no heading for.
    measure_level: usize,
    block_level: usize,
    summary_html: Option<String>,
    measures: Vec<MeasureItem>,
}

/// The heading level of what sits `depth` levels below the page's sections: `<h2>` for a
/// top-level section, one deeper per level, never past `<h6>`.
fn heading_level(depth: usize) -> usize {
    (depth + 2).min(6)
}

/// One indicator of a plan's table: its targets by year, as the plan lists them.
#[derive(Serialize)]
struct PlanRow {
    n: usize,
    indicator: Link,
    baseline: Option<String>,
    /// The proof view's mark of the baseline (empty on built pages).
    baseline_proof: String,
    /// One cell per target year of the table (`None`: no target that year).
    cells: Vec<Option<PlanCell>>,
    kind: &'static str,
    kind_label: &'static str,
    note: Option<String>,
}

#[derive(Serialize)]
struct PlanCell {
    anchor: String,
    op: &'static str,
    value: String,
    /// The proof view's mark (empty on built pages).
    proof: String,
}

#[derive(Serialize)]
struct PlanTable {
    /// The target years, the table's columns.
    years: Vec<i32>,
    /// The baseline year, when every baseline is of one year (else each cell says its year).
    baseline_year: Option<i32>,
    has_baseline: bool,
    has_notes: bool,
    kinds: KindColumn,
    rows: Vec<PlanRow>,
}

#[derive(Serialize)]
struct StageItem {
    title: Tx,
    dates: Option<String>,
    html: Option<String>,
}

/// A plan's targets as the plan's own table: one row per indicator in the order the plan
/// lists them (序号), its baseline, its target in each year, and its kind.
fn plan_table(env: &Env, here: &PagePath, d: usize) -> Option<PlanTable> {
    let doc = &env.site.documents[d];
    let mut years: Vec<i32> = doc.targets.iter().map(|t| t.year).collect();
    years.sort_unstable();
    years.dedup();
    let mut order: Vec<usize> = Vec::new();
    for t in &doc.targets {
        if let Some(Target::Indicator(i)) = t.indicator.target
            && !order.contains(&i)
        {
            order.push(i);
        }
    }
    if order.is_empty() {
        return None;
    }
    let baselines: Vec<i32> = doc
        .targets
        .iter()
        .filter_map(|t| t.baseline.as_ref().map(|b| b.year))
        .collect();
    let one_year = baselines
        .first()
        .filter(|y| baselines.iter().all(|b| b == *y));
    let rows: Vec<PlanRow> = order
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let of_indicator: Vec<_> = doc
                .targets
                .iter()
                .filter(|t| t.indicator.target == Some(Target::Indicator(i)))
                .collect();
            let baseline = of_indicator
                .iter()
                .find_map(|t| t.baseline.as_ref())
                .map(|b| {
                    let value = env.value(i, b.value);
                    match one_year {
                        Some(_) => value,
                        None => format!("{value} ({})", b.year),
                    }
                });
            let baseline_proof = of_indicator
                .iter()
                .find_map(|t| t.baseline.as_ref())
                .map(|b| env.proof_baseline(i, d, b))
                .unwrap_or_default();
            let notes = plan_notes(env, &of_indicator);
            PlanRow {
                n: n + 1,
                indicator: env.link(here, Target::Indicator(i)),
                baseline,
                baseline_proof,
                cells: years
                    .iter()
                    .map(|&y| {
                        of_indicator.iter().find(|t| t.year == y).map(|t| PlanCell {
                            anchor: format!("target-{}-{y}", env.site.indicators[i].id.value),
                            op: t.op.symbol(),
                            value: env.target_text(i, t),
                            proof: env.proof_target(i, d, t),
                        })
                    })
                    .collect(),
                kind: kind_name(env.site.indicators[i].kind),
                kind_label: env.kind_label(env.site.indicators[i].kind),
                note: (!notes.is_empty())
                    .then(|| notes.join(if env.is_chinese() { "；" } else { "; " })),
            }
        })
        .collect();
    Some(PlanTable {
        years,
        baseline_year: one_year.copied(),
        has_baseline: rows.iter().any(|r| r.baseline.is_some()),
        has_notes: rows.iter().any(|r| r.note.is_some()),
        kinds: env.kind_column(order.iter().map(|&i| env.site.indicators[i].kind)),
        rows,
    })
}

/// A row's notes: each target's note, and its source labelled as one.
fn plan_notes(env: &Env, targets: &[&crate::model::PlanTarget]) -> Vec<String> {
    let source_label = format!("{}{}", env.label("value_source"), env.label("colon"));
    targets
        .iter()
        .flat_map(|t| {
            let note = t.note.as_ref().map(|n| env.plain(n).to_string());
            let source = t
                .source
                .as_ref()
                .map(|s| format!("{source_label}{}", env.plain(s)));
            [note, source]
        })
        .flatten()
        .collect()
}

/// The document's sections, each with its own measures; a document without sections is one
/// untitled section of all its measures.
fn sections(env: &Env, here: &PagePath, d: usize) -> Vec<SectionItem> {
    let doc = &env.site.documents[d];
    let measure_item = |m: usize| {
        let measure = &doc.measures[m];
        MeasureItem {
            anchor: measure_anchor(&measure.n),
            n: measure.n.clone(),
            label: env.measure_number_label(d, m),
            title: env.tx_opt(measure.title.as_ref()),
            html: env.md_text(measure.text.as_ref(), here),
            lead: env.links(here, &measure.lead),
            indicators: env.links(here, &measure.indicators),
            cited_by: env.cited_by(here, Target::Measure { doc: d, measure: m }, &[]),
        }
    };
    if doc.sections.is_empty() {
        return vec![SectionItem {
            title: None,
            anchor: None,
            level: heading_level(0),
            measure_level: heading_level(1),
            block_level: heading_level(2),
            summary_html: None,
            measures: (0..doc.measures.len()).map(measure_item).collect(),
        }];
    }
    doc.sections
        .iter()
        .enumerate()
        .map(|(s, section)| SectionItem {
            title: Some(env.tx(&section.title)),
            anchor: Some(format!("s-{}", s + 1)),
            level: heading_level(section.depth),
            measure_level: heading_level(section.depth + 1),
            block_level: heading_level(section.depth + 2),
            summary_html: env.md_text(section.summary.as_ref(), here),
            measures: section.measures.clone().map(measure_item).collect(),
        })
        .collect()
}

/// `2024年3月—4月`, `March–April 2024`.
fn stage_dates(env: &Env, stage: &crate::model::Stage) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let chinese = env.is_chinese();
    let one = |d: &crate::model::StageDate, with_year: bool| {
        let month = usize::try_from(d.month - 1).unwrap_or(0).min(11);
        match (chinese, d.day) {
            (true, day) => format!(
                "{}{}月{}",
                if with_year {
                    format!("{}年", d.year)
                } else {
                    String::new()
                },
                d.month,
                day.map(|x| format!("{x}日")).unwrap_or_default()
            ),
            (false, Some(day)) => format!("{day} {} {}", MONTHS[month], d.year),
            (false, None) => format!("{} {}", MONTHS[month], d.year),
        }
    };
    match (&stage.from, &stage.to) {
        (Some(a), Some(b)) => Some(format!(
            "{}{}{}",
            one(a, true),
            if chinese { "—" } else { " – " },
            one(b, !chinese || a.year != b.year)
        )),
        (Some(a), None) => Some(format!(
            "{}{}",
            one(a, true),
            if chinese { "起" } else { " on" }
        )),
        (None, Some(b)) => Some(format!(
            "{}{}",
            if chinese { "至" } else { "until " },
            one(b, true)
        )),
        (None, None) => None,
    }
}

pub(super) fn document(env: &Env, here: &PagePath, d: usize) -> tera::TeraResult<Context> {
    #[derive(Serialize)]
    struct DocumentPage {
        short: Option<Tx>,
        kind_label: &'static str,
        number: Option<String>,
        issuer: Vec<Link>,
        date: Option<String>,
        period: Option<String>,
        summary_html: Option<String>,
        plan: Option<PlanTable>,
        sections: Vec<SectionItem>,
        stages: Vec<StageItem>,
        cited_by: Vec<CiteGroup>,
    }
    let doc = &env.site.documents[d];
    let page = DocumentPage {
        short: env.tx_opt(doc.short.as_ref()),
        kind_label: env.label(&format!("doc_{}", doc.kind.name())),
        number: doc.number.clone(),
        issuer: env.links(here, &doc.issuer),
        date: doc.date.map(|x| env.date(x)),
        period: doc.period.map(|(a, b)| format!("{a}–{b}")),
        summary_html: env.md_text(doc.summary.as_ref(), here),
        plan: plan_table(env, here, d),
        sections: sections(env, here, d),
        stages: doc
            .stages
            .iter()
            .map(|stage| StageItem {
                title: env.tx(&stage.title),
                dates: stage_dates(env, stage),
                html: env.md_text(stage.text.as_ref(), here),
            })
            .collect(),
        cited_by: env.cited_by(here, Target::Document(d), &[]),
    };
    let base = env.base(
        PageKind::Document(d),
        env.tx(&doc.title),
        vec![
            home_crumb(env, here),
            crumb(
                env,
                here,
                Tx::plain(env.label("documents")),
                PageKind::Documents,
            ),
        ],
        doc.date,
    );
    with_page(&base, &page)
}
