//! The default theme, embedded in the binary, and a site's overrides.
//!
//! A site's `templates/<name>` replaces the theme file of the same name: `header.html` and
//! `footer.html` are separate so that a report can wear its host department's site chrome.
//! Files that are not `.html` (the stylesheet, the badge image) are assets, copied to
//! `/assets/`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Code, Diagnostic};

/// `(name, content)` of every theme file.
pub const DEFAULT_THEME: &[(&str, &str)] = &[
    ("base.html", include_str!("base.html")),
    ("header.html", include_str!("header.html")),
    ("footer.html", include_str!("footer.html")),
    ("macros.html", include_str!("macros.html")),
    ("home.html", include_str!("home.html")),
    ("year.html", include_str!("year.html")),
    ("case.html", include_str!("case.html")),
    ("events.html", include_str!("events.html")),
    ("issues.html", include_str!("issues.html")),
    ("print.html", include_str!("print.html")),
    ("indicators.html", include_str!("indicators.html")),
    ("indicator.html", include_str!("indicator.html")),
    ("documents.html", include_str!("documents.html")),
    ("document.html", include_str!("document.html")),
    ("departments.html", include_str!("departments.html")),
    ("department.html", include_str!("department.html")),
    ("page.html", include_str!("page.html")),
    ("404.html", include_str!("404.html")),
    ("search.html", include_str!("search.html")),
    ("search.js", include_str!("search.js")),
    ("style.css", include_str!("style.css")),
    ("conac.svg", include_str!("conac.svg")),
    ("favicon.svg", include_str!("favicon.svg")),
];

/// The theme as used by one site: templates and assets by name.
#[derive(Debug, Default)]
pub struct Theme {
    pub templates: BTreeMap<String, String>,
    pub assets: BTreeMap<String, Vec<u8>>,
    /// The site's own templates (name → file), so that errors can point into them.
    pub site_templates: BTreeMap<String, std::path::PathBuf>,
}

/// The default theme with the site's `templates/` folder laid over it.
pub fn load(root: &Path) -> (Theme, Vec<Diagnostic>) {
    let mut theme = Theme::default();
    for (name, content) in DEFAULT_THEME {
        add(&mut theme, name, content.as_bytes().to_vec());
    }
    let mut diagnostics = Vec::new();
    let dir = root.join("templates");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return (theme, diagnostics);
    };
    let mut files: Vec<_> = entries.filter_map(Result::ok).collect();
    files.sort_by_key(|e| e.file_name());
    for entry in files {
        let name = entry.file_name().to_string_lossy().into_owned();
        if crate::source::is_editor_litter(&name) || !entry.path().is_file() {
            continue;
        }
        match std::fs::read(entry.path()) {
            Ok(bytes) => {
                if name.ends_with(".html") {
                    match String::from_utf8(bytes) {
                        Ok(text) => {
                            theme.site_templates.insert(name.clone(), entry.path());
                            theme.templates.insert(name, text);
                        }
                        Err(_) => diagnostics.push(Diagnostic::at_path(
                            Code::ReadFailed,
                            format!("templates/{name}"),
                            format!("templates/{name} is not valid UTF-8"),
                        )),
                    }
                } else {
                    theme.assets.insert(name, bytes);
                }
            }
            Err(err) => diagnostics.push(Diagnostic::at_path(
                Code::ReadFailed,
                format!("templates/{name}"),
                format!("cannot read templates/{name}: {err}"),
            )),
        }
    }
    (theme, diagnostics)
}

fn add(theme: &mut Theme, name: &str, bytes: Vec<u8>) {
    if name.ends_with(".html") {
        theme.templates.insert(
            name.to_string(),
            String::from_utf8_lossy(&bytes).into_owned(),
        );
    } else {
        theme.assets.insert(name.to_string(), bytes);
    }
}
