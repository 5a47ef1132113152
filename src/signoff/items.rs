//! A year's items as the report names and counts them: how many cases, events and issues
//! (and how many of those are rectified), and a one-line name for any item of the site.

use std::collections::BTreeSet;

use super::default_text;
use crate::model::walk::TextOwner;
use crate::model::{IssueStatus, Owner, Reference, Site, Target, Year};

/// The figures a leader reads first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counts {
    pub achievements: usize,
    pub cases: usize,
    /// `None`: the year has no `events.yaml`.
    pub events: Option<usize>,
    /// `None`: the year has no `issues.yaml`.
    pub issues: Option<IssueCounts>,
    /// Distinct measures named in the `measures:` lists of the year's items.
    pub measures: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssueCounts {
    pub total: usize,
    /// `status: resolved` (已整改).
    pub resolved: usize,
    pub in_progress: usize,
    pub open: usize,
}

pub fn counts(year: &Year) -> Counts {
    let issues = year.issues.as_ref().map(|issues| {
        let with = |status: IssueStatus| issues.iter().filter(|i| i.status == status).count();
        IssueCounts {
            total: issues.len(),
            resolved: with(IssueStatus::Resolved),
            in_progress: with(IssueStatus::InProgress),
            open: with(IssueStatus::Open),
        }
    });
    let lists = year
        .achievements
        .iter()
        .map(|a| &a.measures)
        .chain(year.cases.iter().map(|c| &c.measures))
        .chain(year.events.iter().flatten().map(|e| &e.measures))
        .chain(year.issues.iter().flatten().map(|i| &i.measures));
    let measures: BTreeSet<Target> = lists
        .flat_map(|list: &Vec<Reference>| list.iter().filter_map(|r| r.target))
        .filter(|t| matches!(t, Target::Measure { .. }))
        .collect();
    Counts {
        achievements: year.achievements.len(),
        cases: year.cases.len(),
        events: year.events.as_ref().map(Vec::len),
        issues,
        measures: measures.len(),
    }
}

/// `典型案例 Case 2024/patent-mediation 专利纠纷调解案`: the kind of item in both languages,
/// its address as `@` links write it, and its title in the default language.
pub fn describe(site: &Site, item: TextOwner) -> String {
    let (kind, address, title) = match item {
        TextOwner::Settings => ("站点设置 Site settings", String::new(), ""),
        TextOwner::Department(d) => {
            let dept = &site.departments[d];
            (
                "部门 Department",
                dept.id.value.clone(),
                default_text(&dept.name),
            )
        }
        TextOwner::Item(owner) => describe_owner(site, owner),
    };
    [kind, address.as_str(), title]
        .iter()
        .filter(|part| !part.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

fn describe_owner(site: &Site, owner: Owner) -> (&'static str, String, &str) {
    let year_of = |y: usize| &site.years[y];
    match owner {
        Owner::Report(y) => (
            "年度报告 Report",
            year_of(y).year.to_string(),
            default_text(&year_of(y).report.title),
        ),
        Owner::Achievement { year, index } => {
            let item = &year_of(year).achievements[index].item;
            let address = format!("{}/{}", year_of(year).year, item.id.value);
            (
                "主要做法和成效 Achievement",
                address,
                default_text(&item.title),
            )
        }
        Owner::Case { year, index } => {
            let item = &year_of(year).cases[index].item;
            let address = format!("{}/{}", year_of(year).year, item.id.value);
            ("典型案例 Case", address, default_text(&item.title))
        }
        Owner::Event { year, index } => {
            let title = year_of(year)
                .events
                .as_ref()
                .and_then(|events| events.get(index))
                .map_or("", |e| default_text(&e.title));
            let address = format!("{}/{}", year_of(year).year, index + 1);
            ("十大事件 Event", address, title)
        }
        Owner::Issue { year, index } => {
            let issue = year_of(year).issues.as_ref().and_then(|i| i.get(index));
            let address = format!(
                "{}/{}",
                year_of(year).year,
                issue.map_or("", |i| i.id.value.as_str())
            );
            (
                "问题清单 Issue",
                address,
                issue.map_or("", |i| default_text(&i.title)),
            )
        }
        Owner::Measure { doc, measure } => {
            let document = &site.documents[doc];
            let m = &document.measures[measure];
            let address = format!("{}/{}", document.id.value, m.n);
            (
                "措施 Measure",
                address,
                m.title.as_ref().map_or("", default_text),
            )
        }
        Owner::Document(d) => {
            let document = &site.documents[d];
            (
                "文件 Document",
                document.id.value.clone(),
                default_text(&document.title),
            )
        }
        Owner::Indicator(i) => {
            let indicator = &site.indicators[i];
            (
                "指标 Indicator",
                indicator.id.value.clone(),
                default_text(&indicator.name),
            )
        }
        Owner::Page(p) => {
            let item = &site.pages[p].item;
            (
                "页面 Page",
                item.id.value.clone(),
                default_text(&item.title),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Site {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut site = crate::load::load(root, &Default::default())
            .site
            .expect("the example site loads");
        let _ = crate::resolve::resolve(&mut site);
        site
    }

    #[test]
    fn issues_are_counted_by_status() {
        let site = example();
        for year in &site.years {
            let counts = counts(year);
            let issues = counts.issues.expect("the example years have issues");
            assert_eq!(
                issues.total,
                issues.resolved + issues.in_progress + issues.open
            );
            assert_eq!(counts.events, Some(10));
            assert!(counts.measures > 0);
        }
    }

    #[test]
    fn items_are_named_with_their_kind_and_address() {
        let site = example();
        let name = describe(&site, TextOwner::Item(Owner::Event { year: 0, index: 2 }));
        let year = site.years[0].year;
        assert!(
            name.starts_with(&format!("十大事件 Event {year}/3 ")),
            "{name}"
        );
        assert_eq!(
            describe(&site, TextOwner::Settings),
            "站点设置 Site settings"
        );
    }
}
