//! A table read from a workbook sheet or a CSV file: rows of cells, each knowing where it is,
//! so that a problem with a value points at the cell the editor must change.

use crate::diagnostics::{Code, Diagnostic};
use crate::encoding::Encoding;
use crate::source::Span;

/// What a cell holds.
#[derive(Clone, Debug, PartialEq)]
pub enum CellValue {
    Empty,
    /// A number cell; `percent` when its number format shows it as a percentage (the cell
    /// holds `0.156` and shows `15.6%`).
    Number {
        value: f64,
        percent: bool,
    },
    Text(String),
    /// A date, a truth value or an error (`#DIV/0!`), as the sheet shows it.
    Other(String),
}

impl CellValue {
    /// Empty, or white space only.
    pub fn is_blank(&self) -> bool {
        match self {
            CellValue::Empty => true,
            CellValue::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, for headings and names.
    pub fn text(&self) -> String {
        match self {
            CellValue::Empty => String::new(),
            CellValue::Number { value, .. } => value.to_string(),
            CellValue::Text(t) | CellValue::Other(t) => t.clone(),
        }
    }
}

/// Where a cell is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Zero-based row and column of a sheet.
    Sheet { row: u32, col: u32 },
    /// The field's text in the decoded CSV file (whose line the snippet shows).
    Csv { line: usize, span: Span },
}

#[derive(Clone, Debug)]
pub struct Cell {
    pub value: CellValue,
    pub place: Place,
}

/// One row; `cells[i]` is in column `i` (counted from the sheet's first column).
#[derive(Clone, Debug)]
pub struct Row {
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn cell(&self, col: usize) -> Option<&Cell> {
        self.cells.get(col)
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.value.is_blank())
    }
}

/// What the table was read from.
#[derive(Clone, Debug)]
pub enum Origin {
    Sheet { file: String, sheet: String },
    Csv { file: String, encoding: Encoding },
}

#[derive(Clone, Debug)]
pub struct Table {
    pub origin: Origin,
    pub rows: Vec<Row>,
}

impl Table {
    /// The file as the editor named it.
    pub fn file(&self) -> &str {
        match &self.origin {
            Origin::Sheet { file, .. } | Origin::Csv { file, .. } => file,
        }
    }

    /// `Sheet1!B7` or `line 7`: where a cell is, in words for a message.
    pub fn address(&self, place: Place) -> String {
        match (place, &self.origin) {
            (Place::Sheet { row, col }, Origin::Sheet { sheet, .. }) => {
                format!("{}!{}", sheet_reference(sheet), cell_name(row, col))
            }
            (Place::Sheet { row, .. }, Origin::Csv { .. }) => format!("line {}", row + 1),
            (Place::Csv { line, .. }, _) => format!("line {line}"),
        }
    }

    /// A diagnostic about a cell: on its line of a CSV file, or naming its address in a
    /// workbook (which has no text to show).
    pub fn diagnostic(&self, code: Code, place: Place, message: impl Into<String>) -> Diagnostic {
        match place {
            Place::Csv { span, .. } => Diagnostic::new(code, span, message),
            Place::Sheet { .. } => Diagnostic::at_path(
                code,
                format!("{} {}", self.file(), self.address(place)),
                message,
            ),
        }
    }
}

/// `B7` for row 6, column 1 (both from zero).
pub fn cell_name(row: u32, col: u32) -> String {
    format!("{}{}", column_name(col), u64::from(row) + 1)
}

/// `A`, …, `Z`, `AA`, `AB`, …: Excel's names of columns.
pub fn column_name(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// A sheet's name as a cell reference writes it: quoted when it is not a plain word
/// (`'2025年 指标'!B7`), as Excel does.
fn sheet_reference(sheet: &str) -> String {
    if sheet.chars().all(|c| c.is_alphanumeric() || c == '_') {
        sheet.to_string()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(cell_name(6, 1), "B7");
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn sheet_names_are_quoted_when_needed() {
        assert_eq!(sheet_reference("Sheet1"), "Sheet1");
        assert_eq!(sheet_reference("指标"), "指标");
        assert_eq!(sheet_reference("2025 指标"), "'2025 指标'");
        assert_eq!(sheet_reference("Bob's"), "'Bob''s'");
    }
}
