//! Lint results kept between rebuilds in watch mode: an item is checked again only if a file
//! it comes from was re-read or its texts moved.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Mutex;

use super::texts::ItemTexts;
use crate::diagnostics::Diagnostic;
use crate::model::TextValues;
use crate::source::SourceMap;

/// Results by item key; see [`key`].
pub struct LintCache {
    entries: Mutex<HashMap<u64, Vec<Diagnostic>>>,
    /// Keys used by the current run; everything else is dropped at its end.
    used: Mutex<Vec<u64>>,
    /// Whether results are kept at all: a single build has no use for them.
    keep: bool,
}

impl Default for LintCache {
    fn default() -> Self {
        LintCache {
            entries: Mutex::default(),
            used: Mutex::default(),
            keep: true,
        }
    }
}

/// Identifies an item's texts by where they are and which reading of their files they come
/// from: equal keys mean equal texts at equal places, so equal diagnostics.
pub fn key(kind: u8, item: &ItemTexts, sources: &SourceMap) -> u64 {
    let mut h = DefaultHasher::new();
    kind.hash(&mut h);
    let mut span = |s: crate::source::Span| {
        s.hash(&mut h);
        sources.get(s.file).version.hash(&mut h);
    };
    for text in &item.texts {
        match &text.values {
            TextValues::Universal(_) => span(text.span),
            TextValues::ByLanguage(map) => {
                for (_, v) in map.iter() {
                    span(v.span);
                }
            }
        }
    }
    for body in &item.bodies {
        for (_, f) in body.iter() {
            span(f.origin);
        }
    }
    h.finish()
}

impl LintCache {
    /// A cache that keeps nothing, for a single build.
    pub fn one_shot() -> LintCache {
        LintCache {
            keep: false,
            ..LintCache::default()
        }
    }

    /// The cached diagnostics for `key`, or `check()`'s, remembered.
    pub fn get_or(&self, key: u64, check: impl FnOnce() -> Vec<Diagnostic>) -> Vec<Diagnostic> {
        if !self.keep {
            return check();
        }
        if let Ok(mut used) = self.used.lock() {
            used.push(key);
        }
        if let Some(found) = self.entries.lock().ok().and_then(|e| e.get(&key).cloned()) {
            return found;
        }
        let result = check();
        if let Ok(mut entries) = self.entries.lock() {
            entries.insert(key, result.clone());
        }
        result
    }

    /// Forgets the results of items that no longer exist.
    pub fn end_run(&self) {
        let (Ok(mut entries), Ok(mut used)) = (self.entries.lock(), self.used.lock()) else {
            return;
        };
        let keep: std::collections::HashSet<u64> = used.drain(..).collect();
        entries.retain(|k, _| keep.contains(k));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_shot_cache_checks_every_time_and_keeps_nothing() {
        for (cache, runs) in [(LintCache::default(), 1), (LintCache::one_shot(), 2)] {
            let mut checked = 0;
            for _ in 0..2 {
                cache.get_or(7, || {
                    checked += 1;
                    Vec::new()
                });
            }
            assert_eq!(checked, runs);
            assert_eq!(cache.entries.lock().unwrap().len(), 2 - runs);
        }
    }
}
