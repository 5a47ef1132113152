//! The `--since PATH` of an earlier sign-off, found and read into a [`Snapshot`].
//!
//! PATH is, in this order of preference: a copy of the site folder (it holds `content/`; or
//! PATH is that `content/` folder itself), loaded with the same loader as the current site;
//! or an earlier build's open data: the file `data/indicators.json` itself, a built site
//! folder holding `data/indicators.json`, or a site folder holding
//! `public/data/indicators.json`. Open data holds only the values, so only they are compared.

use std::path::{Path, PathBuf};

use super::Snapshot;
use crate::load::{self, LoadOptions};

/// Where the earlier sign-off's state is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Earlier {
    /// A site folder (the one holding `content/`).
    Site(PathBuf),
    /// An earlier build's `data/indicators.json`.
    OpenData(PathBuf),
}

/// The open data's path in a built site.
const OPEN_DATA: &str = "data/indicators.json";

/// What `path` holds, or why it holds nothing to compare with.
pub fn locate(path: &Path) -> Result<Earlier, String> {
    let shown = path.display();
    if !path.exists() {
        return Err(format!("--since {shown}: no such file or folder"));
    }
    if path.is_file() {
        return Ok(Earlier::OpenData(path.to_path_buf()));
    }
    if path.join("content").is_dir() {
        return Ok(Earlier::Site(path.to_path_buf()));
    }
    if path.file_name().is_some_and(|n| n == "content") && path.join("site.yaml").is_file() {
        let root = path.parent().unwrap_or(Path::new("."));
        return Ok(Earlier::Site(root.to_path_buf()));
    }
    for candidate in [path.join(OPEN_DATA), path.join("public").join(OPEN_DATA)] {
        if candidate.is_file() {
            return Ok(Earlier::OpenData(candidate));
        }
    }
    Err(format!(
        "--since {shown} holds neither a copy of the site (a folder with content/) nor an \
         earlier build's {OPEN_DATA}"
    ))
}

impl Earlier {
    /// Reads the earlier state: the site as `check` loads it (drafts or not, as the current
    /// run), or the open data. `default_lang` names indicators from open data.
    pub fn snapshot(&self, drafts: bool, default_lang: &str) -> Result<Snapshot, String> {
        match self {
            Earlier::Site(root) => {
                let loaded = load::load(root, &LoadOptions { drafts });
                match &loaded.site {
                    Some(site) => Ok(Snapshot::of_site(site, &loaded.sources)),
                    None => Err(format!(
                        "--since {}: the site there could not be loaded ({} errors; \
                         `ipreport check --root {}` shows them)",
                        root.display(),
                        loaded.diagnostics.error_count(),
                        root.display()
                    )),
                }
            }
            Earlier::OpenData(file) => {
                let bytes = std::fs::read(file)
                    .map_err(|e| format!("--since {}: cannot read it: {e}", file.display()))?;
                Snapshot::of_open_data(&bytes, default_lang).map_err(|e| {
                    format!(
                        "--since {}: not the open data of an ipreport build ({OPEN_DATA}): {e}",
                        file.display()
                    )
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_a_site_or_a_build_or_nothing() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path();
        assert!(locate(&root.join("nope")).is_err());
        let empty = locate(root).expect_err("an empty folder holds nothing");
        assert!(empty.contains("holds neither"), "{empty}");
        std::fs::create_dir_all(root.join("public/data")).expect("folders");
        std::fs::write(root.join("public/data/indicators.json"), "{}").expect("a file");
        let json = root.join("public/data/indicators.json");
        assert_eq!(locate(root), Ok(Earlier::OpenData(json.clone())));
        assert_eq!(
            locate(&root.join("public")),
            Ok(Earlier::OpenData(json.clone()))
        );
        assert_eq!(locate(&json), Ok(Earlier::OpenData(json)));
        std::fs::create_dir_all(root.join("content")).expect("a folder");
        std::fs::write(root.join("content/site.yaml"), "").expect("a file");
        assert_eq!(locate(root), Ok(Earlier::Site(root.to_path_buf())));
        assert_eq!(
            locate(&root.join("content")),
            Ok(Earlier::Site(root.to_path_buf()))
        );
    }
}
