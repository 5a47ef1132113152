//! The `ipreport` command line: parses arguments and hands over to [`ipreport::cmd`].

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use ipreport::cmd;

/// Building a site allocates many small strings and trees from many threads; glibc's
/// allocator took a third of a rebuild's time in profiles, mimalloc a fraction of that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Run every check and write nothing; exit code 1 on errors
    Check {
        /// The site folder (the one holding content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Treat warnings as errors
        #[arg(long)]
        strict: bool,
        /// Check the years whose report is `draft: true` too, as `build --drafts` builds them
        #[arg(long)]
        drafts: bool,
        /// `json` prints one diagnostic per line for CI
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Create a bilingual starter site in DIR
    New {
        /// The folder to create (it must not exist or be empty)
        dir: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    let code = match Cli::parse().command {
        Command::Build {
            root,
            output,
            drafts,
            watch,
        } => cmd::build::run(&cmd::build::BuildArgs {
            root,
            output,
            drafts,
            watch,
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
        Command::Check {
            root,
            strict,
            drafts,
            format,
        } => cmd::check::run(&cmd::check::CheckArgs {
            root,
            strict,
            drafts,
            format: match format {
                Format::Human => cmd::check::Format::Human,
                Format::Json => cmd::check::Format::Json,
            },
        }),
        Command::New { dir } => cmd::new::run(&dir),
    };
    ExitCode::from(code as u8)
}
