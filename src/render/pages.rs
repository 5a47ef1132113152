//! The template context of each kind of page.

use serde::Serialize;
use tera::Context;

use super::deps::Dep;
use super::links::{CiteGroup, Link};
use super::paths::{PagePath, measure_anchor};
use super::progress::{IndicatorGroup, IndicatorRow};
use super::text::Tx;
use super::{Env, PageKind};
use crate::model::{Direction, IndicatorKind, IssueStatus, Target};
use crate::resolve::{Owner, Via};

/// Records what a page of this kind shows beyond the links it renders (those record
/// themselves): its own item, the tables that read every year and plan, the dates it shows.
fn static_deps(env: &Env, kind: PageKind) {
    let site = env.site;
    let add = |d: Dep| env.recorder.add(d);
    let year = |y: usize| site.years[y].year;
    let latest = || {
        if let Some(y) = site.latest_year() {
            add(Dep::Report(y.year));
        }
    };
    add(Dep::Site);
    match kind {
        PageKind::Home | PageKind::Year(_) | PageKind::Indicators => {
            add(Dep::AnyReport);
            add(Dep::AnyDocument);
            add(Dep::Indicators);
        }
        PageKind::Indicator(_) => {
            add(Dep::AnyReport);
            add(Dep::AnyDocument);
            add(Dep::Indicators);
            add(Dep::CitedBy(Box::new(Dep::Indicators)));
        }
        PageKind::Case { year: y, index } => {
            add(Dep::Case(
                year(y),
                site.years[y].cases[index].item.id.value.clone(),
            ));
            add(Dep::Report(year(y)));
        }
        PageKind::Events(y) => {
            add(Dep::Events(year(y)));
            add(Dep::Report(year(y)));
        }
        PageKind::Issues(y) => {
            add(Dep::Issues(year(y)));
            add(Dep::Report(year(y)));
        }
        PageKind::Documents => {
            add(Dep::AnyDocument);
            latest();
        }
        PageKind::Document(d) => {
            add(Dep::Document(site.documents[d].id.value.clone()));
            add(Dep::Indicators);
        }
        PageKind::Departments => {
            add(Dep::Departments);
            latest();
        }
        PageKind::Department(_) => {
            add(Dep::Departments);
            add(Dep::CitedBy(Box::new(Dep::Departments)));
            latest();
        }
        PageKind::Page(p) => {
            add(Dep::Page(site.pages[p].item.id.value.clone()));
            latest();
        }
        PageKind::NotFound | PageKind::Search => {}
    }
}

/// Builds the context for one page.
pub fn context(env: &Env, kind: PageKind) -> tera::TeraResult<Context> {
    static_deps(env, kind);
    let here = env.path(kind);
    let mut ctx = match kind {
        PageKind::Home => home(env, &here),
        PageKind::Year(y) => year(env, &here, y),
        PageKind::Case { year, index } => case(env, &here, year, index),
        PageKind::Events(y) => events(env, &here, y),
        PageKind::Issues(y) => issues(env, &here, y),
        PageKind::Indicators => indicators(env, &here),
        PageKind::Indicator(i) => indicator(env, &here, i),
        PageKind::Documents => documents(env, &here),
        PageKind::Document(d) => document(env, &here, d),
        PageKind::Departments => departments(env, &here),
        PageKind::Department(d) => department(env, &here, d),
        PageKind::Page(p) => free_page(env, &here, p),
        PageKind::NotFound => {
            let base = env.base(
                kind,
                Tx::plain(env.label("not_found_title")),
                Vec::new(),
                None,
            );
            Context::from_serialize(&base)
        }
        PageKind::Search => {
            let base = env.base(
                kind,
                Tx::plain(env.label("search")),
                vec![home_crumb(env, &here)],
                None,
            );
            Context::from_serialize(&base)
        }
    }?;
    for (key, value) in env.constants {
        ctx.insert_value(*key, value.clone());
    }
    Ok(ctx)
}

fn with_page<P: Serialize>(base: &super::base::Base, page: &P) -> tera::TeraResult<Context> {
    let mut ctx = Context::from_serialize(base)?;
    ctx.insert("page", page);
    Ok(ctx)
}

fn crumb(env: &Env, here: &PagePath, title: Tx, to: PageKind) -> Link {
    Link {
        title,
        href: here.href_to(&env.path(to), None),
    }
}

fn home_crumb(env: &Env, here: &PagePath) -> Link {
    crumb(env, here, Tx::plain(env.label("home")), PageKind::Home)
}

fn year_crumb(env: &Env, here: &PagePath, y: usize) -> Link {
    crumb(
        env,
        here,
        env.tx(&env.site.years[y].report.title),
        PageKind::Year(y),
    )
}

