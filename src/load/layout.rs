//! Which file under `content/` is what (SPEC §1), decided from its path alone.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::fields::{invalid_id_help, is_valid_id};
use crate::diagnostics::{Code, Diagnostic};
use crate::entity::EntityKey;

/// What a content file is: the entity it defines, and for a Markdown file (`<id>.<lang>.md`)
/// its language code, which is checked against `site.yaml` later.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    pub entity: EntityKey,
    pub lang: Option<String>,
}

impl Role {
    fn yaml(entity: EntityKey) -> Role {
        Role { entity, lang: None }
    }

    fn markdown(entity: EntityKey, lang: &str) -> Role {
        Role {
            entity,
            lang: Some(lang.to_string()),
        }
    }

    /// `site.yaml`, which is read before every other file.
    pub fn is_site_config(&self) -> bool {
        self.entity == EntityKey::Site && self.lang.is_none()
    }
}

#[derive(Clone, Debug)]
pub struct ContentFile {
    pub path: PathBuf,
    /// Size and modification time, from the directory walk.
    pub stamp: Option<super::cache::Stamp>,
    /// Relative to the site root, `/`-separated (`content/years/2023/report.yaml`).
    pub display: String,
    pub role: Role,
}

/// A file under `content/static/`, published as it is.
#[derive(Clone, Debug)]
pub struct StaticEntry {
    /// Path relative to `static/`, `/`-separated.
    pub relative: String,
    pub path: PathBuf,
    /// Size and modification time (watch mode only).
    pub stamp: Option<super::cache::Stamp>,
}

#[derive(Clone, Debug, Default)]
pub struct Layout {
    pub files: Vec<ContentFile>,
    /// Files under `content/static/`.
    pub static_files: Vec<StaticEntry>,
    /// Years that have an `achievements/` folder (an empty one is an error).
    pub achievement_dirs: Vec<i32>,
    /// Year folders found (each needs a `report.yaml`).
    pub year_dirs: Vec<i32>,
    /// Years whose folder is misnamed (`2023 `, `２０２３`, `2023年`): reported once, and then
    /// references to the year are not reported again.
    pub broken_years: Vec<i32>,
    pub diagnostics: Vec<Diagnostic>,
}

fn display_of(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Splits `<id>.<lang>.md` into id and language code.
fn split_markdown_name(name: &str) -> Option<(&str, &str)> {
    let stem = name.strip_suffix(".md")?;
    let (id, lang) = stem.rsplit_once('.')?;
    Some((id, lang))
}

const LAYOUT_HELP: &str = "content/ holds site.yaml, indicators.yaml, departments.yaml, \
     documents/<id>.yaml, years/<YYYY>/…, pages/<id>.<lang>.md and static/";

/// Walks `content/` in sorted order and classifies every file; with `stamps`, records each
/// file's size and modification time (watch mode compares them; a single build need not ask).
pub fn scan(root: &Path, stamps: bool) -> Layout {
    let content = root.join("content");
    let mut layout = Layout::default();
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut walker = WalkDir::new(&content)
        .sort_by_file_name()
        .follow_links(false)
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err.path().map(|p| display_of(root, p)).unwrap_or_default();
                layout.diagnostics.push(Diagnostic::at_path(
                    Code::ReadFailed,
                    path,
                    format!("cannot read: {err}"),
                ));
                continue;
            }
        };
        let walk = Entry {
            root,
            content: &content,
            canonical_root: &canonical_root,
            stamps,
        };
        if walk.add(&entry, &mut layout) == Next::SkipFolder {
            walker.skip_current_dir();
        }
    }
    layout
}

/// Whether the walk goes into a folder.
#[derive(PartialEq, Eq)]
enum Next {
    Go,
    SkipFolder,
}

/// What classifying one entry of the walk needs.
struct Entry<'a> {
    root: &'a Path,
    content: &'a Path,
    canonical_root: &'a Path,
    stamps: bool,
}

