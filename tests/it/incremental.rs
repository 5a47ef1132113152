//! Incremental rebuilds must give exactly the bytes of a clean full build, whatever was
//! edited: random sequences of edits to a fixture site, checked after every step.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{files_on_disk, good_copy};
use ipreport::render::OutputFile;
use ipreport::session::{self, CompileOptions, Search, Session};
use ipreport::watch::Rebuilder;
use proptest::prelude::*;

fn files_with(root: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    files.sort();
    files
}

const WORDS: &[&str] = &[
    "修订",
    "知识产权",
    "保护",
    "示范",
    "协同",
    "快速",
    "维权",
    "中心",
];
const LINKS: &[&str] = &[
    "@measure/decision-2022/1",
    "@doc/plan-2024-2026",
    "@dept/amr",
    "@page/about",
    "@year/2023",
    "@indicator/invention-patents/2024",
    "@case/2024/patent-mediation",
    "@achievement/2023/enforcement",
    "@event/2024/3",
];

#[derive(Debug, Clone)]
enum Edit {
    /// Retitle a Markdown item in one language.
    MarkdownTitle { file: usize, word: usize },
    /// Add a paragraph to a Markdown body.
    Paragraph { file: usize, word: usize },
    /// Add a cross-reference with empty text to a Markdown body.
    Link { file: usize, link: usize },
    /// Change the first Chinese text of a YAML file.
    YamlText { file: usize, word: usize },
    /// Change an indicator value of a year.
    Value { file: usize, value: u32 },
    /// Override the footer template (or change the override).
    Footer { word: usize },
    /// Add a new case to 2024, or remove the one added before.
    ToggleCase { word: usize },
    /// Add a link to an unknown case to a Markdown body (an error), or remove it again.
    ToggleBrokenLink { file: usize },
}

/// A link that does not resolve.
const BROKEN_LINK: &str = "\n见[](@case/2024/no-such-case)。\n";

fn edit_strategy() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..64usize, 0..WORDS.len()).prop_map(|(file, word)| Edit::MarkdownTitle { file, word }),
        (0..64usize, 0..WORDS.len()).prop_map(|(file, word)| Edit::Paragraph { file, word }),
        (0..64usize, 0..LINKS.len()).prop_map(|(file, link)| Edit::Link { file, link }),
        (0..64usize, 0..WORDS.len()).prop_map(|(file, word)| Edit::YamlText { file, word }),
        (0..2usize, 1..90_000u32).prop_map(|(file, value)| Edit::Value { file, value }),
        (0..WORDS.len()).prop_map(|word| Edit::Footer { word }),
        (0..WORDS.len()).prop_map(|word| Edit::ToggleCase { word }),
        (0..64usize).prop_map(|file| Edit::ToggleBrokenLink { file }),
    ]
}

