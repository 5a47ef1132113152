//! `ipreport import values FILE --year YYYY`: a bureau's table of figures into the year's
//! report.yaml, with a table of what changes.

use std::io::Write;
use std::path::PathBuf;

use crate::import::values::{self, Change, Outcome, ReadFrom, ValuesRequest};

pub struct ValuesArgs {
    pub file: PathBuf,
    pub year: i32,
    pub root: PathBuf,
    pub sheet: Option<String>,
    pub dry_run: bool,
}

pub fn values(args: ValuesArgs) -> i32 {
    let imported = values::import_values(&ValuesRequest {
        root: args.root,
        file: args.file,
        year: args.year,
        sheet: args.sheet,
        dry_run: args.dry_run,
    });
    crate::cmd::print_diagnostics(&imported.diagnostics, &imported.sources);
    match imported.outcome {
        Some(outcome) => {
            let text = crate::diagnostics::terminal::visible(&report(&outcome)).into_owned();
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            0
        }
        None => {
            let errors = imported.diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "import stopped: {}; nothing was written",
                crate::diagnostics::count_summary(errors, 0)
            );
            1
        }
    }
}

/// Everything the command prints after a successful import.
pub fn report(outcome: &Outcome) -> String {
    let mut out = String::new();
    let from = match &outcome.read_from {
        ReadFrom::Sheet { sheet } => {
            format!("sheet `{sheet}`, header in row {}", outcome.header_line)
        }
        ReadFrom::Csv { encoding } => {
            format!(
                "{}, header on line {}",
                encoding.name(),
                outcome.header_line
            )
        }
    };
    out.push_str(&format!(
        "read {} ({from}) for {}\n",
        outcome.file, outcome.year
    ));
    for (name, id) in &outcome.without_value {
        out.push_str(&format!("  no figure for {name} ({id}): left as it is\n"));
    }
    if outcome.changes.is_empty() {
        let line = match outcome.unchanged {
            0 => format!(
                "nothing to change: the table has no figures for {}\n",
                outcome.year
            ),
            1 => format!(
                "nothing to change: {} holds this value already\n",
                outcome.report
            ),
            n => format!(
                "nothing to change: {} holds these {n} values already\n",
                outcome.report
            ),
        };
        out.push_str(&line);
        return out;
    }
    out.push('\n');
    out.push_str(&changes_table(&outcome.changes, outcome.year - 1));
    out.push('\n');
    out.push_str(&summary(outcome));
    out
}

/// The last lines: what was written, or would be.
fn summary(outcome: &Outcome) -> String {
    let added = outcome.changes.iter().filter(|c| c.old.is_none()).count();
    let changed = outcome.changes.len() - added;
    let mut counts = Vec::new();
    if changed > 0 {
        counts.push(format!("{changed} changed"));
    }
    if added > 0 {
        counts.push(format!("{added} added"));
    }
    if outcome.unchanged > 0 {
        counts.push(format!("{} unchanged", outcome.unchanged));
    }
    let counts = counts.join(", ");
    let mut out = if outcome.written {
        format!("wrote {}: {counts}\n", outcome.report)
    } else {
        format!("dry run: {} not written ({counts})\n", outcome.report)
    };
    if outcome.created {
        let is = if outcome.written { "is" } else { "would be" };
        out.push_str(&format!(
            "{} {is} new, with `draft: true`: the year stays out of the site until you remove \
             that line (and add `published:`)\n",
            outcome.report
        ));
    }
    if outcome.written {
        let drafts = if outcome.draft { " --drafts" } else { "" };
        out.push_str(&format!(
            "next: `ipreport check{drafts}`, and look at the site with `ipreport serve{drafts}`\n"
        ));
    }
    out
}

/// `name id old → new unit vs-previous-year`, aligned (Chinese characters take two columns
/// in a terminal).
fn changes_table(changes: &[Change], previous_year: i32) -> String {
    let against = changes.iter().any(|c| c.previous.is_some());
    let header = [
        "indicator".to_string(),
        String::new(),
        "old".to_string(),
        "new".to_string(),
        String::new(),
        if against {
            format!("vs {previous_year}")
        } else {
            String::new()
        },
    ];
    let rows: Vec<[String; 6]> = changes
        .iter()
        .map(|c| {
            [
                c.name.clone(),
                c.id.clone(),
                c.old.clone().unwrap_or_else(|| "(new)".to_string()),
                c.new.to_string(),
                c.unit.clone(),
                against_previous(c).unwrap_or_default(),
            ]
        })
        .collect();
    let all = || std::iter::once(&header).chain(&rows);
    let widths: Vec<usize> = (0..6)
        .map(|i| all().map(|r| width(&r[i])).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (n, row) in all().enumerate() {
        let arrow = if n == 0 { "   " } else { " → " };
        let line = format!(
            "  {}  {}  {}{arrow}{} {}  {}",
            pad_right(&row[0], widths[0]),
            pad_right(&row[1], widths[1]),
            pad_left(&row[2], widths[2]),
            pad_left(&row[3], widths[3]),
            pad_right(&row[4], widths[4]),
            row[5]
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The change against the previous year: `+162 (+1.7%)`, or in points for a percentage.
fn against_previous(change: &Change) -> Option<String> {
    let previous = change.previous?;
    let difference = change.new.minus(previous);
    let sign = if difference.is_negative() || difference.is_zero() {
        ""
    } else {
        "+"
    };
    if change.is_percentage() {
        return Some(format!("{sign}{difference} points"));
    }
    if previous.is_zero() {
        return Some(format!("{sign}{difference}"));
    }
    let relative = difference.to_f64() / previous.to_f64().abs() * 100.0;
    // One decimal, as statistical bulletins give growth rates; no `-0.0%`.
    let relative = match (relative * 10.0).round() / 10.0 {
        0.0 => "0.0%".to_string(),
        r => format!("{r:+.1}%"),
    };
    Some(format!("{sign}{difference} ({relative})"))
}

/// Columns a text takes in a terminal: two for each wide (East Asian) character.
fn width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115f | 0x2e80..=0x303e | 0x3041..=0x33ff | 0x3400..=0x4dbf
        | 0x4e00..=0x9fff | 0xa000..=0xa4cf | 0xac00..=0xd7a3 | 0xf900..=0xfaff
        | 0xfe30..=0xfe4f | 0xff00..=0xff60 | 0xffe0..=0xffe6 | 0x20000..=0x3fffd)
}

fn pad_right(text: &str, to: usize) -> String {
    format!("{text}{}", " ".repeat(to.saturating_sub(width(text))))
}

fn pad_left(text: &str, to: usize) -> String {
    format!("{}{text}", " ".repeat(to.saturating_sub(width(text))))
}
