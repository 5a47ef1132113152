//! Workbooks (`.xlsx`, `.xls`, `.ods`) read with calamine into a [`Table`].

use std::path::Path;

use calamine::{Data, Reader, Sheets, StyleRange};

use super::table::{Cell, CellValue, Origin, Place, Row, Table};
use crate::diagnostics::suggest::closest;
use crate::diagnostics::{Code, Diagnostic};

/// The file extensions read as workbooks.
pub const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// A workbook and the names of its sheets, in the workbook's order.
pub struct Workbook {
    file: String,
    sheets: Sheets<std::io::BufReader<std::fs::File>>,
    pub names: Vec<String>,
}

/// Opens the workbook at `path` (`file` is how the editor named it).
pub fn open(path: &Path, file: &str) -> Result<Workbook, Diagnostic> {
    // calamine reports a missing file as a broken workbook; say what it is.
    std::fs::File::open(path).map_err(|err| {
        Diagnostic::at_path(
            Code::ImportUnreadable,
            file,
            format!("cannot read {file}: {err}"),
        )
        .with_help("check the file's name and folder")
    })?;
    let sheets = calamine::open_workbook_auto(path).map_err(|err| {
        Diagnostic::at_path(
            Code::ImportUnreadable,
            file,
            format!("{file} cannot be read as a workbook: {err}"),
        )
        .with_help("open it in Excel or WPS and save it again as .xlsx, or export the sheet as CSV")
    })?;
    let names = sheets.sheet_names();
    Ok(Workbook {
        file: file.to_string(),
        sheets,
        names,
    })
}

impl Workbook {
    /// The sheet `wanted` (by default the first one) as a table.
    pub fn table(&mut self, wanted: Option<&str>) -> Result<Table, Diagnostic> {
        let name = self.choose(wanted)?;
        let range = self.sheets.worksheet_range(&name).map_err(|err| {
            Diagnostic::at_path(
                Code::ImportUnreadable,
                self.file.as_str(),
                format!("sheet `{name}` of {} cannot be read: {err}", self.file),
            )
            .with_help("open the workbook in Excel or WPS and save it again as .xlsx")
        })?;
        // Styles say which number cells show as percentages; a workbook whose styles cannot
        // be read is read without them.
        let styles = self.sheets.worksheet_style(&name).ok();
        Ok(Table {
            origin: Origin::Sheet {
                file: self.file.clone(),
                sheet: name,
            },
            rows: rows(&range, styles.as_ref()),
        })
    }

    fn choose(&self, wanted: Option<&str>) -> Result<String, Diagnostic> {
        let Some(wanted) = wanted else {
            return self.names.first().cloned().ok_or_else(|| {
                Diagnostic::at_path(
                    Code::ImportUnreadable,
                    self.file.as_str(),
                    format!("{} has no sheet", self.file),
                )
            });
        };
        if let Some(name) = self.names.iter().find(|n| *n == wanted) {
            return Ok(name.clone());
        }
        let folded = super::fold::folded(wanted);
        if let Some(name) = self.names.iter().find(|n| super::fold::folded(n) == folded) {
            return Ok(name.clone());
        }
        let listed = self
            .names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let help = match closest(wanted, self.names.iter().map(String::as_str)) {
            Some(name) => format!("did you mean `--sheet {name}`? The sheets are {listed}"),
            None => format!("the sheets are {listed}"),
        };
        Err(Diagnostic::at_path(
            Code::ImportNoSheet,
            self.file.as_str(),
            format!("{} has no sheet named `{wanted}`", self.file),
        )
        .with_help(help))
    }
}

/// Every row of the sheet from its first row and column on, so that a cell's position in
/// its row is its column and every cell knows its address.
fn rows(range: &calamine::Range<Data>, styles: Option<&StyleRange>) -> Vec<Row> {
    let Some((top, left)) = range.start() else {
        return Vec::new();
    };
    let blank = |row: u32, col: u32| Cell {
        value: CellValue::Empty,
        place: Place::Sheet { row, col },
    };
    let mut out: Vec<Row> = (0..top)
        .map(|row| Row {
            cells: vec![blank(row, 0)],
        })
        .collect();
    for (i, data) in range.rows().enumerate() {
        let row = top + i as u32;
        let mut cells: Vec<Cell> = (0..left).map(|col| blank(row, col)).collect();
        for (j, value) in data.iter().enumerate() {
            let col = left + j as u32;
            let percent = styles.is_some_and(|s| shows_percent(s, row, col));
            cells.push(Cell {
                value: cell_value(value, percent),
                place: Place::Sheet { row, col },
            });
        }
        out.push(Row { cells });
    }
    out
}

fn cell_value(data: &Data, percent: bool) -> CellValue {
    match data {
        Data::Empty => CellValue::Empty,
        Data::Int(i) => CellValue::Number {
            value: *i as f64,
            percent,
        },
        Data::Float(f) => CellValue::Number { value: *f, percent },
        Data::String(s) => CellValue::Text(s.clone()),
        Data::Bool(b) => CellValue::Other(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
            CellValue::Other(format!("a date or time ({data})"))
        }
        Data::Error(e) => CellValue::Other(e.to_string()),
    }
}

/// Whether the cell's number format shows a percentage (`0%`, `0.0%`): a `%` outside quotes
/// and brackets, as Excel reads format codes.
fn shows_percent(styles: &StyleRange, row: u32, col: u32) -> bool {
    let Some(format) = styles
        .get((row, col))
        .and_then(|s| s.number_format.as_ref())
    else {
        return false;
    };
    let mut quoted = false;
    let mut bracket = false;
    for c in format.format_code.chars() {
        match c {
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            '%' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}
