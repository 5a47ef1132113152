//! The home page: the latest year's report, its key figures, and every year.

use serde::Serialize;
use tera::Context;

use super::overview::{YearOverview, year_overview};
use super::with_page;
use crate::render::paths::PagePath;
use crate::render::progress::IndicatorRow;
use crate::render::text::Tx;
use crate::render::{Env, PageKind};

#[derive(Serialize)]
struct YearLink {
    year: i32,
    title: Tx,
    href: String,
    published: Option<String>,
}

/// The key figures of the latest year: those its report.yaml or site.yaml lists under
/// `key_figures`, in that order; else the first eight of the year's table.
fn key_figures(env: &Env, here: &PagePath, y: usize) -> Vec<IndicatorRow> {
    let site = env.site;
    let chosen = [&site.years[y].report.key_figures, &site.config.key_figures]
        .into_iter()
        .find(|list| !list.is_empty());
    match chosen {
        Some(list) => list
            .iter()
            .filter_map(|r| match r.target {
                Some(crate::model::Target::Indicator(i)) => Some(env.indicator_row(here, i, y)),
                _ => None,
            })
            .collect(),
        None => env
            .indicator_groups(here, y, true)
            .into_iter()
            .flat_map(|g| g.rows)
            .take(8)
            .collect(),
    }
}

pub(super) fn home(env: &Env, here: &PagePath) -> tera::TeraResult<Context> {
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
        .map(|y| key_figures(env, here, y))
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