/// Makes the edit; returns the files written or removed, and whether the edit changed
/// existing files in place (no file created, removed or renamed).
fn apply(root: &Path, edit: &Edit, step: usize) -> (Vec<PathBuf>, bool) {
    let word = |w: usize| format!("{}{step}", WORDS[w]);
    let nth = |suffix: &str, n: usize| {
        let files = files_with(root, suffix);
        files[n % files.len()].clone()
    };
    match edit {
        Edit::MarkdownTitle { file, word: w } => {
            let path = nth(".md", *file);
            let text = fs::read_to_string(&path).unwrap();
            let Some(i) = text.find("\ntitle: ") else {
                return (Vec::new(), true);
            };
            let end = text[i + 1..].find('\n').map_or(text.len(), |e| i + 1 + e);
            let new = format!("{}\ntitle: {}{}", &text[..i], word(*w), &text[end..]);
            fs::write(&path, new).unwrap();
            (vec![path], true)
        }
        Edit::Paragraph { file, word: w } => {
            let path = nth(".md", *file);
            let mut text = fs::read_to_string(&path).unwrap();
            text.push_str(&format!("\n{}。\n", word(*w)));
            fs::write(&path, text).unwrap();
            (vec![path], true)
        }
        Edit::Link { file, link } => {
            let path = nth(".md", *file);
            let mut text = fs::read_to_string(&path).unwrap();
            text.push_str(&format!("\n见[]({})。\n", LINKS[*link]));
            fs::write(&path, text).unwrap();
            (vec![path], true)
        }
        Edit::ToggleBrokenLink { file } => {
            let path = nth(".md", *file);
            let text = fs::read_to_string(&path).unwrap();
            let new = match text.find(BROKEN_LINK) {
                Some(i) => format!("{}{}", &text[..i], &text[i + BROKEN_LINK.len()..]),
                None => format!("{text}{BROKEN_LINK}"),
            };
            fs::write(&path, new).unwrap();
            (vec![path], true)
        }
        Edit::YamlText { file, word: w } => {
            let files: Vec<PathBuf> = files_with(root, ".yaml")
                .into_iter()
                .filter(|p| !p.ends_with("site.yaml"))
                .collect();
            let path = files[file % files.len()].clone();
            let text = fs::read_to_string(&path).unwrap();
            let Some(i) = text.find("zh: ") else {
                return (Vec::new(), true);
            };
            let start = i + 4;
            let end = text[start..]
                .find([',', '}', '\n'])
                .map_or(text.len(), |e| start + e);
            let new = format!("{}{}{}", &text[..start], word(*w), &text[end..]);
            fs::write(&path, new).unwrap();
            (vec![path], true)
        }
        Edit::Value { file, value } => {
            let path = root.join(format!("content/years/{}/report.yaml", 2023 + file));
            let text = fs::read_to_string(&path).unwrap();
            let key = "  invention-patents: ";
            let Some(i) = text.find(key) else {
                return (Vec::new(), true);
            };
            let start = i + key.len();
            let end = text[start..].find('\n').map_or(text.len(), |e| start + e);
            let new = format!("{}{value}{}", &text[..start], &text[end..]);
            fs::write(&path, new).unwrap();
            (vec![path], true)
        }
        Edit::Footer { word: w } => {
            let theme = include_str!("../../src/render/theme/footer.html");
            let dir = root.join("templates");
            fs::create_dir_all(&dir).unwrap();
            let marked = theme.replacen(
                "<footer class=\"site-footer\">",
                &format!("<footer class=\"site-footer\" data-edit=\"{}\">", word(*w)),
                1,
            );
            let path = dir.join("footer.html");
            let existed = path.exists();
            fs::write(&path, marked).unwrap();
            (vec![path], existed)
        }
        Edit::ToggleCase { word: w } => {
            let zh = root.join("content/years/2024/cases/added-case.zh.md");
            let en = root.join("content/years/2024/cases/added-case.en.md");
            if zh.exists() {
                fs::remove_file(&zh).unwrap();
                fs::remove_file(&en).unwrap();
            } else {
                fs::write(
                    &zh,
                    format!(
                        "---\ntitle: {}案\nip_type: copyright\nprocedure: mediation\nmeasures: [decision-2022/1]\n---\n正文见[](@dept/amr)。\n",
                        word(*w)
                    ),
                )
                .unwrap();
                fs::write(&en, "---\ntitle: An added case\n---\nSee [](@dept/amr).\n").unwrap();
            }
            (vec![zh, en], false)
        }
    }
}

