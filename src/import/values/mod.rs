//! Indicator values from the workbooks and CSV exports statistics bureaus send, written into
//! a year's `report.yaml` in place (`ipreport import values`).
//!
//! The stages, each in its own module: [`sheet`] and [`csv`] read the file into a
//! [`table::Table`] whose cells know their address; [`header`] finds the header row and the
//! columns, [`rows`] matches each row to an indicator ([`names`]) and reads its number and
//! unit ([`units`], in [`decimal`] arithmetic); [`report`] opens the year's report.yaml and
//! [`yaml_edit`] writes the values into its text. Every problem is a diagnostic, all of them
//! are collected, and nothing is written when there is one. Like the other stages, this one
//! prints nothing: `cmd::import` shows its result.

mod csv;
mod decimal;
mod fold;
mod header;
mod names;
mod report;
mod rows;
mod sheet;
mod table;
mod units;
mod yaml_edit;

use std::path::{Path, PathBuf};

pub use decimal::Decimal;

use crate::diagnostics::{Code, Diagnostic};
use crate::encoding::Encoding;
use crate::load::{self, LoadOptions};
use crate::model::{Indicator, LangId, Site};
use crate::source::{SourceFile, SourceMap};
use table::{Origin, Place, Table};

/// What `ipreport import values` was asked to do.
#[derive(Clone, Debug)]
pub struct ValuesRequest {
    /// The site folder.
    pub root: PathBuf,
    /// The workbook or CSV file, as the editor named it.
    pub file: PathBuf,
    pub year: i32,
    /// The sheet of a workbook (by default its first).
    pub sheet: Option<String>,
    /// Show what would change, write nothing.
    pub dry_run: bool,
}

/// What an import did, or the problems that stopped it.
pub struct ValuesImport {
    /// The files the diagnostics point into (the site's, a CSV file's decoded text).
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
    /// `None` when a problem stopped the import; then nothing was written.
    pub outcome: Option<Outcome>,
}

/// Where the values were read from.
#[derive(Clone, Debug)]
pub enum ReadFrom {
    Sheet { sheet: String },
    Csv { encoding: Encoding },
}

/// One indicator's value that changes.
#[derive(Clone, Debug)]
pub struct Change {
    pub id: String,
    /// The indicator's name and unit in the language of the stored values.
    pub name: String,
    pub unit: String,
    /// The value report.yaml held as it is written there, `None` for a new entry.
    pub old: Option<String>,
    pub new: Decimal,
    /// The previous year's value, when that year's report has one.
    pub previous: Option<Decimal>,
}

impl Change {
    pub fn is_percentage(&self) -> bool {
        units::Unit::parse(&self.unit).percent
    }
}

/// An import that found no problem.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// The file as the editor named it.
    pub file: String,
    pub read_from: ReadFrom,
    /// The header's row (workbooks) or line (CSV), from 1.
    pub header_line: usize,
    /// `content/years/<YYYY>/report.yaml`.
    pub report: String,
    pub year: i32,
    /// Whether report.yaml is new (a draft).
    pub created: bool,
    /// Whether the report is a draft, which `check` leaves out without --drafts.
    pub draft: bool,
    pub changes: Vec<Change>,
    /// How many values the report held already.
    pub unchanged: usize,
    /// Indicators the table names without a figure (name, id).
    pub without_value: Vec<(String, String)>,
    /// Whether report.yaml was written (not in a dry run, nor when nothing changes).
    pub written: bool,
}

/// Imports the values of `request.file` into the report of `request.year`.
pub fn import_values(request: &ValuesRequest) -> ValuesImport {
    let loaded = load::load(&request.root, &LoadOptions { drafts: true });
    let mut sources = loaded.sources;
    let (blocking, others): (Vec<Diagnostic>, Vec<Diagnostic>) = loaded
        .diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .partition(|d| concerns_import(d, &sources));
    let site = match loaded.site {
        Some(site) if blocking.is_empty() => site,
        // A site that could not be loaded at all: whatever stopped it.
        None if blocking.is_empty() => return stopped(sources, others),
        _ => return stopped(sources, blocking),
    };
    match run(request, &site, &mut sources) {
        Ok(outcome) => ValuesImport {
            sources,
            diagnostics: Vec::new(),
            outcome: Some(outcome),
        },
        Err(diagnostics) => stopped(sources, diagnostics),
    }
}

fn stopped(sources: SourceMap, diagnostics: Vec<Diagnostic>) -> ValuesImport {
    ValuesImport {
        sources,
        diagnostics,
        outcome: None,
    }
}

