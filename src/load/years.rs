//! `years/<YYYY>/report.yaml`, `events.yaml` and `issues.yaml` (SPEC §7, §10, §11).

use super::fields::Reader;
use super::yaml::{Node, Value};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Event, IndicatorValue, IssueItem, IssueStatus, Reference, Report, Text};

pub fn read_report(r: &mut Reader, node: &Node) -> Option<Report> {
    let what = "report.yaml";
    let mut f = r.map(node, what)?;
    let title = f.require("title", r, what).and_then(|n| r.text(n));
    let published_node = f.get("published");
    let published = published_node.and_then(|n| r.date(n));
    let draft = f.get("draft").and_then(|n| r.boolean(n)).unwrap_or(false);
    let theme = f.get("theme").and_then(|n| r.text(n));
    let summary = f.get("summary").and_then(|n| r.md_text(n, "summary-"));
    let mut values = Vec::new();
    if let Some(n) = f.get("indicators")
        && let Some(map) = r.map(n, "the indicator values")
    {
        for entry in map.entries() {
            if let Some(value) = read_value(r, &entry.value) {
                values.push(IndicatorValue {
                    indicator: Reference::new(entry.key.clone(), entry.key_span),
                    ..value
                });
            }
        }
    }
    let key_figures = r.references(f.get("key_figures"));
    f.finish(r, what);
    Some(Report {
        file: r.file_id,
        title: title.unwrap_or_else(|| Text::universal("", node.span)),
        published,
        published_span: published_node.map(|n| n.span),
        draft,
        theme,
        summary,
        values,
        key_figures,
    })
}

/// One value of the `indicators:` map: a number, or a mapping that says more of it
/// (`{value: 3966, provisional: true, source: 市统计局}`).
fn read_value(r: &mut Reader, node: &Node) -> Option<IndicatorValue> {
    let unnamed = || Reference::new("", node.span);
    if !matches!(node.value, Value::Map(_)) {
        let value = r.number(node)?;
        return Some(IndicatorValue {
            indicator: unnamed(),
            value,
            span: node.span,
            provisional: false,
            source: None,
        });
    }
    let what = "an indicator value";
    let mut f = r.map(node, what)?;
    let value_node = f.require("value", r, what);
    let value = value_node.and_then(|n| r.number(n));
    let provisional = f
        .get("provisional")
        .and_then(|n| r.boolean(n))
        .unwrap_or(false);
    let source = f.get("source").and_then(|n| r.text(n));
    f.finish(r, what);
    Some(IndicatorValue {
        indicator: unnamed(),
        value: value?,
        span: value_node?.span,
        provisional,
        source,
    })
}

fn list<'n>(r: &mut Reader, node: &'n Node, what: &str) -> Vec<&'n Node> {
    match &node.value {
        Value::Seq(items) => items.iter().collect(),
        Value::Null => Vec::new(),
        _ => {
            r.error(Diagnostic::new(
                Code::WrongType,
                node.span,
                format!("{what} must be a list (each entry starts with `- `)"),
            ));
            Vec::new()
        }
    }
}

pub fn read_events(r: &mut Reader, node: &Node) -> Vec<Event> {
    list(r, node, "events.yaml")
        .into_iter()
        .enumerate()
        .filter_map(|(i, node)| {
            let what = "an event";
            let mut f = r.map(node, what)?;
            let title = f.require("title", r, what).and_then(|n| r.text(n));
            let date = f.get("date").and_then(|n| r.date(n));
            let summary = f
                .get("summary")
                .and_then(|n| r.md_text(n, &format!("event-{}-", i + 1)));
            let measures = r.references(f.get("measures"));
            let departments = r.parties(f.get("departments"));
            f.finish(r, what);
            Some(Event {
                title: title.unwrap_or_else(|| Text::universal("", node.span)),
                date,
                summary,
                measures,
                departments,
                span: node.span,
            })
        })
        .collect()
}

pub fn read_issues(r: &mut Reader, node: &Node) -> Vec<IssueItem> {
    list(r, node, "issues.yaml")
        .into_iter()
        .filter_map(|node| {
            let what = "an issue";
            let mut f = r.map(node, what)?;
            let id = f.require("id", r, what).and_then(|n| r.id(n, "issue"));
            let prefix = id
                .as_ref()
                .map(|id| format!("{}-", id.value))
                .unwrap_or_default();
            let title = f.require("title", r, what).and_then(|n| r.text(n));
            let description = f.get("description").and_then(|n| r.md_text(n, &prefix));
            let source = f.get("source").and_then(|n| r.text(n));
            let responsible = r.parties(f.get("responsible"));
            let actions = f
                .get("actions")
                .and_then(|n| r.md_text(n, &format!("{prefix}actions-")));
            let measures = r.references(f.get("measures"));
            let status = f
                .get("status")
                .and_then(|n| r.choice(n, "status", IssueStatus::NAMES, IssueStatus::from_name))
                .unwrap_or(IssueStatus::Open);
            let due = f.get("due").and_then(|n| r.date(n));
            let follows = r.reference(f.get("follows"));
            f.finish(r, what);
            Some(IssueItem {
                id: id?,
                title: title.unwrap_or_else(|| Text::universal("", node.span)),
                description,
                source,
                responsible,
                actions,
                measures,
                status,
                due,
                follows,
            })
        })
        .collect()
}
