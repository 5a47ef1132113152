//! A year's indicator values in the sign-off report: each as the site's pages show it (the
//! same row builder, [`Env::indicator_row`], so the report cannot disagree with the site),
//! the line it is written on, and every plan target that applies to the year with how the
//! value stands against it (the pages' own judgement, [`Env::progress_status`]).

use super::Place;
use super::default_text;
use crate::model::{LangId, Site};
use crate::render::{Env, PageKind};
use crate::resolve::{Citations, LinkTargets};
use crate::source::SourceMap;

/// One indicator in one year.
#[derive(Clone, Debug)]
pub struct ValueRow {
    pub indicator: String,
    /// In the default language.
    pub name: String,
    /// The value with its unit as each language shows it, the default language first;
    /// empty when the year has no value (a target still applies).
    pub shown: Vec<String>,
    /// Where the value is written.
    pub at: Option<Place>,
    /// A preliminary figure (初步统计).
    pub provisional: bool,
    /// `source:` of the value, in the default language.
    pub source: Option<String>,
    /// The previous year's value with its unit.
    pub previous: Option<String>,
    /// The change as the year's table shows it: `+6000 (+17.1%)`, `+7.0个百分点`.
    pub change: Option<String>,
    pub targets: Vec<TargetRow>,
}

/// A plan target that applies to the year, and where the value stands against it.
#[derive(Clone, Debug)]
pub struct TargetRow {
    /// The plan's short name (`《行动计划》`), or its title.
    pub plan: String,
    /// The target's year.
    pub year: i32,
    /// `≥50000件`, `年均增长5%`.
    pub target: String,
    pub status: Status,
    /// Where the target is written.
    pub at: Place,
}

/// Where a value stands against a target (the labels are the site's own).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// The target's year has come and the value meets it, or it is met early.
    Achieved,
    /// The target's year has come and the value falls short.
    Missed,
    OnTrack,
    Behind,
    /// No value this year, or nothing to judge the path by (no baseline).
    NoData,
}

impl Status {
    /// From [`Env::progress_status`]'s class names.
    fn of(class: Option<&str>) -> Status {
        match class {
            Some("achieved") => Status::Achieved,
            Some("missed") => Status::Missed,
            Some("on-track") => Status::OnTrack,
            Some("behind") => Status::Behind,
            _ => Status::NoData,
        }
    }

    /// The class name, for styling.
    pub fn class(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::Missed => "missed",
            Status::OnTrack => "on-track",
            Status::Behind => "behind",
            Status::NoData => "no-data",
        }
    }

    /// The label in both languages, as the site's tables say it.
    pub fn label(self) -> (&'static str, &'static str) {
        let key = match self {
            Status::Achieved => "status_achieved",
            Status::Missed => "status_missed",
            Status::OnTrack => "status_on_track",
            Status::Behind => "status_behind",
            Status::NoData => return ("无数据", "no data"),
        };
        let get = |code: &str| crate::render::ui::labels(code).get(key).copied();
        (get("zh").unwrap_or(""), get("en").unwrap_or(""))
    }
}

/// What the site's formatting needs besides the model: the labels of each language. The
/// report shows no links and no "cited by" lists, so citations and link targets are empty.
struct Views {
    labels: Vec<crate::render::ui::Ui>,
    citations: Citations,
    links: LinkTargets,
}

impl Views {
    fn new(site: &Site) -> Views {
        Views {
            labels: site
                .languages
                .iter()
                .map(|(_, l)| crate::render::ui::labels(&l.code))
                .collect(),
            citations: Citations::default(),
            links: LinkTargets::default(),
        }
    }

    fn env<'a>(&'a self, site: &'a Site, lang: LangId) -> Env<'a> {
        Env {
            site,
            citations: &self.citations,
            lang,
            ui: &self.labels[lang.0],
            constants: &[],
            recorder: Default::default(),
            links: &self.links,
            // The report names each value's place itself, as text to print.
            proof: None,
        }
    }
}

