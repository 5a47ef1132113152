//! Write: put a rendered site on disk without ever breaking it.
//!
//! A build assembles the new site in a hidden sibling of the output folder, hard-linking
//! every file whose bytes did not change, and then swaps the two folders in one atomic step
//! ([`swap`]). Killed at any moment, a build leaves the complete old site or the complete new
//! one, never a mix whose links point at missing pages; a build that fails writes nothing.
//! Unchanged files keep their inode and modification time, so `rsync` and caches see only
//! real changes. Top-level entries of the output folder that start with a dot and that the
//! site does not produce (`.git` of a deployment checkout, `.htaccess`) are carried over.
//!
//! Watch mode updates single files in place instead ([`apply`]): each one through a
//! temporary file renamed over the old, so a reader never sees half a page.
//!
//! Every build marks the folder as its own ([`ownership`]) and refuses folders that are not,
//! and one writer at a time holds the folder ([`lock`]).

mod disk;
pub mod lock;
mod ownership;
mod stream;
mod swap;

pub use ownership::MARKER;
pub use stream::{Shape, Sink, Stream};

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Code, Diagnostic};
use crate::render::{Output, OutputFile};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub removed: usize,
}

impl std::ops::AddAssign for WriteStats {
    fn add_assign(&mut self, other: WriteStats) {
        self.created += other.created;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
        self.removed += other.removed;
    }
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
    if let Err(why) = ownership::check(&out, None) {
        return refuse(why);
    }
    Ok(())
}

/// The refusal of a folder that turned out not to be ours once the site was known.
fn not_ours(dir: &Path, why: &str) -> Diagnostic {
    Diagnostic::global(
        Code::OutputRefused,
        format!("refusing to write the site into {}: {why}", dir.display()),
    )
    .with_help(format!(
        "nothing was deleted; choose an empty folder, or move your own files out of {} first",
        dir.display()
    ))
}

/// The names at the top of an output folder that a site produces (`index.html`, `2023`,
/// `en`, `assets`, a static `.well-known`): what tells the site's entries from a
/// deployment's own.
#[derive(Debug, Default, Clone)]
pub struct TopLevel(BTreeSet<String>);

impl TopLevel {
    /// The top-level names of these output paths.
    pub fn of<'p>(paths: impl IntoIterator<Item = &'p str>) -> TopLevel {
        TopLevel(
            paths
                .into_iter()
                .filter_map(|p| p.split('/').next())
                .map(str::to_string)
                .collect(),
        )
    }

    pub fn contains(&self, name: &str) -> bool {
        self.0.contains(name)
    }
}

/// Whether a top-level entry of the output folder belongs to someone else: a dotfile or
/// dot-folder the site does not produce. (The ownership marker counts as one: it is carried
/// over like them, and written when missing.)
fn foreign(name: &str, site: &TopLevel) -> bool {
    name.starts_with('.') && !site.contains(name)
}

/// The site's files now in `dir`, as `/`-separated relative paths. The top-level entries are
/// walked in parallel: a site has a folder per page.
fn existing_files(dir: &Path, site: &TopLevel) -> BTreeSet<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return BTreeSet::new();
    };
    let top: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| !foreign(&e.file_name().to_string_lossy(), site))
        .map(|e| e.path())
        .collect();
    top.par_iter()
        .flat_map_iter(|path| {
            walkdir::WalkDir::new(path)
                .follow_links(false)
                .follow_root_links(false)
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
        })
        .collect()
}

