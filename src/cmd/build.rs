//! `ipreport build`.

use std::path::PathBuf;
use std::time::Instant;

use crate::output;
use crate::session::{self, CompileOptions};

pub struct BuildArgs {
    pub root: PathBuf,
    /// `None`: `<root>/public`.
    pub output: Option<PathBuf>,
    pub drafts: bool,
    /// Keep running and rebuild on every change.
    pub watch: bool,
    /// How long to wait for another build writing the same output folder.
    pub waiting: output::lock::Waiting,
}

pub fn run(args: &BuildArgs) -> i32 {
    let started = Instant::now();
    let out_dir = args
        .output
        .clone()
        .unwrap_or_else(|| args.root.join("public"));
    if let Err(d) = output::check_output_dir(&args.root, &out_dir) {
        super::print_diagnostics(&[d], &Default::default());
        return 1;
    }
    if args.watch {
        eprintln!("watching {} (Ctrl-C to stop)", args.root.display());
        let mut last = String::new();
        let result = crate::watch::watch(&args.root, &out_dir, args.drafts, None, |report| {
            crate::watch::print_report(report, &mut last);
        });
        if let Err(e) = result {
            eprintln!("error: {e}");
        }
        return 1;
    }
    // The folder is locked only once the site is known to render: a second build of a
    // broken site says so at once instead of waiting its turn.
    let open = |shape| {
        let lock = output::lock::acquire(&out_dir, args.waiting, |pid| {
            eprintln!("{}", output::lock::waiting_message(&out_dir, pid));
        })?;
        output::Stream::open(&out_dir, shape, lock)
    };
    let (compiled, stream) = session::compile_into(
        &args.root,
        CompileOptions {
            drafts: args.drafts,
            strict: false,
        },
        open,
    );
    let mut timer = crate::timings::Timer::new();
    super::print_some_diagnostics(&compiled.diagnostics, &compiled.sources);
    timer.lap("report");
    let Some(stream) = stream else {
        eprintln!(
            "error: build failed with {}; {} was left as it was",
            crate::diagnostics::count_summary(compiled.error_count(), compiled.warning_count()),
            out_dir.display()
        );
        return 1;
    };
    let written = stream.finish();
    timer.lap("write");
    let code = match written {
        Ok(stats) => {
            eprintln!(
                "built {} pages in {} ({}) into {} in {:.2} s: {} new, {} updated, {} unchanged, {} removed{}",
                compiled.pages * compiled.languages.len(),
                compiled.languages.len(),
                compiled.languages.join(", "),
                out_dir.display(),
                started.elapsed().as_secs_f64(),
                stats.created,
                stats.updated,
                stats.unchanged,
                stats.removed,
                match compiled.warning_count() {
                    0 => String::new(),
                    w => format!("; {}", crate::diagnostics::count_summary(0, w)),
                }
            );
            0
        }
        Err(d) => {
            super::print_diagnostics(&[d], &compiled.sources);
            1
        }
    };
    // The process ends here: freeing the whole site's pages and model one allocation at a
    // time would only delay the exit (a tenth of a large build).
    std::mem::forget(compiled);
    code
}
