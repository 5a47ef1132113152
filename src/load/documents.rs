//! `documents/<doc-id>.yaml` (SPEC §5).

use super::fields::Reader;
use super::yaml::{Node, Value};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Document, DocumentKind, Id, Measure, PlanTarget, Section, TargetOp, Text};

/// A measure number: digits, optionally dotted, optionally ending in a letter (`4`, `2.3`,
/// `12a`).
pub fn is_valid_measure_number(n: &str) -> bool {
    let body = n
        .strip_suffix(|c: char| c.is_ascii_lowercase())
        .unwrap_or(n);
    !body.is_empty()
        && body
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

pub fn read(r: &mut Reader, node: &Node, id: Id) -> Option<Document> {
    let what = "a document";
    let mut f = r.map(node, what)?;
    let title = f.require("title", r, what).and_then(|n| r.text(n));
    let short = f.get("short").and_then(|n| r.text(n));
    let kind = f.require("kind", r, what).and_then(|n| {
        r.choice(
            n,
            "document kind",
            DocumentKind::NAMES,
            DocumentKind::from_name,
        )
    });
    let number = f.get("number").and_then(|n| r.string(n));
    let issuer = r.references(f.get("issuer"));
    let date = f.get("date").and_then(|n| r.date(n));
    let period_node = f.get("period");
    let period = period_node.and_then(|n| read_period(r, n));
    let measure_label = f.get("measure_label").and_then(|n| r.text(n));
    let targets = match f.get("targets") {
        Some(n) => r
            .list(n)
            .into_iter()
            .filter_map(|t| read_target(r, t))
            .collect(),
        None => Vec::new(),
    };
    let mut sections = Vec::new();
    let mut measures = Vec::new();
    match (f.get("sections"), f.get("measures")) {
        (Some(_), Some(m)) => r.error(
            Diagnostic::new(
                Code::ConflictingKeys,
                f.entry("measures").map_or(m.span, |e| e.key_span),
                "a document has either `sections` or `measures`, not both",
            )
            .with_help("move these measures into a section, or drop `sections`"),
        ),
        (None, None) => r.error(
            Diagnostic::new(
                Code::MissingKey,
                f.span,
                "a document has no `sections` and no `measures`",
            )
            .with_help("list the document's numbered measures under `sections:` or `measures:`"),
        ),
        (Some(s), None) => {
            for node in r.list(s) {
                if let Some(section) = read_section(r, node, sections.len(), &mut measures) {
                    sections.push(section);
                }
            }
        }
        (None, Some(m)) => {
            for node in r.list(m) {
                if let Some(measure) = read_measure(r, node, None) {
                    measures.push(measure);
                }
            }
        }
    }
    check_unique_numbers(r, &measures);
    f.finish(r, what);
    Some(Document {
        id,
        file: r.file_id,
        title: title.unwrap_or_else(|| Text::universal("", node.span)),
        short,
        kind: kind.unwrap_or(DocumentKind::Other),
        number,
        issuer,
        date,
        period,
        period_span: period_node.map(|n| n.span),
        measure_label,
        targets,
        sections,
        measures,
    })
}

fn read_period(r: &mut Reader, node: &Node) -> Option<(i32, i32)> {
    let items = match &node.value {
        Value::Seq(items) if items.len() == 2 => items,
        _ => {
            r.error(
                Diagnostic::new(Code::WrongType, node.span, "period is a list of two years")
                    .with_help("write `period: [2024, 2026]`"),
            );
            return None;
        }
    };
    let from = r.integer(&items[0])? as i32;
    let to = r.integer(&items[1])? as i32;
    if from > to {
        r.error(
            Diagnostic::new(
                Code::InvalidValue,
                node.span,
                format!("the period ends ({to}) before it starts ({from})"),
            )
            .with_help(format!("write `period: [{to}, {from}]`")),
        );
        return None;
    }
    Some((from, to))
}

fn read_target(r: &mut Reader, node: &Node) -> Option<PlanTarget> {
    let what = "a target";
    let mut f = r.map(node, what)?;
    let indicator_node = f.require("indicator", r, what);
    let indicator = r.reference(indicator_node);
    let year_node = f.require("year", r, what);
    let year = year_node.and_then(|n| r.integer(n));
    let value = f.require("value", r, what).and_then(|n| r.number(n));
    let op = f
        .get("op")
        .and_then(|n| read_op(r, n))
        .unwrap_or(TargetOp::AtLeast);
    f.finish(r, what);
    Some(PlanTarget {
        indicator: indicator?,
        year: year? as i32,
        year_span: year_node?.span,
        value: value?,
        op,
        span: node.span,
    })
}

/// `>=`, `<=` or `=`; `≥` and `≤` (what Chinese input methods type) mean the same.
fn read_op(r: &mut Reader, node: &Node) -> Option<TargetOp> {
    let op = r.string(node)?;
    match op.trim() {
        ">=" | "≥" | "≧" => return Some(TargetOp::AtLeast),
        "<=" | "≤" | "≦" => return Some(TargetOp::AtMost),
        "=" => return Some(TargetOp::Exactly),
        _ => {}
    }
    let help = match op.trim() {
        "=>" | ">" => "write `>=` (at least): the operator comes first",
        "=<" | "<" => "write `<=` (at most): the operator comes first",
        "==" => "write `=` (exactly)",
        _ => "op is one of `>=` (at least), `<=` (at most) or `=` (exactly)",
    };
    r.error(
        Diagnostic::new(
            Code::InvalidValue,
            node.span,
            format!("`{op}` is not a target operator"),
        )
        .with_help(help),
    );
    None
}

fn read_section(
    r: &mut Reader,
    node: &Node,
    index: usize,
    measures: &mut Vec<Measure>,
) -> Option<Section> {
    let what = "a section";
    let mut f = r.map(node, what)?;
    let title = f.require("title", r, what).and_then(|n| r.text(n));
    let start = measures.len();
    if let Some(m) = f.get("measures") {
        for node in r.list(m) {
            if let Some(measure) = read_measure(r, node, Some(index)) {
                measures.push(measure);
            }
        }
    }
    if measures.len() == start {
        r.error(
            Diagnostic::new(
                Code::EmptySection,
                node.span,
                "this section has no measures",
            )
            .with_help(
                "government-site inspections fail empty columns: add the section's measures \
                     or remove the section",
            ),
        );
    }
    f.finish(r, what);
    Some(Section {
        title: title.unwrap_or_else(|| Text::universal("", node.span)),
        measures: start..measures.len(),
        span: node.span,
    })
}

fn read_measure(r: &mut Reader, node: &Node, section: Option<usize>) -> Option<Measure> {
    let what = "a measure";
    let mut f = r.map(node, what)?;
    let n_node = f.require("n", r, what);
    let n = n_node.and_then(|node| {
        let n = r.string(node)?;
        if is_valid_measure_number(&n) {
            Some(n)
        } else {
            r.error(
                Diagnostic::new(
                    Code::InvalidValue,
                    node.span,
                    format!("`{n}` is not a measure number"),
                )
                .with_help(
                    "a measure number is digits, optionally dotted or ending in a letter: \
                     \"4\", \"2.3\", \"12a\"",
                ),
            );
            None
        }
    });
    let title = f.get("title").and_then(|n| r.text(n));
    let prefix = n.as_deref().map(|n| format!("m-{n}-")).unwrap_or_default();
    let text = f.get("text").and_then(|n| r.md_text(n, &prefix));
    let lead = r.references(f.get("lead"));
    let indicators = r.references(f.get("indicators"));
    f.finish(r, what);
    Some(Measure {
        n: n?,
        n_span: n_node?.span,
        title,
        text,
        lead,
        indicators,
        section,
    })
}

fn check_unique_numbers(r: &mut Reader, measures: &[Measure]) {
    for (i, m) in measures.iter().enumerate() {
        if let Some(first) = measures[..i].iter().find(|o| o.n == m.n) {
            r.error(
                Diagnostic::new(
                    Code::DuplicateId,
                    m.n_span,
                    format!("measure {} is numbered twice in this document", m.n),
                )
                .with_related(first.n_span, "first numbered here"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measure_numbers() {
        for ok in ["4", "2.3", "12a", "1.2.3b"] {
            assert!(is_valid_measure_number(ok), "{ok}");
        }
        for bad in ["", "a", "4.", ".4", "4-1", "四", "12ab"] {
            assert!(!is_valid_measure_number(bad), "{bad}");
        }
    }
}
