//! `ipreport fix`: the mechanical slips of content files, rewritten in place.
//!
//! A fix changes only what a machine can change without asking: the encoding of a file saved
//! as GBK or UTF-16 ([`encoding`]; the original is kept beside it under a name the site never
//! reads, ending in `~`), full-width digits where YAML needs a number or a date ([`digits`]),
//! and the typography the Chinese checks warn about ([`typography`]); and, when asked, text in
//! Traditional characters rewritten in Simplified ones ([`script`], the original kept too).
//! The run says file by file what changed.

mod digits;
mod encoding;
mod script;
mod typography;

use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic};

pub use encoding::backup_name;

/// What to fix.
#[derive(Clone, Copy, Debug, Default)]
pub struct FixOptions {
    /// Say what would change, write nothing.
    pub dry_run: bool,
    /// Rewrite Traditional characters in Simplified ones (`--to-simplified`).
    pub to_simplified: bool,
}

/// What was (or, in a dry run, would be) changed in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFix {
    /// Relative to the site root, `/`-separated.
    pub path: String,
    pub changes: Vec<String>,
}

/// The files a fix looks at: the given paths (files, or folders walked), relative to the
/// site root; without paths, everything under `content/`.
fn files(root: &Path, paths: &[PathBuf]) -> Result<Vec<PathBuf>, Diagnostic> {
    let starts: Vec<PathBuf> = if paths.is_empty() {
        vec![root.join("content")]
    } else {
        paths
            .iter()
            .map(|p| {
                if p.is_absolute() {
                    p.clone()
                } else {
                    root.join(p)
                }
            })
            .collect()
    };
    let mut files = Vec::new();
    for start in starts {
        if !start.exists() {
            return Err(Diagnostic::global(
                Code::MissingFile,
                format!("{} does not exist", start.display()),
            )
            .with_help("name files or folders of the site, relative to its root (--root)"));
        }
        for entry in walkdir::WalkDir::new(&start)
            .sort_by_file_name()
            .follow_links(false)
        {
            let entry = entry
                .map_err(|e| Diagnostic::global(Code::ReadFailed, format!("cannot read: {e}")))?;
            let name = entry.file_name().to_string_lossy();
            if entry.file_type().is_file() && is_text_source(&name) {
                files.push(entry.into_path());
            }
        }
    }
    Ok(files)
}

/// Files a fix may rewrite: the site's text sources, not its litter or its published files.
fn is_text_source(name: &str) -> bool {
    !crate::source::is_editor_litter(name)
        && [".yaml", ".yml", ".md", ".html", ".txt", ".csv"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

fn display(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Writes `text` to `path` through a temporary file and a rename.
fn rewrite(path: &Path, text: &str) -> Result<(), Diagnostic> {
    crate::atomic::replace(path, text.as_bytes()).map_err(|e| {
        Diagnostic::global(
            Code::WriteFailed,
            format!("cannot write {}: {e}", path.display()),
        )
    })
}

/// Keeps the original bytes of `path` beside it as `backup` (a name like the one shown, in
/// the same folder), then writes `text` in its place through a temporary file and a rename.
fn replace_keeping_original(
    path: &Path,
    backup: &str,
    original: &[u8],
    text: &str,
) -> Result<(), Diagnostic> {
    let failed = |at: &Path, e: std::io::Error| {
        Diagnostic::global(
            Code::WriteFailed,
            format!("cannot write {}: {e}", at.display()),
        )
        .with_help("check that the file is writable; nothing else was changed in it")
    };
    let backup_path = path.with_file_name(
        Path::new(backup)
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default(),
    );
    std::fs::write(&backup_path, original).map_err(|e| failed(&backup_path, e))?;
    crate::atomic::replace(path, text.as_bytes()).map_err(|e| failed(path, e))
}

/// Runs every fix over `paths` (see [`files`]) of the site at `root`.
pub fn fix(
    root: &Path,
    paths: &[PathBuf],
    options: FixOptions,
) -> Result<Vec<FileFix>, Diagnostic> {
    let files = files(root, paths)?;
    let mut changes: std::collections::BTreeMap<PathBuf, Vec<String>> = Default::default();
    for path in &files {
        let shown = display(root, path);
        if let Some(change) = encoding::fix(path, &shown, options)? {
            changes.entry(path.clone()).or_default().push(change);
        }
        if options.to_simplified
            && let Some(change) = script::fix(path, &shown, options)?
        {
            changes.entry(path.clone()).or_default().push(change);
        }
        let is_yaml = shown.ends_with(".yaml") || shown.ends_with(".yml");
        if is_yaml
            && let Ok(text) = std::fs::read_to_string(path)
            && let Some((fixed, n)) = digits::fix_yaml(&text)
        {
            if !options.dry_run {
                rewrite(path, &fixed)?;
            }
            changes
                .entry(path.clone())
                .or_default()
                .push(format!("{n} × full-width digits → half-width"));
        }
    }
    for (path, (text, said)) in typography::fix(root, &files)? {
        if !options.dry_run {
            rewrite(&path, &text)?;
        }
        changes.entry(path).or_default().extend(said);
    }
    Ok(changes
        .into_iter()
        .map(|(path, changes)| FileFix {
            path: display(root, &path),
            changes,
        })
        .collect())
}
