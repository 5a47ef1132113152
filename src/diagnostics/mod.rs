//! Diagnostics are data: every stage returns them, none prints them.
//!
//! A [`Diagnostic`] has a stable [`Code`], a message, the span of the offending value, optional
//! related places and a hint. [`render`] turns a sorted list into the human format of SPEC §15
//! or into JSON lines for CI.

mod codes;
mod render;
pub(crate) mod suggest;
pub mod terminal;

pub use codes::Code;
pub use render::{render_human, render_json};

use crate::source::{SourceMap, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: Box<str>,
    /// Where the problem is; `None` for problems that concern no file (a bad command-line path).
    pub span: Option<Span>,
    /// The file or folder concerned when there is no span in it (an unreadable file, an empty
    /// folder), relative to the site root.
    pub path: Option<Box<str>>,
    /// Text under the caret.
    pub label: Option<Box<str>>,
    /// Other places involved (the default-language file a translation contradicts, the first
    /// definition of a duplicate id).
    pub related: Vec<(Span, Box<str>)>,
    pub help: Option<Box<str>>,
}

impl Diagnostic {
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.default_severity(),
            message: message.into().into_boxed_str(),
            span: Some(span),
            path: None,
            label: None,
            related: Vec::new(),
            help: None,
        }
    }

    /// A problem that has no place in a source file.
    pub fn global(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.default_severity(),
            message: message.into().into_boxed_str(),
            span: None,
            path: None,
            label: None,
            related: Vec::new(),
            help: None,
        }
    }

    /// A problem with a file or folder as a whole.
    pub fn at_path(code: Code, path: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        let mut d = Diagnostic::global(code, message);
        d.path = Some(path.into().into_boxed_str());
        d
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into().into_boxed_str());
        self
    }

    pub fn with_optional_help(mut self, help: Option<String>) -> Diagnostic {
        self.help = help.map(String::into_boxed_str);
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into().into_boxed_str());
        self
    }

    pub fn with_related(mut self, span: Span, note: impl Into<String>) -> Diagnostic {
        self.related.push((span, note.into().into_boxed_str()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The diagnostics of one run, in the order they were found.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Keeps only the diagnostics `keep` is true of.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    /// `check --strict`: every warning becomes an error.
    pub fn make_warnings_errors(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
    }

    /// Sorted by file, then position, then code, with exact duplicates removed, so that the
    /// same input always prints the same report.
    pub fn sorted(mut self, sources: &SourceMap) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            sort_key(a, sources)
                .cmp(&sort_key(b, sources))
                .then_with(|| a.message.cmp(&b.message))
        });
        self.items.dedup_by(|a, b| {
            a.code == b.code && a.span == b.span && a.path == b.path && a.message == b.message
        });
        self.items
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

fn sort_key<'a>(d: &'a Diagnostic, sources: &'a SourceMap) -> (u8, &'a str, u32, Code) {
    match (d.span, &d.path) {
        (Some(span), _) => (1, &sources.get(span.file).display_path, span.start, d.code),
        (None, Some(path)) => (1, path, 0, d.code),
        (None, None) => (0, "", 0, d.code),
    }
}

/// "3 errors and 1 warning".
pub fn count_summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => "no problems".to_string(),
        (e, 0) => plural(e, "error"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{} and {}", plural(e, "error"), plural(w, "warning")),
    }
}

/// Every error and the first [`SHOWN_WARNINGS`] warnings, rendered for the terminal, with a
/// line saying how many more `check` lists.
pub fn shown_text(diagnostics: &[Diagnostic], sources: &SourceMap, color: bool) -> String {
    let (shown, hidden) = shown(diagnostics, SHOWN_WARNINGS);
    let mut text = render_human(&shown, sources, color);
    if hidden > 0 {
        text.push_str(&format!(
            "… and {hidden} more warnings: `ipreport check` lists them all\n\n"
        ));
    }
    text
}

/// How many warnings of one code in one file `check` shows before it sums up the rest.
pub const SHOWN_PER_FILE: usize = 3;

/// Warnings of one code in one file that were not shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summed {
    pub path: String,
    pub code: Code,
    pub hidden: usize,
}

impl Summed {
    /// `… 114 more W0105 (…) in content/x.yaml: …`.
    pub fn line(&self) -> String {
        let fix = if matches!(
            self.code,
            Code::HalfWidthPunctuation | Code::WorldIpDaySpelling
        ) {
            "`ipreport fix` rewrites them; "
        } else {
            ""
        };
        format!(
            "… {} more {} ({}) in {}: {fix}`ipreport check --all` lists every one",
            self.hidden,
            self.code,
            self.code.summary(),
            terminal::visible(&self.path)
        )
    }
}

/// Every error, and of the warnings of each code in each file the first `max`; the rest is
/// summed up, so that 117 times the same slip in one file is one line, not 117.
pub fn per_file(
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    max: usize,
) -> (Vec<Diagnostic>, Vec<Summed>) {
    let mut seen: std::collections::BTreeMap<(String, Code), usize> = Default::default();
    let mut shown = Vec::new();
    for d in diagnostics {
        if d.is_error() {
            shown.push(d.clone());
            continue;
        }
        let path = match (d.span, &d.path) {
            (Some(span), _) => sources.get(span.file).display_path.clone(),
            (None, Some(path)) => path.to_string(),
            (None, None) => String::new(),
        };
        let count = seen.entry((path, d.code)).or_default();
        *count += 1;
        if *count <= max {
            shown.push(d.clone());
        }
    }
    let summed = seen
        .into_iter()
        .filter(|(_, n)| *n > max)
        .map(|((path, code), n)| Summed {
            path,
            code,
            hidden: n - max,
        })
        .collect();
    (shown, summed)
}

/// How many warnings `build` and watch mode show; `check` shows them all.
pub const SHOWN_WARNINGS: usize = 20;

/// Every error and the first `max_warnings` warnings, and how many warnings were left out.
pub fn shown(diagnostics: &[Diagnostic], max_warnings: usize) -> (Vec<Diagnostic>, usize) {
    let mut shown = Vec::new();
    let mut warnings = 0;
    for d in diagnostics {
        if d.is_error() {
            shown.push(d.clone());
        } else {
            warnings += 1;
            if warnings <= max_warnings {
                shown.push(d.clone());
            }
        }
    }
    (shown, warnings.saturating_sub(max_warnings))
}
