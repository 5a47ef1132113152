//! Writing a site while it is rendered (`ipreport build`): each batch of files goes into the
//! staging folder as soon as it is made, so that the pages of a large site are never all in
//! memory at once. The guarantees are those of [`super::write`]: the new site is assembled
//! beside the old one (unchanged files hard-linked) and swapped in at the end in one step; a
//! build that fails, or is dropped half-way, removes what it staged and leaves the output
//! folder as it was.
//!
//! Where no staging folder can be made beside the output folder, the files are kept and
//! written in place at the end, in the order that never lets an old page link to a missing
//! file ([`super::write_in_place`]): streaming them in would break that.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use rayon::prelude::*;

use super::lock::OutputLock;
use super::swap::Siblings;
use super::{
    Left, TopLevel, WriteError, WriteStats, carry_over_foreign, existing_files, mark, not_ours,
    ownership, same_content, write_error, write_in_place, write_plain,
};
use crate::diagnostics::Diagnostic;
use crate::render::{Output, OutputFile};

/// What a writer needs to know of a site before its first file: the names at the top of the
/// output folder it produces, and how many files it has.
#[derive(Debug, Clone, Default)]
pub struct Shape {
    pub top_level: TopLevel,
    pub files: usize,
}

/// Where a build's files go as they are made. Each path is given once.
pub trait Sink: Sync {
    fn put(&self, files: Vec<(String, OutputFile)>) -> Result<(), Diagnostic>;
}

/// A site being written into its output folder as it is rendered.
pub struct Stream {
    dir: PathBuf,
    shape: Shape,
    how: How,
    /// Held until the site is in place.
    _lock: Option<OutputLock>,
}

enum How {
    Staged(Staging),
    /// Kept for [`write_in_place`] at the end.
    InPlace(Mutex<Output>),
}

struct Staging {
    siblings: Siblings,
    /// The site's files in the output folder before this build.
    existing: BTreeSet<String>,
    created: AtomicUsize,
    updated: AtomicUsize,
    unchanged: AtomicUsize,
    /// Bytes written into the staging folder (not linked), for a full disk's message.
    written_bytes: AtomicU64,
    /// Set by [`Stream::finish`]: the staging folder became the site.
    published: bool,
}

impl Stream {
    /// Starts writing a site of `shape` into `dir`; `lock` is the folder's [`super::lock`],
    /// kept until the end.
    pub fn open(dir: &Path, shape: Shape, lock: Option<OutputLock>) -> Result<Stream, Diagnostic> {
        let previous = |e: WriteError| e.into_diagnostic_needing(dir, || 0, Left::Previous);
        let dir = super::resolve_output_dir(dir).map_err(previous)?;
        ownership::check(&dir, Some(&shape.top_level)).map_err(|why| not_ours(&dir, why))?;
        let in_place = |dir: PathBuf, shape, lock| Stream {
            dir,
            shape,
            how: How::InPlace(Mutex::new(Output::new())),
            _lock: lock,
        };
        let Some(siblings) = Siblings::of(&dir) else {
            return Ok(in_place(dir, shape, lock));
        };
        siblings
            .recover(&dir)
            .map_err(|e| previous(write_error(&siblings.staging, e)))?;
        if fs::create_dir_all(&siblings.staging).is_err() {
            // No room beside the output folder (e.g. a read-only parent).
            return Ok(in_place(dir, shape, lock));
        }
        let staging = Staging {
            existing: existing_files(&dir, &shape.top_level),
            siblings,
            created: AtomicUsize::new(0),
            updated: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            written_bytes: AtomicU64::new(0),
            published: false,
        };
        let stream = Stream {
            dir,
            shape,
            how: How::Staged(staging),
            _lock: lock,
        };
        if let How::Staged(staging) = &stream.how {
            let begun = carry_over_foreign(
                &stream.dir,
                &staging.siblings.staging,
                &stream.shape.top_level,
            )
            .and_then(|()| mark(&staging.siblings.staging));
            // Dropping the stream removes the staging folder.
            begun.map_err(|e| stream.diagnostic(e))?;
        }
        Ok(stream)
    }

