//! The documents index and each document with its measures.

use serde::Serialize;
use tera::Context;

use super::{crumb, home_crumb, latest_published, with_page};
use crate::model::Target;
use crate::render::links::{CiteGroup, Link};
use crate::render::paths::{PagePath, measure_anchor};
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

pub(super) fn document(env: &Env, here: &PagePath, d: usize) -> tera::TeraResult<Context> {
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
    #[derive(Serialize)]
    struct SectionItem {
        title: Option<Tx>,
        anchor: Option<String>,
        measures: Vec<MeasureItem>,
    }
    #[derive(Serialize)]
    struct TargetItem {
        indicator: Link,
        year: i32,
        op: &'static str,
        value: String,
        anchor: String,
    }
    #[derive(Serialize)]
    struct DocumentPage {
        short: Option<Tx>,
        kind_label: &'static str,
        number: Option<String>,
        issuer: Vec<Link>,
        date: Option<String>,
        period: Option<String>,
        targets: Vec<TargetItem>,
        sections: Vec<SectionItem>,
        cited_by: Vec<CiteGroup>,
    }
    let doc = &env.site.documents[d];
    let measure_item = |m: usize| {
        let measure = &doc.measures[m];
        MeasureItem {
            anchor: measure_anchor(&measure.n),
            n: measure.n.clone(),
            label: env.measure_number_label(d, &measure.n),
            title: env.tx_opt(measure.title.as_ref()),
            html: env.md_text(measure.text.as_ref(), here),
            lead: env.links(here, &measure.lead),
            indicators: env.links(here, &measure.indicators),
            cited_by: env.cited_by(here, Target::Measure { doc: d, measure: m }, &[]),
        }
    };
    let sections = if doc.sections.is_empty() {
        vec![SectionItem {
            title: None,
            anchor: None,
            measures: (0..doc.measures.len()).map(measure_item).collect(),
        }]
    } else {
        doc.sections
            .iter()
            .enumerate()
            .map(|(s, section)| SectionItem {
                title: Some(env.tx(&section.title)),
                anchor: Some(format!("s-{}", s + 1)),
                measures: section.measures.clone().map(measure_item).collect(),
            })
            .collect()
    };
    let targets = doc
        .targets
        .iter()
        .filter_map(|t| match t.indicator.target {
            Some(Target::Indicator(i)) => Some(TargetItem {
                indicator: env.link(here, Target::Indicator(i)),
                year: t.year,
                op: t.op.symbol(),
                value: env.value(i, t.value),
                anchor: format!("target-{}-{}", env.site.indicators[i].id.value, t.year),
            }),
            _ => None,
        })
        .collect();
    let page = DocumentPage {
        short: env.tx_opt(doc.short.as_ref()),
        kind_label: env.label(&format!("doc_{}", doc.kind.name())),
        number: doc.number.clone(),
        issuer: env.links(here, &doc.issuer),
        date: doc.date.map(|x| env.date(x)),
        period: doc.period.map(|(a, b)| format!("{a}–{b}")),
        targets,
        sections,
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