/// Builds incrementally, as watch mode does (one cache and state for the whole sequence),
/// and checks output and diagnostics against a clean full build.
fn check_step(root: &Path, session: &mut Session) -> Result<(), TestCaseError> {
    let options = CompileOptions::default();
    let full = session::compile(root, options);
    let prepared = session.prepare();
    let render = |ds: &[ipreport::diagnostics::Diagnostic], sources| {
        ipreport::diagnostics::render_json(ds, sources)
    };
    let mut diagnostics = ipreport::diagnostics::Diagnostics::new();
    diagnostics.extend(prepared.diagnostics.iter().cloned());
    let diagnostics = diagnostics.sorted(&prepared.sources);
    prop_assert_eq!(
        render(&diagnostics, &prepared.sources),
        render(&full.diagnostics, &full.sources)
    );
    if prepared.renderer().is_none() {
        // An edit that breaks the site: both refuse, and the state stays as it was.
        prop_assert!(full.output.is_none());
        return Ok(());
    }
    session
        .render(&prepared, Search::Now)
        .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
    let incremental = session.output().unwrap();
    let full = full.output.expect("the full build succeeds too");
    let keys_a: Vec<&String> = incremental.keys().collect();
    let keys_b: Vec<&String> = full.keys().collect();
    prop_assert_eq!(keys_a, keys_b);
    for (path, file) in &full {
        prop_assert!(
            incremental.get(path) == Some(file),
            "{} differs from a full build",
            path
        );
    }
    Ok(())
}

/// 10 random edit sequences per test; PROPTEST_CASES=500 for a longer hunt.
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(10),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn incremental_output_equals_a_full_build(edits in prop::collection::vec(edit_strategy(), 1..7)) {
        let dir = good_copy();
        let mut session = Session::watching(dir.path(), CompileOptions::default());
        check_step(dir.path(), &mut session)?;
        for (step, edit) in edits.iter().enumerate() {
            apply(dir.path(), edit, step);
            check_step(dir.path(), &mut session)?;
        }
    }
}

#[test]
fn an_edit_re_renders_only_the_pages_that_show_it() {
    let dir = good_copy();
    let root = dir.path();
    let mut session = Session::watching(root, CompileOptions::default());
    let build = |session: &mut Session| {
        let prepared = session.prepare();
        assert!(prepared.renderer().is_some(), "builds");
        session.render(&prepared, Search::Now).unwrap()
    };
    let first = build(&mut session);
    assert_eq!(first.rendered, first.total_pages);
    // A sentence added to a case changes the case page in its language and the year's print
    // page, which holds every case in full, and nothing else.
    let path = root.join("content/years/2024/cases/patent-mediation.zh.md");
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str("\n补充说明。\n");
    fs::write(&path, text).unwrap();
    let second = build(&mut session);
    assert!(
        second.rendered < first.total_pages / 4,
        "{} pages rendered",
        second.rendered
    );
    let (pages, others): (Vec<&String>, Vec<&String>) =
        second.updated.iter().partition(|p| p.ends_with(".html"));
    assert_eq!(
        pages,
        vec![
            "2024/cases/patent-mediation/index.html",
            "2024/print/index.html"
        ]
    );
    // The search index of the case's language follows the new text.
    assert!(
        !others.is_empty() && others.iter().all(|p| p.starts_with("search/data/")),
        "{others:?}"
    );
    assert!(second.created.is_empty() && second.removed.is_empty());
}

/// The bytes of a build's output.
fn bytes_of(output: &ipreport::render::Output) -> BTreeMap<String, Vec<u8>> {
    output
        .iter()
        .map(|(path, file)| {
            let bytes = match file {
                OutputFile::Bytes(b) => b.clone(),
                OutputFile::Copy(from) => fs::read(&from.path).unwrap(),
            };
            (path.clone(), bytes)
        })
        .collect()
}

