//! Showing diagnostics: the human format of SPEC §15 and JSON lines.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use std::borrow::Cow;

use super::terminal::{visible, visible_with};
use super::{Diagnostic, Severity};
use crate::source::{SourceMap, Span, floor_char_boundary};

/// Renders every diagnostic in the rustc-like layout: code, message, `--> file:line:col`, the
/// source line with a caret under the span, and `= help:`.
pub fn render_human(diagnostics: &[Diagnostic], sources: &SourceMap, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&render_one(d, sources, &renderer));
        out.push_str("\n\n");
    }
    out
}

/// One line of a file, with the span's part of it, for the snippet.
struct LineExcerpt<'a> {
    path: &'a str,
    text: &'a str,
    line: usize,
    range: std::ops::Range<usize>,
}

fn excerpt(span: Span, sources: &SourceMap) -> LineExcerpt<'_> {
    let file = sources.get(span.file);
    let (line, _) = file.line_col(span.start);
    let line_start = file.line_start(line);
    let text = file.line_text(line);
    let start = floor_char_boundary(
        text,
        span.start as usize - line_start.min(span.start as usize),
    );
    let mut end =
        floor_char_boundary(text, (span.end as usize).saturating_sub(line_start)).max(start);
    if end == start {
        // Zero-width spans still get one caret, under the character that starts there.
        end = text[start..]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8());
    }
    LineExcerpt {
        path: &file.display_path,
        text,
        line,
        range: start..end,
    }
}

/// A [`LineExcerpt`] as the terminal may show it (see [`visible`]).
struct Shown<'a> {
    path: Cow<'a, str>,
    text: Cow<'a, str>,
    line: usize,
    range: std::ops::Range<usize>,
}

fn shown(ex: LineExcerpt<'_>) -> Shown<'_> {
    let (text, range) = visible_with(ex.text, ex.range);
    Shown {
        path: visible(ex.path),
        text,
        line: ex.line,
        range,
    }
}

fn render_one(d: &Diagnostic, sources: &SourceMap, renderer: &Renderer) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let message = visible(&d.message);
    let mut group = Group::with_title(level.primary_title(&*message).id(d.code.as_str()));
    let primary = d.span.map(|s| shown(excerpt(s, sources)));
    let label = d.label.as_deref().map(visible);
    if let Some(ex) = &primary {
        let mut annotation = AnnotationKind::Primary.span(ex.range.clone());
        if let Some(label) = &label {
            annotation = annotation.label(&**label);
        }
        group = group.element(
            Snippet::source(&*ex.text)
                .line_start(ex.line)
                .path(&*ex.path)
                .fold(false)
                .annotation(annotation),
        );
    }
    let related: Vec<(Shown, Cow<str>)> = d
        .related
        .iter()
        .map(|(s, note)| (shown(excerpt(*s, sources)), visible(note)))
        .collect();
    if let (None, Some(path)) = (&primary, &d.path) {
        group = group.element(Level::NOTE.message(format!("in {}", visible(path))));
    }
    let help = d.help.as_deref().map(visible);
    if let Some(help) = &help {
        group = group.element(Level::HELP.message(&**help));
    }
    let mut report: Vec<Group> = vec![group];
    for (ex, note) in &related {
        report.push(
            Level::NOTE.secondary_title(&**note).element(
                Snippet::source(&*ex.text)
                    .line_start(ex.line)
                    .path(&*ex.path)
                    .fold(false)
                    .annotation(AnnotationKind::Context.span(ex.range.clone())),
            ),
        );
    }
    renderer.render(&report).to_string()
}

#[derive(Serialize)]
struct JsonLocation<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    #[serde(flatten)]
    location: JsonLocation<'a>,
    note: &'a str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    #[serde(flatten)]
    location: Option<JsonLocation<'a>>,
    /// The file or folder of a problem without a place in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated<'a>>,
}

fn location(span: Span, sources: &SourceMap) -> JsonLocation<'_> {
    let file = sources.get(span.file);
    let (line, column) = file.line_col(span.start);
    let (end_line, end_column) = file.line_col(span.end);
    JsonLocation {
        file: &file.display_path,
        line,
        column,
        end_line,
        end_column,
    }
}

/// One JSON object per line, for CI and editors.
pub fn render_json(diagnostics: &[Diagnostic], sources: &SourceMap) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let json = JsonDiagnostic {
            code: d.code.as_str(),
            severity: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            message: &d.message,
            location: d.span.map(|s| location(s, sources)),
            file: if d.span.is_none() {
                d.path.as_deref()
            } else {
                None
            },
            label: d.label.as_deref(),
            help: d.help.as_deref(),
            related: d
                .related
                .iter()
                .map(|(s, note)| JsonRelated {
                    location: location(*s, sources),
                    note,
                })
                .collect(),
        };
        // Serialising plain strings and numbers cannot fail.
        out.push_str(&serde_json::to_string(&json).unwrap_or_default());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;
    use crate::source::SourceFile;

    fn sources() -> (SourceMap, crate::source::FileId) {
        let mut map = SourceMap::default();
        let text = "---\ntitle: x\n---\n市委市政府高度重视……（[](@measure/decision-2022/40)）\n";
        let id = map.add(SourceFile::new(
            "content/years/2023/achievements/01-coordination.zh.md".into(),
            "x".into(),
            text.into(),
        ));
        (map, id)
    }

    #[test]
    fn human_format_points_at_line_and_character_column() {
        let (map, id) = sources();
        let text = &map.get(id).text;
        let start = text.find("[](").unwrap();
        let end = text.find("）\n").unwrap();
        let d = Diagnostic::new(
            Code::UnknownMeasure,
            Span::new(id, start, end),
            "unknown measure `decision-2022/40`",
        )
        .with_help("decision-2022 has measures 1–34; did you mean `decision-2022/4`?");
        let out = render_human(&[d], &map, false);
        insta::assert_snapshot!(out);
    }

    #[test]
    fn json_lines_carry_location() {
        let (map, id) = sources();
        let d = Diagnostic::new(Code::UnknownKey, Span::new(id, 4, 9), "unknown key `titl`");
        let out = render_json(&[d], &map);
        assert_eq!(
            out,
            "{\"code\":\"E0101\",\"severity\":\"error\",\"message\":\"unknown key `titl`\",\"file\":\"content/years/2023/achievements/01-coordination.zh.md\",\"line\":2,\"column\":1,\"end_line\":2,\"end_column\":6}\n"
        );
    }
}