fn same_content(path: &Path, file: &OutputFile) -> bool {
    match file {
        OutputFile::Bytes(bytes) => {
            fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
                && fs::read(path).is_ok_and(|b| &b == bytes)
        }
        OutputFile::Copy(copy) => {
            let src = &copy.path;
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
    crate::atomic::replace_with(path, |tmp| write_plain(tmp, file))
}

/// A file that could not be written, before it is told to the user with what it means for
/// the output folder ([`WriteError::into_diagnostic`]).
#[derive(Debug)]
struct WriteError {
    path: PathBuf,
    err: io::Error,
}

fn write_error(path: &Path, err: io::Error) -> WriteError {
    WriteError {
        path: path.to_path_buf(),
        err,
    }
}

/// What a failed write left in the output folder, for the message.
#[derive(Clone, Copy)]
enum Left {
    /// The previous site, untouched (a staged build).
    Previous,
    /// Files written so far in place, the rest as before (watch mode).
    Partly,
}

impl WriteError {
    fn into_diagnostic(self, dir: &Path, output: &Output, left: Left) -> Diagnostic {
        self.into_diagnostic_needing(dir, || disk::needed(dir, output), left)
    }

    /// `need`: about how many bytes the write needs, asked only for a full disk.
    fn into_diagnostic_needing(
        self,
        dir: &Path,
        need: impl FnOnce() -> u64,
        left: Left,
    ) -> Diagnostic {
        if disk::is_full(&self.err) {
            return disk::full(dir, need(), left_text(dir, left));
        }
        Diagnostic::global(
            Code::WriteFailed,
            format!("cannot write {}: {}", self.path.display(), self.err),
        )
        .with_help(format!(
            "check that the output folder is writable; {}",
            left_text(dir, left)
        ))
    }
}

fn left_text(dir: &Path, left: Left) -> String {
    match left {
        Left::Previous => format!("{} was left as it was", dir.display()),
        Left::Partly => format!(
            "{} holds the last good build with part of this one; the next successful \
             rebuild completes it",
            dir.display()
        ),
    }
}

/// The folder a site is written into: a symlinked output folder stays a link, and the site
/// goes where it points. A file in the way is an error.
fn resolve_output_dir(dir: &Path) -> Result<PathBuf, WriteError> {
    let dir = match fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(dir).map_err(|e| write_error(dir, e))?
        }
        _ => dir.to_path_buf(),
    };
    if dir.exists() && !dir.is_dir() {
        return Err(write_error(
            &dir,
            io::Error::new(
                io::ErrorKind::AlreadyExists,
                "a file of that name is in the way",
            ),
        ));
    }
    Ok(dir)
}

/// Writes `output` as the whole content of `dir` (see the module documentation). The caller
/// holds the folder's [`lock`].
pub fn write(dir: &Path, output: &Output) -> Result<WriteStats, Diagnostic> {
    let previous = |e: WriteError| e.into_diagnostic(dir, output, Left::Previous);
    let dir = resolve_output_dir(dir).map_err(previous)?;
    let site = TopLevel::of(output.keys().map(String::as_str));
    ownership::check(&dir, Some(&site)).map_err(|why| not_ours(&dir, why))?;
    let Some(siblings) = swap::Siblings::of(&dir) else {
        return write_in_place(&dir, output);
    };
    siblings
        .recover(&dir)
        .map_err(|e| previous(write_error(&siblings.staging, e)))?;
    if fs::create_dir_all(&siblings.staging).is_err() {
        // No room beside the output folder (e.g. a read-only parent): update it in place.
        return write_in_place(&dir, output);
    }
    let staged = stage(&siblings.staging, &dir, output, &site);
    if staged.is_ok() && siblings.publish(&dir).is_ok() {
        return staged.map_err(previous);
    }
    // Whatever failed, the half-assembled site goes: on a full disk it holds the space.
    let _ = fs::remove_dir_all(&siblings.staging);
    match staged {
        Err(e) => Err(previous(e)),
        // The folder could not be swapped (a mount point, say): update it in place.
        Ok(_) => write_in_place(&dir, output),
    }
}

enum Staged {
    Created,
    Updated,
    Unchanged,
}