fn same_files(
    found: &BTreeMap<String, Vec<u8>>,
    expected: &BTreeMap<String, Vec<u8>>,
    what: &str,
) -> Result<(), TestCaseError> {
    let a: Vec<&String> = found.keys().collect();
    let b: Vec<&String> = expected.keys().collect();
    prop_assert_eq!(a, b, "{}: other files", what);
    for (path, bytes) in expected {
        prop_assert!(found.get(path) == Some(bytes), "{}: {} differs", what, path);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// Watch mode as a whole, previews included: a preview writes exactly the bytes of a full
    /// build of the edited site, never after an edit that breaks it; after each rebuild the
    /// output folder holds a full build, or after a failed one what it held before.
    #[test]
    fn watch_mode_output_equals_a_full_build(edits in prop::collection::vec(edit_strategy(), 1..7)) {
        let dir = good_copy();
        let out = tempfile::tempdir().unwrap();
        let mut rebuilder = Rebuilder::new(dir.path(), out.path(), false);
        prop_assert!(rebuilder.build().ok);
        let mut good = files_on_disk(out.path());
        for (step, edit) in edits.iter().enumerate() {
            let (paths, in_place) = apply(dir.path(), edit, step);
            let full = session::compile(dir.path(), CompileOptions::default());
            let full = full.output.as_ref().map(bytes_of);
            if in_place {
                if rebuilder.preview(&paths).is_some() {
                    let Some(full) = &full else {
                        return Err(TestCaseError::fail("previewed an edit that breaks the site"));
                    };
                    let now = files_on_disk(out.path());
                    prop_assert!(now.keys().eq(good.keys()), "a preview adds or removes no file");
                    for (path, bytes) in &now {
                        if good.get(path) != Some(bytes) {
                            prop_assert!(path.ends_with(".html"));
                            prop_assert!(full.get(path) == Some(bytes), "preview of {} differs", path);
                        }
                    }
                }
                rebuilder.edited(paths.iter().map(PathBuf::as_path));
            } else {
                rebuilder.changed(paths.iter().map(PathBuf::as_path));
            }
            let report = rebuilder.build();
            rebuilder.update_search();
            let now = files_on_disk(out.path());
            match full {
                Some(full) => {
                    prop_assert!(report.ok, "{}", report.summary);
                    same_files(&now, &full, "after a rebuild")?;
                    good = now;
                }
                None => {
                    prop_assert!(!report.ok, "{}", report.summary);
                    same_files(&now, &good, "after a failed rebuild")?;
                }
            }
        }
    }
}

/// Watch mode on the site at `root`, after its first build, writing to a temporary folder.
fn watching(root: &Path) -> (tempfile::TempDir, Rebuilder) {
    let out = tempfile::tempdir().unwrap();
    let mut rebuilder = Rebuilder::new(root, out.path(), false);
    assert!(rebuilder.build().ok);
    (out, rebuilder)
}

/// The usual edit of prose, a sentence added to a case, shows in the case's pages before
/// the rebuild, and the rebuild then finds those pages as they are.
fn preview_a_prose_edit(languages: &str, pages: &[(&str, &str)]) {
    let dir = good_copy();
    let site_yaml = dir.path().join("content/site.yaml");
    let text = fs::read_to_string(&site_yaml).unwrap();
    fs::write(&site_yaml, text.replace("languages: [zh, en]", languages)).unwrap();
    let (out, mut rebuilder) = watching(dir.path());
    let path = dir
        .path()
        .join("content/years/2024/cases/patent-mediation.zh.md");
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str("\n补充说明一句。\n");
    fs::write(&path, text).unwrap();
    let report = rebuilder
        .preview(std::slice::from_ref(&path))
        .expect("a preview");
    let expected = format!(
        ": {} page{} written, rebuilding the rest",
        pages.len(),
        if pages.len() == 1 { "" } else { "s" }
    );
    assert!(
        report.ok
            && report
                .summary
                .starts_with("previewed content/years/2024/cases/patent-mediation.zh.md in ")
            && report.summary.ends_with(&expected),
        "{}",
        report.summary
    );
    for (page, sentence) in pages {
        let html = fs::read_to_string(out.path().join(page)).unwrap();
        assert!(html.contains(sentence), "{page}");
    }
    rebuilder.edited([path.as_path()]);
    let report = rebuilder.build();
    assert!(
        report.ok && report.summary.contains("0 files changed"),
        "{}",
        report.summary
    );
    // A changed title is more than a body: no preview, the rebuild does it all.
    let text = fs::read_to_string(&path)
        .unwrap()
        .replacen("title: ", "title: 新", 1);
    fs::write(&path, text).unwrap();
    assert!(rebuilder.preview(std::slice::from_ref(&path)).is_none());
}

#[test]
fn a_prose_edit_is_previewed() {
    preview_a_prose_edit(
        "languages: [zh, en]",
        &[
            ("2024/cases/patent-mediation/index.html", "补充说明一句。"),
            ("2024/print/index.html", "补充说明一句。"),
        ],
    );
}

#[test]
fn a_prose_edit_is_previewed_in_derived_traditional_chinese_too() {
    preview_a_prose_edit(
        "languages: [zh, en, zh-Hant]",
        &[
            ("2024/cases/patent-mediation/index.html", "补充说明一句。"),
            ("2024/print/index.html", "补充说明一句。"),
            (
                "zh-Hant/2024/cases/patent-mediation/index.html",
                "補充說明一句。",
            ),
            ("zh-Hant/2024/print/index.html", "補充說明一句。"),
        ],
    );
}

/// A preview is taken back when the rebuild after it fails (here another file broke in
/// between): the output on disk stays the last good build.
#[test]
fn a_failed_rebuild_takes_the_preview_back() {
    let dir = good_copy();
    let (out, mut rebuilder) = watching(dir.path());
    let good = files_on_disk(out.path());
    let case = dir
        .path()
        .join("content/years/2024/cases/patent-mediation.zh.md");
    let mut text = fs::read_to_string(&case).unwrap();
    text.push_str("\n预览后被撤回的一句。\n");
    fs::write(&case, text).unwrap();
    assert!(rebuilder.preview(std::slice::from_ref(&case)).is_some());
    let page = out.path().join("2024/cases/patent-mediation/index.html");
    assert!(
        fs::read_to_string(&page)
            .unwrap()
            .contains("预览后被撤回的一句。")
    );
    let report = dir.path().join("content/years/2024/report.yaml");
    let yaml = fs::read_to_string(&report).unwrap();
    fs::write(&report, format!("{yaml}\nnonsense_key: 1\n")).unwrap();
    rebuilder.edited([case.as_path(), report.as_path()]);
    assert!(!rebuilder.build().ok);
    same_files(
        &files_on_disk(out.path()),
        &good,
        "after the failed rebuild",
    )
    .unwrap();
    // No preview from a model that failed: the next edit waits for a good build.
    fs::write(&report, yaml).unwrap();
    assert!(rebuilder.preview(std::slice::from_ref(&case)).is_none());
    rebuilder.edited([report.as_path()]);
    assert!(rebuilder.build().ok);
    assert!(
        fs::read_to_string(&page)
            .unwrap()
            .contains("预览后被撤回的一句。")
    );
}

/// A new link previews too: the case's page at once, the linked department's "cited by"
/// list with the rebuild.
#[test]
fn a_new_link_is_previewed_and_its_target_follows_with_the_rebuild() {
    let dir = good_copy();
    let (out, mut rebuilder) = watching(dir.path());
    let case = dir
        .path()
        .join("content/years/2023/cases/patent-infringement.zh.md");
    let department = out.path().join("departments/customs/index.html");
    let before = fs::read_to_string(&department).unwrap();
    let mut text = fs::read_to_string(&case).unwrap();
    text.push_str("\n另见[](@dept/customs)。\n");
    fs::write(&case, text).unwrap();
    let report = rebuilder.preview(std::slice::from_ref(&case));
    assert!(report.is_some_and(|r| r.ok));
    let page = out.path().join("2023/cases/patent-infringement/index.html");
    assert!(
        fs::read_to_string(&page)
            .unwrap()
            .contains("departments/customs/")
    );
    assert_eq!(fs::read_to_string(&department).unwrap(), before);
    rebuilder.edited([case.as_path()]);
    assert!(rebuilder.build().ok);
    let after = fs::read_to_string(&department).unwrap();
    assert!(after != before && after.contains("2023/cases/patent-infringement/"));
}
