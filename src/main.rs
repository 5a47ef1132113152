//! The `ipreport` command line: parses arguments and hands over to [`ipreport::cmd`].

use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use ipreport::cmd;

/// Building a site allocates many small strings and trees from many threads; glibc's
/// allocator took a third of a rebuild's time in profiles, mimalloc a fraction of that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its position in `mi_option_e` of mimalloc 3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long mimalloc keeps freed memory before it gives it back to the system, in ms.
const PURGE_DELAY_MS: std::ffi::c_long = 10;

/// By default mimalloc gives freed memory back to the system after a second, so a build that
/// frees a stage's memory and allocates the next stage's holds both: at 10,000 pages 230 MiB
/// at the peak for a live heap of under 100 MB. Giving it back after 10 ms brings the peak to
/// 190 MiB for about 4% more CPU time (the system zeroes the pages it hands out again; with
/// small pages, see `use_small_pages`, that is cheap), and lets watch mode's process shrink
/// back between rebuilds.
fn purge_freed_memory_soon() {
    // SAFETY: called first thing in `main`, before any other thread exists (the option
    // setter is not thread safe); the option and value are ones mimalloc documents.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
}

/// mimalloc asks for transparent huge pages, and the system then zeroes 2 MiB at each first
/// touch however little of it is used: a build touched 60 MiB more and spent a third more
/// time in the kernel than with ordinary pages. (mimalloc's own switch is read before `main`
/// runs, when its first memory is already mapped; this one applies to every later fault.)
fn use_small_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: `PR_SET_THP_DISABLE` takes plain integers and changes only how this process's
    // memory is backed; a failure (an old kernel) leaves things as they were.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[derive(Parser)]