/// Assembles the new site in `staging`: unchanged files are hard links to those in `dir`.
fn stage(
    staging: &Path,
    dir: &Path,
    output: &Output,
    site: &TopLevel,
) -> Result<WriteStats, WriteError> {
    let existing = existing_files(dir, site);
    let folders: BTreeSet<&Path> = output
        .keys()
        .filter_map(|rel| Path::new(rel.as_str()).parent())
        .collect();
    // In parallel: a site has a folder per page. `create_dir_all` accepts a folder another
    // thread has just made.
    folders.par_iter().try_for_each(|folder| {
        let path = staging.join(folder);
        fs::create_dir_all(&path).map_err(|e| write_error(&path, e))
    })?;
    carry_over_foreign(dir, staging, site)?;
    mark(staging)?;
    let staged: Vec<Staged> = output
        .par_iter()
        .map(|(rel, file)| {
            let target = staging.join(rel);
            let current = dir.join(rel);
            let known = existing.contains(rel);
            if known && same_content(&current, file) && fs::hard_link(&current, &target).is_ok() {
                return Ok(Staged::Unchanged);
            }
            write_plain(&target, file).map_err(|e| write_error(&target, e))?;
            Ok(if known {
                Staged::Updated
            } else {
                Staged::Created
            })
        })
        .collect::<Result<_, WriteError>>()?;
    let mut stats = WriteStats::default();
    for s in staged {
        match s {
            Staged::Created => stats.created += 1,
            Staged::Updated => stats.updated += 1,
            Staged::Unchanged => stats.unchanged += 1,
        }
    }
    stats.removed = existing
        .iter()
        .filter(|rel| !output.contains_key(*rel))
        .count();
    Ok(stats)
}

/// Leaves the ownership marker in `dir` when it is not there yet.
fn mark(dir: &Path) -> Result<(), WriteError> {
    let path = dir.join(MARKER);
    if path.is_file() {
        return Ok(());
    }
    fs::write(&path, ownership::MARKER_TEXT).map_err(|e| write_error(&path, e))
}

fn write_plain(path: &Path, file: &OutputFile) -> io::Result<()> {
    match file {
        OutputFile::Bytes(bytes) => fs::write(path, bytes),
        OutputFile::Copy(copy) => fs::copy(&copy.path, path).map(drop),
    }
}

/// Links a deployment's own dot-entries (`.git`, `.htaccess`) into the staged site.
fn carry_over_foreign(dir: &Path, staging: &Path, site: &TopLevel) -> Result<(), WriteError> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.filter_map(Result::ok) {
        if !foreign(&entry.file_name().to_string_lossy(), site) {
            continue;
        }
        for e in walkdir::WalkDir::new(entry.path()).follow_links(false) {
            let e = e.map_err(|e| write_error(&entry.path(), e.into()))?;
            let Ok(rel) = e.path().strip_prefix(dir) else {
                continue;
            };
            let target = staging.join(rel);
            let kind = e.file_type();
            let done = if kind.is_dir() {
                fs::create_dir_all(&target)
            } else if kind.is_symlink() {
                copy_symlink(e.path(), &target)
            } else {
                fs::hard_link(e.path(), &target).or_else(|_| fs::copy(e.path(), &target).map(drop))
            };
            done.map_err(|err| write_error(&target, err))?;
        }
    }
    Ok(())
}

#[cfg(unix)]
fn copy_symlink(link: &Path, target: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(fs::read_link(link)?, target)
}

#[cfg(not(unix))]
fn copy_symlink(link: &Path, target: &Path) -> io::Result<()> {
    fs::copy(link, target).map(drop)
}

