//! What a page shows, as keys that survive a rebuild: the watcher re-renders a page only if
//! one of the things it shows has changed.

use std::collections::BTreeSet;

use crate::entity::EntityKey;
use crate::model::{Site, Target};

/// Something a page shows, named by ids (indices shift when items are added).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dep {
    /// What an entity's files say. `Entity(EntityKey::Site)` is settings, templates,
    /// navigation (page titles) and the set of pages: every page shows it.
    Entity(EntityKey),
    /// Any plan's targets (indicator tables read every plan).
    AnyDocument,
    /// Every year's values and titles (tables with previous years, progress, year lists).
    AnyReport,
    /// The "cited by" list of something in this entity.
    CitedBy(EntityKey),
}

impl Dep {
    /// Whether this (recorded) dependency is affected by a change of `changed`.
    pub fn affected_by(&self, changed: &Dep) -> bool {
        match (self, changed) {
            (Dep::AnyReport, Dep::Entity(EntityKey::Report(_)))
            | (Dep::AnyDocument, Dep::Entity(EntityKey::Document(_))) => true,
            _ => self == changed,
        }
    }
}

/// The entity whose content a link to `target` shows (its title, label or value).
pub fn entity_of(site: &Site, target: Target) -> EntityKey {
    let year = |y: usize| site.years[y].year;
    match target {
        Target::Document(d)
        | Target::Measure { doc: d, .. }
        | Target::PlanTarget { doc: d, .. } => {
            EntityKey::Document(site.documents[d].id.value.clone())
        }
        Target::Indicator(_) => EntityKey::Indicators,
        Target::IndicatorValue { year: y, .. } => EntityKey::Report(year(y)),
        Target::Year(y) => EntityKey::Report(year(y)),
        Target::Achievement { year: y, index } => EntityKey::Achievement(
            year(y),
            site.years[y].achievements[index].item.id.value.clone(),
        ),
        Target::Case { year: y, index } => {
            EntityKey::Case(year(y), site.years[y].cases[index].item.id.value.clone())
        }
        Target::Event { year: y, .. } => EntityKey::Events(year(y)),
        Target::Issue { year: y, .. } => EntityKey::Issues(year(y)),
        Target::Department(_) => EntityKey::Departments,
        Target::Page(p) => EntityKey::Page(site.pages[p].item.id.value.clone()),
    }
}

/// Extra entities a link to `target` reads besides [`entity_of`] (a value needs its
/// indicator's unit and format).
pub fn also_reads(target: Target) -> Option<EntityKey> {
    match target {
        Target::IndicatorValue { .. } | Target::PlanTarget { .. } => Some(EntityKey::Indicators),
        _ => None,
    }
}

/// The dependencies recorded while rendering one page.
#[derive(Debug, Default)]
pub struct Recorder {
    deps: std::cell::RefCell<BTreeSet<Dep>>,
}

impl Recorder {
    pub fn add(&self, dep: Dep) {
        self.deps.borrow_mut().insert(dep);
    }

    pub fn take(&self) -> Vec<Dep> {
        std::mem::take(&mut *self.deps.borrow_mut())
            .into_iter()
            .collect()
    }
}
