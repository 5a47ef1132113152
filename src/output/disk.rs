//! A full disk, told in the terms an editor can act on: how much the site needs, how much is
//! free, and what the output folder holds now.

use std::io;
use std::path::Path;

use super::Output;
use crate::diagnostics::{Code, Diagnostic};
use crate::render::OutputFile;

/// Whether a write failed for want of space (or of quota).
pub fn is_full(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
    )
}

/// The bytes of the site's files that differ from what `dir` holds: what a write must find
/// room for (unchanged files are linked, not copied). Sizes are compared, not contents: this
/// is an estimate for a message.
pub fn needed(dir: &Path, output: &Output) -> u64 {
    output
        .iter()
        .map(|(rel, file)| {
            let size = match file {
                OutputFile::Bytes(bytes) => bytes.len() as u64,
                OutputFile::Copy(copy) => std::fs::metadata(&copy.path).map_or(0, |m| m.len()),
            };
            let same = std::fs::metadata(dir.join(rel)).is_ok_and(|m| m.len() == size);
            if same { 0 } else { size }
        })
        .sum()
}

/// Free bytes on the file system holding `path` (or its nearest existing parent).
#[cfg(unix)]
fn free_space(path: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let existing = path.ancestors().find(|p| p.exists())?;
    let name = std::ffi::CString::new(existing.as_os_str().as_bytes()).ok()?;
    let mut stat = std::mem::MaybeUninit::<libc::statvfs>::zeroed();
    // SAFETY: `name` is a NUL-terminated path that outlives the call; `statvfs` fills the
    // struct it is given and we read it only when it reports success.
    let stat = unsafe {
        if libc::statvfs(name.as_ptr(), stat.as_mut_ptr()) != 0 {
            return None;
        }
        stat.assume_init()
    };
    Some(stat.f_bavail as u64 * stat.f_frsize as u64)
}

#[cfg(not(unix))]
fn free_space(_path: &Path) -> Option<u64> {
    None
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / f64::from(1 << 20))
}

/// E0503 for a full disk.
/// `need`: about how many bytes the write needs.
pub fn full(dir: &Path, need: u64, left: String) -> Diagnostic {
    let free = free_space(dir);
    let message = match free {
        Some(free) => format!(
            "the disk is full: writing the site needs about {} and {} are free on the disk of {}",
            mib(need),
            mib(free),
            dir.display()
        ),
        None => format!(
            "the disk is full: writing the site needs about {}",
            mib(need)
        ),
    };
    let more = free.map_or(need, |free| need.saturating_sub(free));
    Diagnostic::global(Code::WriteFailed, message).with_help(format!(
        "{left}; free at least {} on that disk (or choose --output on another) and build again",
        mib(more.max(1 << 20))
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_that_differ_need_room() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("a.html"), "12345").unwrap();
        let mut output = Output::new();
        output.insert("a.html".into(), OutputFile::Bytes(b"54321".to_vec()));
        output.insert("b.html".into(), OutputFile::Bytes(vec![0; 1000]));
        assert_eq!(needed(tmp.path(), &output), 1000);
        assert!(free_space(&tmp.path().join("not/yet")).is_some());
        let d = full(tmp.path(), needed(tmp.path(), &output), "kept".into());
        assert_eq!(d.code, Code::WriteFailed);
        assert!(d.message.contains("disk is full"), "{}", d.message);
        assert!(
            d.help
                .as_deref()
                .unwrap()
                .starts_with("kept; free at least")
        );
    }
}