/// Every indicator with a value in the year (an index into `site.years`) or a target that
/// applies to it, in the order of `indicators.yaml`.
pub fn rows(site: &Site, sources: &SourceMap, y: usize) -> Vec<ValueRow> {
    let views = Views::new(site);
    let envs: Vec<Env> = site.languages.ids().map(|l| views.env(site, l)).collect();
    let Some(main) = envs.first() else {
        return Vec::new();
    };
    let year = &site.years[y];
    let from = main.path(PageKind::Year(y));
    let mut rows = Vec::new();
    for i in 0..site.indicators.len() {
        let targets = targets(main, sources, i, y);
        let value = year.value(i);
        if value.is_none() && targets.is_empty() {
            continue;
        }
        let row = main.indicator_row(&from, i, y);
        let entry = year.value_entry(i);
        let shown = match value {
            Some(v) => envs.iter().map(|env| env.value(i, v)).collect(),
            None => Vec::new(),
        };
        rows.push(ValueRow {
            indicator: row.id,
            name: row.name.text,
            shown: dedup(shown),
            at: entry.map(|e| Place::of(sources, e.span)),
            provisional: row.provisional,
            source: entry
                .and_then(|e| e.source.as_ref())
                .map(|s| default_text(s).to_string()),
            previous: main.value_in(i, year.year - 1).map(|p| main.value(i, p)),
            change: row.change,
            targets,
        });
    }
    rows
}

/// The targets for indicator `i` in force in the year, with their status: those of the
/// plans covering the year whose target year is not past.
fn targets(env: &Env, sources: &SourceMap, i: usize, y: usize) -> Vec<TargetRow> {
    let site = env.site;
    let year = site.years[y].year;
    let value = site.years[y].value(i);
    let mut rows: Vec<TargetRow> = env
        .targets_covering(i, year)
        .map(|plan| {
            let doc = &site.documents[plan.doc];
            let status = match value {
                Some(v) => Status::of(env.progress_status(i, &plan, year, v)),
                None => Status::NoData,
            };
            TargetRow {
                plan: default_text(doc.short.as_ref().unwrap_or(&doc.title)).to_string(),
                year: plan.target.year,
                target: format!(
                    "{}{}",
                    plan.target.op.symbol(),
                    env.target_text(i, plan.target)
                ),
                status,
                at: Place::of(sources, plan.target.span),
            }
        })
        .collect();
    rows.sort_by(|a, b| (a.year, &a.at).cmp(&(b.year, &b.at)));
    rows
}

/// The value as each language shows it, each form once (`62%` is `62%` in every language).
fn dedup(shown: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(shown.len());
    for s in shown {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_come_from_the_pages_classes() {
        assert_eq!(Status::of(Some("achieved")), Status::Achieved);
        assert_eq!(Status::of(Some("missed")), Status::Missed);
        assert_eq!(Status::of(Some("on-track")), Status::OnTrack);
        assert_eq!(Status::of(Some("behind")), Status::Behind);
        assert_eq!(Status::of(None), Status::NoData);
        assert_eq!(Status::OnTrack.label(), ("符合进度", "on track"));
        assert_eq!(Status::NoData.label(), ("无数据", "no data"));
    }

    /// The example site's 2024 values: every one is listed with the line it is written on,
    /// and each plan target that covers 2024 is judged.
    #[test]
    fn the_example_years_values_are_placed_and_judged() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let loaded = crate::load::load(root, &Default::default());
        let mut site = loaded.site.expect("the example site loads");
        let _ = crate::resolve::resolve(&mut site);
        let y = site.years.len() - 1;
        let rows = rows(&site, &loaded.sources, y);
        assert!(!rows.is_empty());
        for row in rows.iter().filter(|r| !r.shown.is_empty()) {
            let at = row.at.as_ref().expect("a value has a place");
            assert!(at.file.ends_with("report.yaml"), "{at:?}");
            assert!(at.line > 1);
        }
        assert!(rows.iter().any(|r| !r.targets.is_empty()));
    }
}
