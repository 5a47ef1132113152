//! Replacing a file in one step: the new contents go to a temporary file beside it, which is
//! then renamed over it, so that a reader (a browser on `serve`, an editor, a print queue)
//! sees the old file or the new one, never half of one. Every writer of ipreport goes through
//! here.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The temporary file for `path`: in the same folder (a rename does not cross file systems)
/// and with a leading dot, so that the loader, the watcher and editors take it for litter
/// if it is ever left.
pub fn temporary_for(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.ipreport-tmp"))
}

/// Replaces `path` with what `write` puts into the temporary file it is given. The folder
/// must exist. On failure the temporary file is removed: on a full disk it would hold the
/// space that is lacking.
pub fn replace_with(path: &Path, write: impl FnOnce(&Path) -> io::Result<()>) -> io::Result<()> {
    let tmp = temporary_for(path);
    let written = write(&tmp).and_then(|()| fs::rename(&tmp, path));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// Replaces `path` with `bytes`.
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace_with(path, |tmp| fs::write(tmp, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_and_no_temporary_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        fs::write(&path, "old").unwrap();
        replace(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_leaves_the_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        fs::write(&path, "old").unwrap();
        // A folder where the temporary file would go.
        fs::create_dir_all(temporary_for(&path).join("x")).unwrap();
        assert!(replace(&path, b"new").is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
    }
}
