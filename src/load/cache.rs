//! What watch mode keeps between rebuilds: each file's text and parse, so that a rebuild
//! reads and parses only the files that changed.
//!
//! A file is known by its path and keeps its [`FileId`] for the whole session, so the spans in
//! a cached parse stay valid. A file counts as changed when its size or modification time
//! does; a change of the site's languages (or of `allow_raw_html`) invalidates every parse.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use super::layout::Layout;
use super::parse::Parsed;
use crate::diagnostics::Diagnostic;
use crate::source::{FileId, SourceFile, SourceMap};

/// Size and modification time: what tells a changed file from an unchanged one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    pub fn of(path: &Path) -> Option<Stamp> {
        std::fs::metadata(path)
            .ok()
            .map(|m| Stamp::from_metadata(&m))
    }

    pub fn from_metadata(meta: &std::fs::Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

struct Entry<P> {
    id: FileId,
    stamp: Option<Stamp>,
    source: Arc<SourceFile>,
    parsed: Option<(Option<P>, Vec<Diagnostic>)>,
}

/// Files and their parses, by path. `P` is the loader's parse result.
pub struct FileCache<P> {
    entries: HashMap<PathBuf, Entry<P>>,
    next_id: u32,
    /// The settings every parse depends on: languages and whether raw HTML is allowed.
    settings: Option<(Vec<String>, bool)>,
    /// Whether anything is kept: a single build only needs the ids.
    keep: bool,
}

impl<P> Default for FileCache<P> {
    fn default() -> Self {
        FileCache {
            entries: HashMap::new(),
            next_id: 0,
            settings: None,
            keep: true,
        }
    }
}

impl<P: Clone> FileCache<P> {
    /// A cache that keeps nothing, for a single build: it only hands out ids.
    pub fn one_shot() -> FileCache<P> {
        FileCache {
            keep: false,
            ..FileCache::default()
        }
    }

    /// The id of a path, the same for the whole session.
    fn id_for(&mut self, path: &Path) -> FileId {
        if self.keep
            && let Some(e) = self.entries.get(path)
        {
            return e.id;
        }
        let id = FileId(self.next_id);
        self.next_id += 1;
        id
    }

    /// The file at `path` if it is unchanged since it was cached.
    pub fn unchanged(
        &self,
        path: &Path,
        stamp: Option<Stamp>,
    ) -> Option<(FileId, Arc<SourceFile>)> {
        if !self.keep {
            return None;
        }
        let e = self.entries.get(path)?;
        (stamp.is_some() && e.stamp == stamp).then(|| (e.id, e.source.clone()))
    }

    /// Stores a freshly read file (dropping its old parse) and returns its id.
    pub fn store(
        &mut self,
        path: &Path,
        stamp: Option<Stamp>,
        file: SourceFile,
    ) -> (FileId, Arc<SourceFile>) {
        let id = self.id_for(path);
        let source = Arc::new(file);
        if !self.keep {
            return (id, source);
        }
        self.entries.insert(
            path.to_path_buf(),
            Entry {
                id,
                stamp,
                source: source.clone(),
                parsed: None,
            },
        );
        (id, source)
    }

    /// Forgets every parse if the settings they depend on changed.
    pub fn settings(&mut self, languages: Vec<String>, allow_raw_html: bool) {
        let settings = Some((languages, allow_raw_html));
        if self.settings != settings {
            for e in self.entries.values_mut() {
                e.parsed = None;
            }
            self.settings = settings;
        }
    }

    /// Makes the next load read `path` again whatever its stamp says (watch mode passes the
    /// paths the file watcher saw change: modification times are only a few ms fine).
    pub fn invalidate(&mut self, path: &Path) {
        if let Some(e) = self.entries.get_mut(path) {
            e.stamp = None;
        }
    }

    pub fn has_parsed(&self, path: &Path) -> bool {
        self.keep && self.entries.get(path).is_some_and(|e| e.parsed.is_some())
    }

    pub fn parsed(&self, path: &Path) -> Option<(Option<P>, Vec<Diagnostic>)> {
        self.entries.get(path).and_then(|e| e.parsed.clone())
    }

    /// Whether parses are worth keeping (and so worth copying).
    pub fn keeps(&self) -> bool {
        self.keep
    }

    pub fn set_parsed(&mut self, path: &Path, parsed: (Option<P>, Vec<Diagnostic>)) {
        if let Some(e) = self.entries.get_mut(path) {
            e.parsed = Some(parsed);
        }
    }

    /// Adds a file that is not content (a site template) to `sources` under its stable id.
    pub fn register(&mut self, sources: &mut SourceMap, file: SourceFile) -> FileId {
        let path = file.path.clone();
        let stamp = Stamp::of(&path);
        let (id, source) = match self.unchanged(&path, stamp) {
            Some((id, source)) if source.text == file.text => (id, source),
            _ => self.store(&path, stamp, file),
        };
        sources.set(id, source);
        id
    }
}

/// What watch mode knows of each static file: its stamp and the hash of its contents when
/// last read. A static file is copied, not parsed, but an edit must still reach the output.
#[derive(Default)]
pub struct StaticVersions {
    known: HashMap<PathBuf, (Stamp, u64)>,
}

impl StaticVersions {
    /// Makes the next load read `path` again (the watcher saw it change: a same-size edit
    /// within the file system's time resolution keeps the stamp).
    pub fn invalidate(&mut self, path: &Path) {
        self.known.remove(path);
    }

    /// The static files with their versions: the hash of the contents, read again only for
    /// a file whose stamp changed or that the watcher reported. With `keep` false (a single
    /// build, which compares with the disk anyway) nothing is read and every version is 0.
    pub fn versions(
        &mut self,
        entries: Vec<super::layout::StaticEntry>,
        keep: bool,
    ) -> Vec<crate::model::StaticFile> {
        use rayon::prelude::*;
        use std::hash::{Hash, Hasher};
        if !keep {
            return entries
                .into_iter()
                .map(|e| crate::model::StaticFile {
                    relative: e.relative,
                    path: e.path,
                    version: 0,
                })
                .collect();
        }
        let versions: Vec<(Option<Stamp>, u64)> = entries
            .par_iter()
            .map(|e| match (e.stamp, self.known.get(&e.path)) {
                (Some(stamp), Some((known, version))) if stamp == *known => (None, *version),
                _ => {
                    let mut hasher = std::collections::hash_map::DefaultHasher::new();
                    // An unreadable file gets a version of its own; copying it reports why.
                    match std::fs::read(&e.path) {
                        Ok(bytes) => bytes.hash(&mut hasher),
                        Err(err) => err.kind().to_string().hash(&mut hasher),
                    }
                    (e.stamp, hasher.finish())
                }
            })
            .collect();
        self.known.clear();
        entries
            .into_iter()
            .zip(versions)
            .map(|(e, (fresh, version))| {
                if let Some(stamp) = fresh.or(e.stamp) {
                    self.known.insert(e.path.clone(), (stamp, version));
                }
                crate::model::StaticFile {
                    relative: e.relative,
                    path: e.path,
                    version,
                }
            })
            .collect()
    }
}

/// Files read and parsed by earlier loads of the same site, for watch mode.
#[derive(Default)]
pub struct LoadCache {
    pub(super) files: FileCache<Parsed>,
    /// The folder layout of the last load. Walking 10 000 files is the slowest part of a
    /// rebuild, so a load after only [`LoadCache::edited`] files reuses it.
    layout: Option<Layout>,
    /// Files changed in place since the last load, whose stamps the kept layout lacks.
    edited: Vec<PathBuf>,
    /// Whether files may have been added, removed or renamed since the last load. Without
    /// word of an edit, a load walks the folders and compares every file's stamp.
    rescan: bool,
    /// The versions of static files.
    pub(super) statics: StaticVersions,
}

impl LoadCache {
    /// A cache that keeps nothing, for a single build.
    pub fn one_shot() -> LoadCache {
        LoadCache {
            files: FileCache::one_shot(),
            ..LoadCache::default()
        }
    }

    /// Makes the next load read `path` again, and walk the folders again: the file may be
    /// new, gone or renamed.
    pub fn invalidate(&mut self, path: &Path) {
        self.files.invalidate(path);
        self.statics.invalidate(path);
        self.rescan = true;
    }

    /// Makes the next load walk the folders again.
    pub fn rescan(&mut self) {
        self.rescan = true;
    }

    /// Makes the next load read `path` again, which was changed in place (its contents,
    /// not its name). When only such edits of files the last load knew are reported, the
    /// next load does not walk the folders again.
    pub fn edited(&mut self, path: &Path) {
        self.files.invalidate(path);
        self.statics.invalidate(path);
        let known = self
            .layout
            .as_ref()
            .is_some_and(|l| l.files.iter().any(|f| f.path == path));
        if known {
            self.edited.push(path.to_path_buf());
        } else {
            self.rescan = true;
        }
    }

    /// Adds a file that is not content (a site template) to `sources` under a stable id.
    pub fn register(&mut self, sources: &mut SourceMap, file: SourceFile) -> FileId {
        self.files.register(sources, file)
    }

    /// The folder layout for the next load: the last one with the stamps of the edited
    /// files brought up to date when only edits were reported, a new walk otherwise.
    pub(super) fn layout(&mut self, root: &Path) -> Layout {
        let edited = std::mem::take(&mut self.edited);
        // Reuse the layout only on word that nothing but edits happened.
        let kept = self
            .layout
            .take()
            .filter(|_| !edited.is_empty() && !self.rescan);
        self.rescan = false;
        let layout = match kept {
            Some(mut layout) => {
                for file in layout.files.iter_mut() {
                    if edited.contains(&file.path) {
                        file.stamp = Stamp::of(&file.path);
                    }
                }
                layout
            }
            None => super::layout::scan(root, self.files.keeps()),
        };
        if self.files.keeps() {
            self.layout = Some(layout.clone());
        }
        layout
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_shot_cache_hands_out_ids_and_keeps_nothing() {
        let mut cache: FileCache<u8> = FileCache::one_shot();
        let file = |name: &str| SourceFile::new(name.into(), PathBuf::from(name), "x".into());
        let (a, _) = cache.store(Path::new("a"), None, file("a"));
        let (b, _) = cache.store(Path::new("b"), None, file("b"));
        assert_ne!(a, b);
        cache.set_parsed(Path::new("a"), (Some(1), Vec::new()));
        assert!(!cache.has_parsed(Path::new("a")));
        assert!(cache.entries.is_empty());
        // A kept file is found again under its id.
        let mut kept: FileCache<u8> = FileCache::default();
        let stamp = Some(Stamp {
            len: 1,
            modified: None,
        });
        let (id, _) = kept.store(Path::new("a"), stamp, file("a"));
        assert_eq!(
            kept.unchanged(Path::new("a"), stamp).map(|(i, _)| i),
            Some(id)
        );
    }
}
