//! Reading the content files: each one's text, or a diagnostic saying why it cannot be read.

use std::path::Path;

use rayon::prelude::*;

use super::cache::{FileCache, Stamp};
use super::layout::{Layout, Role};
use super::parse::Parsed;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::source::{FileId, SourceFile, SourceMap};

/// Reads a file as UTF-8 text, without a byte-order mark. A file in another encoding (GBK
/// from Word or an old editor, UTF-16 from Excel) is an error that names the encoding and
/// the command that converts it.
pub fn read_text(path: &Path, display: &str) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|err| {
        Diagnostic::at_path(
            Code::ReadFailed,
            display,
            format!("cannot read {display}: {err}"),
        )
    })?;
    match crate::encoding::decode(&bytes) {
        Some(decoded) if decoded.encoding.is_utf8() => Ok(decoded.text),
        Some(decoded) => Err(Diagnostic::at_path(
            Code::ReadFailed,
            display,
            format!(
                "{display} is saved as {}, not UTF-8",
                decoded.encoding.name()
            ),
        )
        .with_help(format!(
            "run `ipreport fix` in the site folder: it saves every such file under content/ as \
             UTF-8 and keeps the original beside it ({}); or save it as UTF-8 in your editor",
            crate::fix::backup_name(display, decoded.encoding)
        ))),
        None => {
            let at = std::str::from_utf8(&bytes)
                .err()
                .map_or(0, |e| e.valid_up_to());
            Err(Diagnostic::at_path(
                Code::ReadFailed,
                display,
                format!("{display} is not text in UTF-8, GBK or UTF-16 (first bad byte at offset {at})"),
            )
            .with_help("content files are text saved as UTF-8; a binary file (an image, a PDF) belongs in content/static/"))
        }
    }
}

/// The files that were read, in the layout's (sorted) order.
pub struct Read<'l> {
    pub files: Vec<(&'l Role, FileId, &'l Path)>,
    /// Files that could not be read: what they define is incomplete, not unknown.
    pub unreadable: Vec<&'l Role>,
}

/// Reads what changed since the files `cache` holds (all of them on a first load), in
/// parallel, and puts every file into `sources`.
pub fn read_all<'l>(
    layout: &'l Layout,
    cache: &mut FileCache<Parsed>,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> Read<'l> {
    let stamps: Vec<Option<Stamp>> = layout.files.iter().map(|f| f.stamp).collect();
    let texts: Vec<Option<Result<SourceFile, Diagnostic>>> = layout
        .files
        .par_iter()
        .zip(&stamps)
        .map(|(f, stamp)| match cache.unchanged(&f.path, *stamp) {
            Some(_) => None,
            None => Some(read_text(&f.path, &f.display).map(|text| {
                SourceFile::new(f.display.clone(), f.path.clone(), text)
                    .with_entity(f.role.entity.clone())
            })),
        })
        .collect();
    let mut read = Read {
        files: Vec::new(),
        unreadable: Vec::new(),
    };
    for ((f, text), stamp) in layout.files.iter().zip(texts).zip(stamps) {
        let (id, source) = match text {
            None => match cache.unchanged(&f.path, stamp) {
                Some(found) => found,
                None => continue,
            },
            Some(Ok(source)) => cache.store(&f.path, stamp, source),
            Some(Err(d)) => {
                diagnostics.push(d);
                read.unreadable.push(&f.role);
                continue;
            }
        };
        sources.set(id, source);
        read.files.push((&f.role, id, &f.path));
    }
    read
}
