//! Source files and byte spans.
//!
//! Every loaded value remembers where it came from as a [`Span`]: a file id and a byte range.
//! Line and column are computed only when a diagnostic is shown, so spans stay small and cheap
//! to copy, and a Markdown body or a front-matter block can point into its `.md` file simply by
//! adding the byte offset where it starts.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::entity::EntityKey;

/// Files editors and tools leave next to the real ones: hidden files, backups, swap files,
/// JetBrains' safe-write temporaries, Emacs lock and autosave files, and vim's `4913` probe.
pub fn is_editor_litter(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.contains("___jb_")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
}

/// Index of a file in the [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span {
            file,
            start: start as u32,
            end: end.max(start) as u32,
        }
    }

    /// The whole-file span used when a problem concerns a file as such (a missing original, …).
    pub fn file_start(file: FileId) -> Span {
        Span::new(file, 0, 0)
    }
}

/// One loaded text file.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the site root, with `/` separators, as shown in diagnostics.
    pub display_path: String,
    /// Absolute (or root-joined) path on disk.
    pub path: PathBuf,
    pub text: String,
    /// Unique to this reading of the file: a cached file keeps it, a re-read one gets a new
    /// one, so "same version" means "same text" without comparing texts.
    pub version: u64,
    /// The entity the file defines (worked out from its path when the site was loaded).
    pub entity: Option<EntityKey>,
    line_starts: Vec<u32>,
}

impl SourceFile {
    pub fn new(display_path: String, path: PathBuf, text: String) -> SourceFile {
        let mut line_starts = vec![0u32];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i as u32 + 1),
        );
        static NEXT_VERSION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        SourceFile {
            display_path,
            path,
            text,
            version: NEXT_VERSION.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            entity: None,
            line_starts,
        }
    }

    /// The file as the definition of `entity`.
    pub fn with_entity(mut self, entity: EntityKey) -> SourceFile {
        self.entity = Some(entity);
        self
    }

    /// 1-based line and 1-based column (counted in characters) of a byte offset.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let offset = (offset as usize).min(self.text.len());
        let line = match self.line_starts.binary_search(&(offset as u32)) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line] as usize;
        let col = self.text[start..floor_char_boundary(&self.text, offset)]
            .chars()
            .count();
        (line + 1, col + 1)
    }

    /// Byte offset of the start of a 1-based line (clamped to the file).
    pub fn line_start(&self, line: usize) -> usize {
        let i = line.saturating_sub(1).min(self.line_starts.len() - 1);
        self.line_starts[i] as usize
    }

    /// Byte offset of a 1-based line and 1-based character column.
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let start = self.line_start(line);
        let line_text = self.text[start..].split('\n').next().unwrap_or("");
        let within: usize = line_text
            .chars()
            .take(col.saturating_sub(1))
            .map(char::len_utf8)
            .sum();
        start + within
    }

    /// The text of a 1-based line without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_start(line);
        let rest = &self.text[start..];
        let line = rest.split('\n').next().unwrap_or("");
        line.strip_suffix('\r').unwrap_or(line)
    }
}

/// Largest char boundary not after `i`.
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// All source files of a run, by [`FileId`]. In watch mode a file keeps its id from one
/// rebuild to the next (see [`crate::load::cache`]), so slots of files that are gone stay
/// empty rather than shifting the ids of the others.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: Vec<Option<Arc<SourceFile>>>,
}

impl SourceMap {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(Some(Arc::new(file)));
        FileId(self.files.len() as u32 - 1)
    }

    /// Puts a (shared) file at a given id, growing the map as needed.
    pub fn set(&mut self, id: FileId, file: Arc<SourceFile>) {
        let i = id.0 as usize;
        if i >= self.files.len() {
            self.files.resize(i + 1, None);
        }
        self.files[i] = Some(file);
    }

    /// The file with this id. Ids come only from this map, so the slot is filled; an empty
    /// one (a bug) reads as an empty file rather than crashing the tool.
    pub fn get(&self, id: FileId) -> &SourceFile {
        static EMPTY: std::sync::OnceLock<SourceFile> = std::sync::OnceLock::new();
        match self.files.get(id.0 as usize) {
            Some(Some(f)) => f,
            _ => {
                EMPTY.get_or_init(|| SourceFile::new(String::new(), PathBuf::new(), String::new()))
            }
        }
    }

    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.as_deref().map(|f| (FileId(i as u32), f)))
    }

    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.files().find(|(_, f)| f.path == path).map(|(id, _)| id)
    }

    /// The source text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        let text = &self.get(span.file).text;
        let start = floor_char_boundary(text, span.start as usize);
        let end = floor_char_boundary(text, span.end as usize).max(start);
        &text[start..end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn litter_is_ignored() {
        for name in [
            ".DS_Store",
            "a.md~",
            ".a.md.swp",
            "a.md___jb_tmp___",
            "#a.md#",
            "4913",
        ] {
            assert!(is_editor_litter(name), "{name}");
        }
        assert!(!is_editor_litter("about.zh.md"));
    }

    #[test]
    fn line_and_character_column() {
        let f = SourceFile::new("a".into(), "a".into(), "ab\n市委（x\n".into());
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        // `（` starts after two 3-byte characters: column 3, not 7.
        assert_eq!(f.line_col(9), (2, 3));
        assert_eq!(f.offset_of(2, 3), 9);
        assert_eq!(f.line_text(2), "市委（x");
    }

    #[test]
    fn offsets_inside_a_character_do_not_panic() {
        let f = SourceFile::new("a".into(), "a".into(), "市委".into());
        assert_eq!(f.line_col(1), (1, 1));
        assert_eq!(f.line_col(100), (1, 3));
    }
}
