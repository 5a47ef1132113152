//! Replacing a whole output folder by another in one step.
//!
//! The new site is assembled in a hidden sibling folder and then exchanged with the old one
//! by `renameat2(RENAME_EXCHANGE)`, which the kernel performs atomically: a reader, a web
//! server or a kill at any moment sees the complete old site or the complete new one. Where
//! the exchange is not available (another system, a file system without it, a mount point)
//! the caller falls back to writing file by file.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The hidden sibling folders a build uses next to `dir`.
pub struct Siblings {
    /// Where the next site is assembled.
    pub staging: PathBuf,
    /// Where the old site waits for removal when the exchange had to be done in two renames.
    pub retired: PathBuf,
}

impl Siblings {
    pub fn of(dir: &Path) -> Option<Siblings> {
        let parent = dir.parent()?;
        let name = dir.file_name()?.to_string_lossy();
        Some(Siblings {
            staging: parent.join(format!(".{name}.ipreport-staging")),
            retired: parent.join(format!(".{name}.ipreport-retired")),
        })
    }

    /// Clears what a killed build left behind: a half-assembled staging folder, and an old
    /// site that was moved aside but whose successor never arrived (put back in place).
    pub fn recover(&self, dir: &Path) -> io::Result<()> {
        if self.retired.exists() {
            if dir.exists() {
                fs::remove_dir_all(&self.retired)?;
            } else {
                fs::rename(&self.retired, dir)?;
            }
        }
        if self.staging.exists() {
            fs::remove_dir_all(&self.staging)?;
        }
        Ok(())
    }

    /// Puts the assembled staging folder in the place of `dir` and removes the old site.
    pub fn publish(&self, dir: &Path) -> io::Result<()> {
        if !dir.exists() {
            return fs::rename(&self.staging, dir);
        }
        match exchange(&self.staging, dir) {
            Ok(()) => {}
            Err(_) => {
                // Two renames: `dir` is missing for an instant, and `recover` puts the old
                // site back if a kill lands in between.
                fs::rename(dir, &self.retired)?;
                fs::rename(&self.staging, dir)?;
                fs::rename(&self.retired, &self.staging)?;
            }
        }
        // The staging name now holds the old site.
        remove_tree(&self.staging)
    }
}

/// `fs::remove_dir_all`, with the folder's entries removed in parallel: a site has a folder per
/// page, and removing thousands of them one after the other is most of a rebuild's writing.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|entry| {
        // Not following links: a link is removed, not what it points to.
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(dir)
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both arguments are NUL-terminated strings that outlive the call, which only
    // reads them; AT_FDCWD makes relative paths relative to the working folder, as std does.
    let result = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publish_replaces_the_folder_and_leaves_no_sibling() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("old.html"), "old").unwrap();
        let s = Siblings::of(&dir).unwrap();
        fs::create_dir_all(&s.staging).unwrap();
        fs::write(s.staging.join("new.html"), "new").unwrap();
        s.publish(&dir).unwrap();
        assert!(dir.join("new.html").exists());
        assert!(!dir.join("old.html").exists());
        let names: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn recover_puts_a_retired_site_back() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let s = Siblings::of(&dir).unwrap();
        fs::create_dir_all(&s.retired).unwrap();
        fs::write(s.retired.join("index.html"), "old").unwrap();
        fs::create_dir_all(&s.staging).unwrap();
        s.recover(&dir).unwrap();
        assert_eq!(fs::read_to_string(dir.join("index.html")).unwrap(), "old");
        assert!(!s.staging.exists() && !s.retired.exists());
    }
}
