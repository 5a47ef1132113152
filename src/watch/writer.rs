//! Watch mode's writes into the live output folder.
//!
//! Each write holds the folder's lock, so that a `build` in another terminal waits for it (and
//! it for the build), and a write in place also the watcher's own write guard, so that
//! stopping (Ctrl-C, SIGTERM) waits for it instead of leaving it half done.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::diagnostics::Diagnostic;
use crate::output::{self, WriteStats};
use crate::render::Output;

/// Changes to write: (created, updated, removed) paths.
pub type ChangeLists<'a> = (&'a [String], &'a [String], &'a [String]);

pub struct Writer {
    out_dir: PathBuf,
    /// The output folder this watcher last wrote (device and inode). A build in another
    /// terminal replaces the folder by a new one; the next write then compares with the disk
    /// instead of trusting what this watcher wrote last.
    identity: Option<(u64, u64)>,
    /// Held while writing; whoever stops the process takes it first.
    guard: Arc<Mutex<()>>,
}

impl Writer {
    pub fn new(out_dir: &Path) -> Writer {
        Writer {
            out_dir: out_dir.to_path_buf(),
            identity: None,
            guard: Arc::default(),
        }
    }

    /// The guard a stopping process takes before it exits: it is free between writes.
    pub fn guard(&self) -> Arc<Mutex<()>> {
        self.guard.clone()
    }

    #[cfg(unix)]
    fn identity(&self) -> Option<(u64, u64)> {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(&self.out_dir)
            .ok()
            .map(|m| (m.dev(), m.ino()))
    }

    #[cfg(not(unix))]
    fn identity(&self) -> Option<(u64, u64)> {
        None
    }

    /// Writes `changes` of `output`, or (`None`, or after another build replaced the folder)
    /// the whole of it, compared with the disk.
    pub fn write(
        &mut self,
        output: &Output,
        changes: Option<ChangeLists>,
    ) -> Result<WriteStats, Diagnostic> {
        let guard = self.guard.clone();
        self.write_guarded(output, changes, || {
            // A poisoned guard only means a write panicked; writing again is still right.
            Some(guard.lock().unwrap_or_else(|e| e.into_inner()))
        })
    }

    /// Writes as [`Writer::write`] does, for a caller that holds the write guard across
    /// several writes, so that a stop waits for the last of them.
    pub fn write_held(
        &mut self,
        output: &Output,
        changes: ChangeLists,
        _held: &MutexGuard<'_, ()>,
    ) -> Result<WriteStats, Diagnostic> {
        self.write_guarded(output, Some(changes), || None)
    }

    fn write_guarded<'g>(
        &mut self,
        output: &Output,
        changes: Option<ChangeLists>,
        guard: impl FnOnce() -> Option<MutexGuard<'g, ()>>,
    ) -> Result<WriteStats, Diagnostic> {
        let _lock =
            output::lock::acquire(&self.out_dir, output::lock::Waiting::default(), |pid| {
                eprintln!("{}", output::lock::waiting_message(&self.out_dir, pid));
            })?;
        let replaced = self.identity.is_none() || self.identity() != self.identity;
        let written = match changes {
            Some((created, updated, removed)) if !replaced => {
                // In place, file by file: a stop must wait for the end. (A whole-site write
                // is staged and swapped in one step, so stopping in its middle is harmless.)
                let _writing = guard();
                output::apply(&self.out_dir, output, created, updated, removed)
            }
            _ => output::write(&self.out_dir, output),
        };
        self.identity = match written {
            Ok(_) => self.identity(),
            Err(_) => None,
        };
        written
    }
}
