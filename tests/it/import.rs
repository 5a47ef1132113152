//! `ipreport import values`: workbooks and CSV files as bureaus send them, written into a
//! copy of the fixture site's report.yaml, which must then pass the checks.
//!
//! The tables are real files: workbooks written with rust_xlsxwriter, CSV files in each
//! encoding offices use (`tests/fixtures/import/values.csv` re-encoded). The fixture site
//! (`tests/fixtures/site`) has the indicators invention-patents (件), pledge-financing (亿元),
//! hte-coverage (%) and handling-days (天), with values for 2023 and 2024.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::{compile, fixtures, good_copy, import_values};
use ipreport::encoding::Encoding;
use ipreport::import::values::ReadFrom;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

/// The values `tests/fixtures/import/values.csv` holds for 2024, in the indicators' units.
const IMPORTED_2024: &[(&str, &str)] = &[
    ("invention-patents", "42180"),
    ("pledge-financing", "110.5"),
    ("hte-coverage", "63.5"),
    ("handling-days", "72"),
];

fn report_path(root: &Path, year: i32) -> PathBuf {
    root.join(format!("content/years/{year}/report.yaml"))
}

fn report(root: &Path, year: i32) -> String {
    fs::read_to_string(report_path(root, year)).unwrap()
}

/// The `indicators:` lines of a report, as `(id, value)` text.
fn values_in(root: &Path, year: i32) -> Vec<(String, String)> {
    let text = report(root, year);
    let after = text.split("indicators:").nth(1).unwrap_or("");
    after
        .lines()
        .filter_map(|line| {
            let line = line.split('#').next()?.trim();
            let (id, value) = line.split_once(':')?;
            Some((id.trim().to_string(), value.trim().to_string()))
        })
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

fn assert_values(root: &Path, year: i32, expected: &[(&str, &str)]) {
    let found = values_in(root, year);
    for (id, value) in expected {
        assert!(
            found.iter().any(|(i, v)| i == id && v == value),
            "{id}: {value} is not in report.yaml:\n{}",
            report(root, year)
        );
    }
}

/// The site compiles (drafts included) without an error or a warning.
fn assert_checks_pass(root: &Path) {
    let run = compile(root);
    assert!(run.found.is_empty(), "{}", run.human);
}

/// A starter site compiles without an error; its only warnings are the placeholders it
/// leaves to the editor (W0111, W0112).
fn assert_starter_checks_pass(root: &Path) {
    let run = compile(root);
    let other: Vec<_> = run
        .found
        .iter()
        .filter(|d| !["W0111", "W0112"].contains(&d.code))
        .collect();
    assert!(other.is_empty(), "{}", run.human);
}

fn values_csv() -> String {
    fs::read_to_string(fixtures().join("import/values.csv")).unwrap()
}

fn write_file(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

/// A workbook as a bureau sends one: a title, a blank row, a header with two years, numbers
/// as numbers and as text, units in their own column and in the cells.
fn bureau_workbook() -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("主要指标").unwrap();
    let percent = Format::new().set_num_format("0.0%");
    sheet
        .write_string(0, 0, "测试市知识产权主要指标（2023—2024年）")
        .unwrap();
    for (col, heading) in ["序号", "指标名称", "单位", "2023年", "2024年"]
        .iter()
        .enumerate()
    {
        sheet.write_string(2, col as u16, *heading).unwrap();
    }
    // 有效发明专利拥有量: a number cell.
    sheet.write_number(3, 0, 1).unwrap();
    sheet.write_string(3, 1, "有效发明专利拥有量").unwrap();
    sheet.write_string(3, 2, "件").unwrap();
    sheet.write_number(3, 3, 35000).unwrap();
    sheet.write_number(3, 4, 42180).unwrap();
    // 质押融资额: text with the unit in the cell, in another scale than the indicator's.
    sheet.write_number(4, 0, 2).unwrap();
    sheet.write_string(4, 1, "知识产权质押融资额").unwrap();
    sheet.write_string(4, 4, "1105000万元").unwrap();
    // A percentage cell: 0.635 shown as 63.5%.
    sheet.write_number(5, 0, 3).unwrap();
    sheet
        .write_string(5, 1, "高新技术企业知识产权管理覆盖率")
        .unwrap();
    sheet
        .write_number_with_format(5, 4, 0.635, &percent)
        .unwrap();
    // Full-width digits in a text cell, the unit in its column.
    sheet.write_number(6, 0, 4).unwrap();
    sheet
        .write_string(6, 1, "专利侵权纠纷平均办案周期")
        .unwrap();
    sheet.write_string(6, 2, "天").unwrap();
    sheet.write_string(6, 4, "７２").unwrap();
    sheet
        .write_string(8, 0, "注：数据来源于测试市统计局。")
        .unwrap();
    workbook.save_to_buffer().unwrap()
}

// ---------------------------------------------------------------------------------------------
// Workbooks

#[test]
fn a_workbook_with_a_title_two_years_and_units_is_imported() {
    let site = good_copy();
    let tables = tempfile::TempDir::new().unwrap();
    let xlsx = write_file(tables.path(), "values.xlsx", bureau_workbook());
    let import = import_values(site.path(), &xlsx, 2024, None, false);
    let outcome = import.outcome();
    assert!(
        matches!(&outcome.read_from, ReadFrom::Sheet { sheet } if sheet == "主要指标"),
        "{outcome:?}"
    );
    assert_eq!(outcome.header_line, 3);
    assert!(outcome.written);
    assert_eq!(outcome.changes.len(), 4);
    assert_values(site.path(), 2024, IMPORTED_2024);
    assert_checks_pass(site.path());
    // The 2023 column of the same sheet.
    let import = import_values(site.path(), &xlsx, 2023, None, false);
    assert_eq!(import.outcome().changes.len(), 0, "{:?}", import.outcome());
}

#[test]
fn a_sheet_is_chosen_by_name() {
    let site = good_copy();
    let tables = tempfile::TempDir::new().unwrap();
    let mut workbook = Workbook::new();
    workbook.add_worksheet().set_name("说明").unwrap();
    let sheet = workbook.add_worksheet();
    sheet.set_name("2024 数据").unwrap();
    sheet.write_string(0, 0, "指标").unwrap();
    sheet.write_string(0, 1, "数值").unwrap();
    sheet.write_string(1, 0, "invention-patents").unwrap();
    sheet.write_number(1, 1, 42180).unwrap();
    let xlsx = write_file(
        tables.path(),
        "two-sheets.xlsx",
        workbook.save_to_buffer().unwrap(),
    );
    // The first sheet is only a note: no header there.
    let import = import_values(site.path(), &xlsx, 2024, None, false);
    assert_eq!(import.codes(), ["E0603"], "{}", import.human);
    assert!(import.human.contains("sheet `说明`"), "{}", import.human);
    let import = import_values(site.path(), &xlsx, 2024, Some("2024 数据"), false);
    assert_eq!(import.outcome().changes.len(), 1);
    assert_values(site.path(), 2024, &[("invention-patents", "42180")]);
}

/// Writes `src/cmd/starter/values.xlsx`, the sample table `ipreport new` puts beside a new
/// site: `cargo test --test it -- --ignored regenerate_starter_values_xlsx`.
#[test]
#[ignore = "writes src/cmd/starter/values.xlsx; run after changing the starter's indicators"]
fn regenerate_starter_values_xlsx() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cmd/starter/values.xlsx");
    fs::write(&path, starter_workbook()).unwrap();
}

