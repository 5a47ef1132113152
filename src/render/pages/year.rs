//! A year's pages: the report, a case, the ten events, the issue list.

use serde::Serialize;
use tera::Context;

use super::overview::{YearOverview, status_label, year_overview};
use super::{home_crumb, with_page, year_crumb};
use crate::entity::EntityKey;
use crate::model::Target;
use crate::render::deps::Dep;
use crate::render::links::{CiteGroup, Link};
use crate::render::paths::PagePath;
use crate::render::progress::IndicatorGroup;
use crate::render::text::Tx;
use crate::render::{Env, PageKind};
use crate::resolve::Via;

pub(super) fn year(env: &Env, here: &PagePath, y: usize) -> tera::TeraResult<Context> {
    #[derive(Serialize)]
    struct Chapter {
        id: String,
        title: Tx,
        html: String,
        measures: Vec<Link>,
        departments: Vec<Link>,
        indicators: Vec<Link>,
    }
    #[derive(Serialize)]
    struct YearPage {
        overview: YearOverview,
        indicator_groups: Vec<IndicatorGroup>,
        has_targets: bool,
        /// Whether any indicator has a value the year before: else the 上年 and 增减
        /// columns would hold nothing but "—", and are left out.
        has_previous: bool,
        /// The table's number of columns (for a group's heading row).
        columns: usize,
        chapters: Vec<Chapter>,
        previous: Option<Link>,
        next: Option<Link>,
    }
    let site = env.site;
    let year = &site.years[y];
    let indicator_groups = env.indicator_groups(here, y, true);
    let has_targets = indicator_groups
        .iter()
        .any(|g| g.rows.iter().any(|r| r.target.is_some()));
    let has_previous = indicator_groups
        .iter()
        .any(|g| g.rows.iter().any(|r| r.previous.is_some()));
    // Indicator, value, unit and kind; previous and change; target, completion and progress.
    let columns = 4 + 2 * usize::from(has_previous) + 3 * usize::from(has_targets);
    for a in &year.achievements {
        env.recorder.add(Dep::Entity(EntityKey::Achievement(
            year.year,
            a.item.id.value.clone(),
        )));
    }
    let chapters = year
        .achievements
        .iter()
        .map(|a| Chapter {
            id: a.item.id.value.clone(),
            title: env.tx(&a.item.title),
            html: env.markdown(&a.item.body, here),
            measures: env.links(here, &a.measures),
            departments: env.links(here, &a.departments),
            indicators: env.links(here, &a.indicators),
        })
        .collect();
    let page = YearPage {
        overview: year_overview(env, here, y),
        indicator_groups,
        has_targets,
        has_previous,
        columns,
        chapters,
        previous: y.checked_sub(1).map(|p| env.link(here, Target::Year(p))),
        next: (y + 1 < site.years.len()).then(|| env.link(here, Target::Year(y + 1))),
    };
    let base = env.base(
        PageKind::Year(y),
        env.tx(&year.report.title),
        vec![home_crumb(env, here)],
        year.report.published,
    );
    with_page(&base, &page)
}

pub(super) fn case(
    env: &Env,
    here: &PagePath,
    y: usize,
    index: usize,
) -> tera::TeraResult<Context> {
    #[derive(Serialize)]
    struct CasePage {
        case_number: Option<Tx>,
        ip_type: &'static str,
        procedure: &'static str,
        authority: Option<Link>,
        decided: Option<String>,
        year: Link,
        html: String,
        measures: Vec<Link>,
        departments: Vec<Link>,
        indicators: Vec<Link>,
        cited_by: Vec<CiteGroup>,
    }
    let year = &env.site.years[y];
    let c = &year.cases[index];
    let page = CasePage {
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
        cited_by: env.cited_by(here, Target::Case { year: y, index }, &[]),
    };
    let base = env.base(
        PageKind::Case { year: y, index },
        env.tx(&c.item.title),
        vec![home_crumb(env, here), year_crumb(env, here, y)],
        year.report.published,
    );
    with_page(&base, &page)
}

pub(super) fn events(env: &Env, here: &PagePath, y: usize) -> tera::TeraResult<Context> {
    #[derive(Serialize)]
    struct EventItem {
        rank: usize,
        rank_label: String,
        title: Tx,
        date: Option<String>,
        html: Option<String>,
        measures: Vec<Link>,
        departments: Vec<Link>,
        cited_by: Vec<CiteGroup>,
    }
    let year = &env.site.years[y];
    let items: Vec<EventItem> = year
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
            cited_by: env.cited_by(here, Target::Event { year: y, index }, &[]),
        })
        .collect();
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

pub(super) fn issues(env: &Env, here: &PagePath, y: usize) -> tera::TeraResult<Context> {
    #[derive(Serialize)]
    struct IssueEntry {
        id: String,
        title: Tx,
        status: &'static str,
        status_label: &'static str,
        due: Option<String>,
        source: Option<Tx>,
        responsible: Vec<Link>,
        description: Option<String>,
        actions: Option<String>,
        measures: Vec<Link>,
        follows: Option<Link>,
        followed_by: Vec<Link>,
        cited_by: Vec<CiteGroup>,
    }
    let year = &env.site.years[y];
    let items: Vec<IssueEntry> = year
        .issues
        .iter()
        .flatten()
        .enumerate()
        .map(|(index, i)| {
            let target = Target::Issue { year: y, index };
            let followed_by = env
                .citations
                .of(target)
                .iter()
                .filter(|c| c.via == Via::Follows)
                .map(|c| env.link(here, c.from.target()))
                .collect();
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
                cited_by: env.cited_by(here, target, &[Via::Follows]),
            }
        })
        .collect();
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
