//! `ipreport fix`: the mechanical slips of content files, rewritten in place.
//!
//! A fix changes only what a machine can change without asking: the encoding of a file saved
//! as GBK or UTF-16 ([`encoding`]). Every file it rewrites keeps its original beside it under
//! a name the site never reads (it ends in `~`), and the run says file by file what changed.

mod encoding;

use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic};

pub use encoding::backup_name;

/// What to fix.
#[derive(Clone, Copy, Debug, Default)]
pub struct FixOptions {
    /// Say what would change, write nothing.
    pub dry_run: bool,
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

/// Runs every fix over `paths` (see [`files`]) of the site at `root`.
pub fn fix(
    root: &Path,
    paths: &[PathBuf],
    options: FixOptions,
) -> Result<Vec<FileFix>, Diagnostic> {
    let mut fixed = Vec::new();
    for path in files(root, paths)? {
        let shown = display(root, &path);
        let mut changes = Vec::new();
        if let Some(change) = encoding::fix(&path, &shown, options)? {
            changes.push(change);
        }
        if !changes.is_empty() {
            fixed.push(FileFix {
                path: shown,
                changes,
            });
        }
    }
    Ok(fixed)
}