#[derive(Serialize)]
struct YearLink {
    year: i32,
    title: Tx,
    href: String,
    published: Option<String>,
}

#[derive(Serialize)]
struct CaseSummary {
    title: Tx,
    href: String,
    case_number: Option<Tx>,
    ip_type: &'static str,
    procedure: &'static str,
}

#[derive(Serialize)]
struct EventSummary {
    rank: usize,
    title: Tx,
    href: String,
    date: Option<String>,
}

#[derive(Serialize)]
struct IssueSummary {
    title: Tx,
    href: String,
    status: &'static str,
    status_label: &'static str,
}

/// Links to the parts of a year, shared by the home and year pages.
#[derive(Serialize)]
struct YearOverview {
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

fn status_label(env: &Env, status: IssueStatus) -> &'static str {
    env.label(&format!("status_{}", status.name()))
}

fn year_overview(env: &Env, here: &PagePath, y: usize) -> YearOverview {
    let year = &env.site.years[y];
    for c in &year.cases {
        env.recorder
            .add(Dep::Case(year.year, c.item.id.value.clone()));
    }
    env.recorder.add(Dep::Events(year.year));
    env.recorder.add(Dep::Issues(year.year));
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

fn home(env: &Env, here: &PagePath) -> tera::TeraResult<Context> {
    #[derive(Serialize)]
    struct Home {
        latest: Option<YearOverview>,
        key_figures: Vec<IndicatorRow>,
        years: Vec<YearLink>,
        indicators_href: String,
    }
    let site = env.site;
    let latest = site.years.len().checked_sub(1);
    let key_figures = latest
        .map(|y| {
            env.indicator_groups(here, y, true)
                .into_iter()
                .flat_map(|g| g.rows)
                .take(8)
                .collect()
        })
        .unwrap_or_default();
    let years = site
        .years
        .iter()
        .enumerate()
        .rev()
        .map(|(y, year)| YearLink {
            year: year.year,
            title: env.tx(&year.report.title),
            href: here.href_to(&env.path(PageKind::Year(y)), None),
            published: year.report.published.map(|d| env.date(d)),
        })
        .collect();
    let page = Home {
        latest: latest.map(|y| year_overview(env, here, y)),
        key_figures,
        years,
        indicators_href: here.href_to(&env.path(PageKind::Indicators), None),
    };
    let published = site.latest_year().and_then(|y| y.report.published);
    let base = env.base(PageKind::Home, Tx::default(), Vec::new(), published);
    with_page(&base, &page)
}

fn year(env: &Env, here: &PagePath, y: usize) -> tera::TeraResult<Context> {
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
    for a in &year.achievements {
        env.recorder
            .add(Dep::Achievement(year.year, a.item.id.value.clone()));
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

fn case(env: &Env, here: &PagePath, y: usize, index: usize) -> tera::TeraResult<Context> {
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
            .and_then(|a| a.target)
            .map(|t| env.link(here, t)),
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

fn events(env: &Env, here: &PagePath, y: usize) -> tera::TeraResult<Context> {
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

fn issues(env: &Env, here: &PagePath, y: usize) -> tera::TeraResult<Context> {
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

fn kind_label(env: &Env, kind: IndicatorKind) -> &'static str {
    env.label(match kind {
        IndicatorKind::Expected => "kind_expected",
        IndicatorKind::Binding => "kind_binding",
    })
}

fn latest_published(env: &Env) -> Option<jiff::civil::Date> {
    env.site.latest_year().and_then(|y| y.report.published)
}

fn indicators(env: &Env, here: &PagePath) -> tera::TeraResult<Context> {
    #[derive(Serialize)]
    struct Row {
        id: String,
        name: Tx,
        href: String,
        unit: Tx,
        kind_label: &'static str,
        values: Vec<String>,
        targets: Vec<String>,
        sparkline: String,
    }
    #[derive(Serialize)]
    struct Group {
        name: Option<Tx>,
        rows: Vec<Row>,
    }
    let site = env.site;
    let years: Vec<i32> = site.years.iter().map(|y| y.year).collect();
    let mut groups: Vec<Group> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for (i, ind) in site.indicators.iter().enumerate() {
        let chinese = env.is_chinese();
        let row = Row {
            id: ind.id.value.clone(),
            name: env.tx(&ind.name),
            href: here.href_to(&env.path(PageKind::Indicator(i)), None),
            unit: env.tx(&ind.unit),
            kind_label: kind_label(env, ind.kind),
            values: site
                .years
                .iter()
                .map(|y| {
                    y.value(i)
                        .map(|v| super::number::format_bare(ind, v, env.lang, chinese))
                        .unwrap_or_else(|| env.label("no_value").to_string())
                })
                .collect(),
            targets: site
                .documents
                .iter()
                .flat_map(|d| d.targets.iter())
                .filter(|t| t.indicator.target == Some(Target::Indicator(i)))
                .map(|t| {
                    format!(
                        "{} {} ({})",
                        t.op.symbol(),
                        super::number::format_bare(ind, t.value, env.lang, chinese),
                        t.year
                    )
                })
                .collect(),
            sparkline: super::chart::sparkline(
                &site
                    .years
                    .iter()
                    .filter_map(|y| y.value(i))
                    .collect::<Vec<_>>(),
            ),
        };
        let key = ind
            .group
            .as_ref()
            .map(|g| g.or_empty(crate::model::LangId::DEFAULT).to_string())
            .unwrap_or_default();
        match keys.iter().position(|k| *k == key) {
            Some(g) => groups[g].rows.push(row),
            None => {
                keys.push(key);
                groups.push(Group {
                    name: env.tx_opt(ind.group.as_ref()),
                    rows: vec![row],
                });
            }
        }
    }
    let base = env.base(
        PageKind::Indicators,
        Tx::plain(env.label("indicators")),
        vec![home_crumb(env, here)],
        latest_published(env),
    );
    with_page(
        &base,
        &serde_json::json!({
            "years": years,
            "groups": groups,
            "data_csv": here.href_to_file("data/indicators.csv"),
            "data_json": here.href_to_file("data/indicators.json"),
        }),
    )
}

fn indicator(env: &Env, here: &PagePath, i: usize) -> tera::TeraResult<Context> {
    #[derive(Serialize)]
    struct ValueRow {
        year: i32,
        anchor: String,
        year_href: String,
        row: IndicatorRow,
    }
    #[derive(Serialize)]
    struct TargetRow {
        anchor: String,
        plan: Link,
        year: i32,
        op: &'static str,
        value: String,
    }
    #[derive(Serialize)]
    struct IndicatorPage {
        id: String,
        description: Option<String>,
        unit: Tx,
        kind_label: &'static str,
        direction_label: &'static str,
        group: Option<Tx>,
        values: Vec<ValueRow>,
        targets: Vec<TargetRow>,
        cited_by: Vec<CiteGroup>,
        data_csv: String,
        data_json: String,
        chart: String,
    }
    let site = env.site;
    let ind = &site.indicators[i];
    let values = site
        .years
        .iter()
        .enumerate()
        .filter(|(_, y)| y.value(i).is_some())
        .map(|(y, year)| ValueRow {
            year: year.year,
            anchor: format!("y{}", year.year),
            year_href: here.href_to(&env.path(PageKind::Year(y)), None),
            row: env.indicator_row(here, i, y),
        })
        .collect();
    let targets = site
        .documents
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| doc.targets.iter().map(move |t| (d, doc, t)))
        .filter(|(_, _, t)| t.indicator.target == Some(Target::Indicator(i)))
        .map(|(d, doc, t)| TargetRow {
            anchor: format!("target-{}-{}", doc.id.value, t.year),
            plan: env.link(here, Target::Document(d)),
            year: t.year,
            op: t.op.symbol(),
            value: env.value(i, t.value),
        })
        .collect();
    // Quotes of the value in any year belong on this page too.
    let quotes = site.years.iter().enumerate().flat_map(|(y, _)| {
        env.citations
            .of(Target::IndicatorValue {
                indicator: i,
                year: y,
            })
            .iter()
    });
    let cited_by = env.cite_groups(
        here,
        env.citations.of(Target::Indicator(i)).iter().chain(quotes),
        |c| c.via != Via::Targets,
    );
    let page = IndicatorPage {
        id: ind.id.value.clone(),
        description: env.md_text(ind.description.as_ref(), here),
        unit: env.tx(&ind.unit),
        kind_label: kind_label(env, ind.kind),
        direction_label: env.label(match ind.direction {
            Direction::Up => "direction_up",
            Direction::Down => "direction_down",
        }),
        group: env.tx_opt(ind.group.as_ref()),
        values,
        targets,
        cited_by,
        data_csv: here.href_to_file("data/indicators.csv"),
        data_json: here.href_to_file("data/indicators.json"),
        chart: indicator_chart(env, i),
    };
    let base = env.base(
        PageKind::Indicator(i),
        env.tx(&ind.name),
        vec![
            home_crumb(env, here),
            crumb(
                env,
                here,
                Tx::plain(env.label("indicators")),
                PageKind::Indicators,
            ),
        ],
        latest_published(env),
    );
    with_page(&base, &page)
}

/// The chart of an indicator's values by year, with the target that applies to the latest
/// year, and a description that says in words what it shows.
fn indicator_chart(env: &Env, i: usize) -> String {
    let site = env.site;
    let ind = &site.indicators[i];
    let chinese = env.is_chinese();
    let points: Vec<(i32, f64)> = site
        .years
        .iter()
        .filter_map(|y| y.value(i).map(|v| (y.year, v)))
        .collect();
    if points.is_empty() {
        return String::new();
    }
    let latest = points.last().map_or(0, |p| p.0);
    let format = |v: f64| super::number::format_bare(ind, v, env.lang, chinese);
    let target = env.target_for(i, latest).map(|p| {
        (
            p.target.year,
            p.target.value,
            format!("{} {}", p.target.op.symbol(), format(p.target.value)),
        )
    });
    let name = env.plain(&ind.name);
    let unit = env.plain(&ind.unit);
    let listed: Vec<String> = points
        .iter()
        .map(|&(y, v)| {
            if chinese {
                format!("{y}年{}", env.value(i, v))
            } else {
                format!("{y}: {}", env.value(i, v))
            }
        })
        .collect();
    let mut description = if chinese {
        format!("{name}历年数值：{}。", listed.join("，"))
    } else {
        format!("{name} by year: {}.", listed.join("; "))
    };
    if let Some((y, v, _)) = &target {
        let value = env.value(i, *v);
        description.push_str(&if chinese {
            format!("目标：{y}年{value}。")
        } else {
            format!(" Target for {y}: {value}.")
        });
    }
    super::chart::line_chart(
        &format!("chart-{}", ind.id.value),
        &super::chart::Series {
            points,
            target,
            format: &format,
        },
        &super::chart::ChartText {
            title: name,
            description: &description,
            value_axis: unit,
            year_axis: env.label("year"),
            target: env.label("target"),
            colon: env.label("colon"),
        },
    )
}

#[derive(Serialize)]
struct DocumentSummary {
    title: Tx,
    href: String,
    kind_label: &'static str,
    number: Option<String>,
    date: Option<String>,
}

fn documents(env: &Env, here: &PagePath) -> tera::TeraResult<Context> {
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

fn document(env: &Env, here: &PagePath, d: usize) -> tera::TeraResult<Context> {
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

fn departments(env: &Env, here: &PagePath) -> tera::TeraResult<Context> {
    let list: Vec<Link> = (0..env.site.departments.len())
        .map(|d| env.link(here, Target::Department(d)))
        .collect();
    let base = env.base(
        PageKind::Departments,
        Tx::plain(env.label("all_departments")),
        vec![home_crumb(env, here)],
        latest_published(env),
    );
    with_page(&base, &serde_json::json!({ "departments": list }))
}

fn department(env: &Env, here: &PagePath, d: usize) -> tera::TeraResult<Context> {
    #[derive(Serialize)]
    struct Led {
        document: Link,
        measures: Vec<Link>,
    }
    #[derive(Serialize)]
    struct DepartmentPage {
        full: Option<Tx>,
        url: Option<String>,
        led: Vec<Led>,
        cited_by: Vec<CiteGroup>,
    }
    let dept = &env.site.departments[d];
    let citations = env.citations.of(Target::Department(d));
    let mut led: Vec<Led> = Vec::new();
    for c in citations.iter().filter(|c| c.via == Via::Lead) {
        if let Owner::Measure { doc, measure } = c.from {
            let link = env.link(here, Target::Measure { doc, measure });
            let link = match &env.site.documents[doc].measures[measure].title {
                Some(t) => {
                    let t = env.tx(t);
                    Link {
                        title: Tx::with_html(
                            format!("{} {}", link.title.text, t.text),
                            format!("{} {}", link.title.html, t.html),
                        ),
                        href: link.href,
                    }
                }
                None => link,
            };
            let doc_link = env.link(here, Target::Document(doc));
            match led.last_mut() {
                Some(l) if l.document.href == doc_link.href => l.measures.push(link),
                _ => led.push(Led {
                    document: doc_link,
                    measures: vec![link],
                }),
            }
        }
    }
    let page = DepartmentPage {
        full: env.tx_opt(dept.full.as_ref()),
        url: dept.url.clone(),
        led,
        cited_by: env.cite_groups(here, citations, |c| c.via != Via::Lead),
    };
    let base = env.base(
        PageKind::Department(d),
        env.tx(&dept.name),
        vec![
            home_crumb(env, here),
            crumb(
                env,
                here,
                Tx::plain(env.label("all_departments")),
                PageKind::Departments,
            ),
        ],
        latest_published(env),
    );
    with_page(&base, &page)
}

fn free_page(env: &Env, here: &PagePath, p: usize) -> tera::TeraResult<Context> {
    let page = &env.site.pages[p];
    let html = env.markdown(&page.item.body, here);
    let base = env.base(
        PageKind::Page(p),
        env.tx(&page.item.title),
        vec![home_crumb(env, here)],
        latest_published(env),
    );
    with_page(&base, &serde_json::json!({ "html": html }))
}