/// The starter site's indicators for 2025 as a bureau's table.
fn starter_workbook() -> Vec<u8> {
    let mut workbook = Workbook::new();
    // A fixed creation time, so that the same table gives the same bytes.
    let created = ExcelDateTime::from_ymd(2026, 1, 15).unwrap();
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let sheet = workbook.add_worksheet();
    sheet.set_name("2025年指标").unwrap();
    let bold = Format::new().set_bold();
    sheet
        .write_string_with_format(0, 0, "示例市2025年知识产权主要指标", &bold)
        .unwrap();
    for (col, heading) in ["序号", "指标名称", "单位", "2025年"].iter().enumerate() {
        sheet
            .write_string_with_format(2, col as u16, *heading, &bold)
            .unwrap();
    }
    let rows: [(&str, &str, f64); 3] = [
        ("有效发明专利拥有量", "件", 9812.0),
        // Bureaus often count money in 万元; the indicator is in 亿元.
        ("知识产权质押融资额", "万元", 235600.0),
        ("专利侵权纠纷平均办案周期", "天", 68.0),
    ];
    for (i, (name, unit, value)) in rows.iter().enumerate() {
        let row = 3 + i as u32;
        sheet.write_number(row, 0, (i + 1) as f64).unwrap();
        sheet.write_string(row, 1, *name).unwrap();
        sheet.write_string(row, 2, *unit).unwrap();
        sheet.write_number(row, 3, *value).unwrap();
    }
    sheet
        .write_string(7, 0, "注：数据来源于示例市统计局、示例市市场监督管理局。")
        .unwrap();
    sheet.set_column_width(1, 28).unwrap();
    workbook.save_to_buffer().unwrap()
}

