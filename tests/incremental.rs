//! Incremental rebuilds must give exactly the bytes of a clean full build, whatever was
//! edited: random sequences of edits to a fixture site, checked after every step.

use std::fs;
use std::path::{Path, PathBuf};

use ipreport::incremental::{self, State};
use ipreport::pipeline::{self, Cache, CompileOptions};
use proptest::prelude::*;

fn fixture_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let dest = dir.path().join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
    dir
}

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
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..64usize, 0..WORDS.len()).prop_map(|(file, word)| Edit::MarkdownTitle { file, word }),
        (0..64usize, 0..WORDS.len()).prop_map(|(file, word)| Edit::Paragraph { file, word }),
        (0..64usize, 0..LINKS.len()).prop_map(|(file, link)| Edit::Link { file, link }),
        (0..64usize, 0..WORDS.len()).prop_map(|(file, word)| Edit::YamlText { file, word }),
        (0..2usize, 1..90_000u32).prop_map(|(file, value)| Edit::Value { file, value }),
        (0..WORDS.len()).prop_map(|word| Edit::Footer { word }),
        (0..WORDS.len()).prop_map(|word| Edit::ToggleCase { word }),
    ]
}

fn apply(root: &Path, edit: &Edit, step: usize) {
    let word = |w: usize| format!("{}{step}", WORDS[w]);
    match edit {
        Edit::MarkdownTitle { file, word: w } => {
            let files = files_with(root, ".md");
            let path = &files[file % files.len()];
            let text = fs::read_to_string(path).unwrap();
            if let Some(i) = text.find("\ntitle: ") {
                let end = text[i + 1..].find('\n').map_or(text.len(), |e| i + 1 + e);
                let new = format!("{}\ntitle: {}{}", &text[..i], word(*w), &text[end..]);
                fs::write(path, new).unwrap();
            }
        }
        Edit::Paragraph { file, word: w } => {
            let files = files_with(root, ".md");
            let path = &files[file % files.len()];
            let mut text = fs::read_to_string(path).unwrap();
            text.push_str(&format!("\n{}。\n", word(*w)));
            fs::write(path, text).unwrap();
        }
        Edit::Link { file, link } => {
            let files = files_with(root, ".md");
            let path = &files[file % files.len()];
            let mut text = fs::read_to_string(path).unwrap();
            text.push_str(&format!("\n见[]({})。\n", LINKS[*link]));
            fs::write(path, text).unwrap();
        }
        Edit::YamlText { file, word: w } => {
            let files: Vec<PathBuf> = files_with(root, ".yaml")
                .into_iter()
                .filter(|p| !p.ends_with("site.yaml"))
                .collect();
            let path = &files[file % files.len()];
            let text = fs::read_to_string(path).unwrap();
            if let Some(i) = text.find("zh: ") {
                let start = i + 4;
                let end = text[start..]
                    .find([',', '}', '\n'])
                    .map_or(text.len(), |e| start + e);
                let new = format!("{}{}{}", &text[..start], word(*w), &text[end..]);
                fs::write(path, new).unwrap();
            }
        }
        Edit::Value { file, value } => {
            let path = root.join(format!("content/years/{}/report.yaml", 2023 + file));
            let text = fs::read_to_string(&path).unwrap();
            let key = "  invention-patents: ";
            if let Some(i) = text.find(key) {
                let start = i + key.len();
                let end = text[start..].find('\n').map_or(text.len(), |e| start + e);
                let new = format!("{}{value}{}", &text[..start], &text[end..]);
                fs::write(&path, new).unwrap();
            }
        }
        Edit::Footer { word: w } => {
            let theme = include_str!("../templates/footer.html");
            let dir = root.join("templates");
            fs::create_dir_all(&dir).unwrap();
            let marked = theme.replacen(
                "<footer class=\"site-footer\">",
                &format!("<footer class=\"site-footer\" data-edit=\"{}\">", word(*w)),
                1,
            );
            fs::write(dir.join("footer.html"), marked).unwrap();
        }
        Edit::ToggleCase { word: w } => {
            let zh = root.join("content/years/2024/cases/added-case.zh.md");
            let en = root.join("content/years/2024/cases/added-case.en.md");
            if zh.exists() {
                fs::remove_file(zh).unwrap();
                fs::remove_file(en).unwrap();
            } else {
                fs::write(
                    zh,
                    format!(
                        "---\ntitle: {}案\nip_type: copyright\nprocedure: mediation\nmeasures: [decision-2022/1]\n---\n正文见[](@dept/amr)。\n",
                        word(*w)
                    ),
                )
                .unwrap();
                fs::write(en, "---\ntitle: An added case\n---\nSee [](@dept/amr).\n").unwrap();
            }
        }
    }
}

/// Builds incrementally, as watch mode does (one cache and state for the whole sequence),
/// and checks output and diagnostics against a clean full build.
fn check_step(
    root: &Path,
    cache: &mut Cache,
    state: &mut Option<State>,
) -> Result<(), TestCaseError> {
    let options = CompileOptions::default();
    let full = pipeline::compile(root, options);
    let prepared = pipeline::prepare_cached(root, options, cache);
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
    let (Some(renderer), Some(site)) = (prepared.renderer(), prepared.site.as_ref()) else {
        // An edit that breaks the site: both refuse, and the state stays as it was.
        prop_assert!(full.output.is_none());
        return Ok(());
    };
    incremental::rebuild(
        &renderer,
        site,
        &prepared.sources,
        &prepared.citations,
        state,
    )
    .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
    let incremental = &state.as_ref().unwrap().output;
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

proptest! {
    // PROPTEST_CASES=500 for a longer hunt.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(10),
        ..ProptestConfig::default()
    })]

    #[test]
    fn incremental_output_equals_a_full_build(edits in prop::collection::vec(edit_strategy(), 1..7)) {
        let dir = fixture_copy();
        let mut cache = Cache::default();
        let mut state = None;
        check_step(dir.path(), &mut cache, &mut state)?;
        for (step, edit) in edits.iter().enumerate() {
            apply(dir.path(), edit, step);
            check_step(dir.path(), &mut cache, &mut state)?;
        }
    }
}

#[test]
fn an_edit_re_renders_only_the_pages_that_show_it() {
    let dir = fixture_copy();
    let root = dir.path();
    let mut state = None;
    let mut cache = Cache::default();
    let mut build = |state: &mut Option<State>| {
        let prepared = pipeline::prepare_cached(root, CompileOptions::default(), &mut cache);
        let renderer = prepared.renderer().expect("builds");
        incremental::rebuild(
            &renderer,
            prepared.site.as_ref().unwrap(),
            &prepared.sources,
            &prepared.citations,
            state,
        )
        .unwrap()
    };
    let first = build(&mut state);
    assert_eq!(first.rendered, first.total_pages);
    // A sentence added to a case changes the case page in its language and nothing else.
    let path = root.join("content/years/2024/cases/patent-mediation.zh.md");
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str("\n补充说明。\n");
    fs::write(&path, text).unwrap();
    let second = build(&mut state);
    assert!(
        second.rendered < first.total_pages / 4,
        "{} pages rendered",
        second.rendered
    );
    let (pages, others): (Vec<&String>, Vec<&String>) =
        second.updated.iter().partition(|p| p.ends_with(".html"));
    assert_eq!(pages, vec!["2024/cases/patent-mediation/index.html"]);
    // The search index of the case's language follows the new text.
    assert!(
        !others.is_empty() && others.iter().all(|p| p.starts_with("search/data/")),
        "{others:?}"
    );
    assert!(second.created.is_empty() && second.removed.is_empty());
}
