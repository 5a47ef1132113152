//! Which folders a build may write into: empty ones, and those an earlier build wrote.
//!
//! A build replaces everything in its output folder, so it must never take a folder of
//! someone else's files for an old site (a `--output` typo pointing at a thesis folder that
//! happens to hold an `index.html`). Every build leaves a small marker file in the folder; a
//! folder with files but without the marker is refused, unless it is recognisably a site
//! written before the marker existed: it holds every file each ipreport build writes, and
//! nothing at its top level that the new site does not have.

use std::fs;
use std::path::Path;

use super::TopLevel;

/// The marker's name. It starts with a dot so that no page can take it, and is written by
/// every build.
pub const MARKER: &str = ".ipreport-output";

/// What the marker says to someone who finds it.
pub const MARKER_TEXT: &str = "This folder is written by ipreport. Each build replaces \
everything in it except\nentries whose names start with a dot (.git, .well-known, .htaccess): \
keep your own\nfiles in the site's content/static/ folder instead.\n";

/// Files every site written by ipreport has, whatever its content.
const EVERY_SITE_HAS: &[&str] = &[
    "index.html",
    "404.html",
    "assets/style.css",
    "data/indicators.json",
    "data/indicators.csv",
    "search/index.html",
];

/// Whether `dir` may be written as output. `output` is the new site when known: a folder
/// from before the marker must then hold nothing at its top level that the new site lacks.
/// The error says why not.
pub fn check(dir: &Path, site: Option<&TopLevel>) -> Result<(), &'static str> {
    let Ok(entries) = fs::read_dir(dir) else {
        // Missing (a new folder) or unreadable (the write itself will say so).
        return Ok(());
    };
    let names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    // Dot-entries (`.git`, `.well-known`) are a deployment's and are never removed: a
    // folder holding only them is as good as empty.
    if names.iter().all(|n| n.starts_with('.')) || names.iter().any(|n| n == MARKER) {
        return Ok(());
    }
    let complete = EVERY_SITE_HAS.iter().all(|f| dir.join(f).is_file());
    if !complete {
        return Err("it is not empty and was not written by ipreport");
    }
    if let Some(site) = site {
        let foreign = names
            .iter()
            .any(|name| !name.starts_with('.') && !site.contains(name));
        if foreign {
            return Err(
                "it holds files that are not part of the site (it has no .ipreport-output marker, so they may be yours)",
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{Output, OutputFile};

    fn site(dir: &Path) {
        for f in EVERY_SITE_HAS {
            let path = dir.join(f);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
    }

    #[test]
    fn folders_that_may_be_written() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        assert!(check(&dir, None).is_ok(), "a folder to be made");
        fs::create_dir(&dir).unwrap();
        assert!(check(&dir, None).is_ok(), "an empty folder");
        fs::write(dir.join("index.html"), "mine").unwrap();
        fs::write(dir.join("404.html"), "mine").unwrap();
        fs::write(dir.join("thesis.docx"), "mine").unwrap();
        assert!(check(&dir, None).is_err(), "someone's own index.html");
        fs::write(dir.join(MARKER), MARKER_TEXT).unwrap();
        assert!(check(&dir, None).is_ok(), "marked by a build");
    }

    #[test]
    fn a_site_from_before_the_marker_is_known_by_its_files() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        site(&dir);
        fs::create_dir_all(dir.join(".well-known")).unwrap();
        let mut output = Output::new();
        for f in EVERY_SITE_HAS {
            output.insert(f.to_string(), OutputFile::Bytes(Vec::new()));
        }
        assert!(check(&dir, None).is_ok());
        assert!(check(&dir, Some(&TopLevel::of(output.keys().map(String::as_str)))).is_ok());
        fs::write(dir.join("thesis.docx"), "mine").unwrap();
        assert!(check(&dir, Some(&TopLevel::of(output.keys().map(String::as_str)))).is_err());
    }
}
