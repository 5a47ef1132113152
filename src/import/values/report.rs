//! The year's `report.yaml` as import reads, creates and writes it.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic};
use crate::load::yaml::{self, Node, Value};
use crate::model::{Site, TextValues};
use crate::source::{FileId, SourceFile, SourceMap};

const BOM: &str = "\u{feff}";

/// A year's report.yaml, read (or made up, when the year has none yet) and parsed.
pub struct ReportFile {
    pub path: PathBuf,
    /// `content/years/<YYYY>/report.yaml`.
    pub display: String,
    pub id: FileId,
    pub tree: Node,
    /// Whether the file must be created.
    pub created: bool,
    /// Whether the report is a draft (`draft: true`), left out of `check` without --drafts.
    pub draft: bool,
    /// Whether the file starts with a byte-order mark, which writing it keeps.
    bom: bool,
}

pub fn display_path(year: i32) -> String {
    format!("content/years/{year}/report.yaml")
}

/// Reads and parses the report of `year` into `sources`, or starts a new one.
pub fn open(
    root: &Path,
    year: i32,
    site: &Site,
    sources: &mut SourceMap,
) -> Result<ReportFile, Diagnostic> {
    let display = display_path(year);
    let path = root.join(&display);
    let (text, bom, created) = match fs::read(&path) {
        Ok(bytes) => {
            let bom = bytes.starts_with(BOM.as_bytes());
            let mut text = String::from_utf8(bytes).map_err(|err| {
                let at = err.utf8_error().valid_up_to();
                Diagnostic::at_path(
                    Code::ReadFailed,
                    display.as_str(),
                    format!("{display} is not valid UTF-8 (first bad byte at offset {at})"),
                )
                .with_help("save the file as UTF-8, then import again")
            })?;
            if bom {
                text.drain(..BOM.len());
            }
            (text, bom, false)
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            (new_report(year, site), false, true)
        }
        Err(err) => {
            return Err(Diagnostic::at_path(
                Code::ReadFailed,
                display.as_str(),
                format!("cannot read {display}: {err}"),
            ));
        }
    };
    let file = SourceFile::new(display.clone(), path.clone(), text);
    let id = sources.add(file);
    let file = sources.get(id);
    let tree = yaml::parse(file, id, 0..file.text.len())?;
    let draft = match &tree.value {
        Value::Map(entries) => entries
            .iter()
            .any(|e| e.key == "draft" && matches!(e.value.value, Value::Bool(true))),
        _ => false,
    };
    Ok(ReportFile {
        path,
        display,
        id,
        tree,
        created,
        draft,
        bom,
    })
}

/// A draft report for a year that has none: the title made from the site's, `draft: true` so
/// that the year is not published before its report is written, and no values yet.
fn new_report(year: i32, site: &Site) -> String {
    let mut titles = Vec::new();
    for (lang, language) in site.languages.iter() {
        let title = match &site.config.title.values {
            TextValues::Universal(text) => Some(text.as_str()),
            TextValues::ByLanguage(map) => map.get(lang).map(|t| t.text.as_str()),
        };
        // zh-Hant is converted from zh when it has no value of its own.
        let (Some(title), false) = (title, language.code == "zh-Hant") else {
            continue;
        };
        let title = if language.code.starts_with("zh") {
            format!("{year}年{title}")
        } else {
            format!("{title} {year}")
        };
        titles.push(format!("{}: {}", language.code, scalar(&title)));
    }
    format!(
        "# A draft: the year is left out of the site until `draft: true` is removed.\n\
         title: {{{}}}\ndraft: true\nindicators:\n",
        titles.join(", ")
    )
}

/// A text as a YAML scalar inside a flow mapping: plain when nothing in it means something
/// to YAML, else double-quoted (a JSON string is a valid YAML one).
fn scalar(text: &str) -> String {
    let special = |c: char| ",[]{}#&*!|>'\"%@`:\\".contains(c) || c.is_control();
    let plain = !text.is_empty()
        && text.trim() == text
        && !text.chars().any(special)
        && !text.starts_with(['-', '?'])
        && text.parse::<f64>().is_err()
        && !matches!(text, "null" | "~" | "true" | "false");
    if plain {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
    }
}

/// The values of the report of `year`, when there is one that parses (for the change
/// against the previous year).
pub fn values_of(root: &Path, year: i32) -> Vec<(String, super::yaml_edit::Written)> {
    let display = display_path(year);
    let path = root.join(&display);
    let Ok(text) = crate::load::read_text(&path, &display) else {
        return Vec::new();
    };
    let file = SourceFile::new(display, path, text);
    match yaml::parse(&file, FileId(0), 0..file.text.len()) {
        Ok(tree) => super::yaml_edit::values(&file, &tree),
        Err(_) => Vec::new(),
    }
}

impl ReportFile {
    /// Writes `text` through a temporary file renamed into place, so that `serve` or an
    /// editor never reads half a file; creates the year's folder when it is new.
    pub fn write(&self, text: &str) -> Result<(), Diagnostic> {
        let failed = |err: std::io::Error| {
            Diagnostic::at_path(
                Code::ImportWriteFailed,
                self.display.as_str(),
                format!("cannot write {}: {err}", self.display),
            )
            .with_help(
                "check that the folder is writable and the disk is not full; nothing was changed",
            )
        };
        if let Some(folder) = self.path.parent() {
            fs::create_dir_all(folder).map_err(failed)?;
        }
        let bytes = if self.bom {
            format!("{BOM}{text}")
        } else {
            text.to_string()
        };
        crate::atomic::replace(&self.path, bytes.as_bytes()).map_err(failed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_quoted_only_when_yaml_needs_it() {
        assert_eq!(
            scalar("2025年示例市知识产权保护状况"),
            "2025年示例市知识产权保护状况"
        );
        assert_eq!(scalar("IP in Ningbo 2025"), "IP in Ningbo 2025");
        assert_eq!(scalar("IP: Ningbo 2025"), "\"IP: Ningbo 2025\"");
        assert_eq!(scalar("Ningbo, 2025"), "\"Ningbo, 2025\"");
        assert_eq!(scalar("2025"), "\"2025\"");
        assert_eq!(scalar("- x"), "\"- x\"");
    }
}
