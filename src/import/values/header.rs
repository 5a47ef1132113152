//! Finding the header row of a bureau's table and what each column holds.
//!
//! Tables come with a title, a date or a blank row above the header, and often with the
//! figures of several years side by side (`2023年 | 2024年`); the header is the first row,
//! among the first few that are not blank, with a heading of the indicator column
//! (`指标名称`); the value column is the one of the year being imported, or `数值`.

use super::fold::folded;
use super::table::{Place, Table};
use super::units::Unit;
use crate::diagnostics::{Code, Diagnostic};

/// How many non-blank rows from the top may come before the header row.
const HEADER_SEARCH: usize = 10;

const NAME_HEADINGS: &[&str] = &[
    "指标",
    "指标名称",
    "指标项",
    "指标项目",
    "名称",
    "项目",
    "indicator",
    "indicatorname",
    "name",
    "id",
];
const VALUE_HEADINGS: &[&str] = &["数值", "数据", "值", "value", "values"];
const UNIT_HEADINGS: &[&str] = &["单位", "计量单位", "unit", "units"];

/// The columns of a table, found in its header row.
#[derive(Debug)]
pub struct Columns {
    /// Index of the header row in the table's rows.
    pub header_row: usize,
    pub name: usize,
    pub value: usize,
    pub unit: Option<usize>,
    /// A unit in the value column's heading (`2025年（万件）`), for every row.
    pub value_unit: Option<Unit>,
}

/// What one heading says.
#[derive(Debug, PartialEq)]
enum Heading {
    Name,
    Value(Option<Unit>),
    Year(i32, Option<Unit>),
    Unit,
    Other,
}

/// A heading and the unit in brackets after it: `2025年（万件）` → (`2025年`, `万件`).
fn split_unit(heading: &str) -> (&str, Option<Unit>) {
    if let Some(open) = heading.find('(')
        && heading.ends_with(')')
        && open > 0
    {
        let unit = Unit::parse(&heading[open..]);
        return (&heading[..open], (!unit.is_none()).then_some(unit));
    }
    (heading, None)
}

fn heading(text: &str) -> Heading {
    let text = folded(text);
    if NAME_HEADINGS.contains(&text.as_str()) {
        return Heading::Name;
    }
    if UNIT_HEADINGS.contains(&text.as_str()) {
        return Heading::Unit;
    }
    let (words, unit) = split_unit(&text);
    if VALUE_HEADINGS.contains(&words) {
        return Heading::Value(unit);
    }
    let digits = words
        .strip_suffix("年度")
        .or_else(|| words.strip_suffix('年'))
        .unwrap_or(words);
    // A number cell 2025 reads as "2025".
    match digits.parse::<i32>() {
        Ok(year) if digits.len() == 4 && (1900..=2999).contains(&year) => Heading::Year(year, unit),
        _ => Heading::Other,
    }
}

/// The header row and columns of `table` for values of `year`.
pub fn columns(table: &Table, year: i32) -> Result<Columns, Diagnostic> {
    let candidates = table
        .rows
        .iter()
        .enumerate()
        .filter(|(_, row)| !row.is_blank())
        .take(HEADER_SEARCH);
    for (index, row) in candidates {
        let mut headings = headings_of(table, index);
        let Some(name) = headings.iter().position(|h| *h == Heading::Name) else {
            continue;
        };
        let place = row.cells[name].place;
        let header_row = match second_header_row(table, index, &mut headings) {
            Some(second) => second,
            None => index,
        };
        let unit = headings.iter().position(|h| *h == Heading::Unit);
        let (value, value_unit) = value_column(&headings, year)
            .ok_or_else(|| no_value_column(table, place, &headings, year))?;
        return Ok(Columns {
            header_row,
            name,
            value,
            unit,
            value_unit,
        });
    }
    Err(no_header(table, year))
}

fn headings_of(table: &Table, row: usize) -> Vec<Heading> {
    table.rows[row]
        .cells
        .iter()
        .map(|c| heading(&c.value.text()))
        .collect()
}

/// A header of two rows, as statistical tables often have: `数值` merged over the years in
/// the row below (`指标名称 | 单位 | 数值` over ` | | 2024年 | 2025年`). A merged cell's text is in
/// its first column only, so reading `数值` alone would take the first year's figures. When
/// the next row holds year headings, they are merged into `headings` and that row is the
/// header's last.
fn second_header_row(table: &Table, first: usize, headings: &mut Vec<Heading>) -> Option<usize> {
    let next = (first + 1..table.rows.len()).find(|&i| !table.rows[i].is_blank())?;
    let below = headings_of(table, next);
    if !below.iter().any(|h| matches!(h, Heading::Year(..))) {
        return None;
    }
    if headings.len() < below.len() {
        headings.resize_with(below.len(), || Heading::Other);
    }
    for (col, heading) in below.into_iter().enumerate() {
        if matches!(heading, Heading::Year(..)) {
            headings[col] = heading;
        }
    }
    Some(next)
}

