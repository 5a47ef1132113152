//! Write: put a rendered site on disk without ever breaking it.
//!
//! Deleting and re-creating thousands of files is slow on ext4 and leaves a window in which
//! the site is half gone, so the output folder is never wiped. Only files whose bytes changed
//! are written, each to a temporary name and renamed over the old one (atomic per file), in
//! this order: files that did not exist, then changed files, then removal of files that no
//! longer belong. At every moment each file on disk is a complete old or new version, and
//! every link in it points to a file that exists. A build that fails writes nothing.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic};
use crate::render::{Output, OutputFile};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub removed: usize,
}

fn absolute(path: &Path) -> PathBuf {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    // Resolve what exists (symlinks, `..`) and keep the rest as written.
    let mut existing = path.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = fs::canonicalize(&existing).unwrap_or(existing);
    for part in rest.into_iter().rev() {
        if part == ".." {
            resolved.pop();
        } else if part != "." {
            resolved.push(part);
        }
    }
    resolved
}

/// Refuses output folders that would overwrite or delete sources: the root or a folder
/// containing it, anything inside `content/` or `templates/`, and the user's home.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let out = absolute(output);
    let refuse = |why: &str| {
        Err(Diagnostic::global(
            Code::OutputRefused,
            format!(
                "refusing to write the site into {}: {why}",
                output.display()
            ),
        )
        .with_help("choose an output folder of its own, e.g. the default <root>/public"))
    };
    if root.starts_with(&out) {
        return refuse(if root == out {
            "it is the site's root folder"
        } else {
            "it contains the site's sources"
        });
    }
    for sources in ["content", "templates"] {
        if out.starts_with(root.join(sources)) {
            return refuse(&format!("it is inside {sources}/"));
        }
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && !home.as_os_str().is_empty()
        && absolute(&home) == out
    {
        return refuse("it is your home folder");
    }
    // A folder full of someone else's files is not ours to clean up.
    if out.is_dir() && !out.join("index.html").exists() && !out.join("404.html").exists() {
        let has_files = fs::read_dir(&out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(false);
        if has_files {
            return refuse("it is not empty and does not look like a built site");
        }
    }
    Ok(())
}

fn existing_files(dir: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .filter_map(|e| {
            e.path().strip_prefix(dir).ok().map(|p| {
                p.components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/")
            })
        })
        .collect()
}

fn same_content(path: &Path, file: &OutputFile) -> bool {
    match file {
        OutputFile::Bytes(bytes) => {
            fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
                && fs::read(path).is_ok_and(|b| &b == bytes)
        }
        OutputFile::Copy(src) => {
            let (Ok(a), Ok(b)) = (fs::metadata(path), fs::metadata(src)) else {
                return false;
            };
            a.len() == b.len() && fs::read(path).ok() == fs::read(src).ok()
        }
    }
}

/// Writes through a temporary file renamed into place, so readers see the old or the new
/// file, never half of one.
fn write_atomic(path: &Path, file: &OutputFile) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.ipreport-tmp"));
    match file {
        OutputFile::Bytes(bytes) => fs::write(&tmp, bytes)?,
        OutputFile::Copy(src) => {
            fs::copy(src, &tmp)?;
        }
    }
    fs::rename(&tmp, path)
}

fn write_error(path: &Path, err: io::Error) -> Diagnostic {
    Diagnostic::global(
        Code::WriteFailed,
        format!("cannot write {}: {err}", path.display()),
    )
    .with_help("check that the output folder is writable and the disk is not full")
}

