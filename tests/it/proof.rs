//! The proof view: pages rendered for `serve` carry the source of every value, and what is
//! written to disk stays byte for byte what `build` writes.

use std::path::Path;

use ipreport::render::proof::MarkTable;
use ipreport::render::{Output, OutputFile};
use ipreport::session::{self, CompileOptions, Search, Session};

use crate::common;

/// The site rendered as `serve` renders it: the output, and the marks of its pages.
fn proof_render(root: &Path) -> (Output, MarkTable) {
    let marks = MarkTable::default();
    let mut session = Session::watching(root, CompileOptions::default());
    session.show_sources(marks.clone());
    let prepared = session.prepare();
    session
        .render(&prepared, Search::Now)
        .expect("the site renders");
    (session.output().expect("an output").clone(), marks)
}

fn built(root: &Path) -> Output {
    session::compile(root, CompileOptions::default())
        .output
        .expect("the site builds")
}

/// The 1-based line of the first line of `file` (under `root`) that starts with `start`
/// once indented.
fn line_of(root: &Path, file: &str, start: &str) -> usize {
    let text = std::fs::read_to_string(root.join(file)).unwrap();
    1 + text
        .lines()
        .position(|l| l.trim_start().starts_with(start))
        .unwrap_or_else(|| panic!("{start} is not in {file}"))
}

fn page(output: &Output, marks: &MarkTable, path: &str) -> String {
    let Some(OutputFile::Bytes(bytes)) = output.get(path) else {
        panic!("no page {path}");
    };
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(!text.contains("data-source"), "{path} on disk has marks");
    let marked = marks
        .get(path)
        .and_then(|m| m.splice(bytes))
        .unwrap_or_else(|| panic!("{path} has no marks"));
    String::from_utf8(marked).unwrap()
}

#[test]
fn pages_for_the_proof_view_are_written_as_a_build_writes_them() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR"));
    for root in [common::good_site(), example.to_path_buf()] {
        let (proof, _) = proof_render(&root);
        let plain = built(&root);
        assert_eq!(
            proof.keys().collect::<Vec<_>>(),
            plain.keys().collect::<Vec<_>>()
        );
        for (path, file) in &plain {
            let same = match (proof.get(path), file) {
                (Some(OutputFile::Bytes(a)), OutputFile::Bytes(b)) => a == b,
                // A copied file is read anew by each run: the same file, another version.
                (Some(OutputFile::Copy(a)), OutputFile::Copy(b)) => a.path == b.path,
                _ => false,
            };
            assert!(same, "{path} differs");
        }
    }
}

#[test]
fn every_value_names_its_file_and_line() {
    let root = common::good_site();
    let (output, marks) = proof_render(&root);
    let report = "content/years/2023/report.yaml";
    let line = line_of(&root, report, "invention-patents:");
    let source = format!(
        "data-source=\"{report}:{line}\" data-indicator=\"invention-patents\" data-year=\"2023\""
    );

    // A value in prose, in both languages (the English page links it the same way).
    for path in ["2023/index.html", "en/2023/index.html"] {
        let html = page(&output, &marks, path);
        assert!(
            html.contains(&format!("<a class=\"figure\" {source}")),
            "{path}: {html}"
        );
        // The year's table: the value's cell.
        assert!(
            html.contains(&format!("<td class=\"num strong\" {source}")),
            "{path}"
        );
    }
    // The indicator's page: its history table and its chart's labels.
    let html = page(&output, &marks, "indicators/invention-patents/index.html");
    assert!(html.contains(&format!("<td class=\"num strong\" {source}")));
    assert!(html.contains("<text class=\"value\""));
    let label = html.find("<text class=\"value\"").expect("a value label");
    let label = &html[label..label + html[label..].find('>').unwrap()];
    assert!(label.contains(&format!(" {source}")), "{label}");
    // Targets point into their plan.
    assert!(html.contains("data-target=\""), "no target marked");
    // The home page's key figures.
    let home = page(&output, &marks, "index.html");
    assert!(home.contains("<span class=\"figure-value\" data-source=\"content/years/"));
}

#[test]
fn marks_follow_an_edit_in_watch_mode() {
    let dir = common::good_copy();
    let root = dir.path();
    let marks = MarkTable::default();
    let mut session = Session::watching(root, CompileOptions::default());
    session.show_sources(marks.clone());
    let prepared = session.prepare();
    session.render(&prepared, Search::Now).unwrap();

    // Two lines above the values move every value two lines down.
    let report = root.join("content/years/2023/report.yaml");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, format!("# checked\n# again\n{text}")).unwrap();
    session.changed([report.as_path()]);
    let prepared = session.prepare();
    session.render(&prepared, Search::Now).unwrap();
    let line = line_of(root, "content/years/2023/report.yaml", "invention-patents:");
    let output = session.output().unwrap().clone();
    let html = page(&output, &marks, "2023/index.html");
    assert!(html.contains(&format!(
        "data-source=\"content/years/2023/report.yaml:{line}\" data-indicator=\"invention-patents\""
    )));
}
