//! A new body for one item's `.md` file, read again after an edit that touched only its body
//! (watch mode's preview): the same compilation and zh-Hant rule a full load applies, without
//! loading anything else.

use crate::model::{Fragment, LangId, Site};
use crate::source::{FileId, SourceFile};

use super::hant;
use super::markdown_file::{compile_body, split_front_matter};

/// The edited file and the bodies it gives.
pub struct ReloadedBody {
    pub file: SourceFile,
    /// The file's own language first; then `zh-Hant` derived from a `zh` body when the item
    /// has no `zh-Hant` file of its own (`derive_hant`).
    pub bodies: Vec<(LangId, Fragment)>,
}

/// Compiles `text`, the new content of the file `old` (id `file_id`, the `lang` body of its
/// item). `None` when the front matter is not byte for byte the old one, or the body has an
/// error: then only a full load can tell what the file means now.
pub fn reload_body(
    site: &Site,
    old: &SourceFile,
    file_id: FileId,
    lang: LangId,
    derive_hant: bool,
    text: String,
) -> Option<ReloadedBody> {
    let entity = old.entity.clone()?;
    let old_split = split_front_matter(&old.text).ok()?;
    let split = split_front_matter(&text).ok()?;
    if old.text[..old_split.body_start] != text[..split.body_start] {
        return None;
    }
    let file = SourceFile::new(old.display_path.clone(), old.path.clone(), text)
        .with_entity(entity.clone());
    let allow_raw_html = site.config.allow_raw_html;
    let compiled = compile_body(&file, file_id, (&entity, lang), &split, allow_raw_html);
    if compiled.diagnostics.iter().any(|d| d.is_error()) {
        return None;
    }
    let mut bodies = vec![(lang, compiled.fragment)];
    // A `zh` body also stands for the `zh-Hant` one when that has no file of its own.
    let traditional = site
        .languages
        .find("zh-Hant")
        .filter(|_| derive_hant && site.languages.find("zh") == Some(lang));
    if let Some(traditional) = traditional {
        let derived = hant::derive(&bodies[0].1, &file, traditional, allow_raw_html);
        bodies.push((traditional, derived));
    }
    Some(ReloadedBody { file, bodies })
}