    /// Puts the assembled site in place of the old one and says what changed.
    pub fn finish(mut self) -> Result<WriteStats, Diagnostic> {
        match &mut self.how {
            How::InPlace(output) => {
                let output = std::mem::take(output.get_mut().unwrap_or_else(|e| e.into_inner()));
                write_in_place(&self.dir, &output)
            }
            How::Staged(staging) => {
                let stats = WriteStats {
                    created: staging.created.load(Ordering::Relaxed),
                    updated: staging.updated.load(Ordering::Relaxed),
                    unchanged: staging.unchanged.load(Ordering::Relaxed),
                    removed: staging
                        .existing
                        .len()
                        .saturating_sub(staging.updated.load(Ordering::Relaxed))
                        .saturating_sub(staging.unchanged.load(Ordering::Relaxed)),
                };
                if staging.siblings.publish(&self.dir).is_ok() {
                    staging.published = true;
                    return Ok(stats);
                }
                // The folder could not be swapped (a mount point, say): update it in place
                // from the staged copy.
                let staged = staging.siblings.staging.clone();
                let output = staged_output(&staged, &self.shape.top_level);
                let result = write_in_place(&self.dir, &output);
                drop(output);
                result
            }
        }
    }

    /// The diagnostic of a failed write into the staging folder: nothing was published.
    fn diagnostic(&self, e: WriteError) -> Diagnostic {
        let need = || match &self.how {
            How::Staged(staging) => {
                // About as much again for the files not written yet, by the share done.
                let done = staging.created.load(Ordering::Relaxed)
                    + staging.updated.load(Ordering::Relaxed)
                    + staging.unchanged.load(Ordering::Relaxed);
                let written = staging.written_bytes.load(Ordering::Relaxed);
                let files = self.shape.files.max(done).max(1) as u64;
                written.saturating_mul(files) / (done.max(1) as u64)
            }
            How::InPlace(_) => 0,
        };
        // The half-assembled site goes first: on a full disk it holds the space the
        // message counts as free.
        if let How::Staged(staging) = &self.how {
            let _ = fs::remove_dir_all(&staging.siblings.staging);
        }
        e.into_diagnostic_needing(&self.dir, need, Left::Previous)
    }
}

impl Sink for Stream {
    fn put(&self, files: Vec<(String, OutputFile)>) -> Result<(), Diagnostic> {
        let staging = match &self.how {
            How::InPlace(output) => {
                output
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .extend(files);
                return Ok(());
            }
            How::Staged(staging) => staging,
        };
        let root = &staging.siblings.staging;
        files
            .par_iter()
            .try_for_each(|(rel, file)| {
                let target = root.join(rel);
                let current = self.dir.join(rel);
                let known = staging.existing.contains(rel);
                if let Some(parent) = target.parent() {
                    fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
                }
                if known && same_content(&current, file) && fs::hard_link(&current, &target).is_ok()
                {
                    staging.unchanged.fetch_add(1, Ordering::Relaxed);
                    return Ok(());
                }
                write_plain(&target, file).map_err(|e| write_error(&target, e))?;
                staging
                    .written_bytes
                    .fetch_add(size(file), Ordering::Relaxed);
                let count = if known {
                    &staging.updated
                } else {
                    &staging.created
                };
                count.fetch_add(1, Ordering::Relaxed);
                Ok(())
            })
            .map_err(|e| self.diagnostic(e))
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        if let How::Staged(staging) = &self.how
            && !staging.published
        {
            let _ = fs::remove_dir_all(&staging.siblings.staging);
        }
    }
}

fn size(file: &OutputFile) -> u64 {
    match file {
        OutputFile::Bytes(bytes) => bytes.len() as u64,
        OutputFile::Copy(copy) => fs::metadata(&copy.path).map_or(0, |m| m.len()),
    }
}

