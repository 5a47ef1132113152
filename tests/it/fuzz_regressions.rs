//! Inputs on which a fuzz target once failed (`fuzz/regressions/<target>/`), replayed on
//! every test run with the same checks the target makes.

use std::fs;
use std::path::Path;

use ipreport::diagnostics::{render_human, render_json};
use ipreport::load::check_file;
use ipreport::load::split_front_matter;

include!("../../fuzz/content_paths.rs");

/// The longest UTF-8 prefix of `bytes`: what a target taking `&str` is given.
fn text_of(bytes: &[u8]) -> &str {
    match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
    }
}

/// The saved inputs of one target.
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut found: Vec<(String, Vec<u8>)> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| {
                    let bytes = fs::read(e.path()).expect("a readable input");
                    (e.file_name().to_string_lossy().into_owned(), bytes)
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// Checks `text` as a file at `path`: nothing panics, every span lies inside the text and on
/// character boundaries, and every diagnostic is rendered both ways.
fn check_as(path: &str, text: &str, name: &str) {
    let (sources, diagnostics) = check_file(path, text);
    for d in &diagnostics {
        if let Some(span) = d.span {
            let (start, end) = (span.start as usize, span.end as usize);
            assert!(start <= end && end <= text.len(), "{name} as {path}: {d:?}");
            assert!(
                text.is_char_boundary(start) && text.is_char_boundary(end),
                "{name} as {path}: {d:?}"
            );
        }
    }
    let human = render_human(&diagnostics, &sources, false);
    assert!(diagnostics.is_empty() || !human.is_empty());
    assert_eq!(
        render_json(&diagnostics, &sources).lines().count(),
        diagnostics.len()
    );
}

#[test]
fn front_matter_regressions() {
    let inputs = inputs("front_matter");
    assert!(!inputs.is_empty(), "the saved inputs are in the repository");
    for (name, bytes) in inputs {
        let text = text_of(&bytes);
        if let Ok(split) = split_front_matter(text) {
            assert!(split.body_start <= text.len(), "{name}");
        }
        check_as("content/years/2024/cases/a-case.zh.md", text, &name);
    }
}

#[test]
fn content_file_regressions() {
    for (name, bytes) in inputs("content_file") {
        // The target reads the first byte as the kind of file; replay as every kind.
        let Some(text) = bytes.get(1..).and_then(|b| std::str::from_utf8(b).ok()) else {
            continue;
        };
        for path in CONTENT_PATHS {
            check_as(path, text, &name);
        }
    }
}

#[test]
fn numbers_regressions() {
    use ipreport::lint::numbers::{compare_markdown, fast_path_is_sound};
    let inputs = inputs("numbers");
    assert!(!inputs.is_empty(), "the saved inputs are in the repository");
    for (name, bytes) in inputs {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        // The target's reading: the Chinese and the English text split at a `|`.
        let (zh, en) = text.split_once('|').unwrap_or((text, text));
        assert!(
            fast_path_is_sound(zh, en),
            "{name}: the fast path hides two numbers that differ"
        );
        for (z, e, _) in compare_markdown(zh, en) {
            assert!(z.end <= zh.len() && e.end <= en.len(), "{name}");
        }
    }
}
