//! Helpers for the unit tests of the number lint: compact views of what a text states, and
//! assertions that two texts agree or disagree.

use super::{Kind, Mention, Mismatch, compare, extract_en, extract_zh};

/// `(text, value, kind)` of each mention, for compact assertions.
pub(super) fn zh(text: &str) -> Vec<(String, f64, Kind)> {
    simple(extract_zh(text))
}

pub(super) fn en(text: &str) -> Vec<(String, f64, Kind)> {
    simple(extract_en(text))
}

fn simple(ms: Vec<Mention>) -> Vec<(String, f64, Kind)> {
    ms.into_iter().map(|m| (m.text, m.value, m.kind)).collect()
}

pub(super) fn values(ms: &[(String, f64, Kind)]) -> Vec<f64> {
    ms.iter().map(|m| m.1).collect()
}

#[track_caller]
pub(super) fn agree(z: &str, e: &str) {
    if let Some(m) = compare(z, e) {
        panic!("expected agreement: {m}\n  zh: {z}\n  en: {e}");
    }
}

/// The mismatch, checked to name `zh_only` and `en_only` (mention texts).
#[track_caller]
pub(super) fn disagree(z: &str, e: &str, zh_only: &[&str], en_only: &[&str]) -> Mismatch {
    let Some(m) = compare(z, e) else {
        panic!("expected a mismatch\n  zh: {z}\n  en: {e}");
    };
    let texts = |ms: &[Mention]| ms.iter().map(|x| x.text.clone()).collect::<Vec<_>>();
    assert_eq!(texts(&m.zh), zh_only, "zh side of {m}");
    assert_eq!(texts(&m.en), en_only, "en side of {m}");
    m
}
