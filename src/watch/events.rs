//! File events, gathered into one batch per save.
//!
//! Editors save in bursts (a temporary file, a rename, a backup) within a millisecond or two;
//! a batch ends when [`DEBOUNCE`] passes without another event. The events come straight from
//! `notify`'s watcher, whose thread sleeps in the kernel until something happens: nothing
//! here wakes up while no file changes. (`notify-debouncer-full` polls every quarter of its
//! timeout, forever: about 1% of a core for a watcher left open all day.)

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

/// 15 ms collects one save into one rebuild without a delay anyone notices (Zola waits a
/// whole second).
pub const DEBOUNCE: Duration = Duration::from_millis(15);

/// A steady stream of events (a checkout, a copy of thousands of files) still gets a rebuild
/// this often.
const LONGEST_BATCH: Duration = Duration::from_millis(500);

/// The changes of one batch.
#[derive(Debug, Default)]
pub struct Batch {
    /// Files whose contents changed (not created, removed or renamed).
    pub edited: Vec<PathBuf>,
    /// Files created, removed or renamed.
    pub changed: Vec<PathBuf>,
    /// Events were lost (the kernel's queue overflowed): every file must be looked at.
    pub lost: bool,
}

impl Batch {
    pub fn is_empty(&self) -> bool {
        self.edited.is_empty() && self.changed.is_empty() && !self.lost
    }

    fn add(&mut self, result: notify::Result<notify::Event>) {
        let event = match result {
            Ok(event) => event,
            Err(_) => {
                self.lost = true;
                return;
            }
        };
        if event.need_rescan() {
            self.lost = true;
        }
        let list = match event.kind {
            // Reading a file is an event too (every build reads the sources).
            EventKind::Access(_) => return,
            EventKind::Modify(
                notify::event::ModifyKind::Data(_) | notify::event::ModifyKind::Metadata(_),
            ) => &mut self.edited,
            _ => &mut self.changed,
        };
        list.extend(event.paths);
    }
}

/// What waiting for events ended with.
pub enum Next {
    Batch(Batch),
    /// The time given passed without an event.
    Timeout,
    /// The watcher is gone.
    Closed,
}

/// The file watcher and the events it sends.
pub struct Events {
    watcher: notify::RecommendedWatcher,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
    watched: Vec<PathBuf>,
}

impl Events {
    pub fn new() -> Result<Events, String> {
        let (tx, events) = mpsc::channel();
        let watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
            // Reads are dropped here, not woken up for.
            if matches!(&result, Ok(e) if matches!(e.kind, EventKind::Access(_))) {
                return;
            }
            let _ = tx.send(result);
        })
        .map_err(|e| format!("cannot watch files: {e}"))?;
        Ok(Events {
            watcher,
            events,
            watched: Vec::new(),
        })
    }

    /// Watches `path` (once; a path watched already is left as it is).
    pub fn watch(&mut self, path: &Path, mode: RecursiveMode) -> Result<(), String> {
        if self.watched.iter().any(|p| p == path) {
            return Ok(());
        }
        self.watcher
            .watch(path, mode)
            .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
        self.watched.push(path.to_path_buf());
        Ok(())
    }

    /// Waits for the next batch of events, until `until` (forever when `None`).
    pub fn next(&self, until: Option<Instant>) -> Next {
        let first = match until {
            None => match self.events.recv() {
                Ok(e) => e,
                Err(_) => return Next::Closed,
            },
            Some(until) => {
                match self
                    .events
                    .recv_timeout(until.saturating_duration_since(Instant::now()))
                {
                    Ok(e) => e,
                    Err(mpsc::RecvTimeoutError::Timeout) => return Next::Timeout,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return Next::Closed,
                }
            }
        };
        let started = Instant::now();
        let mut batch = Batch::default();
        batch.add(first);
        while started.elapsed() < LONGEST_BATCH {
            match self.events.recv_timeout(DEBOUNCE) {
                Ok(e) => batch.add(e),
                Err(_) => break,
            }
        }
        Next::Batch(batch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_save_is_one_batch() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = std::fs::canonicalize(tmp.path()).unwrap();
        let mut events = Events::new().unwrap();
        events.watch(&dir, RecursiveMode::Recursive).unwrap();
        // An atomic save: a temporary file renamed over the real one.
        std::fs::write(dir.join("a.md"), "1").unwrap();
        std::fs::write(dir.join(".a.md.tmp"), "2").unwrap();
        std::fs::rename(dir.join(".a.md.tmp"), dir.join("a.md")).unwrap();
        let Next::Batch(batch) = events.next(Some(Instant::now() + Duration::from_secs(5))) else {
            panic!("no events");
        };
        assert!(
            batch.changed.iter().any(|p| p.ends_with("a.md")),
            "{batch:?}"
        );
        // Nothing more after it.
        assert!(matches!(
            events.next(Some(Instant::now() + Duration::from_millis(100))),
            Next::Timeout
        ));
        // An edit in place is an edit.
        std::fs::OpenOptions::new()
            .append(true)
            .open(dir.join("a.md"))
            .and_then(|mut f| std::io::Write::write_all(&mut f, b"3"))
            .unwrap();
        let Next::Batch(batch) = events.next(Some(Instant::now() + Duration::from_secs(5))) else {
            panic!("no events");
        };
        assert!(
            batch.edited.iter().any(|p| p.ends_with("a.md")),
            "{batch:?}"
        );
        assert!(batch.changed.is_empty(), "{batch:?}");
    }
}