#[test]
fn the_starter_sample_table_imports_into_a_new_site() {
    let dir = tempfile::TempDir::new().unwrap();
    let root = dir.path().join("site");
    ipreport::cmd::new::create(&root).unwrap();
    let xlsx = root.join(ipreport::cmd::new::STARTER_VALUES_NAME);
    assert_eq!(fs::read(&xlsx).unwrap(), ipreport::cmd::new::STARTER_VALUES);
    let import = import_values(&root, &xlsx, 2025, None, false);
    let outcome = import.outcome();
    assert_eq!(outcome.header_line, 3);
    assert_eq!(outcome.changes.len(), 3, "{outcome:?}");
    assert_values(
        &root,
        2025,
        &[
            ("invention-patents", "9812"),
            ("pledge-financing", "23.56"),
            ("handling-days", "68"),
        ],
    );
    assert_starter_checks_pass(&root);
    // The committed file holds what the generator writes.
    let dir = tempfile::TempDir::new().unwrap();
    let fresh = write_file(dir.path(), "values.xlsx", starter_workbook());
    let again = import_values(&root, &fresh, 2025, None, true);
    assert!(again.outcome().changes.is_empty(), "{:?}", again.outcome());
}

// ---------------------------------------------------------------------------------------------
// CSV in the encodings offices use

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xff, 0xfe];
    for unit in text.encode_utf16() {
        out.extend(unit.to_le_bytes());
    }
    out
}

