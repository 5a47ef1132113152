//! The rows of a table as indicator values: which indicator each row names, its number, and
//! that number in the indicator's zh unit (the unit report.yaml holds values in).

use std::collections::BTreeMap;

use super::decimal::Decimal;
use super::fold::{folded, half_width};
use super::header::{self, Columns};
use super::names::{Found, Names};
use super::table::{Cell, CellValue, Place, Row, Table};
use super::units::Unit;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Indicator, LangId};

/// One indicator's value, in its unit.
#[derive(Clone, Debug)]
pub struct Imported {
    /// Index into the site's indicators.
    pub indicator: usize,
    pub value: Decimal,
}

/// What a table holds for one year.
#[derive(Debug)]
pub struct Values {
    pub columns: Columns,
    pub values: Vec<Imported>,
    /// Indicators whose row leaves the value blank or writes a dash (`—`, `/`): the bureau
    /// has no figure for them yet, and they are left as they are.
    pub without_value: Vec<usize>,
    pub diagnostics: Vec<Diagnostic>,
}

/// What a table needs to know of the site.
pub struct Site<'a> {
    pub indicators: &'a [Indicator],
    /// The language whose units are the stored ones (`zh`, or the default language).
    pub unit_lang: LangId,
}

/// Reads the values of `year` from `table`; `Err` when the table has no header or no value
/// column for the year.
pub fn read(table: &Table, site: &Site, year: i32) -> Result<Values, Diagnostic> {
    let columns = header::columns(table, year)?;
    let names = Names::new(site.indicators);
    let mut reading = Reading {
        table,
        site,
        names: &names,
        columns: &columns,
        first_place: BTreeMap::new(),
        values: Vec::new(),
        without_value: Vec::new(),
        diagnostics: Vec::new(),
    };
    for row in &table.rows[columns.header_row + 1..] {
        reading.row(row);
    }
    let Reading {
        values,
        without_value,
        diagnostics,
        ..
    } = reading;
    Ok(Values {
        columns,
        values,
        without_value,
        diagnostics,
    })
}

/// The state of reading one table.
struct Reading<'a> {
    table: &'a Table,
    site: &'a Site<'a>,
    names: &'a Names<'a>,
    columns: &'a Columns,
    /// Where each indicator was first given, to report a second row for it.
    first_place: BTreeMap<usize, Place>,
    values: Vec<Imported>,
    without_value: Vec<usize>,
    diagnostics: Vec<Diagnostic>,
}

/// A unit as the table wrote it, for messages.
struct GivenUnit {
    unit: Unit,
    written: String,
}

