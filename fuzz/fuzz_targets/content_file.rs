//! Any text as any kind of content file: parsed, checked, and its diagnostics rendered.
#![no_main]

use ipreport::diagnostics::{render_human, render_json};
use ipreport::load::check_file;
use libfuzzer_sys::fuzz_target;

include!("../content_paths.rs");

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let path = CONTENT_PATHS[usize::from(which) % CONTENT_PATHS.len()];
    let (sources, diagnostics) = check_file(path, text);
    let human = render_human(&diagnostics, &sources, false);
    let json = render_json(&diagnostics, &sources);
    // Every diagnostic is shown, and JSON lines stay one per diagnostic.
    assert!(diagnostics.is_empty() || !human.is_empty());
    assert_eq!(json.lines().count(), diagnostics.len());
});
