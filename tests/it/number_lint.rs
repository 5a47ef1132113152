//! Measures the zh↔en number lint on the test set in `tests/fixtures/number-lint/`:
//!
//! - `content.yaml`: clean pairs taken verbatim from the example site;
//! - `hard.yaml`: clean pairs that a naive lint would flag (set phrases, ordinals, markers,
//!   case numbers, date formats, rounding);
//! - `seeded.yaml`: pairs with realistic seeded translation errors;
//! - `heldout.yaml`: clean and seeded pairs written after the lint was tuned on the others.
//!
//! Recall is the share of seeded errors flagged *for the right reason* (the mismatch names the
//! texts listed in `flags`); the false-positive rate is flagged clean pairs per 50 clean pairs.

use ipreport::lint::numbers::{Mismatch, compare, compare_markdown};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize, PartialEq, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum Expect {
    Clean,
    Mismatch,
}

#[derive(Debug, Deserialize)]
struct Case {
    zh: String,
    en: String,
    expect: Expect,
    note: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    flags: Vec<String>,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/number-lint")
}

fn load(name: &str) -> Vec<Case> {
    let path = fixtures().join(name);
    let text = std::fs::read_to_string(&path).expect("fixture file is readable");
    serde_saphyr::from_str::<Vec<Case>>(&text).expect("fixture file is valid")
}

/// Whether the mismatch names every expected text (on either side).
fn names_all(m: &Mismatch, flags: &[String]) -> bool {
    flags
        .iter()
        .all(|f| m.zh.iter().chain(&m.en).any(|x| &x.text == f))
}

fn label(c: &Case) -> &str {
    c.source.as_deref().unwrap_or(&c.note)
}

/// Counts for one file of the set.
#[derive(Default)]
struct Score {
    clean: usize,
    false_positives: usize,
    seeded: usize,
    /// Flagged, naming the expected texts.
    detected: usize,
    /// Flagged at all.
    flagged: usize,
}

fn score(name: &str) -> Score {
    let mut s = Score::default();
    for c in load(name) {
        let found = compare(&c.zh, &c.en);
        match c.expect {
            Expect::Clean => {
                s.clean += 1;
                if let Some(m) = found {
                    s.false_positives += 1;
                    eprintln!("false positive [{name}: {}]: {m}", label(&c));
                }
            }
            Expect::Mismatch => {
                s.seeded += 1;
                match found {
                    Some(m) if names_all(&m, &c.flags) => {
                        s.detected += 1;
                        s.flagged += 1;
                    }
                    Some(m) => {
                        s.flagged += 1;
                        eprintln!("flagged for the wrong reason [{name}: {}]: {m}", c.note);
                    }
                    None => eprintln!("missed [{name}: {}]: {} / {}", c.note, c.zh, c.en),
                }
            }
        }
    }
    eprintln!(
        "number lint: {name}: {} clean, {} flagged; {} seeded, {} named, {} flagged",
        s.clean, s.false_positives, s.seeded, s.detected, s.flagged
    );
    s
}

#[test]
fn recall_and_false_positive_rate() {
    let files = ["content.yaml", "hard.yaml", "seeded.yaml", "heldout.yaml"];
    let scores: Vec<Score> = files.iter().map(|f| score(f)).collect();
    let [content, hard, seeded, heldout] = &scores[..] else {
        unreachable!("four files");
    };
    assert!(
        content.clean >= 60 && content.seeded == 0,
        "at least 60 clean pairs from content/"
    );
    assert!(
        hard.clean >= 15 && hard.seeded == 0,
        "at least 15 hard clean pairs"
    );
    assert!(
        seeded.seeded >= 30 && seeded.clean == 0,
        "at least 30 seeded errors"
    );

    let total = |f: fn(&Score) -> usize| scores.iter().map(f).sum::<usize>();
    let seeded_all = total(|s| s.seeded);
    let recall = total(|s| s.detected) as f64 / seeded_all as f64;
    let clean_all = total(|s| s.clean);
    let fp_per_50 = total(|s| s.false_positives) as f64 / clean_all as f64 * 50.0;
    eprintln!(
        "number lint: recall {recall:.3} ({} of {seeded_all} seeded errors named; held-out {} of {})",
        total(|s| s.detected),
        heldout.detected,
        heldout.seeded
    );
    eprintln!(
        "number lint: {fp_per_50:.2} false positives per 50 clean pairs ({} of {clean_all})",
        total(|s| s.false_positives)
    );
    assert!(recall >= 0.95, "recall {recall:.3} < 0.95");
    assert!(
        fp_per_50 <= 1.0,
        "{fp_per_50:.2} false positives per 50 clean pairs"
    );
}

/// Whole Markdown pairs of the example site: compare_markdown pairs their blocks and flags only
/// the one genuine difference (the English adds "Wang and 2 others").
#[test]
fn example_site_markdown_pairs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut flagged = Vec::new();
    let mut pairs = 0;
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let zh_path = entry.path().to_string_lossy().to_string();
        let Some(stem) = zh_path.strip_suffix(".zh.md") else {
            continue;
        };
        let (Ok(zh), Ok(en)) = (
            std::fs::read_to_string(&zh_path),
            std::fs::read_to_string(format!("{stem}.en.md")),
        ) else {
            continue;
        };
        pairs += 1;
        for (zr, er, m) in compare_markdown(&zh, &en) {
            eprintln!(
                "{zh_path}: {m}\n  zh: {}\n  en: {}",
                &zh[zr.clone()],
                &en[er.clone()]
            );
            for x in &m.zh {
                assert_eq!(
                    &zh[x.range.clone()],
                    x.text,
                    "zh range points at the mention"
                );
            }
            for x in &m.en {
                assert_eq!(
                    &en[x.range.clone()],
                    x.text,
                    "en range points at the mention"
                );
            }
            flagged.push(m.to_string());
        }
    }
    assert!(pairs > 20, "the example site has its zh/en pairs");
    // The lead may edit the example content; this only guards against a flood of warnings.
    assert!(flagged.len() <= 2, "unexpected warnings: {flagged:#?}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000),
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// The lint's fast path may never hide two numbers that differ.
    #[test]
    fn the_fast_path_never_hides_a_mismatch(
        zh in "[0-9０-９a-zA-Z .,:：/()（）`#@<>|\\[\\]\n、\\-−+%万亿千百十一二三两第年月日号件个 ]{0,14}",
        en in "[0-9a-zA-Z .,:/()`#@<>|\\[\\]\n\\-−+%‰]{0,14}|(Oct|March|May|million|mn|bn|k|m|pp|pct|per cent|percentage points|first|1st|2nd|3rd|th|days|years|half| |,|\\.|-|[0-9]){0,8}",
    ) {
        use ipreport::lint::numbers::{compare, fast_path_is_sound};
        // English text with Chinese in it is read by the English rules, which is not what
        // the lint is for: the pairs are a Chinese text and an English one.
        for (z, e) in [(zh.as_str(), en.as_str()), (en.as_str(), en.as_str())] {
            proptest::prop_assert!(
                fast_path_is_sound(z, e),
                "fast path agrees on {:?} / {:?}: {:?}", z, e, compare(z, e)
            );
        }
    }
}
