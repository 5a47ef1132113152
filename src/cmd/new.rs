//! `ipreport new DIR`: a small bilingual starter site that builds as it is.

use std::fs;
use std::path::Path;

macro_rules! starter {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("starter/", $path)))),*]
    };
}

/// `(path under content/, text)` of every starter file.
const STARTER: &[(&str, &str)] = starter!(
    "site.yaml",
    "indicators.yaml",
    "departments.yaml",
    "documents/plan-2025-2027.yaml",
    "years/2025/report.yaml",
    "years/2025/report.zh.md",
    "years/2025/report.en.md",
    "years/2025/achievements/01-protection.zh.md",
    "years/2025/achievements/01-protection.en.md",
    "years/2025/cases/patent-mediation.zh.md",
    "years/2025/cases/patent-mediation.en.md",
    "years/2025/issues.yaml",
    "pages/about.zh.md",
    "pages/about.en.md",
);

/// A table of the starter site's indicators for its year as a statistics bureau sends one
/// (a title row, a blank row, then `序号 | 指标名称 | 单位 | 2025年`), written next to the site
/// as `values.xlsx` for `ipreport import values` to be tried on. It is made by the ignored
/// test `import::regenerate_starter_values_xlsx` (`cargo test --test it -- --ignored
/// regenerate_starter_values_xlsx`); run it again after changing the starter's indicators.
pub const STARTER_VALUES: &[u8] = include_bytes!("starter/values.xlsx");

/// The name of the sample table in a new site's folder.
pub const STARTER_VALUES_NAME: &str = "values.xlsx";

/// Writes the starter site into `dir`, which must not exist or be empty.
pub fn create(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        let empty = fs::read_dir(dir)
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .next()
            .is_none();
        if !empty {
            return Err(format!(
                "{} already exists and is not empty; choose a new folder",
                dir.display()
            ));
        }
    }
    for (path, text) in STARTER {
        let target = dir.join("content").join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        fs::write(&target, text).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    }
    fs::write(dir.join(".gitignore"), "/public\n/.public.ipreport-lock\n")
        .map_err(|e| format!("cannot write .gitignore: {e}"))?;
    fs::write(dir.join(STARTER_VALUES_NAME), STARTER_VALUES)
        .map_err(|e| format!("cannot write {STARTER_VALUES_NAME}: {e}"))?;
    Ok(())
}

pub fn run(dir: &Path) -> i32 {
    match create(dir) {
        Ok(()) => {
            eprintln!(
                "created a starter site in {0}\n  build it:   ipreport build --root {0}\n  check it:   ipreport check --root {0}\n  import the sample table of figures:\n              ipreport import values {1} --year 2025 --root {0}",
                dir.display(),
                dir.join(STARTER_VALUES_NAME).display()
            );
            0
        }
        Err(message) => {
            eprintln!("error: {message}");
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::placeholders::{PLACEHOLDERS, is_reserved_example_host};

    /// The list of placeholders cannot drift from the starter: each occurs in it.
    #[test]
    fn every_placeholder_occurs_in_the_starter() {
        for p in PLACEHOLDERS {
            assert!(
                STARTER.iter().any(|(_, text)| text.contains(p.text)),
                "`{}` is listed as a placeholder but the starter does not write it",
                p.text
            );
        }
    }

    /// … and the starter has no placeholder the list misses: every word of its invented
    /// place (示例, Example) is inside a listed placeholder, and its only URL is an example
    /// host, which W0112 reports.
    #[test]
    fn the_starter_has_no_other_placeholder() {
        for (path, text) in STARTER {
            let mut rest = text.to_string();
            for p in PLACEHOLDERS {
                rest = rest.replace(p.text, "");
            }
            for word in ["示例", "Example", "0000-"] {
                assert!(
                    !rest.contains(word),
                    "{path}: `{word}` outside a placeholder"
                );
            }
            for (at, _) in rest.match_indices("https://") {
                let host: String = rest[at + 8..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-')
                    .collect();
                assert!(is_reserved_example_host(&host), "{path}: {host}");
            }
        }
    }
}