/// The site's files in a staging folder (not the deployment's entries carried over, not the
/// marker), as files to copy, for writing in place.
fn staged_output(staged: &Path, site: &TopLevel) -> Output {
    walkdir::WalkDir::new(staged)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(staged).ok()?;
            let rel: Vec<_> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect();
            let rel = rel.join("/");
            let top = rel.split('/').next().unwrap_or_default();
            (rel != super::MARKER && !super::foreign(top, site)).then(|| {
                (
                    rel,
                    OutputFile::Copy(crate::render::CopiedFile {
                        path: e.path().to_path_buf(),
                        version: 0,
                    }),
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::MetadataExt;

    use super::*;

    fn bytes(s: &str) -> OutputFile {
        OutputFile::Bytes(s.as_bytes().to_vec())
    }

    fn shape(output: &Output) -> Shape {
        Shape {
            top_level: TopLevel::of(output.keys().map(String::as_str)),
            files: output.len(),
        }
    }

    /// Streams `output` into `dir` in batches of one file, the way a build sends batches.
    fn stream(dir: &Path, output: &Output) -> Result<WriteStats, Diagnostic> {
        let stream = Stream::open(dir, shape(output), None)?;
        for (path, file) in output {
            stream.put(vec![(path.clone(), file.clone())])?;
        }
        stream.finish()
    }

    #[test]
    fn a_streamed_site_is_the_written_one_with_the_same_counts() {
        let tmp = tempfile::tempdir().unwrap();
        let (written, streamed) = (tmp.path().join("a"), tmp.path().join("b"));
        let mut out = Output::new();
        out.insert("index.html".into(), bytes("a"));
        out.insert("en/index.html".into(), bytes("e"));
        out.insert("x/index.html".into(), bytes("x"));
        for dir in [&written, &streamed] {
            super::super::write(dir, &out).unwrap();
            fs::create_dir_all(dir.join(".git")).unwrap();
            fs::write(dir.join(".git/HEAD"), "ref").unwrap();
        }
        let inode = fs::metadata(streamed.join("en/index.html")).unwrap().ino();
        out.insert("index.html".into(), bytes("b"));
        out.remove("x/index.html");
        out.insert("y/index.html".into(), bytes("y"));
        let by_write = super::super::write(&written, &out).unwrap();
        let by_stream = stream(&streamed, &out).unwrap();
        assert_eq!(by_stream, by_write);
        assert_eq!(
            (
                by_stream.created,
                by_stream.updated,
                by_stream.unchanged,
                by_stream.removed
            ),
            (1, 1, 1, 1)
        );
        for rel in [
            "index.html",
            "en/index.html",
            "y/index.html",
            ".git/HEAD",
            MARKER_PATH,
        ] {
            assert_eq!(
                fs::read(written.join(rel)).unwrap(),
                fs::read(streamed.join(rel)).unwrap(),
                "{rel}"
            );
        }
        assert!(!streamed.join("x").exists());
        // Unchanged files are the same file, linked into the new site.
        assert_eq!(
            fs::metadata(streamed.join("en/index.html")).unwrap().ino(),
            inode
        );
        let names: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(names.len(), 2, "no staging folder is left behind");
    }

    const MARKER_PATH: &str = super::super::MARKER;

    #[test]
    fn a_stream_dropped_half_way_leaves_the_old_site() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let mut out = Output::new();
        out.insert("index.html".into(), bytes("old"));
        super::super::write(&dir, &out).unwrap();
        out.insert("index.html".into(), bytes("new"));
        out.insert("more/index.html".into(), bytes("more"));
        let stream = Stream::open(&dir, shape(&out), None).unwrap();
        stream
            .put(vec![("index.html".into(), bytes("new"))])
            .unwrap();
        // A render error, say: the build stops before `finish`.
        drop(stream);
        assert_eq!(fs::read_to_string(dir.join("index.html")).unwrap(), "old");
        assert!(!dir.join("more").exists());
        let names: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "the staging folder is removed");
    }

    #[test]
    fn a_folder_of_someone_elses_files_is_refused_before_anything_is_written() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("thesis");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("index.html"), "mine").unwrap();
        fs::write(dir.join("thesis.docx"), "chapter 1").unwrap();
        let mut out = Output::new();
        out.insert("index.html".into(), bytes("site"));
        assert!(Stream::open(&dir, shape(&out), None).is_err());
        assert_eq!(fs::read_to_string(dir.join("index.html")).unwrap(), "mine");
        let names: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }
}
