//! Reading the content files: each one's text, or a diagnostic saying why it cannot be read.

use std::path::Path;

use rayon::prelude::*;

use super::cache::{FileCache, Stamp};
use super::layout::{Layout, Role};
use super::parse::Parsed;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::source::{FileId, SourceFile, SourceMap};

/// Reads a file as UTF-8 text, without a byte-order mark.
pub fn read_text(path: &Path, display: &str) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|err| {
        Diagnostic::at_path(
            Code::ReadFailed,
            display,
            format!("cannot read {display}: {err}"),
        )
    })?;
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            Err(Diagnostic::at_path(
                Code::ReadFailed,
                display,
                format!("{display} is not valid UTF-8 (first bad byte at offset {at})"),
            )
            .with_help("save the file as UTF-8 (files from Word or old editors are often GBK)"))
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
