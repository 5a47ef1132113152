//! The subcommands. Each returns the process exit code; `main` only parses arguments.

pub mod build;
pub mod check;
pub mod fix;
pub mod import;
pub mod new;
pub mod serve;

use std::io::{IsTerminal, Write};

use crate::diagnostics::{Diagnostic, render_human};
use crate::source::SourceMap;

/// Prints diagnostics to stderr in the human format, in colour on a terminal.
pub fn print_diagnostics(diagnostics: &[Diagnostic], sources: &SourceMap) {
    if diagnostics.is_empty() {
        return;
    }
    let stderr = std::io::stderr();
    let color = stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let text = render_human(diagnostics, sources, color);
    let _ = stderr.lock().write_all(text.as_bytes());
}

/// Prints every error and the first warnings, saying how many more `check` would show.
pub fn print_some_diagnostics(diagnostics: &[Diagnostic], sources: &SourceMap) {
    let stderr = std::io::stderr();
    let color = stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let text = crate::diagnostics::shown_text(diagnostics, sources, color);
    let _ = stderr.lock().write_all(text.as_bytes());
}
