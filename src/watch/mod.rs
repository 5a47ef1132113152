//! Watch mode: rebuild on every change under `content/` and `templates/`, keep the last good
//! output when a change introduces an error, and report each rebuild in one line.

mod events;
pub mod stop;
mod writer;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use notify::RecursiveMode;

use crate::diagnostics::render_human;
use crate::incremental;
use crate::output::WriteStats;
use writer::Writer;

use crate::pipeline::{self, CompileOptions};
use crate::preview;
use crate::render::{Output, OutputFile, escape};
pub use events::DEBOUNCE;

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

/// Builds the site again and again, re-rendering only the pages a change affects and
/// writing only the files that changed.
pub struct Rebuilder {
    root: PathBuf,
    writer: Writer,
    drafts: bool,
    state: Option<incremental::State>,
    cache: pipeline::Cache,
    /// The model of the last successful build, which previews edit (see [`crate::preview`]).
    last: Option<pipeline::Prepared>,
    /// The diagnostics the last build showed; a preview shows them again.
    shown: String,
    /// What previews replaced in the output since the last build, to put back if the
    /// build after them fails.
    previewed: Vec<(String, Option<OutputFile>)>,
}

impl Rebuilder {
    pub fn new(root: &Path, out_dir: &Path, drafts: bool) -> Rebuilder {
        Rebuilder {
            root: root.to_path_buf(),
            writer: Writer::new(out_dir),
            drafts,
            state: None,
            cache: pipeline::Cache::default(),
            last: None,
            shown: String::new(),
            previewed: Vec::new(),
        }
    }

    /// Writes the pages of items whose body alone was edited (files changed in place), from
    /// the last good model, ahead of the build that must follow (see [`crate::preview`]).
    /// `None` when that does not apply or changes no page.
    pub fn preview(&mut self, paths: &[PathBuf]) -> Option<Report> {
        let started = Instant::now();
        let prepared = self.last.as_mut()?;
        let state = self.state.as_mut()?;
        let paths: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
        let Some(pages) = preview::render(prepared, &paths) else {
            // The model may hold part of the edits now: no more previews from it.
            self.last = None;
            return None;
        };
        let previous = state.preview(pages);
        if previous.is_empty() {
            return None;
        }
        let updated: Vec<String> = previous.iter().map(|(path, _)| path.clone()).collect();
        self.previewed.extend(previous);
        let stats = match self.writer.write(&state.output, Some((&[], &updated, &[]))) {
            Ok(stats) => stats,
            Err(_) => {
                // What is on disk is unknown now: the build compares with the disk.
                self.state = None;
                self.previewed.clear();
                return None;
            }
        };
        let mut files: Vec<&str> = paths
            .iter()
            .filter_map(|p| prepared.sources.find(p))
            .map(|id| prepared.sources.get(id).display_path.as_str())
            .collect();
        // The watcher may report one save as several events on the same file.
        files.sort_unstable();
        files.dedup();
        Some(Report {
            ok: true,
            summary: format!(
                "previewed {} in {} ms: {} page{} written, rebuilding the rest",
                files.join(", "),
                started.elapsed().as_millis(),
                updated.len(),
                if updated.len() == 1 { "" } else { "s" },
            ),
            diagnostics: self.shown.clone(),
            overlay: None,
            stats,
        })
    }

