//! `ipreport check`: every validation, nothing written, except the sign-off report when
//! `--format html` asks for it; `--since` lists what changed since an earlier sign-off.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diagnostics::render_json;
use crate::diagnostics::terminal::visible;
use crate::session::{self, CompileOptions, Compiled};
use crate::signoff::{self, since};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    /// The human output, and the sign-off report written to `output`.
    Html,
}

pub struct CheckArgs {
    pub root: PathBuf,
    pub strict: bool,
    /// Check drafts too (as `build --drafts` would build them).
    pub drafts: bool,
    /// Every warning, not the first few of each kind in each file.
    pub all: bool,
    pub format: Format,
    /// Where the sign-off report goes (`Format::Html`).
    pub output: Option<PathBuf>,
    /// Only this year in the sign-off report and the changes.
    pub year: Option<i32>,
    /// An earlier sign-off (a copy of the site, or a build's open data) to compare with.
    pub since: Option<PathBuf>,
}

/// A problem with the command's arguments: said on stderr, exit code 2 as clap's own.
fn usage_error(message: &str) -> i32 {
    eprintln!("error: {}", visible(message));
    2
}

pub fn run(args: &CheckArgs) -> i32 {
    let earlier = match args.since.as_deref().map(since::locate).transpose() {
        Ok(earlier) => earlier,
        Err(message) => return usage_error(&message),
    };
    if let Some(output) = &args.output
        && let Err(message) = refuse_output_in_content(&args.root, output)
    {
        return usage_error(&message);
    }
    let compiled = session::compile(
        &args.root,
        CompileOptions {
            drafts: args.drafts,
            strict: args.strict,
        },
    );
    if let (Some(year), Some(site)) = (args.year, &compiled.site)
        && let Err(message) = has_year(site, year)
    {
        return usage_error(&message);
    }
    let changes = match (&earlier, &compiled.site) {
        (Some(earlier), Some(site)) => {
            let against = args.since.as_deref().unwrap_or(Path::new("")).display();
            match since::since(
                earlier,
                &against.to_string(),
                site,
                &compiled.sources,
                args.drafts,
            ) {
                Ok(changes) => Some(match args.year {
                    Some(year) => changes.only_year(year),
                    None => changes,
                }),
                Err(message) => return usage_error(&message),
            }
        }
        _ => None,
    };
    match args.format {
        Format::Human | Format::Html => print_human(args, &compiled, changes.as_ref()),
        Format::Json => {
            let json = render_json(&compiled.diagnostics, &compiled.sources);
            let _ = std::io::stdout().lock().write_all(json.as_bytes());
            if let Some(changes) = &changes {
                eprint!("{}", visible(&changes.terminal()));
            }
        }
    }
    if let (Format::Html, Some(output)) = (args.format, &args.output)
        && let Err(message) = write_report(args, output, &compiled, changes)
    {
        eprintln!("error: {}", visible(&message));
        return 1;
    }
    i32::from(compiled.error_count() > 0)
}

/// The diagnostics, the translation coverage, the changes and the summary line, on stderr.
fn print_human(args: &CheckArgs, compiled: &Compiled, changes: Option<&since::Changes>) {
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
    eprint!("{}", visible(&coverage));
    if let Some(changes) = changes {
        eprint!("{}", visible(&changes.terminal()));
    }
    eprintln!(
        "checked {}: {}",
        args.root.display(),
        crate::diagnostics::count_summary(compiled.error_count(), compiled.warning_count())
    );
}

/// Gathers the sign-off report from the run and writes it to `output`.
fn write_report(
    args: &CheckArgs,
    output: &Path,
    compiled: &Compiled,
    changes: Option<since::Changes>,
) -> Result<(), String> {
    let report = signoff::gather(
        &signoff::Inputs {
            site: compiled.site.as_ref(),
            sources: &compiled.sources,
            diagnostics: &compiled.diagnostics,
            coverage: &compiled.coverage,
            year: args.year,
        },
        changes,
    );
    let prefix = signoff::file::link_prefix(output, &args.root);
    let page = signoff::html::page(
        &report,
        signoff::html::Options {
            link_prefix: prefix.as_deref(),
        },
    );
    signoff::file::write(output, page.as_bytes())?;
    eprintln!("wrote sign-off report to {}", output.display());
    Ok(())
}

/// A report written into `content/` would be read as content by the next run.
fn refuse_output_in_content(root: &Path, output: &Path) -> Result<(), String> {
    let folder = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let (Ok(content), Ok(folder)) = (root.join("content").canonicalize(), folder.canonicalize())
    else {
        // A folder that does not exist: writing says so.
        return Ok(());
    };
    if folder.starts_with(&content) {
        return Err(format!(
            "--output {}: that is inside the site's content/ folder, where the report would be \
             read as content; write it elsewhere",
            output.display()
        ));
    }
    Ok(())
}

/// `--year` must name a year of the site (as this run loaded it).
fn has_year(site: &crate::model::Site, year: i32) -> Result<(), String> {
    if site.year_index(year).is_some() {
        return Ok(());
    }
    if site.draft_years.contains(&year) {
        return Err(format!(
            "--year {year}: that year's report is a draft; add --drafts to include it"
        ));
    }
    let years: Vec<String> = site.years.iter().map(|y| y.year.to_string()).collect();
    Err(format!(
        "--year {year}: the site has no year {year} (its years: {})",
        if years.is_empty() {
            "none".to_string()
        } else {
            years.join(", ")
        }
    ))
}
