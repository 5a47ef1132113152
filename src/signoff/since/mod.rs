//! What changed since the last sign-off (`check --since PATH`): the current site compared with
//! an earlier copy of its folder, or with an earlier build's open data ([`earlier`] finds
//! and reads which), as changed, added and removed indicator values, added and removed
//! reports, cases, events, issues and documents, and changed titles. [`compare`] is pure:
//! two [`Snapshot`]s in, a sorted list of changes out.

mod earlier;
mod snapshot;

pub use earlier::{Earlier, locate};
pub use snapshot::{Snapshot, Title, Titled};

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

use super::Place;
use crate::model::{LangId, Site};
use crate::render::number::{format_number, format_value};
use crate::source::SourceMap;

/// Everything that changed, sorted: values by year (newest first) and indicator, items and
/// titles by year (newest first), kind and key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Changes {
    /// The `--since` path as given.
    pub against: String,
    /// Compared on an earlier build's open data: only values could be compared.
    pub values_only: bool,
    pub values: Vec<ValueChange>,
    pub items: Vec<ItemChange>,
    pub titles: Vec<TitleChange>,
}

/// A value that changed, was added (`before` is `None`) or removed (`after` is `None`).
#[derive(Clone, Debug, PartialEq)]
pub struct ValueChange {
    pub year: i32,
    pub indicator: String,
    /// The indicator's name in the default language.
    pub name: String,
    /// As the site shows it, with its unit.
    pub before: Option<String>,
    pub after: Option<String>,
    /// Where the value is written now (for a removed one, where it was written).
    pub at: Option<Place>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ItemKind {
    Report,
    Case,
    Event,
    Issue,
    Document,
}

impl ItemKind {
    const ALL: [ItemKind; 5] = [
        ItemKind::Report,
        ItemKind::Case,
        ItemKind::Event,
        ItemKind::Issue,
        ItemKind::Document,
    ];

    /// The kind in English, singular.
    pub fn name(self) -> &'static str {
        match self {
            ItemKind::Report => "report",
            ItemKind::Case => "case",
            ItemKind::Event => "event",
            ItemKind::Issue => "issue",
            ItemKind::Document => "document",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            ItemKind::Report => "年度报告",
            ItemKind::Case => "典型案例",
            ItemKind::Event => "十大事件",
            ItemKind::Issue => "问题",
            ItemKind::Document => "文件",
        }
    }
}

/// A report, case, event, issue or document that was added or removed.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemChange {
    pub kind: ItemKind,
    /// `None` for documents.
    pub year: Option<i32>,
    /// The id, or an event's rank.
    pub key: String,
    /// In the default language.
    pub title: String,
    pub added: bool,
    pub at: Option<Place>,
}

/// An item whose title changed in one language or more.
#[derive(Clone, Debug, PartialEq)]
pub struct TitleChange {
    pub kind: ItemKind,
    pub year: Option<i32>,
    pub key: String,
    /// (language code, before, after), for each language whose title changed.
    pub languages: Vec<(String, String, String)>,
    pub at: Option<Place>,
}

/// What changed in the current site (as this run loaded it) since `earlier`; `against` is the
/// path as the user gave it, for the summary line.
pub fn since(
    earlier: &Earlier,
    against: &str,
    site: &Site,
    sources: &SourceMap,
    drafts: bool,
) -> Result<Changes, String> {
    let default = site.languages.get(LangId::DEFAULT);
    let before = earlier.snapshot(drafts, &default.code)?;
    let after = Snapshot::of_site(site, sources);
    let chinese = site.languages.is_chinese(LangId::DEFAULT);
    let show = |id: &str, value: f64| match site.indicators.iter().find(|i| i.id.value == id) {
        Some(indicator) => format_value(indicator, value, LangId::DEFAULT, chinese),
        // An indicator no longer defined: the number as written.
        None => format_number(value, None, false),
    };
    let mut changes = compare(&before, &after, &show);
    changes.against = against.to_string();
    Ok(changes)
}

/// Compares an earlier snapshot with the current one; `show` formats a value of an indicator
/// (by id) as the site shows it.
pub fn compare(before: &Snapshot, after: &Snapshot, show: &dyn Fn(&str, f64) -> String) -> Changes {
    let values_only = before.values_only || after.values_only;
    let mut changes = Changes {
        values_only,
        values: compare_values(before, after, show),
        ..Changes::default()
    };
    if !values_only {
        let years: BTreeSet<i32> = before
            .years
            .keys()
            .chain(after.years.keys())
            .copied()
            .collect();
        let empty = snapshot::YearItems::default();
        for &year in years.iter().rev() {
            let old = before.years.get(&year).unwrap_or(&empty);
            let new = after.years.get(&year).unwrap_or(&empty);
            compare_year(year, old, new, &mut changes);
        }
        let mut documents = ChangeRecorder::new(ItemKind::Document, None, &mut changes);
        documents.by_key(&before.documents, &after.documents);
    }
    changes
}

