use super::snapshot::{Value, YearItems};
use super::*;

fn titled(zh: &str, en: &str) -> Titled {
    Titled {
        title: [("en", en), ("zh", zh)]
            .into_iter()
            .map(|(c, t)| (c.to_string(), t.to_string()))
            .collect(),
        main: zh.to_string(),
        at: None,
    }
}

fn show(id: &str, v: f64) -> String {
    format!("{v}{}", if id == "a" { "件" } else { "" })
}

fn site(values: &[(i32, &str, f64)], cases: &[(&str, &str)], events: &[&str]) -> Snapshot {
    let mut s = Snapshot::default();
    for &(year, id, value) in values {
        s.values
            .insert((year, id.to_string()), Value { value, at: None });
    }
    s.years.insert(
        2024,
        YearItems {
            report: Some(titled("报告", "Report")),
            cases: cases
                .iter()
                .map(|&(id, t)| (id.to_string(), titled(t, t)))
                .collect(),
            issues: Default::default(),
            events: events.iter().map(|t| titled(t, t)).collect(),
        },
    );
    s
}

#[test]
fn identical_snapshots_have_no_changes() {
    let s = site(&[(2024, "a", 1.0)], &[("x", "甲")], &["一", "二"]);
    let changes = compare(&s, &s, &show);
    assert!(changes.is_empty());
    assert_eq!(changes.summary(), "no changes");
}

#[test]
fn values_changed_added_and_removed() {
    let before = site(
        &[(2024, "a", 1.0), (2024, "b", 2.0), (2023, "a", 5.0)],
        &[],
        &[],
    );
    let after = site(
        &[(2024, "a", 1.5), (2024, "c", 3.0), (2023, "a", 5.0)],
        &[],
        &[],
    );
    let changes = compare(&before, &after, &show);
    let got: Vec<(i32, &str, Option<&str>, Option<&str>)> = changes
        .values
        .iter()
        .map(|v| {
            (
                v.year,
                v.indicator.as_str(),
                v.before.as_deref(),
                v.after.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (2024, "a", Some("1件"), Some("1.5件")),
            (2024, "b", Some("2"), None),
            (2024, "c", None, Some("3")),
        ]
    );
    assert_eq!(
        changes.summary(),
        "1 value changed, 1 value added, 1 value removed"
    );
}

#[test]
fn cases_added_and_retitled() {
    let before = site(&[], &[("x", "甲")], &[]);
    let after = site(&[], &[("x", "乙"), ("y", "丙")], &[]);
    let changes = compare(&before, &after, &show);
    assert_eq!(changes.items.len(), 1);
    assert_eq!(changes.items[0].kind, ItemKind::Case);
    assert_eq!(changes.items[0].key, "y");
    assert!(changes.items[0].added);
    assert_eq!(changes.titles.len(), 1);
    assert_eq!(
        title_changes(&changes.titles[0].languages),
        "en 甲 → 乙; zh 甲 → 乙"
    );
    assert_eq!(changes.summary(), "1 case added, 1 title changed");
}

#[test]
fn events_are_matched_by_title_then_by_rank() {
    let old = ["一", "二", "三"].map(|t| titled(t, t));
    // 一 and 二 swapped, 三 retitled 四 at the same rank, 五 new.
    let new = ["二", "一", "四", "五"].map(|t| titled(t, t));
    let m = match_events(&old, &new);
    assert_eq!(m.pairs, vec![(1, 0), (0, 1), (2, 2)]);
    assert!(m.removed.is_empty());
    assert_eq!(m.added, vec![3]);
    let changes = compare(
        &site(&[], &[], &["一", "二", "三"]),
        &site(&[], &[], &["二", "一", "四", "五"]),
        &show,
    );
    assert_eq!(changes.summary(), "1 event added, 1 title changed");
    assert_eq!(changes.titles[0].key, "3");
    assert_eq!(changes.items[0].key, "4");
}

#[test]
fn against_open_data_only_values_are_compared() {
    let mut before = site(&[(2024, "a", 1.0)], &[("x", "甲")], &[]);
    before.values_only = true;
    before.years.clear();
    let after = site(&[(2024, "a", 2.0)], &[("x", "乙")], &[]);
    let changes = compare(&before, &after, &show);
    assert!(changes.values_only);
    assert!(changes.items.is_empty() && changes.titles.is_empty());
    assert_eq!(changes.summary(), "1 value changed");
    assert!(changes.terminal().contains("values only"));
}

#[test]
fn one_year_keeps_documents() {
    let mut before = site(&[(2024, "a", 1.0), (2023, "a", 1.0)], &[], &[]);
    before
        .documents
        .insert("plan".into(), titled("规划", "Plan"));
    let mut after = site(&[(2024, "a", 2.0), (2023, "a", 2.0)], &[], &[]);
    after
        .documents
        .insert("plan".into(), titled("新规划", "Plan"));
    let changes = compare(&before, &after, &show).only_year(2023);
    assert_eq!(changes.values.len(), 1);
    assert_eq!(changes.values[0].year, 2023);
    assert_eq!(changes.titles.len(), 1);
    assert_eq!(changes.titles[0].kind, ItemKind::Document);
}

#[test]
fn a_year_added_is_a_report_with_its_items() {
    let before = Snapshot::default();
    let after = site(&[(2024, "a", 1.0)], &[("x", "甲")], &[]);
    let changes = compare(&before, &after, &show);
    assert_eq!(
        changes.summary(),
        "1 value added, 1 report added, 1 case added"
    );
    let text = changes.terminal();
    assert!(text.contains("  2024 report added: 2024 报告\n"), "{text}");
    assert!(text.contains("  2024 case added: x 甲\n"), "{text}");
}
