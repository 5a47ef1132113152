//! Any text as any kind of content file: parsed, checked, and its diagnostics rendered.
#![no_main]

use ipreport::diagnostics::{render_human, render_json};
use ipreport::load::check_file;
use libfuzzer_sys::fuzz_target;

/// Every kind of file a site holds, YAML and Markdown.
const PATHS: &[&str] = &[
    "content/site.yaml",
    "content/indicators.yaml",
    "content/departments.yaml",
    "content/documents/plan-2021-2025.yaml",
    "content/years/2023/report.yaml",
    "content/years/2023/events.yaml",
    "content/years/2023/issues.yaml",
    "content/years/2023/report.zh.md",
    "content/years/2023/report.en.md",
    "content/years/2023/achievements/1-system.zh.md",
    "content/years/2023/cases/patent-case.en.md",
    "content/pages/about.zh.md",
];

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let path = PATHS[usize::from(which) % PATHS.len()];
    let (sources, diagnostics) = check_file(path, text);
    let human = render_human(&diagnostics, &sources, false);
    let json = render_json(&diagnostics, &sources);
    // Every diagnostic is shown, and JSON lines stay one per diagnostic.
    assert!(diagnostics.is_empty() || !human.is_empty());
    assert_eq!(json.lines().count(), diagnostics.len());
});
