//! The diagnostics of `ipreport check`, one test (at least) per stable code.
//!
//! Each test compiles the good fixture site (`tests/fixtures/site`) with one mistake laid over
//! it (`tests/fixtures/bad/<code>-<what>/`) and checks that the mistake is reported with the
//! right code, file, line and column, a useful message and hint, and nothing else; the human
//! text an editor sees is snapshotted.
//!
//! Tests marked `#[ignore = "bug: …"]` describe the behaviour the code base should have but
//! does not yet; run them with `cargo test --test diagnostics -- --ignored`.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::{check_bad, check_dir, compile, compile_with, good_copy, good_site, write};
use ipreport::diagnostics::{Code, Severity};

// ---------------------------------------------------------------------------------------------
// The good site

#[test]
fn good_site_has_no_diagnostics_at_all() {
    let run = compile(&good_site());
    assert!(run.found.is_empty(), "{}", run.human);
    assert!(run.compiled.output.is_some(), "the good site renders");
    // Not even in strict mode.
    let strict = compile_with(&good_site(), true);
    assert!(strict.found.is_empty(), "{}", strict.human);
}

/// The good site exercises every `@` form of SPEC §12, so each is checked on every run.
#[test]
fn good_site_uses_every_reference_kind() {
    let mut all = String::new();
    for entry in walk(&good_site().join("content")) {
        all.push_str(&std::fs::read_to_string(entry).unwrap());
    }
    for form in [
        "](@doc/decision-2022)",
        "](@measure/decision-2022/4)",
        "](@indicator/invention-patents)",
        "](@indicator/invention-patents/2023)",
        "](@target/plan-2024-2026/invention-patents/2026)",
        "](@case/2023/patent-infringement)",
        "](@achievement/2023/01-coordination)",
        "](@issue/2023/evidence)",
        "](@event/2024/1)",
        "](@dept/court)",
        "](@year/2023)",
        "](@page/about)",
    ] {
        assert!(all.contains(form), "the good site never writes {form}");
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Every code the code base defines has a test named after it in this file.
#[test]
fn every_code_has_a_test() {
    let source = include_str!("diagnostics.rs");
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !source.contains(&format!("fn {}_", c.to_lowercase())))
        .collect();
    assert!(missing.is_empty(), "codes without a test: {missing:?}");
}

/// Every code has its entry in docs/diagnostics.md, which editors are sent to.
#[test]
fn every_code_is_documented() {
    let docs = include_str!("../../docs/diagnostics.md");
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !docs.contains(&format!("\n### {c} — ")))
        .collect();
    assert!(
        missing.is_empty(),
        "codes without an entry in docs/diagnostics.md: {missing:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// E00xx: files and syntax

#[test]
fn e0001_file_that_is_not_utf8() {
    // report.zh.md saved as GBK, as Word and old editors do: the message names the encoding
    // and the command that converts it.
    let run = check_bad("e0001-not-utf8");
    run.assert_only_errors(&[Code::ReadFailed]);
    let d = run.one(Code::ReadFailed);
    assert_eq!(d.file, "content/years/2024/report.zh.md");
    assert!(
        d.message.contains("saved as GBK/GB18030, not UTF-8"),
        "{}",
        d.message
    );
    assert!(
        d.help.contains("`ipreport fix`") && d.help.contains("report.zh.md.gbk~"),
        "{}",
        d.help
    );
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0001_utf16_and_binary_files_are_told_apart() {
    let dir = good_copy();
    let mut utf16 = vec![0xff, 0xfe];
    for unit in "---\ntitle: 案例\n---\n正文\n".encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    write(
        dir.path(),
        "content/years/2023/cases/patent-infringement.zh.md",
        utf16,
    );
    write(
        dir.path(),
        "content/pages/about.zh.md",
        [0x89, b'P', b'N', b'G', 0, 1, 0xff, 0xfe, 0x00, 0x00],
    );
    let run = check_dir(dir);
    let found = run.with_code(Code::ReadFailed);
    assert_eq!(found.len(), 2, "{}", run.human);
    assert!(
        found.iter().any(|d| d.message.contains("UTF-16")),
        "{}",
        run.human
    );
    assert!(
        found
            .iter()
            .any(|d| d.message.contains("not text in UTF-8, GBK or UTF-16")),
        "{}",
        run.human
    );
}

#[test]
fn e0001_an_unreadable_case_file_gives_one_error_not_a_cascade() {
    // The case saved as GBK ("某" is C4 B3): the achievement citing it must not be told the
    // case is unknown, and its English file is no orphan.
    let dir = good_copy();
    write(
        dir.path(),
        "content/years/2023/cases/patent-infringement.zh.md",
        b"---\ntitle: \xb0\xb8\xc0\xfd\n---\n\xb0\xb8\xc0\xfd\n",
    );
    let run = check_dir(dir);
    run.assert_only_errors(&[Code::ReadFailed]);
    assert_eq!(
        run.one(Code::ReadFailed).file,
        "content/years/2023/cases/patent-infringement.zh.md"
    );
}

#[test]
fn e0002_yaml_syntax_error() {
    // `en: Address: 1 Renmin Road…` without quotes.
    let run = check_bad("e0002-yaml-syntax");
    run.assert_only_errors(&[Code::YamlSyntax]);
    let d = run.one(Code::YamlSyntax);
    assert_eq!(d.at(), "content/site.yaml:16:16");
    assert!(
        d.message.starts_with("YAML syntax error: "),
        "{}",
        d.message
    );
    // The position is shown by the caret, not repeated in the message.
    assert!(!d.message.contains(" at line "), "{}", d.message);
    assert!(d.help.contains("need quotes"), "{}", d.help);
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0002_yaml_syntax_error_in_front_matter_points_into_the_md_file() {
    // `measures: [plan-2024-2026/2` (no `]`) on line 7 of the .md file.
    let run = check_bad("e0002-yaml-syntax-front-matter");
    let d = run.one(Code::YamlSyntax);
    assert_eq!(d.file, "content/years/2024/cases/patent-mediation.zh.md");
    // Line numbers count from the top of the .md file, not from the front matter.
    assert_eq!((d.line, d.column), (8, 12), "{}", run.human);
}

#[test]
fn e0002_broken_front_matter_does_not_make_the_translation_an_orphan() {
    let run = check_bad("e0002-yaml-syntax-front-matter");
    // patent-mediation.zh.md exists; saying "create patent-mediation.zh.md" is false.
    run.assert_only_errors(&[Code::YamlSyntax]);
}

#[test]
fn e0002_yaml_error_in_a_document_does_not_cascade() {
    // plan-2024-2026.yaml has an unclosed `{`; the file exists, so its 12 references must not
    // each be reported as an "unknown document".
    let run = check_bad("e0002-yaml-syntax-cascade");
    run.assert_only_errors(&[Code::YamlSyntax]);
}

#[test]
fn e0002_unclosed_flow_mapping_points_at_its_opening_line() {
    // site.yaml line 6: `publisher: {zh: …, en: …` without the closing `}`.
    let run = check_bad("e0002-yaml-unclosed-flow-mapping");
    let d = run.one(Code::YamlSyntax);
    // Reported today at 7:10 (`languages: [zh, en]`), a line the editor has not touched.
    let points_at_line_6 = d.line == 6
        || d.related
            .iter()
            .any(|(f, l, _)| f == "content/site.yaml" && *l == 6);
    assert!(points_at_line_6, "{}", run.human);
}

#[test]
fn e0002_tab_indentation_gets_the_tab_hint() {
    let run = check_bad("e0002-yaml-tab-indentation");
    let d = run.one(Code::YamlSyntax);
    assert_eq!((d.file.as_str(), d.line), ("content/site.yaml", 10));
    // The caret is on the tab itself.
    assert_eq!(d.snippet, "\t");
    assert_eq!(d.column, 1);
    assert!(d.help.contains("spaces"), "{}", d.help);
}

#[test]
fn e0002_full_width_colon_after_a_key() {
    // `title：` typed with the Chinese colon.
    let run = check_bad("e0002-full-width-colon");
    run.assert_only_errors(&[Code::YamlSyntax]);
    let d = run.one(Code::YamlSyntax);
    assert_eq!(d.at(), "content/years/2023/report.yaml:1:6");
    assert_eq!(d.snippet, "：");
    assert!(d.message.contains("full-width colon `：`"), "{}", d.message);
    assert!(d.help.contains("half-width `:`"), "{}", d.help);
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0002_full_width_comma_between_entries() {
    // `{zh: 有效发明专利拥有量， en: …}`: the Chinese comma does not separate the entries.
    let run = check_bad("e0002-full-width-comma");
    run.assert_only_errors(&[Code::YamlSyntax]);
    let d = run.one(Code::YamlSyntax);
    assert_eq!(d.snippet, "，");
    assert_eq!((d.file.as_str(), d.line), ("content/indicators.yaml", 2));
    assert!(d.help.contains("half-width `,`"), "{}", d.help);
}

#[test]
fn e0002_comma_in_an_unquoted_text_of_a_language_map() {
    // `en: Annual reports, typical cases and key figures` without quotes: not "`typical cases
    // and key figures` is not one of the site's languages".
    let run = check_bad("e0002-comma-in-flow-text");
    run.assert_only_errors(&[Code::YamlSyntax]);
    let d = run.one(Code::YamlSyntax);
    assert_eq!(d.snippet, ",");
    assert_eq!(d.at(), "content/site.yaml:2:44");
    assert!(!d.message.contains("languages"), "{}", d.message);
    assert!(
        d.help
            .contains("`en: \"Annual reports, typical cases and key figures\"`"),
        "{}",
        d.help
    );
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0002_full_width_quotes_do_not_quote() {
    let run = check_bad("e0002-full-width-quotes");
    run.assert_only_errors(&[Code::YamlSyntax]);
    let d = run.one(Code::YamlSyntax);
    assert_eq!(d.snippet, "“");
    assert!(d.help.contains("half-width quotes"), "{}", d.help);
}

#[test]
fn e0003_unterminated_front_matter() {
    // The closing `---` of patent-mediation.zh.md is missing.
    let run = check_bad("e0003-unterminated-front-matter");
    let d = run.one(Code::FrontMatter);
    assert_eq!(
        d.at(),
        "content/years/2024/cases/patent-mediation.zh.md:1:1"
    );
    assert_eq!(d.snippet, "---");
    assert!(d.message.contains("not closed"), "{}", d.message);
    assert!(d.help.contains("`---`"), "{}", d.help);
}

#[test]
fn e0003_unterminated_front_matter_does_not_make_the_translation_an_orphan() {
    let run = check_bad("e0003-unterminated-front-matter");
    run.assert_only_errors(&[Code::FrontMatter]);
}

#[test]
fn e0004_missing_site_yaml() {
    let run = check_bad("e0004-missing-site-yaml");
    run.assert_only_errors(&[Code::MissingFile]);
    let d = run.one(Code::MissingFile);
    assert_eq!(d.file, "content/site.yaml");
    assert!(d.help.contains("languages: [zh, en]"), "{}", d.help);
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0004_year_folder_without_report_yaml() {
    // years/2022/ holds an issues.yaml but no report.yaml.
    let run = check_bad("e0004-year-without-report");
    run.assert_only_errors(&[Code::MissingFile]);
    let d = run.one(Code::MissingFile);
    assert_eq!(d.file, "content/years/2022/report.yaml");
    assert!(d.message.contains("2022"), "{}", d.message);
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0004_no_content_folder() {
    let dir = tempfile::TempDir::new().unwrap();
    let run = check_dir(dir);
    run.assert_only_errors(&[Code::MissingFile]);
    let d = run.one(Code::MissingFile);
    assert_eq!(d.file, "content/");
    assert!(d.help.contains("ipreport new"), "{}", d.help);
}

#[test]
fn e0005_unexpected_file_event_yaml() {
    let run = check_bad("e0005-unexpected-file-event-yaml");
    run.assert_only_errors(&[Code::BadFileName]);
    let d = run.one(Code::BadFileName);
    assert_eq!(d.file, "content/years/2023/event.yaml");
    assert_eq!(d.help, "did you mean `events.yaml`?");
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0005_site_yml_instead_of_site_yaml() {
    // site.yaml renamed to site.yml: the wrong name and the missing file are both reported.
    let run = check_bad("e0005-site-yml");
    run.assert_only_errors(&[Code::BadFileName, Code::MissingFile]);
    let d = run.one(Code::BadFileName);
    assert_eq!(d.file, "content/site.yml");
    assert!(d.help.contains("`site.yaml`"), "{}", d.help);
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0005_unexpected_folder() {
    // years/2023/case/ instead of cases/.
    let run = check_bad("e0005-unexpected-folder");
    run.assert_only_errors(&[Code::BadFileName]);
    let d = run.one(Code::BadFileName);
    assert_eq!(d.file, "content/years/2023/case");
    assert_eq!(d.help, "did you mean `cases`?");
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0005_images_folder_points_to_static() {
    let dir = good_copy();
    write(
        dir.path(),
        "content/images/logo.png",
        [0x89, b'P', b'N', b'G'],
    );
    let run = check_dir(dir);
    run.assert_only_errors(&[Code::BadFileName]);
    let d = run.one(Code::BadFileName);
    assert_eq!(d.file, "content/images");
    assert!(d.help.contains("static/"), "{}", d.help);
}

#[test]
fn e0005_a_year_folder_named_with_a_space_gives_one_error() {
    // `2023 ` (a trailing space from a copied name): one error naming the fix, and no
    // "unknown year 2023" for every reference into it.
    let dir = good_copy();
    std::fs::rename(
        dir.path().join("content/years/2023"),
        dir.path().join("content/years/2023 "),
    )
    .unwrap();
    let run = check_dir(dir);
    run.assert_only_errors(&[Code::BadFileName]);
    let d = run.one(Code::BadFileName);
    assert_eq!(d.file, "content/years/2023 ");
    assert!(d.help.contains("rename the folder to `2023`"), "{}", d.help);
}

#[test]
fn e0005_report_md_without_language_suggests_report_zh_md() {
    let dir = good_copy();
    let from = dir.path().join("content/years/2023/report.zh.md");
    std::fs::rename(&from, dir.path().join("content/years/2023/report.md")).unwrap();
    let run = check_dir(dir);
    run.assert_only_errors(&[Code::BadFileName]);
    let d = run.one(Code::BadFileName);
    assert_eq!(d.file, "content/years/2023/report.md");
    assert!(d.help.contains("report.zh.md"), "{}", d.help);
}

// ---------------------------------------------------------------------------------------------
// E01xx: shape of the YAML

#[test]
fn e0101_unknown_key_in_site_yaml() {
    let run = check_bad("e0101-unknown-key-site");
    run.assert_only_errors(&[Code::UnknownKey]);
    let d = run.one(Code::UnknownKey);
    assert_eq!(d.at(), "content/site.yaml:9:1");
    assert_eq!(d.snippet, "footr");
    assert_eq!(d.help, "did you mean `footer`?");
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0101_unknown_key_in_a_document_measure() {
    let run = check_bad("e0101-unknown-key-measure");
    run.assert_only_errors(&[Code::UnknownKey]);
    let d = run.one(Code::UnknownKey);
    assert_eq!(d.at(), "content/documents/plan-2024-2026.yaml:24:5");
    assert_eq!(d.message, "unknown key `leads` in a measure");
    assert_eq!(d.help, "did you mean `lead`?");
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0101_unknown_key_in_case_front_matter() {
    let run = check_bad("e0101-unknown-key-case");
    run.assert_only_errors(&[Code::UnknownKey]);
    let d = run.one(Code::UnknownKey);
    assert_eq!(
        d.at(),
        "content/years/2023/cases/patent-infringement.zh.md:8:1"
    );
    assert_eq!(d.snippet, "measurs");
    assert_eq!(d.help, "did you mean `measures`?");
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0102_list_where_a_string_is_expected() {
    let run = check_bad("e0102-wrong-type-list");
    run.assert_only_errors(&[Code::WrongType]);
    let d = run.one(Code::WrongType);
    assert_eq!(d.at(), "content/site.yaml:10:8");
    assert_eq!(d.message, "expected a string, found a list");
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0102_string_where_a_number_is_expected() {
    // A plan target `value: 150亿元`: the unit belongs to the indicator.
    let run = check_bad("e0102-wrong-type-number");
    run.assert_only_errors(&[Code::WrongType]);
    let d = run.one(Code::WrongType);
    assert_eq!(d.at(), "content/documents/plan-2024-2026.yaml:11:54");
    assert_eq!(d.snippet, "150亿元");
    assert_eq!(d.message, "expected a number, found a string");
    assert!(d.help.contains("without the unit"), "{}", d.help);
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0102_quoted_number_says_to_drop_the_quotes() {
    let dir = good_copy();
    let path = "content/years/2024/report.yaml";
    let text = std::fs::read_to_string(dir.path().join(path)).unwrap();
    write(
        dir.path(),
        path,
        text.replace("hte-coverage: 62", "hte-coverage: \"62\""),
    );
    let run = check_dir(dir);
    let d = run.one(Code::WrongType);
    assert_eq!(d.at(), "content/years/2024/report.yaml:7:17");
    assert_eq!(d.help, "write the number without quotes: 62");
}

#[test]
fn e0102_invalid_value_does_not_cascade_into_missing_value() {
    // `invention-patents: 35000件`: the value is written (wrongly); "add `invention-patents: …`
    // under `indicators:`" at the two references is a false hint.
    let run = check_bad("e0102-wrong-type-number-cascade");
    run.assert_only_errors(&[Code::WrongType]);
}

#[test]
fn e0102_front_matter_that_is_a_list_is_reported() {
    // The whole case silently disappears from the site and `check` says "no problems".
    let run = check_bad("e0102-front-matter-list");
    run.assert_only_errors(&[Code::WrongType]);
    let d = run.one(Code::WrongType);
    assert_eq!(d.file, "content/years/2024/cases/patent-mediation.zh.md");
    assert_eq!(d.line, 2);
}

#[test]
fn e0102_caret_covers_the_whole_list() {
    let run = check_bad("e0102-wrong-type-list");
    let d = run.one(Code::WrongType);
    assert_eq!(
        d.snippet, "[测ICP备12345678号, 测ICP备12345679号]",
        "{}",
        run.human
    );
}

#[test]
fn e0103_missing_title() {
    let run = check_bad("e0103-missing-title");
    run.assert_only_errors(&[Code::MissingKey]);
    let d = run.one(Code::MissingKey);
    assert_eq!(
        d.file,
        "content/years/2024/achievements/02-protection.zh.md"
    );
    // The caret is on the front matter (its first key).
    assert_eq!(d.line, 2);
    assert_eq!(d.message, "an achievement has no `title`");
    assert!(d.help.contains("title:"), "{}", d.help);
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0103_text_without_the_default_language() {
    let dir = good_copy();
    let path = "content/departments.yaml";
    let text = std::fs::read_to_string(dir.path().join(path)).unwrap();
    write(
        dir.path(),
        path,
        text.replace(
            "  name: {zh: 测试海关, en: Test City Customs}",
            "  name: {en: Test City Customs}",
        ),
    );
    let run = check_dir(dir);
    run.assert_only_errors(&[Code::MissingKey]);
    let d = run.one(Code::MissingKey);
    assert_eq!(d.at(), "content/departments.yaml:10:9");
    assert_eq!(d.message, "this text has no `zh` value");
    assert!(d.help.contains("default language"), "{}", d.help);
}

#[test]
fn e0103_misspelt_required_key_is_one_error() {
    // `titel:` explains the missing `title`: one E0101, no extra E0103.
    let dir = good_copy();
    let path = "content/departments.yaml";
    let text = std::fs::read_to_string(dir.path().join(path)).unwrap();
    write(
        dir.path(),
        path,
        text.replace(
            "  name: {zh: 测试海关, en: Test City Customs}",
            "  nmae: {zh: 测试海关, en: Test City Customs}",
        ),
    );
    let run = check_dir(dir);
    run.assert_only_errors(&[Code::UnknownKey]);
    assert_eq!(run.one(Code::UnknownKey).help, "did you mean `name`?");
}

#[test]
fn e0104_invalid_ip_type() {
    let run = check_bad("e0104-invalid-ip-type");
    run.assert_only_errors(&[Code::InvalidValue]);
    let d = run.one(Code::InvalidValue);
    assert_eq!(
        d.at(),
        "content/years/2023/cases/patent-infringement.zh.md:4:10"
    );
    assert_eq!(d.message, "`patentt` is not a valid ip_type");
    assert_eq!(d.help, "did you mean `patent`?");
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0104_invalid_procedure() {
    let run = check_bad("e0104-invalid-procedure");
    run.assert_only_errors(&[Code::InvalidValue]);
    let d = run.one(Code::InvalidValue);
    assert_eq!(
        d.at(),
        "content/years/2024/cases/patent-mediation.zh.md:4:12"
    );
    assert_eq!(d.help, "did you mean `mediation`?");
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0104_invalid_status() {
    let run = check_bad("e0104-invalid-status");
    run.assert_only_errors(&[Code::InvalidValue]);
    let d = run.one(Code::InvalidValue);
    assert_eq!(d.at(), "content/years/2024/issues.yaml:18:11");
    assert_eq!(d.message, "`closed` is not a valid status");
    assert_eq!(d.help, "status is one of: open, in-progress, resolved");
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0104_invalid_target_op() {
    let run = check_bad("e0104-invalid-op");
    run.assert_only_errors(&[Code::InvalidValue]);
    let d = run.one(Code::InvalidValue);
    assert_eq!(d.at(), "content/documents/plan-2024-2026.yaml:13:59");
    assert_eq!(
        d.help,
        "op is one of `>=` (at least), `<=` (at most), `=` (exactly) or `growth` (an average \
         annual growth in percent, from the baseline)"
    );
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0104_transposed_target_op_suggests_the_right_operator() {
    let run = check_bad("e0104-invalid-op-transposed");
    let d = run.one(Code::InvalidValue);
    assert_eq!(d.at(), "content/documents/plan-2024-2026.yaml:10:66");
    // `=>` is `>=` typed in the wrong order; `=` would silently change the target's meaning.
    assert!(d.help.contains("`>=`"), "{}", d.help);
}

#[test]
fn e0104_invalid_measure_number_does_not_empty_its_section() {
    // A section whose only measure has an invalid number: the number is the one mistake, the
    // section is not also reported empty (E0403).
    let dir = good_copy();
    let path = "content/documents/decision-2022.yaml";
    let mut text = std::fs::read_to_string(dir.path().join(path)).unwrap();
    text.push_str(
        "  - title: {zh: 加强宣传, en: Publicity}\n    measures:\n      \
         - {n: s1, title: {zh: 开展宣传, en: Publicity}, lead: [amr]}\n",
    );
    write(dir.path(), path, text);
    let run = check_dir(dir);
    run.assert_only_errors(&[Code::InvalidValue]);
    let d = run.one(Code::InvalidValue);
    assert_eq!(d.message, "`s1` is not a measure number");
    assert!(
        run.with_code(Code::EmptySection).is_empty(),
        "{}",
        run.human
    );
}

#[test]
fn e0104_invalid_date() {
    let run = check_bad("e0104-invalid-date");
    run.assert_only_errors(&[Code::InvalidValue]);
    let d = run.one(Code::InvalidValue);
    assert_eq!(d.at(), "content/years/2024/issues.yaml:12:8");
    assert_eq!(d.message, "`2025-12-32` is not a date");
    assert!(d.help.contains("YYYY-MM-DD"), "{}", d.help);
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0104_follows_must_name_an_earlier_year() {
    let dir = good_copy();
    let path = "content/years/2024/issues.yaml";
    let text = std::fs::read_to_string(dir.path().join(path)).unwrap();
    write(
        dir.path(),
        path,
        text.replace("follows: 2023/evidence", "follows: 2024/data-sharing"),
    );
    let run = check_dir(dir);
    run.assert_only_errors(&[Code::InvalidValue]);
    let d = run.one(Code::InvalidValue);
    assert_eq!(d.at(), "content/years/2024/issues.yaml:13:12");
    assert!(d.message.contains("earlier year"), "{}", d.message);
}

#[test]
fn e0105_key_written_twice() {
    let run = check_bad("e0105-duplicate-key");
    run.assert_only_errors(&[Code::DuplicateKey]);
    let d = run.one(Code::DuplicateKey);
    assert_eq!(d.at(), "content/departments.yaml:5:3");
    assert_eq!(
        d.related,
        vec![(
            "content/departments.yaml".to_string(),
            2,
            "first written here".to_string()
        )]
    );
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0106_sections_and_measures_both_given() {
    // A new document, opinion-2023.yaml, that nothing refers to yet.
    let run = check_bad("e0106-sections-and-measures");
    run.assert_only_errors(&[Code::ConflictingKeys]);
    let d = run.one(Code::ConflictingKeys);
    assert_eq!(d.at(), "content/documents/opinion-2023.yaml:9:1");
    assert_eq!(d.snippet, "measures");
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0106_sections_and_measures_does_not_cascade() {
    // decision-2022.yaml gets an extra top-level `measures:`; its sections' measures 1–6 are
    // still written and must stay resolvable.
    let run = check_bad("e0106-sections-and-measures-cascade");
    run.assert_only_errors(&[Code::ConflictingKeys]);
}

#[test]
fn e0106_summary_in_report_yaml_and_report_md() {
    let dir = good_copy();
    let path = "content/years/2023/report.yaml";
    let mut text = std::fs::read_to_string(dir.path().join(path)).unwrap();
    text.push_str("summary: {zh: 2023年概述。, en: Overview of 2023.}\n");
    write(dir.path(), path, text);
    let run = check_dir(dir);
    run.assert_only_errors(&[Code::ConflictingKeys]);
    let d = run.one(Code::ConflictingKeys);
    assert_eq!(d.file, "content/years/2023/report.yaml");
    assert_eq!(d.line, 9);
}

// ---------------------------------------------------------------------------------------------
// E02xx: ids and languages

#[test]
fn e0201_invalid_id_field() {
    let run = check_bad("e0201-invalid-id-field");
    run.assert_only_errors(&[Code::InvalidId]);
    let d = run.one(Code::InvalidId);
    assert_eq!(d.at(), "content/years/2024/issues.yaml:15:7");
    assert_eq!(d.message, "`Data_Sharing` is not a valid issue id");
    assert!(d.help.ends_with("write `data-sharing`"), "{}", d.help);
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0201_invalid_id_in_a_file_name() {
    // cases/Patent_Mediation.{zh,en}.md: the layout refuses the names (E0005), each with the
    // valid spelling.
    let run = check_bad("e0201-invalid-id-file-name");
    run.assert_only_errors(&[Code::BadFileName, Code::BadFileName]);
    for d in run.with_code(Code::BadFileName) {
        assert!(d.file.contains("Patent_Mediation"), "{}", d.file);
        assert!(d.help.ends_with("write `patent-mediation`"), "{}", d.help);
    }
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0202_duplicate_indicator() {
    let run = check_bad("e0202-duplicate-indicator");
    run.assert_only_errors(&[Code::DuplicateId]);
    let d = run.one(Code::DuplicateId);
    assert_eq!(d.at(), "content/indicators.yaml:35:7");
    assert_eq!(d.message, "indicator `hte-coverage` is defined twice");
    assert_eq!(d.related[0].1, 21);
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0202_duplicate_department() {
    let run = check_bad("e0202-duplicate-department");
    run.assert_only_errors(&[Code::DuplicateId]);
    let d = run.one(Code::DuplicateId);
    assert_eq!(d.at(), "content/departments.yaml:12:7");
    assert_eq!(d.related[0].1, 6);
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0202_duplicate_issue_in_a_year() {
    let run = check_bad("e0202-duplicate-issue");
    run.assert_only_errors(&[Code::DuplicateId]);
    let d = run.one(Code::DuplicateId);
    assert_eq!(d.at(), "content/years/2024/issues.yaml:15:7");
    assert_eq!(d.message, "issue `evidence-collection` is defined twice");
    assert_eq!(d.related[0].1, 1);
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0202_duplicate_measure_number() {
    let run = check_bad("e0202-duplicate-measure-number");
    run.assert_only_errors(&[Code::DuplicateId]);
    let d = run.one(Code::DuplicateId);
    assert_eq!(d.at(), "content/documents/plan-2024-2026.yaml:30:8");
    assert_eq!(d.snippet, "\"3\"");
    assert_eq!(d.related[0].1, 26);
    // The help says how to fix it: measures 1 to 3 exist, so the next free number is 4.
    assert_eq!(
        d.help,
        "number it \"4\", the next free number in this document"
    );
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0202_in_another_section_suggests_dotted_numbers_and_a_label() {
    // The original numbers each part from 1 again: the second section restarts at 1.
    let dir = good_copy();
    let path = "content/documents/decision-2022.yaml";
    let text = std::fs::read_to_string(dir.path().join(path)).unwrap();
    write(
        dir.path(),
        path,
        text.replacen("- n: \"4\"", "- n: \"1\"", 1),
    );
    let run = check_dir(dir);
    let d = run.one(Code::DuplicateId);
    assert!(
        d.help.contains("\"7\" (the next free number)"),
        "{}",
        d.help
    );
    assert!(d.help.contains("\"2.1\", \"2.2\""), "{}", d.help);
    assert!(d.help.contains("label: {zh: \"（{cn}）\""), "{}", d.help);
}

#[test]
fn e0203_unknown_language_key_in_a_text() {
    // `{zh: 测试海关, eng: Test City Customs}`: the typo also leaves the text without `en`.
    let run = check_bad("e0203-unknown-language-key");
    assert_eq!(run.errors().len(), 1, "{}", run.human);
    let d = run.one(Code::UnknownLanguage);
    assert_eq!(d.at(), "content/departments.yaml:10:20");
    assert_eq!(d.help, "did you mean `en`?");
    let w = run.one(Code::MissingTranslation);
    assert_eq!(w.line, 10);
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0203_unknown_language_in_a_file_name() {
    let run = check_bad("e0203-unknown-language-file");
    run.assert_only_errors(&[Code::UnknownLanguage]);
    let d = run.one(Code::UnknownLanguage);
    assert_eq!(d.file, "content/pages/about.zh-CN.md");
    assert_eq!(d.help, "site.yaml lists the languages: zh, en");
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0203_french_file_is_not_a_typo_of_english() {
    let run = check_bad("e0203-unknown-language-file-fr");
    run.assert_only_errors(&[Code::UnknownLanguage]);
    let d = run.one(Code::UnknownLanguage);
    assert_eq!(d.file, "content/pages/about.fr.md");
    assert!(!d.help.contains("did you mean"), "{}", d.help);
    assert!(d.help.contains("zh, en"), "{}", d.help);
}

#[test]
fn e0204_page_id_colliding_with_a_site_url() {
    let run = check_bad("e0204-reserved-page-id");
    run.assert_only_errors(&[Code::ReservedId]);
    let d = run.one(Code::ReservedId);
    assert_eq!(d.at(), "content/pages/indicators.zh.md:1:1");
    assert!(d.message.contains("`indicators`"), "{}", d.message);
    insta::assert_snapshot!(run.human);
}

// ---------------------------------------------------------------------------------------------
// E03xx: references

#[test]
fn e0301_unknown_measure_in_a_link() {
    let run = check_bad("e0301-unknown-measure");
    run.assert_only_errors(&[Code::UnknownMeasure]);
    let d = run.one(Code::UnknownMeasure);
    // Column in characters: `市委…机制（` is 23 characters.
    assert_eq!(
        d.at(),
        "content/years/2023/achievements/01-coordination.zh.md:9:24"
    );
    assert_eq!(d.snippet, "[](@measure/decision-2022/40)");
    assert_eq!(d.message, "unknown measure `decision-2022/40`");
    assert_eq!(
        d.help,
        "decision-2022 has measures 1–6; did you mean `decision-2022/4`?"
    );
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0301_unknown_measure_in_a_front_matter_list() {
    let run = check_bad("e0301-unknown-measure-list");
    run.assert_only_errors(&[Code::UnknownMeasure]);
    let d = run.one(Code::UnknownMeasure);
    assert_eq!(
        d.at(),
        "content/years/2024/achievements/01-creation.zh.md:3:12"
    );
    assert_eq!(d.snippet, "plan-2024-2026/4");
    assert!(
        d.help.starts_with("plan-2024-2026 has measures 1–3"),
        "{}",
        d.help
    );
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0302_unknown_document() {
    let run = check_bad("e0302-unknown-document");
    run.assert_only_errors(&[Code::UnknownDocument]);
    let d = run.one(Code::UnknownDocument);
    assert_eq!(d.at(), "content/years/2023/report.zh.md:1:13");
    assert_eq!(d.snippet, "[《决定》](@doc/decision-2023)");
    assert_eq!(d.help, "did you mean `decision-2022`?");
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0303_unknown_department() {
    let run = check_bad("e0303-unknown-department");
    run.assert_only_errors(&[Code::UnknownDepartment]);
    let d = run.one(Code::UnknownDepartment);
    assert_eq!(d.at(), "content/years/2024/issues.yaml:6:17");
    assert_eq!(d.help, "did you mean `court`?");
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0304_unknown_indicator() {
    let run = check_bad("e0304-unknown-indicator");
    run.assert_only_errors(&[Code::UnknownIndicator]);
    let d = run.one(Code::UnknownIndicator);
    assert_eq!(d.at(), "content/documents/plan-2024-2026.yaml:21:18");
    assert_eq!(d.help, "did you mean `invention-patents`?");
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0305_unknown_case() {
    let run = check_bad("e0305-unknown-case");
    run.assert_only_errors(&[Code::UnknownItem]);
    let d = run.one(Code::UnknownItem);
    assert_eq!(
        d.at(),
        "content/years/2023/achievements/enforcement.zh.md:6:15"
    );
    assert_eq!(d.help, "did you mean `patent-infringement`?");
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0305_unknown_achievement() {
    let run = check_bad("e0305-unknown-achievement");
    run.assert_only_errors(&[Code::UnknownItem]);
    let d = run.one(Code::UnknownItem);
    assert_eq!(
        d.at(),
        "content/years/2024/achievements/01-creation.zh.md:7:17"
    );
    assert_eq!(d.help, "did you mean `enforcement`?");
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0305_unknown_achievement_suggests_prefixed_id() {
    // `@achievement/2023/coordination` is valid (the `01-` prefix may be left out), but the
    // typo `coordinaton` is compared only with `01-coordination` and gets no suggestion.
    let run = check_bad("e0305-unknown-achievement-prefixed");
    let d = run.one(Code::UnknownItem);
    assert!(d.help.contains("coordination`"), "{}", d.help);
}

#[test]
fn e0305_unknown_issue_in_follows() {
    let run = check_bad("e0305-unknown-issue");
    run.assert_only_errors(&[Code::UnknownItem]);
    let d = run.one(Code::UnknownItem);
    assert_eq!(d.at(), "content/years/2024/issues.yaml:13:12");
    assert_eq!(d.help, "did you mean `evidence`?");
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0305_unknown_event() {
    let run = check_bad("e0305-unknown-event");
    run.assert_only_errors(&[Code::UnknownItem]);
    let d = run.one(Code::UnknownItem);
    assert_eq!(d.at(), "content/years/2024/report.en.md:3:38");
    assert_eq!(d.help, "events are ranked 1–10 in 2024/events.yaml");
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0305_unknown_year() {
    let run = check_bad("e0305-unknown-year");
    run.assert_only_errors(&[Code::UnknownItem]);
    let d = run.one(Code::UnknownItem);
    assert_eq!(d.at(), "content/pages/about.zh.md:5:22");
    assert_eq!(d.help, "the site has the years 2023, 2024");
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0305_unknown_page() {
    let run = check_bad("e0305-unknown-page");
    run.assert_only_errors(&[Code::UnknownItem]);
    let d = run.one(Code::UnknownItem);
    assert_eq!(d.at(), "content/years/2024/report.zh.md:3:45");
    assert_eq!(d.help, "did you mean `about`?");
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0306_malformed_reference() {
    // `@case/patent-infringement`: the year is missing.
    let run = check_bad("e0306-malformed-reference");
    run.assert_only_errors(&[Code::MalformedReference]);
    let d = run.one(Code::MalformedReference);
    assert_eq!(
        d.at(),
        "content/years/2023/achievements/enforcement.en.md:4:42"
    );
    assert_eq!(d.help, "write <YYYY>/<id>, e.g. `2023/patent-infringement`");
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0306_misspelt_reference_kind() {
    // `@measures/decision-2022/3` in a YAML markdown text.
    let run = check_bad("e0306-misspelt-kind");
    run.assert_only_errors(&[Code::MalformedReference]);
    let d = run.one(Code::MalformedReference);
    assert_eq!(d.at(), "content/years/2023/issues.yaml:9:11");
    assert_eq!(d.snippet, "[](@measures/decision-2022/3)");
    assert!(d.help.contains("`measure`"), "{}", d.help);
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0306_unknown_kind_lists_the_kinds() {
    let run = check_bad("e0306-unknown-kind-foo");
    run.assert_only_errors(&[Code::MalformedReference]);
    let d = run.one(Code::MalformedReference);
    assert_eq!(d.at(), "content/years/2024/report.en.md:3:66");
    assert!(!d.help.contains("did you mean"), "{}", d.help);
    assert!(d.help.contains("@measure"), "{}", d.help);
}

#[test]
fn e0306_other_malformed_forms() {
    let dir = good_copy();
    write(
        dir.path(),
        "content/pages/about.zh.md",
        "---\ntitle: 关于本站\n---\n见[](@event/2024)和[](@target/plan-2024-2026/hte-coverage)。\n",
    );
    let run = check_dir(dir);
    run.assert_only_errors(&[Code::MalformedReference, Code::MalformedReference]);
    let found = run.with_code(Code::MalformedReference);
    assert_eq!(found[0].at(), "content/pages/about.zh.md:4:2");
    assert!(
        found[0].help.contains("@event/<YYYY>/<rank>"),
        "{}",
        found[0].help
    );
    assert_eq!(found[1].at(), "content/pages/about.zh.md:4:18");
    assert!(
        found[1]
            .help
            .contains("@target/<doc-id>/<indicator-id>/<YYYY>"),
        "{}",
        found[1].help
    );
}

#[test]
fn e0307_value_for_an_undefined_indicator() {
    let run = check_bad("e0307-value-for-unknown-indicator");
    run.assert_only_errors(&[Code::ValueForUnknownIndicator]);
    let d = run.one(Code::ValueForUnknownIndicator);
    assert_eq!(d.at(), "content/years/2024/report.yaml:9:3");
    assert_eq!(d.snippet, "trademarks");
    assert!(d.help.contains("indicators.yaml"), "{}", d.help);
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0308_indicator_value_missing_that_year() {
    // handling-days has no 2023 value; both report.<lang>.md quote it.
    let run = check_bad("e0308-missing-value");
    run.assert_only_errors(&[Code::MissingValue, Code::MissingValue]);
    let found = run.with_code(Code::MissingValue);
    assert_eq!(found[0].at(), "content/years/2023/report.en.md:3:22");
    assert_eq!(found[1].at(), "content/years/2023/report.zh.md:3:14");
    assert_eq!(found[1].message, "handling-days has no value for 2023");
    assert!(
        found[1].help.contains("years/2023/report.yaml"),
        "{}",
        found[1].help
    );
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0309_target_the_plan_does_not_set() {
    let run = check_bad("e0309-missing-target");
    run.assert_only_errors(&[Code::MissingTarget]);
    let d = run.one(Code::MissingTarget);
    assert_eq!(d.at(), "content/documents/plan-2024-2026.yaml:18:25");
    assert_eq!(
        d.help,
        "plan-2024-2026 sets targets for invention-patents in 2026"
    );
    insta::assert_snapshot!(run.human);
}

// ---------------------------------------------------------------------------------------------
// E04xx: domain rules

#[test]
fn e0401_nine_events() {
    let run = check_bad("e0401-nine-events");
    run.assert_only_errors(&[Code::NotTenEvents]);
    let d = run.one(Code::NotTenEvents);
    assert_eq!(d.file, "content/years/2024/events.yaml");
    assert!(d.message.contains("9"), "{}", d.message);
    assert!(d.help.contains("add 1 more"), "{}", d.help);
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0402_target_outside_the_plan_period() {
    let run = check_bad("e0402-target-outside-period");
    run.assert_only_errors(&[Code::TargetOutsidePeriod]);
    let d = run.one(Code::TargetOutsidePeriod);
    assert_eq!(d.at(), "content/documents/plan-2024-2026.yaml:11:41");
    assert_eq!(d.snippet, "2027");
    assert!(d.message.contains("2024–2026"), "{}", d.message);
    assert_eq!(d.related[0].1, 7);
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0403_empty_document_section() {
    let run = check_bad("e0403-empty-document-section");
    run.assert_only_errors(&[Code::EmptySection]);
    let d = run.one(Code::EmptySection);
    assert_eq!(d.at(), "content/documents/decision-2022.yaml:39:5");
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0403_empty_achievements_folder() {
    // Git does not keep empty folders, so the folder is emptied here.
    let dir = good_copy();
    let folder = dir.path().join("content/years/2024/achievements");
    for entry in std::fs::read_dir(&folder).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    let run = check_dir(dir);
    run.assert_only_errors(&[Code::EmptySection]);
    let d = run.one(Code::EmptySection);
    assert_eq!(d.file, "content/years/2024/achievements/");
    assert!(d.help.contains("remove the folder"), "{}", d.help);
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0404_translation_contradicting_the_default_language() {
    // patent-infringement.en.md says `decided: 2023-09-16`; the zh file says 2023-09-15.
    let run = check_bad("e0404-contradicting-translation");
    run.assert_only_errors(&[Code::ContradictingTranslation]);
    let d = run.one(Code::ContradictingTranslation);
    assert_eq!(
        d.at(),
        "content/years/2023/cases/patent-infringement.en.md:3:10"
    );
    // Both files are named.
    assert_eq!(
        d.related[0].0,
        "content/years/2023/cases/patent-infringement.zh.md"
    );
    assert_eq!(d.related[0].1, 7);
    insta::assert_snapshot!(run.human);
}

#[test]
fn e0405_translation_without_original() {
    let run = check_bad("e0405-orphan-translation");
    run.assert_only_errors(&[Code::OrphanTranslation]);
    let d = run.one(Code::OrphanTranslation);
    assert_eq!(d.file, "content/pages/contact.en.md");
    assert!(
        d.help.contains("create content/pages/contact.zh.md"),
        "{}",
        d.help
    );
    insta::assert_snapshot!(run.human);
}

// ---------------------------------------------------------------------------------------------
// E05xx: build and output

#[test]
fn e0501_output_folder_refused() {
    let dir = good_copy();
    let root = dir.path();
    for out in [
        root.to_path_buf(),
        root.join("content/out"),
        root.parent().unwrap().to_path_buf(),
    ] {
        let d = ipreport::output::check_output_dir(root, &out)
            .expect_err(&format!("{} must be refused", out.display()));
        assert_eq!(d.code, Code::OutputRefused);
        assert!(d.help.is_some());
    }
    ipreport::output::check_output_dir(root, &root.join("public")).unwrap();
    let d = ipreport::output::check_output_dir(Path::new("site"), Path::new("site")).unwrap_err();
    let text = ipreport::diagnostics::render_human(&[d], &Default::default(), false);
    insta::assert_snapshot!(text);
}

#[test]
fn e0502_broken_template_override() {
    // templates/footer.html with an `{% if %}` that is never closed.
    let run = check_bad("e0502-template-error");
    run.assert_only_errors(&[Code::Template]);
    let d = run.one(Code::Template);
    assert_eq!(d.file, "templates/footer.html");
    assert!(d.help.contains("templates/"), "{}", d.help);
}

#[test]
fn e0502_template_error_names_the_file() {
    let run = check_bad("e0502-template-error");
    let d = run.one(Code::Template);
    assert_eq!(d.file, "templates/footer.html", "{}", run.human);
    assert!(!d.message.contains("error: error"), "{}", d.message);
}

#[test]
fn e0503_output_that_cannot_be_written() {
    let run = compile(&good_site());
    let output = run.compiled.output.as_ref().expect("the good site renders");
    let dir = tempfile::TempDir::new().unwrap();
    // A file where the output folder should be.
    let blocked = dir.path().join("public");
    std::fs::write(&blocked, "not a folder").unwrap();
    let d = ipreport::output::write(&blocked, output).unwrap_err();
    assert_eq!(d.code, Code::WriteFailed);
    assert!(d.message.contains("public"), "{}", d.message);
    assert!(d.help.is_some());
}

#[test]
fn e0504_output_folder_held_by_another_build() {
    let dir = tempfile::TempDir::new().unwrap();
    let out = dir.path().join("public");
    let _held = ipreport::output::lock::acquire(&out, ipreport::output::lock::Waiting::No, |_| {})
        .unwrap()
        .expect("a lock file can be made beside the output");
    let d = ipreport::output::lock::acquire(&out, ipreport::output::lock::Waiting::No, |_| {})
        .unwrap_err();
    assert_eq!(d.code, Code::OutputBusy);
    assert!(d.message.contains("is writing"), "{}", d.message);
    assert!(d.help.as_deref().unwrap().contains("--no-wait"));
}

// ---------------------------------------------------------------------------------------------
// E06xx: importing values (`ipreport import values`)

/// Imports the CSV `text` (written as `name` in the site) for 2024 into a copy of the good
/// site; the human text has the temporary folder replaced by `<site>`.
fn import_csv(name: &str, text: impl AsRef<[u8]>) -> (common::Import, tempfile::TempDir) {
    let dir = good_copy();
    let file = dir.path().join(name);
    std::fs::write(&file, text).unwrap();
    let mut import = common::import_values(dir.path(), &file, 2024, None, false);
    import.human = import
        .human
        .replace(&*dir.path().to_string_lossy(), "<site>");
    (import, dir)
}

/// Imports the workbook `bytes` (with `sheet`) for 2024 into a copy of the good site.
fn import_xlsx(bytes: Vec<u8>, sheet: Option<&str>) -> (common::Import, tempfile::TempDir) {
    let dir = good_copy();
    let file = dir.path().join("values.xlsx");
    std::fs::write(&file, bytes).unwrap();
    let mut import = common::import_values(dir.path(), &file, 2024, sheet, false);
    import.human = import
        .human
        .replace(&*dir.path().to_string_lossy(), "<site>");
    (import, dir)
}

#[test]
fn e0601_a_file_that_is_no_table() {
    let (import, _dir) = import_xlsx(b"PK\x03\x04 not really a workbook".to_vec(), None);
    let d = import.one(Code::ImportUnreadable);
    assert!(
        d.message.contains("cannot be read as a workbook"),
        "{}",
        d.message
    );
    assert!(d.help.as_deref().unwrap().contains("save it again"));
    // A missing file, a binary file named .csv, and a file of another kind.
    let dir = good_copy();
    let missing =
        common::import_values(dir.path(), &dir.path().join("nope.csv"), 2024, None, false);
    assert!(
        missing
            .one(Code::ImportUnreadable)
            .message
            .contains("cannot read")
    );
    let (binary, _dir) = import_csv(
        "values.csv",
        [0x89, b'P', b'N', b'G', 0, 1, 0xff, 0xfe, 0xfd],
    );
    assert!(
        binary
            .one(Code::ImportUnreadable)
            .message
            .contains("is not text")
    );
    let (other, _dir) = import_csv("values.docx", "x");
    let d = other.one(Code::ImportUnreadable);
    assert!(
        d.message.contains("neither a workbook nor a CSV file"),
        "{}",
        d.message
    );
    insta::assert_snapshot!(import.human);
}

#[test]
fn e0602_sheet_that_does_not_exist() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    workbook.add_worksheet().set_name("2024年").unwrap();
    workbook.add_worksheet().set_name("说明").unwrap();
    let (import, _dir) = import_xlsx(workbook.save_to_buffer().unwrap(), Some("2024"));
    let d = import.one(Code::ImportNoSheet);
    assert!(d.message.contains("no sheet named `2024`"), "{}", d.message);
    let help = d.help.as_deref().unwrap();
    assert!(
        help.contains("`--sheet 2024年`") && help.contains("`说明`"),
        "{help}"
    );
    insta::assert_snapshot!(import.human);
}

#[test]
fn e0602_sheet_given_for_a_csv_file() {
    let dir = good_copy();
    let file = dir.path().join("values.csv");
    std::fs::write(&file, "指标,数值\n").unwrap();
    let import = common::import_values(dir.path(), &file, 2024, Some("Sheet1"), false);
    assert!(
        import
            .one(Code::ImportNoSheet)
            .message
            .contains("has no sheets")
    );
}

#[test]
fn e0603_table_without_a_header_row() {
    let (import, _dir) = import_csv(
        "values.csv",
        "测试市2024年主要指标\n有效发明专利拥有量,42180\n知识产权质押融资额,110.5\n",
    );
    let d = import.one(Code::ImportNoHeader);
    assert!(d.message.contains("no header row"), "{}", d.message);
    assert!(d.help.as_deref().unwrap().contains("`2024年`"));
    insta::assert_snapshot!(import.human);
}

#[test]
fn e0604_header_without_the_year_s_column() {
    let (import, _dir) = import_csv(
        "values.csv",
        "标题\n\n指标名称,单位,2022年,2023年\n有效发明专利拥有量,件,30000,35000\n",
    );
    let d = import.one(Code::ImportNoValueColumn);
    assert!(
        d.message
            .contains("columns for 2022, 2023 but not for 2024"),
        "{}",
        d.message
    );
    assert!(d.help.as_deref().unwrap().contains("--year 2023"));
    insta::assert_snapshot!(import.human);
    let (none, _dir) = import_csv("values.csv", "指标名称,备注\n有效发明专利拥有量,x\n");
    assert!(
        none.one(Code::ImportNoValueColumn)
            .message
            .contains("no value column")
    );
}

#[test]
fn e0605_unknown_indicator_suggests_the_closest() {
    let (import, _dir) = import_csv("values.csv", "指标名称,2024年\n有效发明专利数,42180\n");
    let d = import.one(Code::ImportUnknownIndicator);
    assert_eq!(&*d.message, "unknown indicator `有效发明专利数`");
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .starts_with("did you mean `有效发明专利拥有量` (invention-patents)?"),
        "{:?}",
        d.help
    );
    insta::assert_snapshot!(import.human);
    let (far, _dir) = import_csv("values.csv", "指标名称,2024年\n商标注册申请量,42180\n");
    let help = far.one(Code::ImportUnknownIndicator).help.clone().unwrap();
    assert!(help.contains("define the indicator"), "{help}");
}

#[test]
fn e0606_value_that_is_not_a_number() {
    let (import, _dir) = import_csv(
        "values.csv",
        "指标名称,2024年\n有效发明专利拥有量,约4.2万\n",
    );
    let d = import.one(Code::ImportNotANumber);
    assert_eq!(&*d.message, "`约4.2万` is not a number");
    assert!(d.help.as_deref().unwrap().contains("`63.18万`"));
    insta::assert_snapshot!(import.human);
}

#[test]
fn e0607_unit_that_does_not_fit() {
    let (import, _dir) = import_csv(
        "values.csv",
        "指标名称,单位,2024年\n知识产权质押融资额,件,110.5\n专利侵权纠纷平均办案周期,,72%\n高新技术企业知识产权管理覆盖率,,63.5件\n",
    );
    assert_eq!(
        import.codes(),
        ["E0607", "E0607", "E0607"],
        "{}",
        import.human
    );
    let messages: Vec<&str> = import
        .result
        .diagnostics
        .iter()
        .map(|d| &*d.message)
        .collect();
    assert_eq!(
        messages,
        [
            "`件` does not fit 知识产权质押融资额 (pledge-financing), which is in `亿元`",
            "`%` does not fit 专利侵权纠纷平均办案周期 (handling-days), which is in `天`",
            "`件` does not fit 高新技术企业知识产权管理覆盖率 (hte-coverage), which is in `%`",
        ]
    );
    assert!(
        import.result.diagnostics[2]
            .help
            .as_deref()
            .unwrap()
            .contains("percentage")
    );
    insta::assert_snapshot!(import.human);
}

#[test]
fn e0608_indicator_given_twice() {
    let (import, _dir) = import_csv(
        "values.csv",
        "指标名称,2024年\n有效发明专利拥有量,42180\ninvention-patents,42190\n",
    );
    let d = import.one(Code::ImportDuplicate);
    assert!(
        d.message.contains("is given twice, first in line 2"),
        "{}",
        d.message
    );
    assert_eq!(d.related.len(), 1);
    insta::assert_snapshot!(import.human);
}

#[test]
fn e0609_report_whose_indicators_are_a_list() {
    let dir = good_copy();
    let report = dir.path().join("content/years/2024/report.yaml");
    let text = std::fs::read_to_string(&report).unwrap();
    let head = text.split("indicators:").next().unwrap();
    std::fs::write(
        &report,
        format!("{head}indicators:\n  - invention-patents\n"),
    )
    .unwrap();
    let file = dir.path().join("values.csv");
    std::fs::write(&file, "指标名称,2024年\n有效发明专利拥有量,42180\n").unwrap();
    let import = common::import_values(dir.path(), &file, 2024, None, false);
    let d = import.one(Code::ImportReportNotEditable);
    assert_eq!(
        &*d.message,
        "`indicators:` is a list, not a mapping of values"
    );
    assert_eq!(
        std::fs::read_to_string(&report).unwrap(),
        format!("{head}indicators:\n  - invention-patents\n")
    );
    insta::assert_snapshot!(import.human);
}

#[test]
fn e0610_report_that_cannot_be_written() {
    let dir = good_copy();
    // A folder where the temporary file is written before it is renamed over report.yaml
    // (permissions would not stop a test run as root).
    let tmp = dir
        .path()
        .join("content/years/2024/.report.yaml.ipreport-tmp");
    std::fs::create_dir_all(tmp.join("x")).unwrap();
    let report = dir.path().join("content/years/2024/report.yaml");
    let before = std::fs::read(&report).unwrap();
    let file = dir.path().join("values.csv");
    std::fs::write(&file, "指标名称,2024年\n有效发明专利拥有量,42180\n").unwrap();
    let import = common::import_values(dir.path(), &file, 2024, None, false);
    let d = import.one(Code::ImportWriteFailed);
    assert!(
        d.message
            .contains("cannot write content/years/2024/report.yaml"),
        "{}",
        d.message
    );
    assert!(d.help.as_deref().unwrap().contains("nothing was changed"));
    assert_eq!(std::fs::read(&report).unwrap(), before);
    insta::assert_snapshot!(import.human);
}

#[test]
fn e0611_a_file_that_is_no_document() {
    let dir = good_copy();
    let cases: [(&str, &[u8], &str, &str); 4] = [
        (
            "draft.docx",
            b"PK\x03\x04 a broken archive",
            "is not a Word document (.docx)",
            "save the document",
        ),
        (
            "draft.doc",
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0],
            "is a Word 97–2003 document (.doc)",
            "save it as a Word document (.docx)",
        ),
        (
            "scan.txt",
            &[0x00, 0xFF, 0xFE, 0x00, 0xD8, 0x00, 0xDC, 0xFF, 0x81],
            "is not text in UTF-8, UTF-16 or GBK/GB18030",
            "import the Word file itself",
        ),
        ("missing.txt", b"", "cannot read", "check the file's name"),
    ];
    for (name, bytes, message, help) in cases {
        let file = dir.path().join(name);
        if name != "missing.txt" {
            std::fs::write(&file, bytes).unwrap();
        }
        let import = common::import_document(dir.path(), &file, "draft", false, false);
        let d = import.one(Code::ImportDocumentUnreadable);
        assert!(d.message.contains(message), "{name}: {}", d.message);
        assert!(
            d.help.as_deref().unwrap().contains(help),
            "{name}: {:?}",
            d.help
        );
        assert!(!dir.path().join("content/documents/draft.yaml").exists());
    }
}

#[test]
fn e0612_a_document_without_numbering() {
    let dir = good_copy();
    let file = dir.path().join("letter.txt");
    std::fs::write(
        &file,
        "关于召开知识产权工作会议的通知\n各单位：\n定于下周召开会议，请准时参加。\n",
    )
    .unwrap();
    let import = common::import_document(dir.path(), &file, "letter", false, false);
    let d = import.one(Code::ImportNoMeasures);
    assert!(
        d.message.contains("no numbered headings or measures"),
        "{}",
        d.message
    );
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("`一、`, `（一）`, `1.`")
    );
    assert!(import.human.contains("error[E0612]"), "{}", import.human);
}

#[test]
fn e0613_a_document_that_exists_already() {
    let dir = good_copy();
    let file = dir.path().join("plan.txt");
    std::fs::write(
        &file,
        "测试市工作方案\n一、主要任务\n1.加强保护。开展专项行动。\n",
    )
    .unwrap();
    let existing = dir.path().join("content/documents/plan-2024-2026.yaml");
    let before = std::fs::read(&existing).unwrap();
    let import = common::import_document(dir.path(), &file, "plan-2024-2026", false, false);
    let d = import.one(Code::ImportDocumentExists);
    assert!(
        d.message
            .contains("content/documents/plan-2024-2026.yaml exists already")
    );
    assert!(d.help.as_deref().unwrap().contains("--force"));
    assert_eq!(std::fs::read(&existing).unwrap(), before);
    // --force replaces it; an id that is no id is refused before anything is read.
    let forced = common::import_document(dir.path(), &file, "plan-2024-2026", true, false);
    assert!(forced.outcome().written);
    let bad = common::import_document(dir.path(), &file, "Plan 2024", false, false);
    assert!(
        bad.one(Code::InvalidId)
            .message
            .contains("`--id Plan 2024` is not a valid id")
    );
}

// ---------------------------------------------------------------------------------------------
// W01xx: warnings

#[test]
fn w0101_text_without_en_value() {
    let run = check_bad("w0101-missing-translation-text");
    run.assert_only_warnings(&[Code::MissingTranslation]);
    let d = run.one(Code::MissingTranslation);
    assert_eq!(d.at(), "content/indicators.yaml:33:10");
    assert_eq!(d.message, "missing en translation");
    assert!(d.help.contains("`en: …`"), "{}", d.help);
    insta::assert_snapshot!(run.human);
}

#[test]
fn w0101_missing_en_md_file() {
    let run = check_bad("w0101-missing-translation-file");
    run.assert_only_warnings(&[Code::MissingTranslation]);
    let d = run.one(Code::MissingTranslation);
    assert_eq!(d.file, "content/years/2024/cases/patent-mediation.zh.md");
    assert!(
        d.help
            .contains("create content/years/2024/cases/patent-mediation.en.md"),
        "{}",
        d.help
    );
    insta::assert_snapshot!(run.human);
}

#[test]
fn w0102_published_outside_the_world_ip_day_week() {
    let run = check_bad("w0102-published-outside-week");
    run.assert_only_warnings(&[Code::PublishedOutsideWeek]);
    let d = run.one(Code::PublishedOutsideWeek);
    assert_eq!(d.at(), "content/years/2024/report.yaml:2:12");
    assert!(d.help.contains("20–26 April"), "{}", d.help);
    insta::assert_snapshot!(run.human);
}

#[test]
fn w0103_court_case_without_case_number() {
    let run = check_bad("w0103-missing-case-number");
    run.assert_only_warnings(&[Code::MissingCaseNumber]);
    let d = run.one(Code::MissingCaseNumber);
    assert_eq!(
        d.at(),
        "content/years/2024/cases/trademark-criminal.zh.md:2:8"
    );
    assert_eq!(d.message, "a criminal case has no case number");
    assert!(d.help.contains("case_number:"), "{}", d.help);
    insta::assert_snapshot!(run.human);
}

#[test]
fn w0104_zh_and_en_numbers_differ() {
    // zh: 平台全年仅受理查询392件。 en: …only 329 queries…
    let run = check_bad("w0104-number-mismatch");
    run.assert_only_warnings(&[Code::NumberMismatch]);
    let d = run.one(Code::NumberMismatch);
    assert_eq!(d.file, "content/years/2024/issues.yaml");
    assert!(
        d.message.contains("392") && d.message.contains("329"),
        "{}",
        d.message
    );
    insta::assert_snapshot!(run.human);
}

#[test]
fn w0104_scaled_numbers_are_understood() {
    // SPEC §15: `120万元` = `1.2 million yuan`; 1.5 million is a mismatch, 1.2 million is not.
    let with_funding = |en: &str| {
        let dir = good_copy();
        let path = "content/years/2024/issues.yaml";
        let text = std::fs::read_to_string(dir.path().join(path)).unwrap();
        let description = format!(
            "  status: open\n  description:\n    zh: 投入资金120万元。\n    en: Funding of {en}.\n"
        );
        write(
            dir.path(),
            path,
            text.replace("  status: open\n", &description),
        );
        check_dir(dir)
    };
    let same = with_funding("1.2 million yuan");
    assert!(same.found.is_empty(), "{}", same.human);
    let differ = with_funding("1.5 million yuan");
    differ.assert_only_warnings(&[Code::NumberMismatch]);
}

#[test]
fn w0105_half_width_comma_between_chinese_characters() {
    // `经调解,双方达成许可协议。` on line 16.
    let run = check_bad("w0105-half-width-punctuation");
    run.assert_only_warnings(&[Code::HalfWidthPunctuation]);
    let d = run.one(Code::HalfWidthPunctuation);
    assert_eq!(
        d.at(),
        "content/years/2024/cases/patent-mediation.zh.md:16:4"
    );
    assert!(d.help.contains('，'), "{}", d.help);
    insta::assert_snapshot!(run.human);
}

#[test]
fn w0106_world_ip_day_written_with_a_dot() {
    // `本案在4.26知识产权宣传周期间发布。` on line 20.
    let run = check_bad("w0106-world-ip-day-spelling");
    run.assert_only_warnings(&[Code::WorldIpDaySpelling]);
    let d = run.one(Code::WorldIpDaySpelling);
    assert_eq!(
        d.at(),
        "content/years/2024/cases/patent-mediation.zh.md:20:4"
    );
    assert!(d.help.contains("4·26"), "{}", d.help);
    insta::assert_snapshot!(run.human);
}

#[test]
fn w0107_raw_html_in_markdown() {
    let run = check_bad("w0107-raw-html");
    run.assert_only_warnings(&[Code::RawHtml]);
    let d = run.one(Code::RawHtml);
    assert_eq!(d.at(), "content/pages/about.zh.md:7:3");
    assert!(d.help.contains("allow_raw_html"), "{}", d.help);
    insta::assert_snapshot!(run.human);
}

#[test]
fn w0108_no_base_url_means_no_sitemap_or_feeds() {
    let dir = good_copy();
    let path = dir.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("base_url:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, without).unwrap();
    let root = dir.path().to_path_buf();
    let run = check_dir(dir);
    run.assert_only_warnings(&[Code::NoBaseUrl]);
    let d = run.one(Code::NoBaseUrl);
    assert_eq!(d.file, "content/site.yaml");
    assert!(d.help.contains("base_url"), "{}", d.help);
    // The site still builds, without the files that need absolute addresses.
    let compiled = ipreport::session::compile(&root, Default::default());
    let output = compiled.output.expect("builds");
    assert!(!output.contains_key("sitemap.xml"));
    assert!(!output.contains_key("feed.xml"));
    assert!(output.contains_key("data/indicators.csv"));
}

// ---------------------------------------------------------------------------------------------
// A run as a whole

#[test]
fn all_problems_of_a_run_are_reported_together_sorted_by_file_then_line() {
    let run = check_bad("multi-three-mistakes");
    run.assert_only_errors(&[
        Code::InvalidValue,
        Code::InvalidValue,
        Code::UnknownDepartment,
    ]);
    let places: Vec<String> = run.found.iter().map(|d| d.at()).collect();
    assert_eq!(
        places,
        [
            "content/indicators.yaml:6:14",
            "content/years/2023/issues.yaml:12:11",
            "content/years/2024/achievements/02-protection.zh.md:4:20",
        ]
    );
    assert!(
        run.compiled.output.is_none(),
        "nothing is rendered on errors"
    );
    insta::assert_snapshot!(run.human);
}

#[test]
fn json_lines_carry_code_severity_and_place() {
    let run = check_bad("multi-three-mistakes");
    let lines: Vec<serde_json::Value> = run
        .json
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    assert_eq!(lines.len(), 3, "{}", run.json);
    for l in &lines {
        for key in ["code", "severity", "message", "file", "line", "column"] {
            assert!(l.get(key).is_some(), "no `{key}` in {l}");
        }
        assert_eq!(l["severity"], "error");
    }
    assert_eq!(lines[0]["code"], "E0104");
    assert_eq!(lines[0]["file"], "content/indicators.yaml");
    assert_eq!(
        (lines[0]["line"].as_u64(), lines[0]["column"].as_u64()),
        (Some(6), Some(14))
    );
    assert_eq!(lines[2]["code"], "E0303");
    assert_eq!(lines[2]["help"], "did you mean `court`?");
    // Files without a span carry the file, without line and column.
    let missing = check_bad("e0004-missing-site-yaml");
    let v: serde_json::Value = serde_json::from_str(missing.json.trim()).unwrap();
    assert_eq!(v["code"], "E0004");
    assert_eq!(v["file"], "content/site.yaml");
    assert!(v.get("line").is_none());
}

#[test]
fn json_file_level_diagnostics_carry_file() {
    // CI scripts read `file` from every line; a missing site.yaml must not be the one without.
    let run = check_bad("e0004-missing-site-yaml");
    let v: serde_json::Value = serde_json::from_str(run.json.trim()).unwrap();
    assert_eq!(v["file"], "content/site.yaml", "{v}");
}

#[test]
fn strict_mode_turns_warnings_into_errors() {
    let dir = common::site_with("w0102-published-outside-week");
    let relaxed = compile_with(dir.path(), false);
    assert_eq!(relaxed.errors().len(), 0);
    assert!(
        relaxed.compiled.output.is_some(),
        "warnings do not stop the build"
    );
    let strict = compile_with(dir.path(), true);
    let d = strict.one(Code::PublishedOutsideWeek);
    assert_eq!(d.severity, Severity::Error);
    assert!(strict.compiled.output.is_none());
    assert!(strict.human.starts_with("error[W0102]"), "{}", strict.human);
}

// ---------------------------------------------------------------------------------------------
// Hostile input never panics the loader

/// `(what, file, text)`: each case replaces one file of the good site.
fn hostile_cases() -> Vec<(&'static str, &'static str, String)> {
    let long_md = format!(
        "---\ntitle: 关于\n---\n{}[](@dept/nope)\n",
        "知".repeat(100_000)
    );
    vec![
        ("empty site.yaml", "content/site.yaml", String::new()),
        (
            "empty report.yaml",
            "content/years/2023/report.yaml",
            String::new(),
        ),
        (
            "empty events.yaml",
            "content/years/2024/events.yaml",
            String::new(),
        ),
        (
            "empty case",
            "content/years/2024/cases/patent-mediation.zh.md",
            String::new(),
        ),
        (
            "empty document",
            "content/documents/plan-2024-2026.yaml",
            String::new(),
        ),
        (
            "scalar indicators.yaml",
            "content/indicators.yaml",
            "just a scalar\n".into(),
        ),
        ("scalar site.yaml", "content/site.yaml", "42\n".into()),
        (
            "front matter list",
            "content/pages/about.zh.md",
            "---\n- a\n- b\n---\nbody\n".into(),
        ),
        (
            "front matter scalar",
            "content/pages/about.en.md",
            "---\njust text\n---\nbody\n".into(),
        ),
        ("only dashes", "content/pages/about.zh.md", "---".into()),
        ("100k-character line", "content/pages/about.zh.md", long_md),
        (
            "100k-character YAML line",
            "content/years/2024/report.yaml",
            format!("title: {}\n", "x".repeat(100_000)),
        ),
        (
            "NUL and a BOM inside",
            "content/pages/about.zh.md",
            "---\ntitle: \"\\0\"\n---\n\0[](@\0)\u{feff}\n".into(),
        ),
        (
            "BOM and CRLF",
            "content/pages/about.zh.md",
            "\u{feff}---\r\ntitel: 关于\r\n---\r\n正文\r\n".into(),
        ),
        (
            "no languages",
            "content/site.yaml",
            "title: x\npublisher: y\nlanguages: []\n".into(),
        ),
        (
            "bare @ links",
            "content/pages/about.zh.md",
            "---\ntitle: x\n---\n[](@) [x](@/) [](@measure/) [](@measure//) [](@target////)\n"
                .into(),
        ),
    ]
}

#[test]
fn hostile_inputs_are_diagnostics_not_panics() {
    for (what, file, text) in hostile_cases() {
        let dir = good_copy();
        write(dir.path(), file, &text);
        let run = std::panic::catch_unwind(|| check_dir(dir))
            .unwrap_or_else(|_| panic!("{what}: the loader panicked"));
        assert!(!run.found.is_empty(), "{what}: no diagnostic");
        // Rendering every diagnostic works too.
        assert!(!run.human.is_empty() && !run.json.is_empty(), "{what}");
        for d in &run.found {
            assert!(!d.message.is_empty(), "{what}: empty message");
        }
    }
}

/// Deep nesting has to be tried in a separate process: a stack overflow aborts the whole test
/// binary rather than failing one test.
fn check_in_process_of_its_own(root: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ipreport"))
        .args(["check", "--root"])
        .arg(root)
        .output()
        .unwrap()
}

#[test]
fn deeply_nested_yaml_is_a_diagnostic_not_a_crash() {
    for text in [
        // 200 levels of block mappings.
        (0..200)
            .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
            .collect::<String>(),
        // 200 levels of flow sequences.
        format!("{}{}\n", "[".repeat(200), "]".repeat(200)),
    ] {
        let dir = good_copy();
        write(dir.path(), "content/departments.yaml", &text);
        let out = check_in_process_of_its_own(dir.path());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("content/departments.yaml"), "{stderr}");
        // The budget message is written for editors, not as a Rust `Debug` value.
        assert!(!stderr.contains("Depth {"), "{stderr}");
    }
}

#[test]
fn w0109_indicator_name_that_spreadsheets_would_run() {
    let run = check_bad("w0109-spreadsheet-formula");
    // The formula's link goes to a host reserved for examples, which W0112 reports as well.
    run.assert_only_warnings(&[Code::SpreadsheetFormula, Code::ExampleHost]);
    let d = run.one(Code::SpreadsheetFormula);
    assert_eq!(d.at(), "content/indicators.yaml:13:29");
    assert!(d.message.contains("`pledge-financing`"), "{}", d.message);
    assert!(d.help.contains("'"), "{}", d.help);
    // The open data shows it as text.
    let output = run
        .compiled
        .output
        .as_ref()
        .expect("a warning does not stop the build");
    let Some(ipreport::render::OutputFile::Bytes(csv)) = output.get("data/indicators.csv") else {
        panic!("no CSV");
    };
    let csv = String::from_utf8_lossy(csv);
    assert!(csv.contains(",\"'=HYPERLINK("), "{csv}");
    insta::assert_snapshot!(run.human);
}

#[test]
fn w0110_hash_in_an_unquoted_title() {
    // `title: 典型案例 #3 某电器公司…`: YAML reads `#3 …` as a comment.
    let run = check_bad("w0110-comment-in-value");
    run.assert_only_warnings(&[Code::CommentInValue]);
    let d = run.one(Code::CommentInValue);
    assert_eq!(
        d.at(),
        "content/years/2024/cases/patent-mediation.zh.md:2:13"
    );
    assert!(d.snippet.starts_with("#3 "), "{}", d.snippet);
    assert!(d.help.contains("quotes"), "{}", d.help);
    insta::assert_snapshot!(run.human);
}

#[test]
fn w0111_starter_placeholder_left_unchanged() {
    // The starter's telephone number, 0000-12345678, is still in the footer.
    let run = check_bad("w0111-starter-placeholder");
    run.assert_only_warnings(&[Code::StarterPlaceholder, Code::StarterPlaceholder]);
    let found = run.with_code(Code::StarterPlaceholder);
    assert_eq!(found.len(), 2, "{}", run.human);
    assert_eq!(found[1].at(), "content/site.yaml:16:56");
    let d = found[0];
    assert_eq!(d.at(), "content/site.yaml:15:24");
    assert_eq!(d.snippet, "0000-12345678");
    assert_eq!(
        d.message,
        "`0000-12345678` is a placeholder of the starter site"
    );
    assert!(d.help.contains("telephone number"), "{}", d.help);
    // `--strict` makes it an error.
    let strict = compile_with(common::site_with("w0111-starter-placeholder").path(), true);
    assert_eq!(strict.errors().len(), 2, "{}", strict.human);
    insta::assert_snapshot!(run.human);
}

#[test]
fn w0112_link_to_an_example_host() {
    let run = check_bad("w0112-example-host");
    run.assert_only_warnings(&[Code::ExampleHost]);
    let d = run.one(Code::ExampleHost);
    assert_eq!(d.at(), "content/pages/about.en.md:4:169");
    assert_eq!(d.snippet, "www.example.com");
    assert_eq!(d.help, "link to the real page, or remove the link");
    insta::assert_snapshot!(run.human);
}

#[test]
fn w0112_example_base_url() {
    let dir = good_copy();
    let path = "content/site.yaml";
    let text = std::fs::read_to_string(dir.path().join(path)).unwrap();
    let text = text.replace("https://ip.test.gov.cn/", "https://ip.example.gov.cn/");
    write(dir.path(), path, &text);
    let run = compile(dir.path());
    let d = run.one(Code::ExampleHost);
    assert_eq!(d.at(), "content/site.yaml:8:19");
    assert!(d.help.contains("published at"), "{}", d.help);
}