/// The column of `year`, else the one headed `数值`.
fn value_column(headings: &[Heading], year: i32) -> Option<(usize, Option<Unit>)> {
    let of_year = headings
        .iter()
        .position(|h| matches!(h, Heading::Year(y, _) if *y == year));
    let generic = headings.iter().position(|h| matches!(h, Heading::Value(_)));
    let col = of_year.or(generic)?;
    let unit = match &headings[col] {
        Heading::Year(_, unit) | Heading::Value(unit) => unit.clone(),
        _ => None,
    };
    Some((col, unit))
}

fn no_value_column(table: &Table, place: Place, headings: &[Heading], year: i32) -> Diagnostic {
    let years: Vec<String> = headings
        .iter()
        .filter_map(|h| match h {
            Heading::Year(y, _) => Some(y.to_string()),
            _ => None,
        })
        .collect();
    let at = table.address(place);
    if years.is_empty() {
        table
            .diagnostic(
                Code::ImportNoValueColumn,
                place,
                format!("the header row ({at}) has no value column"),
            )
            .with_help(format!(
                "head the column of values `{year}年` or `数值` (`value`)"
            ))
    } else {
        table
            .diagnostic(
                Code::ImportNoValueColumn,
                place,
                format!(
                    "the header row ({at}) has columns for {} but not for {year}",
                    years.join(", ")
                ),
            )
            .with_help(format!(
                "import one of those years with `--year {}`, or add a column headed `{year}年`",
                years[years.len() - 1]
            ))
    }
}

fn no_header(table: &Table, year: i32) -> Diagnostic {
    let sheets = match &table.origin {
        super::table::Origin::Sheet { sheet, .. } => format!(" on sheet `{sheet}`"),
        super::table::Origin::Csv { .. } => String::new(),
    };
    Diagnostic::at_path(
        Code::ImportNoHeader,
        table.file(),
        format!(
            "{} has no header row{sheets}: none of its first {HEADER_SEARCH} rows heads a column `指标名称`",
            table.file()
        ),
    )
    .with_help(format!(
        "add a header row above the figures: `指标名称` (or `指标`, `名称`, `indicator`) over the \
         names, `{year}年` or `数值` (`value`) over the values, optionally `单位` (`unit`); \
         for another sheet of a workbook, pass --sheet"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_read_tolerantly() {
        assert_eq!(heading("指标名称"), Heading::Name);
        assert_eq!(heading(" 指 标 "), Heading::Name);
        assert_eq!(heading("Indicator"), Heading::Name);
        assert_eq!(heading("单位"), Heading::Unit);
        assert_eq!(heading("数值"), Heading::Value(None));
        assert_eq!(heading("2025年"), Heading::Year(2025, None));
        assert_eq!(heading("２０２５年度"), Heading::Year(2025, None));
        assert_eq!(heading("2024"), Heading::Year(2024, None));
        assert_eq!(
            heading("2025年（万件）"),
            Heading::Year(2025, Some(Unit::parse("万件")))
        );
        assert_eq!(
            heading("数值(亿元)"),
            Heading::Value(Some(Unit::parse("亿元")))
        );
        assert_eq!(heading("序号"), Heading::Other);
        assert_eq!(heading("25"), Heading::Other);
    }

    #[test]
    fn a_second_header_row_of_years_is_read() {
        let file = crate::source::SourceFile::new(
            "v.csv".into(),
            "v.csv".into(),
            "指标名称,单位,数值,\n,,2024年,2025年\n有效发明专利拥有量,件,41000,42180\n".into(),
        );
        let table = super::super::csv::table(
            &file,
            crate::source::FileId(0),
            crate::encoding::Encoding::Utf8,
        );
        let found = columns(&table, 2025).unwrap();
        assert_eq!((found.header_row, found.name, found.value), (1, 0, 3));
        assert_eq!(found.unit, Some(1));
        assert_eq!(columns(&table, 2024).unwrap().value, 2);
    }

    #[test]
    fn the_year_column_wins_over_value() {
        let headings = [
            Heading::Name,
            Heading::Value(None),
            Heading::Year(2024, None),
            Heading::Year(2025, None),
        ];
        assert_eq!(value_column(&headings, 2025).map(|c| c.0), Some(3));
        assert_eq!(value_column(&headings, 2023).map(|c| c.0), Some(1));
        assert_eq!(value_column(&headings[2..], 2023), None);
    }
}
