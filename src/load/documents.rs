//! `documents/<doc-id>.yaml` (SPEC §5).

use super::fields::Reader;
use super::yaml::{Node, Value};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{
    Baseline, Document, DocumentKind, Id, Measure, PlanTarget, Section, Stage, StageDate, TargetOp,
    Text,
};

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
    let issuer = r.parties(f.get("issuer"));
    let date = f.get("date").and_then(|n| r.date(n));
    let period_node = f.get("period");
    let period = period_node.and_then(|n| read_period(r, n));
    let measure_label = f.get("measure_label").and_then(|n| r.text(n));
    let summary = f.get("summary").and_then(|n| r.md_text(n, "summary-"));
    let stages = match f.get("stages") {
        Some(n) => r
            .list(n)
            .into_iter()
            .filter_map(|s| read_stage(r, s))
            .collect(),
        None => Vec::new(),
    };
    let targets = match f.get("targets") {
        Some(n) => r
            .list(n)
            .into_iter()
            .filter_map(|t| read_target(r, t))
            .collect(),
        None => Vec::new(),
    };
    let (sections, measures) = read_body(r, &mut f);
    check_unique_numbers(r, &measures, &sections);
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
        summary,
        targets,
        sections,
        measures,
        stages,
    })
}

/// A document's `sections` (nested, with their measures) or its flat `measures`, one or the
/// other.
fn read_body(r: &mut Reader, f: &mut super::fields::Fields<'_>) -> (Vec<Section>, Vec<Measure>) {
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
            let mut tree = Tree {
                sections: &mut sections,
                measures: &mut measures,
            };
            for node in r.list(s) {
                tree.section(r, node, None);
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
    (sections, measures)
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
    let op_node = f.get("op");
    let op = op_node
        .and_then(|n| read_op(r, n))
        .unwrap_or(TargetOp::AtLeast);
    let baseline = f.get("baseline").and_then(|n| read_baseline(r, n));
    let note = f.get("note").and_then(|n| r.text(n));
    let source = f.get("source").and_then(|n| r.text(n));
    if let (TargetOp::Growth, None, Some(op_node)) = (op, &baseline, op_node) {
        r.error(
            Diagnostic::new(
                Code::MissingKey,
                op_node.span,
                "a growth target needs the baseline it grows from",
            )
            .with_help(
                "add `baseline: {year: 2023, value: …}`: the value of the year before the plan",
            ),
        );
    }
    if let (Some(b), Some(y)) = (&baseline, year)
        && i64::from(b.year) >= y
    {
        r.error(
            Diagnostic::new(
                Code::InvalidValue,
                b.span,
                format!(
                    "the baseline year {} is not before the target year {y}",
                    b.year
                ),
            )
            .with_help("the baseline is the value a plan starts from, before its target year"),
        );
    }
    f.finish(r, what);
    Some(PlanTarget {
        indicator: indicator?,
        year: year? as i32,
        year_span: year_node?.span,
        value: value?,
        op,
        span: node.span,
        baseline,
        note,
        source,
    })
}

/// `baseline: {year: 2023, value: 2560}`.
fn read_baseline(r: &mut Reader, node: &Node) -> Option<Baseline> {
    let what = "a baseline";
    let mut f = r.map(node, what)?;
    let year = f.require("year", r, what).and_then(|n| r.integer(n));
    let value = f.require("value", r, what).and_then(|n| r.number(n));
    f.finish(r, what);
    Some(Baseline {
        year: i32::try_from(year?).ok()?,
        value: value?,
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
        "growth" => return Some(TargetOp::Growth),
        _ => {}
    }
    let help = match op.trim() {
        "=>" | ">" => "write `>=` (at least): the operator comes first",
        "=<" | "<" => "write `<=` (at most): the operator comes first",
        "==" => "write `=` (exactly)",
        "增长" | "年均增长" | "grow" | "growth-rate" => {
            "write `growth` (an average annual growth in percent, from the baseline)"
        }
        _ => {
            "op is one of `>=` (at least), `<=` (at most), `=` (exactly) or `growth` (an \
             average annual growth in percent, from the baseline)"
        }
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

/// The sections of a document as they are read: every section in document order, and every
/// measure.
struct Tree<'a> {
    sections: &'a mut Vec<Section>,
    measures: &'a mut Vec<Measure>,
}

impl Tree<'_> {
    /// Reads a section with its measures and its subsections (which follow it).
    fn section(&mut self, r: &mut Reader, node: &Node, parent: Option<usize>) {
        let what = "a section";
        let Some(mut f) = r.map(node, what) else {
            return;
        };
        let title = f.require("title", r, what).and_then(|n| r.text(n));
        let index = self.sections.len();
        let depth = parent.map_or(0, |p| self.sections[p].depth + 1);
        let summary = f
            .get("summary")
            .and_then(|n| r.md_text(n, &format!("s-{}-", index + 1)));
        let label = f.get("label").and_then(|n| r.text(n));
        self.sections.push(Section {
            title: title.unwrap_or_else(|| Text::universal("", node.span)),
            measures: 0..0,
            span: node.span,
            depth,
            parent,
            summary,
            label,
        });
        let start = self.measures.len();
        // What the section holds is judged by what is written in it, not by what could be
        // read: a measure whose number is invalid has its own error, and the section is not
        // empty because of it (one mistake, one error).
        let mut written = 0;
        if let Some(m) = f.get("measures") {
            for node in r.list(m) {
                written += 1;
                if let Some(measure) = read_measure(r, node, Some(index)) {
                    self.measures.push(measure);
                }
            }
        }
        self.sections[index].measures = start..self.measures.len();
        if let Some(s) = f.get("sections") {
            for node in r.list(s) {
                self.section(r, node, Some(index));
                written += 1;
            }
        }
        let empty = written == 0 && f.get("summary").is_none();
        if empty {
            r.error(
                Diagnostic::new(
                    Code::EmptySection,
                    node.span,
                    "this section has no measures, no subsections and no text",
                )
                .with_help(
                    "government-site inspections fail empty columns: add the section's \
                     measures, its `sections`, or its `summary`, or remove the section",
                ),
            );
        }
        f.finish(r, what);
    }
}

/// An implementation stage: `{title, from: 2024-03, to: 2024-04, text}`.
fn read_stage(r: &mut Reader, node: &Node) -> Option<Stage> {
    let what = "a stage";
    let mut f = r.map(node, what)?;
    let title = f.require("title", r, what).and_then(|n| r.text(n));
    let from = f.get("from").and_then(|n| read_stage_date(r, n));
    let to = f.get("to").and_then(|n| read_stage_date(r, n));
    let text = f.get("text").and_then(|n| r.md_text(n, "stage-"));
    f.finish(r, what);
    if let (Some(a), Some(b)) = (from, to)
        && (b.year, b.month, b.day) < (a.year, a.month, a.day)
    {
        r.error(
            Diagnostic::new(
                Code::InvalidValue,
                node.span,
                "the stage ends before it starts",
            )
            .with_help("`from` is the first month (or day) of the stage, `to` the last"),
        );
    }
    Some(Stage {
        title: title?,
        from,
        to,
        text,
        span: node.span,
    })
}

/// `2024-03` (a month) or `2024-03-15` (a day).
fn read_stage_date(r: &mut Reader, node: &Node) -> Option<StageDate> {
    let raw = r.string(node)?;
    let parts: Vec<&str> = raw.trim().split('-').collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i16>().ok())
            .flatten()
    };
    let date = match parts[..] {
        [y, m] => number(y, 4).zip(number(m, 2)).map(|(y, m)| (y, m, None)),
        [y, m, d] => number(y, 4)
            .zip(number(m, 2))
            .zip(number(d, 2))
            .map(|((y, m), d)| (y, m, Some(d))),
        _ => None,
    }
    .filter(|&(_, m, d)| (1..=12).contains(&m) && d.is_none_or(|d| (1..=31).contains(&d)));
    match date {
        Some((year, month, day)) => Some(StageDate {
            year,
            month: month as i8,
            day: day.map(|d| d as i8),
        }),
        None => {
            r.error(
                Diagnostic::new(
                    Code::InvalidValue,
                    node.span,
                    format!("`{raw}` is not a month or a date"),
                )
                .with_help("write a month as `2024-03` or a day as `2024-03-15`"),
            );
            None
        }
    }
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
    let lead = r.parties(f.get("lead"));
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

fn check_unique_numbers(r: &mut Reader, measures: &[Measure], sections: &[Section]) {
    for (i, m) in measures.iter().enumerate() {
        if let Some(first) = measures[..i].iter().find(|o| o.n == m.n) {
            let help = duplicate_help(m, first, measures, sections);
            r.error(
                Diagnostic::new(
                    Code::DuplicateId,
                    m.n_span,
                    format!("measure {} is numbered twice in this document", m.n),
                )
                .with_help(help)
                .with_related(first.n_span, "first numbered here"),
            );
        }
    }
}

/// How to fix a measure number used twice: the next free number and, when the two measures
/// are in different sections (an original that numbers each part from （一） again), dotted
/// numbers with a label for the section (guide: "a label per section").
fn duplicate_help(
    m: &Measure,
    first: &Measure,
    measures: &[Measure],
    sections: &[Section],
) -> String {
    let free = next_free_number(&m.n, measures);
    match m.section {
        Some(s) if first.section != Some(s) => {
            let k = s + 1;
            let label = if sections.get(s).is_some_and(|s| s.label.is_some()) {
                "keep the section's `label`"
            } else {
                "give the section `label: {zh: \"（{cn}）\", en: \"({last})\"}` to show them as （一）, （二）"
            };
            format!(
                "number it \"{free}\" (the next free number), or, if each section numbers its \
                 measures from 1 again, number this section's measures \"{k}.1\", \"{k}.2\", … and \
                 {label}"
            )
        }
        _ => format!("number it \"{free}\", the next free number in this document"),
    }
}

/// The smallest number after `n`'s that no measure of the document uses: `4` after 1, 2, 3;
/// `2.4` after 2.1 … 2.3 (the last part of a dotted number counts up).
fn next_free_number(n: &str, measures: &[Measure]) -> String {
    let body = n.trim_end_matches(|c: char| c.is_ascii_lowercase());
    let (prefix, last) = match body.rsplit_once('.') {
        Some((prefix, last)) => (format!("{prefix}."), last),
        None => (String::new(), body),
    };
    let mut k: u64 = last.parse().unwrap_or(0);
    if prefix.is_empty() {
        // Plain numbers: after the largest one, so that the new number does not take the
        // place of a measure that follows.
        let largest = measures
            .iter()
            .filter_map(|m| m.n.parse::<u64>().ok())
            .max();
        k = k.max(largest.unwrap_or(0));
    }
    loop {
        k = k.saturating_add(1);
        let candidate = format!("{prefix}{k}");
        if !measures.iter().any(|m| m.n == candidate) {
            return candidate;
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

    fn measures(numbers: &[&str]) -> Vec<Measure> {
        numbers
            .iter()
            .map(|n| Measure {
                n: n.to_string(),
                n_span: crate::source::Span::new(crate::source::FileId(0), 0, 0),
                title: None,
                text: None,
                lead: Vec::new(),
                indicators: Vec::new(),
                section: None,
            })
            .collect()
    }

    #[test]
    fn next_free_measure_number() {
        assert_eq!(next_free_number("3", &measures(&["1", "2", "3", "3"])), "4");
        assert_eq!(next_free_number("1", &measures(&["1", "2", "1", "5"])), "6");
        assert_eq!(
            next_free_number("2.1", &measures(&["2.1", "2.2", "2.1"])),
            "2.3"
        );
        assert_eq!(next_free_number("3a", &measures(&["3a", "3a", "4"])), "5");
    }
}
