//! One rebuild in watch mode: a run of the session, its write into the live output, and the
//! one-line report of it; and previews, which write an edited item's pages before the run.

use std::path::{Path, PathBuf};
use std::sync::MutexGuard;
use std::time::Instant;

use super::writer::Writer;
use crate::diagnostics::{Diagnostic, count_summary, render_human, shown_text};
use crate::output::WriteStats;
use crate::render::{Output, OutputFile, escape};
use crate::session::{CompileOptions, Search, Session};
use crate::source::SourceMap;

/// The outcome of one build in watch mode.
#[derive(Debug, Clone)]
pub struct Report {
    pub ok: bool,
    /// The one-line summary for the terminal.
    pub summary: String,
    /// The diagnostics as shown in the terminal (empty when there are none).
    pub diagnostics: String,
    /// After a failed build: an HTML overlay with the diagnostics, for the dev server.
    pub overlay: Option<String>,
    pub stats: WriteStats,
}

impl Report {
    fn failed(counts: &str, diagnostics: String) -> Report {
        Report {
            ok: false,
            summary: format!("build failed with {counts}; the last good output is kept"),
            overlay: Some(overlay_html(counts, &diagnostics)),
            diagnostics,
            stats: WriteStats::default(),
        }
    }

    /// The output could not be written (`what`: "the output", "the search index").
    fn unwritten(what: &str, error: Diagnostic) -> Report {
        let text = render_human(&[error], &SourceMap::default(), false);
        Report {
            ok: false,
            summary: format!("could not write {what}"),
            overlay: Some(overlay_html("an output error", &text)),
            diagnostics: text,
            stats: WriteStats::default(),
        }
    }
}

/// Builds the site again and again, re-rendering only the pages a change affects and
/// writing only the files that changed.
pub struct Rebuilder {
    session: Session,
    pub(super) writer: Writer,
    /// The diagnostics the last build showed; a preview shows them again.
    shown: String,
    /// What previews replaced in the output since the last build, to put back if the
    /// build after them fails.
    previewed: Vec<(String, Option<OutputFile>)>,
}

impl Rebuilder {
    pub fn new(root: &Path, out_dir: &Path, drafts: bool) -> Rebuilder {
        let options = CompileOptions {
            drafts,
            strict: false,
        };
        Rebuilder {
            session: Session::watching(root, options),
            writer: Writer::new(out_dir),
            shown: String::new(),
            previewed: Vec::new(),
        }
    }

    /// Renders the pages for the proof view from now on, their marks kept in `marks`.
    pub fn show_sources(&mut self, marks: crate::render::proof::MarkTable) {
        self.session.show_sources(marks);
    }

    /// Writes the pages of items whose body alone was edited (files changed in place), from
    /// the last good model, ahead of the build that must follow (see
    /// [`crate::session::Session::preview`]). `None` when that does not apply or changes
    /// no page.
    pub fn preview(&mut self, paths: &[PathBuf]) -> Option<Report> {
        let started = Instant::now();
        let paths: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
        // The item's own pages first, then the other pages that show the edit: a stop
        // waits for both, so the output is never left with only the first.
        let guard = self.writer.guard();
        let held = guard.lock().unwrap_or_else(|e| e.into_inner());
        let preview = self.session.preview(&paths)?;
        let (mut written, mut stats) = self.write_preview(preview.previous, &held)?;
        if let Some(rest) = self.session.preview_rest() {
            let (more, more_stats) = self.write_preview(rest, &held)?;
            written.extend(more);
            stats += more_stats;
        }
        if written.is_empty() {
            return None;
        }
        Some(Report {
            ok: true,
            summary: format!(
                "previewed {} in {} ms: {} page{} written, rebuilding the rest",
                preview.files.join(", "),
                started.elapsed().as_millis(),
                written.len(),
                if written.len() == 1 { "" } else { "s" },
            ),
            diagnostics: self.shown.clone(),
            overlay: None,
            stats,
        })
    }

    /// Writes the pages a preview took into the output; returns their paths and what the
    /// write did. `None` when the write failed.
    fn write_preview(
        &mut self,
        previous: Vec<(String, Option<OutputFile>)>,
        held: &MutexGuard<'_, ()>,
    ) -> Option<(Vec<String>, WriteStats)> {
        let updated: Vec<String> = previous.iter().map(|(p, _)| p.clone()).collect();
        self.previewed.extend(previous);
        if updated.is_empty() {
            return Some((updated, WriteStats::default()));
        }
        let output = self.session.output()?;
        match self.writer.write_held(output, (&[], &updated, &[]), held) {
            Ok(stats) => Some((updated, stats)),
            Err(_) => {
                // What is on disk is unknown now: the build compares with the disk.
                self.session.forget_output();
                self.previewed.clear();
                None
            }
        }
    }

