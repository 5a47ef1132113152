//! Behaviour where the spec leaves room, pinned down: what editors get in these cases.

use crate::common;

use std::fs;

use common::{good_copy, write};
use ipreport::diagnostics::Code;
use ipreport::render::OutputFile;
use ipreport::session::{self, CompileOptions};

fn page(output: &ipreport::render::Output, path: &str) -> String {
    match output.get(path) {
        Some(OutputFile::Bytes(b)) => String::from_utf8(b.clone()).unwrap(),
        other => panic!("{path}: {other:?}"),
    }
}

#[test]
fn a_plan_with_targets_needs_a_period() {
    let dir = good_copy();
    let path = dir.path().join("content/documents/plan-2024-2026.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("period:"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&path, without).unwrap();
    let compiled = session::compile(dir.path(), CompileOptions::default());
    let errors: Vec<_> = compiled
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].code, Code::TargetOutsidePeriod);
    assert!(errors[0].message.contains("no period"));
}

#[test]
fn check_and_build_agree_about_drafts() {
    let dir = good_copy();
    write(
        dir.path(),
        "content/years/2025/report.yaml",
        "title: {zh: 2025年草稿, en: Draft 2025}\ndraft: true\nindicators:\n  invention-patents: 1\n",
    );
    write(
        dir.path(),
        "content/pages/about.zh.md",
        "---\ntitle: 关于\n---\n见[](@year/2025)。\n",
    );
    // Without drafts the published page links to a year that is not built: an error, in
    // check as in build, with a hint.
    let plain = session::compile(dir.path(), CompileOptions::default());
    let error = plain
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("an error");
    assert!(
        error.help.as_deref().unwrap_or("").contains("--drafts"),
        "{error:?}"
    );
    let with = session::compile(
        dir.path(),
        CompileOptions {
            drafts: true,
            strict: false,
        },
    );
    assert!(!with.diagnostics.iter().any(|d| d.is_error()));
}

#[test]
fn a_document_without_short_is_cited_by_its_title_in_book_title_marks() {
    let dir = good_copy();
    let path = dir.path().join("content/documents/decision-2022.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("short:"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&path, without).unwrap();
    write(
        dir.path(),
        "content/pages/about.zh.md",
        "---\ntitle: 关于\n---\n见[](@measure/decision-2022/1)。\n",
    );
    let compiled = session::compile(dir.path(), CompileOptions::default());
    let output = compiled.output.expect("builds");
    let about = page(&output, "about/index.html");
    assert!(about.contains(">《"), "{about}");
}

#[test]
fn a_case_number_may_be_translated() {
    let dir = good_copy();
    let path = dir
        .path()
        .join("content/years/2024/cases/trademark-criminal.en.md");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replacen(
            "---\n",
            "---\ncase_number: (2024) Ce 01 Xing Chu No. 45\n",
            1,
        ),
    )
    .unwrap();
    let compiled = session::compile(dir.path(), CompileOptions::default());
    assert!(
        !compiled.diagnostics.iter().any(|d| d.is_error()),
        "{:?}",
        compiled.diagnostics
    );
    let output = compiled.output.unwrap();
    assert!(
        page(&output, "en/2024/cases/trademark-criminal/index.html")
            .contains("(2024) Ce 01 Xing Chu No. 45")
    );
    assert!(
        page(&output, "2024/cases/trademark-criminal/index.html").contains("（2024）测01刑初45号")
    );
}

#[test]
fn html_comments_in_markdown_are_not_published() {
    let dir = good_copy();
    write(
        dir.path(),
        "content/pages/about.zh.md",
        "---\ntitle: 关于\n---\n正文。<!-- 待核实：联系电话 -->\n\n<!--\n内部备注\n-->\n",
    );
    let compiled = session::compile(dir.path(), CompileOptions::default());
    assert!(!compiled.diagnostics.iter().any(|d| d.code == Code::RawHtml));
    let about = page(compiled.output.as_ref().unwrap(), "about/index.html");
    assert!(!about.contains("待核实") && !about.contains("内部备注"));
}
