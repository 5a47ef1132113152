//! `ipreport fix`: rewrites the mechanical slips of content files in place.

use std::path::PathBuf;

use crate::fix::{self, FixOptions};

pub struct FixArgs {
    pub root: PathBuf,
    /// Files or folders, relative to the root; none: all of `content/`.
    pub paths: Vec<PathBuf>,
    pub options: FixOptions,
}

pub fn run(args: &FixArgs) -> i32 {
    match fix::fix(&args.root, &args.paths, args.options) {
        Ok(fixed) => {
            for file in &fixed {
                for change in &file.changes {
                    eprintln!(
                        "{}: {}",
                        crate::diagnostics::terminal::visible(&file.path),
                        crate::diagnostics::terminal::visible(change)
                    );
                }
            }
            let verb = if args.options.dry_run {
                "would change"
            } else {
                "changed"
            };
            match fixed.len() {
                0 => eprintln!("nothing to fix"),
                1 => eprintln!("{verb} 1 file"),
                n => eprintln!("{verb} {n} files"),
            }
            0
        }
        Err(d) => {
            super::print_diagnostics(&[d], &Default::default());
            1
        }
    }
}