/// Errors in the files an import reads: site.yaml (the languages, the title of a new
/// report) and indicators.yaml (what the rows name). Other errors of the site are `check`'s
/// business and do not stop an import.
fn concerns_import(d: &Diagnostic, sources: &SourceMap) -> bool {
    let path = match (d.span, &d.path) {
        (Some(span), _) => sources.get(span.file).display_path.as_str(),
        (None, Some(path)) => path,
        (None, None) => return true,
    };
    matches!(
        path,
        "content/" | "content/site.yaml" | "content/indicators.yaml"
    )
}

/// The language whose units report.yaml's values are in: `zh`, or the default language of
/// a site without Chinese.
fn unit_language(site: &Site) -> LangId {
    site.languages.find("zh").unwrap_or(LangId::DEFAULT)
}

fn run(
    request: &ValuesRequest,
    site: &Site,
    sources: &mut SourceMap,
) -> Result<Outcome, Vec<Diagnostic>> {
    if site.indicators.is_empty() {
        return Err(vec![
            Diagnostic::at_path(
                Code::ImportUnknownIndicator,
                "content/indicators.yaml",
                "the site defines no indicators, so no row can name one",
            )
            .with_help("define the indicators in content/indicators.yaml first (SPEC §4)"),
        ]);
    }
    let table = read_table(request, sources).map_err(|d| vec![d])?;
    let unit_lang = unit_language(site);
    let read = rows::read(
        &table,
        &rows::Site {
            indicators: &site.indicators,
            unit_lang,
        },
        request.year,
    )
    .map_err(|d| vec![d])?;
    let new: Vec<(String, Decimal)> = read
        .values
        .iter()
        .map(|v| (site.indicators[v.indicator].id.value.clone(), v.value))
        .collect();
    // The report is edited even when rows have problems, so that its own problems are
    // reported with theirs.
    let edited = edit_report(request, site, sources, &new);
    let mut diagnostics = read.diagnostics;
    let (report, edit) = match edited {
        Ok(edited) if diagnostics.is_empty() => edited,
        Ok(_) => return Err(diagnostics),
        Err(d) => {
            diagnostics.push(d);
            return Err(diagnostics);
        }
    };
    let written = !request.dry_run && !edit.changed.is_empty();
    if written {
        report.write(&edit.text).map_err(|d| vec![d])?;
    }
    Ok(Outcome {
        file: table.file().to_string(),
        read_from: read_from(&table.origin),
        header_line: header_line(&table, read.columns.header_row),
        report: report.display.clone(),
        year: request.year,
        created: report.created,
        draft: report.draft,
        changes: changes(&request.root, request.year, site, unit_lang, &edit),
        unchanged: edit.unchanged.len(),
        without_value: read
            .without_value
            .iter()
            .map(|&i| named(&site.indicators[i], unit_lang))
            .collect(),
        written,
    })
}

/// The year's report with `new` written into its text (in memory).
fn edit_report(
    request: &ValuesRequest,
    site: &Site,
    sources: &mut SourceMap,
    new: &[(String, Decimal)],
) -> Result<(report::ReportFile, yaml_edit::Edit), Diagnostic> {
    let report = report::open(&request.root, request.year, site, sources)?;
    let file = sources.get(report.id);
    let edit = yaml_edit::edit(file, &report.tree, new)?;
    verify(file, &edit, new)?;
    Ok((report, edit))
}

fn read_from(origin: &Origin) -> ReadFrom {
    match origin {
        Origin::Sheet { sheet, .. } => ReadFrom::Sheet {
            sheet: sheet.clone(),
        },
        Origin::Csv { encoding, .. } => ReadFrom::Csv {
            encoding: *encoding,
        },
    }
}

/// The workbook sheet or CSV file as a table.
fn read_table(request: &ValuesRequest, sources: &mut SourceMap) -> Result<Table, Diagnostic> {
    let display = request.file.display().to_string();
    let extension = request
        .file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if sheet::EXTENSIONS.contains(&extension.as_str()) {
        return sheet::open(&request.file, &display)?.table(request.sheet.as_deref());
    }
    if !csv::EXTENSIONS.contains(&extension.as_str()) {
        return Err(Diagnostic::at_path(
            Code::ImportUnreadable,
            display.as_str(),
            format!("{display} is neither a workbook nor a CSV file"),
        )
        .with_help("import an .xlsx, .xls or .ods workbook or a .csv file (save the table as one of those)"));
    }
    if let Some(sheet) = &request.sheet {
        return Err(Diagnostic::at_path(
            Code::ImportNoSheet,
            display.as_str(),
            format!("--sheet {sheet} was given, but {display} is a CSV file, which has no sheets"),
        )
        .with_help("leave out --sheet for a CSV file"));
    }
    let (text, encoding) = decode(&request.file, &display)?;
    let file = SourceFile::new(display, request.file.clone(), text);
    let id = sources.add(file);
    Ok(csv::table(sources.get(id), id, encoding))
}