#[test]
fn csv_in_every_encoding_is_imported_and_the_encoding_named() {
    let text = values_csv();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    // Excel's "Unicode text" is tab-separated UTF-16.
    let tabs = text.replace(',', "\t").replace("\"42\t180\"", "42,180");
    let cases: Vec<(&str, Vec<u8>, Encoding)> = vec![
        ("utf8.csv", text.as_bytes().to_vec(), Encoding::Utf8),
        (
            "bom.csv",
            [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat(),
            Encoding::Utf8Bom,
        ),
        ("gbk.csv", gbk.into_owned(), Encoding::Gb18030),
        ("unicode.txt", utf16le_with_bom(&tabs), Encoding::Utf16Le),
    ];
    for (name, bytes, encoding) in cases {
        let site = good_copy();
        let file = write_file(site.path(), name, bytes);
        let import = import_values(site.path(), &file, 2024, None, false);
        let outcome = import.outcome();
        assert!(
            matches!(outcome.read_from, ReadFrom::Csv { encoding: e } if e == encoding),
            "{name}: {:?}",
            outcome.read_from
        );
        assert_eq!(outcome.header_line, 3, "{name}");
        assert_values(site.path(), 2024, IMPORTED_2024);
        assert_checks_pass(site.path());
        let shown = ipreport::cmd::import::report(outcome);
        assert!(shown.contains(encoding.name()), "{name}: {shown}");
    }
}

#[test]
fn names_are_matched_by_id_en_name_and_tolerantly() {
    let site = good_copy();
    let csv = "indicator,value,unit\n\
               invention-patents,42180,\n\
               IP pledge financing,11.05,十亿元\n\
               ｈｔｅ－ｃｏｖｅｒａｇｅ,63.5,%\n\
               专利侵权纠纷平均办案周期（天）,72,\n";
    let file = write_file(site.path(), "names.csv", csv);
    let import = import_values(site.path(), &file, 2024, None, false);
    assert_eq!(import.outcome().changes.len(), 4, "{:?}", import.outcome());
    assert_values(site.path(), 2024, IMPORTED_2024);
}

// ---------------------------------------------------------------------------------------------
// The edit of report.yaml

#[test]
fn a_second_import_changes_nothing() {
    let site = good_copy();
    let file = write_file(site.path(), "values.csv", values_csv());
    let first = import_values(site.path(), &file, 2024, None, false);
    assert!(first.outcome().written);
    let after_first = fs::read(report_path(site.path(), 2024)).unwrap();
    let second = import_values(site.path(), &file, 2024, None, false);
    let outcome = second.outcome();
    assert!(outcome.changes.is_empty());
    assert!(!outcome.written);
    assert_eq!(outcome.unchanged, 4);
    assert_eq!(
        fs::read(report_path(site.path(), 2024)).unwrap(),
        after_first
    );
    let shown = ipreport::cmd::import::report(outcome);
    assert!(shown.contains("nothing to change"), "{shown}");
}

#[test]
fn comments_order_and_spacing_are_kept_byte_for_byte() {
    let site = good_copy();
    let odd = fs::read(fixtures().join("import/report-odd.yaml")).unwrap();
    fs::write(report_path(site.path(), 2024), &odd).unwrap();
    let file = write_file(site.path(), "values.csv", values_csv());
    let import = import_values(site.path(), &file, 2024, None, false);
    let outcome = import.outcome();
    assert_eq!(outcome.changes.len(), 4);
    let added: Vec<&str> = outcome
        .changes
        .iter()
        .filter(|c| c.old.is_none())
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(added, ["handling-days"]);
    let expected = fs::read_to_string(fixtures().join("import/report-odd.expected.yaml")).unwrap();
    assert_eq!(report(site.path(), 2024), expected);
    assert_checks_pass(site.path());
}

#[test]
fn crlf_line_ends_and_a_byte_order_mark_are_kept() {
    let site = good_copy();
    let original = report(site.path(), 2024).replace("  handling-days: 75\n", "");
    let crlf = format!("\u{feff}{}", original.replace('\n', "\r\n"));
    fs::write(report_path(site.path(), 2024), &crlf).unwrap();
    let file = write_file(site.path(), "values.csv", values_csv());
    import_values(site.path(), &file, 2024, None, false).outcome();
    let written = report(site.path(), 2024);
    assert!(written.starts_with('\u{feff}'));
    assert!(written.ends_with("  handling-days: 72\r\n"), "{written:?}");
    assert!(!written.replace("\r\n", "").contains('\n'), "{written:?}");
    assert_checks_pass(site.path());
}

/// Writes `indicators` (the text after `indicators:`) into the 2024 report, imports the
/// fixture table and returns the new text after `indicators:`.
fn import_into_map(indicators: &str) -> String {
    let site = good_copy();
    let text = report(site.path(), 2024);
    let head = text.split("indicators:").next().unwrap();
    fs::write(
        report_path(site.path(), 2024),
        format!("{head}indicators:{indicators}"),
    )
    .unwrap();
    let file = write_file(site.path(), "values.csv", values_csv());
    import_values(site.path(), &file, 2024, None, false).outcome();
    assert_checks_pass(site.path());
    let text = report(site.path(), 2024);
    text.split("indicators:").nth(1).unwrap().to_string()
}

#[test]
fn new_indicators_are_added_in_the_map_s_own_style() {
    // Block style, at the entries' indentation, after the last one.
    assert_eq!(
        import_into_map("\n  invention-patents: 41000\n"),
        "\n  invention-patents: 42180\n  pledge-financing: 110.5\n  hte-coverage: 63.5\n  handling-days: 72\n"
    );
    // Flow style, on one line or several.
    assert_eq!(
        import_into_map(" {invention-patents: 41000, hte-coverage: 62}\n"),
        " {invention-patents: 42180, hte-coverage: 63.5, pledge-financing: 110.5, handling-days: 72}\n"
    );
    assert_eq!(
        import_into_map(" {\n  invention-patents: 41000,\n  hte-coverage: 62\n}\n"),
        " {\n  invention-patents: 42180,\n  hte-coverage: 63.5, pledge-financing: 110.5, handling-days: 72\n}\n"
    );
    assert_eq!(
        import_into_map(" {}\n"),
        " {invention-patents: 42180, pledge-financing: 110.5, hte-coverage: 63.5, handling-days: 72}\n"
    );
    // An empty key, with or without `~`, and a key with no value yet.
    assert_eq!(
        import_into_map("   # to come\n"),
        "   # to come\n  invention-patents: 42180\n  pledge-financing: 110.5\n  hte-coverage: 63.5\n  handling-days: 72\n"
    );
    assert_eq!(
        import_into_map(" ~\n"),
        "\n  invention-patents: 42180\n  pledge-financing: 110.5\n  hte-coverage: 63.5\n  handling-days: 72\n"
    );
    assert_eq!(
        import_into_map(
            "\n  invention-patents:\n  pledge-financing: 102.3\n  hte-coverage: 62\n  handling-days: 75\n"
        ),
        "\n  invention-patents: 42180\n  pledge-financing: 110.5\n  hte-coverage: 63.5\n  handling-days: 72\n"
    );
}

#[test]
fn a_report_without_indicators_gets_the_key() {
    let site = good_copy();
    let text = report(site.path(), 2024);
    let head = text
        .split("indicators:")
        .next()
        .unwrap()
        .trim_end()
        .to_string();
    fs::write(report_path(site.path(), 2024), &head).unwrap();
    let file = write_file(site.path(), "values.csv", values_csv());
    import_values(site.path(), &file, 2024, None, false).outcome();
    assert_eq!(
        report(site.path(), 2024),
        format!(
            "{head}\nindicators:\n  invention-patents: 42180\n  pledge-financing: 110.5\n  hte-coverage: 63.5\n  handling-days: 72\n"
        )
    );
    assert_checks_pass(site.path());
}

#[test]
fn values_written_as_mappings_keep_their_other_keys() {
    let site = good_copy();
    let text = report(site.path(), 2024).replace(
        "  invention-patents: 41000\n",
        "  invention-patents: {value: 41000, provisional: true}\n",
    );
    let text = text.replace(
        "  handling-days: 75\n",
        "  handling-days:\n    value: 75\n    provisional: true\n",
    );
    fs::write(report_path(site.path(), 2024), &text).unwrap();
    let file = write_file(site.path(), "values.csv", values_csv());
    let import = import_values(site.path(), &file, 2024, None, false);
    assert_eq!(import.outcome().changes.len(), 4);
    let written = report(site.path(), 2024);
    assert!(
        written.contains("  invention-patents: {value: 42180, provisional: true}\n"),
        "{written}"
    );
    assert!(
        written.contains("  handling-days:\n    value: 72\n    provisional: true\n"),
        "{written}"
    );
}

#[test]
fn a_missing_report_is_created_as_a_draft() {
    let site = good_copy();
    let csv = values_csv().replace("2024年", "2025年");
    let file = write_file(site.path(), "values.csv", csv);
    let import = import_values(site.path(), &file, 2025, None, false);
    let outcome = import.outcome();
    assert!(outcome.created && outcome.written);
    assert!(outcome.changes.iter().all(|c| c.old.is_none()));
    let text = report(site.path(), 2025);
    assert!(
        text.contains(
            "title: {zh: 2025年测试市知识产权保护状况, en: Intellectual Property Protection in Test City 2025}\ndraft: true\n"
        ),
        "{text}"
    );
    assert_values(site.path(), 2025, IMPORTED_2024);
    assert_checks_pass(site.path());
    let shown = ipreport::cmd::import::report(outcome);
    assert!(shown.contains("draft: true"), "{shown}");
    // The change against 2024 is shown: 41000 → 42180 is +1180 (+2.9%).
    assert!(shown.contains("+1180 (+2.9%)"), "{shown}");
    assert!(shown.contains("+1.5 points"), "{shown}");
}

#[test]
fn a_dry_run_writes_nothing() {
    let site = good_copy();
    let before = common::files_on_disk(site.path());
    let file = write_file(site.path(), "values.csv", values_csv());
    let import = import_values(site.path(), &file, 2024, None, true);
    let outcome = import.outcome();
    assert_eq!(outcome.changes.len(), 4);
    assert!(!outcome.written);
    let csv2025 = write_file(
        site.path(),
        "v2025.csv",
        values_csv().replace("2024年", "2025年"),
    );
    let import = import_values(site.path(), &csv2025, 2025, None, true);
    assert!(import.outcome().created && !import.outcome().written);
    let mut after = common::files_on_disk(site.path());
    after.remove("values.csv");
    after.remove("v2025.csv");
    assert_eq!(before, after);
    let shown = ipreport::cmd::import::report(outcome);
    assert!(shown.contains("dry run"), "{shown}");
}

// ---------------------------------------------------------------------------------------------
// Problems

#[test]
fn every_mistake_of_a_table_is_reported_at_once_and_nothing_is_written() {
    let site = good_copy();
    let before = report(site.path(), 2024);
    let file = fixtures().join("import/mistakes.csv");
    let import = import_values(site.path(), &file, 2024, None, false);
    assert!(import.result.outcome.is_none());
    assert_eq!(
        import.codes(),
        ["E0605", "E0607", "E0606", "E0607", "E0608"],
        "{}",
        import.human
    );
    let lines: Vec<String> = import
        .result
        .diagnostics
        .iter()
        .map(|d| {
            let span = d.span.expect("CSV diagnostics point into the file");
            let file = import.result.sources.get(span.file);
            format!(
                "{}:{}",
                file.line_col(span.start).0,
                import.result.sources.slice(span)
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            "2:有效发明专利数",
            "3:1105000",
            "4:约60",
            "5:72%",
            "7:42190"
        ]
    );
    assert_eq!(report(site.path(), 2024), before);
    insta::assert_snapshot!(
        import
            .human
            .replace(&*fixtures().to_string_lossy(), "<fixtures>")
    );
}

#[test]
fn errors_in_a_workbook_name_the_cell() {
    let site = good_copy();
    let tables = tempfile::TempDir::new().unwrap();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "指标名称").unwrap();
    sheet.write_string(0, 1, "2024年").unwrap();
    sheet.write_string(1, 0, "有效发明专利数").unwrap();
    sheet.write_number(1, 1, 42180).unwrap();
    sheet.write_string(2, 0, "知识产权质押融资额").unwrap();
    sheet.write_string(2, 1, "n/a?").unwrap();
    let xlsx = write_file(
        tables.path(),
        "values.xlsx",
        workbook.save_to_buffer().unwrap(),
    );
    let import = import_values(site.path(), &xlsx, 2024, None, false);
    let paths: Vec<&str> = import
        .result
        .diagnostics
        .iter()
        .map(|d| d.path.as_deref().unwrap())
        .collect();
    let shown = xlsx.display().to_string();
    assert_eq!(
        paths,
        [format!("{shown} Sheet1!A2"), format!("{shown} Sheet1!B3")]
    );
    assert!(import.human.contains("in "), "{}", import.human);
}

#[test]
fn problems_of_the_report_are_reported_with_those_of_the_table() {
    let site = good_copy();
    let text = report(site.path(), 2024);
    let head = text.split("indicators:").next().unwrap();
    fs::write(
        report_path(site.path(), 2024),
        format!("{head}indicators: [invention-patents]\n"),
    )
    .unwrap();
    let file = fixtures().join("import/mistakes.csv");
    let import = import_values(site.path(), &file, 2024, None, false);
    assert_eq!(
        import.codes(),
        ["E0605", "E0607", "E0606", "E0607", "E0608", "E0609"],
        "{}",
        import.human
    );
}

#[test]
fn a_unit_in_the_value_column_s_heading_applies_to_every_row() {
    let site = good_copy();
    let csv = "指标名称,2024年（万元）\n知识产权质押融资额,1105000\n";
    let file = write_file(site.path(), "heading.csv", csv);
    import_values(site.path(), &file, 2024, None, false).outcome();
    assert_values(site.path(), 2024, &[("pledge-financing", "110.5")]);
}

#[test]
fn a_header_of_two_rows_takes_the_year_from_the_second() {
    // `数值` merged over two year columns: its text is in the first of them only.
    let site = good_copy();
    let csv = "指标名称,单位,数值,\n,,2023年,2024年\n有效发明专利拥有量,件,35000,42180\n";
    let file = write_file(site.path(), "two-rows.csv", csv);
    let import = import_values(site.path(), &file, 2024, None, false);
    assert_eq!(import.outcome().header_line, 2);
    assert_values(site.path(), 2024, &[("invention-patents", "42180")]);
}

#[test]
fn a_site_whose_indicators_do_not_load_is_not_imported_into() {
    let site = good_copy();
    common::write(site.path(), "content/indicators.yaml", "- id: [\n");
    let file = write_file(site.path(), "values.csv", values_csv());
    let import = import_values(site.path(), &file, 2024, None, false);
    assert_eq!(import.codes(), ["E0002"], "{}", import.human);
}

#[test]
fn other_errors_of_the_site_do_not_stop_an_import() {
    let site = good_copy();
    common::write(
        site.path(),
        "content/years/2024/events.yaml",
        "- title: {zh: 一, en: One}\n",
    );
    let file = write_file(site.path(), "values.csv", values_csv());
    let import = import_values(site.path(), &file, 2024, None, false);
    assert!(import.outcome().written);
}

// ---------------------------------------------------------------------------------------------
// The command line

fn ipreport() -> Command {
    let mut cmd = Command::cargo_bin("ipreport").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

#[test]
fn the_command_prints_the_changes_and_exits_0() {
    let site = good_copy();
    let file = write_file(site.path(), "values.csv", values_csv());
    let output = ipreport()
        .args(["import", "values"])
        .arg(&file)
        .args(["--year", "2024", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stdout = stdout.replace(&*file.to_string_lossy(), "values.csv");
    insta::assert_snapshot!(stdout);
    assert_checks_pass(site.path());
}

#[test]
fn the_command_exits_1_on_errors_with_them_on_stderr() {
    let site = good_copy();
    let output = ipreport()
        .args(["import", "values"])
        .arg(fixtures().join("import/mistakes.csv"))
        .args(["--year", "2024", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("error[E0605]"), "{stderr}");
    assert!(
        stderr.ends_with("import stopped: 5 errors; nothing was written\n"),
        "{stderr}"
    );
}

#[test]
fn new_then_import_values_as_the_message_of_new_says() {
    let dir = tempfile::TempDir::new().unwrap();
    let site = dir.path().join("site");
    let new = ipreport().arg("new").arg(&site).output().unwrap();
    let said = String::from_utf8(new.stderr).unwrap();
    let xlsx = site.join("values.xlsx");
    assert!(
        said.contains(&format!(
            "ipreport import values {} --year 2025 --root {}",
            xlsx.display(),
            site.display()
        )),
        "{said}"
    );
    let output = ipreport()
        .args(["import", "values"])
        .arg(&xlsx)
        .args(["--year", "2025", "--root"])
        .arg(&site)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("9650 →  9812 件"), "{stdout}");
    // The imported values check; `--strict` would still fail on the starter's placeholders
    // (W0111), which `cli::new_then_check_strict_fails_until_the_placeholders_are_replaced`
    // covers.
    assert_starter_checks_pass(&site);
}

#[test]
fn a_year_that_is_not_a_year_is_refused() {
    ipreport()
        .args(["import", "values", "v.csv", "--year", "24"])
        .assert()
        .code(2);
}

// ---------------------------------------------------------------------------------------------
// Random tables into randomly written reports

mod random {
    use super::*;
    use proptest::prelude::*;

    /// A name cell: an indicator's id or name, written tolerantly or not, or a name no
    /// indicator has.
    fn name() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "有效发明专利拥有量",
            "invention-patents",
            "有效发明专利 拥有量",
            "Valid invention patents",
            "知识产权质押融资额（亿元）",
            "pledge-financing",
            "hte-coverage",
            "ｈａｎｄｌｉｎｇ－ｄａｙｓ",
            "专利侵权纠纷平均办案周期",
            "有效发明专利数",
            "注：数据来源于统计局",
            "",
        ])
        .prop_map(str::to_string)
    }

    /// A value cell, as bureaus write them, mistakes included.
    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            (0u32..2_000_000).prop_map(|n| n.to_string()),
            (0u32..200_000, 1u32..4).prop_map(|(n, d)| format!(
                "{}.{:0width$}",
                n / 10u32.pow(d),
                n % 10u32.pow(d),
                width = d as usize
            )),
            (1u32..999, 0u32..999).prop_map(|(a, b)| format!("\"{a},{b:03}\"")),
            prop::sample::select(vec![
                "63.18万",
                "1.2亿",
                "15.6%",
                "４８７１５",
                "—",
                "",
                "约5000",
                "72%",
                "48715件",
                "1105000万元",
                "-3.5",
                "\"a,\"\"b\"\"\"",
            ])
            .prop_map(str::to_string),
        ]
    }

    fn unit() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "",
            "件",
            "万件",
            "亿元",
            "万元",
            "元",
            "%",
            "天",
            "（件）",
        ])
        .prop_map(str::to_string)
    }

    fn table() -> impl Strategy<Value = String> {
        let rows = prop::collection::vec((name(), unit(), value()), 0..8);
        (any::<bool>(), rows).prop_map(|(title, rows)| {
            let mut text = String::new();
            if title {
                text.push_str("测试市2024年主要指标,,\n,,\n");
            }
            text.push_str("指标名称,单位,2024年\n");
            for (name, unit, value) in rows {
                text.push_str(&format!("{name},{unit},{value}\n"));
            }
            text
        })
    }

    /// The text after `indicators:` in one of the ways an editor may write it.
    fn indicators() -> impl Strategy<Value = String> {
        let entry = (
            prop::sample::select(vec!["invention-patents", "hte-coverage", "handling-days"]),
            prop::sample::select(vec![
                "41000",
                "62",
                "",
                "~",
                "\"75\"",
                "{value: 75, provisional: true}",
            ]),
            prop::sample::select(vec!["", "   # note", " "]),
        );
        let entries = prop::collection::btree_map(entry.clone().prop_map(|e| e.0), entry, 0..3);
        (
            any::<bool>(),
            entries,
            prop::sample::select(vec![2usize, 4]),
        )
            .prop_map(|(flow, entries, indent)| {
                let entries: Vec<_> = entries.into_values().collect();
                if flow {
                    let items: Vec<String> = entries
                        .iter()
                        .map(|(id, v, _)| format!("{id}: {}", if v.is_empty() { "1" } else { v }))
                        .collect();
                    format!(" {{{}}}\n", items.join(", "))
                } else {
                    let mut text = String::from("\n");
                    for (id, v, comment) in entries {
                        text.push_str(&format!(
                            "{:indent$}{id}:{}{v}{comment}\n",
                            "",
                            if v.is_empty() { "" } else { " " }
                        ));
                    }
                    text
                }
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(24),
            ..ProptestConfig::default()
        })]

        /// Whatever the table and the report: no panic; problems and nothing written, or an
        /// edit that adds no error to report.yaml, keeps what comes before `indicators:`, and
        /// that a second import does not repeat.
        #[test]
        fn an_import_is_all_or_nothing(table in table(), map in indicators()) {
            let site = good_copy();
            let text = report(site.path(), 2024);
            let head = text.split("indicators:").next().unwrap().to_string();
            fs::write(report_path(site.path(), 2024), format!("{head}indicators:{map}")).unwrap();
            let before = report(site.path(), 2024);
            let errors = |run: &common::Run| -> std::collections::BTreeSet<(String, String)> {
                run.errors()
                    .iter()
                    .filter(|f| f.file == "content/years/2024/report.yaml")
                    .map(|f| (f.code.to_string(), f.message.clone()))
                    .collect()
            };
            let errors_before = errors(&compile(site.path()));
            let file = write_file(site.path(), "t.csv", &table);
            let import = import_values(site.path(), &file, 2024, None, false);
            match &import.result.outcome {
                None => {
                    prop_assert!(!import.result.diagnostics.is_empty());
                    prop_assert_eq!(report(site.path(), 2024), before);
                }
                Some(outcome) => {
                    prop_assert!(import.result.diagnostics.is_empty());
                    prop_assert_eq!(outcome.written, !outcome.changes.is_empty());
                    let after = report(site.path(), 2024);
                    prop_assert!(after.starts_with(&head), "{}", after);
                    // The edit brings no error into report.yaml (it may mend some: a quoted
                    // number, an empty value; the rest of the site is the editor's).
                    let run = compile(site.path());
                    prop_assert!(
                        errors(&run).is_subset(&errors_before),
                        "{}\n{}",
                        after,
                        run.human
                    );
                    let again = import_values(site.path(), &file, 2024, None, false);
                    prop_assert!(again.outcome().changes.is_empty(), "{:?}", again.outcome());
                }
            }
        }
    }
}
