//! Front-matter splitting of any text, and a Markdown item built from it.
#![no_main]

use ipreport::load::check_file;
use ipreport::load::split_front_matter;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match split_front_matter(text) {
        Ok(split) => {
            assert!(split.body_start <= text.len());
            assert!(text.is_char_boundary(split.body_start));
            if let Some(front) = split.front_matter {
                assert!(front.end <= split.body_start);
                assert!(text.is_char_boundary(front.start) && text.is_char_boundary(front.end));
            }
        }
        Err(opening) => assert!(opening.end <= text.len()),
    }
    let (_, diagnostics) = check_file("content/years/2024/cases/a-case.zh.md", text);
    for d in &diagnostics {
        if let Some(span) = d.span {
            assert!(span.end as usize <= text.len(), "{d:?}");
        }
    }
});
