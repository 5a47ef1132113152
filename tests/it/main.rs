//! The integration tests: one test crate (one build, one binary), a module per area.
//!
//! - `common`: fixture sites (`tests/fixtures/site` plus `tests/fixtures/bad/<name>` overlays),
//!   compiling them in memory, and running the `ipreport` binary as an editor does;
//! - one module per area: the command line, content rules, diagnostics (one test per code),
//!   incremental rebuilds, limits, the number lint, the output, paths, reliability, the dev
//!   server, the sign-off report, watch mode, hostile content and fuzz regressions.

mod common;

mod chart;
mod cli;
mod content_model;
mod content_rules;
mod diagnostics;
mod fuzz_regressions;
mod hostile;
mod import;
mod import_document;
mod incremental;
mod limits;
mod number_lint;
mod output;
mod paths;
mod proof;
mod reliability;
mod search;
mod serve;
mod signoff;
mod theme;
mod watch;
