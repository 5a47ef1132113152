//! One writer per output folder at a time.
//!
//! Two builds of the same site (a `serve` left open and a `build` in another terminal, or two
//! terminals) would otherwise assemble their sites in the same staging folder and swap each
//! other's halves into place. Each write holds an advisory lock on a small file beside the
//! output folder (`.public.ipreport-lock`); a second writer waits for the first and then
//! writes in its turn, so both succeed and the result is whole. Watch mode holds the lock for
//! each rebuild's write only, so a `build` in another terminal still gets its turn.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostics::{Code, Diagnostic};

/// How long a writer waits for another one to finish.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Waiting {
    /// Fail at once (`build --no-wait`).
    No,
    /// Wait up to this long, then fail.
    UpTo(Duration),
}

impl Default for Waiting {
    /// Long enough for the largest site's build, short enough that a hung process is noticed.
    fn default() -> Waiting {
        Waiting::UpTo(Duration::from_secs(300))
    }
}

/// The lock on an output folder; released when dropped (closing the file releases it, also
/// when the process is killed).
#[derive(Debug)]
pub struct OutputLock {
    _file: File,
}

/// The lock file of the output folder `dir`: a hidden sibling, because the folder itself is
/// replaced by each build.
pub fn lock_path(dir: &Path) -> Option<PathBuf> {
    let parent = dir.parent()?;
    let name = dir.file_name()?.to_string_lossy();
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    Some(parent.join(format!(".{name}.ipreport-lock")))
}

/// The process id the holder wrote into the lock file, if it can be read.
fn holder(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

/// Takes the lock of `dir`, waiting as `waiting` says. `on_wait` is called once, with the
/// holder's process id, when another writer holds it. `Ok(None)` when no lock file can be
/// made (a read-only parent folder): such a folder cannot be staged beside either, and the
/// write goes ahead alone.
pub fn acquire(
    dir: &Path,
    waiting: Waiting,
    mut on_wait: impl FnMut(Option<u32>),
) -> Result<Option<OutputLock>, Diagnostic> {
    let Some(path) = lock_path(dir) else {
        return Ok(None);
    };
    let Ok(mut file) = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
    else {
        return Ok(None);
    };
    let started = Instant::now();
    let mut announced = false;
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(fs::TryLockError::WouldBlock) => {}
            // A file system without locks: nothing to coordinate with.
            Err(fs::TryLockError::Error(_)) => return Ok(None),
        }
        let pid = holder(&mut file);
        let limit = match waiting {
            Waiting::No => Duration::ZERO,
            Waiting::UpTo(limit) => limit,
        };
        if started.elapsed() >= limit {
            return Err(busy(dir, pid, waiting));
        }
        if !announced {
            on_wait(pid);
            announced = true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    // Who holds it, for the message of a writer that has to wait.
    let _ = file.set_len(0);
    let _ = file.rewind();
    let _ = write!(file, "{}", std::process::id());
    let _ = file.flush();
    Ok(Some(OutputLock { _file: file }))
}

fn busy(dir: &Path, pid: Option<u32>, waiting: Waiting) -> Diagnostic {
    let who = match pid {
        Some(pid) => format!("another ipreport (pid {pid})"),
        None => "another ipreport".to_string(),
    };
    let message = match waiting {
        Waiting::No => format!("{who} is writing {} right now", dir.display()),
        Waiting::UpTo(limit) => format!(
            "{who} has been writing {} for {} s",
            dir.display(),
            limit.as_secs()
        ),
    };
    Diagnostic::global(Code::OutputBusy, message).with_help(match waiting {
        Waiting::No => "wait for it to finish, or leave out --no-wait to build after it",
        Waiting::UpTo(_) => {
            "if no other build is running any more, end the process that holds the folder \
             (`ps` shows it) and build again"
        }
    })
}

/// The message shown while waiting.
pub fn waiting_message(dir: &Path, pid: Option<u32>) -> String {
    match pid {
        Some(pid) => format!(
            "another ipreport build is writing {} (pid {pid}); waiting…",
            dir.display()
        ),
        None => format!(
            "another ipreport build is writing {}; waiting…",
            dir.display()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_then_gets_its_turn() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let first = acquire(&dir, Waiting::default(), |_| panic!("nobody holds it"))
            .unwrap()
            .expect("a lock file can be made");
        let err = acquire(&dir, Waiting::No, |_| {}).unwrap_err();
        assert_eq!(err.code, Code::OutputBusy);
        assert!(
            err.message.contains(&format!("pid {}", std::process::id())),
            "{}",
            err.message
        );
        let dir2 = dir.clone();
        let waiter = std::thread::spawn(move || {
            let mut waited = None;
            let lock = acquire(&dir2, Waiting::UpTo(Duration::from_secs(10)), |pid| {
                waited = Some(pid)
            })
            .unwrap();
            (lock.is_some(), waited)
        });
        std::thread::sleep(Duration::from_millis(100));
        drop(first);
        let (locked, waited) = waiter.join().unwrap();
        assert!(locked);
        assert_eq!(waited, Some(Some(std::process::id())));
    }

    #[test]
    fn a_wait_has_a_limit() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        let _held = acquire(&dir, Waiting::No, |_| {}).unwrap();
        let err = acquire(&dir, Waiting::UpTo(Duration::from_millis(50)), |_| {}).unwrap_err();
        assert!(err.message.contains("for 0 s"), "{}", err.message);
        assert!(err.help.is_some());
    }
}