impl Entry<'_> {
    /// Classifies one file or folder into `layout` (or reports it).
    fn add(&self, entry: &walkdir::DirEntry, layout: &mut Layout) -> Next {
        let path = entry.path();
        let rel = path.strip_prefix(self.content).unwrap_or(path);
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let display = display_of(self.root, path);
        let name = parts.last().cloned().unwrap_or_default();
        if parts.is_empty() {
            return Next::Go;
        }
        if crate::source::is_editor_litter(&name) {
            return if entry.file_type().is_dir() {
                Next::SkipFolder
            } else {
                Next::Go
            };
        }
        // A link may point anywhere; only follow it if it stays inside the site.
        let mut is_dir = entry.file_type().is_dir();
        if entry.path_is_symlink() {
            match std::fs::canonicalize(path) {
                Ok(target) if target.starts_with(self.canonical_root) => {
                    is_dir = target.is_dir();
                }
                _ => {
                    layout.diagnostics.push(
                        Diagnostic::at_path(
                            Code::ReadFailed,
                            display,
                            "symbolic link points outside the site folder",
                        )
                        .with_help("copy the file into the site instead of linking to it"),
                    );
                    return Next::Go;
                }
            }
        }
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        let stamp = || {
            self.stamps
                .then(|| std::fs::metadata(path).ok())
                .flatten()
                .map(|m| super::cache::Stamp::from_metadata(&m))
        };
        if parts[0] == "static" {
            if !is_dir && parts.len() > 1 {
                layout.static_files.push(StaticEntry {
                    relative: parts[1..].join("/"),
                    path: path.to_path_buf(),
                    stamp: stamp(),
                });
            }
            return Next::Go;
        }
        if is_dir {
            return folder(&parts, display, layout);
        }
        match classify_file(&parts) {
            Ok(role) => layout.files.push(ContentFile {
                stamp: stamp(),
                path: path.to_path_buf(),
                display,
                role,
            }),
            Err(help) => layout.diagnostics.push(
                Diagnostic::at_path(
                    Code::BadFileName,
                    display,
                    format!("unexpected file `{}`", parts.join("/")),
                )
                .with_help(help),
            ),
        }
        Next::Go
    }
}

/// A folder of the layout, or E0005 for one that is not (and its contents are not read).
fn folder(parts: &[&str], display: String, layout: &mut Layout) -> Next {
    if let ["years", name] = parts
        && parse_year(name).is_none()
        && let Some(year) = meant_year(name)
    {
        layout.broken_years.push(year);
    }
    if classify_dir(parts, layout) {
        return Next::Go;
    }
    layout.diagnostics.push(
        Diagnostic::at_path(
            Code::BadFileName,
            display,
            format!("unexpected folder `{}`", parts.join("/")),
        )
        .with_help(dir_help(parts)),
    );
    Next::SkipFolder
}

/// The year a misnamed year folder was meant to be: its digits, full-width ones too, when
/// there are exactly four (`2023 `, `２０２３`, `2023年`).
fn meant_year(name: &str) -> Option<i32> {
    let digits: String = name
        .chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            _ => None,
        })
        .collect();
    parse_year(&digits)
}

