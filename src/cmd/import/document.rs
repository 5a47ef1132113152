//! `ipreport import document FILE --id ID`: a Word or text file of an official document into
//! `content/documents/<id>.yaml`, with a summary of what was recognised.

use std::io::Write;
use std::path::PathBuf;

use crate::import::document::{self, DocumentOutcome, DocumentRequest};
use crate::model::DocumentKind;
use crate::source::SourceMap;

pub struct DocumentArgs {
    pub file: PathBuf,
    pub id: String,
    pub root: PathBuf,
    pub kind: Option<DocumentKind>,
    pub force: bool,
    pub dry_run: bool,
}

pub fn document(args: DocumentArgs) -> i32 {
    let imported = document::import_document(&DocumentRequest {
        root: args.root,
        file: args.file,
        id: args.id.clone(),
        kind: args.kind,
        force: args.force,
        dry_run: args.dry_run,
    });
    crate::cmd::print_diagnostics(&imported.diagnostics, &SourceMap::default());
    match imported.outcome {
        Some(outcome) => {
            let mut text = String::new();
            if !outcome.written {
                text.push_str(&outcome.yaml);
                text.push('\n');
            }
            text.push_str(&summary(&outcome, &args.id));
            let text = crate::diagnostics::terminal::visible(&text).into_owned();
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            0
        }
        None => {
            eprintln!("import stopped: nothing was written");
            1
        }
    }
}

/// What was recognised, what to check, and what was written.
pub fn summary(outcome: &DocumentOutcome, id: &str) -> String {
    let mut out = format!("read {} ({})\n", outcome.file, outcome.read_as);
    out.push_str(&format!("  title     {}\n", outcome.title));
    out.push_str(&format!(
        "  kind      {}\n",
        crate::model::DocumentKind::NAMES
            .iter()
            .find(|n| DocumentKind::from_name(n) == Some(outcome.kind))
            .unwrap_or(&"other")
    ));
    let sections = match outcome.sections {
        0 => String::new(),
        1 => "1 section, ".into(),
        n => format!("{n} sections, "),
    };
    let measures = match outcome.measures.len() {
        1 => "1 measure".to_string(),
        n => format!("{n} measures"),
    };
    let stages = match outcome.stages {
        0 => String::new(),
        1 => ", 1 stage".into(),
        n => format!(", {n} stages"),
    };
    out.push_str(&format!(
        "  found     {sections}{measures} ({}){stages}\n",
        ranges(&outcome.measures)
    ));
    if let Some(label) = &outcome.measure_label {
        out.push_str(&format!("  labelled  {label}\n"));
    }
    for note in &outcome.notes {
        out.push_str(&format!("note: {note}\n"));
    }
    if outcome.written {
        out.push_str(&format!("wrote {}\n", outcome.path));
        let first = outcome.measures.first().map_or("1", String::as_str);
        out.push_str(&format!(
            "next: compare it with the original, add the English (`ipreport check` lists what is missing), and cite its measures as [](@measure/{id}/{first})\n"
        ));
    } else {
        out.push_str(&format!("dry run: {} not written\n", outcome.path));
    }
    out
}

/// `1`, `2`, `3`, `5.1`, `5.2` → `1–3, 5.1–5.2`.
fn ranges(numbers: &[String]) -> String {
    let split = |n: &str| -> (String, Option<u32>) {
        match n.rsplit_once('.') {
            Some((head, last)) => (format!("{head}."), last.parse().ok()),
            None => (String::new(), n.parse().ok()),
        }
    };
    let mut parts: Vec<String> = Vec::new();
    let mut run: Option<(String, u32, u32)> = None;
    let flush = |run: &mut Option<(String, u32, u32)>, parts: &mut Vec<String>| {
        if let Some((head, a, b)) = run.take() {
            parts.push(if a == b {
                format!("{head}{a}")
            } else {
                format!("{head}{a}–{head}{b}")
            });
        }
    };
    for n in numbers {
        match split(n) {
            (head, Some(v)) => match &mut run {
                Some((h, _, b)) if *h == head && *b + 1 == v => *b = v,
                _ => {
                    flush(&mut run, &mut parts);
                    run = Some((head, v, v));
                }
            },
            (_, None) => {
                flush(&mut run, &mut parts);
                parts.push(n.clone());
            }
        }
    }
    flush(&mut run, &mut parts);
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measure_numbers_in_ranges() {
        let ns: Vec<String> = ["1", "2", "3", "5.1", "5.2", "7", "12a"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(ranges(&ns), "1–3, 5.1–5.2, 7, 12a");
    }
}
