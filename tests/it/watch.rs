//! `ipreport build --watch` as an editor meets it: a running process on a copy of the fixture
//! site, edited the way editors save files, with the output checked on disk.

use crate::common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::process::{Running, eventually};

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_default()
}

/// Every search file of a language, concatenated.
fn search_index(public: &Path, prefix: &str) -> String {
    let dir = public.join(prefix).join("search/data");
    let mut names: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    names.sort();
    names.iter().map(|p| read(p)).collect()
}

const CASE: &str = "content/years/2024/cases/patent-mediation.zh.md";
const CASE_PAGE: &str = "2024/cases/patent-mediation/index.html";

#[test]
fn edits_deletions_errors_and_atomic_saves_reach_the_output() {
    let dir = common::good_copy();
    let root = dir.path();
    let public = root.join("public");
    let mut watcher = Running::start(&["build", "--watch"], root);
    let page = public.join(CASE_PAGE);
    assert!(read(&page).contains("行政调解快速化解纠纷"));

    // A plain edit (a sentence appended in one write): the page (and the year's print page,
    // which holds the case too) shows it at once, from the preview, the rebuild finds it
    // written, and then the search index finds it.
    let case = root.join(CASE);
    let original = read(&case);
    fs::OpenOptions::new()
        .append(true)
        .open(&case)
        .and_then(|mut f| f.write_all("\n补充说明：纠纷当日化解。\n".as_bytes()))
        .unwrap();
    let line = watcher.wait_for_line("previewed content/years/2024/cases/patent-mediation.zh.md");
    assert!(
        line.ends_with(": 2 pages written, rebuilding the rest"),
        "{line}"
    );
    let line = watcher.wait_for_line("rebuilt in");
    assert!(line.contains("pages rendered, 0 files changed"), "{line}");
    assert!(read(&page).contains("纠纷当日化解"));
    assert!(read(&public.join("2024/print/index.html")).contains("纠纷当日化解"));
    eventually("the search index has the new text", || {
        search_index(&public, "").contains("纠纷当日化解")
    });

    // An atomic save, as many editors do it: write a temporary file, then rename it over
    // the original; vim's backup file and a JetBrains temporary file appear on the way.
    fs::write(root.join(format!("{CASE}~")), &original).unwrap();
    let jb = root.join("content/years/2024/cases/patent-mediation.zh.md___jb_tmp___");
    fs::write(&jb, format!("{original}\n原子保存的内容。\n")).unwrap();
    fs::rename(&jb, &case).unwrap();
    watcher.wait_for_line("rebuilt in");
    eventually("the atomically saved text", || {
        read(&page).contains("原子保存的内容")
    });
    assert!(!read(&page).contains("纠纷当日化解"));

    // An error keeps the last good output and says where the error is; fixing it rebuilds.
    let report = root.join("content/years/2024/report.yaml");
    let good_report = read(&report);
    fs::write(&report, format!("{good_report}\nnonsense_key: 1\n")).unwrap();
    watcher.wait_for_line("build failed");
    assert!(
        watcher
            .seen
            .iter()
            .any(|l| l.contains("--> content/years/2024/report.yaml:")),
        "{}",
        watcher.seen.join("\n")
    );
    assert!(read(&page).contains("原子保存的内容"));
    fs::write(&report, &good_report).unwrap();
    watcher.wait_for_line("rebuilt in");

    // A new case appears with its pages; deleting it (both languages) removes its pages and
    // its place in the index.
    let new_case = "content/years/2024/cases/border-seizure";
    let new_page = public.join("2024/cases/border-seizure/index.html");
    let new_en = public.join("en/2024/cases/border-seizure/index.html");
    fs::write(
        root.join(format!("{new_case}.zh.md")),
        original.replace("某电器公司专利侵权纠纷调解案", "口岸扣留侵权货物案"),
    )
    .unwrap();
    fs::write(
        root.join(format!("{new_case}.en.md")),
        "---\ntitle: Infringing goods held at the border\n---\nThe goods were held.\n",
    )
    .unwrap();
    eventually("the new case's pages exist", || {
        new_page.exists() && new_en.exists()
    });
    eventually("the year page lists it", || {
        read(&public.join("2024/index.html")).contains("口岸扣留侵权货物案")
    });
    eventually("the search index finds it", || {
        search_index(&public, "en/").contains("Infringing goods held at the border")
    });
    fs::remove_file(root.join(format!("{new_case}.zh.md"))).unwrap();
    fs::remove_file(root.join(format!("{new_case}.en.md"))).unwrap();
    eventually("the deleted case's pages are gone", || {
        !new_page.exists() && !new_en.exists()
    });
    eventually("the year page no longer lists it", || {
        !read(&public.join("2024/index.html")).contains("口岸扣留侵权货物案")
    });
    eventually("the search index forgot it", || {
        !search_index(&public, "en/").contains("Infringing goods held at the border")
    });

    // Nothing of the editors' litter was read or published.
    assert!(
        !watcher
            .seen
            .iter()
            .any(|l| l.contains("___jb_tmp___") || l.contains(".zh.md~")),
        "{}",
        watcher.seen.join("\n")
    );
}

