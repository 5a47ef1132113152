//! Watch mode: rebuild on every change under `content/` and `templates/`, keep the last good
//! output when a change introduces an error, and report each rebuild in one line.

mod events;
mod rebuild;
pub(crate) mod stop;
mod writer;

pub use rebuild::{Rebuilder, Report, overlay_html, print_report};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use notify::RecursiveMode;

pub use events::DEBOUNCE;

/// How long watch mode waits after a rebuild before it builds the search index again: a
/// burst of saves rebuilds the pages each time but the index once.
const SEARCH_DELAY: Duration = Duration::from_millis(100);

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

impl Rebuilder {
    /// Tells the session what a batch of events changed (paths as the site was loaded with,
    /// below `root`), previewing first when contents alone changed.
    fn take_batch(
        &mut self,
        batch: events::Batch,
        root_abs: &Path,
        root: &Path,
        on_report: &mut impl FnMut(&Report),
    ) {
        let local = |paths: &[PathBuf]| -> Vec<PathBuf> {
            paths
                .iter()
                .filter_map(|p| p.strip_prefix(root_abs).ok().map(|rel| root.join(rel)))
                .collect()
        };
        let edited = local(&batch.edited);
        // Contents alone changed: the edited pages first, then the whole site.
        if batch.changed.is_empty()
            && !batch.lost
            && let Some(report) = self.preview(&edited)
        {
            on_report(&report);
        }
        self.edited(edited.iter().map(PathBuf::as_path));
        self.changed(local(&batch.changed).iter().map(PathBuf::as_path));
        if batch.lost {
            self.rescan();
        }
    }
}

/// Builds, then rebuilds after every relevant change, calling `on_report` each time. Stops
/// the process on Ctrl-C, SIGTERM or SIGHUP (see [`stop`]); returns only if the watcher cannot
/// be set up or stops. With `proof`, pages are rendered for the proof view (`serve`), their
/// marks kept in that table.
pub fn watch(
    root: &Path,
    out_dir: &Path,
    drafts: bool,
    proof: Option<crate::render::proof::MarkTable>,
    mut on_report: impl FnMut(&Report),
) -> Result<(), String> {
    let mut rebuilder = Rebuilder::new(root, out_dir, drafts);
    if let Some(marks) = proof {
        rebuilder.show_sources(marks);
    }
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
        rebuilder.take_batch(batch, &root_abs, root, &mut on_report);
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
