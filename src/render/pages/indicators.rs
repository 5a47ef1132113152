//! The indicators index and each indicator's page with its chart.

use serde::Serialize;
use tera::Context;

use super::{crumb, home_crumb, latest_published, with_page};
use crate::model::{Direction, Target, TargetOp};
use crate::render::chart::ChartTarget;
use crate::render::links::{CiteGroup, Link};
use crate::render::paths::PagePath;
use crate::render::progress::{IndicatorRow, kind_name};
use crate::render::text::Tx;
use crate::render::{Env, PageKind};
use crate::resolve::Via;

#[derive(Serialize)]
struct Row {
    id: String,
    name: Tx,
    href: String,
    unit: Tx,
    kind: &'static str,
    kind_label: &'static str,
    values: Vec<String>,
    /// The proof view's mark of each value (see [`crate::render::proof`]; empty on built
    /// pages).
    value_marks: Vec<String>,
    targets: Vec<String>,
    sparkline: String,
}
#[derive(Serialize)]
struct Group {
    name: Option<Tx>,
    rows: Vec<Row>,
}

/// One indicator's row of the indicators index: its value in every year and its targets.
fn index_row(env: &Env, here: &PagePath, i: usize) -> Row {
    let site = env.site;
    let ind = &site.indicators[i];
    let chinese = env.is_chinese();
    Row {
        id: ind.id.value.clone(),
        name: env.tx(&ind.name),
        href: here.href_to(&env.path(PageKind::Indicator(i)), None),
        unit: env.tx(&ind.unit),
        kind: kind_name(ind.kind),
        kind_label: env.kind_label(ind.kind),
        values: site
            .years
            .iter()
            .map(|y| {
                y.value(i)
                    .map(|v| crate::render::number::format_bare(ind, v, env.lang, chinese))
                    .unwrap_or_else(|| env.label("no_value").to_string())
            })
            .collect(),
        value_marks: match env.proof {
            Some(_) => (0..site.years.len())
                .map(|y| env.proof_value(i, y))
                .collect(),
            None => Vec::new(),
        },
        targets: site
            .documents
            .iter()
            .flat_map(|d| d.targets.iter())
            .filter(|t| t.indicator.target == Some(Target::Indicator(i)))
            .map(|t| match t.op {
                crate::model::TargetOp::Growth => {
                    format!("{} ({})", env.target_text(i, t), t.year)
                }
                _ => format!(
                    "{} {} ({})",
                    t.op.symbol(),
                    crate::render::number::format_bare(ind, t.value, env.lang, chinese),
                    t.year
                ),
            })
            .collect(),
        sparkline: crate::render::chart::sparkline(
            &site
                .years
                .iter()
                .filter_map(|y| y.value(i))
                .collect::<Vec<_>>(),
        ),
    }
}

pub(super) fn indicators(env: &Env, here: &PagePath) -> tera::TeraResult<Context> {
    let site = env.site;
    let years: Vec<i32> = site.years.iter().map(|y| y.year).collect();
    let mut groups: Vec<Group> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for (i, ind) in site.indicators.iter().enumerate() {
        let row = index_row(env, here, i);
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
    let kinds = env.kind_column(site.indicators.iter().map(|i| i.kind));
    // Indicator, unit, a value per year, targets; kind.
    let columns = years.len() + 3 + usize::from(kinds.shown);
    with_page(
        &base,
        &serde_json::json!({
            "years": years,
            "groups": groups,
            "kinds": kinds,
            "columns": columns,
            "data_csv": here.href_to_file("data/indicators.csv"),
            "data_json": here.href_to_file("data/indicators.json"),
        }),
    )
}

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
    /// The proof view's mark (empty on built pages).
    proof: String,
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

pub(super) fn indicator(env: &Env, here: &PagePath, i: usize) -> tera::TeraResult<Context> {
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
            value: env.target_text(i, t),
            proof: env.proof_target(i, d, t),
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
        kind_label: env.kind_label(ind.kind),
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

/// Every target of every plan for indicator `i`, for its chart, and each in words for the
/// chart's description (`2025年≥60000件`, `≥ 60,000 by 2025`).
fn chart_targets(
    env: &Env,
    i: usize,
    format: &dyn Fn(f64) -> String,
) -> (Vec<ChartTarget>, Vec<String>) {
    let chinese = env.is_chinese();
    let mut targets: Vec<ChartTarget> = Vec::new();
    let mut described: Vec<String> = Vec::new();
    for (d, doc) in env.site.documents.iter().enumerate() {
        let mut own: Vec<&crate::model::PlanTarget> = doc
            .targets
            .iter()
            .filter(|t| t.indicator.target == Some(Target::Indicator(i)))
            .collect();
        own.sort_by_key(|t| t.year);
        // Each target's line starts where the plan's target before it ends, the first at the
        // plan's first year.
        let mut from = doc.period.map(|(from, _)| from);
        for t in own {
            let Some(level) = t.level().filter(|l| l.is_finite()) else {
                continue;
            };
            let (label, words) = match t.op {
                TargetOp::Growth => {
                    let rate = env.target_text(i, t);
                    let level = env.value(i, level);
                    let words = if chinese {
                        format!("{rate}（约{level}）")
                    } else {
                        format!("{rate} (about {level})")
                    };
                    (rate, words)
                }
                op => (
                    format!("{} {}", op.symbol(), format(t.value)),
                    if chinese {
                        format!("{}{}", op.symbol(), env.value(i, level))
                    } else {
                        format!("{} {}", op.symbol(), env.value(i, level))
                    },
                ),
            };
            described.push(if chinese {
                format!("{}年{words}", t.year)
            } else {
                format!("{words} by {}", t.year)
            });
            targets.push(ChartTarget {
                year: t.year,
                from,
                level,
                label,
                mark: env.proof_target(i, d, t),
            });
            from = Some(t.year);
        }
    }
    (targets, described)
}

/// The chart of an indicator's values by year, with every target every plan sets for it,
/// and a description that says in words what it shows.
pub(super) fn indicator_chart(env: &Env, i: usize) -> String {
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
    let marks: Vec<String> = match env.proof {
        Some(_) => (0..site.years.len())
            .filter(|&y| site.years[y].value(i).is_some())
            .map(|y| env.proof_value(i, y))
            .collect(),
        None => Vec::new(),
    };
    let format = |v: f64| crate::render::number::format_bare(ind, v, env.lang, chinese);
    let (targets, described) = chart_targets(env, i, &format);
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
    if !described.is_empty() {
        description.push_str(&if chinese {
            format!("目标：{}。", described.join("，"))
        } else if described.len() == 1 {
            format!(" Target: {}.", described.join("; "))
        } else {
            format!(" Targets: {}.", described.join("; "))
        });
    }
    crate::render::chart::line_chart(
        &format!("chart-{}", ind.id.value),
        &crate::render::chart::Series {
            points,
            targets,
            format: &format,
            marks,
        },
        &crate::render::chart::ChartText {
            title: name,
            description: &description,
            value_axis: unit,
            year_axis: env.label("year"),
            target: env.label("target"),
        },
    )
}
