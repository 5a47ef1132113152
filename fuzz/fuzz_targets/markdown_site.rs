//! Any Markdown, with its `@` references, as the body of a case in a small valid site: the
//! build runs as in watch mode (load, resolve, lint, render the case's pages), and no script
//! reaches the case's pages.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use ipreport::session::{CompileOptions, Session};
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

/// A watch-mode session, which keeps parsed files and compiled templates between builds, so
/// that an input costs what an editor's save costs, not a cold build.
fn session() -> &'static Mutex<Session> {
    static SESSION: OnceLock<Mutex<Session>> = OnceLock::new();
    SESSION.get_or_init(|| Mutex::new(Session::watching(site(), CompileOptions::default())))
}

const PAGES: [&str; 2] = [
    "2024/cases/patent-mediation/index.html",
    "en/2024/cases/patent-mediation/index.html",
];

fuzz_target!(|body: &str| {
    let root = site();
    let case = root.join(CASE);
    std::fs::write(&case, format!("{FRONT_MATTER}{body}")).expect("write the case");
    let Ok(mut session) = session().lock() else {
        return;
    };
    session.edited([case.as_path()]);
    let prepared = session.prepare();
    let Some(renderer) = prepared.renderer() else {
        // A body can only fail through diagnostics about itself.
        assert!(prepared.diagnostics.has_errors(), "no renderer and no error");
        return;
    };
    let jobs: Vec<_> = renderer
        .jobs()
        .iter()
        .filter(|j| PAGES.contains(&j.path.as_str()))
        .cloned()
        .collect();
    assert_eq!(jobs.len(), 2, "both case pages exist");
    let Ok(pages) = renderer.render(&jobs) else {
        panic!("the case pages do not render");
    };
    for page in pages {
        let html = String::from_utf8_lossy(&page.bytes).to_ascii_lowercase();
        assert!(!html.contains("<script"), "script tag in {}", page.path);
        for href in html.split("href=\"").skip(1) {
            let url = href.trim_start();
            assert!(
                !url.starts_with("javascript:")
                    && !url.starts_with("vbscript:")
                    && !url.starts_with("data:"),
                "script URL in {}: {}",
                page.path,
                &url[..url.len().min(40)]
            );
        }
    }
});
