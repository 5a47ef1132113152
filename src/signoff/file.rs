//! The sign-off page on disk: written through a temporary file in the same folder and renamed
//! over the target, so that a browser open on it or a print queue never reads half a page;
//! and the way from the page's folder to the site's, for the links to the source files.

use std::path::{Component, Path};

/// Writes `bytes` to `path` (whose folder must exist).
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let failed = |e: &dyn std::fmt::Display| {
        format!(
            "cannot write the sign-off report to {}: {e}",
            path.display()
        )
    };
    if path.file_name().is_none() {
        return Err(failed(&"that is a folder, not a file name"));
    }
    crate::atomic::replace(path, bytes).map_err(|e| failed(&e))
}

/// The relative URL from the folder of the page at `page` to the site folder `root`, ending
/// in `/` (`../site/`; empty when they are the same folder); `None` if either cannot be found.
pub fn link_prefix(page: &Path, root: &Path) -> Option<String> {
    let folder = match page.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let from = folder.canonicalize().ok()?;
    let to = root.canonicalize().ok()?;
    Some(relative(&from, &to))
}

fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    let mut url = parts.join("/");
    if !url.is_empty() {
        url.push('/');
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn relative_urls_between_folders() {
        let r = |a: &str, b: &str| relative(Path::new(a), Path::new(b));
        assert_eq!(r("/a/b", "/a/b"), "");
        assert_eq!(r("/a/b", "/a/c/d"), "../c/d/");
        assert_eq!(r("/tmp", "/work/site"), "../work/site/");
        assert_eq!(r("/work/site", "/work/site/out"), "out/");
    }

    #[test]
    fn writing_replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let page = dir.path().join("signoff.html");
        write(&page, b"one").expect("written");
        write(&page, b"two").expect("written again");
        assert_eq!(fs::read(&page).expect("read back"), b"two");
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("listed")
            .map(|e| e.map(|e| e.file_name()))
            .collect::<Result<_, _>>()
            .expect("names");
        assert_eq!(names, vec![std::ffi::OsString::from("signoff.html")]);
        let err = write(&dir.path().join("no/such/folder.html"), b"x").expect_err("no folder");
        assert!(
            err.starts_with("cannot write the sign-off report to "),
            "{err}"
        );
    }
}
