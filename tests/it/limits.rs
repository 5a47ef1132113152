//! Unreasonable input gives a clear result within seconds: huge files, long lines, huge
//! lists, CRLF line endings, a byte-order mark, invalid UTF-8, an empty content folder.
//! The heaviest cases are `#[ignore]`d and run in release mode by `scripts/hardening.sh`.

use crate::common;

use std::time::{Duration, Instant};

use common::{check_dir, good_copy, write};
use ipreport::diagnostics::Code;
use ipreport::session::{self, CompileOptions, Session};

fn timed<T>(limit: Duration, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = f();
    assert!(started.elapsed() < limit, "took {:?}", started.elapsed());
    out
}

#[test]
fn crlf_files_keep_their_line_numbers() {
    let dir = good_copy();
    let path = "content/years/2024/report.yaml";
    let text = std::fs::read_to_string(dir.path().join(path)).unwrap();
    let crlf = text.replace('\n', "\r\n").replacen("title:", "titel:", 1);
    write(dir.path(), path, crlf);
    let run = check_dir(dir);
    let d = run.one(Code::UnknownKey);
    assert_eq!(d.at(), format!("{path}:1:1"));
    assert!(
        !run.human.contains('\r'),
        "no carriage returns in the report"
    );
}

#[test]
fn a_byte_order_mark_is_harmless() {
    let dir = good_copy();
    let path = "content/pages/about.zh.md";
    let text = std::fs::read_to_string(dir.path().join(path)).unwrap();
    write(dir.path(), path, format!("\u{feff}{text}"));
    let compiled = session::compile(dir.path(), CompileOptions::default());
    assert!(
        compiled.diagnostics.is_empty(),
        "{:?}",
        compiled.diagnostics
    );
}

#[test]
fn invalid_utf8_names_the_file_and_the_byte() {
    let dir = good_copy();
    write(
        dir.path(),
        "content/pages/about.zh.md",
        b"---\ntitle: ok\n---\n\xff\xfe GBK?\n",
    );
    let run = check_dir(dir);
    let d = run.one(Code::ReadFailed);
    assert_eq!(d.file, "content/pages/about.zh.md");
    assert!(d.message.contains("offset 18"), "{}", d.message);
}

#[test]
fn an_empty_content_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    let compiled = session::compile(dir.path(), CompileOptions::default());
    assert!(
        compiled
            .diagnostics
            .iter()
            .any(|d| d.code == Code::MissingFile)
    );
    assert!(compiled.output.is_none());
}

#[test]
fn a_one_megabyte_line_is_read_and_reported_briefly() {
    let dir = good_copy();
    let line = "很长的一行。".repeat(60_000);
    write(
        dir.path(),
        "content/pages/about.zh.md",
        format!("---\ntitle: 关于\n---\n{line} [](@page/nothing)\n"),
    );
    let run = timed(Duration::from_secs(30), || check_dir(dir));
    let d = run.one(Code::UnknownItem);
    assert_eq!(d.line, 4);
    // The snippet of a diagnostic on a huge line stays readable.
    assert!(run.human.len() < 20_000, "{} bytes", run.human.len());
}

#[test]
#[ignore = "heavy: run in release by scripts/hardening.sh"]
fn a_fifty_megabyte_markdown_file_builds() {
    let dir = good_copy();
    let paragraph = "知识产权保护工作取得积极进展，全市有效发明专利持续增长。\n\n".repeat(600_000);
    assert!(paragraph.len() > 50_000_000);
    write(
        dir.path(),
        "content/pages/about.zh.md",
        format!("---\ntitle: 关于\n---\n{paragraph}"),
    );
    let compiled = timed(Duration::from_secs(60), || {
        session::compile(dir.path(), CompileOptions::default())
    });
    assert!(
        compiled.output.is_some(),
        "{:?}",
        compiled.diagnostics.first()
    );
}

#[test]
#[ignore = "heavy: run in release by scripts/hardening.sh"]
fn a_yaml_list_of_a_hundred_thousand_items_is_read() {
    let dir = good_copy();
    let mut yaml = String::new();
    for i in 0..100_000 {
        yaml.push_str(&format!(
            "- id: dept-{i}\n  name: {{zh: 部门{i}, en: Department {i}}}\n"
        ));
    }
    write(dir.path(), "content/departments.yaml", yaml);
    let compiled = timed(Duration::from_secs(60), || {
        Session::once(dir.path(), CompileOptions::default()).prepare()
    });
    assert_eq!(compiled.site.as_ref().unwrap().departments.len(), 100_000);
}