fn compare_values(
    before: &Snapshot,
    after: &Snapshot,
    show: &dyn Fn(&str, f64) -> String,
) -> Vec<ValueChange> {
    let keys: BTreeSet<&(i32, String)> = before.values.keys().chain(after.values.keys()).collect();
    let mut values: Vec<ValueChange> = keys
        .into_iter()
        .filter_map(|key| {
            let (old, new) = (before.values.get(key), after.values.get(key));
            if let (Some(o), Some(n)) = (old, new)
                && o.value == n.value
            {
                return None;
            }
            let (year, id) = key;
            let name = after.names.get(id).or_else(|| before.names.get(id));
            Some(ValueChange {
                year: *year,
                indicator: id.clone(),
                name: name.cloned().unwrap_or_default(),
                before: old.map(|v| show(id, v.value)),
                after: new.map(|v| show(id, v.value)),
                at: new.or(old).and_then(|v| v.at.clone()),
            })
        })
        .collect();
    values.sort_by(|a, b| (Reverse(a.year), &a.indicator).cmp(&(Reverse(b.year), &b.indicator)));
    values
}

fn compare_year(
    year: i32,
    old: &snapshot::YearItems,
    new: &snapshot::YearItems,
    changes: &mut Changes,
) {
    let mut recorder = ChangeRecorder::new(ItemKind::Report, Some(year), changes);
    let reports = |r: &Option<Titled>| -> BTreeMap<String, Titled> {
        r.iter().map(|t| (year.to_string(), t.clone())).collect()
    };
    recorder.by_key(&reports(&old.report), &reports(&new.report));
    recorder.kind = ItemKind::Case;
    recorder.by_key(&old.cases, &new.cases);
    recorder.kind = ItemKind::Event;
    recorder.events(&old.events, &new.events);
    recorder.kind = ItemKind::Issue;
    recorder.by_key(&old.issues, &new.issues);
}

/// Adds the changes of one kind of item of one year to [`Changes`].
struct ChangeRecorder<'c> {
    kind: ItemKind,
    year: Option<i32>,
    changes: &'c mut Changes,
}

impl<'c> ChangeRecorder<'c> {
    fn new(kind: ItemKind, year: Option<i32>, changes: &'c mut Changes) -> ChangeRecorder<'c> {
        ChangeRecorder {
            kind,
            year,
            changes,
        }
    }

    /// Items known by id: added, removed, or retitled.
    fn by_key(&mut self, old: &BTreeMap<String, Titled>, new: &BTreeMap<String, Titled>) {
        let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
        for key in keys {
            match (old.get(key), new.get(key)) {
                (Some(o), Some(n)) => self.retitled(key, o, n),
                (None, Some(n)) => self.added_or_removed(key, n, true),
                (Some(o), None) => self.added_or_removed(key, o, false),
                (None, None) => {}
            }
        }
    }

    /// Events, known by rank only: see [`match_events`].
    fn events(&mut self, old: &[Titled], new: &[Titled]) {
        let matched = match_events(old, new);
        for &(o, n) in &matched.pairs {
            self.retitled(&(n + 1).to_string(), &old[o], &new[n]);
        }
        for &o in &matched.removed {
            self.added_or_removed(&(o + 1).to_string(), &old[o], false);
        }
        for &n in &matched.added {
            self.added_or_removed(&(n + 1).to_string(), &new[n], true);
        }
    }

    fn added_or_removed(&mut self, key: &str, item: &Titled, added: bool) {
        self.changes.items.push(ItemChange {
            kind: self.kind,
            year: self.year,
            key: key.to_string(),
            title: item.main.clone(),
            added,
            at: item.at.clone(),
        });
    }

    fn retitled(&mut self, key: &str, old: &Titled, new: &Titled) {
        let codes: BTreeSet<&String> = old.title.keys().chain(new.title.keys()).collect();
        let languages: Vec<(String, String, String)> = codes
            .into_iter()
            .filter_map(|code| {
                let (o, n) = (old.title.get(code), new.title.get(code));
                (o != n).then(|| {
                    let text = |t: Option<&String>| t.cloned().unwrap_or_default();
                    (code.clone(), text(o), text(n))
                })
            })
            .collect();
        if !languages.is_empty() {
            self.changes.titles.push(TitleChange {
                kind: self.kind,
                year: self.year,
                key: key.to_string(),
                languages,
                at: new.at.clone(),
            });
        }
    }
}

/// Two ranked event lists matched up (indices into each).
#[derive(Debug, Default, PartialEq, Eq)]
struct EventMatch {
    pairs: Vec<(usize, usize)>,
    removed: Vec<usize>,
    added: Vec<usize>,
}

/// Events have no id, only a rank, and a list is reordered as often as it is edited. An event
/// with the same title is the same event wherever it moved; of the rest, the events at the
/// same rank are one event retitled; what remains was removed or added.
fn match_events(old: &[Titled], new: &[Titled]) -> EventMatch {
    let mut old_free: Vec<bool> = vec![true; old.len()];
    let mut new_free: Vec<bool> = vec![true; new.len()];
    let mut matched = EventMatch::default();
    for (n, event) in new.iter().enumerate() {
        if let Some(o) = (0..old.len()).find(|&o| old_free[o] && old[o].title == event.title) {
            old_free[o] = false;
            new_free[n] = false;
            matched.pairs.push((o, n));
        }
    }
    for rank in 0..old.len().min(new.len()) {
        if old_free[rank] && new_free[rank] {
            old_free[rank] = false;
            new_free[rank] = false;
            matched.pairs.push((rank, rank));
        }
    }
    matched.pairs.sort_by_key(|&(_, n)| n);
    matched.removed = (0..old.len()).filter(|&o| old_free[o]).collect();
    matched.added = (0..new.len()).filter(|&n| new_free[n]).collect();
    matched
}

impl Changes {
    /// Only the changes of one year (and the documents', which belong to no year).
    pub fn only_year(mut self, year: i32) -> Changes {
        self.values.retain(|v| v.year == year);
        self.items.retain(|i| i.year.is_none_or(|y| y == year));
        self.titles.retain(|t| t.year.is_none_or(|y| y == year));
        self
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.items.is_empty() && self.titles.is_empty()
    }