impl Reading<'_> {
    fn row(&mut self, row: &Row) {
        let (Some(name_cell), Some(value_cell)) =
            (row.cell(self.columns.name), row.cell(self.columns.value))
        else {
            return;
        };
        let name = name_cell.value.text();
        // Rows without a name are notes, group headings' neighbours or totals.
        if name.trim().is_empty() {
            return;
        }
        if is_no_value(&value_cell.value) {
            // A group heading (`一、创造`) or a note, or an indicator without a figure yet.
            if let Lookup::Found(i, _) = self.lookup(&name) {
                self.without_value.push(i);
            }
            return;
        }
        let Some((indicator, name_unit)) = self.indicator(&name, name_cell) else {
            return;
        };
        let Some((number, cell_unit)) = self.number(value_cell) else {
            return;
        };
        let column_unit = self.column_unit(row).or(name_unit);
        let given = match (cell_unit, column_unit) {
            (Some(cell), Some(column)) => {
                let scale_only = cell.unit.base.is_empty() && !cell.unit.percent;
                Some(GivenUnit {
                    unit: cell.unit.over(&column.unit),
                    written: if scale_only {
                        format!("{}{}", cell.written, column.written)
                    } else {
                        cell.written
                    },
                })
            }
            (cell, column) => cell.or(column),
        };
        let Some(value) = self.converted(indicator, number, given, value_cell) else {
            return;
        };
        if self.given_before(indicator, value_cell.place) {
            return;
        }
        self.values.push(Imported { indicator, value });
    }

    /// The indicator a name cell names, and the unit in brackets after the name when it is
    /// written so (`有效发明专利拥有量（件）`).
    fn indicator(&mut self, name: &str, cell: &Cell) -> Option<(usize, Option<GivenUnit>)> {
        match self.lookup(name) {
            Lookup::Found(i, unit) => Some((i, unit)),
            Lookup::Several(several) => {
                let listed: Vec<String> = several
                    .iter()
                    .map(|&i| format!("`{}`", self.site.indicators[i].id.value))
                    .collect();
                self.diagnostics.push(
                    self.table
                        .diagnostic(
                            Code::ImportUnknownIndicator,
                            cell.place,
                            format!(
                                "`{}` could be any of the indicators {}",
                                name.trim(),
                                listed.join(", ")
                            ),
                        )
                        .with_help("name the indicator by its id"),
                );
                None
            }
            Lookup::None => {
                self.diagnostics.push(self.unknown(name, cell.place));
                None
            }
        }
    }

    /// The indicator a name names, as it is or with a unit in brackets after it.
    fn lookup(&self, name: &str) -> Lookup {
        match self.names.find(name) {
            Found::None => self.with_unit_suffix(name),
            found => found.into(),
        }
    }

    /// `有效发明专利拥有量（件）` as the name `有效发明专利拥有量` with the unit `件`.
    fn with_unit_suffix(&self, name: &str) -> Lookup {
        let name = half_width(name);
        let name = name.trim();
        let Some(open) = name.rfind('(').filter(|_| name.ends_with(')')) else {
            return Lookup::None;
        };
        let unit = GivenUnit {
            unit: Unit::parse(&name[open..]),
            written: name[open + 1..name.len() - 1].trim().to_string(),
        };
        match self.names.find(&name[..open]) {
            Found::One(i) => Lookup::Found(i, Some(unit)),
            found => found.into(),
        }
    }

    fn unknown(&self, name: &str, place: Place) -> Diagnostic {
        let name = name.trim();
        let help = match self.names.closest(name) {
            Some(i) => {
                let indicator = &self.site.indicators[i];
                format!(
                    "did you mean `{}` ({})? Rows name an indicator by its id, zh name or en name",
                    indicator.name.or_empty(self.site.unit_lang),
                    indicator.id.value
                )
            }
            None => "no indicator of content/indicators.yaml has this id, zh name or en name: \
                     correct the name, or define the indicator there first"
                .to_string(),
        };
        self.table
            .diagnostic(
                Code::ImportUnknownIndicator,
                place,
                format!("unknown indicator `{name}`"),
            )
            .with_help(help)
    }

    /// The number of a value cell and the unit written in it (`63.18万`, `15.6%`, a cell
    /// formatted as a percentage).
    fn number(&mut self, cell: &Cell) -> Option<(Decimal, Option<GivenUnit>)> {
        let parsed = match &cell.value {
            CellValue::Number { value, percent } => {
                let value = Decimal::from_cell(*value);
                match (value, percent) {
                    (Some(v), true) => v.times_ten_to(2).map(|v| (v, Some("%".to_string()))),
                    (Some(v), false) => Some((v, None)),
                    (None, _) => None,
                }
            }
            CellValue::Text(text) => number_and_unit(text),
            CellValue::Other(_) | CellValue::Empty => None,
        };
        match parsed {
            Some((number, unit)) => Some((
                number,
                unit.map(|written| GivenUnit {
                    unit: Unit::parse(&written),
                    written,
                }),
            )),
            None => {
                self.diagnostics.push(not_a_number(self.table, cell));
                None
            }
        }
    }

    /// The unit in the row's unit column, or in the value column's heading.
    fn column_unit(&self, row: &Row) -> Option<GivenUnit> {
        let in_row = self
            .columns
            .unit
            .and_then(|col| row.cell(col))
            .map(|cell| cell.value.text())
            .filter(|text| !text.trim().is_empty())
            .map(|text| GivenUnit {
                unit: Unit::parse(&text),
                written: text.trim().to_string(),
            });
        in_row.or_else(|| {
            self.columns.value_unit.clone().map(|unit| GivenUnit {
                unit,
                written: String::new(),
            })
        })
    }

    /// `number` in `given` as a value in the indicator's unit.
    fn converted(
        &mut self,
        indicator: usize,
        number: Decimal,
        given: Option<GivenUnit>,
        cell: &Cell,
    ) -> Option<Decimal> {
        let Some(given) = given.filter(|g| !g.unit.is_none()) else {
            return Some(number);
        };
        let definition = &self.site.indicators[indicator];
        let stored = definition.unit.or_empty(self.site.unit_lang);
        let target = Unit::parse(stored);
        let Some(power) = given.unit.power_to(&target) else {
            self.diagnostics.push(unit_mismatch(
                self.table,
                cell,
                &given,
                definition,
                stored,
                self.site.unit_lang,
            ));
            return None;
        };
        let converted = number.times_ten_to(power);
        if converted.is_none() {
            // More digits than a value may have once converted (`1亿` into a unit of 0.0001).
            self.diagnostics.push(
                not_a_number(self.table, cell)
                    .with_help(format!("in `{stored}` the value has too many digits")),
            );
        }
        converted
    }

    /// Whether the indicator was given in an earlier row (reported here).
    fn given_before(&mut self, indicator: usize, place: Place) -> bool {
        let Some(&first) = self.first_place.get(&indicator) else {
            self.first_place.insert(indicator, place);
            return false;
        };
        let definition = &self.site.indicators[indicator];
        let mut d = self
            .table
            .diagnostic(
                Code::ImportDuplicate,
                place,
                format!(
                    "{} ({}) is given twice, first in {}",
                    definition.name.or_empty(self.site.unit_lang),
                    definition.id.value,
                    self.table.address(first)
                ),
            )
            .with_help("keep one of the two rows");
        if let Place::Csv { span, .. } = first {
            d = d.with_related(span, "first given here");
        }
        self.diagnostics.push(d);
        true
    }
}