/// Words the edit of [`edit_case`] puts into the case.
const EDITED: &str = "双方当日达成许可协议";

/// Saves the case with a word added to a sentence of its body.
fn edit_case(root: &Path) {
    let case = root.join(CASE);
    let text = read(&case);
    fs::write(&case, text.replace("双方达成许可协议", EDITED)).unwrap();
}

#[test]
fn the_watched_output_equals_a_clean_build() {
    let dir = common::good_copy();
    let root = dir.path();
    let public = root.join("public");
    let mut watcher = Running::start(&["build", "--watch"], root);
    edit_case(root);
    watcher.wait_for_line("rebuilt in");

    let clean = tempfile::TempDir::new().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_ipreport"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(clean.path())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    // Files being replaced while the watcher writes may vanish between listing and reading.
    let files = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        let mut all: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                let name = e
                    .path()
                    .strip_prefix(dir)
                    .ok()?
                    .to_string_lossy()
                    .into_owned();
                Some((name, fs::read(e.path()).ok()?))
            })
            .collect();
        all.sort();
        all
    };
    let built = files(clean.path());
    // The search index follows the pages a moment later and is written file by file: wait
    // until watch mode has written all of it, then stop the watcher and compare.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let mut watched = files(&public);
    while watched != built && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
        watched = files(&public);
    }
    let output = watcher.output();
    drop(watcher);
    assert!(
        search_index(&public, "").contains(EDITED),
        "the search index lacks the edit; watch mode printed:\n{output}"
    );
    let names = |f: &[(String, Vec<u8>)]| f.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&watched), names(&built));
    for ((name, a), (_, b)) in watched.iter().zip(&built) {
        assert!(
            a == b,
            "{name} differs between watch mode and a clean build"
        );
    }
}

#[test]
fn events_that_change_nothing_do_not_hold_back_the_search_index() {
    let dir = common::good_copy();
    let root = dir.path().to_path_buf();
    let public = root.join("public");
    let mut watcher = Running::start(&["build", "--watch"], &root);
    // An editor keeps saving its swap file beside the case, and something keeps reading the
    // sources and listing the site folder: a steady trickle of events, none of them a change
    // to the site.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (stop, root) = (stop.clone(), root.clone());
        std::thread::spawn(move || {
            let swap = root.join("content/years/2024/cases/.patent-mediation.zh.md.swp");
            let mut n = 0u64;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                n += 1;
                let _ = fs::write(&swap, n.to_le_bytes());
                let _ = fs::read(root.join(CASE));
                let _ = fs::read_dir(&root).map(|d| d.count());
                let _ = fs::read_dir(root.join("public")).map(|d| d.count());
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
        })
    };
    edit_case(&root);
    watcher.wait_for_line("rebuilt in");
    let indexed = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !search_index(&public, "").contains(EDITED) && std::time::Instant::now() < indexed {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    reader.join().unwrap();
    assert!(
        search_index(&public, "").contains(EDITED),
        "the search index lacks the edit after 10 s; watch mode printed:\n{}",
        watcher.output()
    );
}