/// Writes `output` into `dir`, touching only what changed. With `previous` (what the last
/// write put there, in watch mode) changes are found in memory; without, by reading the disk.
pub fn write(
    dir: &Path,
    output: &Output,
    previous: Option<&Output>,
) -> Result<WriteStats, Diagnostic> {
    fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
    let existing: BTreeSet<String> = match previous {
        Some(p) => p.keys().cloned().collect(),
        None => existing_files(dir),
    };
    let mut stats = WriteStats::default();
    let mut updates = Vec::new();
    // New files first: nothing links to them yet.
    for (rel, file) in output {
        let path = dir.join(rel);
        if existing.contains(rel) {
            let same = match previous {
                Some(p) => p.get(rel) == Some(file) && path.exists(),
                None => same_content(&path, file),
            };
            if same {
                stats.unchanged += 1;
            } else {
                updates.push((path, file));
            }
        } else {
            write_atomic(&path, file).map_err(|e| write_error(&path, e))?;
            stats.created += 1;
        }
    }
    // Then changed files, whose new links may point at the new ones.
    for (path, file) in updates {
        write_atomic(&path, file).map_err(|e| write_error(&path, e))?;
        stats.updated += 1;
    }
    // Last, files no page links to any more.
    let mut dirs = BTreeSet::new();
    for rel in existing.iter().filter(|rel| !output.contains_key(*rel)) {
        let path = dir.join(rel);
        match fs::remove_file(&path) {
            Ok(()) => stats.removed += 1,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(write_error(&path, e)),
        }
        let mut parent = path.parent();
        while let Some(p) = parent {
            if p == dir {
                break;
            }
            dirs.insert(p.to_path_buf());
            parent = p.parent();
        }
    }
    // Deepest first; a folder that still holds something stays.
    for d in dirs.iter().rev() {
        let _ = fs::remove_dir(d);
    }
    Ok(stats)
}

/// Applies a list of changes (watch mode): the created files, then the updated ones, then
/// the removals, in the same order as [`write`], without comparing anything.
pub fn apply(
    dir: &Path,
    output: &Output,
    created: &[String],
    updated: &[String],
    removed: &[String],
) -> Result<WriteStats, Diagnostic> {
    let mut stats = WriteStats::default();
    for (list, count) in [(created, &mut stats.created), (updated, &mut stats.updated)] {
        for rel in list {
            if let Some(file) = output.get(rel) {
                let path = dir.join(rel);
                write_atomic(&path, file).map_err(|e| write_error(&path, e))?;
                *count += 1;
            }
        }
    }
    for rel in removed {
        let path = dir.join(rel);
        match fs::remove_file(&path) {
            Ok(()) => stats.removed += 1,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(write_error(&path, e)),
        }
        let mut parent = path.parent();
        while let Some(p) = parent {
            if p == dir || fs::remove_dir(p).is_err() {
                break;
            }
            parent = p.parent();
        }
    }
    stats.unchanged = output.len() - stats.created - stats.updated;
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(s: &str) -> OutputFile {
        OutputFile::Bytes(s.as_bytes().to_vec())
    }

    #[test]
    fn writes_only_changes_and_removes_stale_files() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let mut out = Output::new();
        out.insert("index.html".into(), bytes("a"));
        out.insert("x/index.html".into(), bytes("x"));
        let s = write(&dir, &out, None).unwrap();
        assert_eq!((s.created, s.updated, s.unchanged, s.removed), (2, 0, 0, 0));

        out.insert("index.html".into(), bytes("b"));
        out.remove("x/index.html");
        out.insert("y/index.html".into(), bytes("y"));
        let s = write(&dir, &out, None).unwrap();
        assert_eq!((s.created, s.updated, s.unchanged, s.removed), (1, 1, 0, 1));
        assert_eq!(fs::read_to_string(dir.join("index.html")).unwrap(), "b");
        assert!(!dir.join("x").exists());

        let s = write(&dir, &out, None).unwrap();
        assert_eq!((s.created, s.updated, s.unchanged, s.removed), (0, 0, 2, 0));
    }

    #[test]
    fn refuses_dangerous_output_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output_dir(&root, &root).is_err());
        assert!(check_output_dir(&root, tmp.path()).is_err());
        assert!(check_output_dir(&root, &root.join("content")).is_err());
        assert!(check_output_dir(&root, &root.join("content/out")).is_err());
        assert!(check_output_dir(&root, &root.join("public")).is_ok());
        let other = tmp.path().join("docs");
        fs::create_dir_all(&other).unwrap();
        fs::write(other.join("thesis.docx"), "x").unwrap();
        assert!(check_output_dir(&root, &other).is_err());
        assert!(check_output_dir(&root, &tmp.path().join("elsewhere")).is_ok());
    }
}