/// The text of a CSV file in whichever encoding it is in.
fn decode(path: &Path, display: &str) -> Result<(String, Encoding), Diagnostic> {
    let bytes = std::fs::read(path).map_err(|err| {
        Diagnostic::at_path(
            Code::ImportUnreadable,
            display,
            format!("cannot read {display}: {err}"),
        )
        .with_help("check the file's name and folder")
    })?;
    let decoded = crate::encoding::decode(&bytes).ok_or_else(|| {
        Diagnostic::at_path(
            Code::ImportUnreadable,
            display,
            format!("{display} is not text in UTF-8, UTF-16 or GBK/GB18030"),
        )
        .with_help("if it is a workbook, give it its .xlsx, .xls or .ods name; else save it again as CSV (UTF-8)")
    })?;
    Ok((decoded.text, decoded.encoding))
}

/// The header's row or line number, from 1.
fn header_line(table: &Table, row: usize) -> usize {
    match table.rows[row].cells.first().map(|c| c.place) {
        Some(Place::Sheet { row, .. }) => row as usize + 1,
        Some(Place::Csv { line, .. }) => line,
        None => row + 1,
    }
}

fn named(indicator: &Indicator, lang: LangId) -> (String, String) {
    (
        indicator.name.or_empty(lang).to_string(),
        indicator.id.value.clone(),
    )
}

/// The changes of an edit, with the names, units and previous year's values to show.
fn changes(
    root: &Path,
    year: i32,
    site: &Site,
    lang: LangId,
    edit: &yaml_edit::Edit,
) -> Vec<Change> {
    let previous = report::values_of(root, year - 1);
    edit.changed
        .iter()
        .map(|c| {
            let indicator = site.indicators.iter().find(|i| i.id.value == c.id);
            Change {
                id: c.id.clone(),
                name: indicator.map_or("", |i| i.name.or_empty(lang)).to_string(),
                unit: indicator.map_or("", |i| i.unit.or_empty(lang)).to_string(),
                old: c.old.as_ref().map(|w| w.text.clone()),
                new: c.new,
                previous: previous
                    .iter()
                    .find(|(id, _)| *id == c.id)
                    .and_then(|(_, w)| w.number),
            }
        })
        .collect()
}

/// Reads the edited text back: it must parse and hold exactly the imported values. An edit
/// in place is careful text surgery, and a slip must never reach the editor's file.
fn verify(
    file: &SourceFile,
    edit: &yaml_edit::Edit,
    new: &[(String, Decimal)],
) -> Result<(), Diagnostic> {
    let edited = SourceFile::new(
        file.display_path.clone(),
        file.path.clone(),
        edit.text.clone(),
    );
    let id = crate::source::FileId(u32::MAX);
    let held = crate::load::yaml::parse(&edited, id, 0..edited.text.len())
        .map(|tree| yaml_edit::values(&edited, &tree))
        .unwrap_or_default();
    let all_held = new.iter().all(|(id, value)| {
        held.iter()
            .any(|(held_id, w)| held_id == id && w.number == Some(*value))
    });
    if all_held {
        return Ok(());
    }
    Err(Diagnostic::at_path(
        Code::ImportReportNotEditable,
        file.display_path.as_str(),
        format!(
            "{} could not be edited safely: the edited file would not read back as the imported values",
            file.display_path
        ),
    )
    .with_help("write the `indicators:` map as plain `  <indicator-id>: <value>` lines, or enter the values by hand"))
}

#[cfg(test)]
pub(crate) mod testing {
    //! A site on disk for the module's unit tests.

    use crate::model::Indicator;

    /// The indicators of an `indicators.yaml` text, loaded as the loader reads them.
    pub fn indicators(yaml: &str) -> Vec<Indicator> {
        let dir = tempfile::TempDir::new().expect("a temporary folder");
        let content = dir.path().join("content");
        std::fs::create_dir_all(&content).expect("content/");
        std::fs::write(
            content.join("site.yaml"),
            "title: {zh: 示例, en: Example}\npublisher: {zh: 示例, en: Example}\nlanguages: [zh, en]\n",
        )
        .expect("site.yaml");
        std::fs::write(content.join("indicators.yaml"), yaml).expect("indicators.yaml");
        let loaded = crate::load::load(dir.path(), &Default::default());
        let site = loaded.site.expect("the site loads");
        site.indicators
    }
}