/// A name looked up, possibly with a unit taken from it.
enum Lookup {
    Found(usize, Option<GivenUnit>),
    Several(Vec<usize>),
    None,
}

impl From<Found> for Lookup {
    fn from(found: Found) -> Lookup {
        match found {
            Found::One(i) => Lookup::Found(i, None),
            Found::Several(several) => Lookup::Several(several),
            Found::None => Lookup::None,
        }
    }
}

/// Blank, or a dash or a word that says there is no figure.
fn is_no_value(value: &CellValue) -> bool {
    match value {
        CellValue::Empty => true,
        CellValue::Text(text) => matches!(
            folded(text).as_str(),
            "" | "-" | "--" | "—" | "——" | "/" | "…" | "..." | "无" | "暂无" | "n/a" | "na"
        ),
        _ => false,
    }
}

/// `48,715` → 48715; `63.18万` → 63.18 and `万`; `４８７１５件` → 48715 and `件`; `15.6%` →
/// 15.6 and `%`. `None` when the text does not start with a number, or holds more digits
/// after its unit (`20-30`, `1.2.3`).
pub fn number_and_unit(text: &str) -> Option<(Decimal, Option<String>)> {
    let text: String = half_width(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(&text)),
    };
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(rest.len());
    let (number, unit) = rest.split_at(end);
    if unit.chars().any(|c| c.is_ascii_digit()) || !grouped_well(number) {
        return None;
    }
    let plain = number.replace(',', "");
    let value = Decimal::parse(&format!("{}{plain}", if negative { "-" } else { "" }))?;
    Some((value, (!unit.is_empty()).then(|| unit.to_string())))
}