#[command(
    name = "ipreport",
    version,
    about = "Build bilingual intellectual-property protection report sites from YAML and Markdown"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into <root>/public (or --output)
    Build {
        /// The site folder (the one holding content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site, relative to the current folder
        #[arg(long)]
        output: Option<PathBuf>,
        /// Include years whose report is `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Keep running and rebuild on every change
        #[arg(long)]
        watch: bool,
        /// Fail at once if another build is writing the same output folder (by default the
        /// build waits for it, up to five minutes)
        #[arg(long)]
        no_wait: bool,
    },
    /// Build, watch for changes and serve the site with live reload
    Serve {
        /// The site folder (the one holding content/); the site is written to <root>/public
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Address to listen on
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Port to listen on (the next free one is taken if it is busy)
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Include years whose report is `draft: true`
        #[arg(long)]
        drafts: bool,
    },
    /// Run every check and write nothing (but the sign-off report); exit code 1 on errors
    Check(CheckCli),
    /// Rewrite the mechanical slips of content files in place (a file saved as GBK or UTF-16
    /// becomes UTF-8, its original kept beside it as <name>.gbk~ or <name>.utf16~)
    Fix {
        /// The site folder (the one holding content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Say what would change; write nothing
        #[arg(long)]
        dry_run: bool,
        /// Rewrite text in Traditional characters in Simplified ones (the site's zh texts are
        /// Simplified), keeping the original beside each file as <name>.hant~
        #[arg(long)]
        to_simplified: bool,
        /// Files or folders to fix, relative to the root (default: all of content/)
        paths: Vec<PathBuf>,
    },
    /// Create a bilingual starter site in DIR
    New {
        /// The folder to create (it must not exist or be empty)
        dir: PathBuf,
    },
    /// Bring content from other files (spreadsheets, Word documents) into the site
    Import {
        #[command(subcommand)]
        what: ImportCommand,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Write indicator values from a workbook or CSV file into a year's report.yaml
    Values {
        /// The table: .xlsx, .xls, .ods or .csv (UTF-8, GBK/GB18030 or UTF-16)
        file: PathBuf,
        /// The year whose report receives the values (and whose column is read)
        #[arg(long, value_parser = clap::value_parser!(i32).range(1900..=2999))]
        year: i32,
        /// The site folder (the one holding content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The sheet of a workbook to read (by default the first)
        #[arg(long)]
        sheet: Option<String>,
        /// Show what would change and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Turn a Word (.docx) or text file of an official document into documents/<ID>.yaml
    Document {
        /// The document: .docx, or text (UTF-8, GBK/GB18030 or UTF-16)
        file: PathBuf,
        /// The document's id, its file name in content/documents/ (e.g. plan-2024-2026)
        #[arg(long)]
        id: String,
        /// The site folder (the one holding content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The document's kind, when its title does not say it
        #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(ipreport::model::DocumentKind::NAMES))]
        kind: Option<String>,
        /// Replace content/documents/<ID>.yaml if it exists
        #[arg(long)]
        force: bool,
        /// Print the YAML and write nothing
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Args)]
struct CheckCli {
    /// The site folder (the one holding content/)
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Treat warnings as errors
    #[arg(long)]
    strict: bool,
    /// Check the years whose report is `draft: true` too, as `build --drafts` builds them
    #[arg(long)]
    drafts: bool,
    /// `json` prints one diagnostic per line for CI; `html` also writes the sign-off
    /// report, a printable page for the leader who signs the report off, to --output
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Where `--format html` writes the sign-off report (relative to the current folder)
    #[arg(long, value_name = "FILE.html", required_if_eq("format", "html"))]
    output: Option<PathBuf>,
    /// Only this year in the sign-off report and in the changes --since lists
    #[arg(long, value_parser = clap::value_parser!(i32).range(1900..=2999))]
    year: Option<i32>,
    /// List what changed since an earlier sign-off: PATH is a copy of the site folder as it
    /// was signed off, or that build's data/indicators.json (values only)
    #[arg(long, value_name = "PATH")]
    since: Option<PathBuf>,
    /// List every warning (by default the first three of each code in each file are
    /// shown, and the rest counted)
    #[arg(long)]
    all: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
    Html,
}

/// `check`'s arguments, with the combinations clap cannot express refused as it refuses
/// others (a usage message, exit code 2).
fn run_check(cli: CheckCli) -> i32 {
    if cli.output.is_some() && cli.format != Format::Html {
        check_usage_error(
            "--output is where `--format html` writes the sign-off report: add `--format html`",
        );
    }
    if cli.year.is_some() && cli.format != Format::Html && cli.since.is_none() {
        check_usage_error(
            "--year limits the sign-off report (`--format html --output FILE.html`) or the changes `--since PATH` lists: add one of them",
        );
    }
    cmd::check::run(&cmd::check::CheckArgs {
        root: cli.root,
        strict: cli.strict,
        drafts: cli.drafts,
        all: cli.all,
        format: match cli.format {
            Format::Human => cmd::check::Format::Human,
            Format::Json => cmd::check::Format::Json,
            Format::Html => cmd::check::Format::Html,
        },
        output: cli.output,
        year: cli.year,
        since: cli.since,
    })
}

fn check_usage_error(message: &str) -> ! {
    let mut command = Cli::command();
    command.build();
    match command.find_subcommand_mut("check") {
        Some(check) => check.error(ErrorKind::ArgumentConflict, message).exit(),
        None => command.error(ErrorKind::ArgumentConflict, message).exit(),
    }
}

// Long because it has one arm per command, each handing clap's arguments to the library's
// command; nothing else happens here.
fn main() -> ExitCode {
    purge_freed_memory_soon();
    use_small_pages();
    let code = match Cli::parse().command {
        Command::Build {
            root,
            output,
            drafts,
            watch,
            no_wait,
        } => cmd::build::run(&cmd::build::BuildArgs {
            root,
            output,
            drafts,
            watch,
            waiting: if no_wait {
                ipreport::output::lock::Waiting::No
            } else {
                ipreport::output::lock::Waiting::default()
            },
        }),
        Command::Serve {
            root,
            bind,
            port,
            drafts,
        } => cmd::serve::run(cmd::serve::ServeArgs {
            root,
            bind,
            port,
            drafts,
        }),
        Command::Check(check) => run_check(check),
        Command::Fix {
            root,
            dry_run,
            to_simplified,
            paths,
        } => cmd::fix::run(&cmd::fix::FixArgs {
            root,
            paths,
            options: ipreport::fix::FixOptions {
                dry_run,
                to_simplified,
            },
        }),
        Command::New { dir } => cmd::new::run(&dir),
        Command::Import { what } => match what {
            ImportCommand::Values {
                file,
                year,
                root,
                sheet,
                dry_run,
            } => cmd::import::values(cmd::import::ValuesArgs {
                file,
                year,
                root,
                sheet,
                dry_run,
            }),
            ImportCommand::Document {
                file,
                id,
                root,
                kind,
                force,
                dry_run,
            } => cmd::import::document(cmd::import::DocumentArgs {
                file,
                id,
                root,
                kind: kind
                    .as_deref()
                    .and_then(ipreport::model::DocumentKind::from_name),
                force,
                dry_run,
            }),
        },
    };
    ExitCode::from(code as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option number must name the purge delay of the mimalloc linked in: its default
    /// is 1000 ms, and it takes the value set.
    #[test]
    fn purge_delay_option_is_the_one_set() {
        // SAFETY: reads and sets an option; tests of this binary allocate nothing else that
        // depends on it.
        unsafe {
            assert_eq!(libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY), 1000);
            purge_freed_memory_soon();
            assert_eq!(
                libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY),
                PURGE_DELAY_MS
            );
        }
    }
}
