//! Shared helpers for the integration tests: build a site from the good fixture plus a "bad"
//! overlay in a temporary folder, compile it in memory and look at the diagnostics.
//!
//! Layout of the fixtures:
//!
//! - `tests/fixtures/site/` is a complete, valid bilingual site (zero diagnostics);
//! - `tests/fixtures/bad/<name>/` mirrors the site root: its files replace or add to the good
//!   site's, and its optional `.delete` file lists paths (relative to the site root, one a
//!   line, `#` comments allowed) to delete after the overlay.

pub mod process;

use std::fs;
use std::path::{Path, PathBuf};

use ipreport::diagnostics::{Code, Diagnostic, Severity, render_human, render_json};
use ipreport::session::{self, CompileOptions, Compiled};
use tempfile::TempDir;

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn good_site() -> PathBuf {
    fixtures().join("site")
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == ".delete" {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file of the site under `dir`, by `/`-separated path relative to it (the marker that
/// says a build wrote the folder is not part of the site).
pub fn files_on_disk(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| e.path() != dir.join(ipreport::output::MARKER))
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

/// A copy of the good site in a temporary folder.
pub fn good_copy() -> TempDir {
    let dir = TempDir::new().unwrap();
    copy_dir(&good_site(), dir.path());
    dir
}

/// The good site with the overlay `tests/fixtures/bad/<name>/` applied.
pub fn site_with(name: &str) -> TempDir {
    overlaid(&fixtures().join("bad").join(name))
}

/// The good site with the files of `overlay` (a folder that mirrors a site root) put over
/// it, and the paths its `.delete` file lists deleted.
pub fn overlaid(overlay: &Path) -> TempDir {
    let name = overlay.display();
    assert!(overlay.is_dir(), "no fixture {name}");
    let dir = good_copy();
    copy_dir(overlay, dir.path());
    if let Ok(list) = fs::read_to_string(overlay.join(".delete")) {
        for line in list.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let path = dir.path().join(line);
            if path.is_dir() {
                fs::remove_dir_all(&path).unwrap();
            } else {
                fs::remove_file(&path)
                    .unwrap_or_else(|e| panic!("cannot delete {line} ({name}/.delete): {e}"));
            }
        }
    }
    dir
}

/// One diagnostic with its place resolved, for readable assertions.
#[derive(Clone, Debug)]
pub struct Found {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Relative to the site root; for diagnostics without a span, their `path`.
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The source text under the caret.
    pub snippet: String,
    pub help: String,
    pub related: Vec<(String, usize, String)>,
}

impl Found {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`.
    pub fn at(&self) -> String {
        format!("{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A compiled site with its diagnostics rendered both ways.
pub struct Run {
    /// Keeps the temporary site alive as long as the run is looked at.
    pub dir: Option<TempDir>,
    pub compiled: Compiled,
    pub human: String,
    pub json: String,
    pub found: Vec<Found>,
}

fn describe(d: &Diagnostic, c: &Compiled) -> Found {
    let (file, line, column, snippet) = match d.span {
        Some(span) => {
            let f = c.sources.get(span.file);
            let (line, column) = f.line_col(span.start);
            (
                f.display_path.clone(),
                line,
                column,
                c.sources.slice(span).to_string(),
            )
        }
        None => (
            d.path.as_deref().unwrap_or_default().to_string(),
            0,
            0,
            String::new(),
        ),
    };
    Found {
        code: d.code.as_str(),
        severity: d.severity,
        message: d.message.to_string(),
        file,
        line,
        column,
        snippet,
        help: d.help.as_deref().unwrap_or_default().to_string(),
        related: d
            .related
            .iter()
            .map(|(s, note)| {
                let f = c.sources.get(s.file);
                (
                    f.display_path.clone(),
                    f.line_col(s.start).0,
                    note.to_string(),
                )
            })
            .collect(),
    }
}

/// Compiles the site under `root` as `check` does (drafts included).
pub fn compile_with(root: &Path, strict: bool) -> Run {
    let compiled = session::compile(
        root,
        CompileOptions {
            drafts: true,
            strict,
        },
    );
    let human = render_human(&compiled.diagnostics, &compiled.sources, false);
    let json = render_json(&compiled.diagnostics, &compiled.sources);
    let found = compiled
        .diagnostics
        .iter()
        .map(|d| describe(d, &compiled))
        .collect();
    Run {
        dir: None,
        compiled,
        human,
        json,
        found,
    }
}

pub fn compile(root: &Path) -> Run {
    compile_with(root, false)
}

/// The good site with one bad overlay, compiled.
pub fn check_bad(name: &str) -> Run {
    let dir = site_with(name);
    let mut run = compile(dir.path());
    run.dir = Some(dir);
    run
}

/// A site prepared by hand (for cases a fixture folder cannot hold), compiled.
pub fn check_dir(dir: TempDir) -> Run {
    let mut run = compile(dir.path());
    run.dir = Some(dir);
    run
}

impl Run {
    pub fn errors(&self) -> Vec<&Found> {
        self.found.iter().filter(|f| f.is_error()).collect()
    }

    pub fn warnings(&self) -> Vec<&Found> {
        self.found.iter().filter(|f| !f.is_error()).collect()
    }

    /// Every diagnostic with this code.
    pub fn with_code(&self, code: Code) -> Vec<&Found> {
        self.found
            .iter()
            .filter(|f| f.code == code.as_str())
            .collect()
    }

    /// The one diagnostic with this code; fails showing the whole report otherwise.
    pub fn one(&self, code: Code) -> &Found {
        let all = self.with_code(code);
        assert_eq!(
            all.len(),
            1,
            "expected exactly one {code}, got {}:\n{}",
            all.len(),
            self.human
        );
        all[0]
    }

    /// The errors are exactly these codes (in sorted order, with repetition) and there is no
    /// warning: each bad fixture introduces exactly one mistake.
    pub fn assert_only_errors(&self, codes: &[Code]) {
        let mut got: Vec<&str> = self.errors().iter().map(|f| f.code).collect();
        let mut want: Vec<&str> = codes.iter().map(|c| c.as_str()).collect();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want, "unexpected errors:\n{}", self.human);
        assert!(
            self.warnings().is_empty(),
            "unexpected warnings:\n{}",
            self.human
        );
    }

    /// No error at all and exactly these warnings.
    pub fn assert_only_warnings(&self, codes: &[Code]) {
        assert!(
            self.errors().is_empty(),
            "unexpected errors:\n{}",
            self.human
        );
        let mut got: Vec<&str> = self.warnings().iter().map(|f| f.code).collect();
        let mut want: Vec<&str> = codes.iter().map(|c| c.as_str()).collect();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want, "unexpected warnings:\n{}", self.human);
    }
}

/// Writes `text` to `root/rel`, creating folders.
pub fn write(root: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// An import of values, with its diagnostics rendered as an editor sees them.
pub struct Import {
    pub result: ipreport::import::values::ValuesImport,
    pub human: String,
}

impl Import {
    /// The one diagnostic with this code; fails showing every diagnostic otherwise.
    pub fn one(&self, code: Code) -> &Diagnostic {
        let all: Vec<&Diagnostic> = self
            .result
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .collect();
        assert_eq!(all.len(), 1, "expected exactly one {code}:\n{}", self.human);
        all[0]
    }

    /// The codes of every diagnostic, in order.
    pub fn codes(&self) -> Vec<&'static str> {
        self.result
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect()
    }

    pub fn outcome(&self) -> &ipreport::import::values::Outcome {
        self.result
            .outcome
            .as_ref()
            .unwrap_or_else(|| panic!("the import failed:\n{}", self.human))
    }
}

/// `ipreport import values <file> --year <year> --root <root> [--sheet] [--dry-run]`, in
/// memory.
pub fn import_values(
    root: &Path,
    file: &Path,
    year: i32,
    sheet: Option<&str>,
    dry_run: bool,
) -> Import {
    let result =
        ipreport::import::values::import_values(&ipreport::import::values::ValuesRequest {
            root: root.to_path_buf(),
            file: file.to_path_buf(),
            year,
            sheet: sheet.map(str::to_string),
            dry_run,
        });
    let human = render_human(&result.diagnostics, &result.sources, false);
    Import { result, human }
}

/// An import of a document, with its diagnostics rendered as an editor sees them.
pub struct DocumentImport {
    pub result: ipreport::import::document::DocumentImport,
    pub human: String,
}

impl DocumentImport {
    /// The one diagnostic with this code; fails showing every diagnostic otherwise.
    pub fn one(&self, code: Code) -> &Diagnostic {
        let all: Vec<&Diagnostic> = self
            .result
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .collect();
        assert_eq!(all.len(), 1, "expected exactly one {code}:\n{}", self.human);
        all[0]
    }

    pub fn outcome(&self) -> &ipreport::import::document::DocumentOutcome {
        self.result
            .outcome
            .as_ref()
            .unwrap_or_else(|| panic!("the import failed:\n{}", self.human))
    }
}

/// `ipreport import document <file> --id <id> --root <root> [--force] [--dry-run]`, in
/// memory.
pub fn import_document(
    root: &Path,
    file: &Path,
    id: &str,
    force: bool,
    dry_run: bool,
) -> DocumentImport {
    let result =
        ipreport::import::document::import_document(&ipreport::import::document::DocumentRequest {
            root: root.to_path_buf(),
            file: file.to_path_buf(),
            id: id.to_string(),
            kind: None,
            force,
            dry_run,
        });
    let human = render_human(
        &result.diagnostics,
        &ipreport::source::SourceMap::default(),
        false,
    );
    DocumentImport { result, human }
}