/// Digit grouping only in threes before the point: `48,715` and `1,234,567.5`, not `4,87`.
fn grouped_well(number: &str) -> bool {
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if fraction.contains(',') {
        return false;
    }
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or("");
    if !whole.contains(',') {
        return true;
    }
    (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
}

fn not_a_number(table: &Table, cell: &Cell) -> Diagnostic {
    let found = match &cell.value {
        CellValue::Other(what) => what.clone(),
        other => format!("`{}`", other.text().trim()),
    };
    table
        .diagnostic(
            Code::ImportNotANumber,
            cell.place,
            format!("{found} is not a number"),
        )
        .with_help(
            "write the figure alone or with its unit, e.g. `48715`, `48,715`, `63.18万` or \
             `15.6%`; put notes, ranges and estimates in another column",
        )
}

fn unit_mismatch(
    table: &Table,
    cell: &Cell,
    given: &GivenUnit,
    definition: &Indicator,
    stored: &str,
    lang: LangId,
) -> Diagnostic {
    let name = definition.name.or_empty(lang);
    let id = &definition.id.value;
    let counted = if stored.is_empty() {
        "a plain number".to_string()
    } else {
        format!("in `{stored}`")
    };
    let written = if given.written.is_empty() {
        "the unit in the column's heading".to_string()
    } else {
        format!("`{}`", given.written)
    };
    let target = Unit::parse(stored);
    let help = if target.percent {
        "the indicator is a percentage: write the value as `15.6%` or `15.6`".to_string()
    } else if stored.is_empty() {
        "write the number without a unit".to_string()
    } else if target.power != 0 {
        // The same counting word in other scales: what a bureau may have used instead.
        let others: Vec<String> = ["", "万", "亿"]
            .iter()
            .map(|scale| format!("{scale}{}", target.base))
            .filter(|unit| Unit::parse(unit) != target)
            .map(|unit| format!("`{unit}`"))
            .collect();
        format!(
            "write the value in `{stored}` (a value in {} converts exactly), or check that the \
             row names the right indicator",
            others.join(" or ")
        )
    } else {
        format!("write the value in `{stored}`, or check that the row names the right indicator")
    };
    table
        .diagnostic(
            Code::ImportUnitMismatch,
            cell.place,
            format!("{written} does not fit {name} ({id}), which is {counted}"),
        )
        .with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Option<(String, Option<String>)> {
        number_and_unit(text).map(|(v, u)| (v.to_string(), u))
    }

    #[test]
    fn numbers_as_bureaus_write_them() {
        let some = |v: &str, u: Option<&str>| Some((v.to_string(), u.map(str::to_string)));
        assert_eq!(parsed("48,715"), some("48715", None));
        assert_eq!(parsed("48715件"), some("48715", Some("件")));
        assert_eq!(parsed("63.18万"), some("63.18", Some("万")));
        assert_eq!(parsed("1.2亿"), some("1.2", Some("亿")));
        assert_eq!(parsed("15.6%"), some("15.6", Some("%")));
        assert_eq!(parsed("４８７１５"), some("48715", None));
        assert_eq!(parsed("４８，７１５ 件"), some("48715", Some("件")));
        assert_eq!(parsed(" 1,234,567.5 "), some("1234567.5", None));
        assert_eq!(parsed("−3.5"), some("-3.5", None));
        assert_eq!(parsed("+12"), some("12", None));
    }

    #[test]
    fn what_is_not_a_number() {
        for text in [
            "约5000", "20-30", "1.2.3", "4,87", "", "件", "1,2345", "1.5,3",
        ] {
            assert_eq!(parsed(text), None, "{text}");
        }
    }

    #[test]
    fn dashes_mean_no_figure() {
        for text in ["—", "-", "/", " ", "暂无"] {
            assert!(is_no_value(&CellValue::Text(text.into())), "{text}");
        }
        assert!(!is_no_value(&CellValue::Text("0".into())));
    }
}