    /// `3 values changed, 1 case added, 1 title changed`, or `no changes`.
    pub fn summary(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let count = |n: usize, word: &str, what: &str| -> Option<String> {
            let plural = if n == 1 { "" } else { "s" };
            (n > 0).then(|| format!("{n} {word}{plural} {what}"))
        };
        let values = |f: fn(&ValueChange) -> bool| self.values.iter().filter(|v| f(v)).count();
        parts.extend(count(
            values(|v| v.before.is_some() && v.after.is_some()),
            "value",
            "changed",
        ));
        parts.extend(count(values(|v| v.before.is_none()), "value", "added"));
        parts.extend(count(values(|v| v.after.is_none()), "value", "removed"));
        for kind in ItemKind::ALL {
            for (added, what) in [(true, "added"), (false, "removed")] {
                let n = self
                    .items
                    .iter()
                    .filter(|i| i.kind == kind && i.added == added)
                    .count();
                parts.extend(count(n, kind.name(), what));
            }
        }
        parts.extend(count(self.titles.len(), "title", "changed"));
        if parts.is_empty() {
            "no changes".to_string()
        } else {
            parts.join(", ")
        }
    }

    /// What `check` prints after the diagnostics: a summary line, then one line a change.
    pub fn terminal(&self) -> String {
        let note = if self.values_only { VALUES_ONLY } else { "" };
        let mut out = format!("since {}{note}: {}\n", self.against, self.summary());
        let at = |place: &Option<Place>| {
            place
                .as_ref()
                .map(|p| format!("  ({})", p.file_line()))
                .unwrap_or_default()
        };
        for v in &self.values {
            let shown = |s: &Option<String>| s.clone().unwrap_or_else(|| "—".to_string());
            out.push_str(&format!(
                "  {} {} ({}): {} → {}{}\n",
                v.year,
                v.name,
                v.indicator,
                shown(&v.before),
                shown(&v.after),
                at(&v.at)
            ));
        }
        for i in &self.items {
            let verb = if i.added { "added" } else { "removed" };
            out.push_str(&format!(
                "  {}{} {verb}: {} {}{}\n",
                year_prefix(i.year),
                i.kind.name(),
                i.key,
                i.title,
                at(&i.at)
            ));
        }
        for t in &self.titles {
            out.push_str(&format!(
                "  {}{} {} title: {}{}\n",
                year_prefix(t.year),
                t.kind.name(),
                t.key,
                title_changes(&t.languages),
                at(&t.at)
            ));
        }
        out
    }
}

/// Said wherever changes against open data are shown.
pub const VALUES_ONLY: &str = " (values only: an earlier build's data/indicators.json holds no cases, events, issues or titles)";

fn year_prefix(year: Option<i32>) -> String {
    year.map(|y| format!("{y} ")).unwrap_or_default()
}

/// `zh 旧 → 新; en old → new`.
pub fn title_changes(languages: &[(String, String, String)]) -> String {
    languages
        .iter()
        .map(|(code, before, after)| format!("{code} {before} → {after}"))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests;
