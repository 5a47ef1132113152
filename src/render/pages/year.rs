//! A year's pages: the report, a case, the ten events, the issue list. The parts of each are
//! built here for the year's print page too (`print`).

use serde::Serialize;
use tera::Context;

use super::overview::{YearOverview, status_label, year_overview};
use super::{home_crumb, with_page, year_crumb};
use crate::entity::EntityKey;
use crate::model::Target;
use crate::render::deps::Dep;
use crate::render::links::{CiteGroup, Link};
use crate::render::paths::PagePath;
use crate::render::progress::{IndicatorGroup, KindColumn};
use crate::render::text::Tx;
use crate::render::{Env, PageKind};
use crate::resolve::Via;

/// An achievement as a chapter of the report.
#[derive(Serialize)]
pub(super) struct Chapter {
    pub id: String,
    pub title: Tx,
    pub html: String,
    pub measures: Vec<Link>,
    pub departments: Vec<Link>,
    pub indicators: Vec<Link>,
}

/// The year's achievements, as chapters.
pub(super) fn chapters(env: &Env, here: &PagePath, y: usize) -> Vec<Chapter> {
    let year = &env.site.years[y];
    for a in &year.achievements {
        env.recorder.add(Dep::Entity(EntityKey::Achievement(
            year.year,
            a.item.id.value.clone(),
        )));
    }
    year.achievements
        .iter()
        .map(|a| Chapter {
            id: a.item.id.value.clone(),
            title: env.tx(&a.item.title),
            html: env.markdown(&a.item.body, here),
            measures: env.links(here, &a.measures),
            departments: env.links(here, &a.departments),
            indicators: env.links(here, &a.indicators),
        })
        .collect()
}

/// The year's indicator table.
#[derive(Serialize)]
pub(super) struct IndicatorTable {
    pub indicator_groups: Vec<IndicatorGroup>,
    pub has_targets: bool,
    /// Whether any indicator has a value the year before: else the 上年 and 增减
    /// columns would hold nothing but "—", and are left out.
    pub has_previous: bool,
    /// The table's number of columns (for a group's heading row).
    pub columns: usize,
    pub kinds: KindColumn,
}

pub(super) fn indicator_table(env: &Env, here: &PagePath, y: usize) -> IndicatorTable {
    let indicator_groups = env.indicator_groups(here, y, true);
    let has_targets = indicator_groups
        .iter()
        .any(|g| g.rows.iter().any(|r| r.target.is_some()));
    let has_previous = indicator_groups
        .iter()
        .any(|g| g.rows.iter().any(|r| r.previous.is_some()));
    let kinds = env.kind_column(
        indicator_groups
            .iter()
            .flat_map(|g| &g.rows)
            .map(|r| r.indicator_kind),
    );
    // Indicator, value and unit; kind; previous and change; target, completion and progress.
    let columns =
        3 + usize::from(kinds.shown) + 2 * usize::from(has_previous) + 3 * usize::from(has_targets);
    IndicatorTable {
        indicator_groups,
        has_targets,
        has_previous,
        columns,
        kinds,
    }
}

pub(super) fn year(env: &Env, here: &PagePath, y: usize) -> tera::TeraResult<Context> {
    #[derive(Serialize)]
    struct YearPage {
        overview: YearOverview,
        #[serde(flatten)]
        table: IndicatorTable,
        chapters: Vec<Chapter>,
        previous: Option<Link>,
        next: Option<Link>,
        /// The year's whole report on one page, to print.
        print_href: String,
    }
    let site = env.site;
    let year = &site.years[y];
    let page = YearPage {
        overview: year_overview(env, here, y),
        table: indicator_table(env, here, y),
        chapters: chapters(env, here, y),
        previous: y.checked_sub(1).map(|p| env.link(here, Target::Year(p))),
        next: (y + 1 < site.years.len()).then(|| env.link(here, Target::Year(y + 1))),
        print_href: here.href_to(&env.path(PageKind::Print(y)), None),
    };
    let base = env.base(
        PageKind::Year(y),
        env.tx(&year.report.title),
        vec![home_crumb(env, here)],
        year.report.published,
    );
    with_page(&base, &page)
}

/// What a case's page shows of it.
#[derive(Serialize)]
pub(super) struct CasePage {
    pub case_number: Option<Tx>,
    pub ip_type: &'static str,
    pub procedure: &'static str,
    pub authority: Option<Link>,
    pub decided: Option<String>,
    pub year: Link,
    pub html: String,
    pub measures: Vec<Link>,
    pub departments: Vec<Link>,
    pub indicators: Vec<Link>,
    pub cited_by: Vec<CiteGroup>,
}

/// A case as its page shows it; `cited_by`: with what cites it.
pub(super) fn case_page(
    env: &Env,
    here: &PagePath,
    y: usize,
    index: usize,
    cited_by: bool,
) -> CasePage {
    let c = &env.site.years[y].cases[index];
    CasePage {
        case_number: env.tx_opt(c.case_number.as_ref()),
        ip_type: env.label(&format!("ip_{}", c.ip_type.name())),
        procedure: env.label(&format!("proc_{}", c.procedure.name())),
        authority: c
            .authority
            .as_ref()
            .and_then(|a| env.links(here, std::slice::from_ref(a)).pop()),
        decided: c.decided.map(|d| env.date(d)),
        year: env.link(here, Target::Year(y)),
        html: env.markdown(&c.item.body, here),
        measures: env.links(here, &c.measures),
        departments: env.links(here, &c.departments),
        indicators: env.links(here, &c.indicators),
        cited_by: if cited_by {
            env.cited_by(here, Target::Case { year: y, index }, &[])
        } else {
            Vec::new()
        },
    }
}

