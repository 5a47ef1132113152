//! `ipreport check`: every validation, nothing written.

use std::io::Write;
use std::path::PathBuf;

use crate::diagnostics::render_json;
use crate::session::{self, CompileOptions};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

pub struct CheckArgs {
    pub root: PathBuf,
    pub strict: bool,
    /// Check drafts too (as `build --drafts` would build them).
    pub drafts: bool,
    /// Every warning, not the first few of each kind in each file.
    pub all: bool,
    pub format: Format,
}

pub fn run(args: &CheckArgs) -> i32 {
    let compiled = session::compile(
        &args.root,
        CompileOptions {
            drafts: args.drafts,
            strict: args.strict,
        },
    );
    match args.format {
        Format::Human => {
            if args.all {
                super::print_diagnostics(&compiled.diagnostics, &compiled.sources);
            } else {
                let (shown, summed) = crate::diagnostics::per_file(
                    &compiled.diagnostics,
                    &compiled.sources,
                    crate::diagnostics::SHOWN_PER_FILE,
                );
                super::print_diagnostics(&shown, &compiled.sources);
                for s in &summed {
                    eprintln!("{}", s.line());
                }
                if !summed.is_empty() {
                    eprintln!();
                }
            }
            let coverage = crate::lint::coverage::render(&compiled.coverage);
            eprint!("{}", crate::diagnostics::terminal::visible(&coverage));
            eprintln!(
                "checked {}: {}",
                args.root.display(),
                crate::diagnostics::count_summary(compiled.error_count(), compiled.warning_count())
            );
        }
        Format::Json => {
            let json = render_json(&compiled.diagnostics, &compiled.sources);
            let _ = std::io::stdout().lock().write_all(json.as_bytes());
        }
    }
    i32::from(compiled.error_count() > 0)
}