    /// Makes the next build read these files again (the file watcher saw them change).
    pub fn changed<'p>(&mut self, paths: impl IntoIterator<Item = &'p Path>) {
        self.cache.invalidate(paths);
    }

    /// Makes the next build walk the folders again and check every file's stamp (events
    /// were lost).
    pub fn rescan(&mut self) {
        self.cache.rescan();
    }

    /// Makes the next build read these files again, which the file watcher saw change in
    /// place (contents only, no file created, removed or renamed).
    pub fn edited<'p>(&mut self, paths: impl IntoIterator<Item = &'p Path>) {
        self.cache.edited(paths);
    }

    /// The output of the last successful build.
    pub fn output(&self) -> Option<&Output> {
        self.state.as_ref().map(|s| &s.output)
    }

    fn failed(counts: &str, diagnostics: String) -> Report {
        Report {
            ok: false,
            summary: format!("build failed with {counts}; the last good output is kept"),
            overlay: Some(overlay_html(counts, &diagnostics)),
            diagnostics,
            stats: WriteStats::default(),
        }
    }

    pub fn build(&mut self) -> Report {
        let previewed = std::mem::take(&mut self.previewed);
        let report = self.build_site();
        if report.ok {
            return report;
        }
        // A failed build keeps the last good output: take back what previews wrote.
        self.last = None;
        if let Some(state) = self.state.as_mut()
            && !previewed.is_empty()
        {
            let changes = state.undo_preview(previewed);
            let undone = self.writer.write(
                &state.output,
                Some((&[], &changes.updated, &changes.removed)),
            );
            if undone.is_err() {
                self.state = None;
            }
        }
        report
    }

    fn build_site(&mut self) -> Report {
        let started = Instant::now();
        let mut prepared = pipeline::prepare_cached(
            &self.root,
            CompileOptions {
                drafts: self.drafts,
                strict: false,
            },
            &mut self.cache,
        );
        let mut timer = crate::timings::Timer::new();
        let counts = |ds: &[crate::diagnostics::Diagnostic]| {
            let errors = ds.iter().filter(|d| d.is_error()).count();
            crate::cmd::count_summary(errors, ds.len() - errors)
        };
        let has_errors = prepared.diagnostics.has_errors();
        let mut diagnostics = std::mem::take(&mut prepared.diagnostics).sorted(&prepared.sources);
        timer.lap("sort");
        let renderer = if has_errors {
            None
        } else {
            prepared.renderer()
        };
        timer.lap("renderer");
        let (Some(renderer), Some(site)) = (renderer, prepared.site.as_ref()) else {
            let text = shown_text(&diagnostics, &prepared.sources);
            return Self::failed(&counts(&diagnostics), text);
        };
        let first = self.state.is_none();
        // After the first build, pages go to disk before the search index is built again
        // (see `update_search`), so that an edit shows at once.
        let rebuild = if first {
            incremental::rebuild
        } else {
            incremental::rebuild_pages
        };
        let changes = match rebuild(
            &renderer,
            site,
            &prepared.sources,
            &prepared.citations,
            &mut self.state,
        ) {
            Ok(c) => c,
            Err(ds) => {
                diagnostics.extend(ds);
                let text = shown_text(&diagnostics, &prepared.sources);
                return Self::failed(&counts(&diagnostics), text);
            }
        };
        let Some(state) = &self.state else {
            return Self::failed("an internal error", String::new());
        };
        // The first build compares with what is on disk; later ones know what they wrote.
        let written = if first {
            self.writer.write(&state.output, None)
        } else {
            self.writer.write(
                &state.output,
                Some((&changes.created, &changes.updated, &changes.removed)),
            )
        };
        timer.lap("write");
        let text = shown_text(&diagnostics, &prepared.sources);
        timer.lap("show");
        drop(renderer);
        if written.is_ok() {
            self.shown = text.clone();
            self.last = Some(prepared);
        }
        match written {
            Ok(stats) => {
                let warnings = match diagnostics.len() {
                    0 => String::new(),
                    w => format!(", {}", crate::cmd::count_summary(0, w)),
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
            Err(d) => {
                // What is on disk is unknown now: the next build compares with the disk.
                self.state = None;
                let text = render_human(&[d], &crate::source::SourceMap::default(), false);
                Report {
                    ok: false,
                    summary: "could not write the output".into(),
                    overlay: Some(overlay_html("an output error", &text)),
                    diagnostics: text,
                    stats: WriteStats::default(),
                }
            }
        }
    }

    /// Whether the search index lags behind the pages written.
    pub fn search_is_stale(&self) -> bool {
        self.state
            .as_ref()
            .is_some_and(incremental::State::search_is_stale)
    }

    /// Builds the search index again after pages changed and writes the files that changed.
    /// Says something only when the files cannot be written.
    pub fn update_search(&mut self) -> Option<Report> {
        let state = self.state.as_mut()?;
        if !state.search_is_stale() {
            return None;
        }
        let changes = incremental::update_search(state);
        let written = self.writer.write(
            &state.output,
            Some((&changes.created, &changes.updated, &changes.removed)),
        );
        let error = written.err()?;
        self.state = None;
        let text = render_human(&[error], &crate::source::SourceMap::default(), false);
        Some(Report {
            ok: false,
            summary: "could not write the search index".into(),
            overlay: Some(overlay_html("an output error", &text)),
            diagnostics: text,
            stats: WriteStats::default(),
        })
    }
}

/// How long watch mode waits after a rebuild before it builds the search index again: a
/// burst of saves rebuilds the pages each time but the index once.
const SEARCH_DELAY: Duration = Duration::from_millis(100);

/// Every error and the first warnings as text, saying how many more `check` would show.
fn shown_text(
    diagnostics: &[crate::diagnostics::Diagnostic],
    sources: &crate::source::SourceMap,
) -> String {
    let (shown, hidden) =
        crate::diagnostics::shown(diagnostics, crate::diagnostics::SHOWN_WARNINGS);
    let mut text = render_human(&shown, sources, false);
    if hidden > 0 {
        text.push_str(&format!(
            "… and {hidden} more warnings: `ipreport check` lists them all\n\n"
        ));
    }
    text
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

/// Whether a changed path should trigger a rebuild.
pub fn is_relevant(path: &Path, root: &Path, out_dir: &Path) -> bool {
    if path.starts_with(out_dir) {
        return false;
    }
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if crate::source::is_editor_litter(&name) {
        return false;
    }
    matches!(
        rel.components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .as_deref(),
        Some("content" | "templates")
    )
}

/// Absolute, resolved form of a path, so event paths can be compared with it.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Builds, then rebuilds after every relevant change, calling `on_report` each time. Stops
/// the process on Ctrl-C, SIGTERM or SIGHUP (see [`stop`]); returns only if the watcher cannot
/// be set up or stops.
pub fn watch(
    root: &Path,
    out_dir: &Path,
    drafts: bool,
    mut on_report: impl FnMut(&Report),
) -> Result<(), String> {
    let mut rebuilder = Rebuilder::new(root, out_dir, drafts);
    stop::Stopper {
        write_guard: rebuilder.writer.guard(),
    }
    .install()?;

    // Watching starts before the first build: a file saved while it runs (a large site's
    // takes a second or more) is rebuilt right after it, not at the next save.
    let mut events = events::Events::new()?;
    let root_abs = canonical(root);
    // The root itself (not recursively), to notice `templates/` or `content/` being created.
    events.watch(&root_abs, RecursiveMode::NonRecursive)?;
    let watch_sources = |events: &mut events::Events| {
        for dir in ["content", "templates"] {
            let path = root_abs.join(dir);
            if path.is_dir() {
                // A folder that cannot be watched is noticed again at the next change.
                let _ = events.watch(&path, RecursiveMode::Recursive);
            }
        }
    };
    watch_sources(&mut events);
    on_report(&rebuilder.build());
    // After the first build, which makes the output folder: only an existing path resolves.
    let out_abs = canonical(out_dir);

    // When the search index is built again: a moment after the last rebuild. Only rebuilds
    // put it off; events that change nothing (an editor saving its swap file every few
    // milliseconds) must not, or a steady trickle of them would keep the index behind.
    let mut search_due = Instant::now() + SEARCH_DELAY;
    loop {
        if rebuilder.search_is_stale() && Instant::now() >= search_due {
            if let Some(report) = rebuilder.update_search() {
                on_report(&report);
            }
            continue;
        }
        // Without a search index to build, wait for as long as nothing changes.
        let until = rebuilder.search_is_stale().then_some(search_due);
        let mut batch = match events.next(until) {
            events::Next::Batch(batch) => batch,
            // Due now: the top of the loop builds it.
            events::Next::Timeout => continue,
            events::Next::Closed => break,
        };
        let relevant = |p: &PathBuf| is_relevant(p, &root_abs, &out_abs);
        batch.edited.retain(relevant);
        batch.changed.retain(relevant);
        if batch.is_empty() {
            continue;
        }
        // The cache knows files by the path the site was loaded with.
        let local = |paths: &[PathBuf]| -> Vec<PathBuf> {
            paths
                .iter()
                .filter_map(|p| p.strip_prefix(&root_abs).ok().map(|rel| root.join(rel)))
                .collect()
        };
        let edited = local(&batch.edited);
        // Contents alone changed: the edited pages first, then the whole site.
        if batch.changed.is_empty()
            && !batch.lost
            && let Some(report) = rebuilder.preview(&edited)
        {
            on_report(&report);
        }
        rebuilder.edited(edited.iter().map(PathBuf::as_path));
        rebuilder.changed(local(&batch.changed).iter().map(PathBuf::as_path));
        if batch.lost {
            rebuilder.rescan();
        }
        watch_sources(&mut events);
        on_report(&rebuilder.build());
        search_due = Instant::now() + SEARCH_DELAY;
    }
    Err("the file watcher stopped".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relevant_paths() {
        let root = Path::new("/site");
        let out = Path::new("/site/public");
        assert!(is_relevant(Path::new("/site/content/site.yaml"), root, out));
        assert!(is_relevant(
            Path::new("/site/templates/header.html"),
            root,
            out
        ));
        assert!(!is_relevant(
            Path::new("/site/public/index.html"),
            root,
            out
        ));
        assert!(!is_relevant(
            Path::new("/site/content/.x.md.swp"),
            root,
            out
        ));
        assert!(!is_relevant(Path::new("/site/content/x.md~"), root, out));
        assert!(!is_relevant(Path::new("/site/README.md"), root, out));
        assert!(!is_relevant(Path::new("/elsewhere/content/x"), root, out));
    }

    #[test]
    fn overlay_escapes_the_diagnostics() {
        let html = overlay_html("1 error", "<script>alert(1)</script>");
        assert!(!html.contains("<script>"));
        assert!(html.contains("role=\"alert\""));
    }
}