/// Writes into `dir` directly, each file atomically: files that did not exist, then changed
/// files, then removals, so that old pages never link to a file not yet written.
fn write_in_place(dir: &Path, output: &Output) -> Result<WriteStats, Diagnostic> {
    let partly = |e: WriteError| e.into_diagnostic(dir, output, Left::Partly);
    fs::create_dir_all(dir).map_err(|e| partly(write_error(dir, e)))?;
    mark(dir).map_err(partly)?;
    let existing = existing_files(dir, &TopLevel::of(output.keys().map(String::as_str)));
    let mut stats = WriteStats::default();
    let mut created = Vec::new();
    let mut updated = Vec::new();
    for (rel, file) in output {
        if !existing.contains(rel) {
            created.push(rel.clone());
        } else if same_content(&dir.join(rel), file) {
            stats.unchanged += 1;
        } else {
            updated.push(rel.clone());
        }
    }
    let removed: Vec<String> = existing
        .iter()
        .filter(|rel| !output.contains_key(*rel))
        .cloned()
        .collect();
    let applied = apply(dir, output, &created, &updated, &removed)?;
    stats.created = applied.created;
    stats.updated = applied.updated;
    stats.removed = applied.removed;
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
    apply_changes(dir, output, created, updated, removed)
        .map_err(|e| e.into_diagnostic(dir, output, Left::Partly))
}

fn apply_changes(
    dir: &Path,
    output: &Output,
    created: &[String],
    updated: &[String],
    removed: &[String],
) -> Result<WriteStats, WriteError> {
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
        let s = write(&dir, &out).unwrap();
        assert_eq!((s.created, s.updated, s.unchanged, s.removed), (2, 0, 0, 0));

        out.insert("index.html".into(), bytes("b"));
        out.remove("x/index.html");
        out.insert("y/index.html".into(), bytes("y"));
        let s = write(&dir, &out).unwrap();
        assert_eq!((s.created, s.updated, s.unchanged, s.removed), (1, 1, 0, 1));
        assert_eq!(fs::read_to_string(dir.join("index.html")).unwrap(), "b");
        assert!(!dir.join("x").exists());

        let s = write(&dir, &out).unwrap();
        assert_eq!((s.created, s.updated, s.unchanged, s.removed), (0, 0, 2, 0));
    }

    #[test]
    fn unchanged_files_keep_their_inode_and_dot_entries_survive() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let mut out = Output::new();
        out.insert("index.html".into(), bytes("a"));
        out.insert("en/index.html".into(), bytes("e"));
        write(&dir, &out).unwrap();
        fs::create_dir_all(dir.join(".git/objects")).unwrap();
        fs::write(dir.join(".git/objects/ab"), "blob").unwrap();
        fs::write(dir.join(".htaccess"), "Options -Indexes").unwrap();
        let inode = fs::metadata(dir.join("en/index.html")).unwrap().ino();

        out.insert("index.html".into(), bytes("b"));
        let s = write(&dir, &out).unwrap();
        assert_eq!((s.created, s.updated, s.unchanged, s.removed), (0, 1, 1, 0));
        assert_eq!(
            fs::metadata(dir.join("en/index.html")).unwrap().ino(),
            inode
        );
        assert_eq!(
            fs::read_to_string(dir.join(".git/objects/ab")).unwrap(),
            "blob"
        );
        assert!(dir.join(".htaccess").exists());
        let siblings: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(siblings.len(), 1, "no staging folder is left behind");
    }

    #[test]
    fn a_symlinked_output_folder_stays_a_link() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().join("www");
        fs::create_dir_all(&real).unwrap();
        let link = tmp.path().join("public");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let mut out = Output::new();
        out.insert("index.html".into(), bytes("a"));
        write(&link, &out).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(real.join("index.html")).unwrap(), "a");
    }

    #[test]
    fn in_place_writing_gives_the_same_result() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let mut out = Output::new();
        out.insert("index.html".into(), bytes("a"));
        out.insert("x/index.html".into(), bytes("x"));
        write_in_place(&dir, &out).unwrap();
        out.remove("x/index.html");
        out.insert("index.html".into(), bytes("b"));
        let s = write_in_place(&dir, &out).unwrap();
        assert_eq!((s.created, s.updated, s.unchanged, s.removed), (0, 1, 0, 1));
        assert!(!dir.join("x").exists());
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