    /// Makes the next build read these files again (the file watcher saw them change).
    pub fn changed<'p>(&mut self, paths: impl IntoIterator<Item = &'p Path>) {
        self.session.changed(paths);
    }

    /// Makes the next build walk the folders again and check every file's stamp (events
    /// were lost).
    pub fn rescan(&mut self) {
        self.session.rescan();
    }

    /// Makes the next build read these files again, which the file watcher saw change in
    /// place (contents only, no file created, removed or renamed).
    pub fn edited<'p>(&mut self, paths: impl IntoIterator<Item = &'p Path>) {
        self.session.edited(paths);
    }

    /// The output of the last successful build.
    pub fn output(&self) -> Option<&Output> {
        self.session.output()
    }

    pub fn build(&mut self) -> Report {
        let previewed = std::mem::take(&mut self.previewed);
        let report = self.build_site();
        if report.ok {
            return report;
        }
        // A failed build keeps the last good output: take back what previews wrote.
        self.session.forget_model();
        if !previewed.is_empty() {
            let changes = self.session.undo_preview(previewed);
            let undone = self.session.output().map(|output| {
                self.writer
                    .write(output, Some((&[], &changes.updated, &changes.removed)))
            });
            if !matches!(undone, Some(Ok(_))) {
                self.session.forget_output();
            }
        }
        report
    }

    fn build_site(&mut self) -> Report {
        let started = Instant::now();
        let mut prepared = self.session.prepare();
        let mut timer = crate::timings::Timer::new();
        let first = self.session.is_first();
        let rendered = if prepared.renders() {
            // After the first build, pages go to disk before the search index is built
            // again (see `update_search`), so that an edit shows at once.
            let search = if first { Search::Now } else { Search::Later };
            Some(self.session.render(&prepared, search))
        } else {
            None
        };
        let mut diagnostics = std::mem::take(&mut prepared.diagnostics).sorted(&prepared.sources);
        let counts = |ds: &[Diagnostic]| {
            let errors = ds.iter().filter(|d| d.is_error()).count();
            count_summary(errors, ds.len() - errors)
        };
        let changes = match rendered {
            Some(Ok(changes)) => changes,
            Some(Err(ds)) => {
                diagnostics.extend(ds);
                let text = shown_text(&diagnostics, &prepared.sources, false);
                return Report::failed(&counts(&diagnostics), text);
            }
            None => {
                let text = shown_text(&diagnostics, &prepared.sources, false);
                return Report::failed(&counts(&diagnostics), text);
            }
        };
        timer.lap("render");
        let Some(output) = self.session.output() else {
            return Report::failed("an internal error", String::new());
        };
        // The first build compares with what is on disk; later ones know what they wrote.
        let written = if first {
            self.writer.write(output, None)
        } else {
            self.writer.write(
                output,
                Some((&changes.created, &changes.updated, &changes.removed)),
            )
        };
        timer.lap("write");
        let text = shown_text(&diagnostics, &prepared.sources, false);
        timer.lap("show");
        let stats = match written {
            Ok(stats) => stats,
            Err(d) => {
                // What is on disk is unknown now: the next build compares with the disk.
                self.session.forget_output();
                return Report::unwritten("the output", d);
            }
        };
        self.shown = text.clone();
        self.session.keep_model(prepared);
        let warnings = match diagnostics.len() {
            0 => String::new(),
            w => format!(", {}", count_summary(0, w)),
        };
        let files = stats.created + stats.updated + stats.removed;
        Report {
            ok: true,
            summary: format!(
                "{} in {} ms: {} of {} pages rendered, {files} file{} changed{warnings}",
                if first { "built" } else { "rebuilt" },
                started.elapsed().as_millis(),
                changes.rendered,
                changes.total_pages,
                if files == 1 { "" } else { "s" },
            ),
            diagnostics: text,
            overlay: None,
            stats,
        }
    }

    /// Whether the search index lags behind the pages written.
    pub fn search_is_stale(&self) -> bool {
        self.session.search_is_stale()
    }

    /// Builds the search index again after pages changed and writes the files that changed.
    /// Says something only when the files cannot be written.
    pub fn update_search(&mut self) -> Option<Report> {
        if !self.session.search_is_stale() {
            return None;
        }
        let changes = self.session.update_search();
        let output = self.session.output()?;
        let written = self.writer.write(
            output,
            Some((&changes.created, &changes.updated, &changes.removed)),
        );
        let error = written.err()?;
        self.session.forget_output();
        Some(Report::unwritten("the search index", error))
    }
}

/// The error overlay the dev server lays over pages after a failed build.
pub fn overlay_html(counts: &str, diagnostics: &str) -> String {
    format!(
        "<div id=\"ipreport-errors\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;\
         overflow:auto;background:rgba(20,20,24,.94);color:#f5f5f5;padding:2rem;\
         font:14px/1.5 ui-monospace,Menlo,Consolas,'Noto Sans Mono CJK SC',monospace\">\
         <p style=\"font:700 18px/1.4 system-ui,sans-serif;color:#ff8a80;margin:0 0 1rem\">\
         ipreport: the build failed with {}. This page shows the last good build; \
         it reloads when the problem is fixed.</p><pre style=\"white-space:pre-wrap;margin:0\">{}</pre></div>",
        escape(counts),
        escape(diagnostics)
    )
}

/// Prints a rebuild's diagnostics (when they differ from the last ones) and its summary.
pub fn print_report(report: &Report, last_diagnostics: &mut String) {
    if report.diagnostics != *last_diagnostics {
        eprint!("{}", report.diagnostics);
        *last_diagnostics = report.diagnostics.clone();
    }
    // It names files, whose names may hold anything.
    eprintln!("{}", crate::diagnostics::terminal::visible(&report.summary));
}