fn parse_year(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// Whether a folder belongs to the layout; records year folders.
fn classify_dir(parts: &[&str], layout: &mut Layout) -> bool {
    match parts {
        ["documents"] | ["years"] | ["pages"] => true,
        ["years", y] => match parse_year(y) {
            Some(year) => {
                layout.year_dirs.push(year);
                true
            }
            None => false,
        },
        ["years", y, "achievements"] => {
            if let Some(year) = parse_year(y) {
                layout.achievement_dirs.push(year);
            }
            true
        }
        ["years", _, "cases"] => true,
        _ => false,
    }
}

fn dir_help(parts: &[&str]) -> String {
    match parts {
        ["years", y] => match meant_year(y) {
            Some(year) => format!(
                "rename the folder to `{year}`: year folders are named by four digits and \
                 nothing else (this one is `{}`); until then nothing in it is read",
                y.escape_debug()
            ),
            None => {
                format!("year folders are named by four digits, e.g. years/2023 (not `{y}`)")
            }
        },
        ["years", _, other] => {
            let suggestion =
                crate::diagnostics::suggest::did_you_mean(other, ["achievements", "cases"]);
            suggestion.unwrap_or_else(|| {
                "a year folder holds report.yaml, report.<lang>.md, events.yaml, issues.yaml, \
                 achievements/ and cases/"
                    .to_string()
            })
        }
        [other] => {
            let close = ["documents", "years", "pages", "static"]
                .into_iter()
                .find(|k| crate::diagnostics::suggest::edit_distance(other, k) <= 1);
            match close {
                Some(k) => format!("did you mean `{k}`?"),
                None => format!(
                    "{LAYOUT_HELP}; files published as they are (images, PDFs) go in static/"
                ),
            }
        }
        _ => LAYOUT_HELP.to_string(),
    }
}

fn markdown_role(entity: impl FnOnce(String) -> EntityKey, name: &str) -> Result<Role, String> {
    let Some((id, lang)) = split_markdown_name(name) else {
        return Err(if let Some(stem) = name.strip_suffix(".md") {
            format!("name Markdown files <id>.<lang>.md, e.g. `{stem}.zh.md` and `{stem}.en.md`")
        } else {
            "this folder holds Markdown files named <id>.<lang>.md".to_string()
        });
    };
    if !is_valid_id(id) {
        return Err(invalid_id_help(id));
    }
    Ok(Role::markdown(entity(id.to_string()), lang))
}

pub fn classify_file(parts: &[&str]) -> Result<Role, String> {
    let yml = |name: &str| -> Option<String> {
        name.strip_suffix(".yml")
            .map(|stem| format!("use the extension .yaml: `{stem}.yaml`"))
    };
    match parts {
        ["site.yaml"] => Ok(Role::yaml(EntityKey::Site)),
        ["indicators.yaml"] => Ok(Role::yaml(EntityKey::Indicators)),
        ["departments.yaml"] => Ok(Role::yaml(EntityKey::Departments)),
        ["documents", name] => match name.strip_suffix(".yaml") {
            Some(id) if is_valid_id(id) => Ok(Role::yaml(EntityKey::Document(id.to_string()))),
            Some(id) => Err(invalid_id_help(id)),
            None => Err(yml(name)
                .unwrap_or_else(|| "documents/ holds one <doc-id>.yaml per document".to_string())),
        },
        ["years", y, name] => {
            let year = parse_year(y).ok_or("year folders are named by four digits")?;
            match *name {
                "report.yaml" => Ok(Role::yaml(EntityKey::Report(year))),
                "events.yaml" => Ok(Role::yaml(EntityKey::Events(year))),
                "issues.yaml" => Ok(Role::yaml(EntityKey::Issues(year))),
                _ => match split_markdown_name(name) {
                    Some(("report", lang)) => Ok(Role::markdown(EntityKey::Report(year), lang)),
                    _ if name.ends_with(".md") && name.matches('.').count() == 1 => {
                        let stem = name.trim_end_matches(".md");
                        Err(format!(
                            "name Markdown files <name>.<lang>.md, e.g. `{stem}.zh.md` and `{stem}.en.md`"
                        ))
                    }
                    _ => Err(yml(name).unwrap_or_else(|| {
                        let known = ["report.yaml", "events.yaml", "issues.yaml"];
                        crate::diagnostics::suggest::did_you_mean(name, known).unwrap_or_else(
                            || {
                                "a year folder holds report.yaml, report.<lang>.md, events.yaml, \
                                 issues.yaml, achievements/ and cases/"
                                    .to_string()
                            },
                        )
                    })),
                },
            }
        }
        ["years", y, "achievements", name] => {
            let year = parse_year(y).unwrap_or(0);
            markdown_role(|id| EntityKey::Achievement(year, id), name)
        }
        ["years", y, "cases", name] => {
            let year = parse_year(y).unwrap_or(0);
            markdown_role(|id| EntityKey::Case(year, id), name)
        }
        ["pages", name] => markdown_role(EntityKey::Page, name),
        [name] => Err(yml(name).unwrap_or_else(|| {
            crate::diagnostics::suggest::did_you_mean(
                name,
                ["site.yaml", "indicators.yaml", "departments.yaml"],
            )
            .unwrap_or_else(|| LAYOUT_HELP.to_string())
        })),
        _ => Err(LAYOUT_HELP.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_from_paths() {
        assert_eq!(
            classify_file(&["site.yaml"]),
            Ok(Role::yaml(EntityKey::Site))
        );
        assert_eq!(
            classify_file(&["years", "2023", "cases", "01-x.en.md"]),
            Ok(Role::markdown(EntityKey::Case(2023, "01-x".into()), "en"))
        );
        assert_eq!(
            classify_file(&["years", "2023", "report.zh.md"]),
            Ok(Role::markdown(EntityKey::Report(2023), "zh"))
        );
        assert!(
            classify_file(&["site.yml"])
                .unwrap_err()
                .contains("site.yaml")
        );
        assert!(
            classify_file(&["pages", "about.md"])
                .unwrap_err()
                .contains("about.zh.md")
        );
        assert!(
            classify_file(&["years", "2023", "event.yaml"])
                .unwrap_err()
                .contains("events.yaml")
        );
    }
}
