//! Any Markdown, with its `@` references, as the body of a case in a small valid site: the
//! whole build runs (load, resolve, lint, render), and no script reaches the case's page.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ipreport::pipeline::{CompileOptions, compile};
use libfuzzer_sys::fuzz_target;

const CASE: &str = "content/years/2024/cases/patent-mediation.zh.md";
const FRONT_MATTER: &str = "---\ntitle: 某电器公司专利侵权纠纷调解案\nip_type: patent\nprocedure: mediation\nauthority: amr\ndecided: 2024-09-15\nmeasures: [plan-2024-2026/2]\ndepartments: [amr]\n---\n";

/// A copy of the test fixture site, in memory-backed storage where there is one.
fn site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let base = Path::new("/dev/shm");
        let dir = if base.is_dir() {
            tempfile::tempdir_in(base)
        } else {
            tempfile::tempdir()
        }
        .expect("a temporary folder")
        .keep();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/site");
        copy_dir(&fixture, &dir);
        dir
    })
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

fuzz_target!(|body: &str| {
    let root = site();
    std::fs::write(root.join(CASE), format!("{FRONT_MATTER}{body}")).expect("write the case");
    let compiled = compile(root, CompileOptions::default());
    let Some(output) = compiled.output else {
        // A body can only fail through diagnostics about itself.
        assert!(
            compiled.diagnostics.iter().any(|d| d.is_error()),
            "no output and no error"
        );
        return;
    };
    for page in ["2024/cases/patent-mediation/index.html", "en/2024/cases/patent-mediation/index.html"] {
        let Some(ipreport::render::OutputFile::Bytes(bytes)) = output.get(page) else {
            panic!("{page} is missing");
        };
        let html = String::from_utf8_lossy(bytes).to_ascii_lowercase();
        assert!(!html.contains("<script"), "script tag in {page}");
        for href in html.split("href=\"").skip(1) {
            let url = href.trim_start();
            assert!(
                !url.starts_with("javascript:") && !url.starts_with("vbscript:") && !url.starts_with("data:"),
                "script URL in {page}: {}",
                &url[..url.len().min(40)]
            );
        }
    }
});
