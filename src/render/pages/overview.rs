//! What the home page and a year's page both show of a year: its parts, each linked.

use serde::Serialize;

use crate::entity::EntityKey;
use crate::model::{IssueStatus, Target};
use crate::render::deps::Dep;
use crate::render::links::Link;
use crate::render::paths::PagePath;
use crate::render::text::Tx;
use crate::render::{Env, PageKind};

#[derive(Serialize)]
pub(super) struct CaseSummary {
    title: Tx,
    href: String,
    case_number: Option<Tx>,
    ip_type: &'static str,
    procedure: &'static str,
}

#[derive(Serialize)]
pub(super) struct EventSummary {
    rank: usize,
    title: Tx,
    href: String,
    date: Option<String>,
}

#[derive(Serialize)]
pub(super) struct IssueSummary {
    title: Tx,
    href: String,
    status: &'static str,
    status_label: &'static str,
}

/// Links to the parts of a year, shared by the home and year pages.
#[derive(Serialize)]
pub(super) struct YearOverview {
    year: i32,
    title: Tx,
    href: String,
    theme: Option<Tx>,
    published: Option<String>,
    summary_html: Option<String>,
    achievements: Vec<Link>,
    cases: Vec<CaseSummary>,
    events: Vec<EventSummary>,
    events_href: Option<String>,
    issues: Vec<IssueSummary>,
    issues_href: Option<String>,
}

pub(super) fn status_label(env: &Env, status: IssueStatus) -> &'static str {
    env.label(&format!("status_{}", status.name()))
}

pub(super) fn year_overview(env: &Env, here: &PagePath, y: usize) -> YearOverview {
    let year = &env.site.years[y];
    for c in &year.cases {
        env.recorder.add(Dep::Entity(EntityKey::Case(
            year.year,
            c.item.id.value.clone(),
        )));
    }
    env.recorder.add(Dep::Entity(EntityKey::Events(year.year)));
    env.recorder.add(Dep::Entity(EntityKey::Issues(year.year)));
    YearOverview {
        year: year.year,
        title: env.tx(&year.report.title),
        href: here.href_to(&env.path(PageKind::Year(y)), None),
        theme: env.tx_opt(year.report.theme.as_ref()),
        published: year.report.published.map(|d| env.date(d)),
        summary_html: env.md_text(year.report.summary.as_ref(), here),
        achievements: (0..year.achievements.len())
            .map(|index| env.link(here, Target::Achievement { year: y, index }))
            .collect(),
        cases: year
            .cases
            .iter()
            .enumerate()
            .map(|(index, c)| CaseSummary {
                title: env.tx(&c.item.title),
                href: here.href_to(&env.path(PageKind::Case { year: y, index }), None),
                case_number: env.tx_opt(c.case_number.as_ref()),
                ip_type: env.label(&format!("ip_{}", c.ip_type.name())),
                procedure: env.label(&format!("proc_{}", c.procedure.name())),
            })
            .collect(),
        events: year
            .events
            .iter()
            .flatten()
            .enumerate()
            .map(|(index, e)| EventSummary {
                rank: index + 1,
                title: env.tx(&e.title),
                href: env.link(here, Target::Event { year: y, index }).href,
                date: e.date.map(|d| env.date(d)),
            })
            .collect(),
        events_href: year
            .events
            .as_ref()
            .map(|_| here.href_to(&env.path(PageKind::Events(y)), None)),
        issues: year
            .issues
            .iter()
            .flatten()
            .enumerate()
            .map(|(index, i)| IssueSummary {
                title: env.tx(&i.title),
                href: env.link(here, Target::Issue { year: y, index }).href,
                status: i.status.name(),
                status_label: status_label(env, i.status),
            })
            .collect(),
        issues_href: year
            .issues
            .as_ref()
            .map(|_| here.href_to(&env.path(PageKind::Issues(y)), None)),
    }
}