pub(super) fn case(
    env: &Env,
    here: &PagePath,
    y: usize,
    index: usize,
) -> tera::TeraResult<Context> {
    let year = &env.site.years[y];
    let page = case_page(env, here, y, index, true);
    let base = env.base(
        PageKind::Case { year: y, index },
        env.tx(&year.cases[index].item.title),
        vec![home_crumb(env, here), year_crumb(env, here, y)],
        year.report.published,
    );
    with_page(&base, &page)
}

/// One of the ten events.
#[derive(Serialize)]
pub(super) struct EventItem {
    pub rank: usize,
    pub rank_label: String,
    pub title: Tx,
    pub date: Option<String>,
    pub html: Option<String>,
    pub measures: Vec<Link>,
    pub departments: Vec<Link>,
    pub cited_by: Vec<CiteGroup>,
}

/// The year's ten events; `cited_by`: each with what cites it.
pub(super) fn event_items(env: &Env, here: &PagePath, y: usize, cited_by: bool) -> Vec<EventItem> {
    env.site.years[y]
        .events
        .iter()
        .flatten()
        .enumerate()
        .map(|(index, e)| EventItem {
            rank: index + 1,
            rank_label: env
                .label("event_rank")
                .replace("{n}", &(index + 1).to_string()),
            title: env.tx(&e.title),
            date: e.date.map(|d| env.date(d)),
            html: env.md_text(e.summary.as_ref(), here),
            measures: env.links(here, &e.measures),
            departments: env.links(here, &e.departments),
            cited_by: if cited_by {
                env.cited_by(here, Target::Event { year: y, index }, &[])
            } else {
                Vec::new()
            },
        })
        .collect()
}

pub(super) fn events(env: &Env, here: &PagePath, y: usize) -> tera::TeraResult<Context> {
    let year = &env.site.years[y];
    let items = event_items(env, here, y, true);
    let title = if env.is_chinese() {
        format!("{}年{}", year.year, env.label("events"))
    } else {
        format!("{} {}", env.label("events"), year.year)
    };
    let base = env.base(
        PageKind::Events(y),
        Tx::plain(title),
        vec![home_crumb(env, here), year_crumb(env, here, y)],
        year.report.published,
    );
    with_page(
        &base,
        &serde_json::json!({ "events": items, "year": year.year }),
    )
}

/// One entry of the issue list.
#[derive(Serialize)]
pub(super) struct IssueEntry {
    pub id: String,
    pub title: Tx,
    pub status: &'static str,
    pub status_label: &'static str,
    pub due: Option<String>,
    pub source: Option<Tx>,
    pub responsible: Vec<Link>,
    pub description: Option<String>,
    pub actions: Option<String>,
    pub measures: Vec<Link>,
    pub follows: Option<Link>,
    pub followed_by: Vec<Link>,
    pub cited_by: Vec<CiteGroup>,
}

/// The year's issue list; `cited_by`: each issue with what cites it and follows it up.
pub(super) fn issue_entries(
    env: &Env,
    here: &PagePath,
    y: usize,
    cited_by: bool,
) -> Vec<IssueEntry> {
    env.site.years[y]
        .issues
        .iter()
        .flatten()
        .enumerate()
        .map(|(index, i)| {
            let target = Target::Issue { year: y, index };
            let (followed_by, cited_by) = if cited_by {
                let followed_by = env
                    .citations
                    .of(target)
                    .iter()
                    .filter(|c| c.via == Via::Follows)
                    .map(|c| env.link(here, c.from.target()))
                    .collect();
                (followed_by, env.cited_by(here, target, &[Via::Follows]))
            } else {
                (Vec::new(), Vec::new())
            };
            IssueEntry {
                id: i.id.value.clone(),
                title: env.tx(&i.title),
                status: i.status.name(),
                status_label: status_label(env, i.status),
                due: i.due.map(|d| env.date(d)),
                source: env.tx_opt(i.source.as_ref()),
                responsible: env.links(here, &i.responsible),
                description: env.md_text(i.description.as_ref(), here),
                actions: env.md_text(i.actions.as_ref(), here),
                measures: env.links(here, &i.measures),
                follows: i
                    .follows
                    .as_ref()
                    .and_then(|f| f.target)
                    .map(|t| env.link(here, t)),
                followed_by,
                cited_by,
            }
        })
        .collect()
}

pub(super) fn issues(env: &Env, here: &PagePath, y: usize) -> tera::TeraResult<Context> {
    let year = &env.site.years[y];
    let items = issue_entries(env, here, y, true);
    let title = if env.is_chinese() {
        format!("{}年{}", year.year, env.label("issues"))
    } else {
        format!("{} {}", env.label("issues"), year.year)
    };
    let base = env.base(
        PageKind::Issues(y),
        Tx::plain(title),
        vec![home_crumb(env, here), year_crumb(env, here, y)],
        year.report.published,
    );
    with_page(
        &base,
        &serde_json::json!({ "issues": items, "year": year.year }),
    )
}
